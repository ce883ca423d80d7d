//! The comparison table: every demarcation proposal side by side, with the figures of the latest
//! check (ceded and gained area, furthest advance, oblast shares, belt depths, monitored share)
//! and the verdict of each rule about lines.

use super::paint::severity_colour;
use super::scenario_layer::proposal_colour;
use crate::format::{figure, percent};
use crate::model::Scenario;
use crate::rules::DemarcationStats;
use crate::rules::Report;
use crate::rules::overlays::{CompareLimits, RuleSetting, Verdict, line_rules, setting};
use egui::{Color32, RichText};

/// Draws the table.
pub fn ui(ui: &mut egui::Ui, report: &Report, settings: &[RuleSetting], scenario: &Scenario) {
    if report.demarcations.is_empty() {
        ui.label("The plan has no demarcation proposal. Draw one with the Draw demarcation tool.");
        return;
    }
    let limits = CompareLimits::of(settings);
    let (warn, max_ceded, max_advance, min_cover) = (
        limits.warn_depth_km,
        limits.max_ceded_km2,
        limits.max_advance_km,
        limits.min_monitored,
    );
    let ok = super::paint::color(crate::scene::style::VERDICT_PASS);
    let bad = severity_colour(crate::rules::Severity::Error);
    let warning = severity_colour(crate::rules::Severity::Warning);
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("compare-proposals")
            .striped(true)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                for (index, d) in report.demarcations.iter().enumerate() {
                    let name = d.name.clone().unwrap_or_else(|| d.id.clone());
                    ui.label(RichText::new(name).strong().color(proposal_colour(index)));
                }
                ui.end_row();

                let number_row = |ui: &mut egui::Ui,
                                  title: &str,
                                  value: &dyn Fn(
                    &DemarcationStats,
                ) -> (String, Option<Color32>)| {
                    ui.label(title);
                    for d in &report.demarcations {
                        if d.valid {
                            let (text, colour) = value(d);
                            match colour {
                                Some(c) => ui.label(RichText::new(text).color(c)),
                                None => ui.label(text),
                            };
                        } else {
                            ui.label(RichText::new("does not split Ukraine").color(bad));
                        }
                    }
                    ui.end_row();
                };
                number_row(ui, "Ceded km²", &|d| {
                    let c = if d.ceded_km2 > max_ceded { bad } else { ok };
                    (amount(d.ceded_km2), Some(c))
                });
                number_row(ui, "Gained km²", &|d| {
                    let c = (d.gained_km2 > limits.max_gained_km2).then_some(warning);
                    (amount(d.gained_km2), c)
                });
                number_row(ui, "Furthest advance km", &|d| {
                    let c = if d.max_advance_km > max_advance {
                        bad
                    } else {
                        ok
                    };
                    (amount(d.max_advance_km), Some(c))
                });
                number_row(ui, "Donetsk on Russian side", &|d| {
                    (percent(d.donetsk_share), None)
                });
                number_row(ui, "Luhansk on Russian side", &|d| {
                    (percent(d.luhansk_share), None)
                });
                for (city, _) in &report.belt_cities {
                    let title = format!("{city} depth km");
                    number_row(ui, &title, &|d| match d.belt_depth(city) {
                        Some(depth) => {
                            let c = if depth < 0.0 {
                                bad
                            } else if depth < warn {
                                warning
                            } else {
                                ok
                            };
                            (format!("{depth:+.1}"), Some(c))
                        }
                        None => ("-".to_owned(), None),
                    });
                }
                number_row(ui, "Line of control monitored", &|d| {
                    let c = if d.monitored_share < min_cover {
                        warning
                    } else {
                        ok
                    };
                    (percent(d.monitored_share), Some(c))
                });

                for rule in line_rules() {
                    ui.label(rule.badge).on_hover_text(rule.title);
                    for d in &report.demarcations {
                        let enabled = setting(settings, rule.id).is_none_or(|s| s.params.enabled);
                        let (text, colour) = match report.verdict(rule.id, &d.id, enabled) {
                            Verdict::Pass => ("pass".to_owned(), ok),
                            Verdict::Found(s) => (s.as_str().to_owned(), severity_colour(s)),
                            Verdict::Off => (
                                "off".to_owned(),
                                super::paint::color(crate::scene::style::VERDICT_OFF),
                            ),
                        };
                        ui.label(RichText::new(text).strong().color(colour));
                    }
                    ui.end_row();
                }
            });
    });
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "{} of {}. Depths are signed: negative on the Russian-controlled side.",
            match report.demarcations.len() {
                1 => "1 proposal".to_owned(),
                n => format!("{n} proposals"),
            },
            scenario.title
        ))
        .weak()
        .small(),
    );
}

/// An area or distance as the table shows it: rounding noise around zero (a line identical to
/// today's moves -0.0 km²) reads as 0.
fn amount(x: f64) -> String {
    figure(if x.abs() < 0.05 { 0.0 } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_negative_zero() {
        assert_eq!(amount(-0.0), "0.0");
        assert_eq!(amount(-0.01), "0.0");
        assert_eq!(amount(6707.2), "6,707");
    }
}

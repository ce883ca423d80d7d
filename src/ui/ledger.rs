//! The force ledger: guarantor strength against the benchmarks of the debate (100,000 to 150,000
//! troops [S4]; an NRF of 40,000 with a 5,000-strong VJTF [S3]), and by nation and by component,
//! in Ukraine and pre-positioned outside it, as bar charts (egui_plot) over a table of the
//! figures.

use super::rules_ui::RulesUi;
use crate::rules::context::thousands;
use crate::rules::overlays::Strength;
use crate::scene::style::{self, Rgba};
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, Text};
use std::collections::BTreeMap;

/// An opaque style colour, usable in constants.
const fn rgb(c: Rgba) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Strength in Ukraine.
const IN_UKRAINE: Color32 = rgb(style::LEDGER_IN_UKRAINE);
/// Strength outside Ukraine.
const OUTSIDE: Color32 = rgb(style::LEDGER_OUTSIDE);
/// Benchmarks.
const BENCHMARK: Color32 = rgb(style::LEDGER_BENCHMARK);

/// Draws the ledger.
pub fn ui(ui: &mut egui::Ui, rules: &RulesUi) {
    let ledger = &rules.report.forces;
    let number = |rule: &str, name: &str, fallback: f64| {
        rules
            .setting(rule)
            .map_or(fallback, |s| s.number(name))
            .max(0.0)
    };
    let min_troops = number("force-sufficiency", "min_troops", 100_000.0);
    let full_troops = number("force-sufficiency", "full_troops", 150_000.0);
    let nrf_troops = number("rapid-reaction", "nrf_troops", 40_000.0);
    let nrf_days = number("rapid-reaction", "nrf_days", 30.0);
    let vjtf_troops = number("rapid-reaction", "vjtf_troops", 5_000.0);
    let vjtf_days = number("rapid-reaction", "vjtf_days", 7.0);
    let land = rules.strength.land;

    ui.label(RichText::new("Against the benchmarks").strong());
    let benchmarks = [
        (
            "Land forces",
            land,
            vec![(min_troops, "minimum"), (full_troops, "full")],
        ),
        (
            "Ready in NRF time",
            Strength {
                in_ukraine: 0,
                outside: ledger.ready_within_nrf_days,
            },
            vec![(nrf_troops, "NRF")],
        ),
        (
            "Ready in VJTF time",
            Strength {
                in_ukraine: 0,
                outside: ledger.ready_within_vjtf_days,
            },
            vec![(vjtf_troops, "VJTF")],
        ),
    ];
    let names: Vec<String> = benchmarks.iter().map(|(n, _, _)| (*n).to_owned()).collect();
    let bars: Vec<(String, Strength)> = benchmarks
        .iter()
        .map(|(n, s, _)| ((*n).to_owned(), *s))
        .collect();
    let ready_colour = rgb(style::LEDGER_READY);
    Plot::new("ledger-benchmarks")
        .height(190.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(full_troops.max(min_troops) * 1.2)
        .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
        .y_axis_formatter(|mark, _| short(mark.value))
        .show(ui, |plot| {
            let (land_bar, ready) = bars.split_at(1);
            let (inside, outside) = stacked_pair(land_bar, 0.0);
            plot.add(inside);
            plot.add(outside);
            let ready_bars: Vec<Bar> = ready
                .iter()
                .enumerate()
                .map(|(i, (name, s))| {
                    Bar::new(1.0 + i as f64, s.total() as f64)
                        .width(0.6)
                        .name(name)
                        .fill(ready_colour)
                })
                .collect();
            plot.add(BarChart::new("Ready in time", ready_bars).color(ready_colour));
            for (i, (_, _, marks)) in benchmarks.iter().enumerate() {
                let x = i as f64;
                for (value, name) in marks {
                    plot.add(
                        Line::new(*name, vec![[x - 0.42, *value], [x + 0.42, *value]])
                            .color(BENCHMARK)
                            .width(2.5),
                    );
                    plot.text(
                        Text::new(
                            *name,
                            [x, *value].into(),
                            RichText::new(format!("{name} {}", short(*value)))
                                .size(12.0)
                                .strong(),
                        )
                        .color(BENCHMARK)
                        .anchor(egui::Align2::CENTER_BOTTOM),
                    );
                }
            }
        });
    egui::Grid::new("ledger-figures")
        .striped(true)
        .show(ui, |ui| {
            ui.label("Guarantor land strength (not monitors)");
            ui.label(format!(
                "{} ({} in Ukraine)",
                thousands(land.total()),
                thousands(land.in_ukraine)
            ));
            ui.end_row();
            ui.label(format!("Ready within {} days (NRF)", short(nrf_days)));
            ui.label(format!(
                "{} of {}",
                thousands(ledger.ready_within_nrf_days),
                thousands(nrf_troops as u64)
            ));
            ui.end_row();
            ui.label(format!("Ready within {} days (VJTF)", short(vjtf_days)));
            ui.label(format!(
                "{} of {}",
                thousands(ledger.ready_within_vjtf_days),
                thousands(vjtf_troops as u64)
            ));
            ui.end_row();
        });

    ui.add_space(6.0);
    ui.columns(2, |columns| {
        if let [left, right] = columns {
            split_chart(
                left,
                "By nation",
                "ledger-nations",
                &rules.strength.by_nation,
            );
            split_chart(
                right,
                "By component",
                "ledger-components",
                &rules.strength.by_component,
            );
        }
    });
}

/// A stacked bar per entry: in Ukraine, then outside on top.
fn split_chart(ui: &mut egui::Ui, title: &str, id: &str, entries: &BTreeMap<String, Strength>) {
    ui.label(RichText::new(title).strong());
    if entries.is_empty() {
        ui.label("No guarantor forces.");
        return;
    }
    let mut sorted: Vec<(String, Strength)> =
        entries.iter().map(|(k, v)| (k.clone(), *v)).collect();
    sorted.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(&b.0)));
    let names: Vec<String> = sorted.iter().map(|(n, _)| n.clone()).collect();
    Plot::new(id)
        .height(170.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid([false, true])
        .include_y(0.0)
        .legend(Legend::default())
        .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
        .y_axis_formatter(|mark, _| short(mark.value))
        .show(ui, |plot| {
            let (inside, outside) = stacked_pair(&sorted, 0.0);
            plot.add(inside);
            plot.add(outside);
        });
    egui::Grid::new(format!("{id}-table"))
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("").small());
            ui.label(RichText::new("in Ukraine").small());
            ui.label(RichText::new("outside").small());
            ui.end_row();
            for (name, s) in &sorted {
                ui.label(name);
                ui.label(thousands(s.in_ukraine));
                ui.label(thousands(s.outside));
                ui.end_row();
            }
        });
}

/// Two bar charts for `entries` from `first_x` on: in Ukraine, and outside stacked on it.
fn stacked_pair(entries: &[(String, Strength)], first_x: f64) -> (BarChart, BarChart) {
    let bar = |i: usize, name: &str, value: u64, colour: Color32| {
        Bar::new(first_x + i as f64, value as f64)
            .width(0.6)
            .name(name)
            .fill(colour)
    };
    let inside = BarChart::new(
        "In Ukraine",
        entries
            .iter()
            .enumerate()
            .map(|(i, (n, s))| bar(i, n, s.in_ukraine, IN_UKRAINE))
            .collect(),
    )
    .color(IN_UKRAINE);
    let outside = BarChart::new(
        "Outside Ukraine",
        entries
            .iter()
            .enumerate()
            .map(|(i, (n, s))| bar(i, n, s.outside, OUTSIDE))
            .collect(),
    )
    .color(OUTSIDE)
    .stack_on(&[&inside]);
    (inside, outside)
}

/// The name of the bar at a whole x, for the axis.
fn axis_name(names: &[String], x: f64) -> String {
    if (x - x.round()).abs() > 1e-6 || x < 0.0 {
        return String::new();
    }
    // A whole, non-negative x: the cast is exact for any chart's size.
    names.get(x.round() as usize).cloned().unwrap_or_default()
}

/// "150k", "40k", "5k", "800".
fn short(value: f64) -> String {
    if value.abs() >= 1000.0 {
        let k = value / 1000.0;
        if (k - k.round()).abs() < 0.05 {
            format!("{:.0}k", k)
        } else {
            format!("{k:.1}k")
        }
    } else {
        format!("{value:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_names_only_on_whole_positions() {
        let names = vec!["PL".to_owned(), "GB".to_owned()];
        assert_eq!(axis_name(&names, 1.0), "GB");
        assert_eq!(axis_name(&names, 0.5), "");
        assert_eq!(axis_name(&names, 2.0), "");
        assert_eq!(axis_name(&names, -1.0), "");
        assert_eq!(short(150_000.0), "150k");
        assert_eq!(short(4_500.0), "4.5k");
        assert_eq!(short(30.0), "30");
    }
}

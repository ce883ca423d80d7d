//! The force ledger: guarantor strength against the benchmarks of the debate (100,000 to 150,000
//! troops [S4]; an NRF of 40,000 with a 5,000-strong VJTF [S3]), then by nation and by
//! component, in Ukraine and pre-positioned outside it.
//!
//! Drawn as horizontal bars, one row each, with the name on the left and the figure on the
//! right: every bar has its label whatever the count, a benchmark is a tick across its bar
//! with its name under the bar (so line and label never cross), and the window scrolls inside
//! the screen instead of running past it.

use crate::format::thousands;
use crate::rules::Report;
use crate::rules::overlays::{Benchmarks, RuleSetting, Strength, StrengthTable};
use egui::{Align2, Color32, FontId, Rect, RichText, Sense, Stroke, pos2, vec2};
use std::collections::BTreeMap;

/// Strength in Ukraine.
const IN_UKRAINE: Color32 = Color32::from_rgb(30, 90, 180);
/// Strength outside Ukraine.
const OUTSIDE: Color32 = Color32::from_rgb(130, 180, 235);
/// Strength ready in time (one colour: where it stands does not matter for readiness).
const READY: Color32 = Color32::from_rgb(90, 140, 90);
/// A benchmark that is met.
const MET: Color32 = Color32::from_rgb(30, 120, 60);
/// A benchmark that is not met.
const SHORT: Color32 = Color32::from_rgb(196, 28, 36);
/// The empty part of a bar.
const TRACK: Color32 = Color32::from_gray(232);

/// Width of the name column, points.
const NAME_WIDTH: f32 = 120.0;
/// Width of the figure column, points.
const FIGURE_WIDTH: f32 = 120.0;
/// Height of one bar, points.
const BAR_HEIGHT: f32 = 14.0;

/// A benchmark: its value and its short name ("minimum").
struct Mark {
    value: f64,
    name: &'static str,
}

/// Draws the ledger.
pub fn ui(ui: &mut egui::Ui, report: &Report, settings: &[RuleSetting], strength: &StrengthTable) {
    let ledger = &report.forces;
    // The rules' own settings: the window spells no rule id or parameter name.
    let b = Benchmarks::of(settings);
    let (min_troops, full_troops) = (b.min_troops, b.full_troops);
    let (nrf_troops, nrf_days) = (b.nrf_troops, b.nrf_days);
    let (vjtf_troops, vjtf_days) = (b.vjtf_troops, b.vjtf_days);

    key_ui(ui);
    ui.add_space(4.0);
    ui.label(RichText::new("Against the benchmarks").strong());
    benchmark_row(
        ui,
        "Land forces",
        &format!(
            "European guarantors' land strength ready within {} days, monitors not counted (what the troop benchmark counts; backstop land forces {} are not)",
            short(b.max_readiness_days),
            thousands(ledger.backstop_land)
        ),
        Bar::Ready(ledger.european_land),
        &[
            Mark {
                value: min_troops,
                name: "minimum",
            },
            Mark {
                value: full_troops,
                name: "full",
            },
        ],
    );
    benchmark_row(
        ui,
        &format!("Ready in {} days", short(nrf_days)),
        "European combat strength (land, air, maritime, air defence; not monitors) ready within the NATO Response Force's time: air and maritime count here, so it may exceed the land bar",
        Bar::Ready(ledger.european_ready_nrf),
        &[Mark {
            value: nrf_troops,
            name: "NRF",
        }],
    );
    benchmark_row(
        ui,
        &format!("Ready in {} days", short(vjtf_days)),
        "European combat strength ready within the spearhead (VJTF) time",
        Bar::Ready(ledger.european_ready_vjtf),
        &[Mark {
            value: vjtf_troops,
            name: "VJTF",
        }],
    );

    ui.label(format!(
        "Host (Ukrainian) land forces: {}. Backstop land forces: {}.",
        thousands(ledger.host_land),
        thousands(ledger.backstop_land)
    ));
    if ledger.misplaced > 0 {
        ui.label(format!(
            "Forces placed where they cannot stand (count for nothing): {}.",
            thousands(ledger.misplaced)
        ));
    }
    ui.add_space(8.0);
    split_bars_ui(ui, "By nation", &strength.by_nation);
    ui.add_space(8.0);
    split_bars_ui(ui, "By component", &strength.by_component);
}

/// What a bar shows.
#[derive(Clone, Copy)]
enum Bar {
    /// In Ukraine and outside, stacked.
    Split(Strength),
    /// Ready in time, one colour.
    Ready(u64),
}

impl Bar {
    fn total(self) -> u64 {
        match self {
            Bar::Split(s) => s.total(),
            Bar::Ready(n) => n,
        }
    }
}

/// The colour key of the bars.
fn key_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for (colour, text) in [
            (IN_UKRAINE, "in Ukraine"),
            (OUTSIDE, "outside Ukraine"),
            (READY, "ready in time"),
        ] {
            let (swatch, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, colour);
            ui.label(RichText::new(text).small());
            ui.add_space(6.0);
        }
    });
}

/// One benchmark row: name, bar with its ticks and their names under it, figure with the
/// nearest unmet benchmark (or "met").
fn benchmark_row(ui: &mut egui::Ui, name: &str, hover: &str, bar: Bar, marks: &[Mark]) {
    let total = bar.total();
    let scale = marks
        .iter()
        .map(|m| m.value)
        .fold(total as f64, f64::max)
        .max(1.0)
        * 1.08;
    let next_unmet = marks.iter().find(|m| (total as f64) < m.value);
    let (figure, colour) = match next_unmet {
        Some(m) => (
            format!("{} of {}", thousands(total), thousands(m.value as u64)),
            SHORT,
        ),
        None => (format!("{} · met", thousands(total)), MET),
    };
    let row_height = BAR_HEIGHT + 16.0;
    let (rect, response) = ui.allocate_exact_size(
        vec2(
            ui.available_width().max(NAME_WIDTH + FIGURE_WIDTH + 80.0),
            row_height,
        ),
        Sense::hover(),
    );
    let label = format!("{name} {figure}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    response.on_hover_text(hover);
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let body = FontId::proportional(13.0);
    let small = FontId::proportional(11.0);
    let bar_rect = Rect::from_min_max(
        pos2(rect.left() + NAME_WIDTH, rect.top() + 2.0),
        pos2(rect.right() - FIGURE_WIDTH, rect.top() + 2.0 + BAR_HEIGHT),
    );
    painter.text(
        pos2(rect.left(), bar_rect.center().y),
        Align2::LEFT_CENTER,
        name,
        body.clone(),
        text,
    );
    paint_bar(&painter, bar_rect, bar, scale);
    for mark in marks {
        let x = bar_rect.left() + bar_rect.width() * (mark.value / scale) as f32;
        let met = total as f64 >= mark.value;
        let tick = if met { MET } else { SHORT };
        painter.line_segment(
            [
                pos2(x, bar_rect.top() - 2.0),
                pos2(x, bar_rect.bottom() + 2.0),
            ],
            Stroke::new(2.5, tick),
        );
        // The benchmark's name under the bar, never over the tick's line.
        painter.text(
            pos2(x, bar_rect.bottom() + 3.0),
            Align2::CENTER_TOP,
            format!("{} {}", mark.name, short(mark.value)),
            small.clone(),
            tick,
        );
    }
    painter.text(
        pos2(rect.right(), bar_rect.center().y),
        Align2::RIGHT_CENTER,
        figure,
        body,
        colour,
    );
}

/// A bar in `rect` for `bar` on a scale of `scale` troops across the rect.
fn paint_bar(painter: &egui::Painter, rect: Rect, bar: Bar, scale: f64) {
    painter.rect_filled(rect, 2.0, TRACK);
    let width = |n: u64| rect.width() * ((n as f64 / scale) as f32).clamp(0.0, 1.0);
    let segment = |from: f32, to: f32, colour: Color32| {
        if to > from {
            painter.rect_filled(
                Rect::from_min_max(
                    pos2(rect.left() + from, rect.top()),
                    pos2(rect.left() + to, rect.bottom()),
                ),
                0.0,
                colour,
            );
        }
    };
    match bar {
        Bar::Split(s) => {
            let inside = width(s.in_ukraine);
            segment(0.0, inside, IN_UKRAINE);
            segment(inside, width(s.total()), OUTSIDE);
        }
        Bar::Ready(n) => segment(0.0, width(n), READY),
    }
}

/// Guarantor strength per entry, largest first, each with its name and figure: every bar is
/// labelled however many there are.
fn split_bars_ui(ui: &mut egui::Ui, title: &str, entries: &BTreeMap<String, Strength>) {
    ui.label(RichText::new(title).strong());
    if entries.is_empty() {
        ui.label("No guarantor forces.");
        return;
    }
    let mut sorted: Vec<(&String, Strength)> = entries.iter().map(|(k, v)| (k, *v)).collect();
    sorted.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
    let scale = sorted
        .first()
        .map_or(1.0, |(_, s)| s.total() as f64)
        .max(1.0);
    let text = ui.visuals().text_color();
    for (name, strength) in sorted {
        let (rect, response) = ui.allocate_exact_size(
            vec2(
                ui.available_width().max(NAME_WIDTH + FIGURE_WIDTH + 80.0),
                BAR_HEIGHT + 6.0,
            ),
            Sense::hover(),
        );
        // The painted text is invisible to screen readers and tests: name the row too.
        let label = format!("{} {}", entry_name(name), thousands(strength.total()));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        response.on_hover_text(format!(
            "{name}: {} in Ukraine, {} outside",
            thousands(strength.in_ukraine),
            thousands(strength.outside)
        ));
        let painter = ui.painter_at(rect);
        let bar_rect = Rect::from_min_max(
            pos2(rect.left() + NAME_WIDTH, rect.top() + 3.0),
            pos2(rect.right() - FIGURE_WIDTH, rect.top() + 3.0 + BAR_HEIGHT),
        );
        painter.text(
            pos2(rect.left(), bar_rect.center().y),
            Align2::LEFT_CENTER,
            entry_name(name),
            FontId::proportional(13.0),
            text,
        );
        paint_bar(&painter, bar_rect, Bar::Split(strength), scale);
        painter.text(
            pos2(rect.right(), bar_rect.center().y),
            Align2::RIGHT_CENTER,
            format!(
                "{} ({} in UA)",
                thousands(strength.total()),
                short(strength.in_ukraine as f64)
            ),
            FontId::proportional(12.0),
            text,
        );
    }
}

/// A nation code with its name ("PL Poland"), or a component keyword as it is.
fn entry_name(code: &str) -> String {
    match crate::model::nations::nation_name(code) {
        Some(name) => format!("{code} {}", shorten(name, 14)),
        None => code.to_owned(),
    }
}

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// "150k", "40k", "4.5k", "800".
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
    fn figures_are_short_and_names_readable() {
        assert_eq!(short(150_000.0), "150k");
        assert_eq!(short(4_500.0), "4.5k");
        assert_eq!(short(30.0), "30");
        assert_eq!(entry_name("PL"), "PL Poland");
        assert_eq!(entry_name("GB"), "GB United Kingdom");
        assert_eq!(entry_name("BA"), "BA Bosnia and He…");
        assert_eq!(entry_name("land"), "land");
    }
}

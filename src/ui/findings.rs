//! The findings panel: every finding of the latest check, grouped by severity, each with its
//! message, rule, subject and source. Clicking one reports it back, so the window flies the map
//! to its subject and highlights it.

use super::paint::severity_colour;
use super::rule_overlays::RulePanels;
use crate::model::Scenario;
use crate::rules::Report;
use crate::rules::overlays::{RuleSetting, setting};
use crate::rules::{Finding, Severity, catalogue};
use egui::{RichText, Stroke};

/// The share of the column's height the findings list may take before it scrolls.
const FINDINGS_SHARE: f32 = 0.6;
/// The least height the list is given when the column is short, points.
const FINDINGS_MIN_HEIGHT: f32 = 140.0;

/// What the findings list draws from and changes: the latest check, and the rule panels'
/// switches and scroll request it owns with `ui::rules_ui`.
pub struct FindingsList<'a> {
    /// The latest report.
    pub report: &'a Report,
    /// How each rule is set up (which are switched off).
    pub settings: &'a [RuleSetting],
    /// Whether the report is of a drag under way.
    pub previewing: bool,
    /// The finding last clicked: rule, subject and message.
    pub highlighted: Option<&'a (String, Option<String>, String)>,
    /// Which rule panels are open (toggled from the list's header).
    pub panels: &'a mut RulePanels,
    /// Scroll back to the top (a new document); reset once done.
    pub to_top: &'a mut bool,
}

/// Draws the panel; returns the finding clicked, if any.
pub fn ui(ui: &mut egui::Ui, rules: FindingsList<'_>, scenario: &Scenario) -> Option<Finding> {
    let mut clicked = None;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Findings").strong().size(15.0));
        if rules.previewing {
            ui.label(RichText::new("while dragging").italics().weak());
        }
    });
    ui.horizontal_wrapped(|ui| {
        let panels = &mut *rules.panels;
        ui.toggle_value(&mut panels.compare, "Compare");
        ui.toggle_value(&mut panels.ledger, "Ledger");
        ui.toggle_value(&mut panels.params, "Parameters");
    });
    ui.separator();
    let highlighted = rules.highlighted;
    // The list is as tall as its findings, up to most of the column: the inspector keeps the
    // rest. A new document starts at the top of its list.
    let max_height = (ui.available_height() * FINDINGS_SHARE).max(FINDINGS_MIN_HEIGHT);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("findings-list")
        .max_height(max_height)
        .auto_shrink([false, true]);
    if std::mem::take(rules.to_top) {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        let report = rules.report;
        if !report.input_errors.is_empty() {
            group_header(
                ui,
                "Settings that cannot be used",
                report.input_errors.len(),
                severity_colour(Severity::Error),
            );
            for e in &report.input_errors {
                ui.label(RichText::new(e.to_string()).color(severity_colour(Severity::Error)));
            }
            ui.add_space(6.0);
        }
        if report.findings.is_empty() {
            ui.label("No findings: the plan passes every rule that is switched on.");
        }
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let group: Vec<&Finding> = report
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .collect();
            if group.is_empty() {
                continue;
            }
            let title = match severity {
                Severity::Error => "Errors",
                Severity::Warning => "Warnings",
                Severity::Info => "Information",
            };
            group_header(ui, title, group.len(), severity_colour(severity));
            for finding in group {
                let is_highlighted = highlighted.as_ref().is_some_and(|(r, s, m)| {
                    r == finding.rule && *s == finding.subject && *m == finding.message
                });
                if finding_ui(ui, finding, scenario, is_highlighted) {
                    clicked = Some(finding.clone());
                }
            }
            ui.add_space(6.0);
        }
        let off: Vec<&str> = catalogue()
            .iter()
            .map(|r| r.id)
            .filter(|id| setting(rules.settings, id).is_some_and(|s| !s.params.enabled))
            .collect();
        if !off.is_empty() {
            ui.separator();
            ui.label(RichText::new(format!("Switched off: {}", off.join(", "))).weak());
        }
    });
    clicked
}

fn group_header(ui: &mut egui::Ui, title: &str, count: usize, colour: egui::Color32) {
    ui.add_space(2.0);
    ui.label(
        RichText::new(format!("{title} ({count})"))
            .strong()
            .color(colour),
    );
}

/// One finding: its message (clickable), then rule, subject and source. Returns whether it was
/// clicked.
fn finding_ui(
    ui: &mut egui::Ui,
    finding: &Finding,
    scenario: &Scenario,
    highlighted: bool,
) -> bool {
    let colour = severity_colour(finding.severity);
    let mut clicked = false;
    egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 8,
            right: 4,
            top: 3,
            bottom: 3,
        })
        .stroke(Stroke::NONE)
        .show(ui, |ui| {
            let top = ui.cursor().min;
            let message = egui::Button::selectable(highlighted, finding.message.as_str()).wrap();
            let response = ui.add(message).on_hover_text("Show on the map");
            clicked = response.clicked();
            let subject = finding
                .subject
                .as_deref()
                .map(|id| scenario.feature(id).map_or(id, |f| f.label()));
            let about = match subject {
                Some(label) => format!("{} · {label}", finding.rule),
                None => finding.rule.to_owned(),
            };
            ui.label(RichText::new(about).small().color(colour));
            ui.label(RichText::new(finding.source).small().weak().italics());
            let bottom = ui.min_rect().bottom();
            ui.painter().line_segment(
                [
                    egui::pos2(top.x - 6.0, top.y),
                    egui::pos2(top.x - 6.0, bottom),
                ],
                Stroke::new(3.0, colour),
            );
        });
    clicked
}

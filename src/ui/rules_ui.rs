//! The window's side of the rule checks: keeps the [`Checker`] and the latest [`Report`] of the
//! open scenario, re-checks when the scenario changes and, during a drag, every frame on the
//! scenario as the drag would leave it (so findings and overlays follow the pointer while the
//! document gets one edit, one undo step, on release). Also the Rules menu, the status chip and
//! the hooks that put the panels ([`super::findings`], [`super::compare`], [`super::ledger`],
//! [`super::rule_params`]) and the map overlays ([`super::rule_overlays`]) into the window.

use super::app::{ArmisticeApp, Command};
use super::document_ui::DocCommand;
use super::paint::color;
use super::rule_overlays::{OverlayToggles, PreparedOverlays};
use super::tools::MapFacts;
use super::{compare, findings, ledger, rule_params};
use crate::model::edit::Edit;
use crate::rules::overlays::{
    BeltMark, RuleSetting, StrengthTable, rule_settings, setting, strength_table,
};
use crate::rules::{Checker, Report, Severity};
use crate::scene::style;
use egui::{Color32, RichText};
use std::time::Instant;

/// Which rule panels are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulePanels {
    /// The findings panel beside the map.
    pub findings: bool,
    /// The comparison table of proposals.
    pub compare: bool,
    /// The force ledger.
    pub ledger: bool,
    /// The rule parameters.
    pub params: bool,
}

impl Default for RulePanels {
    fn default() -> Self {
        Self {
            findings: true,
            compare: false,
            ledger: false,
            params: false,
        }
    }
}

/// What was checked last: the document revision and the drag's edit, if one was under way.
#[derive(Debug, Clone, PartialEq)]
struct Checked {
    revision: u64,
    preview: Option<Edit>,
}

/// The rule checks of the open scenario, as the window shows them.
pub struct RulesUi {
    checker: Option<Checker>,
    checked: Option<Checked>,
    /// The latest report.
    pub report: Report,
    /// How each rule is set up in the checked scenario.
    pub settings: Vec<RuleSetting>,
    /// Guarantor strength by nation and component, in and outside Ukraine.
    pub strength: StrengthTable,
    /// The report's geometry, prepared for the map.
    pub overlays: PreparedOverlays,
    /// Which overlays the map shows.
    pub show: OverlayToggles,
    /// Which panels are open.
    pub panels: RulePanels,
    /// The finding last clicked: rule, subject and message (findings are re-made by every
    /// check, so they are matched by content).
    pub highlighted: Option<(String, Option<String>, String)>,
    /// The parameter fields being edited.
    pub params_editor: rule_params::ParamsEditor,
    /// Whether the report is of a drag under way rather than of the document.
    pub previewing: bool,
    /// How long the last check took, ms.
    pub last_check_ms: f64,
    /// Checks run since the window opened.
    pub checks_run: u64,
}

impl Default for RulesUi {
    fn default() -> Self {
        Self {
            checker: None,
            checked: None,
            report: Report::default(),
            settings: Vec::new(),
            strength: StrengthTable::default(),
            overlays: PreparedOverlays::default(),
            show: OverlayToggles::default(),
            panels: RulePanels::default(),
            highlighted: None,
            params_editor: rule_params::ParamsEditor::default(),
            previewing: false,
            last_check_ms: 0.0,
            checks_run: 0,
        }
    }
}

impl RulesUi {
    /// The setting of rule `id` in the checked scenario.
    pub fn setting(&self, id: &str) -> Option<&RuleSetting> {
        setting(&self.settings, id)
    }

    /// Whether rule `id` runs in the checked scenario.
    pub fn enabled(&self, id: &str) -> bool {
        self.setting(id).is_none_or(|s| s.params.enabled)
    }

    /// The belt cities against the selected proposal (or the worst one).
    pub fn belt(&self, selection: Option<&str>) -> Vec<BeltMark> {
        self.belt_among(selection, &|_| true)
    }

    /// The belt cities against the selected proposal (or the worst one) among the proposals
    /// for which `shown` holds.
    pub fn belt_among(
        &self,
        selection: Option<&str>,
        shown: &dyn Fn(&str) -> bool,
    ) -> Vec<BeltMark> {
        if !self.enabled("fortress-belt") {
            return Vec::new();
        }
        let warn = self
            .setting("fortress-belt")
            .map_or(10.0, |s| s.number("warn_depth_km"));
        crate::rules::overlays::belt_marks_among(&self.report, warn, selection, shown)
    }

    /// The focus extent of the highlighted finding, if it is still in the report.
    pub fn highlighted_focus(&self) -> Option<[f64; 4]> {
        let (rule, subject, message) = self.highlighted.as_ref()?;
        self.report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.subject == *subject && f.message == *message)
            .and_then(|f| f.focus)
    }
}

impl ArmisticeApp {
    /// Checks the scenario if it changed since the last check, or, while a force or a vertex is
    /// being dragged, the scenario as the drag would leave it with the pointer where it is now.
    /// Runs before any panel is drawn, so panels, status chip and map show the same report.
    pub fn update_rules(&mut self, ctx: &egui::Context) {
        let preview = self.drag_preview_edit(ctx);
        let wanted = Checked {
            revision: self.doc.revision,
            preview,
        };
        if self.rules_ui.checked.as_ref() == Some(&wanted) {
            return;
        }
        let started = Instant::now();
        let checker = self
            .rules_ui
            .checker
            .get_or_insert_with(|| Checker::new(&self.base));
        let previewed = wanted.preview.clone().and_then(|edit| {
            let mut scenario = self.doc.scenario.clone();
            edit.apply(&mut scenario).ok().map(|_| scenario)
        });
        let scenario = previewed.as_ref().unwrap_or(&self.doc.scenario);
        let report = checker.check(scenario, self.doc.front_line.as_ref());
        let cities = &self.base.cities;
        let is_city = |name: &str| cities.iter().any(|c| c.name == name);
        self.rules_ui.settings = rule_settings(scenario, &is_city);
        if let Some(ukraine) = self.base.ukraine() {
            self.rules_ui.strength = strength_table(scenario, &ukraine.geometry);
        }
        self.rules_ui.overlays = PreparedOverlays::new(&report);
        self.rules_ui.report = report;
        self.rules_ui.previewing = previewed.is_some();
        self.rules_ui.checked = Some(wanted);
        self.rules_ui.last_check_ms = started.elapsed().as_secs_f64() * 1000.0;
        self.rules_ui.checks_run += 1;
    }

    /// The edit the drag under way would make with the pointer where it is now.
    fn drag_preview_edit(&self, ctx: &egui::Context) -> Option<Edit> {
        self.tools.drag.as_ref()?;
        let t = self.last_transform()?;
        let pointer = ctx.input(|i| i.pointer.interact_pos());
        let front_exact = self
            .doc
            .front_line
            .as_ref()
            .map_or(&self.base.front_line.line, |f| &f.line);
        let facts = MapFacts {
            t: &t,
            scenario: &self.doc.scenario,
            front_prepared: &self.scene.front_line,
            front_exact,
            forces: &self.drawn_forces,
            selection: self.selection.as_deref(),
        };
        self.tools.pending_edit(pointer, &facts)
    }

    /// The Rules menu: panels, overlays.
    pub fn rules_menu_ui(&mut self, ui: &mut egui::Ui) {
        let panels = &mut self.rules_ui.panels;
        ui.checkbox(&mut panels.findings, "Findings panel");
        ui.checkbox(&mut panels.compare, "Compare proposals");
        ui.checkbox(&mut panels.ledger, "Force ledger");
        ui.checkbox(&mut panels.params, "Rule parameters");
        ui.separator();
        ui.label(RichText::new("On the map").weak());
        super::rule_overlays::toggles_menu_ui(&mut self.rules_ui.show, ui);
    }

    /// The status chip: the report's counts, coloured by the most serious finding; a click shows
    /// or hides the findings panel.
    pub fn rules_status_chip_ui(&mut self, ui: &mut egui::Ui) {
        let summary = self.rules_ui.report.summary;
        let (fill, text) = if summary.errors > 0 {
            style::CHIP_ERROR
        } else if summary.warnings > 0 {
            style::CHIP_WARNING
        } else {
            style::CHIP_PASS
        };
        let (fill, text) = (color(fill), color(text));
        let label = if self.rules_ui.checked.is_none() {
            "not checked yet".to_owned()
        } else {
            summary.to_string()
        };
        let chip = egui::Button::new(RichText::new(&label).color(text).strong())
            .fill(fill)
            .corner_radius(9.0);
        let response = ui.add(chip).on_hover_text(format!(
            "Rule checks of {}{}: checked in {:.1} ms. Click to show or hide the findings.",
            self.doc.display_name(),
            if self.rules_ui.previewing {
                " while dragging"
            } else {
                ""
            },
            self.rules_ui.last_check_ms
        ));
        if response.clicked() {
            self.rules_ui.panels.findings = !self.rules_ui.panels.findings;
        }
    }

    /// The findings panel: the upper part of the right-hand column, above the inspector
    /// (call inside that column before the inspector; the divider between them can be dragged).
    pub fn rules_findings_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.rules_ui.panels.findings {
            return;
        }
        let mut clicked = None;
        let height = (ui.available_height() * 0.5).max(120.0);
        egui::Panel::top("findings")
            .resizable(true)
            .default_size(height)
            .show(ui, |ui| {
                clicked = findings::ui(ui, &mut self.rules_ui, &self.doc.scenario);
            });
        if let Some(finding) = clicked {
            self.rules_ui.highlighted = Some((
                finding.rule.to_owned(),
                finding.subject.clone(),
                finding.message.clone(),
            ));
            match finding.focus {
                Some(extent) => {
                    self.view.fly_to_extent(extent, 0.8);
                    if finding.subject.is_some() {
                        self.command(Command::Select(finding.subject.clone(), false));
                    }
                }
                None => self.command(Command::Select(finding.subject.clone(), true)),
            }
        }
    }

    /// The rule windows: comparison, ledger, parameters.
    pub fn rules_windows_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.rules_ui.panels.compare;
        egui::Window::new("Compare proposals")
            .open(&mut open)
            .default_pos([320.0, 70.0])
            .default_width(640.0)
            .show(ctx, |ui| {
                compare::ui(ui, &self.rules_ui, &self.doc.scenario);
            });
        self.rules_ui.panels.compare = open;

        let mut open = self.rules_ui.panels.ledger;
        egui::Window::new("Force ledger")
            .open(&mut open)
            .default_pos([340.0, 200.0])
            .default_width(560.0)
            .show(ctx, |ui| {
                ledger::ui(ui, &self.rules_ui);
            });
        self.rules_ui.panels.ledger = open;

        let mut open = self.rules_ui.panels.params;
        let mut edits = Vec::new();
        egui::Window::new("Rule parameters")
            .open(&mut open)
            .default_pos([360.0, 120.0])
            .default_width(460.0)
            .default_height(560.0)
            .show(ctx, |ui| {
                let cities = &self.base.cities;
                let is_city = |name: &str| cities.iter().any(|c| c.name == name);
                rule_params::ui(
                    ui,
                    &mut self.rules_ui,
                    &self.doc.scenario.rules,
                    &is_city,
                    &mut edits,
                );
            });
        self.rules_ui.panels.params = open;
        for edit in edits {
            self.command(DocCommand::Apply(edit).into());
        }
    }
}

/// The colour of a severity, for rows and cells.
pub fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => color(style::SEVERITY_ERROR),
        Severity::Warning => color(style::SEVERITY_WARNING),
        Severity::Info => color(style::SEVERITY_INFO),
    }
}

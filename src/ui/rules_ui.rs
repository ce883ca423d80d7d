//! The window's side of the rule checks: keeps the [`Checker`] and the latest [`Report`] of the
//! open scenario, re-checks when the scenario changes and, during a drag, every frame on the
//! scenario as the drag would leave it (so findings and overlays follow the pointer while the
//! document gets one edit, one undo step, on release). Also the Rules menu, the status chip and
//! the hooks that put the panels ([`super::findings`], [`super::compare`], [`super::ledger`],
//! [`super::rule_params`]) and the map overlays ([`super::rule_overlays`]) into the window.

use super::commands::Command;
use super::commands::DocCommand;
use super::paint::color;
use super::rule_overlays::{OverlayToggles, PreparedOverlays, RulePanels};
use super::{compare, findings, ledger, rule_params};
use crate::model::edit::Edit;
use crate::model::{BaseMap, Document, Scenario};
use crate::rules::overlays::{
    BeltMark, RuleSetting, StrengthTable, belt_marks_for, rule_settings, setting, strength_table,
};
use crate::rules::{Checker, Report};
use crate::scene::style;
use egui::RichText;
use std::time::Instant;

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
    /// Scroll the findings list back to its top next frame (a new document was opened).
    pub findings_to_top: bool,
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
            findings_to_top: false,
            last_check_ms: 0.0,
            checks_run: 0,
        }
    }
}

impl RulesUi {
    /// Another document was opened: its findings list starts at the top, nothing highlighted.
    pub fn document_replaced(&mut self) {
        self.findings_to_top = true;
        self.highlighted = None;
    }

    /// Something was selected: the clicked finding's mark stays only while its subject is the
    /// selection.
    pub fn selection_changed(&mut self, selection: Option<&str>) {
        if self
            .highlighted
            .as_ref()
            .is_some_and(|(_, subject, _)| subject.as_deref() != selection)
        {
            self.highlighted = None;
        }
    }

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
        belt_marks_for(&self.report, &self.settings, selection, shown)
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

impl RulesUi {
    /// Checks `doc`'s scenario if it changed since the last check, or, while a force or a vertex
    /// is being dragged, the scenario as `preview` (the drag's edit with the pointer where it is
    /// now) would leave it. Runs before any panel is drawn, so panels, status chip and map show
    /// the same report.
    pub fn update(&mut self, base: &BaseMap, doc: &Document, preview: Option<Edit>) {
        let wanted = Checked {
            revision: doc.revision,
            preview,
        };
        if self.checked.as_ref() == Some(&wanted) {
            return;
        }
        let started = Instant::now();
        let checker = self.checker.get_or_insert_with(|| Checker::new(base));
        let previewed = wanted.preview.clone().and_then(|edit| {
            let mut scenario = doc.scenario.clone();
            edit.apply(&mut scenario).ok().map(|_| scenario)
        });
        let scenario = previewed.as_ref().unwrap_or(&doc.scenario);
        let report = checker.check(scenario, doc.front_line.as_ref());
        let cities = &base.cities;
        let is_city = |name: &str| cities.iter().any(|c| c.name == name);
        self.settings = rule_settings(scenario, &is_city);
        if let Some(ukraine) = base.ukraine() {
            self.strength = strength_table(scenario, &ukraine.geometry, &report);
        }
        self.overlays = PreparedOverlays::new(&report);
        self.report = report;
        self.previewing = previewed.is_some();
        self.checked = Some(wanted);
        self.last_check_ms = started.elapsed().as_secs_f64() * 1000.0;
        self.checks_run += 1;
    }

    /// The Rules menu: panels, overlays.
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let panels = &mut self.panels;
        ui.checkbox(&mut panels.findings, "Findings panel");
        ui.checkbox(&mut panels.compare, "Compare proposals");
        ui.checkbox(&mut panels.ledger, "Force ledger");
        ui.checkbox(&mut panels.params, "Rule parameters");
        ui.separator();
        ui.label(RichText::new("On the map").weak());
        super::rule_overlays::toggles_menu_ui(&mut self.show, ui);
    }

    /// The status chip: the report's counts, coloured by the most serious finding; a click shows
    /// or hides the findings panel. `document` names the plan in the chip's hover text.
    pub fn status_chip_ui(&mut self, ui: &mut egui::Ui, document: &str) {
        let summary = self.report.summary;
        let (fill, text) = if summary.errors > 0 {
            style::CHIP_ERROR
        } else if summary.warnings > 0 {
            style::CHIP_WARNING
        } else {
            style::CHIP_PASS
        };
        let (fill, text) = (color(fill), color(text));
        let label = if self.checked.is_none() {
            "not checked yet".to_owned()
        } else {
            summary.to_string()
        };
        let chip = egui::Button::new(RichText::new(&label).color(text).strong())
            .fill(fill)
            .corner_radius(9.0);
        let response = ui.add(chip).on_hover_text(format!(
            "Rule checks of {document}{}: checked in {:.1} ms. Click to show or hide the findings.",
            if self.previewing {
                " while dragging"
            } else {
                ""
            },
            self.last_check_ms
        ));
        if response.clicked() {
            self.panels.findings = !self.panels.findings;
        }
    }

    /// The findings panel: the upper part of the right-hand column, above the inspector
    /// (call inside that column before the inspector), as tall as its findings up to a limit.
    /// A click on a finding flies to its subject and selects it.
    pub fn findings_panel_ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        commands: &mut Vec<Command>,
    ) {
        if !self.panels.findings {
            return;
        }
        let list = findings::FindingsList {
            report: &self.report,
            settings: &self.settings,
            previewing: self.previewing,
            highlighted: self.highlighted.as_ref(),
            panels: &mut self.panels,
            to_top: &mut self.findings_to_top,
        };
        let clicked = findings::ui(ui, list, scenario);
        ui.separator();
        let Some(finding) = clicked else {
            return;
        };
        self.highlighted = Some((
            finding.rule.to_owned(),
            finding.subject.clone(),
            finding.message.clone(),
        ));
        match finding.focus {
            Some(extent) => {
                commands.push(Command::FlyTo(extent, 0.8));
                if finding.subject.is_some() {
                    commands.push(Command::Select(finding.subject.clone(), false));
                }
            }
            None => commands.push(Command::Select(finding.subject.clone(), true)),
        }
    }

    /// The rule windows: comparison, ledger, parameters. `map` is where the map is on screen
    /// (windows stay between the menus and the status bar).
    pub fn windows_ui(
        &mut self,
        ctx: &egui::Context,
        scenario: &Scenario,
        base: &BaseMap,
        map: egui::Rect,
        commands: &mut Vec<Command>,
    ) {
        let mut open = self.panels.compare;
        egui::Window::new("Compare proposals")
            .open(&mut open)
            .default_pos([320.0, 70.0])
            .default_width(640.0)
            .show(ctx, |ui| {
                compare::ui(ui, &self.report, &self.settings, scenario);
            });
        self.panels.compare = open;

        let mut open = self.panels.ledger;
        // The ledger stays inside the window's free area (above the status bar) and scrolls
        // when the screen is short.
        let room = if map.is_positive() {
            egui::Rect::from_x_y_ranges(ctx.content_rect().x_range(), map.y_range())
        } else {
            ctx.content_rect()
        }
        .shrink(4.0);
        egui::Window::new("Force ledger")
            .open(&mut open)
            .default_pos([340.0, 90.0])
            .default_width(520.0_f32.min(room.width()))
            .max_height(room.height() - 40.0)
            .constrain_to(room)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("ledger-scroll")
                    .show(ui, |ui| {
                        ledger::ui(ui, &self.report, &self.settings, &self.strength)
                    });
            });
        self.panels.ledger = open;

        let mut open = self.panels.params;
        let mut edits = Vec::new();
        egui::Window::new("Rule parameters")
            .open(&mut open)
            .default_pos([360.0, 120.0])
            .default_width(460.0)
            .default_height(560.0)
            .show(ctx, |ui| {
                let cities = &base.cities;
                let is_city = |name: &str| cities.iter().any(|c| c.name == name);
                rule_params::ui(
                    ui,
                    &self.settings,
                    &mut self.params_editor,
                    &scenario.rules,
                    &is_city,
                    &mut edits,
                );
            });
        self.panels.params = open;
        commands.extend(edits.into_iter().map(|edit| DocCommand::Apply(edit).into()));
    }
}

//! The rule parameters of the open scenario: each rule switched on or off, each parameter with
//! its value, unit, default and a reset. Every change is one `Edit::SetRules` of
//! `armistice.rules`, so it is saved with the scenario and undoable.

use crate::model::edit::Edit;
use crate::rules::overlays::{RuleSetting, enabled_setting, parse_typed, with_setting};
use crate::rules::params::ParamValue;
use geojson::JsonObject;
use std::collections::HashMap;

/// Text typed into parameter fields and not yet applied, and why a typed value was refused.
#[derive(Debug, Clone, Default)]
pub struct ParamsEditor {
    /// Field text being edited, by (rule, parameter).
    buffers: HashMap<(String, String), String>,
    /// Why the last value typed into a field was refused, by (rule, parameter).
    refused: HashMap<(String, String), String>,
}

/// The accessible name of a rule's section: its title and id.
pub fn section_title(setting: &RuleSetting) -> String {
    format!("{} ({})", setting.info.title, setting.info.id)
}

/// Draws the parameters; the edits to apply go to `edits`.
pub fn ui(
    ui: &mut egui::Ui,
    settings: &[RuleSetting],
    editor: &mut ParamsEditor,
    scenario_rules: &JsonObject,
    is_city: &dyn Fn(&str) -> bool,
    edits: &mut Vec<Edit>,
) {
    ui.label(
        egui::RichText::new(
            "Values saved with this scenario under armistice.rules. Undo with Ctrl+Z.",
        )
        .weak(),
    );
    let overridden: usize = settings.iter().map(|s| s.overridden.len()).sum();
    ui.horizontal(|ui| {
        ui.label(match overridden {
            0 => "Every setting is at its default".to_owned(),
            1 => "1 setting differs from the defaults".to_owned(),
            n => format!("{n} settings differ from the defaults"),
        });
        if ui
            .add_enabled(!scenario_rules.is_empty(), egui::Button::new("Reset all"))
            .clicked()
        {
            edits.push(Edit::SetRules(JsonObject::new()));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for setting in settings {
                let id = setting.info.id;
                let changed = !setting.overridden.is_empty();
                let title = section_title(setting);
                let header = if changed {
                    egui::RichText::new(title).strong()
                } else {
                    egui::RichText::new(title)
                };
                egui::CollapsingHeader::new(header)
                    .id_salt(("rule-params", id))
                    .show(ui, |ui| {
                        // What the rule checks, in body type: it is what the planner reads first.
                        ui.label(setting.info.checks);
                        let mut enabled = setting.params.enabled;
                        if ui.checkbox(&mut enabled, "Enabled").changed() {
                            edits.push(Edit::SetRules(with_setting(
                                scenario_rules,
                                id,
                                "enabled",
                                enabled_setting(enabled),
                            )));
                        }
                        if setting.info.params.is_empty() {
                            ui.label(egui::RichText::new("No parameters.").weak());
                        }
                        egui::Grid::new(("rule-params-grid", id))
                            .num_columns(4)
                            .spacing([8.0, 4.0])
                            .show(ui, |ui| {
                                for param in &setting.info.params {
                                    param_row(
                                        ui,
                                        editor,
                                        setting,
                                        param.name,
                                        scenario_rules,
                                        is_city,
                                        edits,
                                    );
                                }
                            });
                        ui.label(
                            egui::RichText::new(setting.info.source())
                                .small()
                                .italics()
                                .weak(),
                        );
                    });
            }
        });
}

/// One parameter: name, field, default and reset.
fn param_row(
    ui: &mut egui::Ui,
    editor: &mut ParamsEditor,
    setting: &RuleSetting,
    name: &'static str,
    scenario_rules: &JsonObject,
    is_city: &dyn Fn(&str) -> bool,
    edits: &mut Vec<Edit>,
) {
    let Some(info) = setting.info.param(name) else {
        return;
    };
    let id = setting.info.id;
    let key = (id.to_owned(), name.to_owned());
    let current = setting
        .params
        .get(name)
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut text = editor
        .buffers
        .get(&key)
        .cloned()
        .unwrap_or_else(|| current.clone());
    let label = ui.label(name).on_hover_text(info.help);
    let width = match info.default {
        ParamValue::Number(_) => 90.0,
        _ => 200.0,
    };
    let response = ui
        .add(egui::TextEdit::singleline(&mut text).desired_width(width))
        .labelled_by(label.id)
        .on_hover_text(info.expected());
    if response.changed() {
        editor.buffers.insert(key.clone(), text.clone());
    }
    if response.lost_focus() {
        editor.buffers.remove(&key);
        if text.trim() != current {
            match parse_typed(setting, name, &text, is_city) {
                Ok(value) => {
                    editor.refused.remove(&key);
                    edits.push(Edit::SetRules(with_setting(
                        scenario_rules,
                        id,
                        name,
                        Some(value.to_json()),
                    )));
                }
                Err(why) => {
                    editor.refused.insert(key.clone(), why);
                }
            }
        } else {
            editor.refused.remove(&key);
        }
    }
    let unit = if info.unit == "share" { "" } else { info.unit };
    ui.label(format!("{unit}  default {}", info.default));
    let reset = ui
        .add_enabled(
            setting.is_overridden(name),
            egui::Button::new("Reset").small(),
        )
        .on_hover_text(format!("Back to the default, {}", info.default));
    if reset.clicked() {
        editor.refused.remove(&key);
        edits.push(Edit::SetRules(with_setting(scenario_rules, id, name, None)));
    }
    ui.end_row();
    let problem = editor
        .refused
        .get(&key)
        .cloned()
        .or_else(|| setting.error_for(name).map(|e| e.message.clone()));
    if let Some(problem) = problem {
        ui.label("");
        ui.label(
            egui::RichText::new(problem)
                .small()
                .color(super::paint::color(crate::scene::style::SEVERITY_ERROR)),
        );
        ui.end_row();
    }
}

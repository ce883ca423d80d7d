//! The right panel: edits the selected feature's properties (or, with nothing selected, the
//! plan's title and measures). Each value is checked as typed; a wrong one (strength −5, a nation
//! code that does not exist) is shown in red with the reason and not applied. A good value is
//! applied as an undoable edit when the field loses focus (Enter, Tab or a click elsewhere).

use super::commands::Command;
use super::commands::DocCommand;
use super::context::AppContext;
use super::symbol_picker::{Pick, SymbolPicker};
use super::widgets::heading;
use crate::format::thousands;
use crate::model::Scenario;
use crate::model::edit::{Edit, Property};
use crate::model::nations::nation_name;
use crate::model::scenario::{Component, Echelon, Item, Mandate, Recognition, Role};
use crate::spatial::measure;
use egui::RichText;
use std::collections::BTreeMap;

/// The visible credibility measures of contract.md.
pub const MEASURES: [&str; 4] = [
    "joint-exercises",
    "contingency-planning",
    "prepositioning",
    "rapid-reaction-protocols",
];

/// The text being typed into each field, and the reason a committed value was refused.
#[derive(Debug, Clone, Default)]
pub struct InspectorState {
    /// The feature (or `None` for the plan) and scenario revision the texts were read at.
    shown: Option<(Option<String>, u64)>,
    texts: BTreeMap<&'static str, String>,
    errors: BTreeMap<&'static str, String>,
    picker: SymbolPicker,
}

impl InspectorState {
    /// The reason the field `key` was refused, if it was.
    pub fn error(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }

    fn refresh(
        &mut self,
        scenario: &Scenario,
        selection: Option<&str>,
        revision: u64,
        editing: bool,
    ) {
        let key = (selection.map(str::to_owned), revision);
        if self.shown.as_ref() == Some(&key) {
            return;
        }
        let same_feature = self.shown.as_ref().map(|(id, _)| id) == Some(&key.0);
        self.shown = Some(key);
        if !same_feature {
            self.picker.reset();
        }
        if same_feature && editing {
            // Keep what is being typed; the other fields follow the model.
            return;
        }
        self.texts.clear();
        self.errors.clear();
        let Some(feature) = selection.and_then(|id| scenario.feature(id)) else {
            self.texts.insert("title", scenario.title.clone());
            return;
        };
        self.texts
            .insert("name", feature.item.name().unwrap_or_default().to_owned());
        if let Item::Force(f) = &feature.item {
            self.texts.insert("nation", f.nation.clone());
            self.texts.insert("strength", f.strength.to_string());
            self.texts
                .insert("readiness_days", f.readiness_days.to_string());
            self.texts.insert(
                "range_km",
                f.range_km.map(|r| r.to_string()).unwrap_or_default(),
            );
        }
    }
}

fn row(ui: &mut egui::Ui, key: &str, value: impl Into<egui::WidgetText>) {
    ui.label(key);
    ui.label(value);
    ui.end_row();
}

/// A text field for property `key`: red with the reason when the text is not a valid value;
/// applied when it loses focus if valid and changed.
fn text_row(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    label: &str,
    key: &'static str,
    current: &Property,
    id: &str,
    commands: &mut Vec<Command>,
) {
    let l = ui.label(label);
    let text = state.texts.entry(key).or_default();
    let parsed = Property::parse(key, text);
    let mut edit = egui::TextEdit::singleline(text).desired_width(150.0);
    if parsed.is_err() || state.errors.contains_key(key) {
        edit = edit.text_color(super::paint::color(crate::scene::style::ERROR_TEXT));
    }
    let response = ui.add(edit).labelled_by(l.id);
    ui.end_row();
    if response.changed() {
        state.errors.remove(key);
    }
    if response.lost_focus() {
        match parsed {
            Ok(p) if &p != current => {
                state.errors.remove(key);
                commands.push(
                    DocCommand::Apply(Edit::SetProperty {
                        id: id.to_owned(),
                        property: p,
                    })
                    .into(),
                );
            }
            Ok(_) => {
                state.errors.remove(key);
            }
            Err(reason) => {
                state.errors.insert(key, reason);
            }
        }
    }
    let live = Property::parse(key, state.texts.get(key).map_or("", String::as_str)).err();
    if let Some(reason) = state.errors.get(key).cloned().or(live) {
        ui.label("");
        // Wrapped: a long reason must not widen the column.
        ui.add(
            egui::Label::new(
                RichText::new(format!("{reason} (not applied)"))
                    .color(super::paint::color(crate::scene::style::ERROR_TEXT)),
            )
            .wrap(),
        );
        ui.end_row();
    }
}

fn combo_row<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut egui::Ui,
    label: &str,
    current: T,
    all: &[T],
    make: impl Fn(T) -> Property,
    id: &str,
    commands: &mut Vec<Command>,
) {
    let l = ui.label(label);
    let mut value = current;
    egui::ComboBox::from_id_salt(("inspector", label))
        .selected_text(value.to_string())
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(&mut value, *v, v.to_string());
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    if value != current {
        commands.push(
            DocCommand::Apply(Edit::SetProperty {
                id: id.to_owned(),
                property: make(value),
            })
            .into(),
        );
    }
}

impl InspectorState {
    /// Draws the inspector for the selection (or the plan, with nothing selected).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &AppContext<'_>) {
        let mut commands = Vec::new();
        self.contents_ui(ui, cx, &mut commands);
        cx.commands.extend(commands);
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, cx: &AppContext<'_>, commands: &mut Vec<Command>) {
        let state = self;
        let (scenario, revision, selection) = (&cx.doc.scenario, cx.doc.revision, cx.selected());
        let lists = &scenario.nation_lists();
        let editing = ui.ctx().egui_wants_keyboard_input();
        state.refresh(scenario, selection, revision, editing);
        heading(ui, "Inspector");
        let Some(feature) = selection.and_then(|id| scenario.feature(id)) else {
            plan_ui(ui, state, scenario, commands);
            return;
        };
        let id = feature.id.as_str();
        egui::Grid::new("inspector-grid")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                row(ui, "id", id);
                let name = Property::Name(feature.item.name().map(str::to_owned));
                match &feature.item {
                    Item::Force(f) => {
                        row(ui, "kind", "force");
                        text_row(ui, state, "name", "name", &name, id, commands);
                        text_row(
                            ui,
                            state,
                            "nation",
                            "nation",
                            &Property::Nation(f.nation.clone()),
                            id,
                            commands,
                        );
                        let nation = nation_name(&f.nation).unwrap_or("?");
                        row(
                            ui,
                            "",
                            format!(
                                "{nation} · {}",
                                format!("{:?}", lists.affiliation(&f.nation)).to_lowercase()
                            ),
                        );
                        combo_row(
                            ui,
                            "component",
                            f.component,
                            Component::ALL,
                            Property::Component,
                            id,
                            commands,
                        );
                        combo_row(ui, "role", f.role, Role::ALL, Property::Role, id, commands);
                        text_row(
                            ui,
                            state,
                            "strength",
                            "strength",
                            &Property::Strength(f.strength),
                            id,
                            commands,
                        );
                        text_row(
                            ui,
                            state,
                            "readiness (days)",
                            "readiness_days",
                            &Property::ReadinessDays(f.readiness_days),
                            id,
                            commands,
                        );
                        echelon_row(ui, f.echelon, id, commands);
                        text_row(
                            ui,
                            state,
                            "range (km)",
                            "range_km",
                            &Property::RangeKm(f.range_km),
                            id,
                            commands,
                        );
                        row(
                            ui,
                            "position",
                            crate::format::lonlat(f.position.x(), f.position.y()),
                        );
                    }
                    Item::Demarcation(d) => {
                        row(ui, "kind", "demarcation");
                        text_row(ui, state, "name", "name", &name, id, commands);
                        combo_row(
                            ui,
                            "recognition",
                            d.recognition,
                            Recognition::ALL,
                            Property::Recognition,
                            id,
                            commands,
                        );
                        row(ui, "vertices", d.line.0.len().to_string());
                        row(
                            ui,
                            "length",
                            format!("{:.1} km", measure::length_km(&d.line)),
                        );
                    }
                    Item::GuaranteeArea(a) => {
                        row(ui, "kind", "guarantee-area");
                        text_row(ui, state, "name", "name", &name, id, commands);
                        row(
                            ui,
                            "area",
                            format!(
                                "{} km²",
                                thousands(measure::area_km2(&a.area).round() as u64)
                            ),
                        );
                    }
                    Item::Other => {
                        let kind = feature
                            .original
                            .properties
                            .as_ref()
                            .and_then(|p| p.get("kind"))
                            .and_then(|k| k.as_str())
                            .unwrap_or("(none)");
                        row(ui, "kind", format!("{kind} (kept as it is)"));
                    }
                }
            });
        if let Item::Force(f) = &feature.item {
            egui::CollapsingHeader::new("Symbol")
                .id_salt("inspector-symbol")
                .default_open(true)
                .show(ui, |ui| {
                    let pick =
                        state
                            .picker
                            .ui(ui, "inspector", f.symbol_code(lists), f.sidc.is_some());
                    let property = match pick {
                        Some(Pick::Code(code)) => Some(Property::Sidc(Some(code))),
                        Some(Pick::Derived) => Some(Property::Sidc(None)),
                        None => None,
                    };
                    if let Some(property) = property {
                        commands.push(
                            DocCommand::Apply(Edit::SetProperty {
                                id: id.to_owned(),
                                property,
                            })
                            .into(),
                        );
                    }
                });
        }
        ui.horizontal(|ui| {
            if ui.button("Delete").on_hover_text("Delete (Del)").clicked() {
                commands.push(DocCommand::DeleteSelection.into());
            }
            if matches!(feature.item, Item::Demarcation(_))
                && ui
                    .button("Duplicate as variant")
                    .on_hover_text("A copy of this proposal to change")
                    .clicked()
            {
                commands.push(DocCommand::DuplicateProposal(id.to_owned()).into());
            }
        });
        let unknown: Vec<_> = feature
            .original
            .properties
            .iter()
            .flatten()
            .filter(|(k, _)| !KNOWN_PROPERTIES.contains(&k.as_str()))
            .collect();
        if !unknown.is_empty() {
            ui.separator();
            heading(ui, "Other properties (kept on save)");
            // Wrapped, not in a grid: a long description in a grid row would widen the panel
            // until the map has no room left.
            for (k, v) in unknown {
                ui.label(RichText::new(k).weak());
                let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                ui.add(egui::Label::new(text).wrap());
            }
        }
    }
}

fn echelon_row(ui: &mut egui::Ui, current: Option<Echelon>, id: &str, commands: &mut Vec<Command>) {
    let l = ui.label("echelon");
    let mut value = current;
    egui::ComboBox::from_id_salt(("inspector", "echelon"))
        .selected_text(value.map_or("—", |e| e.as_str()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut value, None, "—");
            for e in Echelon::ALL {
                ui.selectable_value(&mut value, Some(*e), e.as_str());
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    if value != current {
        commands.push(
            DocCommand::Apply(Edit::SetProperty {
                id: id.to_owned(),
                property: Property::Echelon(value),
            })
            .into(),
        );
    }
}

/// With nothing selected: the plan's title and measures.
fn plan_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    scenario: &Scenario,
    commands: &mut Vec<Command>,
) {
    ui.weak(
        "Select a force, a demarcation proposal or a guarantee area on the map or in the list.",
    );
    ui.separator();
    heading(ui, "Plan");
    let l = ui.label("Title");
    let text = state.texts.entry("title").or_default();
    let response = ui
        .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    if response.lost_focus() && text.trim() != scenario.title && !text.trim().is_empty() {
        commands.push(DocCommand::Apply(Edit::SetTitle(text.trim().to_owned())).into());
    }
    ui.add_space(6.0);
    let l = ui.label("Mandate of the mission");
    let mut mandate = scenario.mandate;
    egui::ComboBox::from_id_salt(("inspector", "mandate"))
        .selected_text(mandate.map_or("— (none named)".to_owned(), |m| m.to_string()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut mandate, None, "— (none named)");
            for m in Mandate::ALL {
                ui.selectable_value(&mut mandate, Some(*m), m.as_str());
            }
        })
        .response
        .labelled_by(l.id);
    if mandate != scenario.mandate {
        commands.push(DocCommand::Apply(Edit::SetMandate(mandate)).into());
    }
    ui.add_space(6.0);
    ui.label("Visible credibility measures taken");
    for measure in MEASURES {
        let mut on = scenario.measures.iter().any(|m| m == measure);
        if ui.checkbox(&mut on, measure).changed() {
            let mut measures = scenario.measures.clone();
            if on {
                measures.push(measure.to_owned());
            } else {
                measures.retain(|m| m != measure);
            }
            commands.push(DocCommand::Apply(Edit::SetMeasures(measures)).into());
        }
    }
}

/// Properties the program reads; the rest are shown as "other".
const KNOWN_PROPERTIES: [&str; 12] = [
    "kind",
    "recognition",
    "name",
    "nation",
    "component",
    "role",
    "strength",
    "readiness_days",
    "echelon",
    "range_km",
    "sidc",
    "id",
];

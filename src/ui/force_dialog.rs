//! The "Place force" dialog: after a click with the Place force tool, the planner picks the
//! nation from a searchable list of ISO codes and names, and sets component, role, strength,
//! readiness, echelon, range and name. Values are checked as typed (a wrong one is shown in red
//! with the reason); the next dialog starts from the last force placed.

use super::commands::Command;
use super::commands::DocCommand;
use super::symbol_picker::{Pick, SymbolPicker};
use crate::model::Scenario;
use crate::model::edit::{Edit, Property};
use crate::model::nations::{NATIONS, nation_name};
use crate::model::scenario::{Component, Echelon, Force, Item, NationLists, Role, ScenarioFeature};
use crate::model::sidc::Sidc;
use crate::scene::symbology;
use egui::RichText;
use geo::Point;

/// The dialog's state; its fields outlive one placement, so they are the next one's defaults.
#[derive(Debug, Clone)]
pub struct ForceDialog {
    /// Where the force goes; `Some` while the dialog is open.
    pub open_at: Option<Point>,
    search: String,
    nation: String,
    component: Component,
    role: Role,
    strength: String,
    readiness: String,
    echelon: Option<Echelon>,
    range: String,
    name: String,
    /// The symbol the planner chose; `None`: derived from the other fields.
    sidc: Option<Sidc>,
    picker: SymbolPicker,
}

impl Default for ForceDialog {
    fn default() -> Self {
        Self {
            open_at: None,
            search: String::new(),
            nation: "PL".to_owned(),
            component: Component::Land,
            role: Role::Reassurance,
            strength: "1000".to_owned(),
            readiness: "7".to_owned(),
            echelon: Some(Echelon::Battalion),
            range: String::new(),
            name: String::new(),
            sidc: None,
            picker: SymbolPicker::default(),
        }
    }
}

/// Nations whose code or name contains `search` (case-insensitive): an exact code first, then the
/// plan's own nations (its guarantors, backstop and host, in the plan's order), then the rest by
/// code, so a planner placing a force finds the plan's nations at the top instead of Andorra.
pub fn matching_nations(search: &str, lists: &NationLists) -> Vec<(&'static str, &'static str)> {
    let needle = search.trim().to_lowercase();
    let plan_rank = |code: &str| {
        lists
            .guarantors
            .iter()
            .chain(&lists.backstop)
            .chain(&lists.host)
            .position(|c| c.eq_ignore_ascii_case(code))
            .unwrap_or(usize::MAX)
    };
    let mut out: Vec<(&str, &str)> = NATIONS
        .iter()
        .filter(|(code, name)| {
            needle.is_empty()
                || code.to_lowercase().contains(&needle)
                || name.to_lowercase().contains(&needle)
        })
        .copied()
        .collect();
    // A stable sort keeps the table's code order within each rank.
    out.sort_by_key(|(code, _)| (code.to_lowercase() != needle, plan_rank(code)));
    out
}

fn enum_combo<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    all: &[T],
) {
    let l = ui.label(label);
    egui::ComboBox::from_id_salt(("force-dialog", label))
        .selected_text(value.to_string())
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(value, *v, v.to_string());
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// A labelled text field with its check; returns the parsed value or the reason in red.
fn checked_field(
    ui: &mut egui::Ui,
    label: &str,
    key: &str,
    text: &mut String,
) -> Result<Property, String> {
    let l = ui.label(label);
    let parsed = Property::parse(key, text);
    let mut edit = egui::TextEdit::singleline(text).desired_width(140.0);
    if parsed.is_err() {
        edit = edit.text_color(super::paint::color(crate::scene::style::ERROR_TEXT));
    }
    ui.add(edit).labelled_by(l.id);
    ui.end_row();
    if let Err(reason) = &parsed {
        ui.label("");
        ui.label(
            RichText::new(reason)
                .color(super::paint::color(crate::scene::style::ERROR_TEXT))
                .small(),
        );
        ui.end_row();
    }
    parsed
}

impl ForceDialog {
    /// Opens the dialog for a force at `at`.
    pub fn open(&mut self, at: Point) {
        self.open_at = Some(at);
        self.search.clear();
        self.name.clear();
    }

    /// Draws the dialog if open; placing queues the edit and selects the new force.
    pub fn show(&mut self, ctx: &egui::Context, scenario: &Scenario, commands: &mut Vec<Command>) {
        let Some(at) = self.open_at else {
            return;
        };
        let mut open = true;
        let mut place: Option<Force> = None;
        let mut cancel = false;
        egui::Window::new("Place force")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_pos(ctx.content_rect().center() - egui::vec2(160.0, 220.0))
            .show(ctx, |ui| {
                ui.label(format!("At {}", crate::format::lonlat(at.x(), at.y())));
                ui.separator();
                let l = ui.label("Search nations");
                ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("code or name, e.g. GB or Fin")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
                egui::ScrollArea::vertical()
                    .max_height(130.0)
                    .id_salt("nation-list")
                    .show(ui, |ui| {
                        for (code, name) in matching_nations(&self.search, &scenario.nation_lists())
                        {
                            let selected = self.nation == code;
                            if ui
                                .selectable_label(selected, format!("{code}  {name}"))
                                .clicked()
                            {
                                self.nation = code.to_owned();
                            }
                        }
                    });
                let nation_ok = nation_name(&self.nation).is_some();
                ui.label(
                    RichText::new(format!(
                        "Nation: {} — {}",
                        self.nation,
                        nation_name(&self.nation).unwrap_or("unknown code")
                    ))
                    .strong(),
                );
                ui.separator();
                let mut fields = Vec::new();
                egui::Grid::new("force-dialog-grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        enum_combo(ui, "Component", &mut self.component, Component::ALL);
                        enum_combo(ui, "Role", &mut self.role, Role::ALL);
                        fields.push(checked_field(
                            ui,
                            "Strength",
                            "strength",
                            &mut self.strength,
                        ));
                        fields.push(checked_field(
                            ui,
                            "Readiness (days)",
                            "readiness_days",
                            &mut self.readiness,
                        ));
                        let l = ui.label("Echelon");
                        egui::ComboBox::from_id_salt(("force-dialog", "Echelon"))
                            .selected_text(self.echelon.map_or("—", |e| e.as_str()))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut self.echelon, None, "—");
                                for e in Echelon::ALL {
                                    ui.selectable_value(&mut self.echelon, Some(*e), e.as_str());
                                }
                            })
                            .response
                            .labelled_by(l.id);
                        ui.end_row();
                        fields.push(checked_field(ui, "Range (km)", "range_km", &mut self.range));
                        fields.push(checked_field(ui, "Name", "name", &mut self.name));
                    });
                let mut force = Force {
                    name: None,
                    nation: self.nation.clone(),
                    component: self.component,
                    role: self.role,
                    strength: 0,
                    readiness_days: 0.0,
                    echelon: self.echelon,
                    range_km: None,
                    position: at,
                    sidc: self.sidc,
                };
                let mut valid = nation_ok;
                for field in fields {
                    match field {
                        Ok(Property::Strength(v)) => force.strength = v,
                        Ok(Property::ReadinessDays(v)) => force.readiness_days = v,
                        Ok(Property::RangeKm(v)) => force.range_km = v,
                        Ok(Property::Name(v)) => force.name = v,
                        Ok(_) => {}
                        Err(_) => valid = false,
                    }
                }
                let code = force.symbol_code(&scenario.nation_lists());
                let symbol_name = symbology::resolve(code)
                    .entity
                    .map_or("bare frame", |e| e.name.as_str());
                egui::CollapsingHeader::new(format!("Symbol: {symbol_name}"))
                    .id_salt("force-dialog-symbol")
                    .show(ui, |ui| {
                        match self
                            .picker
                            .ui(ui, "force-dialog", code, self.sidc.is_some())
                        {
                            Some(Pick::Code(code)) => self.sidc = Some(code),
                            Some(Pick::Derived) => self.sidc = None,
                            None => {}
                        }
                    });
                force.sidc = self.sidc;
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.add_enabled(valid, egui::Button::new("Place")).clicked() {
                        place = Some(force);
                    }
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
        if let Some(force) = place {
            let id = scenario.unused_id(&force.nation.to_lowercase());
            commands.push(
                DocCommand::Apply(Edit::AddFeature {
                    index: scenario.features.len(),
                    feature: Box::new(ScenarioFeature::new(id.clone(), Item::Force(force))),
                })
                .into(),
            );
            commands.push(Command::Select(Some(id), false));
            self.open_at = None;
        }
        if cancel || !open {
            self.open_at = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nation_search_finds_codes_and_names() {
        let none = NationLists {
            guarantors: Vec::new(),
            backstop: Vec::new(),
            host: Vec::new(),
            adversary: Vec::new(),
        };
        assert_eq!(
            matching_nations("gb", &none).first().map(|n| n.0),
            Some("GB")
        );
        assert!(
            matching_nations("finl", &none)
                .iter()
                .any(|(c, _)| *c == "FI")
        );
        assert!(matching_nations("zzzz", &none).is_empty());
        assert_eq!(matching_nations("", &none).len(), NATIONS.len());
    }

    #[test]
    fn the_plans_nations_come_first() {
        let lists = NationLists {
            guarantors: vec!["GB".into(), "FR".into()],
            backstop: vec!["US".into()],
            host: vec!["UA".into()],
            adversary: vec!["RU".into()],
        };
        let codes: Vec<&str> = matching_nations("", &lists)
            .iter()
            .take(5)
            .map(|n| n.0)
            .collect();
        assert_eq!(codes, ["GB", "FR", "US", "UA", "AD"]);
        // Searching keeps the order among the matches, an exact code still first.
        let codes: Vec<&str> = matching_nations("u", &lists).iter().map(|n| n.0).collect();
        assert_eq!(codes.get(..3), Some(&["GB", "US", "UA"][..]));
        assert_eq!(
            matching_nations("fr", &lists).first().map(|n| n.0),
            Some("FR")
        );
    }
}

//! The left panel: layer visibility and the scenario's contents.

use super::commands::Command;
use super::context::AppContext;
use super::paint::LayerVisibility;
use super::widgets::heading;
use crate::format::thousands;
use crate::model::scenario::Item;

/// Picks the features of one group of the contents list.
type ItemFilter = fn(&Item) -> bool;

/// The layer checkboxes, labelled as in the legend (also used by the View menu).
pub fn layer_checkboxes(ui: &mut egui::Ui, layers: &mut LayerVisibility) {
    ui.checkbox(&mut layers.countries, "Countries");
    ui.checkbox(&mut layers.guarantors, "Guarantor states");
    ui.checkbox(&mut layers.oblasts, "Oblasts");
    ui.checkbox(&mut layers.occupied, "Occupied area");
    ui.checkbox(&mut layers.front_line, "Front line");
    ui.checkbox(&mut layers.cities, "Cities");
}

/// The left panel's layers and contents; remembers which selection its list last showed, so a
/// feature selected on the map is scrolled into view once (not on every frame).
#[derive(Debug, Default)]
pub struct ContentsPanel {
    /// The selection the list was last scrolled to.
    shown: Option<String>,
}

impl ContentsPanel {
    /// Draws the panel; `layers` are the window's layer switches.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &AppContext<'_>, layers: &mut LayerVisibility) {
        let (scenario, selection) = (&cx.doc.scenario, cx.selected());
        heading(ui, "Layers");
        layer_checkboxes(ui, layers);
        ui.separator();
        heading(ui, &scenario.title);
        // Selected elsewhere (on the map, from a finding): open its group and scroll to it.
        let reveal = (self.shown.as_deref() != selection)
            .then_some(selection)
            .flatten();
        egui::ScrollArea::vertical()
            .id_salt("contents-list")
            .show(ui, |ui| {
                let groups: [(&str, ItemFilter); 4] = [
                    ("Forces", |i| matches!(i, Item::Force(_))),
                    ("Demarcation proposals", |i| {
                        matches!(i, Item::Demarcation(_))
                    }),
                    ("Guarantee areas", |i| matches!(i, Item::GuaranteeArea(_))),
                    ("Other features", |i| matches!(i, Item::Other)),
                ];
                for (title, belongs) in groups {
                    let members: Vec<_> = scenario
                        .features
                        .iter()
                        .filter(|f| belongs(&f.item))
                        .collect();
                    if members.is_empty() && title == "Other features" {
                        continue;
                    }
                    let holds_reveal = reveal.is_some_and(|id| members.iter().any(|f| f.id == id));
                    egui::CollapsingHeader::new(format!("{title} ({})", members.len()))
                        .default_open(true)
                        .open(holds_reveal.then_some(true))
                        .show(ui, |ui| {
                            if members.is_empty() {
                                ui.weak("none");
                            }
                            for feature in members {
                                let selected = selection == Some(feature.id.as_str());
                                let text = match &feature.item {
                                    Item::Force(f) => format!(
                                        "{} · {} · {}",
                                        f.nation,
                                        feature.label(),
                                        thousands(f.strength)
                                    ),
                                    _ => feature.label().to_owned(),
                                };
                                // Cut short at the panel's edge; the whole entry on hover.
                                let response = ui
                                    .add(
                                        egui::Button::selectable(selected, text.as_str())
                                            .truncate(),
                                    )
                                    .on_hover_text(&text);
                                if reveal == Some(feature.id.as_str()) {
                                    response.scroll_to_me(Some(egui::Align::Center));
                                }
                                if response.clicked() {
                                    // Chosen here: it is in view already.
                                    self.shown = Some(feature.id.clone());
                                    cx.send(Command::Select(Some(feature.id.clone()), false));
                                }
                                if response.double_clicked() {
                                    cx.send(Command::Select(Some(feature.id.clone()), true));
                                }
                            }
                        });
                }
                ui.weak("Double-click an entry to fly to it.");
            });
        if reveal.is_some() || selection.is_none() {
            self.shown = selection.map(str::to_owned);
        }
    }
}

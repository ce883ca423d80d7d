//! The left panel: layer visibility and the scenario's contents.

use super::app::{Command, PersistedState, heading};
use super::paint::LayerVisibility;
use crate::model::Scenario;
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

/// Draws the panel.
pub fn ui(
    ui: &mut egui::Ui,
    state: &mut PersistedState,
    scenario: &Scenario,
    selection: &Option<String>,
    commands: &mut Vec<Command>,
) {
    heading(ui, "Layers");
    layer_checkboxes(ui, &mut state.layers);
    ui.separator();
    heading(ui, &scenario.title);
    egui::ScrollArea::vertical().show(ui, |ui| {
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
            egui::CollapsingHeader::new(format!("{title} ({})", members.len()))
                .default_open(true)
                .show(ui, |ui| {
                    if members.is_empty() {
                        ui.weak("none");
                    }
                    for feature in members {
                        let selected = selection.as_deref() == Some(feature.id.as_str());
                        let text = match &feature.item {
                            Item::Force(f) => format!(
                                "{} · {} · {}",
                                f.nation,
                                feature.label(),
                                thousands(f.strength)
                            ),
                            _ => feature.label().to_owned(),
                        };
                        let response = ui.selectable_label(selected, text);
                        if response.clicked() {
                            commands.push(Command::Select(Some(feature.id.clone()), false));
                        }
                        if response.double_clicked() {
                            commands.push(Command::Select(Some(feature.id.clone()), true));
                        }
                    }
                });
        }
        ui.weak("Double-click an entry to fly to it.");
    });
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_digits() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(150_000), "150,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}

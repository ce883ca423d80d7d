//! The right panel: the selected feature's properties.

use super::app::heading;
use super::layers_panel::thousands;
use crate::model::Scenario;
use crate::model::nations::nation_name;
use crate::model::scenario::{Item, NationLists};
use crate::spatial::measure;

fn row(ui: &mut egui::Ui, key: &str, value: impl Into<egui::WidgetText>) {
    ui.label(key);
    ui.label(value);
    ui.end_row();
}

/// Draws the inspector for `selection`.
pub fn ui(ui: &mut egui::Ui, scenario: &Scenario, selection: Option<&str>, lists: &NationLists) {
    heading(ui, "Inspector");
    let Some(feature) = selection.and_then(|id| scenario.feature(id)) else {
        ui.weak(
            "Select a force, a demarcation proposal or a guarantee area on the map or in the list.",
        );
        return;
    };
    egui::Grid::new("inspector-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "id", feature.id.as_str());
            match &feature.item {
                Item::Force(f) => {
                    row(ui, "kind", "force");
                    row(ui, "name", f.name.as_deref().unwrap_or("—"));
                    let nation = nation_name(&f.nation).unwrap_or("?");
                    row(ui, "nation", format!("{} ({nation})", f.nation));
                    row(
                        ui,
                        "part",
                        format!("{:?}", lists.affiliation(&f.nation)).to_lowercase(),
                    );
                    row(ui, "component", f.component.as_str());
                    row(ui, "role", f.role.as_str());
                    row(ui, "strength", thousands(f.strength));
                    row(ui, "readiness", format!("{} days", f.readiness_days));
                    row(ui, "echelon", f.echelon.map_or("—", |e| e.as_str()));
                    row(
                        ui,
                        "range",
                        f.range_km.map_or("—".to_owned(), |r| format!("{r} km")),
                    );
                    row(
                        ui,
                        "position",
                        super::app::format_lonlat(f.position.x(), f.position.y()),
                    );
                }
                Item::Demarcation(d) => {
                    row(ui, "kind", "demarcation");
                    row(ui, "name", d.name.as_deref().unwrap_or("—"));
                    row(ui, "vertices", d.line.0.len().to_string());
                    row(
                        ui,
                        "length",
                        format!("{:.1} km", measure::length_km(&d.line)),
                    );
                }
                Item::GuaranteeArea(a) => {
                    row(ui, "kind", "guarantee-area");
                    row(ui, "name", a.name.as_deref().unwrap_or("—"));
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
        egui::Grid::new("inspector-other")
            .num_columns(2)
            .show(ui, |ui| {
                for (k, v) in unknown {
                    row(ui, k, v.to_string());
                }
            });
    }
}

/// Properties the program reads; the rest are shown as "other".
const KNOWN_PROPERTIES: [&str; 10] = [
    "kind",
    "name",
    "nation",
    "component",
    "role",
    "strength",
    "readiness_days",
    "echelon",
    "range_km",
    "id",
];

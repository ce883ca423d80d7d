//! The left panel's proposals section: every demarcation proposal in its own colour, with a
//! visibility toggle, and a button that duplicates one as a variant to change.

use super::app::{Command, heading};
use super::document_ui::DocCommand;
use super::scenario_layer::proposal_colour;
use crate::model::Scenario;
use std::collections::HashSet;

/// Draws the section; `hidden` holds the proposals switched off.
pub fn ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    hidden: &mut HashSet<String>,
    selection: Option<&str>,
    commands: &mut Vec<Command>,
) {
    heading(ui, "Proposals");
    let mut any = false;
    for (index, (id, d)) in scenario.demarcations().enumerate() {
        any = true;
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(swatch, 2.0, proposal_colour(index));
            let name = d.name.as_deref().unwrap_or(id);
            let mut visible = !hidden.contains(id);
            if ui
                .checkbox(&mut visible, "")
                .on_hover_text(format!("Show {name} on the map"))
                .changed()
            {
                if visible {
                    hidden.remove(id);
                } else {
                    hidden.insert(id.to_owned());
                }
            }
            if ui.selectable_label(selection == Some(id), name).clicked() {
                commands.push(Command::Select(Some(id.to_owned()), false));
            }
            if ui
                .small_button("Duplicate")
                .on_hover_text(format!("Duplicate {name} as a variant"))
                .clicked()
            {
                commands.push(DocCommand::DuplicateProposal(id.to_owned()).into());
            }
        });
    }
    if !any {
        ui.weak("None yet: pick Draw demarcation (D) and click on the map.");
    }
}

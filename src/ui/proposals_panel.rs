//! The left panel's proposals section: every demarcation proposal in its own colour, with a
//! visibility toggle, and a button that duplicates one as a variant to change.

use super::commands::Command;
use super::commands::DocCommand;
use super::context::AppContext;
use super::scenario_layer::proposal_colour;
use super::widgets::heading;
use std::collections::HashSet;

/// The proposals section; owns which proposals are switched off on the map.
#[derive(Debug, Default)]
pub struct ProposalsPanel {
    hidden: HashSet<String>,
}

impl ProposalsPanel {
    /// The proposals switched off.
    pub fn hidden(&self) -> &HashSet<String> {
        &self.hidden
    }

    /// A new document: every proposal shown.
    pub fn document_replaced(&mut self) {
        self.hidden.clear();
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &AppContext<'_>) {
        let (scenario, selection, hidden) = (&cx.doc.scenario, cx.selected(), &mut self.hidden);
        heading(ui, "Proposals");
        let mut any = false;
        for (index, (id, d)) in scenario.demarcations().enumerate() {
            any = true;
            ui.horizontal(|ui| {
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
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
                    cx.send(Command::Select(Some(id.to_owned()), false));
                }
                if ui
                    .small_button("Duplicate")
                    .on_hover_text(format!("Duplicate {name} as a variant"))
                    .clicked()
                {
                    cx.send(DocCommand::DuplicateProposal(id.to_owned()));
                }
            });
        }
        if !any {
            ui.weak("None yet: pick Draw demarcation (D) and click on the map.");
        }
    }
}

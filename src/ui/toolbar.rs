//! The toolbar above the map: one button per tool (its key in the tooltip), undo and redo.

use super::commands::Command;
use super::commands::DocCommand;
use super::tool::Tool;
use crate::model::edit::History;

/// Draws the toolbar.
pub fn ui(ui: &mut egui::Ui, active: Tool, history: &History, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for tool in Tool::ALL {
            let response = ui
                .selectable_label(active == tool, tool.label())
                .on_hover_text(format!("{} ({})", tool.hint(), tool.key().name()));
            if response.clicked() {
                commands.push(DocCommand::SetTool(tool).into());
            }
        }
        ui.separator();
        let undo = ui
            .add_enabled(history.undo_len() > 0, egui::Button::new("Undo"))
            .on_hover_text(history.undo_label().map_or_else(
                || "Nothing to undo".to_owned(),
                |l| format!("Undo {l} (Ctrl+Z)"),
            ));
        if undo.clicked() {
            commands.push(DocCommand::Undo.into());
        }
        let redo = ui
            .add_enabled(history.redo_len() > 0, egui::Button::new("Redo"))
            .on_hover_text(history.redo_label().map_or_else(
                || "Nothing to redo".to_owned(),
                |l| format!("Redo {l} (Ctrl+Shift+Z, Ctrl+Y)"),
            ));
        if redo.clicked() {
            commands.push(DocCommand::Redo.into());
        }
    });
}

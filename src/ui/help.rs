//! Help ▸ Keyboard shortcuts and Help ▸ About.

use super::tool::Tool;
use crate::model::BaseMap;

/// The help windows that are open (the Help menu opens them).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OpenWindows {
    /// Help ▸ Keyboard shortcuts.
    pub shortcuts: bool,
    /// Help ▸ About.
    pub about: bool,
}

/// The map's and the presentation's keys, as shown in the help window (the tools' keys come
/// from [`Tool::key`], the editing keys from [`EDITING`]).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Drag", "Pan the map"),
    ("Mouse wheel, pinch", "Zoom around the cursor"),
    ("+ / −", "Zoom in / out around the cursor"),
    ("Arrow keys", "Pan"),
    ("Home", "Fit Ukraine"),
    ("Double-click", "Zoom in"),
    ("F5", "Present the steps (also in the View menu)"),
    ("Right, Space, Page Down", "Presenting: next step"),
    ("Left, Page Up", "Presenting: previous step"),
    ("Home / End", "Presenting: first / last step"),
    ("R", "Presenting: back to the step's view"),
    ("Esc", "Leave presentation mode"),
];

/// The keys of editing and files.
pub const EDITING: &[(&str, &str)] = &[
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save as"),
    ("Ctrl+O", "Open"),
    ("Ctrl+N", "New plan"),
    (
        "Delete",
        "Delete the selection (Edit line: the vertex under the pointer)",
    ),
    ("Enter, double-click", "Finish the line or area being drawn"),
    ("Backspace", "Remove the last vertex or measured point"),
    (
        "Esc",
        "Cancel drawing, clear the measurement or the selection",
    ),
    ("Shift-drag", "Select: every feature in a box"),
];

/// Every row of the shortcuts window, in groups: tools, editing, map and presentation.
pub fn shortcut_rows() -> Vec<(&'static str, String, String)> {
    let tools = Tool::ALL.iter().map(|tool| {
        (
            "Tools",
            tool.key().name().to_owned(),
            format!("{} tool", tool.label()),
        )
    });
    let editing = EDITING
        .iter()
        .map(|(keys, action)| ("Editing", (*keys).to_owned(), (*action).to_owned()));
    let map = SHORTCUTS.iter().map(|(keys, action)| {
        (
            "Map and presentation",
            (*keys).to_owned(),
            (*action).to_owned(),
        )
    });
    tools.chain(editing).chain(map).collect()
}

/// Draws the open help windows.
pub fn windows_ui(ctx: &egui::Context, windows: &mut OpenWindows, base: &BaseMap) {
    egui::Window::new("Keyboard shortcuts")
        .open(&mut windows.shortcuts)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        let mut group = "";
                        for (in_group, keys, action) in shortcut_rows() {
                            if in_group != group {
                                group = in_group;
                                ui.strong(group);
                                ui.end_row();
                            }
                            ui.monospace(keys);
                            ui.label(action);
                            ui.end_row();
                        }
                    });
            });
        });
    egui::Window::new("About Armistice")
        .open(&mut windows.about)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Armistice {}", env!("CARGO_PKG_VERSION")));
            ui.label("A planning tool for ceasefire lines, guarantor forces and deterrence in Ukraine.");
            ui.separator();
            ui.strong("Map data");
            ui.label("Countries and oblast boundaries: Natural Earth 1:10m (public domain), Crimea shown as part of Ukraine.");
            ui.label("Cities: contains data from GeoNames (geonames.org), CC BY 4.0.");
            let front = &base.front_line;
            ui.label(format!(
                "Front line: approximate, as of {}; {}",
                front.as_of.as_deref().unwrap_or("unknown date"),
                front.source.as_deref().unwrap_or("source not given")
            ));
            ui.label("Online basemap (optional, off by default): © OpenStreetMap contributors, ODbL.");
            ui.label(match crate::io::tile_cache::default_tile_cache_dir() {
                Some(dir) => format!(
                    "Its tiles are cached in {} (at most {} MB; emptied when it grows past that).",
                    dir.display(),
                    crate::io::tile_cache::TILE_CACHE_MAX_BYTES / (1024 * 1024)
                ),
                None => "Its tiles are not cached: no cache folder is known ($HOME is not set).".to_owned(),
            });
            ui.label("Details: maps/SOURCES.md.");
        });
}

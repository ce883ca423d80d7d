//! Help ▸ Keyboard shortcuts and Help ▸ About.

use super::app::OpenWindows;
use crate::model::BaseMap;

/// Every keyboard shortcut, as shown in the help window.
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

/// Draws the open help windows.
pub fn windows_ui(ctx: &egui::Context, windows: &mut OpenWindows, base: &BaseMap) {
    egui::Window::new("Keyboard shortcuts")
        .open(&mut windows.shortcuts)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, action) in SHORTCUTS {
                        ui.monospace(*keys);
                        ui.label(*action);
                        ui.end_row();
                    }
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
            ui.label("Details: maps/SOURCES.md.");
        });
}

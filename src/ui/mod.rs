//! The window: every egui widget lives below here; model, spatial and rules never see egui.

pub mod app;
pub mod commands;
pub mod compare;
pub mod context;
pub mod document_ui;
pub mod export_dialog;
pub mod file_dialog;
pub mod findings;
pub mod force_dialog;
pub mod help;
pub mod import_dialog;
pub mod inspector;
pub mod layers_panel;
pub mod ledger;
pub mod map_view;
pub mod paint;
pub mod picture;
pub mod present;
pub mod proposals_panel;
pub mod rule_overlays;
pub mod rule_params;
pub mod rules_ui;
pub mod scenario_layer;
pub mod startup;
pub mod steps_panel;
pub mod symbol_picker;
pub mod symbols;
pub mod tool;
pub mod toolbar;
pub mod tools;
pub mod widgets;

/// The open document lives in the GUI-free core; re-exported for the window's callers.
pub use crate::model::Document;
pub use app::{ArmisticeApp, PersistedState};

/// The application icon the window shows (title bar, task bar, window switcher), from
/// `assets/icon` (made by tools/build-symbols from `assets/icon/armistice.svg`).
pub fn app_icon() -> egui::IconData {
    let png = include_bytes!("../../assets/icon/armistice-256.png");
    match tiny_skia::Pixmap::decode_png(png) {
        Ok(pixmap) => egui::IconData {
            rgba: pixmap
                .pixels()
                .iter()
                .flat_map(|p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                })
                .collect(),
            width: pixmap.width(),
            height: pixmap.height(),
        },
        // Embedded and checked by a test: never reached; the window then has no icon.
        Err(_) => egui::IconData::default(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_app_icon_decodes() {
        let icon = super::app_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Opaque in the middle, transparent in the rounded corner.
        let alpha = |x: usize, y: usize| icon.rgba.get((y * 256 + x) * 4 + 3).copied();
        assert_eq!(alpha(128, 128), Some(255));
        assert_eq!(alpha(0, 0), Some(0));
    }
}

//! The window: every egui widget lives below here; model, spatial and rules never see egui.

pub mod app;
pub mod document;
pub mod document_ui;
pub mod export_dialog;
pub mod force_dialog;
pub mod help;
pub mod inspector;
pub mod layers_panel;
pub mod map_view;
pub mod paint;
pub mod present;
pub mod proposals_panel;
pub mod scenario_layer;
pub mod startup;
pub mod steps_panel;
pub mod symbols;
pub mod toolbar;
pub mod tools;

pub use app::{ArmisticeApp, Document, PersistedState};

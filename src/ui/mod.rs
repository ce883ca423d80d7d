//! The window: every egui widget lives below here; model, spatial and rules never see egui.

pub mod app;
pub mod export_dialog;
pub mod help;
pub mod inspector;
pub mod layers_panel;
pub mod map_view;
pub mod paint;
pub mod scenario_layer;
pub mod startup;
pub mod symbols;

pub use app::{ArmisticeApp, Document, PersistedState};

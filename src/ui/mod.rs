//! The window: every egui widget lives below here; model, spatial and rules never see egui.

pub mod app;
pub mod commands;
pub mod compare;
pub mod context;
pub mod document_ui;
pub mod export_dialog;
pub mod findings;
pub mod force_dialog;
pub mod help;
pub mod import_dialog;
pub mod inspector;
pub mod layers_panel;
pub mod ledger;
pub mod map_view;
pub mod paint;
pub mod present;
pub mod proposals_panel;
pub mod rule_overlays;
pub mod rule_params;
pub mod rules_ui;
pub mod scenario_layer;
pub mod startup;
pub mod steps_panel;
pub mod symbols;
pub mod toolbar;
pub mod tools;
pub mod widgets;

/// The open document lives in the GUI-free core; re-exported for the window's callers.
pub use crate::model::Document;
pub use app::{ArmisticeApp, PersistedState};

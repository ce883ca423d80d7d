//! Armistice: a desktop planning tool for ceasefire lines, guarantor forces and deterrence in
//! Ukraine. The library holds the model, the geometry and the user interface; `main.rs` is thin.

pub mod cli;
pub mod escape;
pub mod export;
pub mod format;
pub mod io;
pub mod model;
pub mod parallel;
pub mod rules;
pub mod scene;
pub mod spatial;
pub mod ui;

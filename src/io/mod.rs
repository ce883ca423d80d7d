//! Files on disk, made safe: atomic saves, recovery snapshots of unsaved work, and imports
//! (forces from CSV, a front line from GeoJSON). GUI-free, so the window, the CLI and the tests
//! share it.

pub mod csv_import;
pub mod front_line_import;
pub mod recovery;
pub mod save;
pub mod tile_cache;

pub use recovery::{RecoveryEntry, RecoverySession, RecoveryStore};
pub use save::{save_atomic, save_scenario};

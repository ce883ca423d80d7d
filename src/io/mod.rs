//! Files on disk, made safe: the one writer of every output ([`output`]: atomic for regular files,
//! direct for devices and pipes), saves, recovery snapshots of unsaved work, and imports (forces
//! from CSV, a front line from GeoJSON). GUI-free, so the window, the CLI and the tests share it.

pub mod csv_import;
pub mod front_line_import;
pub mod output;
pub mod recovery;
pub mod save;
pub mod tile_cache;

pub use output::{OutputError, OutputFile, refuse_inputs, write_output};
pub use recovery::{RecoveryEntry, RecoverySession, RecoveryStore};
pub use save::save_scenario;

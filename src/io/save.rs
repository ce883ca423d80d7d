//! Saving a scenario: its GeoJSON text through the one writer ([`super::output`]), so a save is
//! atomic, writes through symbolic links and never replaces a device.

use super::output::{OutputError, write_output};
use crate::model::Scenario;
use std::path::Path;

/// Saves `scenario` as GeoJSON to `path` with [`write_output`].
pub fn save_scenario(path: &Path, scenario: &Scenario) -> Result<(), OutputError> {
    write_output(path, scenario.to_geojson_string().as_bytes())
}

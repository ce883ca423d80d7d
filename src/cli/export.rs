//! `armistice export` (contract.md): GeoJSON without loss, KML with a tour.

use super::ExportFormat;
use std::path::Path;
use std::process::ExitCode;

/// `armistice export FILE --to geojson|kml --out OUT`.
pub fn run(file: &Path, to: ExportFormat, out: &Path) -> anyhow::Result<ExitCode> {
    let _ = (file, to, out);
    anyhow::bail!("`armistice export` is being built (issue 6)")
}

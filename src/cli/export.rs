//! `armistice export` (contract.md): GeoJSON without loss, KML with a tour.

use super::{EXIT_INPUT, ExportFormat};
use crate::export::kml::{KmlInput, to_kml};
use crate::export::{ExportError, occupied_behind, write_atomically};
use crate::model::{BaseMap, load_scenario};
use anyhow::Context as _;
use std::path::Path;
use std::process::ExitCode;

/// `armistice export FILE --to geojson|kml --out OUT`.
pub fn run(file: &Path, to: ExportFormat, out: &Path) -> anyhow::Result<ExitCode> {
    let input_error = |message: String| {
        eprintln!("armistice: {message}");
        Ok(ExitCode::from(EXIT_INPUT))
    };
    let name = file.display().to_string();
    let loaded = match load_scenario(file) {
        Ok(l) => l,
        Err(e) => return input_error(e.to_string()),
    };
    let text = match to {
        ExportFormat::Geojson => loaded.scenario.to_geojson_string(),
        ExportFormat::Kml => {
            let map = BaseMap::bundled().context("the bundled map data is invalid")?;
            let own_occupied = match &loaded.front_line {
                Some(front) => match occupied_behind(&map, &front.line) {
                    Ok(area) => Some(area),
                    Err(ExportError::FrontLine(why)) => {
                        return input_error(format!(
                            "{name}: property \"armistice.front_line\": {why}"
                        ));
                    }
                    Err(e) => return Err(e.into()),
                },
                None => None,
            };
            let input = KmlInput {
                scenario: &loaded.scenario,
                front_line: loaded.front_line.as_ref().unwrap_or(&map.front_line),
                occupied: own_occupied.as_ref().unwrap_or(&map.occupied),
                ukraine_extent: ukraine_extent(&map),
            };
            to_kml(&input).context("cannot write the KML")?
        }
    };
    match write_atomically(out, text.as_bytes()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => input_error(e.to_string()),
    }
}

/// Ukraine's extent, the view of a step without one.
fn ukraine_extent(map: &BaseMap) -> [f64; 4] {
    use geo::BoundingRect;
    map.ukraine()
        .and_then(|u| u.geometry.bounding_rect())
        .map_or([22.1, 44.3, 40.2, 52.4], |r| {
            [r.min().x, r.min().y, r.max().x, r.max().y]
        })
}

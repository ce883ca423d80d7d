//! `armistice export` (contract.md): GeoJSON without loss, KML with a tour.

use super::ExportFormat;
use crate::export::kml::{KmlInput, write_kml};
use crate::export::{ExportError, occupied_behind};
use crate::io::{OutputError, OutputFile, refuse_inputs, write_output};
use crate::model::scenario::MAX_FILE_BYTES;
use crate::model::{BaseMap, load_scenario};
use anyhow::Context as _;
use std::path::Path;
use std::process::ExitCode;

/// `armistice export FILE --to geojson|kml --out OUT`.
pub fn run(file: &Path, to: ExportFormat, out: &Path) -> anyhow::Result<ExitCode> {
    let input_error = |message: String| Ok(super::input_error(&message));
    let name = file.display().to_string();
    if let Err(e) = refuse_inputs(out, &[file]) {
        return input_error(e.to_string());
    }
    let loaded = match load_scenario(file) {
        Ok(l) => l,
        Err(e) => return input_error(e.to_string()),
    };
    if let Some(front) = loaded.front_line_path()
        && let Err(e) = refuse_inputs(out, &[&front])
    {
        return input_error(e.to_string());
    }
    match to {
        ExportFormat::Geojson => {
            // Compact if pretty printing would pass the size limit: what is written opens again.
            let text = loaded.scenario.to_geojson_string();
            if text.len() > MAX_FILE_BYTES {
                return input_error(format!(
                    "{name}: the plan as GeoJSON is {} bytes, more than the {MAX_FILE_BYTES} bytes Armistice opens: expected a smaller plan",
                    text.len()
                ));
            }
            match write_output(out, text.as_bytes()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => input_error(e.to_string()),
            }
        }
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
            // Streamed into the output: a placemark is made, written and dropped at a time.
            let written = OutputFile::create(out).and_then(|mut file| {
                write_kml(&input, &mut file).map_err(|e| OutputError::Io {
                    path: out.to_path_buf(),
                    source: match e {
                        kml::Error::IoError(io) => io,
                        other => std::io::Error::other(other.to_string()),
                    },
                })?;
                file.commit()
            });
            match written {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => input_error(e.to_string()),
            }
        }
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

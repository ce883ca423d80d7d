//! Builds `maps/occupied.geojson`: Ukraine split by today's front line, the side without Kyiv.
//!
//! ```text
//! cargo run --release --example build_occupied -- maps
//! ```
//!
//! Reads `countries.geojson`, `front-line.geojson` and `cities.geojson` from the given folder (not
//! the copies embedded in the program, so it works on freshly built maps) and writes
//! `occupied.geojson` there: one feature, RFC 7946 winding, coordinates rounded to 5 decimals,
//! byte-identical on every run with the same input.

use armistice::model::FrontLine;
use armistice::model::basemap::{parse_cities, parse_countries};
use armistice::spatial::{area_km2, split_by_line};
use geo::{LineString, MultiPolygon, Orient, orient::Direction};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Decimal places kept: 1e-5° is about 1 m.
const DECIMALS: i32 = 5;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(folder), None) = (args.next(), args.next()) else {
        eprintln!("usage: build_occupied MAPS_FOLDER");
        return ExitCode::from(2);
    };
    match run(Path::new(&folder)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("build_occupied: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read(folder: &Path, name: &str) -> Result<(PathBuf, String), String> {
    let path = folder.join(name);
    std::fs::read_to_string(&path)
        .map(|text| (path.clone(), text))
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

fn run(folder: &Path) -> Result<String, String> {
    let (countries_path, countries_text) = read(folder, "countries.geojson")?;
    let (front_path, front_text) = read(folder, "front-line.geojson")?;
    let (cities_path, cities_text) = read(folder, "cities.geojson")?;
    let countries = parse_countries(&countries_path.display().to_string(), &countries_text)
        .map_err(|e| e.to_string())?;
    let front = FrontLine::from_geojson(&front_path.display().to_string(), &front_text)
        .map_err(|e| e.to_string())?;
    let cities = parse_cities(&cities_path.display().to_string(), &cities_text)
        .map_err(|e| e.to_string())?;

    let ukraine = countries.iter().find(|c| c.iso_a2 == "UA").ok_or_else(|| {
        format!(
            "{}: no country with iso_a2 \"UA\"",
            countries_path.display()
        )
    })?;
    let kyiv = cities
        .iter()
        .find(|c| c.name == "Kyiv")
        .ok_or_else(|| format!("{}: no city named \"Kyiv\"", cities_path.display()))?;
    let as_of = front.as_of.clone().ok_or_else(|| {
        format!(
            "{}: the front line has no \"as_of\" date",
            front_path.display()
        )
    })?;

    let sides = split_by_line(&ukraine.geometry, &front.line, kyiv.position).map_err(|e| {
        format!(
            "cannot split Ukraine ({}) by the front line ({}): {e}",
            countries_path.display(),
            front_path.display()
        )
    })?;
    let occupied = sides.other.orient(Direction::Default);
    let text = feature_collection(&occupied, &as_of)?;
    let out = folder.join("occupied.geojson");
    std::fs::write(&out, &text).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    Ok(format!(
        "wrote {}: {} polygon(s), {:.0} km² occupied of {:.0} km², front line as of {as_of}",
        out.display(),
        occupied.0.len(),
        area_km2(&occupied),
        area_km2(&ukraine.geometry),
    ))
}

/// A coordinate rounded to [`DECIMALS`], without a negative zero.
fn rounded(value: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS);
    let r = (value * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}

/// A ring as GeoJSON positions, rounded, without consecutive repeats that rounding creates, and
/// closed. `None` if rounding leaves fewer than three distinct points.
fn ring_json(ring: &LineString) -> Option<String> {
    let mut points: Vec<(f64, f64)> = ring
        .coords()
        .map(|c| (rounded(c.x), rounded(c.y)))
        .collect();
    points.dedup();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        return None;
    }
    let first = *points.first()?;
    points.push(first);
    let mut out = String::from("[");
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // `{}` on f64 prints the shortest text that reads back to the same value: deterministic.
        let _ = write!(out, "[{x},{y}]");
    }
    out.push(']');
    Some(out)
}

fn feature_collection(area: &MultiPolygon, as_of: &str) -> Result<String, String> {
    let mut polygons = Vec::new();
    for polygon in area {
        let Some(exterior) = ring_json(polygon.exterior()) else {
            continue;
        };
        let mut rings = vec![exterior];
        rings.extend(polygon.interiors().iter().filter_map(ring_json));
        polygons.push(format!("[{}]", rings.join(",")));
    }
    if polygons.is_empty() {
        return Err("the occupied side has no polygon left after rounding".to_owned());
    }
    let properties = serde_json::json!({
        "name": "Occupied area",
        "as_of": as_of,
        "source": "split of countries.geojson (UA) by front-line.geojson, src/spatial/split.rs",
    });
    // serde_json's map keeps keys sorted, so the properties print the same every time.
    let properties = serde_json::to_string(&properties).map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{{\"type\":\"Feature\",\"properties\":{properties},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[\n{}\n]}}}}\n]}}\n",
        polygons.join(",\n")
    ))
}

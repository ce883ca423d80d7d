//! Loading a scenario file from disk: the one path the window, `check`, `render` and `export`
//! all use, so they accept and reject exactly the same files with the same messages.
//!
//! A scenario's `armistice.front_line` names a GeoJSON file relative to the scenario; it is read
//! here too, so a scenario always arrives with the front line it refers to.

use super::scenario::{MAX_FILE_BYTES, Reading};
use super::{FrontLine, Scenario};
use std::path::{Path, PathBuf};

/// A file that cannot be used. The message names the file and, where it applies, the feature and
/// the property at fault and what was expected (contract.md).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

/// A scenario read from disk, with the front line it refers to.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    /// The plan.
    pub scenario: Scenario,
    /// The file it came from.
    pub path: PathBuf,
    /// The scenario's own front line (`armistice.front_line`), or `None` for the bundled one.
    pub front_line: Option<FrontLine>,
    /// How the file was read (with settings, or as plain GeoJSON).
    pub reading: Reading,
}

/// Reads a text file of at most `MAX_FILE_BYTES`, checking the size before reading.
pub fn read_limited(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| LoadError(format!("{name}: cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(LoadError(format!(
            "{name}: is a folder, expected a GeoJSON file"
        )));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(LoadError(format!(
            "{name}: {} bytes is too large for a scenario (at most {} bytes)",
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError(format!("{name}: cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        LoadError(format!(
            "{name}: not UTF-8 text (invalid byte at offset {}): expected a GeoJSON file",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Reads and parses a scenario file, and the front line file it refers to.
pub fn load_scenario(path: &Path) -> Result<LoadedScenario, LoadError> {
    let name = path.display().to_string();
    let text = read_limited(path)?;
    let (scenario, reading) =
        Scenario::parse_reading(&name, &text).map_err(|e| LoadError(e.to_string()))?;
    let front_line =
        match &scenario.front_line {
            Some(rel) => Some(load_front_line(&resolve_relative(path, rel)).map_err(|e| {
                LoadError(format!("{name}: property \"armistice.front_line\": {e}"))
            })?),
            None => None,
        };
    Ok(LoadedScenario {
        scenario,
        path: path.to_path_buf(),
        front_line,
        reading,
    })
}

/// Reads a front line file (a GeoJSON LineString or MultiLineString).
pub fn load_front_line(path: &Path) -> Result<FrontLine, LoadError> {
    let text = read_limited(path)?;
    FrontLine::from_geojson(&path.display().to_string(), &text)
        .map_err(|e| LoadError(e.to_string()))
}

/// `rel` resolved against the folder holding `scenario_path` (absolute paths stay as they are).
pub fn resolve_relative(scenario_path: &Path, rel: &str) -> PathBuf {
    let rel = Path::new(rel);
    if rel.is_absolute() {
        return rel.to_path_buf();
    }
    scenario_path
        .parent()
        .map_or_else(|| rel.to_path_buf(), |dir| dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_names_it() {
        let e = load_scenario(Path::new("/nonexistent/plan.geojson")).unwrap_err();
        assert!(
            e.0.starts_with("/nonexistent/plan.geojson: cannot read"),
            "{e}"
        );
    }

    #[test]
    fn front_line_is_resolved_beside_the_scenario() {
        let dir = std::env::temp_dir().join(format!("armistice-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("front.geojson"),
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"as_of":"2025-11-01"},
               "geometry":{"type":"LineString","coordinates":[[36.0,50.5],[38.0,47.0]]}}]}"#,
        )
        .unwrap();
        let plan = dir.join("plan.geojson");
        std::fs::write(
            &plan,
            r#"{"type":"FeatureCollection","armistice":{"front_line":"front.geojson"},"features":[]}"#,
        )
        .unwrap();
        let loaded = load_scenario(&plan).unwrap();
        assert_eq!(
            loaded.front_line.unwrap().as_of.as_deref(),
            Some("2025-11-01")
        );
        std::fs::write(
            &plan,
            r#"{"type":"FeatureCollection","armistice":{"front_line":"nope.geojson"},"features":[]}"#,
        )
        .unwrap();
        let e = load_scenario(&plan).unwrap_err();
        assert!(
            e.0.contains("armistice.front_line") && e.0.contains("nope.geojson"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}

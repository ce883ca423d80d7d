//! Loading a scenario file from disk: the one path the window, `check`, `render` and `export`
//! all use, so they accept and reject exactly the same files with the same messages.
//!
//! Every input goes through one reader ([`read_input`]: regular files only, bounded before
//! reading). A scenario's `armistice.front_line` names a GeoJSON file relative to the scenario; it
//! is read here too, so a scenario always arrives with the front line it refers to. Then the one
//! validation ([`validate`]) checks what the parser alone cannot: every rule setting under
//! `armistice.rules` (known rule, known parameter, valid value) and a front line that splits
//! Ukraine in two.

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

impl LoadedScenario {
    /// The file of the scenario's own front line (`armistice.front_line`), if it names one.
    pub fn front_line_path(&self) -> Option<PathBuf> {
        self.scenario
            .front_line
            .as_deref()
            .map(|rel| resolve_relative(&self.path, rel))
    }
}

/// Reads a GeoJSON file with [`read_input`].
pub fn read_limited(path: &Path) -> Result<String, LoadError> {
    read_input(path, "a GeoJSON file")
}

/// The one reader of every input (scenarios, their front lines, CSV, `--rules`, imports and
/// recovery snapshots): a regular file of at most [`MAX_FILE_BYTES`] of UTF-8 text. A folder, a
/// device, a named pipe or a socket is refused at once, before it is opened for reading (opening
/// a named pipe waits for a writer; a device can be endless). The size is checked before the first
/// byte is read and again while reading, so a file that grows meanwhile still stops at the limit.
/// `expected` ("a GeoJSON file") ends the messages.
pub fn read_input(path: &Path, expected: &str) -> Result<String, LoadError> {
    use std::io::Read as _;
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| LoadError(format!("{name}: cannot read: {e}"));
    let too_large = |bytes: u64| {
        LoadError(format!(
            "{name}: {bytes} bytes is too large (at most {MAX_FILE_BYTES} bytes, the limit of every file Armistice reads): expected {expected}"
        ))
    };
    let check = |meta: &std::fs::Metadata| -> Result<(), LoadError> {
        if let Some(kind) = not_regular(meta) {
            return Err(LoadError(format!(
                "{name}: is {kind}, not a regular file: expected {expected}"
            )));
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(too_large(meta.len()));
        }
        Ok(())
    };
    check(&std::fs::metadata(path).map_err(cannot)?)?;
    let file = open_without_waiting(path).map_err(cannot)?;
    // The file opened may not be the one looked at (it can be swapped in between): checked again.
    let meta = file.metadata().map_err(cannot)?;
    check(&meta)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        LoadError(format!(
            "{name}: not UTF-8 text (invalid byte at offset {}): expected {expected}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What a file that is not a regular file is ("a folder", "a named pipe (FIFO)"), or `None`.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without waiting: on Unix with `O_NONBLOCK`, so a named pipe put in
/// place of a checked file cannot block the open (the next check refuses it). Reads of a regular
/// file are unaffected by the flag.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
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
    validate(&name, &scenario, front_line.as_ref())?;
    Ok(LoadedScenario {
        scenario,
        path: path.to_path_buf(),
        front_line,
        reading,
    })
}

/// What a parsed scenario must also satisfy to be opened, by every command and the window alike:
/// each rule setting valid (`armistice.rules`), and its own front line, if any, splitting Ukraine
/// in two (it is today's line every rule measures from). `file` names the scenario in messages.
pub fn validate(
    file: &str,
    scenario: &Scenario,
    front_line: Option<&FrontLine>,
) -> Result<(), LoadError> {
    let errors = crate::rules::validate_rule_settings(&scenario.rules, &|city: &str| {
        bundled_city_names().iter().any(|c| c == city)
    });
    if !errors.is_empty() {
        let parts: Vec<String> = errors
            .iter()
            .map(|e| format!("property \"armistice.{}\": {}", e.setting(), e.message))
            .collect();
        return Err(LoadError(format!("{file}: {}", parts.join("; "))));
    }
    if let Some(front) = front_line {
        let (ukraine, kyiv) = bundled_ukraine()
            .as_ref()
            .map_err(|e| LoadError(format!("the bundled map data is invalid: {e}")))?;
        if let Err(why) = crate::spatial::split_by_line(ukraine, &front.line, *kyiv) {
            return Err(LoadError(format!(
                "{file}: property \"armistice.front_line\": {}: the line does not split Ukraine in two ({why}): expected a line of contact from one border of Ukraine to another",
                scenario.front_line.as_deref().unwrap_or_default()
            )));
        }
    }
    Ok(())
}

/// The names of the bundled cities (a rule parameter may name them), read once.
fn bundled_city_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        super::basemap::parse_cities("cities.geojson", super::basemap::bundled::CITIES)
            .map(|cities| cities.into_iter().map(|c| c.name).collect())
            .unwrap_or_default()
    })
}

/// Ukraine's territory and Kyiv from the bundled map, read once (only for scenarios with their own
/// front line, which must split it).
fn bundled_ukraine() -> &'static Result<(geo::MultiPolygon, geo::Point), String> {
    static UKRAINE: std::sync::OnceLock<Result<(geo::MultiPolygon, geo::Point), String>> =
        std::sync::OnceLock::new();
    UKRAINE.get_or_init(|| {
        use super::basemap::{bundled, parse_cities, parse_countries};
        let countries =
            parse_countries("countries.geojson", bundled::COUNTRIES).map_err(|e| e.to_string())?;
        let ukraine = countries
            .into_iter()
            .find(|c| c.iso_a2 == "UA")
            .ok_or("no Ukraine")?;
        let kyiv = parse_cities("cities.geojson", bundled::CITIES)
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|c| c.name == "Kyiv")
            .ok_or("no Kyiv")?;
        Ok((ukraine.geometry, kyiv.position))
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

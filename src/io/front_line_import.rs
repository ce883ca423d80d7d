//! A planner's own front line: any GeoJSON LineString or MultiLineString (a bare geometry, a
//! Feature or a FeatureCollection), checked, then kept beside the scenario so that the scenario's
//! `armistice.front_line` can name it by a relative path and the two travel together.
//!
//! The scenario loader reads a front line as a FeatureCollection whose first feature is the line
//! (`FrontLine::from_geojson`). A file already in that shape is copied byte for byte; anything
//! else is written as a FeatureCollection holding just the line's feature (its id, properties and
//! foreign members kept), so what is imported always loads again. GUI-free.

use super::output::write_output;
use crate::model::FrontLine;
use crate::model::geojson_read::{FeatureRef, GeoJsonError};
use crate::model::load::read_limited;
use geojson::{Feature, FeatureCollection, GeoJson, GeometryValue};
use std::path::{Path, PathBuf};

/// Why a front line cannot be imported. Messages name the file and, where it applies, the feature.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrontLineImportError {
    /// The file cannot be read (missing, too large, not UTF-8).
    #[error("{0}")]
    Read(String),
    /// The file is GeoJSON of the wrong kind, or its line is unusable.
    #[error(transparent)]
    GeoJson(#[from] GeoJsonError),
    /// The scenario has no file yet, so there is no folder to keep the line in.
    #[error(
        "the scenario has not been saved yet: save it first, so the front line can be kept beside it"
    )]
    UnsavedScenario,
    /// The copy beside the scenario cannot be written.
    #[error("{path}: cannot write the copy of the front line: {reason}")]
    Write {
        /// The copy's path.
        path: String,
        /// What the system said.
        reason: String,
    },
}

/// A checked front line, ready to be kept beside a scenario.
#[derive(Debug, Clone)]
pub struct FrontLineImport {
    /// The file it was read from.
    pub source: PathBuf,
    /// The line, as the scenario loader will read it.
    pub front_line: FrontLine,
    /// The text to keep beside the scenario: the file itself if the loader reads it as it is,
    /// else a FeatureCollection of the line's feature.
    pub text: String,
}

/// Reads and checks a front line file.
pub fn read_front_line(path: &Path) -> Result<FrontLineImport, FrontLineImportError> {
    let text = read_limited(path).map_err(|e| FrontLineImportError::Read(e.to_string()))?;
    let name = path.display().to_string();
    let (front_line, text) = parse_front_line(&name, &text)?;
    Ok(FrontLineImport {
        source: path.to_path_buf(),
        front_line,
        text,
    })
}

/// Checks front line GeoJSON text; `file` names it in messages. Returns the line and the text to
/// keep (see [`FrontLineImport::text`]).
pub fn parse_front_line(file: &str, text: &str) -> Result<(FrontLine, String), GeoJsonError> {
    let syntax = |reason: String| GeoJsonError::Syntax {
        file: file.to_owned(),
        reason,
    };
    let geojson = text
        .trim_start_matches('\u{feff}')
        .parse::<GeoJson>()
        .map_err(|e| syntax(e.to_string()))?;
    let (index, feature) = match geojson {
        GeoJson::Geometry(geometry) => (
            0,
            Feature {
                bbox: None,
                geometry: Some(geometry),
                id: None,
                properties: Some(geojson::JsonObject::new()),
                foreign_members: None,
            },
        ),
        GeoJson::Feature(feature) => (0, feature),
        GeoJson::FeatureCollection(collection) => {
            let description = describe_geometries(&collection);
            let found = collection
                .features
                .into_iter()
                .enumerate()
                .find(|(_, f)| f.geometry.as_ref().is_some_and(|g| is_line(&g.value)));
            match found {
                Some(found) => found,
                None => {
                    return Err(GeoJsonError::Collection {
                        file: file.to_owned(),
                        reason: format!(
                            "no front line: expected a LineString or MultiLineString, found {description}"
                        ),
                    });
                }
            }
        }
    };
    if let Some(geometry) = &feature.geometry
        && !is_line(&geometry.value)
    {
        return Err(GeoJsonError::Geometry {
            file: file.to_owned(),
            feature: FeatureRef::of(&feature, index),
            expected: "a LineString or MultiLineString (a front line)",
            found: format!("a {}", geometry.value.type_name()),
        });
    }
    // The loader's own reading decides: what passes here loads again from the copy.
    if let Ok(line) = FrontLine::from_geojson(file, text) {
        return Ok((line, text.to_owned()));
    }
    let collection = FeatureCollection {
        bbox: None,
        features: vec![feature],
        foreign_members: None,
    };
    let mut normalised = collection.to_string();
    normalised.push('\n');
    let line = FrontLine::from_geojson(file, &normalised).map_err(|e| renumber(e, index))?;
    Ok((line, normalised))
}

fn is_line(value: &GeometryValue) -> bool {
    matches!(
        value,
        GeometryValue::LineString { .. } | GeometryValue::MultiLineString { .. }
    )
}

/// "2 features (a Point, a Polygon)", for the message when no feature is a line.
fn describe_geometries(collection: &FeatureCollection) -> String {
    if collection.features.is_empty() {
        return "no feature".to_owned();
    }
    let kinds: Vec<String> = collection
        .features
        .iter()
        .take(5)
        .map(|f| match &f.geometry {
            Some(g) => format!("a {}", g.value.type_name()),
            None => "no geometry".to_owned(),
        })
        .collect();
    let more = if collection.features.len() > 5 {
        ", …"
    } else {
        ""
    };
    let n = collection.features.len();
    format!(
        "{n} feature{} ({}{more})",
        if n == 1 { "" } else { "s" },
        kinds.join(", ")
    )
}

/// The loader read a one-feature collection, so an index in its message is 0; the feature was
/// `index` in the user's file.
fn renumber(error: GeoJsonError, index: usize) -> GeoJsonError {
    let fix = |feature: FeatureRef| match feature {
        FeatureRef::Index(_) => FeatureRef::Index(index),
        id => id,
    };
    match error {
        GeoJsonError::Geometry {
            file,
            feature,
            expected,
            found,
        } => GeoJsonError::Geometry {
            file,
            feature: fix(feature),
            expected,
            found,
        },
        GeoJsonError::Coordinate {
            file,
            feature,
            lon,
            lat,
        } => GeoJsonError::Coordinate {
            file,
            feature: fix(feature),
            lon,
            lat,
        },
        GeoJsonError::Property {
            file,
            feature,
            property,
            expected,
        } => GeoJsonError::Property {
            file,
            feature: fix(feature),
            property,
            expected,
        },
        other => other,
    }
}

impl FrontLineImport {
    /// Keeps the line in the folder of `scenario_path` and returns the name to put in
    /// `armistice.front_line`. The copy is named after the source; a different file of that name
    /// already there is never overwritten (`-2`, `-3`, … are tried), an identical one is reused,
    /// and a source already in the folder that loads as it is stays where it is.
    pub fn keep_beside(&self, scenario_path: &Path) -> Result<String, FrontLineImportError> {
        let folder = match scenario_path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let stem = self.source.file_stem().map_or_else(
            || "front-line".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        for n in 1..1000 {
            let name = if n == 1 {
                format!("{stem}.geojson")
            } else {
                format!("{stem}-{n}.geojson")
            };
            let candidate = folder.join(&name);
            // Anything already there (a file, or a pipe or folder in the way) is read with the
            // one reader, which refuses what is not a regular file.
            let existing = std::fs::symlink_metadata(&candidate)
                .ok()
                .map(|_| read_limited(&candidate).ok());
            match existing {
                Some(Some(text)) if text == self.text => return Ok(name),
                // Another file (or the source itself in a shape the loader cannot read as it
                // is): never overwritten, the next name is tried.
                Some(_) => continue,
                None => {
                    write_output(&candidate, self.text.as_bytes()).map_err(|e| {
                        FrontLineImportError::Write {
                            path: candidate.display().to_string(),
                            reason: e.to_string(),
                        }
                    })?;
                    return Ok(name);
                }
            }
        }
        Err(FrontLineImportError::Write {
            path: folder.join(format!("{stem}.geojson")).display().to_string(),
            reason: "every name up to -999 is taken".to_owned(),
        })
    }
}

/// Keeps a scenario's front line with it when the scenario is saved into another folder: the
/// file `rel` names beside `old_scenario` is copied to the same relative place beside
/// `new_scenario`, so the relative reference still holds. Nothing happens for an absolute path,
/// the same folder, a line already there with the same bytes, or a line that was never there.
/// A different file in the way is never overwritten: that is an error for the caller to show.
pub fn carry_front_line(
    old_scenario: &Path,
    new_scenario: &Path,
    rel: &str,
) -> Result<(), FrontLineImportError> {
    use crate::model::load::resolve_relative;
    let folder_missing = new_scenario
        .parent()
        .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir());
    if Path::new(rel).is_absolute() || folder_missing {
        // Nothing to carry, or nowhere to carry it (the save itself will say so).
        return Ok(());
    }
    let source = resolve_relative(old_scenario, rel);
    let target = resolve_relative(new_scenario, rel);
    let same = match (source.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => source == target,
    };
    let Ok(text) = read_limited(&source) else {
        return Ok(());
    };
    if same {
        return Ok(());
    }
    let write_error = |reason: String| FrontLineImportError::Write {
        path: target.display().to_string(),
        reason,
    };
    let existing = std::fs::symlink_metadata(&target)
        .ok()
        .map(|_| read_limited(&target));
    match existing {
        Some(Ok(existing)) if existing == text => Ok(()),
        Some(_) => Err(write_error(format!(
            "a different file is already there, so the scenario's front line ({}) was not copied beside it",
            source.display()
        ))),
        None => {
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).map_err(|e| write_error(e.to_string()))?;
            }
            write_output(&target, text.as_bytes()).map_err(|e| write_error(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str =
        r#"{"type":"LineString","coordinates":[[36.0,50.5],[37.0,49.0],[38.0,47.0]]}"#;

    #[test]
    fn bare_geometry_feature_and_collection_are_accepted() {
        let feature = format!(
            r#"{{"type":"Feature","id":"f","properties":{{"as_of":"2025-11-01"}},"geometry":{LINE}}}"#
        );
        let collection = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[30,50]}}}},{feature}]}}"#
        );
        let multi = r#"{"type":"MultiLineString","coordinates":[[[36.0,50.5],[37.0,49.0]],[[37.0,49.0],[38.0,47.0]]]}"#;
        for text in [LINE, feature.as_str(), collection.as_str(), multi] {
            let (line, kept) = parse_front_line("f.geojson", text).expect(text);
            assert_eq!(line.line.0.len(), 3, "{text}");
            let again = FrontLine::from_geojson("copy.geojson", &kept).expect("the copy loads");
            assert_eq!(again.line, line.line);
        }
        let (line, kept) = parse_front_line("f.geojson", &collection).expect("collection");
        assert_eq!(line.as_of.as_deref(), Some("2025-11-01"));
        assert!(kept.contains("\"id\":\"f\""), "{kept}");
    }

    #[test]
    fn wrong_files_are_refused_with_a_clear_message() {
        let cases = [
            ("not json", "f.geojson: not a GeoJSON FeatureCollection"),
            (
                r#"{"type":"Point","coordinates":[30,50]}"#,
                "f.geojson: feature #0: geometry: expected a LineString or MultiLineString (a front line), found a Point",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,50]]]}}]}"#,
                "f.geojson: no front line: expected a LineString or MultiLineString, found 1 feature (a Polygon)",
            ),
            (
                r#"{"type":"FeatureCollection","features":[]}"#,
                "found no feature",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[36,50],[236,47]]}}]}"#,
                "f.geojson: feature #1: geometry: coordinate (236, 47)",
            ),
            (
                r#"{"type":"MultiLineString","coordinates":[[[36.0,50.5],[37.0,49.0]],[[30.0,45.0],[31.0,44.0]]]}"#,
                "expected one connected line",
            ),
        ];
        for (text, expected) in cases {
            let err = parse_front_line("f.geojson", text).expect_err(text);
            assert!(err.to_string().contains(expected), "{err} / {expected}");
        }
    }

    #[test]
    fn kept_beside_the_scenario_without_overwriting() {
        let dir =
            std::env::temp_dir().join(format!("armistice-front-import-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("elsewhere")).expect("dir");
        let source = dir.join("elsewhere/line.geojson");
        std::fs::write(&source, LINE).expect("write");
        let plan = dir.join("plan.geojson");
        // A different file of the same name is already beside the plan.
        std::fs::write(dir.join("line.geojson"), "other").expect("write");
        let import = read_front_line(&source).expect("valid");
        let name = import.keep_beside(&plan).expect("kept");
        assert_eq!(name, "line-2.geojson");
        assert_eq!(
            std::fs::read_to_string(dir.join("line.geojson")).expect("read"),
            "other"
        );
        // Importing the same line again reuses the copy.
        assert_eq!(import.keep_beside(&plan).expect("kept"), "line-2.geojson");
        let loaded = crate::model::load::load_front_line(&dir.join(&name)).expect("loads");
        assert_eq!(loaded.line, import.front_line.line);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn save_as_elsewhere_carries_the_line_without_overwriting() {
        let dir =
            std::env::temp_dir().join(format!("armistice-front-carry-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["a", "b", "c"] {
            std::fs::create_dir_all(dir.join(sub)).expect("dir");
        }
        std::fs::write(dir.join("a/line.geojson"), LINE).expect("write");
        let old = dir.join("a/plan.geojson");
        carry_front_line(&old, &dir.join("b/plan.geojson"), "line.geojson").expect("copied");
        assert_eq!(
            std::fs::read_to_string(dir.join("b/line.geojson")).expect("read"),
            LINE
        );
        // Same folder, or already there: nothing to do.
        carry_front_line(&old, &dir.join("a/other.geojson"), "line.geojson").expect("same folder");
        carry_front_line(&old, &dir.join("b/plan.geojson"), "line.geojson").expect("same bytes");
        // Something else in the way stays, and the caller hears why.
        std::fs::write(dir.join("c/line.geojson"), "mine").expect("write");
        let err = carry_front_line(&old, &dir.join("c/plan.geojson"), "line.geojson")
            .expect_err("in the way");
        assert!(
            err.to_string()
                .contains("a different file is already there"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("c/line.geojson")).expect("read"),
            "mine"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}

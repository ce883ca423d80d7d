//! The open scenario as a document: its file, its front line, its undo history and whether it has
//! unsaved changes. Free of egui (beside `model::edit`, as helix keeps its document out of the
//! terminal UI), so the window, the command line and the tests share it.

use super::edit::{Edit, EditError, History};
use super::{FrontLine, LoadedScenario, Scenario};
use std::path::{Path, PathBuf};

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The bundled default scenario (read-only: Save asks for a file).
    Bundled,
    /// Made with File ▸ New.
    Untitled,
    /// Read from or saved to this file.
    File(PathBuf),
}

/// The open scenario and where it came from.
pub struct Document {
    /// The plan.
    pub scenario: Scenario,
    /// Its file; `None` for the bundled default or a new plan.
    pub path: Option<PathBuf>,
    /// The scenario's own front line (`armistice.front_line`); `None` for the bundled one.
    pub front_line: Option<FrontLine>,
    /// Bumped by every change to `scenario` (edit, undo, redo, load), so caches (scene, rule
    /// checks) know when to renew.
    pub revision: u64,
    /// Undo and redo.
    pub history: History,
    /// The history state last saved (or loaded).
    saved_state: u64,
    untitled: bool,
}

impl Document {
    /// A document for a scenario that has no file yet (the bundled default).
    pub fn unsaved(scenario: Scenario) -> Self {
        Self {
            scenario,
            path: None,
            front_line: None,
            revision: 0,
            history: History::default(),
            saved_state: 0,
            untitled: false,
        }
    }

    /// File ▸ New: an empty plan.
    pub fn untitled() -> Self {
        Self {
            untitled: true,
            ..Self::unsaved(Scenario::default())
        }
    }

    /// A document for a scenario read from disk.
    pub fn from_loaded(loaded: LoadedScenario) -> Self {
        Self {
            path: Some(loaded.path),
            front_line: loaded.front_line,
            ..Self::unsaved(loaded.scenario)
        }
    }

    /// Where the document came from.
    pub fn origin(&self) -> Origin {
        match (&self.path, self.untitled) {
            (Some(path), _) => Origin::File(path.clone()),
            (None, true) => Origin::Untitled,
            (None, false) => Origin::Bundled,
        }
    }

    /// The name shown in the title bar.
    pub fn display_name(&self) -> String {
        match self.origin() {
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Origin::Untitled => "Untitled".to_owned(),
            Origin::Bundled => "default.geojson (bundled)".to_owned(),
        }
    }

    /// Applies an edit through the history; a refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.scenario, edit)?;
        self.revision += 1;
        Ok(())
    }

    /// Undoes the newest edit; returns what was undone.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.scenario)?;
        self.revision += 1;
        Some(label)
    }

    /// Redoes the newest undone edit; returns what was redone.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.scenario)?;
        self.revision += 1;
        Some(label)
    }

    /// Whether the scenario differs from the file (or was never saved after an edit).
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Records that the scenario as it is now was written to `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.path = Some(path.to_path_buf());
        self.untitled = false;
        self.saved_state = self.history.state();
    }

    /// Marks the document as changed (a recovered snapshot that was never saved).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        self.scenario.to_geojson_string()
    }
}

/// What to tell the planner about a file read as plain GeoJSON (no `armistice` member): what
/// was opened and how each feature was read. `None` for a scenario file with its settings.
pub fn plain_geojson_note(loaded: &LoadedScenario) -> Option<String> {
    if loaded.reading.settings_member {
        return None;
    }
    let scenario = &loaded.scenario;
    let count = |kind: Option<&str>| {
        scenario
            .features
            .iter()
            .filter(|f| f.item.kind() == kind)
            .count()
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut kinds: Vec<String> = [
        (Some("force"), "force", "forces"),
        (
            Some("demarcation"),
            "demarcation proposal",
            "demarcation proposals",
        ),
        (Some("guarantee-area"), "guarantee area", "guarantee areas"),
    ]
    .into_iter()
    .map(|(kind, one, many)| (count(kind), one, many))
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let others = count(None);
    if others > 0 {
        kinds.push(format!(
            "{} without an Armistice \"kind\" (drawn and listed, not checked by the rules)",
            plural(others, "feature", "features")
        ));
    }
    let file = loaded.path.file_name().map_or_else(
        || loaded.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let features = if kinds.is_empty() {
        "It has no features.".to_owned()
    } else {
        format!("Read {}.", kinds.join(", "))
    };
    Some(format!(
        "{file} has no \"armistice\" member, so it was read as plain GeoJSON: the plan \"{}\" \
         has the default settings and rules and no steps. {features} Features are named by their \
         \"name\" or \"title\" property. Saving adds the settings; the features stay as they are.",
        scenario.title
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirty_follows_edits_undo_and_save() {
        let mut doc = Document::untitled();
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "Untitled");
        doc.apply(Edit::SetTitle("A".into())).unwrap();
        assert!(doc.is_dirty());
        assert_eq!(doc.revision, 1);
        doc.undo();
        assert!(!doc.is_dirty());
        assert_eq!(doc.revision, 2);
        doc.redo();
        doc.mark_saved(Path::new("/tmp/plan.geojson"));
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "plan.geojson");
        doc.undo();
        assert!(doc.is_dirty(), "undoing past a save is a change");
    }

    #[test]
    fn plain_geojson_says_how_it_was_read() {
        let text = r#"{"type": "FeatureCollection", "name": "Lines from QGIS", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
             "properties": {"name": "Kyiv depot"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [31.0, 49.0]},
             "properties": {"title": "Checkpoint"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.0, 50.0]},
             "properties": {"kind": "force", "nation": "PL", "component": "land",
                            "role": "reassurance", "strength": 4000, "readiness_days": 7}}
        ]}"#;
        let (scenario, reading) = Scenario::parse_reading("plain.geojson", text).unwrap();
        assert!(!reading.settings_member);
        assert_eq!(scenario.title, "Lines from QGIS");
        let labels: Vec<&str> = scenario.features.iter().map(|f| f.label()).collect();
        assert_eq!(labels.get(..2), Some(&["Kyiv depot", "Checkpoint"][..]));
        let loaded = LoadedScenario {
            scenario,
            path: PathBuf::from("/plans/plain.geojson"),
            front_line: None,
            reading,
        };
        let note = plain_geojson_note(&loaded).expect("a plain file is explained");
        assert!(
            note.starts_with("plain.geojson has no \"armistice\" member"),
            "{note}"
        );
        assert!(
            note.contains("Read 1 force, 2 features without an Armistice"),
            "{note}"
        );
        assert!(note.contains("\"Lines from QGIS\""), "{note}");

        let with_settings = Scenario::parse_reading(
            "plan.geojson",
            r#"{"type": "FeatureCollection", "armistice": {"format": 1}, "features": []}"#,
        )
        .unwrap();
        assert!(with_settings.1.settings_member);
    }
}

//! The open scenario as a document: its file, its front line, its undo history and whether it has
//! unsaved changes. Free of egui, so it is tested headless.

use crate::model::FrontLine;
use crate::model::edit::{Edit, EditError, History};
use crate::model::{LoadedScenario, Scenario};
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
}

//! File ▸ Import forces from CSV… and File ▸ Import front line…: picking the file (or typing its
//! path where no file dialog exists), running the GUI-free import (`io::csv_import`,
//! `io::front_line_import`) and a dialog that says plainly what was and wasn't imported.
//!
//! Both imports are one undoable edit. A front line is also a file on disk and a prepared layer,
//! so [`ImportUi::sync_front_line`] follows `armistice.front_line` after every edit, undo and
//! redo and loads the line it names; [`adopt_front_line`] prepares the document's line (and the
//! occupied area split from it) for the map once per change.
//!
//! [`ImportUi`] owns the dialogs' state. Its dialogs send [`DocCommand`]s; the document
//! handling (`ui::document_ui`) carries them out with the [`DocParts`] it is given.

use super::commands::DocCommand;
use super::context::CommandQueue;
use super::file_dialog::{self, Picked, expand_home};
use crate::io::csv_import::{self, CsvImport};
use crate::io::front_line_import::{FrontLineImportError, read_front_line};
use crate::model::edit::Edit;
use crate::model::load::{load_front_line, resolve_relative};
use crate::model::{BaseMap, Document};
use crate::scene::BaseScene;
use crate::scene::geometry::{PreparedArea, PreparedLine};
use crate::spatial::split::split_by_line;
use egui::{Key, RichText};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A message for the planner: title and text (a file that could not be read or written).
pub type Message = (String, String);

/// What carrying out a document command may change besides the document handling's own state:
/// the open document, the shared scene its front line is prepared into, the recent files, and
/// the queue follow-up commands (a selection) go to. The app lends its fields for one command.
pub struct DocParts<'a> {
    /// The open document.
    pub doc: &'a mut Document,
    /// The bundled layers as drawn; the document's own front line and occupied area replace the
    /// bundled ones here.
    pub scene: &'a mut Arc<BaseScene>,
    /// The bundled map (Ukraine and Kyiv, to split Ukraine by a document's front line).
    pub base: &'a BaseMap,
    /// Scenario files opened or saved lately, newest first.
    pub recent: &'a mut Vec<PathBuf>,
    /// Where follow-up commands go (the imported forces are selected).
    pub commands: &'a CommandQueue,
}

/// Which import a path is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// Forces from a CSV file.
    Forces,
    /// A front line from GeoJSON.
    FrontLine,
}

impl ImportKind {
    fn title(self) -> &'static str {
        match self {
            Self::Forces => "Import forces from CSV",
            Self::FrontLine => "Import front line",
        }
    }
}

/// What an import did, shown until the planner closes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// The dialog's title.
    pub title: String,
    /// One or two sentences: what was imported, what wasn't and why.
    pub summary: String,
    /// Whether anything was imported (the summary is shown in red otherwise).
    pub imported: bool,
    /// Each problem, "row 4, column strength: …", in file order.
    pub problems: Vec<String>,
    /// A closing note (how to undo, which columns were ignored).
    pub note: String,
}

/// The import dialogs' state.
#[derive(Debug, Default)]
pub struct ImportUi {
    /// The path field shown where no file dialog is available.
    pub prompt: Option<(ImportKind, String)>,
    /// The report of the last import, while shown.
    pub report: Option<ImportReport>,
    /// The `armistice.front_line` the document's loaded front line belongs to; `None` until the
    /// first look (the document arrived with its line loaded).
    front_line_setting: Option<Option<String>>,
}

impl ImportUi {
    /// A new document arrived with its front line loaded: remember which setting that was.
    pub fn document_replaced(&mut self, front_line: Option<String>) {
        self.front_line_setting = Some(front_line);
    }
}

/// Asks the system for a file to import.
fn pick(kind: ImportKind) -> Picked {
    let dialog = match kind {
        ImportKind::Forces => rfd::FileDialog::new().add_filter("CSV", &["csv", "txt"]),
        ImportKind::FrontLine => rfd::FileDialog::new().add_filter("GeoJSON", &["geojson", "json"]),
    }
    .set_title(kind.title());
    file_dialog::run(dialog, false)
}

/// The report of a forces import.
pub fn forces_report(import: &CsvImport) -> ImportReport {
    let mut note = String::new();
    if !import.forces.is_empty() {
        note.push_str("Undo (Ctrl+Z) removes all the imported forces at once.");
    }
    if !import.ignored_columns.is_empty() {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&format!(
            "Columns ignored (not known to Armistice): {}.",
            import.ignored_columns.join(", ")
        ));
    }
    if !import.problems.is_empty() {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&format!(
            "Expected values: {}; nation an ISO code such as PL or GB; strength a whole number from 0 to 10,000,000; lon and lat in degrees.",
            csv_import::keywords_help()
        ));
    }
    ImportReport {
        title: ImportKind::Forces.title().to_owned(),
        summary: import.summary(),
        imported: !import.forces.is_empty(),
        problems: import.problems.iter().map(ToString::to_string).collect(),
        note,
    }
}

fn refused(kind: ImportKind, summary: String) -> ImportReport {
    ImportReport {
        title: kind.title().to_owned(),
        summary,
        imported: false,
        problems: Vec::new(),
        note: String::new(),
    }
}

impl ImportUi {
    /// File ▸ Import forces from CSV…: imports `path`, or asks for a file.
    pub fn import_forces(&mut self, path: Option<PathBuf>, parts: &mut DocParts<'_>) {
        let Some(path) = self.import_path(ImportKind::Forces, path) else {
            return;
        };
        let report = match csv_import::read_forces(&path, &parts.doc.scenario) {
            Err(e) => refused(ImportKind::Forces, format!("Nothing imported: {e}")),
            Ok(import) => {
                let mut report = forces_report(&import);
                if let Some(edit) = import.edit(&parts.doc.scenario) {
                    match parts.doc.apply(edit) {
                        Ok(()) => {
                            // The imported forces are selected, the first in the inspector.
                            let ids = import.forces.iter().map(|(_, f)| f.id.clone()).collect();
                            parts.commands.send(DocCommand::SelectMany(ids));
                        }
                        Err(e) => {
                            report = refused(
                                ImportKind::Forces,
                                format!("Nothing imported from {}: {e}", import.file),
                            );
                        }
                    }
                }
                report
            }
        };
        self.report = Some(report);
    }

    /// File ▸ Import front line…: checks `path` (or asks for a file), keeps it beside the
    /// scenario and points `armistice.front_line` at it, as one undoable edit.
    pub fn import_front_line(
        &mut self,
        path: Option<PathBuf>,
        parts: &mut DocParts<'_>,
    ) -> Option<Message> {
        let Some(scenario_path) = parts.doc.path.clone() else {
            self.report = Some(refused(
                ImportKind::FrontLine,
                format!(
                    "Nothing imported: {}.",
                    FrontLineImportError::UnsavedScenario
                ),
            ));
            return None;
        };
        let path = self.import_path(ImportKind::FrontLine, path)?;
        let result = read_front_line(&path).and_then(|import| {
            let name = import.keep_beside(&scenario_path)?;
            Ok((import, name))
        });
        let (import, name) = match result {
            Ok(done) => done,
            Err(e) => {
                self.report = Some(refused(
                    ImportKind::FrontLine,
                    format!("Front line not imported: {e}"),
                ));
                return None;
            }
        };
        if let Err(e) = parts.doc.apply(Edit::SetFrontLine(Some(name.clone()))) {
            self.report = Some(refused(
                ImportKind::FrontLine,
                format!("Front line not imported: {e}"),
            ));
            return None;
        }
        let points = import.front_line.line.0.len();
        let as_of = import
            .front_line
            .as_of
            .as_deref()
            .map(|d| format!(", as of {d}"))
            .unwrap_or_default();
        parts.doc.front_line = Some(import.front_line);
        self.document_replaced(Some(name.clone()));
        let message = adopt_front_line(parts);
        let folder = scenario_path
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_owned());
        self.report = Some(ImportReport {
            title: ImportKind::FrontLine.title().to_owned(),
            summary: format!(
                "Imported the front line from {} ({points} points{as_of}). It is kept beside the scenario as {name} (in {folder}) and the scenario refers to it.",
                path.display()
            ),
            imported: true,
            problems: Vec::new(),
            note: "Save the scenario to keep the reference. Undo (Ctrl+Z) returns to the previous line.".to_owned(),
        });
        message
    }

    /// The path to import: the given one, or the file dialog's answer; `None` if cancelled or
    /// if the path field was opened instead.
    fn import_path(&mut self, kind: ImportKind, path: Option<PathBuf>) -> Option<PathBuf> {
        if path.is_some() {
            return path;
        }
        match pick(kind) {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                self.prompt = Some((kind, String::new()));
                None
            }
        }
    }

    /// Before Save As to `path`: copies the scenario's own front line beside the new file, so its
    /// relative `armistice.front_line` still finds it. A problem is shown; the save goes on.
    pub fn carry_front_line_to(doc: &Document, path: &Path) -> Option<Message> {
        let (Some(old), Some(rel)) = (&doc.path, &doc.scenario.front_line) else {
            return None;
        };
        crate::io::front_line_import::carry_front_line(old, path, rel)
            .err()
            .map(|e| ("Front line not copied".to_owned(), e.to_string()))
    }

    /// Loads the front line `armistice.front_line` names when an edit, undo or redo changed it,
    /// so the map and the rules always show the line the scenario refers to.
    pub fn sync_front_line(&mut self, parts: &mut DocParts<'_>) -> Option<Message> {
        let now = parts.doc.scenario.front_line.clone();
        let Some(before) = &self.front_line_setting else {
            self.front_line_setting = Some(now);
            return None;
        };
        if *before == now {
            return None;
        }
        let mut message = None;
        parts.doc.front_line = match &now {
            None => None,
            Some(rel) => {
                let path = match &parts.doc.path {
                    Some(scenario) => resolve_relative(scenario, rel),
                    None => PathBuf::from(rel),
                };
                match load_front_line(&path) {
                    Ok(line) => Some(line),
                    Err(e) => {
                        message = Some((
                            "Cannot read the front line".to_owned(),
                            format!("{e}. The bundled front line is shown instead."),
                        ));
                        None
                    }
                }
            }
        };
        self.front_line_setting = Some(now);
        adopt_front_line(parts).or(message)
    }

    /// The path field (where no file dialog exists) and the report of the last import.
    pub fn dialogs_ui(&mut self, ctx: &egui::Context, commands: &CommandQueue) {
        if let Some((kind, mut text)) = self.prompt.clone() {
            let (mut go, mut cancel) = (false, false);
            egui::Window::new(kind.title())
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label("No file dialog is available here; type the file's path.");
                    let l = ui.label("File to import");
                    let hint = match kind {
                        ImportKind::Forces => "/home/me/plans/forces.csv",
                        ImportKind::FrontLine => "/home/me/plans/front-line.geojson",
                    };
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut text)
                                .hint_text(hint)
                                .desired_width(420.0),
                        )
                        .labelled_by(l.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        go = true;
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(!text.trim().is_empty(), egui::Button::new("Import"))
                            .clicked()
                        {
                            go = true;
                        }
                        if ui.button("Cancel").clicked() {
                            cancel = true;
                        }
                    });
                });
            self.prompt = Some((kind, text.clone()));
            if cancel {
                self.prompt = None;
            } else if go && !text.trim().is_empty() {
                self.prompt = None;
                let path = expand_home(text.trim());
                commands.send(match kind {
                    ImportKind::Forces => DocCommand::ImportForces(Some(path)),
                    ImportKind::FrontLine => DocCommand::ImportFrontLine(Some(path)),
                });
            }
        }
        let Some(report) = &self.report else {
            return;
        };
        let mut close = false;
        let mut open = true;
        egui::Window::new(report.title.as_str())
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_max_width(620.0);
                let summary = RichText::new(&report.summary).strong();
                ui.label(if report.imported {
                    summary
                } else {
                    summary.color(super::paint::color(crate::scene::style::ERROR_TEXT))
                });
                if !report.problems.is_empty() {
                    ui.add_space(6.0);
                    ui.label(format!(
                        "Not imported ({}):",
                        crate::format::counted(report.problems.len(), "problem", "problems")
                    ));
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .id_salt("import-problems")
                        .show(ui, |ui| {
                            for problem in &report.problems {
                                ui.label(
                                    RichText::new(problem).color(super::paint::color(
                                        crate::scene::style::ERROR_TEXT,
                                    )),
                                );
                            }
                        });
                }
                if !report.note.is_empty() {
                    ui.add_space(6.0);
                    ui.label(RichText::new(&report.note).weak());
                }
                ui.add_space(6.0);
                if ui.button("OK").clicked() {
                    close = true;
                }
            });
        if close || !open {
            self.report = None;
        }
    }
}

/// Shows the document's own front line and the occupied area split from it (or the bundled
/// ones) on the map. Runs once per load or change, never per frame; a line that does not split
/// Ukraine is drawn without an occupied area, and the message says why.
pub fn adopt_front_line(parts: &mut DocParts<'_>) -> Option<Message> {
    let base = parts.base;
    let Some(front) = &parts.doc.front_line else {
        let bundled = PreparedLine::new(&base.front_line.line);
        if parts.scene.front_line == bundled {
            // Already the bundled line and area: nothing to renew (and no copy of the shared
            // scene to make).
            return None;
        }
        let scene = Arc::make_mut(parts.scene);
        scene.front_line = bundled;
        scene.occupied = PreparedArea::new(&base.occupied);
        return None;
    };
    let scene = Arc::make_mut(parts.scene);
    scene.front_line = PreparedLine::new(&front.line);
    let ukraine = base.ukraine().map(|u| u.geometry.clone());
    let kyiv = base.city("Kyiv").map(|c| c.position);
    let occupied = match (ukraine, kyiv) {
        (Some(ukraine), Some(kyiv)) => split_by_line(&ukraine, &front.line, kyiv)
            .map(|sides| sides.other)
            .map_err(|e| e.to_string()),
        _ => Err("the bundled map has no Ukraine or no Kyiv".to_owned()),
    };
    match occupied {
        Ok(area) => {
            scene.occupied = PreparedArea::new(&area);
            None
        }
        Err(reason) => {
            scene.occupied = PreparedArea::new(&geo::MultiPolygon::new(Vec::new()));
            Some((
                "Front line does not split Ukraine".to_owned(),
                format!(
                    "The scenario's front line is drawn, but no occupied area can be derived from it: {reason}"
                ),
            ))
        }
    }
}

//! File ▸ Import forces from CSV… and File ▸ Import front line…: picking the file (or typing its
//! path where no file dialog exists), running the GUI-free import (`io::csv_import`,
//! `io::front_line_import`) and a dialog that says plainly what was and wasn't imported.
//!
//! Both imports are one undoable edit. A front line is also a file on disk and a prepared layer,
//! so [`ArmisticeApp::sync_front_line`] follows `armistice.front_line` after every edit, undo and
//! redo and loads the line it names.

use super::app::ArmisticeApp;
use super::context::Selection;
use crate::io::csv_import::{self, CsvImport};
use crate::io::front_line_import::{FrontLineImportError, read_front_line};
use crate::model::edit::Edit;
use crate::model::load::{load_front_line, resolve_relative};
use egui::{Key, RichText};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// Asks the system for a file; `None` if cancelled, `Err(())` if no file dialog is available.
fn pick(kind: ImportKind) -> Result<Option<PathBuf>, ()> {
    if !super::document_ui::file_dialog_possible() {
        return Err(());
    }
    let dialog = match kind {
        ImportKind::Forces => rfd::FileDialog::new().add_filter("CSV", &["csv", "txt"]),
        ImportKind::FrontLine => rfd::FileDialog::new().add_filter("GeoJSON", &["geojson", "json"]),
    }
    .set_title(kind.title());
    let started = Instant::now();
    match dialog.pick_file() {
        Some(path) => Ok(Some(path)),
        // Gone faster than anyone could answer: the portal is missing or broken.
        None if started.elapsed() < Duration::from_millis(250) => Err(()),
        None => Ok(None),
    }
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

impl ArmisticeApp {
    /// File ▸ Import forces from CSV…: imports `path`, or asks for a file.
    pub fn import_forces(&mut self, path: Option<PathBuf>) {
        let Some(path) = self.import_path(ImportKind::Forces, path) else {
            return;
        };
        let report = match csv_import::read_forces(&path, &self.doc.scenario) {
            Err(e) => refused(ImportKind::Forces, format!("Nothing imported: {e}")),
            Ok(import) => {
                let mut report = forces_report(&import);
                if let Some(edit) = import.edit(&self.doc.scenario) {
                    let first = import.forces.first().map(|(_, f)| f.id.clone());
                    match self.doc.apply(edit) {
                        Ok(()) => {
                            self.selection = Selection {
                                primary: first,
                                also: import
                                    .forces
                                    .iter()
                                    .skip(1)
                                    .map(|(_, f)| f.id.clone())
                                    .collect(),
                            };
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
        self.files.import.report = Some(report);
    }

    /// File ▸ Import front line…: checks `path` (or asks for a file), keeps it beside the
    /// scenario and points `armistice.front_line` at it, as one undoable edit.
    pub fn import_front_line(&mut self, path: Option<PathBuf>) {
        let Some(scenario_path) = self.doc.path.clone() else {
            self.files.import.report = Some(refused(
                ImportKind::FrontLine,
                format!(
                    "Nothing imported: {}.",
                    FrontLineImportError::UnsavedScenario
                ),
            ));
            return;
        };
        let Some(path) = self.import_path(ImportKind::FrontLine, path) else {
            return;
        };
        let result = read_front_line(&path).and_then(|import| {
            let name = import.keep_beside(&scenario_path)?;
            Ok((import, name))
        });
        let (import, name) = match result {
            Ok(done) => done,
            Err(e) => {
                self.files.import.report = Some(refused(
                    ImportKind::FrontLine,
                    format!("Front line not imported: {e}"),
                ));
                return;
            }
        };
        if let Err(e) = self.doc.apply(Edit::SetFrontLine(Some(name.clone()))) {
            self.files.import.report = Some(refused(
                ImportKind::FrontLine,
                format!("Front line not imported: {e}"),
            ));
            return;
        }
        let points = import.front_line.line.0.len();
        let as_of = import
            .front_line
            .as_of
            .as_deref()
            .map(|d| format!(", as of {d}"))
            .unwrap_or_default();
        self.doc.front_line = Some(import.front_line);
        self.files.import.document_replaced(Some(name.clone()));
        self.adopt_front_line();
        let folder = scenario_path
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_owned());
        self.files.import.report = Some(ImportReport {
            title: ImportKind::FrontLine.title().to_owned(),
            summary: format!(
                "Imported the front line from {} ({points} points{as_of}). It is kept beside the scenario as {name} (in {folder}) and the scenario refers to it.",
                path.display()
            ),
            imported: true,
            problems: Vec::new(),
            note: "Save the scenario to keep the reference. Undo (Ctrl+Z) returns to the previous line.".to_owned(),
        });
    }

    /// The path to import: the given one, or the file dialog's answer; `None` if cancelled or
    /// if the path field was opened instead.
    fn import_path(&mut self, kind: ImportKind, path: Option<PathBuf>) -> Option<PathBuf> {
        if path.is_some() {
            return path;
        }
        match pick(kind) {
            Ok(picked) => picked,
            Err(()) => {
                self.files.import.prompt = Some((kind, String::new()));
                None
            }
        }
    }

    /// Before Save As to `path`: copies the scenario's own front line beside the new file, so its
    /// relative `armistice.front_line` still finds it. A problem is shown; the save goes on.
    pub fn carry_front_line_to(&mut self, path: &Path) {
        let (Some(old), Some(rel)) = (&self.doc.path, &self.doc.scenario.front_line) else {
            return;
        };
        if let Err(e) = crate::io::front_line_import::carry_front_line(old, path, rel) {
            self.files.message = Some(("Front line not copied".to_owned(), e.to_string()));
        }
    }

    /// Loads the front line `armistice.front_line` names when an edit, undo or redo changed it,
    /// so the map and the rules always show the line the scenario refers to.
    pub fn sync_front_line(&mut self) {
        let now = self.doc.scenario.front_line.clone();
        let Some(before) = &self.files.import.front_line_setting else {
            self.files.import.front_line_setting = Some(now);
            return;
        };
        if *before == now {
            return;
        }
        self.doc.front_line = match &now {
            None => None,
            Some(rel) => {
                let path = match &self.doc.path {
                    Some(scenario) => resolve_relative(scenario, rel),
                    None => PathBuf::from(rel),
                };
                match load_front_line(&path) {
                    Ok(line) => Some(line),
                    Err(e) => {
                        self.files.message = Some((
                            "Cannot read the front line".to_owned(),
                            format!("{e}. The bundled front line is shown instead."),
                        ));
                        None
                    }
                }
            }
        };
        self.files.import.front_line_setting = Some(now);
        self.adopt_front_line();
    }

    /// The path field (where no file dialog exists) and the report of the last import.
    pub fn import_dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some((kind, mut text)) = self.files.import.prompt.clone() {
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
            self.files.import.prompt = Some((kind, text.clone()));
            if cancel {
                self.files.import.prompt = None;
            } else if go && !text.trim().is_empty() {
                self.files.import.prompt = None;
                let path = expand_home(text.trim());
                match kind {
                    ImportKind::Forces => self.import_forces(Some(path)),
                    ImportKind::FrontLine => self.import_front_line(Some(path)),
                }
            }
        }
        let Some(report) = &self.files.import.report else {
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
                        "Not imported ({} problems):",
                        report.problems.len()
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
            self.files.import.report = None;
        }
    }
}

/// "~/x" → the home folder's x.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => Path::new(text).to_path_buf(),
    }
}

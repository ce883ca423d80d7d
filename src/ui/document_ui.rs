//! The window's document handling: the File menu (New, Open, Open Recent, Save, Save As), the
//! Edit menu's undo and redo, drag-and-drop of a file onto the window, the dialogs (a path field
//! where no file-dialog portal is available, load errors, unsaved changes, recovery), the title
//! bar's unsaved marker, recovery snapshots and the close request.
//!
//! Everything the editing tools and panels ask for arrives here as a [`DocCommand`] (see
//! `ui::commands`).

use super::app::ArmisticeApp;
pub use super::commands::DocCommand;
use super::context::Selection;
use super::import_dialog::ImportUi;
use super::tools::Tool;
use crate::io::{RecoveryEntry, RecoverySession, RecoveryStore};
use crate::model::document::plain_geojson_note;
use crate::model::edit::Edit;
use crate::model::load_scenario;
use crate::model::scenario::{Demarcation, Item, Reading};
use crate::model::{Document, LoadedScenario, Origin};
use crate::scene::geometry::{PreparedArea, PreparedLine};
use crate::spatial::split::split_by_line;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many recent files the File menu lists.
pub const RECENT_MAX: usize = 8;

/// Something waiting for an answer about unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new plan.
    New,
    /// Open this file (or ask for one).
    Open(Option<PathBuf>),
    /// Close the window.
    Close,
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a scenario.
    Open,
    /// Save the scenario as.
    SaveAs,
}

/// The file dialogs' state.
#[derive(Debug, Default)]
pub struct FileUi {
    /// The path field shown where no file dialog is available.
    pub prompt: Option<(PathPurpose, String)>,
    /// A message to show (a file that could not be read or written): title and text.
    pub message: Option<(String, String)>,
    /// Something to know that is not an error (how a plain GeoJSON file was read): title and
    /// text.
    pub notice: Option<(String, String)>,
    /// An action waiting for "save, discard or cancel".
    pub confirm: Option<Pending>,
    /// Closing was confirmed: let the next close request through.
    pub allow_close: bool,
    /// A short note for the status bar (what was undone, saved, refused).
    pub status: Option<String>,
    /// This window's recovery snapshot (`None`: recovery off, as in tests).
    pub recovery: Option<RecoverySession>,
    /// Snapshots of earlier sessions, offered back at start.
    pub recovery_offer: Vec<RecoveryEntry>,
    /// The import dialogs (`ui::import_dialog`).
    pub import: ImportUi,
}

impl FileUi {
    /// Turns recovery on: snapshots go to `store`, and the snapshots already there (unsaved work
    /// of earlier sessions) are offered back.
    pub fn enable_recovery(&mut self, store: &RecoveryStore) {
        self.recovery_offer = store.list();
        self.recovery = Some(store.new_session());
    }
}

/// The result of asking the system for a file.
enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No file dialog here (no xdg portal, as under Xvfb): ask with a text field instead.
    Unavailable,
}

/// Whether a native file dialog can be shown at all: rfd on Linux talks to the xdg desktop
/// portal over the session D-Bus; without a bus there is no portal.
pub(crate) fn file_dialog_possible() -> bool {
    if std::env::var_os("ARMISTICE_NO_FILE_DIALOG").is_some() {
        return false;
    }
    !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// Asks for a file with rfd; a dialog that "returns" faster than anyone could answer it did not
/// open (the portal is missing or broken), so that counts as unavailable.
fn pick(purpose: PathPurpose, suggested: Option<&Path>) -> Picked {
    if !file_dialog_possible() {
        return Picked::Unavailable;
    }
    let mut dialog = rfd::FileDialog::new().add_filter("GeoJSON scenario", &["geojson", "json"]);
    if let Some(dir) = suggested.and_then(Path::parent) {
        dialog = dialog.set_directory(dir);
    }
    let started = Instant::now();
    let picked = match purpose {
        PathPurpose::Open => dialog.pick_file(),
        PathPurpose::SaveAs => {
            if let Some(name) = suggested.and_then(Path::file_name) {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            dialog.save_file()
        }
    };
    match picked {
        Some(path) => Picked::Path(path),
        None if started.elapsed() < Duration::from_millis(250) => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Adds `path` to the front of the recent files.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| *p != path);
    recent.insert(0, path);
    recent.truncate(RECENT_MAX);
}

impl ArmisticeApp {
    /// Carries out a document command.
    pub fn run_doc_command(&mut self, ctx: &egui::Context, command: DocCommand) {
        match command {
            DocCommand::Apply(edit) => self.apply_edit(edit),
            DocCommand::Undo => {
                self.files.status = Some(match self.doc.undo() {
                    Some(label) => format!("Undid {label}"),
                    None => "Nothing to undo".to_owned(),
                });
            }
            DocCommand::Redo => {
                self.files.status = Some(match self.doc.redo() {
                    Some(label) => format!("Redid {label}"),
                    None => "Nothing to redo".to_owned(),
                });
            }
            DocCommand::DeleteSelection => {
                let ids = self.selected_ids();
                if !ids.is_empty() {
                    // Steps that show a deleted feature stop naming it, in the same undo step:
                    // a step naming a missing feature makes a file that does not open.
                    let steps = self.doc.scenario.steps_without(&ids);
                    let mut edits: Vec<Edit> = ids
                        .into_iter()
                        .map(|id| Edit::RemoveFeature { id })
                        .collect();
                    edits.extend(steps.map(Edit::SetSteps));
                    self.apply_edit(Edit::Batch(edits));
                }
            }
            DocCommand::DuplicateProposal(id) => self.duplicate_proposal(&id),
            DocCommand::SelectMany(ids) => {
                let mut ids = ids.into_iter();
                self.selection = Selection {
                    primary: ids.next(),
                    also: ids.collect(),
                };
                self.rules_ui.selection_changed(self.selection.primary());
            }
            DocCommand::SetTool(tool) => self.tools.set_tool(tool),
            DocCommand::PlaceForceAt(at) => self.force_dialog.open(at),
            DocCommand::New => self.request(Pending::New, ctx),
            DocCommand::Open(path) => self.request(Pending::Open(path), ctx),
            DocCommand::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.save_as(None),
            },
            DocCommand::SaveAs(path) => self.save_as(path),
            DocCommand::ImportForces(path) => self.import_forces(path),
            DocCommand::ImportFrontLine(path) => self.import_front_line(path),
        }
        self.forget_missing_selection();
        self.sync_front_line();
    }

    fn apply_edit(&mut self, edit: Edit) {
        let label = edit.describe();
        match self.doc.apply(edit) {
            Ok(()) => self.files.status = None,
            Err(e) => self.files.status = Some(format!("Not applied ({label}): {e}")),
        }
    }

    fn forget_missing_selection(&mut self) {
        let scenario = &self.doc.scenario;
        if self
            .selection
            .primary()
            .is_some_and(|id| scenario.feature(id).is_none())
        {
            self.selection.primary = None;
        }
        self.selection
            .also
            .retain(|id| scenario.feature(id).is_some());
    }

    fn duplicate_proposal(&mut self, id: &str) {
        let scenario = &self.doc.scenario;
        let (Some(index), Some(feature)) = (scenario.feature_index(id), scenario.feature(id))
        else {
            return;
        };
        let Item::Demarcation(d) = &feature.item else {
            return;
        };
        let mut copy = feature.clone();
        copy.id = scenario.unused_id("demarcation");
        copy.item = Item::Demarcation(Demarcation {
            name: Some(format!("{} (variant)", feature.label())),
            line: d.line.clone(),
            recognition: d.recognition,
        });
        let new_id = copy.id.clone();
        self.apply_edit(Edit::AddFeature {
            index: index + 1,
            feature: Box::new(copy),
        });
        self.selection = Selection {
            primary: Some(new_id),
            also: Vec::new(),
        };
        self.tools.set_tool(Tool::EditLine);
    }

    /// Does `action` now, or asks first if there are unsaved changes.
    fn request(&mut self, action: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.files.confirm = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    fn perform(&mut self, action: Pending, ctx: &egui::Context) {
        match action {
            Pending::New => self.set_document(Document::untitled()),
            Pending::Open(Some(path)) => {
                self.open_path(&path);
            }
            Pending::Open(None) => match pick(PathPurpose::Open, self.doc.path.as_deref()) {
                Picked::Path(path) => {
                    self.open_path(&path);
                }
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    self.files.prompt = Some((PathPurpose::Open, String::new()));
                }
            },
            Pending::Close => {
                self.files.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a scenario file through `model::load_scenario`, the loading path the command line
    /// uses too. A file that cannot be used leaves the open scenario as it was and shows why.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match load_scenario(path) {
            Ok(loaded) => {
                remember_recent(&mut self.state.recent_files, path);
                let note = plain_geojson_note(&loaded);
                self.set_document(Document::from_loaded(loaded));
                self.files.status = Some(format!("Opened {}", path.display()));
                if let Some(note) = note {
                    self.files.notice = Some(("Opened as plain GeoJSON".to_owned(), note));
                }
                true
            }
            Err(e) => {
                self.files.message = Some(("Cannot open the file".to_owned(), e.to_string()));
                false
            }
        }
    }

    /// Replaces the open document: new history, nothing selected, the document's front line and
    /// occupied area prepared once.
    pub fn set_document(&mut self, mut doc: Document) {
        // A new document must not look like an old revision to the caches keyed on it.
        doc.revision = self.doc.revision + 1;
        self.doc = doc;
        self.selection = Selection::default();
        self.tools.points.clear();
        self.tools.drag = None;
        self.proposals.document_replaced();
        self.rules_ui.document_replaced();
        self.clear_recovery();
        self.files
            .import
            .document_replaced(self.doc.scenario.front_line.clone());
        self.adopt_front_line();
    }

    /// Shows the document's own front line and the occupied area split from it (or the bundled
    /// ones). Runs once per load, never per frame.
    pub fn adopt_front_line(&mut self) {
        let Some(front) = &self.doc.front_line else {
            let bundled = PreparedLine::new(&self.base.front_line.line);
            if self.scene.front_line == bundled {
                // Already the bundled line and area: nothing to renew (and no copy of the
                // shared scene to make).
                return;
            }
            std::sync::Arc::make_mut(&mut self.scene).front_line = bundled;
            std::sync::Arc::make_mut(&mut self.scene).occupied =
                PreparedArea::new(&self.base.occupied);
            return;
        };
        std::sync::Arc::make_mut(&mut self.scene).front_line = PreparedLine::new(&front.line);
        let ukraine = self.base.ukraine().map(|u| u.geometry.clone());
        let kyiv = self.base.city("Kyiv").map(|c| c.position);
        let occupied = match (ukraine, kyiv) {
            (Some(ukraine), Some(kyiv)) => split_by_line(&ukraine, &front.line, kyiv)
                .map(|sides| sides.other)
                .map_err(|e| e.to_string()),
            _ => Err("the bundled map has no Ukraine or no Kyiv".to_owned()),
        };
        match occupied {
            Ok(area) => {
                std::sync::Arc::make_mut(&mut self.scene).occupied = PreparedArea::new(&area)
            }
            Err(reason) => {
                std::sync::Arc::make_mut(&mut self.scene).occupied =
                    PreparedArea::new(&geo::MultiPolygon::new(Vec::new()));
                self.files.message = Some((
                    "Front line does not split Ukraine".to_owned(),
                    format!(
                        "The scenario's front line is drawn, but no occupied area can be derived from it: {reason}"
                    ),
                ));
            }
        }
    }

    fn save_as(&mut self, path: Option<PathBuf>) {
        if let Some(path) = path {
            self.save_to(&path);
            return;
        }
        match pick(PathPurpose::SaveAs, self.doc.path.as_deref()) {
            Picked::Path(path) => self.save_to(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let suggestion = self
                    .doc
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.files.prompt = Some((PathPurpose::SaveAs, suggestion));
            }
        }
    }

    /// Saves atomically to `path`; on failure the message says why and nothing is marked saved.
    pub fn save_to(&mut self, path: &Path) {
        self.carry_front_line_to(path);
        match crate::io::write_output(path, self.doc.to_text().as_bytes()) {
            Ok(()) => {
                self.doc.mark_saved(path);
                remember_recent(&mut self.state.recent_files, path);
                self.clear_recovery();
                self.files.status = Some(format!("Saved {}", path.display()));
            }
            Err(e) => {
                self.files.message = Some(("Cannot save the file".to_owned(), e.to_string()));
            }
        }
    }

    /// The title bar: file name, an unsaved-changes marker, the plan's title.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.is_dirty() { "● " } else { "" };
        format!(
            "{marker}{} — {} — Armistice",
            self.doc.display_name(),
            self.doc.scenario.title
        )
    }

    /// Keyboard shortcuts of the File and Edit menus and the tools.
    pub fn document_shortcuts(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
        let text_focus = ctx.egui_wants_keyboard_input();
        let mut out: Vec<DocCommand> = Vec::new();
        ctx.input_mut(|i| {
            // The Shift variants first: Ctrl+Z also matches Ctrl+Shift+Z logically.
            if i.consume_shortcut(&shortcut(shift_cmd, Key::S)) {
                out.push(DocCommand::SaveAs(None));
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::S)) {
                out.push(DocCommand::Save);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)) {
                out.push(DocCommand::Open(None));
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::N)) {
                out.push(DocCommand::New);
            }
            if text_focus {
                // A text field keeps its own undo.
                return;
            }
            if i.consume_shortcut(&shortcut(shift_cmd, Key::Z))
                || i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Y))
            {
                out.push(DocCommand::Redo);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)) {
                out.push(DocCommand::Undo);
            }
            if i.modifiers.is_none() {
                for tool in Tool::ALL {
                    if i.key_pressed(tool.key()) {
                        out.push(DocCommand::SetTool(tool));
                    }
                }
            }
        });
        for c in out {
            self.command(c.into());
        }
    }

    /// File menu entries.
    pub fn file_menu_ui(&mut self, ui: &mut egui::Ui) {
        let mut item = |ui: &mut egui::Ui, label: &str, keys: &str, c: DocCommand| {
            if ui
                .add(egui::Button::new(label).shortcut_text(keys))
                .clicked()
            {
                self.command(c.into());
            }
        };
        item(ui, "New", "Ctrl+N", DocCommand::New);
        item(ui, "Open…", "Ctrl+O", DocCommand::Open(None));
        let recent = self.state.recent_files.clone();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    let label = path.display().to_string();
                    if ui.button(label).clicked() {
                        self.command(DocCommand::Open(Some(path)).into());
                    }
                }
            });
        });
        ui.separator();
        let mut item = |ui: &mut egui::Ui, label: &str, keys: &str, c: DocCommand| {
            if ui
                .add(egui::Button::new(label).shortcut_text(keys))
                .clicked()
            {
                self.command(c.into());
            }
        };
        item(ui, "Save", "Ctrl+S", DocCommand::Save);
        item(ui, "Save as…", "Ctrl+Shift+S", DocCommand::SaveAs(None));
        ui.separator();
        if ui.button("Import forces from CSV…").clicked() {
            self.command(DocCommand::ImportForces(None).into());
        }
        if ui.button("Import front line…").clicked() {
            self.command(DocCommand::ImportFrontLine(None).into());
        }
    }

    /// Edit menu entries: undo and redo.
    pub fn edit_menu_ui(&mut self, ui: &mut egui::Ui) {
        let history = &self.doc.history;
        let undo = history
            .undo_label()
            .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
        let redo = history
            .redo_label()
            .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
        let (can_undo, can_redo) = (history.undo_len() > 0, history.redo_len() > 0);
        if ui
            .add_enabled(can_undo, egui::Button::new(undo).shortcut_text("Ctrl+Z"))
            .clicked()
        {
            self.command(DocCommand::Undo.into());
        }
        if ui
            .add_enabled(
                can_redo,
                egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z / Ctrl+Y"),
            )
            .clicked()
        {
            self.command(DocCommand::Redo.into());
        }
        if ui
            .add_enabled(
                self.selection.primary.is_some(),
                egui::Button::new("Delete selection").shortcut_text("Del"),
            )
            .clicked()
        {
            self.command(DocCommand::DeleteSelection.into());
        }
        ui.separator();
    }

    /// Files dropped onto the window: the first one is opened.
    pub fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.command(DocCommand::Open(Some(path)).into());
        }
    }

    /// Closing with unsaved changes asks first.
    pub fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.files.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.confirm = Some(Pending::Close);
        }
    }

    /// The file dialogs: path field, message, unsaved changes, recovery offer.
    pub fn file_dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some((title, text)) = self.files.message.clone() {
            let modal = egui::Modal::new(egui::Id::unique("file-message")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(&title);
                ui.label(
                    RichText::new(&text)
                        .color(super::paint::color(crate::scene::style::ERROR_TEXT)),
                );
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if modal.inner || modal.should_close() {
                self.files.message = None;
            }
            return;
        }
        if let Some((title, text)) = self.files.notice.clone() {
            let modal = egui::Modal::new(egui::Id::unique("file-notice")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(&title);
                ui.label(&text);
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if modal.inner || modal.should_close() {
                self.files.notice = None;
            }
            return;
        }
        if let Some(pending) = self.files.confirm.clone() {
            let name = self.doc.display_name();
            let mut answer: Option<&str> = None;
            let modal = egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to {name} first?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some("save");
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some("discard");
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some("cancel");
                    }
                });
            });
            if modal.should_close() && answer.is_none() {
                answer = Some("cancel");
            }
            match answer {
                Some("save") => {
                    self.files.confirm = None;
                    match self.doc.path.clone() {
                        Some(path) => self.save_to(&path),
                        None => self.save_as(None),
                    }
                    if !self.doc.is_dirty() {
                        self.perform(pending, ctx);
                    }
                }
                Some("discard") => {
                    self.files.confirm = None;
                    self.clear_recovery();
                    self.perform(pending, ctx);
                }
                Some(_) => self.files.confirm = None,
                None => {}
            }
            return;
        }
        if let Some((purpose, mut text)) = self.files.prompt.clone() {
            let title = match purpose {
                PathPurpose::Open => "Open scenario",
                PathPurpose::SaveAs => "Save scenario as",
            };
            let mut go = false;
            let mut cancel = false;
            egui::Window::new(title)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label("No file dialog is available here; type the file's path.");
                    let l = ui.label("Path");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut text)
                                .hint_text("/home/me/plans/plan.geojson")
                                .desired_width(420.0),
                        )
                        .labelled_by(l.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        go = true;
                    }
                    ui.horizontal(|ui| {
                        let verb = match purpose {
                            PathPurpose::Open => "Open",
                            PathPurpose::SaveAs => "Save",
                        };
                        if ui
                            .add_enabled(!text.trim().is_empty(), egui::Button::new(verb))
                            .clicked()
                        {
                            go = true;
                        }
                        if ui.button("Cancel").clicked() {
                            cancel = true;
                        }
                    });
                });
            self.files.prompt = Some((purpose, text.clone()));
            if cancel {
                self.files.prompt = None;
            } else if go && !text.trim().is_empty() {
                self.files.prompt = None;
                let path = expand_home(text.trim());
                match purpose {
                    PathPurpose::Open => {
                        self.open_path(&path);
                    }
                    PathPurpose::SaveAs => self.save_to(&path),
                }
            }
        }
        self.recovery_offer_ui(ctx);
        self.import_dialogs_ui(ctx);
    }

    /// Writes unsaved work to the recovery file when a snapshot is due (at least every 30 s
    /// while there are unsaved changes).
    pub fn autosave_recovery(&mut self, ctx: &egui::Context) {
        if !self.doc.is_dirty() {
            return;
        }
        let Some(session) = &mut self.files.recovery else {
            return;
        };
        if session.is_due(Instant::now())
            && let Err(e) = session.write(&self.doc.scenario, self.doc.path.as_deref())
        {
            self.files.status = Some(format!(
                "Cannot write the recovery file {}: {e}",
                session.file().display()
            ));
        }
        // Come back when the next snapshot is due, even if nothing else happens.
        ctx.request_repaint_after(crate::io::recovery::RECOVERY_INTERVAL);
    }

    /// Removes this session's snapshot (after a save, a discard or a new document).
    pub fn clear_recovery(&mut self) {
        if let Some(session) = &mut self.files.recovery
            && let Err(e) = session.discard()
        {
            log::warn!("cannot remove {}: {e}", session.file().display());
        }
    }

    fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
        if self.files.recovery_offer.is_empty() {
            return;
        }
        let mut restore: Option<usize> = None;
        let mut discard: Option<usize> = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Recover unsaved work");
            ui.label("Armistice closed without saving this work:");
            for (i, entry) in self.files.recovery_offer.iter().enumerate() {
                ui.separator();
                ui.label(entry.describe());
                ui.horizontal(|ui| {
                    if entry.problem.is_none() && ui.button("Restore").clicked() {
                        restore = Some(i);
                    }
                    if ui.button("Discard").clicked() {
                        discard = Some(i);
                    }
                });
            }
            ui.separator();
            if ui.button("Decide later").clicked() {
                later = true;
            }
        });
        if later {
            self.files.recovery_offer.clear();
        }
        if let Some(i) = discard.filter(|i| *i < self.files.recovery_offer.len()) {
            let entry = self.files.recovery_offer.remove(i);
            if let Err(e) = entry.discard() {
                self.files.status = Some(format!("Cannot remove {}: {e}", entry.file.display()));
            }
        }
        if let Some(i) = restore.filter(|i| *i < self.files.recovery_offer.len()) {
            let entry = self.files.recovery_offer.remove(i);
            match entry.restore() {
                Ok(recovered) => {
                    let mut doc = match recovered.original {
                        Some(path) => Document::from_loaded(LoadedScenario {
                            scenario: recovered.scenario,
                            path,
                            front_line: recovered.front_line,
                            // Snapshots are written with their settings.
                            reading: Reading {
                                settings_member: true,
                            },
                        }),
                        None => {
                            let mut doc = Document::untitled();
                            doc.scenario = recovered.scenario;
                            doc
                        }
                    };
                    doc.mark_unsaved();
                    self.set_document(doc);
                    // This session's snapshot takes over from the old one.
                    let _ = entry.discard();
                    self.files.status =
                        Some("Restored unsaved work: save it to keep it".to_owned());
                    if let Some(warning) = recovered.warning {
                        self.files.message = Some(("Restored with a warning".to_owned(), warning));
                    }
                }
                Err(e) => {
                    self.files.message = Some(("Cannot restore".to_owned(), e.to_string()));
                }
            }
        }
    }

    /// The open document's origin, for the status bar.
    pub fn origin(&self) -> Origin {
        self.doc.origin()
    }
}

/// "~/x" → the home folder's x.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut recent = Vec::new();
        for i in 0..12 {
            remember_recent(
                &mut recent,
                Path::new(&format!("/nonexistent/p{i}.geojson")),
            );
        }
        remember_recent(&mut recent, Path::new("/nonexistent/p5.geojson"));
        assert_eq!(recent.len(), RECENT_MAX);
        assert_eq!(recent[0], PathBuf::from("/nonexistent/p5.geojson"));
        assert_eq!(
            recent.iter().filter(|p| p.ends_with("p5.geojson")).count(),
            1
        );
    }

    #[test]
    fn home_is_expanded() {
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(
                expand_home("~/a.geojson"),
                PathBuf::from(home).join("a.geojson")
            );
        }
        assert_eq!(expand_home("/x/a.geojson"), PathBuf::from("/x/a.geojson"));
    }
}

//! The window's document handling: the File menu (New, Open, Open Recent, Save, Save As), the
//! Edit menu's undo and redo, drag-and-drop of a file onto the window, the dialogs (a path field
//! where no file-dialog portal is available, load errors, notices, unsaved changes, recovery),
//! the title bar's unsaved marker, recovery snapshots and the close request.
//!
//! [`FileUi`] owns that state. Its menus and dialogs draw from the [`AppContext`] and send
//! [`DocCommand`]s; after the frame the app hands each document command back to
//! [`FileUi::run`] with the [`DocParts`] it may change (the document, the scene its front line
//! is prepared into, the recent files). A replaced document is reported by
//! [`FileUi::take_replaced`], so the app can reset what belongs to the old one (selection,
//! tools, panels).

use super::commands::{DocCommand, Pending};
use super::context::{AppContext, CommandQueue};
use super::file_dialog::{self, Picked, expand_home};
pub use super::import_dialog::{DocParts, Message};
use super::import_dialog::{ImportUi, adopt_front_line};
use super::tool::Tool;
use crate::io::{RecoveryEntry, RecoverySession, RecoveryStore};
use crate::model::document::plain_geojson_note;
use crate::model::edit::Edit;
use crate::model::load_scenario;
use crate::model::scenario::{Demarcation, Item, Reading, Scenario};
use crate::model::{Document, LoadedScenario};
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How many recent files the File menu lists.
pub const RECENT_MAX: usize = 8;

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a scenario.
    Open,
    /// Save the scenario as.
    SaveAs,
}

/// The document handling's state: the dialogs, the status note, recovery and the imports.
#[derive(Debug, Default)]
pub struct FileUi {
    /// The path field shown where no file dialog is available.
    prompt: Option<(PathPurpose, String)>,
    /// A file that could not be read or written: title and text.
    message: Option<Message>,
    /// Something to know that is not an error (how a plain GeoJSON file was read).
    notice: Option<Message>,
    /// An action waiting for "save, discard or cancel".
    confirm: Option<Pending>,
    /// Closing was confirmed: let the next close request through.
    allow_close: bool,
    /// A short note for the status bar (what was undone, saved, refused).
    status: Option<String>,
    /// This window's recovery snapshot (`None`: recovery off, as in tests).
    recovery: Option<RecoverySession>,
    /// Snapshots of earlier sessions, offered back at start.
    recovery_offer: Vec<RecoveryEntry>,
    /// The import dialogs (`ui::import_dialog`).
    import: ImportUi,
    /// The document was replaced since the app last asked.
    replaced: bool,
}

/// Asks the system for a scenario file to open or to save as, starting beside `suggested`.
fn pick(purpose: PathPurpose, suggested: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new().add_filter("GeoJSON scenario", &["geojson", "json"]);
    if let Some(dir) = suggested.and_then(Path::parent) {
        dialog = dialog.set_directory(dir);
    }
    match purpose {
        PathPurpose::Open => file_dialog::run(dialog, false),
        PathPurpose::SaveAs => {
            if let Some(name) = suggested.and_then(Path::file_name) {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            file_dialog::run(dialog, true)
        }
    }
}

/// Adds `path` to the front of the recent files.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| *p != path);
    recent.insert(0, path);
    recent.truncate(RECENT_MAX);
}

/// The title bar: file name, an unsaved-changes marker, the plan's title.
pub fn window_title(doc: &Document) -> String {
    let marker = if doc.is_dirty() { "● " } else { "" };
    format!(
        "{marker}{} — {} — Armistice",
        doc.display_name(),
        doc.scenario.title
    )
}

/// The edit that deletes `ids`; steps that show a deleted feature stop naming it in the same
/// undo step (a step naming a missing feature makes a file that does not open). `None` if
/// nothing is selected.
pub fn delete_edit(scenario: &Scenario, ids: Vec<String>) -> Option<Edit> {
    if ids.is_empty() {
        return None;
    }
    let steps = scenario.steps_without(&ids);
    let mut edits: Vec<Edit> = ids
        .into_iter()
        .map(|id| Edit::RemoveFeature { id })
        .collect();
    edits.extend(steps.map(Edit::SetSteps));
    Some(Edit::Batch(edits))
}

/// The edit that adds a variant of proposal `id` right after it, and the variant's id; `None`
/// if `id` is no proposal.
pub fn duplicate_proposal(scenario: &Scenario, id: &str) -> Option<(Edit, String)> {
    let index = scenario.feature_index(id)?;
    let feature = scenario.feature(id)?;
    let Item::Demarcation(d) = &feature.item else {
        return None;
    };
    let mut copy = feature.clone();
    copy.id = scenario.unused_id("demarcation");
    copy.item = Item::Demarcation(Demarcation {
        name: Some(format!("{} (variant)", feature.label())),
        line: d.line.clone(),
        recognition: d.recognition,
    });
    let new_id = copy.id.clone();
    let edit = Edit::AddFeature {
        index: index + 1,
        feature: Box::new(copy),
    };
    Some((edit, new_id))
}

impl FileUi {
    /// Turns recovery on: snapshots go to `store`, and the snapshots already there (unsaved work
    /// of earlier sessions) are offered back.
    pub fn enable_recovery(&mut self, store: &RecoveryStore) {
        self.recovery_offer = store.list();
        self.recovery = Some(store.new_session());
    }

    /// The message shown (a file that could not be read or written): title and text.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Shows `message`, if any, in place of the one shown.
    pub fn show_message(&mut self, message: Option<Message>) {
        if message.is_some() {
            self.message = message;
        }
    }

    /// Closes the message.
    pub fn dismiss_message(&mut self) {
        self.message = None;
    }

    /// The notice shown (how a plain GeoJSON file was read): title and text.
    pub fn notice(&self) -> Option<&Message> {
        self.notice.as_ref()
    }

    /// The status bar's note, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Puts a note in the status bar.
    pub fn set_status(&mut self, note: String) {
        self.status = Some(note);
    }

    /// Whether closing the window was confirmed (the next close request goes through).
    pub fn close_allowed(&self) -> bool {
        self.allow_close
    }

    /// Whether the document was replaced since the last call (a new, opened or restored plan).
    pub fn take_replaced(&mut self) -> bool {
        std::mem::take(&mut self.replaced)
    }

    /// Carries out a document command: edits, undo and redo, the files, the imports and
    /// recovery; then follows `armistice.front_line` if the command changed it. The commands of
    /// the selection, the tools and the Place force dialog are the app's: given one, this does
    /// nothing.
    pub fn run(&mut self, command: DocCommand, parts: &mut DocParts<'_>, ctx: &egui::Context) {
        match command {
            DocCommand::Apply(edit) => self.apply_edit(edit, parts.doc),
            DocCommand::Undo => {
                self.status = Some(match parts.doc.undo() {
                    Some(label) => format!("Undid {label}"),
                    None => "Nothing to undo".to_owned(),
                });
            }
            DocCommand::Redo => {
                self.status = Some(match parts.doc.redo() {
                    Some(label) => format!("Redid {label}"),
                    None => "Nothing to redo".to_owned(),
                });
            }
            DocCommand::New => self.request(Pending::New, parts, ctx),
            DocCommand::Open(path) => self.request(Pending::Open(path), parts, ctx),
            DocCommand::Save => self.save(parts),
            DocCommand::SaveAs(path) => self.save_as(path, parts),
            DocCommand::ImportForces(path) => self.import.import_forces(path, parts),
            DocCommand::ImportFrontLine(path) => {
                let message = self.import.import_front_line(path, parts);
                self.show_message(message);
            }
            DocCommand::Perform(action) => self.perform(action, parts, ctx),
            DocCommand::SaveThen(action) => {
                self.save(parts);
                if !parts.doc.is_dirty() {
                    self.perform(action, parts, ctx);
                }
            }
            DocCommand::Discard(action) => {
                self.clear_recovery();
                self.perform(action, parts, ctx);
            }
            DocCommand::Restore(entry) => self.restore(entry, parts),
            DocCommand::DeleteSelection
            | DocCommand::DuplicateProposal(_)
            | DocCommand::SelectMany(_)
            | DocCommand::SetTool(_)
            | DocCommand::PlaceForceAt(_) => {}
        }
        let message = self.import.sync_front_line(parts);
        self.show_message(message);
    }

    fn apply_edit(&mut self, edit: Edit, doc: &mut Document) {
        let label = edit.describe();
        match doc.apply(edit) {
            Ok(()) => self.status = None,
            Err(e) => self.status = Some(format!("Not applied ({label}): {e}")),
        }
    }

    /// Does `action` now, or asks first if there are unsaved changes.
    fn request(&mut self, action: Pending, parts: &mut DocParts<'_>, ctx: &egui::Context) {
        if parts.doc.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.perform(action, parts, ctx);
        }
    }

    fn perform(&mut self, action: Pending, parts: &mut DocParts<'_>, ctx: &egui::Context) {
        match action {
            Pending::New => self.set_document(Document::untitled(), parts),
            Pending::Open(Some(path)) => {
                self.open_path(&path, parts);
            }
            Pending::Open(None) => match pick(PathPurpose::Open, parts.doc.path.as_deref()) {
                Picked::Path(path) => {
                    self.open_path(&path, parts);
                }
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    self.prompt = Some((PathPurpose::Open, String::new()));
                }
            },
            Pending::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a scenario file through `model::load_scenario`, the loading path the command line
    /// uses too. A file that cannot be used leaves the open scenario as it was and shows why.
    pub fn open_path(&mut self, path: &Path, parts: &mut DocParts<'_>) -> bool {
        match load_scenario(path) {
            Ok(loaded) => {
                remember_recent(parts.recent, path);
                let note = plain_geojson_note(&loaded);
                self.set_document(Document::from_loaded(loaded), parts);
                self.status = Some(format!("Opened {}", path.display()));
                if let Some(note) = note {
                    self.notice = Some(("Opened as plain GeoJSON".to_owned(), note));
                }
                true
            }
            Err(e) => {
                self.message = Some(("Cannot open the file".to_owned(), e.to_string()));
                false
            }
        }
    }

    /// Replaces the open document: new history, no recovery snapshot of the old one, the
    /// document's front line and occupied area prepared once.
    fn set_document(&mut self, mut doc: Document, parts: &mut DocParts<'_>) {
        // A new document must not look like an old revision to the caches keyed on it.
        doc.revision = parts.doc.revision + 1;
        *parts.doc = doc;
        self.clear_recovery();
        self.import
            .document_replaced(parts.doc.scenario.front_line.clone());
        let message = adopt_front_line(parts);
        self.show_message(message);
        self.replaced = true;
    }

    /// File ▸ Save: to the document's file, or ask for one.
    fn save(&mut self, parts: &mut DocParts<'_>) {
        match parts.doc.path.clone() {
            Some(path) => self.save_to(&path, parts),
            None => self.save_as(None, parts),
        }
    }

    fn save_as(&mut self, path: Option<PathBuf>, parts: &mut DocParts<'_>) {
        if let Some(path) = path {
            self.save_to(&path, parts);
            return;
        }
        match pick(PathPurpose::SaveAs, parts.doc.path.as_deref()) {
            Picked::Path(path) => self.save_to(&path, parts),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let suggestion = parts
                    .doc
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.prompt = Some((PathPurpose::SaveAs, suggestion));
            }
        }
    }

    /// Saves atomically to `path`; on failure the message says why and nothing is marked saved.
    fn save_to(&mut self, path: &Path, parts: &mut DocParts<'_>) {
        let carried = ImportUi::carry_front_line_to(parts.doc, path);
        self.show_message(carried);
        match crate::io::write_output(path, parts.doc.to_text().as_bytes()) {
            Ok(()) => {
                parts.doc.mark_saved(path);
                remember_recent(parts.recent, path);
                self.clear_recovery();
                self.status = Some(format!("Saved {}", path.display()));
            }
            Err(e) => {
                self.message = Some(("Cannot save the file".to_owned(), e.to_string()));
            }
        }
    }

    /// Restores the unsaved work of an earlier session as the open document.
    fn restore(&mut self, entry: RecoveryEntry, parts: &mut DocParts<'_>) {
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
                self.set_document(doc, parts);
                // This session's snapshot takes over from the old one.
                let _ = entry.discard();
                self.status = Some("Restored unsaved work: save it to keep it".to_owned());
                if let Some(warning) = recovered.warning {
                    self.message = Some(("Restored with a warning".to_owned(), warning));
                }
            }
            Err(e) => {
                self.message = Some(("Cannot restore".to_owned(), e.to_string()));
            }
        }
    }

    /// File menu entries.
    pub fn file_menu_ui(&self, ui: &mut egui::Ui, cx: &AppContext<'_>, recent: &[PathBuf]) {
        let item = |ui: &mut egui::Ui, label: &str, keys: &str, c: DocCommand| {
            if ui
                .add(egui::Button::new(label).shortcut_text(keys))
                .clicked()
            {
                cx.send(c);
            }
        };
        item(ui, "New", "Ctrl+N", DocCommand::New);
        item(ui, "Open…", "Ctrl+O", DocCommand::Open(None));
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        cx.send(DocCommand::Open(Some(path.clone())));
                    }
                }
            });
        });
        ui.separator();
        item(ui, "Save", "Ctrl+S", DocCommand::Save);
        item(ui, "Save as…", "Ctrl+Shift+S", DocCommand::SaveAs(None));
        ui.separator();
        if ui.button("Import forces from CSV…").clicked() {
            cx.send(DocCommand::ImportForces(None));
        }
        if ui.button("Import front line…").clicked() {
            cx.send(DocCommand::ImportFrontLine(None));
        }
    }

    /// Edit menu entries: undo, redo, delete.
    pub fn edit_menu_ui(&self, ui: &mut egui::Ui, cx: &AppContext<'_>) {
        let history = &cx.doc.history;
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
            cx.send(DocCommand::Undo);
        }
        if ui
            .add_enabled(
                can_redo,
                egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z / Ctrl+Y"),
            )
            .clicked()
        {
            cx.send(DocCommand::Redo);
        }
        if ui
            .add_enabled(
                cx.selected().is_some(),
                egui::Button::new("Delete selection").shortcut_text("Del"),
            )
            .clicked()
        {
            cx.send(DocCommand::DeleteSelection);
        }
        ui.separator();
    }

    /// Keyboard shortcuts of the File and Edit menus and the tools.
    pub fn shortcuts(ctx: &egui::Context, commands: &CommandQueue) {
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
        commands.extend(out.into_iter().map(Into::into));
    }

    /// Files dropped onto the window: the first one is opened.
    pub fn dropped_files(ctx: &egui::Context, commands: &CommandQueue) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.send(DocCommand::Open(Some(path)));
        }
    }

    /// Closing with unsaved changes asks first.
    pub fn close_request(&mut self, ctx: &egui::Context, doc: &Document) {
        if ctx.input(|i| i.viewport().close_requested()) && doc.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Pending::Close);
        }
    }

    /// The dialogs: message, notice, unsaved changes, path field, recovery offer, imports.
    pub fn dialogs_ui(&mut self, ctx: &egui::Context, cx: &AppContext<'_>) {
        if let Some((title, text)) = self.message.clone() {
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
                self.message = None;
            }
            return;
        }
        if let Some((title, text)) = self.notice.clone() {
            let modal = egui::Modal::new(egui::Id::unique("file-notice")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(&title);
                ui.label(&text);
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if modal.inner || modal.should_close() {
                self.notice = None;
            }
            return;
        }
        if let Some(pending) = self.confirm.clone() {
            let name = cx.doc.display_name();
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
                Some("save") => cx.send(DocCommand::SaveThen(pending)),
                Some("discard") => cx.send(DocCommand::Discard(pending)),
                _ => {}
            }
            if answer.is_some() {
                self.confirm = None;
            }
            return;
        }
        if let Some((purpose, mut text)) = self.prompt.clone() {
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
            self.prompt = Some((purpose, text.clone()));
            if cancel {
                self.prompt = None;
            } else if go && !text.trim().is_empty() {
                self.prompt = None;
                let path = expand_home(text.trim());
                cx.send(match purpose {
                    // Asked after any question about unsaved changes: no second question.
                    PathPurpose::Open => DocCommand::Perform(Pending::Open(Some(path))),
                    PathPurpose::SaveAs => DocCommand::SaveAs(Some(path)),
                });
            }
        }
        self.recovery_offer_ui(ctx, cx);
        self.import.dialogs_ui(ctx, cx.commands);
    }

    /// Writes unsaved work to the recovery file when a snapshot is due (at least every 30 s
    /// while there are unsaved changes).
    pub fn autosave_recovery(&mut self, ctx: &egui::Context, doc: &Document) {
        if !doc.is_dirty() {
            return;
        }
        let Some(session) = &mut self.recovery else {
            return;
        };
        if session.is_due(Instant::now())
            && let Err(e) = session.write(&doc.scenario, doc.path.as_deref())
        {
            self.status = Some(format!(
                "Cannot write the recovery file {}: {e}",
                session.file().display()
            ));
        }
        // Come back when the next snapshot is due, even if nothing else happens.
        ctx.request_repaint_after(crate::io::recovery::RECOVERY_INTERVAL);
    }

    /// Removes this session's snapshot (after a save, a discard or a new document).
    fn clear_recovery(&mut self) {
        if let Some(session) = &mut self.recovery
            && let Err(e) = session.discard()
        {
            log::warn!("cannot remove {}: {e}", session.file().display());
        }
    }

    fn recovery_offer_ui(&mut self, ctx: &egui::Context, cx: &AppContext<'_>) {
        if self.recovery_offer.is_empty() {
            return;
        }
        let mut restore: Option<usize> = None;
        let mut discard: Option<usize> = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Recover unsaved work");
            ui.label("Armistice closed without saving this work:");
            for (i, entry) in self.recovery_offer.iter().enumerate() {
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
            self.recovery_offer.clear();
        }
        if let Some(i) = discard.filter(|i| *i < self.recovery_offer.len()) {
            let entry = self.recovery_offer.remove(i);
            if let Err(e) = entry.discard() {
                self.status = Some(format!("Cannot remove {}: {e}", entry.file.display()));
            }
        }
        if let Some(i) = restore.filter(|i| *i < self.recovery_offer.len()) {
            cx.send(DocCommand::Restore(self.recovery_offer.remove(i)));
        }
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
}

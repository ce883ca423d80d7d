//! What the window's widgets ask for. Panels, menus and tools push commands while they draw;
//! `ArmisticeApp` carries them out after the frame, so no widget changes the document or the
//! view in the middle of a frame (as egui's demo app and rerun's command queue do).

use super::tool::Tool;
use crate::io::RecoveryEntry;
use crate::model::edit::Edit;
use geo::Point;
use std::path::PathBuf;

/// What the UI asks for; carried out after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Fly to Ukraine.
    FitUkraine,
    /// Fly to this extent, [min_lon, min_lat, max_lon, max_lat], in this many seconds.
    FlyTo([f64; 4], f64),
    /// Start presenting at this step (0-based).
    Present(usize),
    /// Zoom in or out by this many levels around the map's centre.
    ZoomBy(f64),
    /// Turn the online basemap on or off.
    SetOnlineBasemap(bool),
    /// Select a scenario feature (or nothing) and, if asked, fly to it.
    Select(Option<String>, bool),
    /// Copy the current view as a step's `view` array.
    CopyViewExtent,
    /// Show a short note in the status bar (why a tool did nothing, what was opened).
    Status(String),
    /// Close the window.
    Quit,
    /// Editing, undo, tools and files (see `ui::document_ui`).
    Doc(DocCommand),
}

/// What editing, the tools and the File and Edit menus ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum DocCommand {
    /// Apply an edit (undoable).
    Apply(Edit),
    /// Undo the newest edit.
    Undo,
    /// Redo the newest undone edit.
    Redo,
    /// Delete the selected features.
    DeleteSelection,
    /// Copy a demarcation proposal as a variant.
    DuplicateProposal(String),
    /// Select these features (a box selection).
    SelectMany(Vec<String>),
    /// Pick a tool.
    SetTool(Tool),
    /// Open the Place force dialog for a force here.
    PlaceForceAt(Point),
    /// File ▸ New (asks first if there are unsaved changes).
    New,
    /// File ▸ Open: this file, or ask for one (asks first if there are unsaved changes).
    Open(Option<PathBuf>),
    /// File ▸ Save.
    Save,
    /// File ▸ Save As: to this file, or ask for one.
    SaveAs(Option<PathBuf>),
    /// File ▸ Import forces from CSV: this file, or ask for one.
    ImportForces(Option<PathBuf>),
    /// File ▸ Import front line: this file, or ask for one.
    ImportFrontLine(Option<PathBuf>),
    /// Carry out an action without asking about unsaved changes (the planner answered, or
    /// typed the path the file dialog could not ask for).
    Perform(Pending),
    /// "Unsaved changes" answered with Save: save, then carry out the action if the save went
    /// through.
    SaveThen(Pending),
    /// "Unsaved changes" answered with Don't save: drop this session's recovery snapshot and
    /// carry out the action.
    Discard(Pending),
    /// Restore the unsaved work of an earlier session from its recovery snapshot.
    Restore(RecoveryEntry),
}

/// An action that replaces or closes the document, so it asks first about unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new plan.
    New,
    /// Open this file (or ask for one).
    Open(Option<PathBuf>),
    /// Close the window.
    Close,
}

impl From<DocCommand> for Command {
    fn from(c: DocCommand) -> Self {
        Command::Doc(c)
    }
}

//! Asking the system for a file, shared by the document handling (`ui::document_ui`), the
//! imports (`ui::import_dialog`) and File ▸ Export (`ui::export_dialog`): whether a native dialog
//! can open at all, running one and telling "cancelled" from "never opened", and the typed-path
//! fallback's `~/` expansion.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The result of asking the system for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The file chosen.
    Path(PathBuf),
    /// The planner closed the dialog without choosing.
    Cancelled,
    /// No file dialog here (no xdg portal, as under Xvfb): ask with a text field instead.
    Unavailable,
}

/// Whether a native file dialog can be shown at all: rfd on Linux talks to the xdg desktop
/// portal over the session D-Bus; without a bus there is no portal.
/// `ARMISTICE_NO_FILE_DIALOG` turns dialogs off (tests, and machines with a broken portal).
pub fn file_dialog_possible() -> bool {
    if std::env::var_os("ARMISTICE_NO_FILE_DIALOG").is_some() {
        return false;
    }
    !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// Shows `dialog` (an open dialog, or a save dialog if `save`); a dialog that "returns" faster
/// than anyone could answer it did not open (the portal is missing or broken), so that counts as
/// unavailable.
pub fn run(dialog: rfd::FileDialog, save: bool) -> Picked {
    if !file_dialog_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let picked = if save {
        dialog.save_file()
    } else {
        dialog.pick_file()
    };
    match picked {
        Some(path) => Picked::Path(path),
        None if started.elapsed() < Duration::from_millis(250) => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// A typed path: "~/x" → the home folder's x; anything else as typed.
pub fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

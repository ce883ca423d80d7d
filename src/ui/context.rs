//! The one value every panel draws from, as rerun's `ViewerContext`: the open document, the
//! selection, the map view, the latest rule report and the bundled map, read-only, and the queue
//! panels send their [`Command`]s to. A panel owns its own state (scroll positions, fields being
//! typed) and nothing else: what it wants changed goes through the queue and is carried out by
//! `ArmisticeApp` after the frame.

use super::commands::Command;
use super::map_view::MapView;
use super::rules_ui::RulesUi;
use crate::model::{BaseMap, Document};
use std::cell::RefCell;

/// What the UI asks for during a frame, carried out after it. Interior mutability lets every
/// panel send through the shared [`AppContext`].
#[derive(Debug, Default)]
pub struct CommandQueue(RefCell<Vec<Command>>);

impl CommandQueue {
    /// Queues a command.
    pub fn send(&self, command: impl Into<Command>) {
        self.0.borrow_mut().push(command.into());
    }

    /// Queues every command of `commands` (a tool's or a dialog's own list).
    pub fn extend(&self, commands: impl IntoIterator<Item = Command>) {
        self.0.borrow_mut().extend(commands);
    }

    /// Everything queued so far, emptying the queue.
    pub fn take(&self) -> Vec<Command> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// The selection: the feature the inspector shows, and any further ones of a box selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The feature the inspector shows.
    pub primary: Option<String>,
    /// Further selected features.
    pub also: Vec<String>,
}

impl Selection {
    /// The primary selection's id.
    pub fn primary(&self) -> Option<&str> {
        self.primary.as_deref()
    }

    /// Whether `id` is selected (primary or not).
    pub fn contains(&self, id: &str) -> bool {
        self.primary.as_deref() == Some(id) || self.also.iter().any(|a| a == id)
    }

    /// Every selected id, the primary first.
    pub fn ids(&self) -> Vec<String> {
        self.primary.iter().chain(&self.also).cloned().collect()
    }
}

/// What a panel reads while it draws.
pub struct AppContext<'a> {
    /// The open document (scenario, file, history).
    pub doc: &'a Document,
    /// What is selected.
    pub selection: &'a Selection,
    /// Where the map looks.
    pub view: &'a MapView,
    /// The rule checks: the latest report and each rule's settings.
    pub rules: &'a RulesUi,
    /// The bundled map.
    pub base: &'a BaseMap,
    /// Where panels send what they want done.
    pub commands: &'a CommandQueue,
}

impl AppContext<'_> {
    /// The id of the feature the inspector shows.
    pub fn selected(&self) -> Option<&str> {
        self.selection.primary()
    }

    /// Sends a command.
    pub fn send(&self, command: impl Into<Command>) {
        self.commands.send(command);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_gives_back_what_was_sent_in_order() {
        let queue = CommandQueue::default();
        queue.send(Command::FitUkraine);
        queue.extend([Command::ZoomBy(1.0)]);
        assert_eq!(queue.take(), [Command::FitUkraine, Command::ZoomBy(1.0)]);
        assert!(queue.take().is_empty());
    }

    #[test]
    fn selection_lists_the_primary_first() {
        let selection = Selection {
            primary: Some("a".into()),
            also: vec!["b".into()],
        };
        assert!(selection.contains("b"));
        assert!(!selection.contains("c"));
        assert_eq!(selection.ids(), ["a", "b"]);
    }
}

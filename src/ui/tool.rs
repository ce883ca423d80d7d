//! Which editing tool is active: the [`Tool`]s, their toolbar labels, keys and hints. Apart from
//! the tools' state (`ui::tools`) so that commands, the toolbar and the help window can name a
//! tool without importing the tools themselves.

use egui::Key;

/// An editing tool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Tool {
    /// Click to select, drag a force to move it, Shift-drag to box-select.
    #[default]
    Select,
    /// Click to place a force.
    PlaceForce,
    /// Click vertices of a new demarcation proposal.
    DrawDemarcation,
    /// Drag, insert and remove vertices of the selected demarcation.
    EditLine,
    /// Click corners of a new guarantee area.
    DrawArea,
    /// Click points to measure a geodesic distance.
    Measure,
}

impl Tool {
    /// Every tool, in toolbar order.
    pub const ALL: [Tool; 6] = [
        Tool::Select,
        Tool::PlaceForce,
        Tool::DrawDemarcation,
        Tool::EditLine,
        Tool::DrawArea,
        Tool::Measure,
    ];

    /// The toolbar label (also its accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Tool::Select => "Select",
            Tool::PlaceForce => "Place force",
            Tool::DrawDemarcation => "Draw demarcation",
            Tool::EditLine => "Edit line",
            Tool::DrawArea => "Draw guarantee area",
            Tool::Measure => "Measure",
        }
    }

    /// The key that picks the tool.
    pub fn key(self) -> Key {
        match self {
            Tool::Select => Key::V,
            Tool::PlaceForce => Key::F,
            Tool::DrawDemarcation => Key::D,
            Tool::EditLine => Key::E,
            Tool::DrawArea => Key::A,
            Tool::Measure => Key::M,
        }
    }

    /// What to do, for the status bar.
    pub fn hint(self) -> &'static str {
        match self {
            Tool::Select => {
                "Click to select · drag a force to move it · Shift-drag to select a box · Delete removes"
            }
            Tool::PlaceForce => "Click on the map where the force stands",
            Tool::DrawDemarcation => {
                "Click vertices (they snap to the front line within 10 px) · double-click or Enter finishes · Backspace removes the last · Esc cancels"
            }
            Tool::EditLine => {
                "Select a proposal · drag a vertex · drag a midpoint to insert one · right-click or Delete (over a vertex) removes one"
            }
            Tool::DrawArea => {
                "Click corners · double-click or Enter closes the area · Backspace removes the last · Esc cancels"
            }
            Tool::Measure => {
                "Click points to measure along them · Backspace removes the last · Esc clears"
            }
        }
    }

    /// Whether a double click belongs to the tool (not to the map's zoom).
    pub fn uses_double_click(self) -> bool {
        matches!(self, Tool::DrawDemarcation | Tool::DrawArea | Tool::Measure)
    }
}

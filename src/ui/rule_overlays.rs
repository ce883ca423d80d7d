//! The Rules menu's switches: which rule marks the map shows and which rule panels are open. The marks themselves are
//! prepared GUI-free in [`crate::scene::marks`] and placed by the one layout
//! ([`crate::scene::layout`]), so the window, the slides and every export show the same marks.

pub use crate::scene::layout::belt_colour;
pub use crate::scene::marks::{OverlayToggles, PreparedOverlays, hatch_lines};

/// Checkboxes for the Rules menu.
pub fn toggles_menu_ui(show: &mut OverlayToggles, ui: &mut egui::Ui) {
    ui.checkbox(&mut show.areas, "Ceded and gained areas");
    ui.checkbox(&mut show.belt, "Fortress-belt depths");
    ui.checkbox(&mut show.standoff, "Standoff distances");
    ui.checkbox(&mut show.unmonitored, "Unmonitored stretches");
    ui.checkbox(&mut show.air_cover, "Cities outside air cover");
    ui.checkbox(&mut show.placement, "Misplaced forces");
}

/// Which rule panels are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulePanels {
    /// The findings panel beside the map.
    pub findings: bool,
    /// The comparison table of proposals.
    pub compare: bool,
    /// The force ledger.
    pub ledger: bool,
    /// The rule parameters.
    pub params: bool,
}

impl Default for RulePanels {
    fn default() -> Self {
        Self {
            findings: true,
            compare: false,
            ledger: false,
            params: false,
        }
    }
}

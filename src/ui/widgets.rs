//! Small widgets the panels share.

use egui::RichText;

/// A small heading used by the panels.
pub fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).strong());
}

/// Draws `add_contents` in all the room `ui` has left, and reports only that room to `ui`: a
/// widget wider than the room (a long message in a grid) is cut at the edge instead of widening
/// the panel for good. egui stores a side panel's width from its contents, so a panel whose
/// contents once overflowed would otherwise keep the wider width after the message is gone;
/// with this, the width is the one the planner dragged.
pub fn within_width<R>(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let room = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(room)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.shrink_clip_rect(room);
    child.set_max_width(room.width());
    let inner = add_contents(&mut child);
    // Only the room is claimed, however wide the contents were.
    let used = child.min_rect().intersect(room);
    ui.advance_cursor_after_rect(egui::Rect::from_min_max(
        room.min,
        egui::pos2(room.max.x, used.max.y.max(room.min.y)),
    ));
    inner
}

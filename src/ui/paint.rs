//! Small drawing helpers for what the window paints over the map itself (the tools' previews):
//! colours and halo text in the map's style. The map is drawn by [`super::picture`] from the one
//! layout ([`crate::scene::layout`]).

use crate::scene::style;
use egui::{Align2, FontId, Painter, Pos2, Rect, Vec2};

/// Which bundled layers are drawn (contract.md's layer names).
pub use crate::scene::Layers as LayerVisibility;
/// Counts of what a frame drew, for tests and benchmarks.
pub use crate::scene::picture::PictureStats as PaintStats;

/// Converts a style colour (the one conversion from `scene::style` to egui).
pub fn color(c: style::Rgba) -> egui::Color32 {
    egui::Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// The colour of a severity, for rows and cells.
pub fn severity_colour(severity: crate::rules::Severity) -> egui::Color32 {
    use crate::rules::Severity;
    match severity {
        Severity::Error => color(style::SEVERITY_ERROR),
        Severity::Warning => color(style::SEVERITY_WARNING),
        Severity::Info => color(style::SEVERITY_INFO),
    }
}

/// Draws `text` with a light halo so it reads on any fill.
pub fn halo_text(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    fg: egui::Color32,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), font, fg);
    let rect = anchor.anchor_size(pos, galley.size());
    let halo = color(style::HALO);
    for offset in [
        Vec2::new(-1.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, -1.0),
        Vec2::new(0.0, 1.0),
    ] {
        painter.galley_with_override_text_color(rect.min + offset, galley.clone(), halo);
    }
    painter.galley(rect.min, galley, fg);
    rect
}

//! Paints APP-6-style force symbols in the window. The shapes come from [`crate::scene::symbols`],
//! which the export draws from too, so window and export look alike.

use super::paint::color;
use crate::model::scenario::{Component, Echelon};
use crate::scene::symbols::{self as shapes, symbol_geometry};
pub use crate::scene::symbols::{Frame, echelon_mark};
use egui::{Align2, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2};

fn pos(p: shapes::ScreenPoint) -> Pos2 {
    pos2(p[0], p[1])
}

/// Paints one symbol centred on `center`, `size` px tall; returns the frame's rectangle.
pub fn paint_symbol(
    painter: &Painter,
    center: Pos2,
    size: f32,
    frame: Frame,
    component: Component,
    echelon: Option<Echelon>,
    highlighted: bool,
) -> Rect {
    let symbol = symbol_geometry([center.x, center.y], size, frame, component, echelon);
    let [min, max] = symbol.bounds;
    let bounds = Rect::from_min_max(pos(min), pos(max));
    if highlighted {
        painter.rect_filled(bounds.expand(4.0), 3.0, color(shapes::HIGHLIGHT));
    }
    painter.add(Shape::convex_polygon(
        symbol.frame.iter().copied().map(pos).collect(),
        color(symbol.fill),
        Stroke::new(shapes::FRAME_WIDTH, color(shapes::INK)),
    ));
    let ink = Stroke::new(shapes::GLYPH_WIDTH, color(shapes::INK));
    for line in &symbol.glyph {
        painter.add(Shape::line(line.iter().copied().map(pos).collect(), ink));
    }
    if let Some(mark) = symbol.echelon {
        painter.text(
            pos(mark.bottom_center),
            Align2::CENTER_BOTTOM,
            mark.text,
            FontId::proportional(mark.size),
            color(shapes::INK),
        );
    }
    bounds
}

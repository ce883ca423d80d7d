//! APP-6-style force symbols: the frame by affiliation, the echelon mark above, a glyph inside
//! for the component.

use crate::model::scenario::{Affiliation, Component, Echelon};
use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2};

/// Frame fill of friendly units (APP-6 "crystal blue").
pub const FRIENDLY_FILL: Color32 = Color32::from_rgb(128, 224, 255);
/// Frame fill of hostile units.
pub const HOSTILE_FILL: Color32 = Color32::from_rgb(255, 128, 128);
/// Frame fill of neutral units.
pub const NEUTRAL_FILL: Color32 = Color32::from_rgb(170, 255, 170);

/// How a force's frame is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Blue rectangle: guarantor, backstop and host nations.
    Friendly,
    /// Red diamond: adversaries.
    Hostile,
    /// Green square: anyone else.
    Neutral,
}

impl Frame {
    /// The frame for a nation's part in the plan.
    pub fn of(affiliation: Affiliation) -> Self {
        match affiliation {
            Affiliation::Guarantor | Affiliation::Backstop | Affiliation::Host => Self::Friendly,
            Affiliation::Adversary => Self::Hostile,
            Affiliation::Other => Self::Neutral,
        }
    }
}

/// The echelon mark drawn above the frame.
pub fn echelon_mark(echelon: Echelon) -> &'static str {
    match echelon {
        Echelon::Team => "Ø",
        Echelon::Company => "I",
        Echelon::Battalion => "II",
        Echelon::Brigade => "X",
        Echelon::Division => "XX",
        Echelon::Corps => "XXX",
    }
}

/// The frame's outline and the rectangle its glyph is drawn in.
fn frame_shape(frame: Frame, center: Pos2, size: f32) -> (Vec<Pos2>, Rect) {
    match frame {
        Frame::Friendly => {
            let r = Rect::from_center_size(center, Vec2::new(size * 1.5, size));
            (
                vec![
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                ],
                r,
            )
        }
        Frame::Hostile => {
            let h = size * 0.72;
            let pts = vec![
                center + Vec2::new(0.0, -h),
                center + Vec2::new(h, 0.0),
                center + Vec2::new(0.0, h),
                center + Vec2::new(-h, 0.0),
            ];
            (pts, Rect::from_center_size(center, Vec2::splat(h)))
        }
        Frame::Neutral => {
            let r = Rect::from_center_size(center, Vec2::splat(size));
            (
                vec![
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                ],
                r,
            )
        }
    }
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
    let (outline, inner) = frame_shape(frame, center, size);
    let fill = match frame {
        Frame::Friendly => FRIENDLY_FILL,
        Frame::Hostile => HOSTILE_FILL,
        Frame::Neutral => NEUTRAL_FILL,
    };
    let bounds = Rect::from_points(&outline);
    if highlighted {
        painter.rect_filled(
            bounds.expand(4.0),
            3.0,
            Color32::from_rgba_unmultiplied(255, 200, 0, 200),
        );
    }
    painter.add(Shape::convex_polygon(
        outline,
        fill,
        Stroke::new(1.5, Color32::BLACK),
    ));
    let ink = Stroke::new(1.3, Color32::BLACK);
    let r = inner.shrink(1.0);
    match component {
        Component::Land => {
            painter.line_segment([r.left_top(), r.right_bottom()], ink);
            painter.line_segment([r.left_bottom(), r.right_top()], ink);
        }
        Component::Air => {
            // A stylised fixed wing: two lobes joined at the centre.
            let c = r.center();
            let w = r.width() * 0.38;
            let h = r.height() * 0.28;
            painter.add(Shape::closed_line(
                vec![
                    c,
                    c + Vec2::new(-w, -h),
                    c + Vec2::new(-w, h),
                    c,
                    c + Vec2::new(w, -h),
                    c + Vec2::new(w, h),
                ],
                ink,
            ));
        }
        Component::Maritime => {
            let c = r.center();
            let h = r.height() * 0.38;
            painter.line_segment([c + Vec2::new(0.0, -h), c + Vec2::new(0.0, h)], ink);
            painter.line_segment(
                [
                    c + Vec2::new(-h * 0.6, -h * 0.45),
                    c + Vec2::new(h * 0.6, -h * 0.45),
                ],
                ink,
            );
            let arc: Vec<Pos2> = (0..=10)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 10.0);
                    c + Vec2::new(-h * 0.8 * a.cos(), h * 0.45 + h * 0.5 * a.sin() - h * 0.5)
                })
                .collect();
            painter.add(Shape::line(arc, ink));
        }
        Component::AirDefense => {
            let base = pos2(r.center().x, r.bottom());
            let rad = r.width().min(r.height() * 2.0) * 0.38;
            let arc: Vec<Pos2> = (0..=12)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 12.0);
                    base + Vec2::new(-rad * a.cos(), -rad * a.sin())
                })
                .collect();
            painter.add(Shape::line(arc, ink));
        }
        Component::Isr => {
            painter.line_segment([r.left_bottom(), r.right_top()], ink);
        }
        Component::Logistics => {
            let y = r.bottom() - r.height() * 0.25;
            painter.line_segment([pos2(r.left(), y), pos2(r.right(), y)], ink);
        }
    }
    if let Some(echelon) = echelon {
        painter.text(
            pos2(bounds.center().x, bounds.top() - 1.0),
            egui::Align2::CENTER_BOTTOM,
            echelon_mark(echelon),
            FontId::proportional((size * 0.55).max(9.0)),
            Color32::BLACK,
        );
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_follow_affiliation() {
        assert_eq!(Frame::of(Affiliation::Guarantor), Frame::Friendly);
        assert_eq!(Frame::of(Affiliation::Backstop), Frame::Friendly);
        assert_eq!(Frame::of(Affiliation::Host), Frame::Friendly);
        assert_eq!(Frame::of(Affiliation::Adversary), Frame::Hostile);
        assert_eq!(Frame::of(Affiliation::Other), Frame::Neutral);
    }

    #[test]
    fn echelon_marks_grow_with_size() {
        let marks: Vec<&str> = Echelon::ALL.iter().map(|e| echelon_mark(*e)).collect();
        assert_eq!(marks, ["Ø", "I", "II", "X", "XX", "XXX"]);
    }
}

//! APP-6-style force symbols described without any GUI toolkit: the frame by affiliation, a
//! glyph inside for the component, the echelon mark above. The window (`ui::symbols`) and the
//! export (`export::svg`) both draw from [`SymbolGeometry`], so a symbol looks the same in both.
//!
//! Coordinates are screen-like: x grows right, y grows down, in pixels (or points).

use super::style::Rgba;
use crate::model::scenario::{Affiliation, Component, Echelon, Force, NationLists};

/// A point on screen (or page), y down.
pub type ScreenPoint = [f32; 2];

/// Frame fill of friendly units (APP-6 "crystal blue").
pub const FRIENDLY_FILL: Rgba = [128, 224, 255, 255];
/// Frame fill of hostile units.
pub const HOSTILE_FILL: Rgba = [255, 128, 128, 255];
/// Frame fill of neutral units.
pub const NEUTRAL_FILL: Rgba = [170, 255, 170, 255];
/// The frame's outline and the glyph's ink.
pub const INK: Rgba = [0, 0, 0, 255];
/// Width of the frame's outline, px.
pub const FRAME_WIDTH: f32 = 1.5;
/// Width of the component glyph's lines, px.
pub const GLYPH_WIDTH: f32 = 1.3;
/// The highlight behind a selected symbol.
pub const HIGHLIGHT: Rgba = [255, 200, 0, 200];
/// Symbol height on the map, px.
pub const SYMBOL_PX: f32 = 18.0;

/// How a force's frame is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    /// The frame's fill.
    pub fn fill(self) -> Rgba {
        match self {
            Self::Friendly => FRIENDLY_FILL,
            Self::Hostile => HOSTILE_FILL,
            Self::Neutral => NEUTRAL_FILL,
        }
    }
}

/// Which symbol a force is drawn with: what the display list carries, so that each backend
/// asks [`symbol_geometry_of`] how to draw it and the symbol set can change in one place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SymbolKey {
    /// The frame, by the nation's part in the plan.
    pub frame: Frame,
    /// The component glyph.
    pub component: Component,
    /// The echelon mark, if any.
    pub echelon: Option<Echelon>,
}

impl SymbolKey {
    /// The symbol of `force` under the plan's nation lists.
    pub fn of(force: &Force, lists: &NationLists) -> Self {
        Self {
            frame: Frame::of(lists.affiliation(&force.nation)),
            component: force.component,
            echelon: force.echelon,
        }
    }
}

/// The drawing of symbol `key` centred on `center`, `size` tall.
pub fn symbol_geometry_of(key: &SymbolKey, center: ScreenPoint, size: f32) -> SymbolGeometry {
    symbol_geometry(center, size, key.frame, key.component, key.echelon)
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

/// "4.5k" for 4,500: the strength written beside a symbol.
pub fn short_strength(n: u64) -> String {
    if n >= 1000 {
        let k = n as f64 / 1000.0;
        if k >= 10.0 || k.fract() < 0.05 {
            format!("{k:.0}k")
        } else {
            format!("{k:.1}k")
        }
    } else {
        n.to_string()
    }
}

/// The echelon mark: its text, where the bottom centre of the text goes, and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct EchelonLabel {
    /// The mark ("X" for a brigade).
    pub text: &'static str,
    /// Bottom centre of the text.
    pub bottom_center: ScreenPoint,
    /// Font size, px.
    pub size: f32,
}

/// One symbol, ready to draw: every part in screen coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolGeometry {
    /// The frame: a closed convex polygon (the first point is not repeated).
    pub frame: Vec<ScreenPoint>,
    /// The frame's fill.
    pub fill: Rgba,
    /// The component glyph: open polylines drawn in [`INK`] at [`GLYPH_WIDTH`].
    pub glyph: Vec<Vec<ScreenPoint>>,
    /// The frame's bounding box: min and max corners.
    pub bounds: [ScreenPoint; 2],
    /// The echelon mark above the frame.
    pub echelon: Option<EchelonLabel>,
}

fn rect_corners(center: ScreenPoint, w: f32, h: f32) -> Vec<ScreenPoint> {
    let [cx, cy] = center;
    let (hw, hh) = (w / 2.0, h / 2.0);
    vec![
        [cx - hw, cy - hh],
        [cx + hw, cy - hh],
        [cx + hw, cy + hh],
        [cx - hw, cy + hh],
    ]
}

/// The symbol of a force centred on `center`, `size` px tall.
pub fn symbol_geometry(
    center: ScreenPoint,
    size: f32,
    frame: Frame,
    component: Component,
    echelon: Option<Echelon>,
) -> SymbolGeometry {
    let [cx, cy] = center;
    // The frame's outline and the half-extents of the box its glyph is drawn in.
    let (outline, (gw, gh)) = match frame {
        Frame::Friendly => (
            rect_corners(center, size * 1.5, size),
            (size * 0.75, size * 0.5),
        ),
        Frame::Hostile => {
            let h = size * 0.72;
            (
                vec![[cx, cy - h], [cx + h, cy], [cx, cy + h], [cx - h, cy]],
                (h * 0.5, h * 0.5),
            )
        }
        Frame::Neutral => (rect_corners(center, size, size), (size * 0.5, size * 0.5)),
    };
    // The glyph box, one pixel inside.
    let (l, r, t, b) = (cx - gw + 1.0, cx + gw - 1.0, cy - gh + 1.0, cy + gh - 1.0);
    let (w, h) = (r - l, b - t);
    let c = [(l + r) / 2.0, (t + b) / 2.0];
    let glyph: Vec<Vec<ScreenPoint>> = match component {
        Component::Land => vec![vec![[l, t], [r, b]], vec![[l, b], [r, t]]],
        Component::Air => {
            // A stylised fixed wing: two lobes joined at the centre.
            let (dx, dy) = (w * 0.38, h * 0.28);
            vec![vec![
                c,
                [c[0] - dx, c[1] - dy],
                [c[0] - dx, c[1] + dy],
                c,
                [c[0] + dx, c[1] - dy],
                [c[0] + dx, c[1] + dy],
                c,
            ]]
        }
        Component::Maritime => {
            let k = h * 0.38;
            let arc = (0..=10)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 10.0);
                    [
                        c[0] - k * 0.8 * a.cos(),
                        c[1] + k * 0.45 + k * 0.5 * a.sin() - k * 0.5,
                    ]
                })
                .collect();
            vec![
                vec![[c[0], c[1] - k], [c[0], c[1] + k]],
                vec![
                    [c[0] - k * 0.6, c[1] - k * 0.45],
                    [c[0] + k * 0.6, c[1] - k * 0.45],
                ],
                arc,
            ]
        }
        Component::AirDefense => {
            let base = [c[0], b];
            let rad = w.min(h * 2.0) * 0.38;
            vec![
                (0..=12)
                    .map(|i| {
                        let a = std::f32::consts::PI * (i as f32 / 12.0);
                        [base[0] - rad * a.cos(), base[1] - rad * a.sin()]
                    })
                    .collect(),
            ]
        }
        Component::Isr => vec![vec![[l, b], [r, t]]],
        Component::Logistics => {
            let y = b - h * 0.25;
            vec![vec![[l, y], [r, y]]]
        }
    };
    let mut min = [f32::INFINITY; 2];
    let mut max = [f32::NEG_INFINITY; 2];
    for p in &outline {
        min = [min[0].min(p[0]), min[1].min(p[1])];
        max = [max[0].max(p[0]), max[1].max(p[1])];
    }
    let echelon = echelon.map(|e| EchelonLabel {
        text: echelon_mark(e),
        bottom_center: [(min[0] + max[0]) / 2.0, min[1] - 1.0],
        size: (size * 0.55).max(9.0),
    });
    SymbolGeometry {
        frame: outline,
        fill: frame.fill(),
        glyph,
        bounds: [min, max],
        echelon,
    }
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

    #[test]
    fn strengths_are_short() {
        assert_eq!(short_strength(800), "800");
        assert_eq!(short_strength(4500), "4.5k");
        assert_eq!(short_strength(5000), "5k");
        assert_eq!(short_strength(40_000), "40k");
    }

    #[test]
    fn friendly_frame_is_wider_than_tall_and_glyph_stays_inside() {
        let s = symbol_geometry(
            [100.0, 50.0],
            18.0,
            Frame::Friendly,
            Component::Land,
            Some(Echelon::Brigade),
        );
        let [min, max] = s.bounds;
        assert_eq!([max[0] - min[0], max[1] - min[1]], [27.0, 18.0]);
        for p in s.glyph.iter().flatten() {
            assert!(p[0] > min[0] && p[0] < max[0] && p[1] > min[1] && p[1] < max[1]);
        }
        let e = s.echelon.expect("brigade mark");
        assert_eq!(e.text, "X");
        assert!(e.bottom_center[1] < min[1]);
    }

    #[test]
    fn hostile_frame_is_a_diamond() {
        let s = symbol_geometry([0.0, 0.0], 10.0, Frame::Hostile, Component::Air, None);
        assert_eq!(s.frame.len(), 4);
        assert_eq!(s.fill, HOSTILE_FILL);
        assert!(s.frame.iter().all(|p| p[0] == 0.0 || p[1] == 0.0));
        assert!(s.echelon.is_none());
    }
}

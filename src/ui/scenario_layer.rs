//! The scenario on the map, window side: what a click hit. The scenario is laid out with the
//! rest of the map by [`crate::scene::layout`] (guarantee areas, proposals, range rings, force
//! symbols fanned out or clustered where they crowd) and drawn by [`super::picture`]; this module
//! finds, from where the layout put things, which feature a click selects, and which cluster it
//! expands.

use super::paint::color;
use super::picture::rect;
use crate::scene::ScenarioScene;
use crate::scene::picture::Hits;
use crate::scene::view::View;
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::HashSet;

pub use crate::scene::symbols::{SYMBOL_PX, short_strength};
pub use crate::scene::{RangeRings, geodesic_circle};

/// How close a click must be to a line to hit it, px.
const LINE_HIT_PX: f32 = 6.0;

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    (nearest_on_segment(p, a, b) - p).length()
}

/// The point of segment `a`–`b` nearest to `p`.
pub fn nearest_on_segment(p: Pos2, a: Pos2, b: Pos2) -> Pos2 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    a + ab * t
}

/// The distance from `click` to the nearest segment of `pts`, if within [`LINE_HIT_PX`].
fn line_hit(click: Pos2, pts: &[Pos2]) -> Option<f32> {
    pts.windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(distance_to_segment(click, *a, *b)),
            _ => None,
        })
        .filter(|d| *d < LINE_HIT_PX)
        .min_by(f32::total_cmp)
}

/// The colour of the demarcation proposal at `index` among the scenario's proposals.
pub fn proposal_colour(index: usize) -> Color32 {
    color(crate::scene::proposal_colour(index))
}

/// Where each force is drawn this frame (after decluttering), for hit tests.
#[derive(Debug, Clone, Default)]
pub struct DrawnForces {
    /// Force id and the rectangle of its symbol.
    pub symbols: Vec<(String, Rect)>,
    /// Cluster symbols: where, and the lon/lat extent of their forces.
    pub clusters: Vec<(Rect, [f64; 4])>,
}

impl DrawnForces {
    /// Where the layout put the forces.
    pub fn from_hits(hits: &Hits) -> Self {
        Self {
            symbols: hits
                .symbols
                .iter()
                .map(|(id, r)| (id.clone(), rect(*r)))
                .collect(),
            clusters: hits.clusters.iter().map(|(r, e)| (rect(*r), *e)).collect(),
        }
    }

    /// The force whose symbol is at `pos`, if any (the topmost, drawn last).
    pub fn force_at(&self, pos: Pos2) -> Option<&str> {
        self.symbols
            .iter()
            .rev()
            .find(|(_, r)| r.expand(4.0).contains(pos))
            .map(|(id, _)| id.as_str())
    }
}

/// What a click on the map did.
#[derive(Debug, Clone, Default)]
pub struct LayerOutput {
    /// What a click selected: `Some(Some(id))` for a feature, `Some(None)` for empty map, `None`
    /// if there was no click.
    pub clicked: Option<Option<String>>,
    /// A cluster was clicked: zoom to this lon/lat extent.
    pub zoom_to: Option<[f64; 4]>,
}

/// What a click at `click` hits: a cluster (to expand), a force symbol, a proposal or a
/// guarantee area outline (the nearest), or empty map.
pub fn click_hit(
    click: Option<Pos2>,
    forces: &DrawnForces,
    prepared: &ScenarioScene,
    hidden: &HashSet<String>,
    view: &View,
) -> LayerOutput {
    let Some(click) = click else {
        return LayerOutput::default();
    };
    if let Some((_, extent)) = forces.clusters.iter().find(|(r, _)| r.contains(click)) {
        return LayerOutput {
            clicked: None,
            zoom_to: Some(*extent),
        };
    }
    if let Some(id) = forces.force_at(click) {
        return LayerOutput {
            clicked: Some(Some(id.to_owned())),
            zoom_to: None,
        };
    }
    let screen = |p: &[f32; 2]| {
        let s = view.screen(*p);
        Pos2::new(s[0], s[1])
    };
    let consider = |d: f32, id: &str, hit: &mut Option<(f32, String)>| {
        if hit.as_ref().is_none_or(|(best, _)| d < *best) {
            *hit = Some((d, id.to_owned()));
        }
    };
    let mut best: Option<(f32, String)> = None;
    for (id, area) in &prepared.areas {
        if hidden.contains(id) {
            continue;
        }
        for ring in &area.level(view.zoom).rings {
            let pts: Vec<Pos2> = ring.iter().map(screen).collect();
            if let Some(d) = line_hit(click, &pts) {
                consider(d, id, &mut best);
            }
        }
    }
    for (id, line) in &prepared.lines {
        if hidden.contains(id) {
            continue;
        }
        let pts: Vec<Pos2> = line.level(view.zoom).iter().map(screen).collect();
        if let Some(d) = line_hit(click, &pts) {
            consider(d, id, &mut best);
        }
    }
    LayerOutput {
        clicked: Some(best.map(|(_, id)| id)),
        zoom_to: None,
    }
}

/// A rectangle around a screen point, for hit tests.
pub fn hit_rect(at: Pos2, px: f32) -> Rect {
    Rect::from_center_size(at, Vec2::splat(px))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(
            Pos2::new(5.0, 3.0),
            Pos2::new(0.0, 0.0),
            Pos2::new(10.0, 0.0),
        );
        assert!((d - 3.0).abs() < 1e-6);
        let d = distance_to_segment(
            Pos2::new(-4.0, 3.0),
            Pos2::new(0.0, 0.0),
            Pos2::new(10.0, 0.0),
        );
        assert!((d - 5.0).abs() < 1e-6);
    }

    #[test]
    fn range_ring_is_geodesic() {
        use geo::Point;
        // A 500 km ring around Warsaw: every point 500 km away on the ellipsoid.
        let warsaw = Point::new(21.01, 52.23);
        let ring = geodesic_circle(warsaw, 500.0);
        assert_eq!(ring.len(), 97);
        for p in ring.iter().step_by(8) {
            let [lon, lat] =
                crate::scene::geometry::lonlat_from_world([f64::from(p[0]), f64::from(p[1])]);
            let d = crate::spatial::measure::distance_km(warsaw, Point::new(lon, lat));
            assert!((d - 500.0).abs() < 1.0, "{d} km");
        }
    }
}

//! The rule marks, prepared once per report and free of any GUI toolkit: the area each proposal
//! moves to Russian control and to Ukrainian control (triangulated, and hatched per zoom level on
//! first use), the stretches of a line no monitor covers, each proposal's furthest advance, the
//! forces standing too close to the line, the cities outside air cover, the forces standing
//! where they cannot. The layout
//! ([`super::layout`]) places them; the window and every export draw them from there.

use super::geometry::{PreparedArea, PreparedLine, WorldPoint, world_from_lonlat, world_point};
use crate::rules::Report;
use geo::{MultiPolygon, Point};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Hatch spacing at the start of a zoom level, px (it grows to twice that within the level).
const HATCH_PX: f64 = 8.0;
/// More scan lines than this for one area at one zoom are not hatched (the fill still shows).
const MAX_SCANLINES: f64 = 6000.0;

/// Which rule marks the map shows (Rules menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverlayToggles {
    /// Ceded and gained areas (and the furthest advance).
    pub areas: bool,
    /// Belt cities with their depth.
    pub belt: bool,
    /// Reassurance forces too close to the line.
    pub standoff: bool,
    /// Stretches no monitor covers.
    pub unmonitored: bool,
    /// Cities outside air cover.
    pub air_cover: bool,
    /// Forces that stand where they cannot (`force-location`).
    pub placement: bool,
}

impl Default for OverlayToggles {
    fn default() -> Self {
        Self::ALL
    }
}

impl OverlayToggles {
    /// Every mark.
    pub const ALL: Self = Self {
        areas: true,
        belt: true,
        standoff: true,
        unmonitored: true,
        air_cover: true,
        placement: true,
    };
    /// No mark (a step with its findings off).
    pub const NONE: Self = Self {
        areas: false,
        belt: false,
        standoff: false,
        unmonitored: false,
        air_cover: false,
        placement: false,
    };
}

/// An area with its hatch lines, made per zoom level on first use.
#[derive(Debug)]
pub struct HatchedArea {
    /// The area, triangulated.
    pub prepared: PreparedArea,
    rings: Vec<Vec<[f64; 2]>>,
    /// +1: lines rising to the right; −1: falling.
    direction: f64,
    hatches: Mutex<HashMap<i32, Arc<Vec<[WorldPoint; 2]>>>>,
}

impl Clone for HatchedArea {
    fn clone(&self) -> Self {
        Self {
            prepared: self.prepared.clone(),
            rings: self.rings.clone(),
            direction: self.direction,
            hatches: Mutex::new(HashMap::new()),
        }
    }
}

/// Pixels of the whole world at `zoom`.
fn world_px(zoom: f64) -> f64 {
    super::geometry::TILE_PX * 2f64.powf(zoom)
}

impl HatchedArea {
    fn new(area: &MultiPolygon, direction: f64) -> Option<Self> {
        if area.0.is_empty() {
            return None;
        }
        let rings = area
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|ring| ring.0.iter().map(|c| world_from_lonlat(c.x, c.y)).collect())
            .collect();
        Some(Self {
            prepared: PreparedArea::new(area),
            rings,
            direction,
            hatches: Mutex::new(HashMap::new()),
        })
    }

    /// The hatch lines for `zoom` (whole levels, made once each).
    pub fn hatch(&self, zoom: f64) -> Arc<Vec<[WorldPoint; 2]>> {
        let level = zoom.clamp(0.0, 30.0).floor() as i32;
        let spacing = HATCH_PX / world_px(f64::from(level));
        let mut cache = self
            .hatches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(level)
            .or_insert_with(|| Arc::new(hatch_lines(&self.rings, spacing, self.direction)))
            .clone()
    }
}

/// Diagonal hatch lines across the rings (even-odd, so holes stay clear), `spacing` apart in
/// world units: a scan along `v = x ± y` that pairs each scan line's crossings of the edges.
/// Empty when the area would need more than [`MAX_SCANLINES`] lines.
pub fn hatch_lines(rings: &[Vec<[f64; 2]>], spacing: f64, direction: f64) -> Vec<[WorldPoint; 2]> {
    // Rotated coordinates: v is constant along a hatch line, u runs along it.
    let rotate = |p: [f64; 2]| -> (f64, f64) {
        let (x, y) = (p[0], -p[1] * direction);
        (x - y, x + y)
    };
    let back = |u: f64, v: f64| -> WorldPoint {
        let (x, y) = ((u + v) / 2.0, (v - u) / 2.0);
        [x as f32, (-y * direction) as f32]
    };
    let (mut vmin, mut vmax) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in rings.iter().flatten() {
        let (_, v) = rotate(*p);
        vmin = vmin.min(v);
        vmax = vmax.max(v);
    }
    if spacing.is_nan()
        || spacing <= 0.0
        || !vmin.is_finite()
        || (vmax - vmin) / spacing > MAX_SCANLINES
    {
        return Vec::new();
    }
    let mut crossings: Vec<(i64, f64)> = Vec::new();
    for ring in rings {
        for w in ring.windows(2) {
            let [a, b] = w else { continue };
            let ((ua, va), (ub, vb)) = (rotate(*a), rotate(*b));
            if va == vb {
                continue;
            }
            let (lo, hi) = (va.min(vb), va.max(vb));
            // Half-open [lo, hi), so a scan line through a vertex counts once.
            let first = (lo / spacing).ceil() as i64;
            let mut k = first;
            while (k as f64) * spacing < hi {
                let v = k as f64 * spacing;
                let u = ua + (v - va) / (vb - va) * (ub - ua);
                crossings.push((k, u));
                k += 1;
            }
        }
    }
    crossings.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines = Vec::with_capacity(crossings.len() / 2);
    for pair in crossings.chunks_exact(2) {
        let [(k0, u0), (k1, u1)] = *pair else {
            continue;
        };
        if k0 != k1 {
            continue;
        }
        let v = k0 as f64 * spacing;
        lines.push([back(u0, v), back(u1, v)]);
    }
    lines
}

/// One demarcation's marks.
#[derive(Debug, Clone)]
pub struct LineMarks {
    /// The demarcation's id.
    pub id: String,
    /// What it moves to Russian control.
    pub ceded: Option<HatchedArea>,
    /// What it moves to Ukrainian control.
    pub gained: Option<HatchedArea>,
    /// Stretches of its line of control no monitor covers.
    pub unmonitored: Vec<PreparedLine>,
    /// Its furthest advance beyond today's line: where, and how far (km).
    pub furthest: Option<(WorldPoint, f64)>,
}

/// A force too close to the line, in world units.
#[derive(Debug, Clone, PartialEq)]
pub struct StandoffMark {
    /// The force's id.
    pub force: String,
    /// The force.
    pub from: WorldPoint,
    /// The nearest point of the line.
    pub to: WorldPoint,
    /// "32.5 km".
    pub label: String,
}

/// A force that stands where it cannot (on the wrong side of the line, at sea for a land
/// force…), in world units.
#[derive(Debug, Clone, PartialEq)]
pub struct MisplacedMark {
    /// The force's id.
    pub force: String,
    /// Where it stands.
    pub at: WorldPoint,
    /// "cannot stand at sea".
    pub label: String,
}

/// The marks of one report, prepared for the map.
#[derive(Debug, Clone, Default)]
pub struct PreparedOverlays {
    /// Per valid demarcation.
    pub lines: Vec<LineMarks>,
    /// Forces too close to the line.
    pub standoff: Vec<StandoffMark>,
    /// Cities outside air cover.
    pub uncovered: Vec<(String, WorldPoint)>,
    /// Stretches of today's front line no monitor covers, when it is the line of control (the
    /// plan has no demarcation).
    pub front_unmonitored: Vec<PreparedLine>,
    /// Forces that stand where they cannot.
    pub misplaced: Vec<MisplacedMark>,
}

fn world_of(p: Point) -> WorldPoint {
    world_point(p.x(), p.y())
}

impl PreparedOverlays {
    /// Projects and triangulates what `report` found.
    pub fn new(report: &Report) -> Self {
        let lines = report
            .demarcations
            .iter()
            .filter(|d| d.valid)
            .map(|d| LineMarks {
                id: d.id.clone(),
                ceded: HatchedArea::new(&d.ceded_area, 1.0),
                gained: HatchedArea::new(&d.gained_area, -1.0),
                unmonitored: d
                    .unmonitored
                    .iter()
                    .filter(|l| l.0.len() >= 2)
                    .map(PreparedLine::new)
                    .collect(),
                furthest: d
                    .furthest_advance
                    .filter(|_| d.max_advance_km > 0.05)
                    .map(|p| (world_of(p), d.max_advance_km)),
            })
            .collect();
        let standoff = report
            .standoff
            .iter()
            .map(|s| StandoffMark {
                force: s.force.clone(),
                from: world_of(s.from),
                to: world_of(s.to),
                label: format!("{:.1} km", s.km),
            })
            .collect();
        let uncovered = report
            .uncovered_cities
            .iter()
            .map(|(name, p)| (name.clone(), world_of(*p)))
            .collect();
        let front_unmonitored = report
            .front_monitoring
            .iter()
            .flat_map(|m| &m.unmonitored)
            .filter(|l| l.0.len() >= 2)
            .map(PreparedLine::new)
            .collect();
        let misplaced = report
            .misplaced
            .iter()
            .map(|m| MisplacedMark {
                force: m.force.clone(),
                at: world_of(m.position),
                label: format!("cannot stand {}", m.reason),
            })
            .collect();
        Self {
            lines,
            standoff,
            uncovered,
            front_unmonitored,
            misplaced,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(size: f64) -> Vec<Vec<[f64; 2]>> {
        vec![vec![
            [0.0, 0.0],
            [size, 0.0],
            [size, size],
            [0.0, size],
            [0.0, 0.0],
        ]]
    }

    fn length(lines: &[[WorldPoint; 2]]) -> f64 {
        lines
            .iter()
            .map(|[a, b]| f64::from((b[0] - a[0]).hypot(b[1] - a[1])))
            .sum()
    }

    #[test]
    fn hatching_covers_the_area_at_its_spacing() {
        // A unit square hatched 0.1 apart diagonally: total length ≈ area / spacing · √2/√2.
        for direction in [1.0, -1.0] {
            let lines = hatch_lines(&square(1.0), 0.1, direction);
            // Diagonal spacing 0.1 in v = x ± y is 0.1/√2 apart perpendicular.
            let expected = 1.0 / (0.1 / 2f64.sqrt());
            let got = length(&lines);
            assert!(
                (got - expected).abs() / expected < 0.08,
                "{got} vs {expected}"
            );
            for [a, b] in &lines {
                for p in [a, b] {
                    assert!((-1e-5..=1.0 + 1e-5).contains(&p[0]), "{p:?}");
                    assert!((-1e-5..=1.0 + 1e-5).contains(&p[1]), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn holes_stay_clear_and_huge_areas_are_not_hatched() {
        let mut rings = square(1.0);
        rings.push(vec![
            [0.25, 0.25],
            [0.75, 0.25],
            [0.75, 0.75],
            [0.25, 0.75],
            [0.25, 0.25],
        ]);
        let with_hole = length(&hatch_lines(&rings, 0.01, 1.0));
        let full = length(&hatch_lines(&square(1.0), 0.01, 1.0));
        assert!(
            (with_hole / full - 0.75).abs() < 0.03,
            "{with_hole} / {full}"
        );
        assert!(hatch_lines(&square(1.0), 1e-6, 1.0).is_empty());
        assert!(hatch_lines(&[], 0.1, 1.0).is_empty());
    }
}

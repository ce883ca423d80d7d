//! Paints the scenario on the map: guarantee areas, demarcation proposals (each in its own
//! colour, hidden ones skipped), geodesic range rings and force symbols, decluttered where many
//! forces stand in one place; and finds what a click hit.
//!
//! Forces that fall within [`CLUSTER_PX`] of each other on screen are grouped: a group of up to
//! [`FAN_MAX`] is fanned out around its centre with leader lines to the true positions, so each
//! symbol stays readable and clickable; a larger group is drawn as one cluster badge with the
//! count and total strength, and a click on it zooms in.

use super::map_view::ScreenFromWorld;
use super::paint::{LabelPlacer, color, halo_text};
use super::symbols::paint_symbol;
use crate::model::Scenario;
use crate::model::scenario::{Force, NationLists};
use crate::scene::geometry::{WorldPoint, world_point};
use crate::scene::symbols::force_symbol;
use crate::scene::{PROPOSAL_COLOURS, ScenarioScene};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Response, Shape, Stroke, Vec2};
use geo::{Destination, Geodesic, Point};
use std::collections::HashSet;

pub use crate::scene::symbols::{SYMBOL_PX, short_strength};
/// How close a click must be to a line to hit it, px.
const LINE_HIT_PX: f32 = 6.0;
/// Forces closer than this on screen are grouped, px.
pub const CLUSTER_PX: f32 = 26.0;
/// The largest group fanned out; bigger groups become one cluster badge.
pub const FAN_MAX: usize = 6;
/// Points on a range ring.
const RING_POINTS: usize = 96;

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t - p).length()
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
    color(
        PROPOSAL_COLOURS
            .get(index % PROPOSAL_COLOURS.len())
            .copied()
            .unwrap_or([0, 0, 0, 255]),
    )
}

/// Geodesic range rings of the forces with `range_km`, in world units; built once per scenario
/// revision, so a frame only transforms them.
#[derive(Debug, Clone, Default)]
pub struct RangeRings {
    /// The scenario revision they were built for.
    pub revision: Option<u64>,
    /// Force id and its ring (closed).
    pub rings: Vec<(String, Vec<WorldPoint>)>,
}

impl RangeRings {
    /// Rebuilds the rings if `revision` is not the one they were built for.
    pub fn update(&mut self, scenario: &Scenario, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.rings = scenario
            .forces()
            .filter_map(|(id, f)| {
                let km = f.range_km.filter(|r| *r > 0.0)?;
                Some((id.to_owned(), geodesic_circle(f.position, km)))
            })
            .collect();
    }
}

/// A geodesic circle of `km` around `centre`, in world units.
pub fn geodesic_circle(centre: Point, km: f64) -> Vec<WorldPoint> {
    // Beyond ~half the Earth's circumference the "circle" wraps; cap it.
    let metres = (km * 1000.0).min(19_000_000.0);
    (0..=RING_POINTS)
        .map(|i| {
            let bearing = 360.0 * i as f64 / RING_POINTS as f64;
            let p = Geodesic.destination(centre, bearing, metres);
            world_point(p.x(), p.y().clamp(-85.0, 85.0))
        })
        .collect()
}

/// Where each force is drawn this frame (after decluttering), for hit tests.
#[derive(Debug, Clone, Default)]
pub struct DrawnForces {
    /// Force id and the rectangle of its symbol.
    pub symbols: Vec<(String, Rect)>,
    /// Cluster badges: where, and the lon/lat extent of their forces.
    pub clusters: Vec<(Rect, [f64; 4])>,
}

impl DrawnForces {
    /// The force whose symbol is at `pos`, if any (the topmost, drawn last).
    pub fn force_at(&self, pos: Pos2) -> Option<&str> {
        self.symbols
            .iter()
            .rev()
            .find(|(_, r)| r.expand(4.0).contains(pos))
            .map(|(id, _)| id.as_str())
    }
}

/// What the layer reports back for one frame.
#[derive(Debug, Clone, Default)]
pub struct LayerOutput {
    /// What a click selected: `Some(Some(id))` for a feature, `Some(None)` for empty map, `None`
    /// if there was no click.
    pub clicked: Option<Option<String>>,
    /// A cluster badge was clicked: zoom to this lon/lat extent.
    pub zoom_to: Option<[f64; 4]>,
    /// Where the forces were drawn.
    pub forces: DrawnForces,
}

/// What to draw and how.
pub struct LayerInput<'a> {
    /// The plan.
    pub scenario: &'a Scenario,
    /// Its lines and areas, prepared.
    pub prepared: &'a ScenarioScene,
    /// Its range rings, prepared.
    pub rings: &'a RangeRings,
    /// Nation lists for the symbol frames.
    pub lists: &'a NationLists,
    /// Selected feature ids.
    pub selected: &'a HashSet<String>,
    /// Features not drawn: proposals switched off, and in presentation mode every feature the
    /// step does not name.
    pub hidden: &'a HashSet<String>,
}

/// A group of forces close together on screen.
struct Group<'a> {
    centre: Pos2,
    members: Vec<(&'a str, &'a Force, Pos2)>,
}

/// Groups forces whose screen positions lie within [`CLUSTER_PX`] of a group's first member.
fn group_forces<'a>(items: Vec<(&'a str, &'a Force, Pos2)>) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (id, force, at) in items {
        match groups
            .iter_mut()
            .find(|g| (g.centre - at).length() < CLUSTER_PX)
        {
            Some(group) => group.members.push((id, force, at)),
            None => groups.push(Group {
                centre: at,
                members: vec![(id, force, at)],
            }),
        }
    }
    for group in &mut groups {
        let n = group.members.len() as f32;
        let sum = group
            .members
            .iter()
            .fold(Vec2::ZERO, |acc, (_, _, p)| acc + p.to_vec2());
        group.centre = (sum / n).to_pos2();
    }
    groups
}

/// Where the `i`th of `n` fanned-out symbols goes around `centre`.
fn fan_position(centre: Pos2, i: usize, n: usize) -> Pos2 {
    let radius = SYMBOL_PX * (1.0 + 0.25 * n as f32);
    let angle = std::f32::consts::TAU * i as f32 / n as f32 - std::f32::consts::FRAC_PI_2;
    centre + Vec2::angled(angle) * radius
}

/// Paints the scenario and reports clicks and where forces were drawn.
pub fn paint(
    painter: &Painter,
    response: &Response,
    input: &LayerInput<'_>,
    t: &ScreenFromWorld,
    placer: &mut LabelPlacer,
) -> LayerOutput {
    let click = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten();
    let mut hit: Option<(f32, String)> = None;
    let mut consider = |d: f32, id: &str| {
        if hit.as_ref().is_none_or(|(best, _)| d < *best) {
            hit = Some((d, id.to_owned()));
        }
    };
    let is_selected = |id: &str| input.selected.contains(id);

    for (id, area) in &input.prepared.areas {
        if input.hidden.contains(id) {
            continue;
        }
        let level = area.level(t.zoom);
        let stroke = Stroke::new(
            if is_selected(id) { 3.0 } else { 1.8 },
            Color32::from_rgb(20, 110, 160),
        );
        for ring in &level.rings {
            let pts: Vec<Pos2> = ring.iter().map(|p| t.screen(*p)).collect();
            if let Some(d) = click.and_then(|c| line_hit(c, &pts)) {
                consider(d, id);
            }
            painter.add(Shape::dashed_line(&pts, stroke, 8.0, 5.0));
        }
    }

    for (index, (id, line)) in input.prepared.lines.iter().enumerate() {
        if input.hidden.contains(id) {
            continue;
        }
        let colour = proposal_colour(index);
        let pts: Vec<Pos2> = line.level(t.zoom).iter().map(|p| t.screen(*p)).collect();
        if let Some(d) = click.and_then(|c| line_hit(c, &pts)) {
            consider(d, id);
        }
        let width = if is_selected(id) { 5.0 } else { 3.5 };
        painter.add(Shape::line(
            pts.clone(),
            Stroke::new(width + 3.0, Color32::WHITE),
        ));
        if let Some(last) = pts.last().copied() {
            painter.add(Shape::line(pts, Stroke::new(width, colour)));
            let name = input
                .scenario
                .feature(id)
                .map_or(id.as_str(), |f| f.label());
            let rect = halo_text(
                painter,
                last + Vec2::new(6.0, 0.0),
                Align2::LEFT_CENTER,
                name,
                FontId::proportional(13.0),
                colour,
            );
            placer.try_place(rect);
        }
    }

    // Range rings under the symbols: faint, the selected force's strong.
    for (id, ring) in &input.rings.rings {
        if input.hidden.contains(id) {
            continue;
        }
        let pts: Vec<Pos2> = ring.iter().map(|p| t.screen(*p)).collect();
        let selected = is_selected(id);
        let stroke = if selected {
            Stroke::new(2.0, Color32::from_rgb(230, 140, 0))
        } else {
            Stroke::new(1.0, Color32::from_rgba_unmultiplied(40, 60, 120, 110))
        };
        painter.add(Shape::dashed_line(
            &pts,
            stroke,
            if selected { 10.0 } else { 6.0 },
            4.0,
        ));
    }

    let visible = t.clip.expand(SYMBOL_PX * 2.0);
    let items: Vec<(&str, &Force, Pos2)> = input
        .scenario
        .forces()
        .filter(|(id, _)| !input.hidden.contains(*id))
        .map(|(id, f)| {
            let at = t.screen(world_point(f.position.x(), f.position.y()));
            (id, f, at)
        })
        .filter(|(_, _, at)| visible.contains(*at))
        .collect();
    let mut out = LayerOutput::default();
    for group in group_forces(items) {
        let n = group.members.len();
        if n > FAN_MAX {
            let badge = paint_cluster(painter, &group);
            placer.try_place(badge);
            let mut extent = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for (_, f, _) in &group.members {
                extent = [
                    extent[0].min(f.position.x()),
                    extent[1].min(f.position.y()),
                    extent[2].max(f.position.x()),
                    extent[3].max(f.position.y()),
                ];
            }
            if click.is_some_and(|c| badge.contains(c)) {
                out.zoom_to = Some(extent);
                consider(0.0, "");
            }
            out.forces.clusters.push((badge, extent));
            continue;
        }
        for (i, (id, force, true_at)) in group.members.iter().enumerate() {
            let at = if n == 1 {
                *true_at
            } else {
                let at = fan_position(group.centre, i, n);
                painter.line_segment([*true_at, at], Stroke::new(1.0, Color32::from_gray(60)));
                painter.circle_filled(*true_at, 2.5, Color32::from_gray(30));
                at
            };
            let bounds = paint_force(painter, at, force, input.lists, is_selected(id), placer);
            if click.is_some_and(|c| bounds.expand(4.0).contains(c)) {
                consider(0.0, id);
            }
            out.forces.symbols.push(((*id).to_owned(), bounds));
        }
    }

    out.clicked = click.map(|_| hit.map(|(_, id)| id).filter(|id| !id.is_empty()));
    if out.zoom_to.is_some() {
        out.clicked = None;
    }
    out
}

/// Paints one force's symbol with its nation and strength labels; returns the symbol's rectangle.
pub fn paint_force(
    painter: &Painter,
    at: Pos2,
    force: &Force,
    lists: &NationLists,
    selected: bool,
    placer: &mut LabelPlacer,
) -> Rect {
    let symbol = force_symbol(force, lists);
    let bounds = paint_symbol(painter, at, SYMBOL_PX, &symbol, selected);
    let font = FontId::proportional(crate::scene::symbols::AMPLIFIER_TEXT_PX);
    let nation = halo_text(
        painter,
        bounds.left_center() - Vec2::new(3.0, 0.0),
        Align2::RIGHT_CENTER,
        &force.nation,
        font.clone(),
        Color32::BLACK,
    );
    let strength = halo_text(
        painter,
        bounds.right_center() + Vec2::new(3.0, 0.0),
        Align2::LEFT_CENTER,
        &short_strength(force.strength),
        font,
        Color32::from_gray(40),
    );
    placer.try_place(bounds.expand(2.0));
    placer.try_place(nation);
    placer.try_place(strength);
    bounds
}

/// A badge for a large group: a circle with the count and the total strength.
fn paint_cluster(painter: &Painter, group: &Group<'_>) -> Rect {
    let n = group.members.len();
    let radius = 14.0 + (n as f32).sqrt() * 2.0;
    painter.circle(
        group.centre,
        radius,
        Color32::from_rgb(128, 224, 255),
        Stroke::new(1.5, Color32::BLACK),
    );
    painter.text(
        group.centre,
        Align2::CENTER_CENTER,
        n.to_string(),
        FontId::proportional(14.0),
        Color32::BLACK,
    );
    let total: u64 = group
        .members
        .iter()
        .fold(0, |sum, (_, f, _)| sum.saturating_add(f.strength));
    halo_text(
        painter,
        group.centre + Vec2::new(radius + 3.0, 0.0),
        Align2::LEFT_CENTER,
        &format!("{} forces · {}", n, short_strength(total)),
        FontId::proportional(11.0),
        Color32::from_gray(30),
    );
    Rect::from_center_size(group.centre, Vec2::splat(radius * 2.0))
}

/// A rectangle around a screen point, for hit tests.
pub fn hit_rect(at: Pos2, px: f32) -> Rect {
    Rect::from_center_size(at, Vec2::splat(px))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{Component, Role};

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
        // A 500 km ring around Warsaw: every point 500 km away on the ellipsoid.
        let warsaw = Point::new(21.01, 52.23);
        let ring = geodesic_circle(warsaw, 500.0);
        assert_eq!(ring.len(), RING_POINTS + 1);
        for p in ring.iter().step_by(8) {
            let [lon, lat] =
                crate::scene::geometry::lonlat_from_world([f64::from(p[0]), f64::from(p[1])]);
            let d = crate::spatial::measure::distance_km(warsaw, Point::new(lon, lat));
            assert!((d - 500.0).abs() < 1.0, "{d} km");
        }
    }

    fn force() -> Force {
        Force {
            name: None,
            nation: "PL".into(),
            component: Component::Land,
            role: Role::Reassurance,
            strength: 1000,
            readiness_days: 1.0,
            echelon: None,
            range_km: None,
            position: Point::new(30.0, 50.0),
            sidc: None,
        }
    }

    #[test]
    fn close_forces_group_and_far_ones_do_not() {
        let f = force();
        let items = vec![
            ("a", &f, Pos2::new(100.0, 100.0)),
            ("b", &f, Pos2::new(110.0, 104.0)),
            ("c", &f, Pos2::new(300.0, 100.0)),
            ("d", &f, Pos2::new(95.0, 98.0)),
        ];
        let groups = group_forces(items);
        let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
        assert_eq!(sizes, [3, 1]);
        // Fanned-out symbols do not overlap each other.
        let n = 6;
        let spots: Vec<Pos2> = (0..n).map(|i| fan_position(Pos2::ZERO, i, n)).collect();
        for (i, a) in spots.iter().enumerate() {
            for b in spots.iter().skip(i + 1) {
                assert!((*a - *b).length() > SYMBOL_PX * 1.3);
            }
        }
    }
}

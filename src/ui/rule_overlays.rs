//! The rule checks on the map: the area each proposal moves to Russian control (hatched red) and
//! to Ukrainian control (hatched green), the stretches of a line no monitor covers, a line from
//! each reassurance force that stands too close to the nearest point of the line, the cities
//! outside air cover, the fortress-belt cities marked by their signed depth, and the extent of
//! the finding last clicked.
//!
//! The geometry comes from the engine's [`Report`] and is prepared once per report
//! ([`PreparedOverlays::new`]): projected to world units, triangulated (through
//! [`PreparedArea`]) and, per zoom level, hatched. A frame only transforms and paints.

use super::map_view::{ScreenFromWorld, world_px};
use super::paint::{KEY_ROW, LabelPlacer, paint_key_box};
use crate::rules::Report;
use crate::rules::overlays::{BeltMark, BeltStatus};
use crate::scene::geometry::{
    PreparedArea, PreparedLine, WorldPoint, world_from_lonlat, world_point,
};
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};
use geo::{MultiPolygon, Point};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Hatch spacing at the start of a zoom level, px (it grows to twice that within the level).
const HATCH_PX: f64 = 8.0;
/// More scan lines than this for one area at one zoom are not hatched (the fill still shows).
const MAX_SCANLINES: f64 = 6000.0;

/// Red of the ceded area.
pub const CEDED: Color32 = Color32::from_rgb(196, 28, 36);
/// Green of the gained area.
pub const GAINED: Color32 = Color32::from_rgb(24, 140, 60);
/// Orange of the unmonitored stretches.
pub const UNMONITORED: Color32 = Color32::from_rgb(255, 140, 0);
/// Amber of an exposed belt city.
pub const AMBER: Color32 = Color32::from_rgb(235, 160, 0);

/// Which rule overlays the map shows (Rules menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverlayToggles {
    /// Ceded and gained areas.
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
        Self {
            areas: true,
            belt: true,
            standoff: true,
            unmonitored: true,
            air_cover: true,
            placement: true,
        }
    }
}

impl OverlayToggles {
    /// Checkboxes for the Rules menu.
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.checkbox(&mut self.areas, "Ceded and gained areas");
        ui.checkbox(&mut self.belt, "Fortress-belt depths");
        ui.checkbox(&mut self.standoff, "Standoff distances");
        ui.checkbox(&mut self.unmonitored, "Unmonitored stretches");
        ui.checkbox(&mut self.air_cover, "Cities outside air cover");
        ui.checkbox(&mut self.placement, "Misplaced forces");
    }
}

/// An area in world units (f64) with its hatch lines, made per zoom level on first use.
#[derive(Debug, Clone)]
struct HatchedArea {
    prepared: PreparedArea,
    rings: Vec<Vec<[f64; 2]>>,
    /// +1: lines rising to the right; −1: falling.
    direction: f64,
    hatches: HashMap<i32, Vec<[WorldPoint; 2]>>,
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
            hatches: HashMap::new(),
        })
    }

    fn hatch(&mut self, zoom: f64) -> &[[WorldPoint; 2]] {
        // Whole levels; zoom is within 3..=16, so the cast is exact.
        let level = zoom.floor() as i32;
        let spacing = HATCH_PX / world_px(f64::from(level));
        let (rings, direction) = (&self.rings, self.direction);
        self.hatches
            .entry(level)
            .or_insert_with(|| hatch_lines(rings, spacing, direction))
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

/// One demarcation's overlays.
#[derive(Debug, Clone)]
struct LineOverlay {
    id: String,
    ceded: Option<HatchedArea>,
    gained: Option<HatchedArea>,
    unmonitored: Vec<PreparedLine>,
    furthest: Option<(WorldPoint, f64)>,
}

/// A reassurance force too close to the line, in world units.
#[derive(Debug, Clone, PartialEq)]
struct Standoff {
    from: WorldPoint,
    to: WorldPoint,
    label: String,
}

/// The overlay geometry of one report, prepared for the map.
#[derive(Debug, Clone, Default)]
pub struct PreparedOverlays {
    lines: Vec<LineOverlay>,
    standoff: Vec<Standoff>,
    uncovered: Vec<(String, WorldPoint)>,
    misplaced: Vec<(String, WorldPoint)>,
}

fn world_of(p: Point) -> WorldPoint {
    world_point(p.x(), p.y())
}

impl PreparedOverlays {
    /// Projects and triangulates what `report` found.
    pub fn new(report: &Report) -> Self {
        let front = report.front_monitoring.as_ref().map(|m| LineOverlay {
            // Today's front line as the line of control: no proposal id, never hidden.
            id: String::new(),
            ceded: None,
            gained: None,
            unmonitored: m
                .unmonitored
                .iter()
                .filter(|l| l.0.len() >= 2)
                .map(PreparedLine::new)
                .collect(),
            furthest: None,
        });
        let lines = report
            .demarcations
            .iter()
            .filter(|d| d.valid)
            .map(|d| LineOverlay {
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
            .chain(front)
            .collect();
        let standoff = report
            .standoff
            .iter()
            .map(|s| Standoff {
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
        let misplaced = report
            .misplaced
            .iter()
            .map(|m| (format!("cannot stand {}", m.reason), world_of(m.position)))
            .collect();
        Self {
            lines,
            standoff,
            uncovered,
            misplaced,
        }
    }

    /// Paints what lies under the scenario's lines and symbols: the ceded and gained areas and
    /// the unmonitored stretches. `hidden`: proposals switched off in the Proposals panel.
    pub fn paint_under(
        &mut self,
        painter: &Painter,
        t: &ScreenFromWorld,
        show: OverlayToggles,
        hidden: &dyn Fn(&str) -> bool,
    ) {
        let visible = t.visible_world();
        for line in self.lines.iter_mut().filter(|l| !hidden(&l.id)) {
            if show.areas {
                for (area, colour) in [(&mut line.ceded, CEDED), (&mut line.gained, GAINED)] {
                    let Some(area) = area else { continue };
                    if !area.prepared.bounds.intersects(&visible) {
                        continue;
                    }
                    paint_hatched(painter, t, area, colour);
                }
            }
            if show.unmonitored {
                // Wide enough to show on both sides of the proposal's line and its halo.
                let stroke = Stroke::new(20.0, UNMONITORED.gamma_multiply(0.7));
                for stretch in &line.unmonitored {
                    if let Some(shape) = super::paint::line_shape(stretch, t, stroke) {
                        painter.add(shape);
                    }
                }
            }
        }
    }

    /// Paints what goes over the scenario: standoff lines, cities outside air cover, the belt
    /// cities and the furthest advance of each proposal. Labels avoid those placed before.
    pub fn paint_over(
        &self,
        painter: &Painter,
        t: &ScreenFromWorld,
        show: OverlayToggles,
        belt: &[BeltMark],
        hidden: &dyn Fn(&str) -> bool,
        placer: &mut LabelPlacer,
    ) {
        if show.areas {
            for line in self.lines.iter().filter(|l| !hidden(&l.id)) {
                let Some((at, km)) = line.furthest else {
                    continue;
                };
                let at = t.screen(at);
                if !t.clip.contains(at) {
                    continue;
                }
                painter.add(Shape::convex_polygon(
                    vec![
                        at + Vec2::new(0.0, -7.0),
                        at + Vec2::new(6.0, 4.0),
                        at + Vec2::new(-6.0, 4.0),
                    ],
                    CEDED,
                    Stroke::new(1.2, Color32::WHITE),
                ));
                boxed_label(
                    painter,
                    at + Vec2::new(-8.0, 4.0),
                    Align2::RIGHT_TOP,
                    &format!("furthest advance {km:.1} km"),
                    CEDED,
                    placer,
                );
            }
        }
        if show.standoff {
            for s in &self.standoff {
                let (a, b) = (t.screen(s.from), t.screen(s.to));
                if !t.clip.intersects(Rect::from_two_pos(a, b)) {
                    continue;
                }
                painter.add(Shape::dashed_line(
                    &[a, b],
                    Stroke::new(2.2, CEDED),
                    7.0,
                    4.0,
                ));
                painter.circle(b, 3.5, Color32::WHITE, Stroke::new(1.8, CEDED));
                let mid = a + (b - a) * 0.5;
                boxed_label(
                    painter,
                    mid + Vec2::new(6.0, 0.0),
                    Align2::LEFT_CENTER,
                    &s.label,
                    CEDED,
                    placer,
                );
            }
        }
        if show.air_cover {
            for (name, at) in &self.uncovered {
                let at = t.screen(*at);
                if !t.clip.contains(at) {
                    continue;
                }
                painter.circle_stroke(at, 11.0, Stroke::new(2.0, Color32::from_rgb(150, 0, 150)));
                painter.circle_stroke(at, 15.0, Stroke::new(1.0, Color32::from_rgb(150, 0, 150)));
                boxed_label(
                    painter,
                    at + Vec2::new(0.0, 17.0),
                    Align2::CENTER_TOP,
                    &format!("{name}: no air cover"),
                    Color32::from_rgb(120, 0, 120),
                    placer,
                );
            }
        }
        if show.placement {
            for (label, at) in &self.misplaced {
                let at = t.screen(*at);
                if !t.clip.contains(at) {
                    continue;
                }
                let d = 9.0;
                for (a, b) in [
                    (Vec2::new(-d, -d), Vec2::new(d, d)),
                    (Vec2::new(-d, d), Vec2::new(d, -d)),
                ] {
                    painter.line_segment([at + a, at + b], Stroke::new(5.0, Color32::WHITE));
                    painter.line_segment([at + a, at + b], Stroke::new(3.0, CEDED));
                }
                boxed_label(
                    painter,
                    at + Vec2::new(0.0, 12.0),
                    Align2::CENTER_TOP,
                    label,
                    CEDED,
                    placer,
                );
            }
        }
        if show.belt {
            paint_belt(painter, t, belt, placer);
        }
    }
}

/// The belt cities: a dot coloured by status and the signed depth. Zoomed out the four cities
/// sit within a few pixels, so their labels stack in a column beside the belt instead.
fn paint_belt(painter: &Painter, t: &ScreenFromWorld, belt: &[BeltMark], placer: &mut LabelPlacer) {
    let spots: Vec<Pos2> = belt
        .iter()
        .map(|m| t.screen(world_of(m.position)))
        .collect();
    let crowded = spots
        .windows(2)
        .any(|w| (w[0].y - w[1].y).abs() < 22.0 && (w[0].x - w[1].x).abs() < 160.0);
    // The column goes right of the belt (into the occupied side, where fewer names crowd), or
    // below it when the map's right edge is too close.
    let (min_x, max_x) = spots
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), p| {
            (a.min(p.x), b.max(p.x))
        });
    let max_y = spots.iter().fold(f32::NEG_INFINITY, |y, p| y.max(p.y));
    let centre_y = spots.iter().map(|p| p.y).sum::<f32>() / spots.len().max(1) as f32;
    let row = 22.0;
    let right = max_x + 230.0 < t.clip.right();
    let first_row = if right {
        Pos2::new(
            max_x + 70.0,
            centre_y - row * (spots.len() as f32 - 1.0) / 2.0,
        )
    } else {
        Pos2::new(
            ((min_x + max_x) / 2.0 - 60.0).min(t.clip.right() - 175.0),
            max_y + 40.0,
        )
    };
    for (i, (mark, at)) in belt.iter().zip(&spots).enumerate() {
        if !t.clip.expand(100.0).contains(*at) {
            continue;
        }
        let colour = belt_colour(mark.status);
        let text = format!("{} {:+.1} km", mark.city, mark.depth_km);
        let (anchor, align) = if crowded {
            let label_at = first_row + Vec2::new(0.0, row * i as f32);
            painter.line_segment([*at, label_at], Stroke::new(1.2, Color32::from_gray(60)));
            (label_at, Align2::LEFT_CENTER)
        } else {
            (*at + Vec2::new(10.0, 0.0), Align2::LEFT_CENTER)
        };
        painter.circle(*at, 6.5, colour, Stroke::new(1.8, Color32::WHITE));
        painter.circle_stroke(*at, 7.5, Stroke::new(1.0, Color32::from_gray(40)));
        boxed_label(painter, anchor, align, &text, darker(colour), placer);
    }
}

impl PreparedOverlays {
    /// Paints a key to the overlays shown, at the top right of the map.
    pub fn paint_legend(&self, painter: &Painter, clip: Rect, show: OverlayToggles, belt: bool) {
        #[derive(Clone, Copy)]
        enum Key {
            Hatch(Color32),
            Band(Color32),
            Dashed(Color32),
            Dot(Color32),
            Ring(Color32),
        }
        let any_area = self.lines.iter().any(|l| l.ceded.is_some());
        let any_gain = self.lines.iter().any(|l| l.gained.is_some());
        let any_gap = self.lines.iter().any(|l| !l.unmonitored.is_empty());
        let mut entries: Vec<(Key, &str)> = Vec::new();
        if show.areas && any_area {
            entries.push((Key::Hatch(CEDED), "Moved to Russian control"));
        }
        if show.areas && any_gain {
            entries.push((Key::Hatch(GAINED), "Moved to Ukrainian control"));
        }
        if show.unmonitored && any_gap {
            entries.push((Key::Band(UNMONITORED), "No monitor covers"));
        }
        if show.standoff && !self.standoff.is_empty() {
            entries.push((Key::Dashed(CEDED), "Too close to the line"));
        }
        if show.placement && !self.misplaced.is_empty() {
            entries.push((Key::Dashed(CEDED), "Force cannot stand there"));
        }
        if show.air_cover && !self.uncovered.is_empty() {
            entries.push((Key::Ring(Color32::from_rgb(150, 0, 150)), "No air cover"));
        }
        if show.belt && belt {
            entries.push((Key::Dot(GAINED), "Belt city held"));
            entries.push((Key::Dot(AMBER), "Belt city exposed"));
            entries.push((Key::Dot(CEDED), "Belt city lost"));
        }
        if entries.is_empty() {
            return;
        }
        let size = Vec2::new(200.0, KEY_ROW * entries.len() as f32 + 10.0);
        let back = Rect::from_min_size(
            Pos2::new(clip.right() - size.x - 10.0, clip.top() + 10.0),
            size,
        );
        paint_key_box(
            painter,
            back,
            back.top() + 5.0,
            &entries,
            |swatch, key| match *key {
                Key::Hatch(c) => {
                    painter.rect_filled(swatch, 1.0, c.gamma_multiply(0.22));
                    for k in 0..4 {
                        let x = swatch.left() + 6.0 * k as f32;
                        painter.line_segment(
                            [
                                Pos2::new(x, swatch.bottom()),
                                Pos2::new(x + 8.0, swatch.top()),
                            ],
                            Stroke::new(1.2, c.gamma_multiply(0.8)),
                        );
                    }
                    painter.rect_stroke(swatch, 1.0, Stroke::new(1.2, c), egui::StrokeKind::Inside);
                }
                Key::Band(c) => {
                    painter.line_segment(
                        [swatch.left_center(), swatch.right_center()],
                        Stroke::new(8.0, c.gamma_multiply(0.75)),
                    );
                }
                Key::Dashed(c) => {
                    painter.add(Shape::dashed_line(
                        &[swatch.left_center(), swatch.right_center()],
                        Stroke::new(2.2, c),
                        5.0,
                        3.0,
                    ));
                }
                Key::Dot(c) => {
                    painter.circle(swatch.center(), 5.5, c, Stroke::new(1.5, Color32::WHITE));
                }
                Key::Ring(c) => {
                    painter.circle_stroke(swatch.center(), 5.5, Stroke::new(2.0, c));
                }
            },
        );
    }
}

/// Draws `text` in a small white box edged in `colour`, so it reads over symbols and names.
fn boxed_label(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    colour: Color32,
    placer: &mut LabelPlacer,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(12.5), colour);
    let padding = Vec2::new(4.0, 2.0);
    let rect = anchor.anchor_size(pos, galley.size() + padding * 2.0);
    painter.rect(
        rect,
        3.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 235),
        Stroke::new(1.0, colour.gamma_multiply(0.8)),
        egui::StrokeKind::Inside,
    );
    painter.galley(rect.min + padding, galley, colour);
    placer.try_place(rect);
    rect
}

/// The colour of a belt city's status.
pub fn belt_colour(status: BeltStatus) -> Color32 {
    match status {
        BeltStatus::Held => GAINED,
        BeltStatus::Exposed => AMBER,
        BeltStatus::Lost => CEDED,
    }
}

fn darker(c: Color32) -> Color32 {
    Color32::from_rgb(
        (f32::from(c.r()) * 0.7) as u8,
        (f32::from(c.g()) * 0.7) as u8,
        (f32::from(c.b()) * 0.7) as u8,
    )
}

/// Fills an area translucently, hatches it and outlines it.
fn paint_hatched(painter: &Painter, t: &ScreenFromWorld, area: &mut HatchedArea, colour: Color32) {
    let level = area.prepared.level(t.zoom);
    let mut mesh = Mesh::default();
    let fill = colour.gamma_multiply(0.22);
    mesh.vertices.extend(level.vertices.iter().map(|p| Vertex {
        pos: t.screen(*p),
        uv: WHITE_UV,
        color: fill,
    }));
    mesh.indices.extend(level.indices.iter().copied());
    let outline: Vec<Vec<Pos2>> = level
        .rings
        .iter()
        .map(|ring| ring.iter().map(|p| t.screen(*p)).collect())
        .collect();
    painter.add(Shape::mesh(mesh));
    let hatch_stroke = Stroke::new(1.3, colour.gamma_multiply(0.8));
    let clip = t.clip;
    let shapes: Vec<Shape> = area
        .hatch(t.zoom)
        .iter()
        .filter_map(|[a, b]| {
            let (a, b) = (t.screen(*a), t.screen(*b));
            clip.intersects(Rect::from_two_pos(a, b))
                .then(|| Shape::line_segment([a, b], hatch_stroke))
        })
        .collect();
    painter.extend(shapes);
    for ring in outline {
        painter.add(Shape::line(ring, Stroke::new(1.6, colour)));
    }
}

/// Paints a dashed box around the lon/lat `extent` of the finding last clicked.
pub fn paint_focus(painter: &Painter, t: &ScreenFromWorld, extent: [f64; 4]) {
    let a = t.screen(world_point(extent[0], extent[3]));
    let b = t.screen(world_point(extent[2], extent[1]));
    let rect = Rect::from_two_pos(a, b).expand(4.0);
    let stroke = Stroke::new(2.5, Color32::from_rgb(250, 190, 0));
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.add(Shape::dashed_line(&corners, stroke, 10.0, 6.0));
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

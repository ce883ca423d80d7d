//! An area with an R-tree of its edges, for point-in-area tests in logarithmic time.
//!
//! geo's `Contains` walks every edge of every ring: about 10 µs for Ukraine's ~3,000 vertices,
//! and a check asks it hundreds of times (each region a proposal moves, each force, each belt
//! city). Here a horizontal ray from the point only meets the edges the R-tree returns for it,
//! and each crossing is decided with geo's robust orientation predicate, so the answer is the
//! same as `Contains`: inside the interior is true, on an edge or outside is false.

use geo::kernels::{Kernel, Orientation};
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{
    Coord, GeoNum, Intersects, Line, LineString, MultiLineString, MultiPolygon, Point, Polygon,
    Rect,
};
use rstar::{AABB, RTree, primitives::GeomWithData};

/// The edges of an area (every ring of every polygon), indexed.
#[derive(Debug, Clone)]
pub struct AreaIndex {
    /// Each edge with its number: edges are numbered in the order of `area.iter()`, each
    /// polygon's exterior then its holes, each ring's `lines()`.
    edges: RTree<GeomWithData<Line, usize>>,
    /// The largest longitude of any vertex: where a ray to the east can stop.
    max_x: f64,
}

impl AreaIndex {
    /// Indexes the edges of `area`.
    pub fn new(area: &MultiPolygon) -> Self {
        let edges: Vec<GeomWithData<Line, usize>> = area
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.lines())
            .enumerate()
            .map(|(number, l)| GeomWithData::new(l, number))
            .collect();
        let max_x = edges
            .iter()
            .map(|e| e.geom().start.x.max(e.geom().end.x))
            .fold(f64::NEG_INFINITY, f64::max);
        Self {
            edges: RTree::bulk_load(edges),
            max_x,
        }
    }

    /// The indexed edges.
    pub fn edges(&self) -> &RTree<GeomWithData<Line, usize>> {
        &self.edges
    }

    /// Whether `p` lies in the area's interior (as geo's `Contains`: false on an edge).
    pub fn contains(&self, p: Point) -> bool {
        let p = p.0;
        if !(p.x.is_finite() && p.y.is_finite()) || p.x > self.max_x {
            return false;
        }
        // Even-odd count of the edges a ray from `p` to the east crosses; an edge counts when
        // it spans the ray's latitude half-open (lower end included), so a ray through a vertex
        // counts the two edges meeting there once together. An edge through `p` itself (whose
        // box holds `p`, so the ray's box meets it) puts `p` on the boundary: outside.
        let ray = AABB::from_corners(Point::from(p), Point::new(self.max_x, p.y));
        let mut crossings = 0usize;
        for edge in self.edges.locate_in_envelope_intersecting(&ray) {
            let e = *edge.geom();
            if e.intersects(&p) {
                return false;
            }
            if crosses_east(e, p) {
                crossings += 1;
            }
        }
        crossings % 2 == 1
    }
}

impl AreaIndex {
    /// The stretches of `line` inside the area, in the line's order (as geo's `clip` of the
    /// line by the area). Each segment is cut where the R-tree's nearby edges meet it; between
    /// two such points a stretch is wholly inside or outside, so one point-in-area test per
    /// stretch decides it, never one per vertex. Stretches along an edge count as outside.
    pub fn clip_line(&self, line: &LineString) -> MultiLineString {
        let mut stretches = Vec::new();
        let mut current: Vec<Coord> = Vec::new();
        // Inside or not since the last point where the line met an edge; `None`: to be tested.
        let mut state: Option<bool> = None;
        for segment in line.lines() {
            let (a, b) = (segment.start, segment.end);
            let d = b - a;
            let length2 = d.x * d.x + d.y * d.y;
            if !(length2 > 0.0 && length2.is_finite()) {
                continue;
            }
            let along = |p: Coord| (((p - a).x * d.x + (p - a).y * d.y) / length2).clamp(0.0, 1.0);
            let mut cuts: Vec<f64> = Vec::new();
            let envelope = AABB::from_corners(Point::from(a), Point::from(b));
            for edge in self.edges.locate_in_envelope_intersecting(&envelope) {
                match line_intersection(segment, *edge.geom()) {
                    Some(LineIntersection::SinglePoint { intersection, .. }) => {
                        cuts.push(along(intersection));
                    }
                    Some(LineIntersection::Collinear { intersection }) => {
                        cuts.push(along(intersection.start));
                        cuts.push(along(intersection.end));
                    }
                    None => {}
                }
            }
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
            let at = |t: f64| -> Coord {
                if t <= 0.0 {
                    a
                } else if t >= 1.0 {
                    b
                } else {
                    a + d * t
                }
            };
            let mut bounds = vec![0.0];
            bounds.extend(cuts.iter().copied().filter(|t| *t > 0.0 && *t < 1.0));
            bounds.push(1.0);
            for w in bounds.windows(2) {
                let [t0, t1] = [w[0], w[1]];
                if cuts.contains(&t0) {
                    state = None;
                }
                let (p0, p1) = (at(t0), at(t1));
                let inside =
                    *state.get_or_insert_with(|| self.contains(Point::from(at(0.5 * (t0 + t1)))));
                if inside {
                    if current.last() != Some(&p0) {
                        if current.len() > 1 {
                            stretches.push(LineString::new(std::mem::take(&mut current)));
                        }
                        current.clear();
                        current.push(p0);
                    }
                    current.push(p1);
                } else if !current.is_empty() {
                    if current.len() > 1 {
                        stretches.push(LineString::new(std::mem::take(&mut current)));
                    }
                    current.clear();
                }
            }
            if cuts.contains(&1.0) {
                state = None;
            }
        }
        if current.len() > 1 {
            stretches.push(LineString::new(current));
        }
        MultiLineString::new(stretches)
    }
}

/// Whether the ray from `p` eastwards crosses `edge` (half-open in latitude).
fn crosses_east(edge: Line, p: Coord) -> bool {
    let (a, b) = (edge.start, edge.end);
    if (a.y <= p.y) == (b.y <= p.y) {
        return false;
    }
    let orientation = <f64 as GeoNum>::Ker::orient2d(a, b, p);
    if a.y < b.y {
        // Upward: the edge is east of `p` when `p` lies to its left.
        orientation == Orientation::CounterClockwise
    } else {
        orientation == Orientation::Clockwise
    }
}

/// The part of `area` inside the rectangle `window`, by Sutherland–Hodgman clipping of each
/// ring: linear in the number of vertices, where a boolean intersection with the whole area
/// sorts and splits all of its edges. Where a ring leaves and re-enters the window the result
/// has zero-width edges along the window's boundary; anything strictly inside the window
/// intersects it exactly as it intersects `area`, which is what it is for: clip the area to a
/// window around a small region first, then intersect the region with that.
pub fn clip_to_rect(area: &MultiPolygon, window: Rect) -> MultiPolygon {
    let (min, max) = (window.min(), window.max());
    let clip_ring = |ring: &LineString| -> Option<LineString> {
        let mut points: Vec<Coord> = ring.0.clone();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        // Each edge of the window: which side is inside, and where an edge crosses it.
        for side in 0..4 {
            let inside = |c: &Coord| match side {
                0 => c.x >= min.x,
                1 => c.x <= max.x,
                2 => c.y >= min.y,
                _ => c.y <= max.y,
            };
            let cross = |a: Coord, b: Coord| -> Coord {
                let (t, fixed_x, value) = match side {
                    0 => ((min.x - a.x) / (b.x - a.x), true, min.x),
                    1 => ((max.x - a.x) / (b.x - a.x), true, max.x),
                    2 => ((min.y - a.y) / (b.y - a.y), false, min.y),
                    _ => ((max.y - a.y) / (b.y - a.y), false, max.y),
                };
                if fixed_x {
                    Coord {
                        x: value,
                        y: a.y + (b.y - a.y) * t,
                    }
                } else {
                    Coord {
                        x: a.x + (b.x - a.x) * t,
                        y: value,
                    }
                }
            };
            let &last = points.last()?;
            let mut out = Vec::with_capacity(points.len() + 4);
            let mut previous = last;
            for &current in &points {
                match (inside(&previous), inside(&current)) {
                    (true, true) => out.push(current),
                    (true, false) => out.push(cross(previous, current)),
                    (false, true) => {
                        out.push(cross(previous, current));
                        out.push(current);
                    }
                    (false, false) => {}
                }
                previous = current;
            }
            points = out;
        }
        (points.len() >= 3).then(|| LineString::from(points))
    };
    MultiPolygon::new(
        area.iter()
            .filter_map(|polygon| {
                let exterior = clip_ring(polygon.exterior())?;
                let interiors = polygon.interiors().iter().filter_map(clip_ring).collect();
                Some(Polygon::new(exterior, interiors))
            })
            .collect(),
    )
}

/// A point strictly inside `polygon` (holes excluded), or `None` if it has no area: the middle
/// of the widest stretch of the horizontal line through the middle of its extent that lies
/// inside (geo's `InteriorPoint` does more, and confirms its point with a full `Relate`).
pub fn interior_point(polygon: &Polygon) -> Option<Point> {
    let exterior = &polygon.exterior().0;
    let (low, high) = exterior
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), c| {
            (l.min(c.y), h.max(c.y))
        });
    // Also refuses NaN extents.
    if high.partial_cmp(&low) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    // The middle of the extent, moved off any vertex's latitude so no crossing is ambiguous.
    let mut y = 0.5 * (low + high);
    let rings = || std::iter::once(polygon.exterior()).chain(polygon.interiors());
    for _ in 0..8 {
        if !rings().flat_map(|r| r.0.iter()).any(|c| c.y == y) {
            break;
        }
        y = 0.5 * (y + high);
    }
    let mut crossings: Vec<f64> = rings()
        .flat_map(|r| r.lines())
        .filter(|l| (l.start.y < y) != (l.end.y < y))
        .map(|l| l.start.x + (y - l.start.y) * (l.end.x - l.start.x) / (l.end.y - l.start.y))
        .collect();
    crossings.sort_by(f64::total_cmp);
    crossings
        .chunks_exact(2)
        .filter_map(|pair| match pair {
            [a, b] if b > a => Some((b - a, 0.5 * (a + b))),
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, x)| Point::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, BooleanOps, Centroid, Contains, polygon};

    #[test]
    fn agrees_with_geo_on_a_grid_over_ukraine_and_on_edges_and_vertices() {
        let map = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = map.ukraine().expect("Ukraine").geometry.clone();
        let index = AreaIndex::new(&ukraine);
        let mut inside = 0;
        for i in 0..120 {
            for j in 0..80 {
                let p = Point::new(21.5 + 0.16 * f64::from(i), 44.0 + 0.11 * f64::from(j));
                assert_eq!(index.contains(p), ukraine.contains(&p), "{p:?}");
                inside += usize::from(index.contains(p));
            }
        }
        assert!(inside > 2000, "{inside}");
        // Vertices and edge midpoints are on the boundary: not contained.
        for polygon in ukraine.iter().take(3) {
            for line in polygon.exterior().lines().step_by(97) {
                assert!(!index.contains(Point::from(line.start)));
                assert_eq!(
                    index.contains(line.centroid()),
                    ukraine.contains(&line.centroid())
                );
            }
        }
    }

    #[test]
    fn clipped_lines_agree_with_geo() {
        let map = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = map.ukraine().expect("Ukraine").geometry.clone();
        let index = AreaIndex::new(&ukraine);
        let across = LineString::from(vec![
            (30.2, 52.2),
            (30.25, 49.0),
            (28.0, 48.2),
            (29.8, 46.0),
            (30.25, 45.7),
        ]);
        let front = map.front_line.line.clone();
        let square = |m: &MultiLineString| -> (usize, f64) {
            (
                m.0.len(),
                m.iter().map(crate::spatial::length_km).sum::<f64>(),
            )
        };
        for line in [front, across] {
            let ours = square(&index.clip_line(&line));
            let geo = square(&ukraine.clip(&MultiLineString::new(vec![line.clone()]), false));
            assert_eq!(ours.0, geo.0, "{ours:?} vs {geo:?}");
            assert!(
                (ours.1 - geo.1).abs() <= 1e-6 * geo.1,
                "{ours:?} vs {geo:?}"
            );
            assert!(ours.1 > 100.0, "{ours:?}");
        }
        // A stretch along an edge is outside; a line wholly outside gives nothing.
        let area = MultiPolygon::new(vec![
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
        ]);
        let index = AreaIndex::new(&area);
        let along = LineString::from(vec![(-1.0, 0.0), (2.0, 0.0), (2.0, 2.0), (2.0, 5.0)]);
        let clipped = index.clip_line(&along);
        assert_eq!(
            clipped.0,
            vec![LineString::from(vec![(2.0, 0.0), (2.0, 2.0), (2.0, 4.0)])]
        );
        assert!(
            index
                .clip_line(&LineString::from(vec![(5.0, 0.0), (6.0, 1.0)]))
                .0
                .is_empty()
        );
    }

    #[test]
    fn holes_and_rays_through_vertices() {
        let area = MultiPolygon::new(vec![polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 2.0, y: 2.0),
                       (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 0.5), (x: 1.5, y: 0.5), (x: 1.5, y: 1.0), (x: 1.0, y: 1.0)]],
        ]]);
        let index = AreaIndex::new(&area);
        for (x, y) in [
            (0.5, 2.0), // the ray passes through the notch's vertex (2, 2)
            (1.0, 2.0),
            (3.0, 3.5),
            (1.2, 0.7), // in the hole
            (1.0, 0.7), // on the hole's edge
            (2.0, 3.0), // in the notch
            (5.0, 1.0),
            (-1.0, 1.0),
            (0.0, 2.0),
        ] {
            let p = Point::new(x, y);
            assert_eq!(index.contains(p), area.contains(&p), "{p:?}");
        }
        assert!(!index.contains(Point::new(f64::NAN, 1.0)));
        assert!(!AreaIndex::new(&MultiPolygon::new(vec![])).contains(Point::new(0.0, 0.0)));
    }

    #[test]
    fn window_clip_then_intersection_equals_intersection() {
        let map = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = map.ukraine().expect("Ukraine").geometry.clone();
        // Small regions across the border near Kharkiv and on the coast near Odesa.
        for (x, y) in [(36.9, 50.3), (30.7, 46.4), (33.5, 44.6)] {
            let region =
                polygon![(x: x, y: y), (x: x + 0.3, y: y + 0.05), (x: x + 0.1, y: y + 0.2)];
            let window = Rect::new(
                Coord {
                    x: x - 0.01,
                    y: y - 0.01,
                },
                Coord {
                    x: x + 0.31,
                    y: y + 0.21,
                },
            );
            let fast = region.intersection(&clip_to_rect(&ukraine, window));
            let slow = region.intersection(&ukraine);
            assert!(
                // i_overlay snaps to a grid that depends on the inputs' extent.
                (fast.unsigned_area() - slow.unsigned_area()).abs() < 1e-6 * slow.unsigned_area(),
                "{} vs {}",
                fast.unsigned_area(),
                slow.unsigned_area()
            );
        }
    }

    #[test]
    fn interior_points_are_inside() {
        let map = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = map.ukraine().expect("Ukraine").geometry.clone();
        let sliver = polygon![(x: 37.0, y: 48.0), (x: 37.0, y: 48.18), (x: 37.000134, y: 48.18)];
        let with_hole = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0), (x: 1.0, y: 3.0)]],
        ];
        for polygon in ukraine.iter().chain([&sliver, &with_hole]) {
            let p = interior_point(polygon).expect("an interior point");
            assert!(polygon.contains(&p), "{p:?}");
        }
        let flat = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 0.0)];
        assert!(interior_point(&flat).is_none());
    }
}

//! The area of the part of a polygon inside an indexed area, without building that part.
//!
//! A boolean intersection sorts and splits every edge of both and assembles the result's rings,
//! only for the caller to measure them and throw them away: a guarantee area drawn around
//! Ukraine intersected with today's Ukrainian-controlled side, or a ceded region with an
//! oblast, costs millions of instructions that way. The area alone follows from the boundary
//! (Green's theorem): the boundary of the intersection is the polygon's boundary where it runs
//! inside the area plus the area's boundary where it runs inside the polygon, each walked with
//! its interior on the left, and the shoelace terms of those stretches in one local equal-area
//! projection sum to twice the area. Each edge is cut where the other's R-tree says an edge
//! crosses it; between cuts a stretch is wholly inside or outside, so one point-in-area test
//! decides a whole run of edges. A stretch where both boundaries run along each other counts
//! once, from the polygon, and only if both interiors lie on the same side of it.

use super::area_index::AreaIndex;
use super::measure::{local_area_max_extent_deg, twice_swept_area};
use super::projection::LocalProjection;
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{BoundingRect, Coord, Intersects, Line, LineString, MultiPolygon, Point, Polygon, Rect};
use rstar::AABB;

/// Square metres in a square kilometre.
const M2_PER_KM2: f64 = 1.0e6;

/// How far beside a shared stretch of boundary the side test looks, as a share of the
/// stretch's length (the stretch and both areas are far larger than this there).
const SIDE_PROBE: f64 = 1e-6;

/// The geodesic area of the part of `polygon` inside `area` (whose edges `index` holds), km²,
/// as [`super::area_km2`] measures a boolean intersection of the two; `None` if the polygon
/// spans more than a local projection measures (the caller intersects then).
pub fn intersection_km2(polygon: &Polygon, area: &MultiPolygon, index: &AreaIndex) -> Option<f64> {
    let Some(bbox) = polygon.bounding_rect() else {
        return Some(0.0);
    };
    let limit = local_area_max_extent_deg();
    if !(bbox.width() <= limit && bbox.height() <= limit) {
        return None;
    }
    let centre = bbox.center();
    let projection = LocalProjection::lambert_equal_area([centre.x, centre.y]);
    let own = AreaIndex::new(&MultiPolygon::new(vec![polygon.clone()]));
    let mut scratch = Scratch::default();
    // Where the polygon's edges meet the area's, by the number of the area's edge
    // ([`AreaIndex`]'s numbering): its stretches need no second search.
    let mut met: Vec<(usize, Event)> = Vec::new();
    let mut twice = 0.0;
    for (k, ring) in rings(polygon).enumerate() {
        let interior_left = (signed_area(ring) > 0.0) == (k == 0);
        twice += inside_stretches(
            ring,
            interior_left,
            None,
            Cuts::Search {
                index,
                met: &mut met,
            },
            index,
            Shared::SameSide,
            &projection,
            &mut scratch,
        );
    }
    // The area's edges are walked in their numbers' order; so are the meetings.
    met.sort_by_key(|(edge, _)| *edge);
    let mut known = Known {
        met: &met,
        next: 0,
        edge: 0,
    };
    for polygon in area {
        for (k, ring) in rings(polygon).enumerate() {
            let edges = ring.0.len().saturating_sub(1);
            if !ring.bounding_rect().is_some_and(|r| r.intersects(&bbox)) {
                known.edge += edges;
                continue;
            }
            let interior_left = (signed_area(ring) > 0.0) == (k == 0);
            twice += inside_stretches(
                ring,
                interior_left,
                Some(bbox),
                Cuts::Known(&mut known),
                &own,
                Shared::Skip,
                &projection,
                &mut scratch,
            );
        }
    }
    let km2 = 0.5 * twice / M2_PER_KM2;
    // Rounding can leave a hair below zero where nothing overlaps.
    km2.is_finite().then_some(km2.max(0.0))
}

/// The meetings a search noted on the area's edges, sorted by edge number, and where the walk
/// of the area's boundary stands: the number of the edge it comes to next, and the first
/// meeting not yet handed out.
struct Known<'a> {
    met: &'a [(usize, Event)],
    next: usize,
    edge: usize,
}

impl Known<'_> {
    /// The meetings on the walk's next edge, which it then passes.
    fn take(&mut self, events: &mut Vec<Event>) {
        while self.met.get(self.next).is_some_and(|(e, _)| *e < self.edge) {
            self.next += 1;
        }
        while let Some((_, event)) = self.met.get(self.next).filter(|(e, _)| *e == self.edge) {
            events.push(*event);
            self.next += 1;
        }
        self.edge += 1;
    }
}

/// Where another boundary meets an edge: the parameter along the edge (0…1) and how.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Event {
    t: f64,
    kind: Meeting,
}

/// How another boundary meets an edge.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meeting {
    /// Crossing it, strictly inside both edges: inside and outside swap there.
    Crossing,
    /// Touching it at a vertex of either edge: inside or outside must be tested again after.
    Touching,
    /// Running along it from here to the parameter given.
    AlongTo(f64),
}

/// Where an edge's cuts come from.
enum Cuts<'a, 'm> {
    /// A search of the other boundary's R-tree, noting each meeting for the other edge too.
    Search {
        index: &'a AreaIndex,
        met: &'a mut Vec<(usize, Event)>,
    },
    /// The meetings the search noted, handed out edge by edge.
    Known(&'a mut Known<'m>),
}

/// Buffers reused from edge to edge.
#[derive(Debug, Default)]
struct Scratch {
    events: Vec<Event>,
}

/// What a stretch that runs along the other boundary counts for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shared {
    /// Counted when the other area's interior lies on the same side as this one's.
    SameSide,
    /// Never counted (the other boundary counts it).
    Skip,
}

/// The exterior and the holes of `polygon`.
fn rings(polygon: &Polygon) -> impl Iterator<Item = &LineString> {
    std::iter::once(polygon.exterior()).chain(polygon.interiors())
}

/// Twice the signed planar area of `ring` in longitude/latitude: positive counter-clockwise.
fn signed_area(ring: &LineString) -> f64 {
    ring.lines()
        .map(|l| l.start.x * l.end.y - l.end.x * l.start.y)
        .sum()
}

/// Whether `p` is one of the line's ends.
fn at_end(line: &Line, p: Coord) -> bool {
    p == line.start || p == line.end
}

/// The shoelace terms (twice the swept area, m²) of the stretches of `ring` inside the area
/// `other` indexes, walked with the ring's interior on the left (`interior_left` says whether
/// the ring's own order does that). Edges outside `window` (when given) lie outside `other`.
/// Inside or outside is tested once per run of edges: it swaps at each crossing and is tested
/// again only after a touch or a shared stretch.
#[allow(clippy::too_many_arguments)]
fn inside_stretches(
    ring: &LineString,
    interior_left: bool,
    window: Option<Rect>,
    mut cuts: Cuts<'_, '_>,
    other: &AreaIndex,
    shared: Shared,
    projection: &LocalProjection,
    scratch: &mut Scratch,
) -> f64 {
    let mut twice = 0.0;
    // Inside or not since the last meeting; `None`: to be tested.
    let mut state: Option<bool> = None;
    // The last point measured and its projection, reused by the next stretch that starts there.
    let mut last: Option<(Coord, [f64; 2])> = None;
    for segment in ring.lines() {
        let events = &mut scratch.events;
        events.clear();
        if let Cuts::Known(known) = &mut cuts {
            known.take(events);
        }
        let (a, b) = (segment.start, segment.end);
        let d = b - a;
        let length2 = d.x * d.x + d.y * d.y;
        if !(length2 > 0.0 && length2.is_finite()) {
            continue;
        }
        if window.is_some_and(|w| !w.intersects(&segment.bounding_rect())) {
            state = Some(false);
            continue;
        }
        let along = |p: Coord| (((p - a).x * d.x + (p - a).y * d.y) / length2).clamp(0.0, 1.0);
        match &mut cuts {
            Cuts::Search { index, met } => {
                let envelope = AABB::from_corners(Point::from(a), Point::from(b));
                for edge in index.edges().locate_in_envelope_intersecting(&envelope) {
                    let e = *edge.geom();
                    let ed = e.end - e.start;
                    let e_length2 = ed.x * ed.x + ed.y * ed.y;
                    let along_e = |p: Coord| {
                        (((p - e.start).x * ed.x + (p - e.start).y * ed.y) / e_length2)
                            .clamp(0.0, 1.0)
                    };
                    let (mine, theirs) = match line_intersection(segment, e) {
                        Some(LineIntersection::SinglePoint {
                            intersection,
                            is_proper,
                        }) => {
                            let kind = if is_proper
                                && !at_end(&segment, intersection)
                                && !at_end(&e, intersection)
                            {
                                Meeting::Crossing
                            } else {
                                Meeting::Touching
                            };
                            (
                                [
                                    Some(Event {
                                        t: along(intersection),
                                        kind,
                                    }),
                                    None,
                                ],
                                [
                                    Some(Event {
                                        t: along_e(intersection),
                                        kind,
                                    }),
                                    None,
                                ],
                            )
                        }
                        Some(LineIntersection::Collinear { intersection }) => {
                            let (s, t) = (along(intersection.start), along(intersection.end));
                            let (se, te) = (along_e(intersection.start), along_e(intersection.end));
                            (
                                [
                                    Some(Event {
                                        t: s.min(t),
                                        kind: Meeting::AlongTo(s.max(t)),
                                    }),
                                    Some(Event {
                                        t: s.max(t),
                                        kind: Meeting::Touching,
                                    }),
                                ],
                                [
                                    Some(Event {
                                        t: se.min(te),
                                        kind: Meeting::AlongTo(se.max(te)),
                                    }),
                                    Some(Event {
                                        t: se.max(te),
                                        kind: Meeting::Touching,
                                    }),
                                ],
                            )
                        }
                        None => continue,
                    };
                    events.extend(mine.into_iter().flatten());
                    met.extend(theirs.into_iter().flatten().map(|t| (edge.data, t)));
                }
            }
            Cuts::Known(_) => {}
        }
        events.sort_by(|x, y| x.t.total_cmp(&y.t));
        let at = |t: f64| -> Coord {
            if t <= 0.0 {
                a
            } else if t >= 1.0 {
                b
            } else {
                a + d * t
            }
        };
        // Walk the edge from meeting to meeting.
        let mut t0 = 0.0;
        let mut next = 0;
        let mut along_until = f64::NEG_INFINITY;
        loop {
            // Apply the meetings at t0.
            let mut crossings = 0;
            let mut touched = false;
            while let Some(event) = events.get(next).filter(|e| e.t <= t0) {
                match event.kind {
                    Meeting::Crossing => crossings += 1,
                    Meeting::Touching => touched = true,
                    Meeting::AlongTo(end) => {
                        touched = true;
                        along_until = along_until.max(end);
                    }
                }
                next += 1;
            }
            if touched || crossings > 1 {
                state = None;
            } else if crossings == 1 {
                state = state.map(|inside| !inside);
            }
            let t1 = events.get(next).map_or(1.0, |e| e.t.min(1.0));
            if t1 > t0 {
                let middle = at(0.5 * (t0 + t1));
                let inside = if t1 <= along_until {
                    state = None;
                    match shared {
                        Shared::Skip => false,
                        Shared::SameSide => {
                            // A point just beside the stretch, on this ring's interior side.
                            let side = if interior_left { 1.0 } else { -1.0 };
                            let probe = Coord {
                                x: middle.x - side * d.y * SIDE_PROBE * (t1 - t0),
                                y: middle.y + side * d.x * SIDE_PROBE * (t1 - t0),
                            };
                            other.contains(Point::from(probe))
                        }
                    }
                } else {
                    *state.get_or_insert_with(|| other.contains(Point::from(middle)))
                };
                if inside {
                    let (p0, p1) = if interior_left {
                        (at(t0), at(t1))
                    } else {
                        (at(t1), at(t0))
                    };
                    let p0_local = match last {
                        Some((c, local)) if c == p0 => local,
                        _ => projection.project([p0.x, p0.y]),
                    };
                    let (swept, p1_local) = twice_swept_area(projection, p0, p0_local, p1);
                    twice += swept;
                    last = Some((p1, p1_local));
                }
            }
            if t1 >= 1.0 {
                break;
            }
            t0 = t1;
        }
        // A meeting at the edge's end applies to the next edge's start as well.
        if events.iter().any(|e| e.t >= 1.0) {
            state = None;
        }
    }
    twice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::area_km2;
    use geo::{BooleanOps, polygon};

    fn by_boolean(p: &Polygon, area: &MultiPolygon) -> f64 {
        area_km2(&MultiPolygon::new(vec![p.clone()]).intersection(area))
    }

    /// Agrees with the boolean intersection measured by `area_km2` within 1e-4: both take
    /// chords in local equal-area projections, centred on different boxes, each within 1e-4
    /// of Karney's areas (measure.rs's tests); the largest difference here is 2.6e-5.
    fn check(what: &str, p: &Polygon, area: &MultiPolygon) {
        let expected = by_boolean(p, area);
        let got = intersection_km2(p, area, &AreaIndex::new(area)).expect("local");
        assert!(
            (got - expected).abs() <= 1e-4 * expected.max(1.0),
            "{what}: {got} vs {expected}"
        );
    }

    #[test]
    fn squares_crossing_inside_around_and_apart() {
        let area = MultiPolygon::new(vec![polygon![
            exterior: [(x: 30.0, y: 48.0), (x: 31.0, y: 48.0), (x: 31.0, y: 49.0), (x: 30.0, y: 49.0)],
            interiors: [[(x: 30.4, y: 48.4), (x: 30.6, y: 48.4), (x: 30.6, y: 48.6), (x: 30.4, y: 48.6)]],
        ]]);
        let crossing = polygon![(x: 30.5, y: 48.5), (x: 31.5, y: 48.3), (x: 31.2, y: 49.5), (x: 30.7, y: 49.1)];
        check("crossing", &crossing, &area);
        let around = polygon![(x: 29.0, y: 47.0), (x: 32.0, y: 47.0), (x: 32.0, y: 50.0), (x: 29.0, y: 50.0)];
        check("around", &around, &area);
        let around_hole = polygon![(x: 30.2, y: 48.2), (x: 30.8, y: 48.2), (x: 30.8, y: 48.8), (x: 30.2, y: 48.8)];
        check("around the hole", &around_hole, &area);
        let in_hole = polygon![(x: 30.45, y: 48.45), (x: 30.55, y: 48.45), (x: 30.5, y: 48.55)];
        assert_eq!(
            intersection_km2(&in_hole, &area, &AreaIndex::new(&area)),
            Some(0.0)
        );
        // Clockwise, with a hole of its own that crosses the area's edge.
        let holed = polygon![
            exterior: [(x: 30.8, y: 47.5), (x: 30.8, y: 48.9), (x: 31.6, y: 48.9), (x: 31.6, y: 47.5)],
            interiors: [[(x: 30.9, y: 48.1), (x: 31.2, y: 48.1), (x: 31.2, y: 48.3), (x: 30.9, y: 48.3)]],
        ];
        check("clockwise with a hole", &holed, &area);
    }

    #[test]
    fn shared_edges_count_once_on_the_same_side_and_never_on_opposite_sides() {
        let area = MultiPolygon::new(vec![polygon![
            (x: 30.0, y: 48.0), (x: 31.0, y: 48.0), (x: 31.0, y: 49.0), (x: 30.0, y: 49.0)
        ]]);
        // Along the area's southern and western edges, inside it.
        let same = polygon![(x: 30.0, y: 48.0), (x: 30.5, y: 48.0), (x: 30.5, y: 48.5), (x: 30.0, y: 48.5)];
        check("same side", &same, &area);
        // Along its eastern edge, outside it: nothing in common.
        let opposite = polygon![(x: 31.0, y: 48.2), (x: 31.5, y: 48.2), (x: 31.5, y: 48.7), (x: 31.0, y: 48.7)];
        let got = intersection_km2(&opposite, &area, &AreaIndex::new(&area)).expect("local");
        assert!(got.abs() < 1e-9, "{got}");
        // The area itself.
        check("itself", &area.0[0], &area);
    }

    #[test]
    fn agrees_with_boolean_intersections_on_the_map() {
        let base = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = &base.ukraine().expect("Ukraine").geometry;
        let donetsk = &base.oblast("UA-14").expect("Donetsk").geometry;
        // Squares and a sheared quadrilateral over the Donbas, Ukraine's eastern border and the
        // coast, and one around all of Donetsk oblast.
        let shapes = [
            polygon![(x: 37.0, y: 47.5), (x: 38.5, y: 47.5), (x: 38.5, y: 48.8), (x: 37.0, y: 48.8)],
            polygon![(x: 38.0, y: 47.0), (x: 40.5, y: 47.4), (x: 40.0, y: 49.5), (x: 38.3, y: 49.0)],
            polygon![(x: 35.0, y: 46.0), (x: 37.5, y: 46.2), (x: 37.0, y: 47.3), (x: 35.2, y: 47.0)],
            polygon![(x: 36.0, y: 46.5), (x: 39.5, y: 46.5), (x: 39.5, y: 49.5), (x: 36.0, y: 49.5)],
        ];
        for (i, shape) in shapes.iter().enumerate() {
            check(&format!("Ukraine {i}"), shape, ukraine);
            check(&format!("Donetsk {i}"), shape, donetsk);
        }
        // Donetsk oblast against Ukraine: edges shared along the border, exactly.
        let index = AreaIndex::new(ukraine);
        for (i, part) in donetsk.iter().enumerate() {
            let expected = crate::spatial::polygon_area_km2(part);
            let got = intersection_km2(part, ukraine, &index).expect("local");
            assert!(
                (got - expected).abs() <= 1e-4 * expected,
                "Donetsk part {i} in Ukraine: {got} vs {expected}"
            );
        }
    }
}

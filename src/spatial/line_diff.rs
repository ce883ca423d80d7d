//! Where two dividing lines that start and end at the same points differ: the regions between
//! them, and whether a line crosses itself.
//!
//! A demarcation completed by the front line (or drawn from a copy of it) shares its first and
//! last stretches with the front line. Within a territory split by both, a point changes side
//! exactly when it lies an odd number of times inside the loop formed by the differing stretch of
//! one line and the differing stretch of the other walked backwards: every path to the home point
//! crosses the loop an odd number of times then (the shared stretches cancel out). So the area a
//! proposal moves from one side to the other is that loop filled even-odd, which only involves
//! the stretches that differ; the whole territory is never sliced again. Edges are straight in
//! longitude/latitude, as in [`super::split`].

use geo::{Coord, LineString, Polygon};
use i_overlay::core::fill_rule::FillRule;
use i_overlay::float::simplify::SimplifyShape;
use rstar::{Envelope, RTree, RTreeObject, primitives::GeomWithData};

/// The stretches where two lines with common ends differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The regions between the lines (even-odd filled), as simple polygons; empty when the lines
    /// are the same.
    pub regions: Vec<Polygon>,
    /// Index range of the first line's vertices that differ from the second's, with one shared
    /// vertex either side (empty when the lines are the same).
    pub changed: std::ops::Range<usize>,
    /// The same for the second line.
    pub other_changed: std::ops::Range<usize>,
    /// For each region, whether it lies to the right of the second line walked from its first
    /// point (each region touches it along a stretch and lies on one side there), where that is
    /// known: for the lenses of [`regions_between_simple`].
    pub right_of_other: Option<Vec<bool>>,
}

/// Where `a` and `b` differ, if they start at the same point and end at the same point: the
/// index ranges of each line's vertices that differ from the other's, with one shared vertex
/// either side (both empty when the lines are the same). Linear in the shared vertices, no
/// geometry: the cheap question before [`regions_between`].
pub fn differing_vertices(
    a: &LineString,
    b: &LineString,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let (a, b) = (&a.0, &b.0);
    if a.first() != b.first() || a.last() != b.last() || a.is_empty() {
        return None;
    }
    if a == b {
        return Some((0..0, 0..0));
    }
    let prefix = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    // The first vertices are equal, so `prefix` ≥ 1.
    Some((
        prefix.checked_sub(1)?..a.len() - suffix + 1,
        prefix - 1..b.len() - suffix + 1,
    ))
}

/// The regions between `a` and `b`, if they start at the same point and end at the same point
/// (`None` otherwise).
pub fn regions_between(a: &LineString, b: &LineString) -> Option<Difference> {
    difference(a, b, false)
}

/// As [`regions_between`], for two lines that are each simple (neither crosses itself): where
/// the lines only cross each other properly (never touching at a vertex or running along each
/// other) and meet in the same order along both, the regions are the lenses between
/// consecutive crossings, each bounded by one line from a crossing to the next and the other
/// line back ([`lenses`]: one R-tree search per segment, no sweep of both lines). Otherwise, or
/// for lines that are not simple, the even-odd fill of [`regions_between`] decides.
pub fn regions_between_simple(a: &LineString, b: &LineString) -> Option<Difference> {
    difference(a, b, true)
}

/// The regions between `a` and `b` from their differing stretches: lenses first when `simple`,
/// else (or where they do not apply) the even-odd fill.
fn difference(a: &LineString, b: &LineString, simple: bool) -> Option<Difference> {
    let (changed, other_changed) = differing_vertices(a, b)?;
    // The differing stretches with the last shared vertex before and the first after.
    let a_part = a.0.get(changed.clone())?;
    let b_part = b.0.get(other_changed.clone())?;
    let (regions, right_of_other) = if changed.is_empty() {
        (Vec::new(), None)
    } else {
        match simple.then(|| lenses(a_part, b_part)).flatten() {
            Some((regions, right)) => (regions, Some(right)),
            None => (even_odd(a_part, b_part), None),
        }
    };
    Some(Difference {
        regions,
        changed,
        other_changed,
        right_of_other,
    })
}

/// The loop of stretch `a` and stretch `b` walked back (both from the shared first point to the
/// shared last), filled even-odd.
fn even_odd(a_part: &[Coord], b_part: &[Coord]) -> Vec<Polygon> {
    let mut ring: Vec<[f64; 2]> = a_part.iter().map(|c| [c.x, c.y]).collect();
    let back = b_part
        .iter()
        .rev()
        .skip(1)
        .take(b_part.len().saturating_sub(2));
    ring.extend(back.map(|c| [c.x, c.y]));
    ring.simplify_shape(FillRule::EvenOdd)
        .into_iter()
        .filter_map(|shape| {
            let mut rings = shape.into_iter().map(|contour| {
                let mut coords: Vec<Coord> =
                    contour.into_iter().map(|[x, y]| Coord { x, y }).collect();
                if let Some(first) = coords.first().copied() {
                    coords.push(first);
                }
                LineString::new(coords)
            });
            let outer = rings.next()?;
            Some(Polygon::new(outer, rings.collect()))
        })
        .collect()
}

/// Where a proper crossing of the two stretches lies: segment and parameter along each.
#[derive(Debug, Clone, Copy)]
struct Crossing {
    a: (usize, f64),
    b: (usize, f64),
    at: Coord,
}

/// The regions between two simple stretches `a` and `b` that share their first and last
/// points, and whether each lies to the right of `b`; or `None` where they touch, overlap, or
/// cross in different orders along each.
fn lenses(a: &[Coord], b: &[Coord]) -> Option<(Vec<Polygon>, Vec<bool>)> {
    let (&start, &end) = (a.first()?, a.last()?);
    if b.first() != Some(&start) || b.last() != Some(&end) || a.len() < 2 || b.len() < 2 {
        return None;
    }
    let along = |l: &geo::Line, p: Coord| {
        let d = l.end - l.start;
        let length2 = d.x * d.x + d.y * d.y;
        if length2 > 0.0 {
            ((p - l.start).x * d.x + (p - l.start).y * d.y) / length2
        } else {
            0.0
        }
    };
    let b_segments: Vec<GeomWithData<geo::Line, usize>> = b
        .windows(2)
        .enumerate()
        .map(|(j, w)| GeomWithData::new(geo::Line::new(w[0], w[1]), j))
        .collect();
    let (a_last, b_last) = (a.len() - 2, b.len() - 2);
    let tree = RTree::bulk_load(b_segments);
    let mut crossings: Vec<Crossing> = Vec::new();
    let mut here: Vec<Crossing> = Vec::new();
    for (i, w) in a.windows(2).enumerate() {
        let segment = geo::Line::new(w[0], w[1]);
        if segment.start == segment.end {
            return None;
        }
        here.clear();
        for other in tree.locate_in_envelope_intersecting(&segment.envelope()) {
            let j = other.data;
            let Some(meeting) = geo::line_intersection::line_intersection(segment, *other.geom())
            else {
                continue;
            };
            match meeting {
                geo::line_intersection::LineIntersection::SinglePoint {
                    intersection,
                    is_proper,
                } => {
                    // The shared ends are where the stretches must meet.
                    let shared_end = (i == 0 && j == 0 && intersection == start)
                        || (i == a_last && j == b_last && intersection == end);
                    if shared_end {
                        continue;
                    }
                    if !is_proper {
                        return None;
                    }
                    here.push(Crossing {
                        a: (i, along(&segment, intersection)),
                        b: (j, along(other.geom(), intersection)),
                        at: intersection,
                    });
                }
                geo::line_intersection::LineIntersection::Collinear { .. } => return None,
            }
        }
        here.sort_by(|x, y| x.a.1.total_cmp(&y.a.1));
        crossings.extend_from_slice(&here);
    }
    // Along `a` the crossings are in order; along `b` they must be too.
    if crossings
        .windows(2)
        .any(|w| (w[0].b.0, w[0].b.1) >= (w[1].b.0, w[1].b.1))
    {
        return None;
    }
    // From each crossing (the shared first point before all) to the next (the shared last
    // point after all): `a` forwards, then `b` back. A vertex lies between two crossings on
    // segments i and k when i < vertex <= k (a crossing lies strictly inside its segment).
    let first = Crossing {
        a: (0, 0.0),
        b: (0, 0.0),
        at: start,
    };
    let last = Crossing {
        a: (a_last, 1.0),
        b: (b_last, 1.0),
        at: end,
    };
    let stops: Vec<Crossing> = std::iter::once(first)
        .chain(crossings)
        .chain(std::iter::once(last))
        .collect();
    let mut regions = Vec::with_capacity(stops.len() - 1);
    let mut right = Vec::with_capacity(stops.len() - 1);
    for w in stops.windows(2) {
        let (from, to) = (w[0], w[1]);
        let mut ring: Vec<Coord> = Vec::new();
        ring.push(from.at);
        ring.extend_from_slice(a.get(from.a.0 + 1..to.a.0 + 1)?);
        ring.push(to.at);
        ring.extend(b.get(from.b.0 + 1..to.b.0 + 1)?.iter().rev());
        ring.push(from.at);
        ring.dedup();
        if ring.len() < 4 {
            return None;
        }
        let mut ring = LineString::new(ring);
        // Walked `a` forwards then `b` back, the ring has its interior on the left when it
        // turns counter-clockwise: on the right of `b` walked forwards.
        let twice: f64 = ring
            .lines()
            .map(|l| l.start.x * l.end.y - l.end.x * l.start.y)
            .sum();
        right.push(twice > 0.0);
        // Counter-clockwise, as the even-odd fill gives its outer rings.
        if twice < 0.0 {
            ring.0.reverse();
        }
        regions.push(Polygon::new(ring, vec![]));
    }
    Some((regions, right))
}

/// Where a line crosses or touches itself: the indices of two non-adjacent segments (segment `i`
/// runs from vertex `i` to `i + 1`) and a point where they meet. Adjacent segments may only share
/// their common vertex. `None` for a simple line.
pub fn self_crossing(line: &LineString) -> Option<(usize, usize, Coord)> {
    // A sweep along the longer side of the line's box: segments in order of where their boxes
    // start, each tested against the segments whose boxes it reaches (a line that does not
    // double back keeps that set to a few). Of all crossings, the first along the line.
    let segments = segments_of(line);
    let (dx, dy) = segments.iter().fold((0.0f64, 0.0f64), |(dx, dy), s| {
        let l = s.geom();
        (
            dx + (l.end.x - l.start.x).abs(),
            dy + (l.end.y - l.start.y).abs(),
        )
    });
    let span = |s: &GeomWithData<geo::Line, usize>| {
        let l = s.geom();
        let (a, b) = if dx >= dy {
            (l.start.x, l.end.x)
        } else {
            (l.start.y, l.end.y)
        };
        (a.min(b), a.max(b))
    };
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by(|&x, &y| span(&segments[x]).0.total_cmp(&span(&segments[y]).0));
    let mut active: Vec<usize> = Vec::new();
    let mut first: Option<(usize, usize, Coord)> = None;
    for &k in &order {
        let (start, _) = span(&segments[k]);
        active.retain(|&o| span(&segments[o]).1 >= start);
        let envelope = segments[k].geom().envelope();
        for &o in &active {
            let (x, y) = if segments[o].data < segments[k].data {
                (&segments[o], &segments[k])
            } else {
                (&segments[k], &segments[o])
            };
            if !envelope.intersects(&segments[o].geom().envelope()) {
                continue;
            }
            if let Some(at) = meeting(x, y)
                && first.is_none_or(|(i, j, _)| (x.data, y.data) < (i, j))
            {
                first = Some((x.data, y.data, at));
            }
        }
        active.push(k);
    }
    first
}

/// As [`self_crossing`], for a line known to be simple except possibly where its segments
/// `changed` (indices) lie: only those are tested against every other segment, in linear time
/// without an index (a dragged vertex changes two segments; indexing all of them would cost
/// more than testing them). It finds a crossing exactly when [`self_crossing`] does, though not
/// necessarily the same one.
pub fn self_crossing_among(
    line: &LineString,
    changed: std::ops::Range<usize>,
) -> Option<(usize, usize, Coord)> {
    let segments = segments_of(line);
    for segment in segments.iter().filter(|s| changed.contains(&s.data)) {
        let envelope = segment.geom().envelope();
        for other in &segments {
            // A pair of changed segments is tested once.
            if other.data == segment.data
                || (changed.contains(&other.data) && other.data < segment.data)
                || !envelope.intersects(&other.geom().envelope())
            {
                continue;
            }
            let (first, second) = if segment.data < other.data {
                (segment, other)
            } else {
                (other, segment)
            };
            if let Some(at) = meeting(first, second) {
                return Some((first.data, second.data, at));
            }
        }
    }
    None
}

/// The segments of `line` that have a length, with their indices.
fn segments_of(line: &LineString) -> Vec<GeomWithData<geo::Line, usize>> {
    line.lines()
        .enumerate()
        .filter(|(_, l)| l.start != l.end)
        .map(|(i, l)| GeomWithData::new(l, i))
        .collect()
}

/// Where segment `first` meets the later segment `second` of the same line, other than at the
/// vertex consecutive segments share.
fn meeting(
    first: &GeomWithData<geo::Line, usize>,
    second: &GeomWithData<geo::Line, usize>,
) -> Option<Coord> {
    let (i, j) = (first.data, second.data);
    match geo::line_intersection::line_intersection(*first.geom(), *second.geom())? {
        geo::line_intersection::LineIntersection::SinglePoint { intersection, .. } => {
            // Consecutive segments share their vertex; that is no crossing.
            (!(j == i + 1 && intersection == first.geom().end)).then_some(intersection)
        }
        geo::line_intersection::LineIntersection::Collinear { intersection } => {
            Some(intersection.start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, line_string};

    #[test]
    fn identical_lines_differ_nowhere() {
        let a = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 0.0)];
        let d = regions_between(&a, &a).expect("common ends");
        assert!(d.regions.is_empty());
    }

    #[test]
    fn a_moved_vertex_gives_one_triangle() {
        let a =
            line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 0.0), (x: 3.0, y: 0.0)];
        let b = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.5, y: 1.0), (x: 2.0, y: 0.0), (x: 3.0, y: 0.0)];
        let d = regions_between(&b, &a).expect("common ends");
        assert_eq!(d.regions.len(), 1);
        assert!((d.regions[0].unsigned_area() - 0.5).abs() < 1e-9);
        assert_eq!(d.changed, 1..4);
    }

    #[test]
    fn a_crossing_line_gives_two_lobes() {
        // b runs above a on the first half and below on the second: two triangles.
        let a = line_string![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0)];
        let b =
            line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 3.0, y: -1.0), (x: 4.0, y: 0.0)];
        let d = regions_between(&b, &a).expect("common ends");
        assert_eq!(d.regions.len(), 2);
        let total: f64 = d.regions.iter().map(|p| p.unsigned_area()).sum();
        assert!((total - 2.0).abs() < 1e-9, "{total}");
    }

    /// The regions of both ways, compared: as many, with the same areas in the same order.
    fn assert_same_regions(a: &LineString, b: &LineString) {
        let general = regions_between(a, b).expect("common ends");
        let simple = regions_between_simple(a, b).expect("common ends");
        assert_eq!(simple.changed, general.changed);
        assert_eq!(simple.regions.len(), general.regions.len());
        let areas = |d: &Difference| {
            let mut v: Vec<f64> = d.regions.iter().map(|p| p.unsigned_area()).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        // The even-odd fill rounds its crossings to an integer grid over the lines' box.
        for (x, y) in areas(&simple).iter().zip(areas(&general)) {
            assert!((x - y).abs() <= 1e-6 * y.max(1.0), "{x} vs {y}");
        }
        for region in &simple.regions {
            assert!(region.signed_area() > 0.0, "counter-clockwise");
        }
    }

    #[test]
    fn lenses_between_crossing_lines_are_the_even_odd_regions() {
        // b zigzags across a hundred times, at other x than a's vertices.
        let a: LineString = (0..=40)
            .map(|i| (i as f64 * 2.5, 0.1 * (i % 3) as f64))
            .collect();
        let mut zig: Vec<(f64, f64)> = vec![(0.0, 0.0)];
        zig.extend((0..100).map(|i| (0.7 + i as f64 * 0.99, if i % 2 == 0 { 1.0 } else { -1.0 })));
        zig.push((100.0, 0.1 * (40 % 3) as f64));
        let b: LineString = zig.into_iter().collect();
        let d = regions_between_simple(&b, &a).expect("common ends");
        assert!(d.regions.len() > 90, "{}", d.regions.len());
        // `a` runs eastwards near y = 0: its right is the south, where the zigzag dips.
        let right = d.right_of_other.as_ref().expect("lenses");
        for (region, right) in d.regions.iter().zip(right) {
            let inside = geo::InteriorPoint::interior_point(region).expect("a point");
            assert_eq!(
                *right,
                inside.y() < 0.0,
                "{:?}",
                region.exterior().0.first()
            );
        }
        assert_same_regions(&b, &a);
        assert_same_regions(&a, &b);
        // Touching at a vertex and running along each other: the even-odd fill decides.
        let touching = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 2.0, y: 0.0), (x: 3.0, y: -1.0), (x: 4.0, y: 0.0)];
        let straight = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 4.0, y: 0.0)];
        assert_same_regions(&touching, &straight);
        let along =
            line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 1.0), (x: 4.0, y: 0.0)];
        assert_same_regions(&along, &straight);
    }

    #[test]
    fn different_ends_have_no_difference() {
        let a = line_string![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0)];
        let b = line_string![(x: 0.0, y: 1.0), (x: 4.0, y: 0.0)];
        assert!(regions_between(&a, &b).is_none());
    }

    #[test]
    fn self_crossing_is_found_and_vertices_are_not_crossings() {
        let simple =
            line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 2.0, y: 1.0)];
        assert!(self_crossing(&simple).is_none());
        let bow =
            line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        let (i, j, at) = self_crossing(&bow).expect("crosses");
        assert_eq!((i, j), (0, 2));
        assert!((at.x - 1.0).abs() < 1e-12 && (at.y - 1.0).abs() < 1e-12);
        let back = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 1.0, y: 0.0)];
        assert!(self_crossing(&back).is_some(), "doubling back overlaps");
    }

    #[test]
    fn crossings_among_changed_segments_agree_with_the_whole_test() {
        // A zigzag with one vertex moved each time to a new place: crossing its own line
        // (found from the changed segments), touching a non-adjacent segment, or not at all.
        let base: Vec<(f64, f64)> = (0..12)
            .map(|i| (f64::from(i), if i % 2 == 0 { 0.0 } else { 1.0 }))
            .collect();
        let mut crossed = 0;
        for moved in 1..11usize {
            for target in [(5.5, 0.5), (5.0, 1.0), (moved as f64, 3.0), (0.5, -1.0)] {
                let mut coords = base.clone();
                coords[moved] = target;
                let line: LineString = coords.into();
                let changed = moved - 1..moved + 1;
                let whole = self_crossing(&line).is_some();
                assert_eq!(
                    whole,
                    self_crossing_among(&line, changed).is_some(),
                    "vertex {moved} to {target:?}"
                );
                crossed += usize::from(whole);
            }
        }
        // Both answers occur, so the comparison means something.
        assert!(crossed > 0 && crossed < 40, "{crossed} of 40 cross");
    }
}

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
    let (changed, other_changed) = differing_vertices(a, b)?;
    if changed.is_empty() {
        return Some(Difference {
            regions: Vec::new(),
            changed,
            other_changed,
        });
    }
    // The differing stretches with the last shared vertex before and the first after.
    let a_part = a.0.get(changed.clone())?;
    let b_part = b.0.get(other_changed.clone())?;
    let mut ring: Vec<[f64; 2]> = a_part.iter().map(|c| [c.x, c.y]).collect();
    let back = b_part
        .iter()
        .rev()
        .skip(1)
        .take(b_part.len().saturating_sub(2));
    ring.extend(back.map(|c| [c.x, c.y]));
    let shapes = ring.simplify_shape(FillRule::EvenOdd);
    let regions = shapes
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
        .collect();
    Some(Difference {
        regions,
        changed,
        other_changed,
    })
}

/// Where a line crosses or touches itself: the indices of two non-adjacent segments (segment `i`
/// runs from vertex `i` to `i + 1`) and a point where they meet. Adjacent segments may only share
/// their common vertex. `None` for a simple line.
pub fn self_crossing(line: &LineString) -> Option<(usize, usize, Coord)> {
    let segments = segments_of(line);
    let tree = RTree::bulk_load(segments.clone());
    for segment in &segments {
        let envelope = segment.geom().envelope();
        for other in tree.locate_in_envelope_intersecting(&envelope) {
            if other.data <= segment.data {
                continue;
            }
            if let Some(at) = meeting(segment, other) {
                return Some((segment.data, other.data, at));
            }
        }
    }
    None
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

//! Geodesic measures on the WGS84 ellipsoid: areas in km², lengths and distances in km.
//!
//! The edges of a line are geodesics between its vertices. The bundled lines have vertices at
//! most a few km apart, where a geodesic and a straight lon/lat segment differ by millimetres.
//!
//! Karney's algorithms (geographiclib, through geo's `Geodesic` metric) are the reference, but
//! one call costs about a microsecond, and a check measures thousands of edges: so areas of
//! rings with short edges are taken in a local Lambert azimuthal equal-area projection (exact
//! for areas; only the chords differ from the geodesic edges: under 1e-4 of the area), short
//! edges are measured with the ellipsoid's radii of curvature at their mid-latitude (under 1e-5
//! of Karney's length), and the nearest segment of a line is found on the unit sphere, with an
//! R-tree of its chords when a line is queried many times ([`LineIndex`]), before the nearest
//! point is measured geodesically. Tests compare each shortcut with Karney's figures.

use super::projection::{LocalProjection, WGS84_A, WGS84_F};
use geo::{Coord, Distance, Geodesic, GeodesicArea, LineString, MultiPolygon, Point, Polygon};
use geographiclib_rs::{DirectGeodesic, InverseGeodesic};
use rstar::{AABB, PointDistance, RTree, RTreeObject};
use std::sync::LazyLock;

/// Square metres in a square kilometre.
const M2_PER_KM2: f64 = 1.0e6;
/// Metres in a kilometre.
const M_PER_KM: f64 = 1.0e3;

/// Karney's solver for WGS84, made once.
static WGS84: LazyLock<geographiclib_rs::Geodesic> =
    LazyLock::new(geographiclib_rs::Geodesic::wgs84);

/// Largest difference in longitude or latitude across one edge, degrees, up to which an edge is
/// "short": its length from the mid-latitude radii, its ring's area from a local projection.
const SHORT_EDGE_DEG: f64 = 0.5;

/// Largest extent of a ring in longitude or latitude, degrees, whose area is taken in a local
/// equal-area projection.
const LOCAL_AREA_MAX_EXTENT_DEG: f64 = 30.0;

/// A ring's area in a Lambert azimuthal equal-area projection centred on its bounding box, m²,
/// if the ring is not too large (`None` otherwise).
///
/// The projection keeps areas exactly; the shoelace formula then takes each edge as the chord
/// between its projected ends, where the geodesic edge is a slightly bent curve. For an edge of
/// length L at distance r from the centre the two enclose about L³·r / (12 R²): 0.3 km² for a
/// 55 km edge 1,000 km out, so a ring with edges under half a degree stays within 1e-4 of
/// Karney's area (tests compare both on Ukraine, the oblasts and slivers; the largest
/// difference there is 3e-5, on a 52 km² polygon). A longer edge (a guarantee area drawn with
/// a few clicks) is followed along its geodesic in steps under half a degree, so it too is a
/// chain of short chords.
fn local_ring_area_m2(coords: &[Coord]) -> Option<f64> {
    let first = *coords.first()?;
    let mut bounds = [first.x, first.x, first.y, first.y];
    for c in coords {
        bounds = [
            bounds[0].min(c.x),
            bounds[1].max(c.x),
            bounds[2].min(c.y),
            bounds[3].max(c.y),
        ];
    }
    if !(bounds[1] - bounds[0] <= LOCAL_AREA_MAX_EXTENT_DEG
        && bounds[3] - bounds[2] <= LOCAL_AREA_MAX_EXTENT_DEG)
    {
        return None;
    }
    let projection = LocalProjection::lambert_equal_area([
        0.5 * (bounds[0] + bounds[1]),
        0.5 * (bounds[2] + bounds[3]),
    ]);
    let mut twice = 0.0;
    let mut previous = first;
    let mut from = projection.project([first.x, first.y]);
    for &c in coords.iter().skip(1).chain(std::iter::once(&first)) {
        let (swept, to) = twice_swept_area(&projection, previous, from, c);
        twice += swept;
        from = to;
        previous = c;
    }
    let area = 0.5 * twice.abs();
    area.is_finite().then_some(area)
}

/// Twice the signed area swept about `projection`'s centre by the geodesic edge from `from`
/// (projected: `from_local`) to `to`, m² (the shoelace formula's terms for that edge: the
/// chord, or for an edge over half a degree its geodesic in steps under half a degree), and
/// `to` projected. Summed around a closed path, half the total is the area it encloses.
pub(crate) fn twice_swept_area(
    projection: &LocalProjection,
    from: Coord,
    from_local: [f64; 2],
    to: Coord,
) -> (f64, [f64; 2]) {
    let mut twice = 0.0;
    let mut last = from_local;
    let mut add = |next: [f64; 2]| {
        twice += last[0] * next[1] - next[0] * last[1];
        last = next;
    };
    let steps = ((to.x - from.x).abs().max((to.y - from.y).abs()) / SHORT_EDGE_DEG).ceil();
    if steps > 1.0 {
        // Steps along the geodesic; an edge of a ring under 30° has fewer than 100.
        let g = &*WGS84;
        let (length, azimuth, _, _): (f64, f64, f64, f64) = g.inverse(from.y, from.x, to.y, to.x);
        let n = steps.min(1_000.0) as usize;
        for k in 1..n {
            let (lat, lon): (f64, f64) =
                g.direct(from.y, from.x, azimuth, length * k as f64 / n as f64);
            add(projection.project([lon, lat]));
        }
    }
    let to_local = projection.project([to.x, to.y]);
    add(to_local);
    (twice, to_local)
}

/// The largest extent in longitude and latitude, degrees, of an area measured in one local
/// equal-area projection (see [`local_ring_area_m2`]).
pub(crate) const fn local_area_max_extent_deg() -> f64 {
    LOCAL_AREA_MAX_EXTENT_DEG
}

/// The area enclosed by one ring, m², whatever its winding.
fn ring_area_m2(ring: &LineString) -> f64 {
    if let Some(area) = local_ring_area_m2(&ring.0) {
        return area;
    }
    // A ring is assumed smaller than half the Earth, so the signed area's magnitude is its area
    // in either winding.
    Polygon::new(ring.clone(), vec![])
        .geodesic_area_signed()
        .abs()
}

/// The geodesic area of a polygon in km², its holes subtracted, whatever the rings' winding.
pub fn polygon_area_km2(polygon: &Polygon) -> f64 {
    let holes: f64 = polygon.interiors().iter().map(ring_area_m2).sum();
    (ring_area_m2(polygon.exterior()) - holes).max(0.0) / M2_PER_KM2
}

/// The geodesic area of a multipolygon in km² (unsigned; holes subtracted; any winding).
/// Its polygons are assumed not to overlap, as in a valid multipolygon.
pub fn area_km2(area: &MultiPolygon) -> f64 {
    area.iter().map(polygon_area_km2).sum()
}

/// The geodesic distance between two points, km.
pub fn distance_km(a: Point, b: Point) -> f64 {
    Geodesic.distance(a, b) / M_PER_KM
}

/// The geodesic length of the edge from `a` to `b`, metres.
///
/// A short edge (under half a degree in longitude and latitude, ~55 km) is measured on the
/// plane tangent at its mid-latitude with the ellipsoid's radii of curvature there (meridian M,
/// prime vertical N): the error grows with the square of the length and stays under 1e-5 of
/// Karney's figure (5e-6 for a 67 km diagonal; tested). Longer edges use Karney's algorithm.
pub fn edge_length_m(a: Coord, b: Coord) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    if dx.abs() <= SHORT_EDGE_DEG && dy.abs() <= SHORT_EDGE_DEG {
        let e2 = WGS84_F * (2.0 - WGS84_F);
        let (sin_mid, cos_mid) = (0.5 * (a.y + b.y)).to_radians().sin_cos();
        let w2 = 1.0 - e2 * sin_mid * sin_mid;
        let w = w2.sqrt();
        let n = WGS84_A / w;
        let m = WGS84_A * (1.0 - e2) / (w2 * w);
        let (x, y) = (n * cos_mid * dx.to_radians(), m * dy.to_radians());
        return (x * x + y * y).sqrt();
    }
    Geodesic.distance(Point::from(a), Point::from(b))
}

/// The geodesic length of a line, km (0 for an empty or one-point line).
pub fn length_km(line: &LineString) -> f64 {
    line.lines()
        .map(|l| edge_length_m(l.start, l.end))
        .sum::<f64>()
        / M_PER_KM
}

/// Where a point's nearest point on a line lies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinePosition {
    /// Index of the segment (from vertex `segment` to vertex `segment + 1`); 0 for a one-point
    /// line.
    pub segment: usize,
    /// How far along that segment, 0 at its start to 1 at its end (by geodesic length).
    pub fraction: f64,
    /// The nearest point itself.
    pub point: Point,
    /// Geodesic distance from the query point to `point`, metres.
    pub distance_m: f64,
}

impl LinePosition {
    /// The position as one number along the line: segment index plus fraction. Positions of two
    /// points compare in the order the points come along the line.
    pub fn along(&self) -> f64 {
        // usize→f64 is exact for any realistic vertex count.
        self.segment as f64 + self.fraction
    }
}

/// A coordinate on the unit sphere, its latitude taken as spherical: great-circle distances
/// on this sphere are within ~0.3 % of geodesic ones on the ellipsoid, enough to choose the
/// segments worth measuring exactly.
fn unit_vector(c: Coord) -> [f64; 3] {
    let (sin_lat, cos_lat) = c.y.to_radians().sin_cos();
    let (sin_lon, cos_lon) = c.x.to_radians().sin_cos();
    [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
}

/// The squared distance from `p` to the chord `a`–`b` and the parameter (0…1) of its nearest
/// point.
fn chord_nearest(p: [f64; 3], a: [f64; 3], b: [f64; 3]) -> (f64, f64) {
    let d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    let len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1] + (p[2] - a[2]) * d[2]) / len2)
            .clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = [
        a[0] + t * d[0] - p[0],
        a[1] + t * d[1] - p[1],
        a[2] + t * d[2] - p[2],
    ];
    (q[0] * q[0] + q[1] * q[1] + q[2] * q[2], t)
}

/// How far a chord of this squared length lies inside its arc at the middle (the sagitta),
/// in unit-sphere units.
fn sagitta(chord_len2: f64) -> f64 {
    chord_len2 / 8.0
}

/// Candidates within this factor of the nearest chord distance (plus the sagitta and ~60 m) are
/// measured geodesically: the sphere's distances differ from the ellipsoid's by under 0.4 %.
const CANDIDATE_FACTOR: f64 = 1.01;
const CANDIDATE_SLACK: f64 = 1e-5;

/// The WGS84 meridian radius of curvature at the equator, the smallest anywhere, metres.
const MIN_RADIUS_M: f64 = 6_335_439.0;

/// The nearest point to `point` on the geodesic from `a` to `b`, starting from the parameter
/// `t` that is nearest on the sphere: `(fraction, nearest, metres)`.
///
/// The sphere's foot lies within ~0.3 % of the distance from the geodesic foot; one step along
/// the geodesic by the distance's projection on it (the classic iteration for the foot of a
/// perpendicular on the ellipsoid) brings it to well under a millimetre for the distances and
/// segment lengths of a map of Ukraine.
fn refine_on_segment(point: Point, a: Point, b: Point, t: f64) -> (f64, Point, f64) {
    let g = &*WGS84;
    let (length, azimuth, _, _): (f64, f64, f64, f64) = g.inverse(a.y(), a.x(), b.y(), b.x());
    if length.is_nan() || length <= 0.0 {
        let d: f64 = g.inverse(point.y(), point.x(), a.y(), a.x());
        return (0.0, a, d);
    }
    let at = |s: f64| -> (Point, f64) {
        let (lat, lon, forward): (f64, f64, f64) = g.direct(a.y(), a.x(), azimuth, s);
        (Point::new(lon, lat), forward)
    };
    let s0 = t.clamp(0.0, 1.0) * length;
    let (q0, forward) = if s0 <= 0.0 { (a, azimuth) } else { at(s0) };
    let (d0, towards, _, _): (f64, f64, f64, f64) = g.inverse(q0.y(), q0.x(), point.y(), point.x());
    let s1 = (s0 + d0 * (towards - forward).to_radians().cos()).clamp(0.0, length);
    let (s, q, d) = if (s1 - s0).abs() <= 1e-4 || s1.is_nan() {
        (s0, q0, d0)
    } else {
        let (q1, _) = at(s1);
        let d1: f64 = g.inverse(q1.y(), q1.x(), point.y(), point.x());
        if d1 <= d0 { (s1, q1, d1) } else { (s0, q0, d0) }
    };
    // Within a metre of an end, the end itself if it is no further: a point on a vertex then
    // joins the line at that vertex exactly, not nanometres off it (which would leave a spike).
    for (fraction, end, gap) in [(0.0, a, s), (1.0, b, length - s)] {
        if gap <= 1.0 {
            let d_end: f64 = g.inverse(point.y(), point.x(), end.y(), end.x());
            if d_end <= d {
                return (fraction, end, d_end);
            }
        }
    }
    (s / length, q, d)
}

/// The nearest point of `line` among candidate segments `(index, chord parameter, squared
/// chord distance)`, each measured geodesically if its chord distance is near the least.
fn nearest_of_candidates(
    point: Point,
    line: &LineString,
    candidates: &[(usize, f64, f64)],
) -> Option<LinePosition> {
    let mut best: Option<LinePosition> = None;
    for &(i, t, _) in candidates {
        let (Some(a), Some(b)) = (line.0.get(i), line.0.get(i + 1)) else {
            continue;
        };
        let (fraction, p, distance_m) =
            refine_on_segment(point, Point::from(*a), Point::from(*b), t);
        if best.is_none_or(|best| distance_m < best.distance_m) {
            best = Some(LinePosition {
                segment: i,
                fraction,
                point: p,
                distance_m,
            });
        }
    }
    best
}

/// The nearest vertex, measured geodesically: the answer when nothing else is finite.
fn nearest_vertex(point: Point, line: &LineString) -> Option<LinePosition> {
    line.0
        .iter()
        .enumerate()
        .map(|(i, c)| (i, Geodesic.distance(point, Point::from(*c)), *c))
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(i, d, c)| LinePosition {
            segment: i.saturating_sub(usize::from(i + 1 == line.0.len() && i > 0)),
            fraction: if i + 1 == line.0.len() && i > 0 {
                1.0
            } else {
                0.0
            },
            point: Point::from(c),
            distance_m: d,
        })
}

/// The nearest point of `line` to `point` and where it lies; `None` for an empty line.
///
/// Every segment's chord on the unit sphere is compared (cheap: no trigonometry per segment);
/// the segments whose chord distance is near the least are then measured geodesically. For a
/// line queried many times, [`LineIndex`] keeps the chords in an R-tree.
pub fn locate_on_line(point: Point, line: &LineString) -> Option<LinePosition> {
    let first = *line.0.first()?;
    if line.0.len() == 1 {
        let p = Point::from(first);
        return Some(LinePosition {
            segment: 0,
            fraction: 0.0,
            point: p,
            distance_m: Geodesic.distance(point, p),
        });
    }
    let units: Vec<[f64; 3]> = line.0.iter().map(|c| unit_vector(*c)).collect();
    locate_with_units(point, line, &units)
}

/// [`locate_on_line`] for a line of two or more vertices whose unit vectors are `units`.
fn locate_with_units(point: Point, line: &LineString, units: &[[f64; 3]]) -> Option<LinePosition> {
    let p = unit_vector(point.0);
    let mut chords: Vec<(usize, f64, f64)> = Vec::with_capacity(units.len());
    let mut longest2: f64 = 0.0;
    for (i, w) in units.windows(2).enumerate() {
        if let [a, b] = w {
            let (d2, t) = chord_nearest(p, *a, *b);
            longest2 =
                longest2.max((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2) + (b[2] - a[2]).powi(2));
            if d2.is_finite() {
                chords.push((i, t, d2));
            }
        }
    }
    let Some(least) = chords.iter().map(|c| c.2).reduce(f64::min) else {
        return nearest_vertex(point, line);
    };
    let bound = least.sqrt() * CANDIDATE_FACTOR + sagitta(longest2) + CANDIDATE_SLACK;
    chords.retain(|c| c.2 <= bound * bound);
    nearest_of_candidates(point, line, &chords).or_else(|| nearest_vertex(point, line))
}

/// A segment's chord on the unit sphere, for the R-tree of a [`LineIndex`].
#[derive(Debug, Clone)]
struct Chord {
    index: usize,
    a: [f64; 3],
    b: [f64; 3],
}

impl RTreeObject for Chord {
    type Envelope = AABB<[f64; 3]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners(self.a, self.b)
    }
}

impl PointDistance for Chord {
    fn distance_2(&self, p: &[f64; 3]) -> f64 {
        chord_nearest(*p, self.a, self.b).0
    }
}

/// A line prepared for many nearest-point queries: its segments' chords on the unit sphere in
/// an R-tree, so a query measures a handful of segments instead of all of them.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line: LineString,
    chords: RTree<Chord>,
    /// The largest sagitta of a chord, unit-sphere units.
    sagitta: f64,
}

impl LineIndex {
    /// Indexes `line` (segments with a non-finite end are left out).
    pub fn new(line: &LineString) -> Self {
        let units: Vec<[f64; 3]> = line.0.iter().map(|c| unit_vector(*c)).collect();
        let chords: Vec<Chord> = units
            .windows(2)
            .enumerate()
            .filter_map(|(index, w)| match w {
                [a, b] if a.iter().chain(b).all(|v| v.is_finite()) => Some(Chord {
                    index,
                    a: *a,
                    b: *b,
                }),
                _ => None,
            })
            .collect();
        let sagitta = chords
            .iter()
            .map(|c| sagitta((0..3).map(|k| (c.b[k] - c.a[k]).powi(2)).sum()))
            .fold(0.0, f64::max);
        Self {
            line: line.clone(),
            chords: RTree::bulk_load(chords),
            sagitta,
        }
    }

    /// The indexed line.
    pub fn line(&self) -> &LineString {
        &self.line
    }

    /// The nearest point of the line to `point` and where it lies, as [`locate_on_line`].
    pub fn locate(&self, point: Point) -> Option<LinePosition> {
        if self.line.0.len() < 2 {
            return locate_on_line(point, &self.line);
        }
        let p = unit_vector(point.0);
        let Some(nearest) = self.chords.nearest_neighbor(&p) else {
            return nearest_vertex(point, &self.line);
        };
        let least = nearest.distance_2(&p).sqrt();
        let bound = least * CANDIDATE_FACTOR + self.sagitta + CANDIDATE_SLACK;
        let candidates: Vec<(usize, f64, f64)> = self
            .chords
            .locate_within_distance(p, bound * bound)
            .map(|c| {
                let (d2, t) = chord_nearest(p, c.a, c.b);
                (c.index, t, d2)
            })
            .collect();
        nearest_of_candidates(point, &self.line, &candidates)
            .or_else(|| nearest_vertex(point, &self.line))
    }

    /// The segments (indices into the line's segments) that may hold the nearest point of the
    /// line to any point within `radius_m` of `point`: those within twice the radius beyond the
    /// nearest segment of `point`, with margins for the sphere.
    pub fn segments_near(&self, point: Point, radius_m: f64) -> Vec<usize> {
        let p = unit_vector(point.0);
        let Some(nearest) = self.chords.nearest_neighbor(&p) else {
            return Vec::new();
        };
        // Metres to unit-sphere units with the smallest radius of curvature: never too small.
        let radius = radius_m / MIN_RADIUS_M;
        let bound = (nearest.distance_2(&p).sqrt() + 2.0 * radius) * CANDIDATE_FACTOR
            + self.sagitta
            + CANDIDATE_SLACK;
        let mut near: Vec<usize> = self
            .chords
            .locate_within_distance(p, bound * bound)
            .map(|c| c.index)
            .collect();
        near.sort_unstable();
        near
    }

    /// The geodesic distance from `point` to the line, km; infinite for an empty line.
    pub fn distance_km(&self, point: Point) -> f64 {
        self.locate(point)
            .map_or(f64::INFINITY, |p| p.distance_m / M_PER_KM)
    }
}

/// The geodesic distance from `point` to the nearest point of `line`, km; infinite for an
/// empty line.
pub fn distance_to_line_km(point: Point, line: &LineString) -> f64 {
    locate_on_line(point, line).map_or(f64::INFINITY, |p| p.distance_m / M_PER_KM)
}

/// [`distance_to_line_km`] for each of `points`, the line's vertices taken onto the sphere once
/// for all of them (that is most of the work for a few points and a long line).
pub fn distances_to_line_km(points: &[Point], line: &LineString) -> Vec<f64> {
    if line.0.len() < 2 {
        return points
            .iter()
            .map(|p| distance_to_line_km(*p, line))
            .collect();
    }
    let units: Vec<[f64; 3]> = line.0.iter().map(|c| unit_vector(*c)).collect();
    points
        .iter()
        .map(|p| {
            locate_with_units(*p, line, &units).map_or(f64::INFINITY, |at| at.distance_m / M_PER_KM)
        })
        .collect()
}

/// The point of `line` nearest to `point` (geodesically); `None` for an empty line.
pub fn nearest_point_on_line(point: Point, line: &LineString) -> Option<Point> {
    locate_on_line(point, line).map(|p| p.point)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, polygon};

    const LONDON: Point = Point(geo::Coord {
        x: -0.1278,
        y: 51.5074,
    });
    const PARIS: Point = Point(geo::Coord {
        x: 2.3522,
        y: 48.8566,
    });
    const KYIV: Point = Point(geo::Coord {
        x: 30.5234,
        y: 50.4501,
    });
    const LVIV: Point = Point(geo::Coord {
        x: 24.0297,
        y: 49.8397,
    });

    fn within(value: f64, expected: f64, relative: f64) -> bool {
        ((value - expected) / expected).abs() <= relative
    }

    #[test]
    fn london_paris() {
        assert!(
            (distance_km(LONDON, PARIS) - 343.923).abs() < 0.001,
            "{}",
            distance_km(LONDON, PARIS)
        );
        let line = LineString::from(vec![LONDON.0, PARIS.0]);
        assert!((length_km(&line) - 343.923).abs() < 0.001);
    }

    #[test]
    fn kyiv_lviv() {
        let d = distance_km(KYIV, LVIV);
        assert!((d - 468.0).abs() < 2.0, "{d}");
    }

    #[test]
    fn empty_and_single_point_lines() {
        let empty = LineString::new(vec![]);
        assert_eq!(length_km(&empty), 0.0);
        assert_eq!(distance_to_line_km(KYIV, &empty), f64::INFINITY);
        assert_eq!(nearest_point_on_line(KYIV, &empty), None);
        let single = LineString::from(vec![LONDON.0]);
        assert!((distance_to_line_km(PARIS, &single) - 343.923).abs() < 0.001);
        assert_eq!(nearest_point_on_line(PARIS, &single), Some(LONDON));
    }

    #[test]
    fn one_degree_cell_at_equator() {
        let cell = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)
        ]]);
        let a = area_km2(&cell);
        assert!((a - 12_308.0).abs() < 2.0, "{a}");
    }

    #[test]
    fn reversed_winding_gives_same_area() {
        let ccw = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
        let cw = polygon![(x: 0.0, y: 0.0), (x: 0.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0)];
        assert!((polygon_area_km2(&ccw) - polygon_area_km2(&cw)).abs() < 1e-6);
    }

    #[test]
    fn holes_are_subtracted_in_any_winding() {
        let outer = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0), (x: 0.0, y: 0.0)];
        let hole_cw = line_string![(x: 0.5, y: 0.5), (x: 0.5, y: 1.5), (x: 1.5, y: 1.5), (x: 1.5, y: 0.5), (x: 0.5, y: 0.5)];
        let mut hole_ccw = hole_cw.clone();
        hole_ccw.0.reverse();
        let full = polygon_area_km2(&Polygon::new(outer.clone(), vec![]));
        let hole = polygon_area_km2(&Polygon::new(hole_cw.clone(), vec![]));
        for h in [hole_cw, hole_ccw] {
            let with_hole = polygon_area_km2(&Polygon::new(outer.clone(), vec![h]));
            assert!((with_hole - (full - hole)).abs() < 1e-6, "{with_hole}");
        }
        assert!(within(full, 4.0 * 12_308.0, 0.01), "{full}");
    }

    #[test]
    fn empty_multipolygon_has_no_area() {
        assert_eq!(area_km2(&MultiPolygon::new(vec![])), 0.0);
    }

    #[test]
    fn distance_to_equator_segment_is_one_meridian_degree() {
        // From (0°, 1° N) the nearest point of the equator is (0°, 0°); the meridian arc of the
        // first degree of latitude is 110.574 km (WGS84).
        let equator = line_string![(x: -1.0, y: 0.0), (x: 1.0, y: 0.0)];
        let p = Point::new(0.0, 1.0);
        let d = distance_to_line_km(p, &equator);
        assert!((d - 110.574).abs() < 0.01, "{d}");
        let n = nearest_point_on_line(p, &equator).expect("non-empty");
        assert!(n.x().abs() < 1e-6 && n.y().abs() < 1e-6, "{n:?}");
    }

    #[test]
    fn distance_to_meridian_foot_is_poleward() {
        // From (10° E, 50° N) to the meridian 0° between 40° and 60° N. On a sphere the foot of
        // the perpendicular is at atan(tan 50° / cos 10°) = 50.43° N and the distance is
        // asin(cos 50° · sin 10°) · R = 712.6 km for R = 6371 km; the ellipsoid differs by < 0.5 %.
        let meridian = line_string![(x: 0.0, y: 40.0), (x: 0.0, y: 60.0)];
        let p = Point::new(10.0, 50.0);
        let d = distance_to_line_km(p, &meridian);
        assert!(within(d, 712.6, 0.005), "{d}");
        let n = nearest_point_on_line(p, &meridian).expect("non-empty");
        assert!((n.y() - 50.43).abs() < 0.05 && n.x().abs() < 1e-6, "{n:?}");
        // Brute force along the meridian confirms the minimum to 1 m.
        let brute = (0..=200_000)
            .map(|i| Geodesic.distance(p, Point::new(0.0, 40.0 + 20.0 * f64::from(i) / 200_000.0)))
            .fold(f64::INFINITY, f64::min);
        assert!(
            (d * 1000.0 - brute).abs() < 1.0,
            "{d} km vs brute {brute} m"
        );
    }

    #[test]
    fn nearest_is_a_vertex_beyond_the_ends() {
        // Paris lies beyond the London end of a line running north from London.
        let line = line_string![(x: -0.1278, y: 51.5074), (x: -0.1278, y: 53.0)];
        let d = distance_to_line_km(PARIS, &line);
        assert!((d - 343.923).abs() < 0.001, "{d}");
    }

    #[test]
    fn picks_the_nearest_of_many_segments() {
        // A zig-zag near Kostiantynivka (48.53 N, 37.71 E): the nearest segment is the one
        // passing 0.1° of longitude east, ≈ 7.4 km at this latitude.
        let line = line_string![
            (x: 38.5, y: 47.0), (x: 38.5, y: 48.0), (x: 37.81, y: 48.0),
            (x: 37.81, y: 49.0), (x: 38.5, y: 49.0), (x: 38.5, y: 50.0)
        ];
        let p = Point::new(37.71, 48.53);
        let d = distance_to_line_km(p, &line);
        let pos = locate_on_line(p, &line).expect("non-empty");
        assert_eq!(pos.segment, 2);
        assert!(within(d, 7.386, 0.005), "{d}");
        assert!(d <= distance_km(p, Point::new(37.81, 48.53)) + 1e-6);
    }

    /// Karney's area of a polygon, m² (the reference the local projection is held to).
    fn karney_area_km2(polygon: &Polygon) -> f64 {
        let ring = |r: &LineString| Polygon::new(r.clone(), vec![]).geodesic_area_signed().abs();
        (ring(polygon.exterior()) - polygon.interiors().iter().map(ring).sum::<f64>()) / M2_PER_KM2
    }

    #[test]
    fn local_areas_match_karney_on_the_map_and_on_slivers() {
        let map = crate::model::BaseMap::bundled().expect("bundled map");
        let ukraine = map.ukraine().expect("Ukraine").geometry.clone();
        let mut checked = 0;
        let mut areas: Vec<Polygon> = ukraine.0.clone();
        for iso in ["UA-14", "UA-09", "UA-43"] {
            areas.extend(map.oblast(iso).expect("oblast").geometry.0.clone());
        }
        // A 10 m wide sliver 20 km long, and a 30 km triangle, near the front.
        areas.push(polygon![(x: 37.0, y: 48.0), (x: 37.0, y: 48.18), (x: 37.000134, y: 48.18)]);
        areas.push(polygon![(x: 37.0, y: 48.0), (x: 37.4, y: 48.0), (x: 37.2, y: 48.27)]);
        for polygon in &areas {
            let (fast, exact) = (polygon_area_km2(polygon), karney_area_km2(polygon));
            assert!(
                (fast - exact).abs() <= 1e-4 * exact + 1e-9,
                "{fast} vs {exact} km²"
            );
            checked += usize::from(local_ring_area_m2(&polygon.exterior().0).is_some());
        }
        assert!(
            checked >= areas.len() - 1,
            "the shortcut was taken: {checked}"
        );
        // Long edges (a guarantee area of a few clicks, a 1° cell) are followed along their
        // geodesics; a ring wider than 30° goes to Karney's algorithm itself.
        for polygon in [
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)],
            polygon![(x: 30.0, y: 46.0), (x: 38.0, y: 47.0), (x: 39.5, y: 50.5), (x: 31.0, y: 51.0)],
            polygon![(x: 33.0, y: 47.0), (x: 37.0, y: 47.0), (x: 37.01, y: 47.01), (x: 37.0, y: 47.02)],
        ] {
            assert!(local_ring_area_m2(&polygon.exterior().0).is_some());
            let (fast, exact) = (polygon_area_km2(&polygon), karney_area_km2(&polygon));
            assert!(
                (fast - exact).abs() <= 1e-4 * exact,
                "{fast} vs {exact} km²"
            );
        }
        let wide = polygon![(x: 0.0, y: 40.0), (x: 40.0, y: 40.0), (x: 20.0, y: 60.0)];
        assert!(local_ring_area_m2(&wide.exterior().0).is_none());
    }

    #[test]
    fn short_edge_lengths_match_karney() {
        for (a, b) in [
            ((37.0, 48.0), (37.5, 48.5)),
            ((37.0, 48.0), (37.0, 48.5)),
            ((37.0, 48.0), (37.5, 48.0)),
            ((24.0, 49.8), (24.001, 49.8003)),
            ((-0.2, 51.5), (0.3, 51.2)),
        ] {
            let (a, b) = (Coord { x: a.0, y: a.1 }, Coord { x: b.0, y: b.1 });
            let exact = Geodesic.distance(Point::from(a), Point::from(b));
            let fast = edge_length_m(a, b);
            assert!((fast - exact).abs() <= 1e-5 * exact, "{fast} vs {exact} m");
        }
    }

    /// The nearest point by brute force: Karney's distance to points every ~10 m along each
    /// geodesic segment, then the least of those.
    fn brute_distance_m(p: Point, line: &LineString) -> f64 {
        let g = &*WGS84;
        line.lines()
            .map(|l| {
                let (len, azi, _, _): (f64, f64, f64, f64) =
                    g.inverse(l.start.y, l.start.x, l.end.y, l.end.x);
                let steps = (len / 10.0).ceil().max(1.0) as usize;
                (0..=steps)
                    .map(|k| {
                        let (lat, lon): (f64, f64) =
                            g.direct(l.start.y, l.start.x, azi, len * k as f64 / steps as f64);
                        g.inverse(lat, lon, p.y(), p.x())
                    })
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn nearest_points_match_brute_force_near_and_far() {
        // A few km-long zig-zag like a front line, queried from near (belt cities), a few
        // hundred km (Kyiv) and across Europe (Rzeszów).
        let line = line_string![
            (x: 37.9, y: 49.6), (x: 37.8, y: 49.3), (x: 37.95, y: 49.0), (x: 37.85, y: 48.7),
            (x: 37.75, y: 48.45), (x: 37.5, y: 48.2), (x: 37.2, y: 48.0)
        ];
        let index = LineIndex::new(&line);
        for p in [
            Point::new(37.60, 48.85),
            Point::new(37.71, 48.53),
            Point::new(37.86, 49.01),
            KYIV,
            Point::new(22.0, 50.04),
        ] {
            let brute = brute_distance_m(p, &line);
            let scanned = locate_on_line(p, &line).expect("a line").distance_m;
            let indexed = index.locate(p).expect("a line").distance_m;
            // Brute force samples every 10 m: it may lie a few mm above the minimum.
            assert!(
                (scanned - brute).abs() < 0.01 + 1e-7 * brute,
                "{scanned} vs {brute}"
            );
            assert!((indexed - scanned).abs() < 1e-6, "{indexed} vs {scanned}");
        }
        assert!(
            LineIndex::new(&LineString::new(vec![]))
                .locate(KYIV)
                .is_none()
        );
        assert_eq!(
            LineIndex::new(&line_string![(x: 0.0, y: 51.5)])
                .locate(PARIS)
                .map(|p| p.segment),
            Some(0)
        );
    }

    #[test]
    fn distances_of_many_points_are_each_points_distance() {
        let line: LineString = vec![(36.0, 47.0), (37.0, 48.5), (38.5, 48.0), (39.0, 49.0)].into();
        let points: Vec<Point> = [(36.5, 48.0), (38.0, 47.0), (39.5, 49.5), (37.0, 48.5)]
            .into_iter()
            .map(Point::from)
            .collect();
        let many = distances_to_line_km(&points, &line);
        assert_eq!(many.len(), points.len());
        for (p, d) in points.iter().zip(&many) {
            assert_eq!(*d, distance_to_line_km(*p, &line), "{p:?}");
        }
        assert!(
            many.iter().any(|d| *d > 10.0) && many.contains(&0.0),
            "{many:?}"
        );
    }

    #[test]
    fn point_on_line_is_at_zero() {
        let line = line_string![(x: 30.0, y: 50.0), (x: 31.0, y: 50.0), (x: 31.0, y: 51.0)];
        let d = distance_to_line_km(Point::new(31.0, 50.5), &line);
        assert!(d < 1e-6, "{d}");
    }
}

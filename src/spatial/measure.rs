//! Geodesic measures on the WGS84 ellipsoid (Karney's algorithms through geo's `Geodesic`
//! metric): areas in km², lengths and distances in km.
//!
//! The edges of a line are geodesics between its vertices. The bundled lines have vertices at
//! most a few km apart, where a geodesic and a straight lon/lat segment differ by millimetres.

use super::projection::LocalProjection;
use geo::{
    Bearing, Destination, Distance, Geodesic, GeodesicArea, Length, LineString, MultiPolygon,
    Point, Polygon,
};

/// Square metres in a square kilometre.
const M2_PER_KM2: f64 = 1.0e6;
/// Metres in a kilometre.
const M_PER_KM: f64 = 1.0e3;

/// The area enclosed by one ring, m², whatever its winding.
fn ring_area_m2(ring: &LineString) -> f64 {
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

/// The geodesic length of a line, km (0 for an empty or one-point line).
pub fn length_km(line: &LineString) -> f64 {
    Geodesic.length(line) / M_PER_KM
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

/// Planar point-to-segment distance from the origin, metres, with the segment in local metres.
fn planar_distance_from_origin(a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len2 = d[0] * d[0] + d[1] * d[1];
    let t = if len2 > 0.0 {
        (-(a[0] * d[0] + a[1] * d[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a[0] + t * d[0]).hypot(a[1] + t * d[1])
}

/// The nearest point to `point` on the geodesic from `a` to `b`: `(fraction, nearest, metres)`.
fn nearest_on_segment(point: Point, a: Point, b: Point) -> (f64, Point, f64) {
    let length = Geodesic.distance(a, b);
    let at_a = (0.0, a, Geodesic.distance(point, a));
    if length <= 0.0 {
        return at_a;
    }
    let bearing = Geodesic.bearing(a, b);
    let at = |t: f64| {
        let p = Geodesic.destination(a, bearing, t * length);
        (t, p, Geodesic.distance(point, p))
    };
    // Golden-section search: the distance from a point to a geodesic shorter than half the
    // Earth is unimodal along it. Stop at a sub-millimetre bracket.
    let inv_phi = (5.0_f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let mut c = at(hi - inv_phi * (hi - lo));
    let mut d = at(lo + inv_phi * (hi - lo));
    let mut iterations = 0;
    while (hi - lo) * length > 1e-4 && iterations < 200 {
        iterations += 1;
        if c.2 <= d.2 {
            hi = d.0;
            d = c;
            c = at(hi - inv_phi * (hi - lo));
        } else {
            lo = c.0;
            c = d;
            d = at(lo + inv_phi * (hi - lo));
        }
    }
    let inside = at(0.5 * (lo + hi));
    let at_b = (1.0, b, Geodesic.distance(point, b));
    [at_a, at_b, c, d]
        .into_iter()
        .fold(inside, |best, x| if x.2 < best.2 { x } else { best })
}

/// The nearest point of `line` to `point` and where it lies; `None` for an empty line.
///
/// Candidate segments are found in an azimuthal equidistant projection centred on `point` (cheap,
/// nearly exact near the point); each candidate is then refined geodesically along its geodesic.
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
    let projection = LocalProjection::azimuthal_equidistant([point.x(), point.y()]);
    let local: Vec<[f64; 2]> = line
        .0
        .iter()
        .map(|c| projection.project([c.x, c.y]))
        .collect();
    // A planar estimate and its error bound per segment: the projected segment is a chord of a
    // curve whose bow grows with the segment's length and its distance from the centre.
    let estimates: Vec<(usize, f64, f64)> = local
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| match w {
            [a, b] => {
                let estimate = planar_distance_from_origin(*a, *b);
                let length = (b[0] - a[0]).hypot(b[1] - a[1]);
                let slack = 0.02 * length + 0.01 * estimate + 100.0;
                Some((i, estimate, slack))
            }
            _ => None,
        })
        .filter(|(_, e, _)| e.is_finite())
        .collect();
    let bound = estimates
        .iter()
        .map(|(_, e, s)| e + s)
        .fold(f64::INFINITY, f64::min);
    let mut best: Option<LinePosition> = None;
    for &(i, estimate, slack) in &estimates {
        if estimate - slack > bound {
            continue;
        }
        let (Some(a), Some(b)) = (line.0.get(i), line.0.get(i + 1)) else {
            continue;
        };
        let (fraction, p, distance_m) = nearest_on_segment(point, Point::from(*a), Point::from(*b));
        if best.is_none_or(|best| distance_m < best.distance_m) {
            best = Some(LinePosition {
                segment: i,
                fraction,
                point: p,
                distance_m,
            });
        }
    }
    // Only if every projected vertex was non-finite (the antipode): fall back to the vertices.
    best.or_else(|| {
        line.0
            .iter()
            .enumerate()
            .map(|(i, c)| (i, Geodesic.distance(point, Point::from(*c)), *c))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(i, d, c)| LinePosition {
                segment: i.saturating_sub(usize::from(i + 1 == line.0.len())),
                fraction: if i + 1 == line.0.len() { 1.0 } else { 0.0 },
                point: Point::from(c),
                distance_m: d,
            })
    })
}

/// The geodesic distance from `point` to the nearest point of `line`, km; infinite for an
/// empty line.
pub fn distance_to_line_km(point: Point, line: &LineString) -> f64 {
    locate_on_line(point, line).map_or(f64::INFINITY, |p| p.distance_m / M_PER_KM)
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

    #[test]
    fn point_on_line_is_at_zero() {
        let line = line_string![(x: 30.0, y: 50.0), (x: 31.0, y: 50.0), (x: 31.0, y: 51.0)];
        let d = distance_to_line_km(Point::new(31.0, 50.5), &line);
        assert!(d < 1e-6, "{d}");
    }
}

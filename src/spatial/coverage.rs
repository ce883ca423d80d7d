//! How much of a line lies within reach of a set of points (monitors on a demarcation line).
//!
//! For each point, the line's segments near it are projected into an azimuthal equidistant
//! projection centred on that point, where the circle of the given radius is a true circle (to
//! the projection's ~0.2 % at 500 km, far less at monitor ranges), and the stretch of each
//! segment inside it is found in closed form. The covered stretches of a segment are merged and
//! weighed by the segment's geodesic length.

use super::measure::{edge_length_m, length_km};
use super::projection::LocalProjection;
use geo::{Coord, LineString, Point};

/// The covered share of a line and the stretches left uncovered.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Covered length over total length, 0…1 (0 for a line of zero length).
    pub share: f64,
    /// The stretches no point covers, WGS84 lon/lat.
    pub uncovered: Vec<LineString>,
}

/// Kilometres per degree of latitude, rounded up: a safe bound for pre-selecting segments.
const KM_PER_DEGREE_MAX: f64 = 112.0;

/// The parameter interval `[t0, t1]` of segment `a`→`b` (planar, metres) inside the circle of
/// `radius` around the origin, if any.
fn inside_circle(a: [f64; 2], b: [f64; 2], radius: f64) -> Option<(f64, f64)> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let qa = d[0] * d[0] + d[1] * d[1];
    let qb = 2.0 * (a[0] * d[0] + a[1] * d[1]);
    let qc = a[0] * a[0] + a[1] * a[1] - radius * radius;
    if qa <= 0.0 {
        return (qc <= 0.0).then_some((0.0, 1.0));
    }
    let disc = qb * qb - 4.0 * qa * qc;
    if disc < 0.0 {
        return None;
    }
    let root = disc.sqrt();
    let t0 = ((-qb - root) / (2.0 * qa)).max(0.0);
    let t1 = ((-qb + root) / (2.0 * qa)).min(1.0);
    (t0 < t1).then_some((t0, t1))
}

/// The share of `line` within `radius_km` (geodesic) of any of `centres`, and the uncovered
/// stretches.
pub fn coverage(line: &LineString, centres: &[Point], radius_km: f64) -> Coverage {
    let segments: Vec<(Coord, Coord)> = line.lines().map(|l| (l.start, l.end)).collect();
    let mut covered: Vec<Vec<(f64, f64)>> = vec![Vec::new(); segments.len()];
    let radius_m = radius_km * 1000.0;
    for centre in centres {
        let projection = LocalProjection::azimuthal_equidistant([centre.x(), centre.y()]);
        let reach_lat = radius_km / KM_PER_DEGREE_MAX * 1.01 + 1e-9;
        let cos_lat = centre.y().to_radians().cos().max(0.05);
        let reach_lon = reach_lat / cos_lat;
        // The previous segment's projected end, by segment: the next one starts there.
        let mut last_end: Option<(usize, [f64; 2])> = None;
        for (i, ((a, b), intervals)) in segments.iter().zip(covered.iter_mut()).enumerate() {
            // The segment's bounding box, grown by the reach, must hold the centre.
            if centre.x() < a.x.min(b.x) - reach_lon
                || centre.x() > a.x.max(b.x) + reach_lon
                || centre.y() < a.y.min(b.y) - reach_lat
                || centre.y() > a.y.max(b.y) + reach_lat
            {
                continue;
            }
            let pa = match last_end {
                Some((k, p)) if k + 1 == i => p,
                _ => projection.project([a.x, a.y]),
            };
            let pb = projection.project([b.x, b.y]);
            last_end = Some((i, pb));
            if let Some(interval) = inside_circle(pa, pb, radius_m) {
                intervals.push(interval);
            }
        }
    }
    let mut total = 0.0;
    let mut inside = 0.0;
    let mut uncovered: Vec<LineString> = Vec::new();
    let mut open: Vec<Coord> = Vec::new();
    let at = |a: Coord, b: Coord, t: f64| Coord {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    for ((a, b), intervals) in segments.iter().zip(covered.iter_mut()) {
        let length = edge_length_m(*a, *b) / 1000.0;
        total += length;
        intervals.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for &(t0, t1) in intervals.iter() {
            match merged.last_mut() {
                Some(last) if t0 <= last.1 => last.1 = last.1.max(t1),
                _ => merged.push((t0, t1)),
            }
        }
        inside += merged.iter().map(|(t0, t1)| t1 - t0).sum::<f64>() * length;
        // Walk the segment, opening and closing uncovered stretches.
        let mut t = 0.0;
        for &(t0, t1) in &merged {
            if t0 > t {
                if open.is_empty() {
                    open.push(at(*a, *b, t));
                }
                open.push(at(*a, *b, t0));
            }
            if open.len() >= 2 {
                uncovered.push(LineString::new(std::mem::take(&mut open)));
            }
            open.clear();
            t = t1;
        }
        if t < 1.0 {
            if open.is_empty() {
                open.push(at(*a, *b, t));
            }
            open.push(*b);
        }
    }
    if open.len() >= 2 {
        uncovered.push(LineString::new(open));
    }
    uncovered.retain(|l| length_km(l) > 1e-6);
    Coverage {
        share: if total > 0.0 {
            (inside / total).clamp(0.0, 1.0)
        } else {
            0.0
        },
        uncovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::distance_to_line_km;
    use geo::{Distance, Geodesic, line_string};

    #[test]
    fn one_monitor_on_a_meridian_covers_twice_its_radius() {
        // A 4° meridian (≈ 444 km); a monitor on it covers 2 × 30 km of it.
        let line = line_string![(x: 37.0, y: 46.0), (x: 37.0, y: 50.0)];
        let c = coverage(&line, &[Point::new(37.0, 48.0)], 30.0);
        let total = length_km(&line);
        let expected = 60.0 / total;
        assert!(
            (c.share - expected).abs() < 0.005 * expected,
            "{} vs {expected}",
            c.share
        );
        assert_eq!(c.uncovered.len(), 2);
    }

    #[test]
    fn covered_stretch_ends_at_the_geodesic_radius() {
        // A monitor 20 km east of a north–south line covers 2·√(30² − 20²) ≈ 44.7 km of it; the
        // ends of the covered stretch lie 30 km (geodesic) from the monitor, to 0.5 %.
        let line = line_string![(x: 36.0, y: 47.0), (x: 36.0, y: 49.0)];
        let monitor = Point::new(36.0 + 20.0 / (111.32 * 48f64.to_radians().cos()), 48.0);
        let off = distance_to_line_km(monitor, &line);
        let c = coverage(&line, &[monitor], 30.0);
        let expected = 2.0 * (30.0f64.powi(2) - off * off).sqrt();
        let got = c.share * length_km(&line);
        assert!(
            (got - expected).abs() < 0.005 * expected,
            "{got} vs {expected}"
        );
        let end = c.uncovered[0].0.last().copied().expect("end");
        let d = Geodesic.distance(monitor, Point::from(end)) / 1000.0;
        assert!((d - 30.0).abs() < 0.15, "{d}");
    }

    #[test]
    fn overlapping_monitors_are_not_counted_twice() {
        let line = line_string![(x: 37.0, y: 46.0), (x: 37.0, y: 50.0)];
        let one = coverage(&line, &[Point::new(37.0, 48.0)], 30.0);
        let two = coverage(
            &line,
            &[Point::new(37.0, 48.0), Point::new(37.0, 48.0)],
            30.0,
        );
        assert!((one.share - two.share).abs() < 1e-12);
        let none = coverage(&line, &[], 30.0);
        assert_eq!(none.share, 0.0);
        assert_eq!(none.uncovered.len(), 1);
    }
}

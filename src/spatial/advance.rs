//! How far an area reaches beyond a line: the point of the area furthest from the line and its
//! geodesic distance (the "furthest advance" of the area a proposal cedes, from today's line).
//!
//! The furthest point lies on the area's boundary, but the distance to a polyline is not convex
//! along an edge (it peaks where two stretches of the line are equally near), so it need not be
//! a vertex. Each polygon of the area is taken on its own, in an azimuthal equidistant
//! projection centred on it (planar distances within 0.5 % of geodesic at these sizes), against
//! only the segments of the line that can be nearest to some point of it (from the line's
//! R-tree, [`LineIndex::segments_near`]): a proposal drawn along today's line cedes hundreds of
//! slivers, and each is compared with two or three segments, not the whole line. The boundary is
//! sampled every 1 km; every sample that may lie within a step of the maximum (the distance
//! changes by at most the step between samples) is refined to ~50 m, and the best point is
//! measured geodesically.

use super::measure::{LineIndex, edge_length_m};
use super::projection::LocalProjection;
use geo::{BoundingRect, Coord, MultiPolygon, Point};
use rstar::{RTree, primitives::GeomWithData};

/// Sampling step along the area's boundary, km.
const STEP_KM: f64 = 1.0;

/// How many of the best samples are refined (more would only matter for an area whose boundary
/// runs parallel to the line for a long way, where they all give about the same figure).
const REFINED_SAMPLES: usize = 32;

/// Subdivisions of the two steps around a sample when refining it (~50 m for 1 km steps).
const REFINE_STEPS: usize = 40;

/// One polygon of the area in its own projection, with the line's segments near it.
struct Patch {
    segments: Vec<([f64; 2], [f64; 2])>,
    /// The segments in an R-tree, for a patch with many (a large ceded area faces a long
    /// stretch of the line); a few are scanned.
    tree: Option<RTree<GeomWithData<SegmentLine, usize>>>,
}

/// A segment of the line, projected.
type Segment = ([f64; 2], [f64; 2]);

/// A ring's vertices: lon/lat, projected, and their distance to the line (NaN if not measured).
type MeasuredRing = Vec<(Coord, [f64; 2], f64)>;

/// A projected segment as the R-tree holds it.
type SegmentLine = rstar::primitives::Line<[f64; 2]>;

/// Vertices beyond which a polygon's vertices are measured first, to skip edges.
const LARGE_POLYGON_VERTICES: usize = 64;

/// Segments beyond which a patch indexes them.
const INDEXED_SEGMENTS: usize = 16;

impl Patch {
    fn new(segments: Vec<([f64; 2], [f64; 2])>) -> Self {
        let tree = (segments.len() > INDEXED_SEGMENTS).then(|| {
            RTree::bulk_load(
                segments
                    .iter()
                    .enumerate()
                    .map(|(i, (a, b))| GeomWithData::new(SegmentLine::new(*a, *b), i))
                    .collect(),
            )
        });
        Self { segments, tree }
    }

    /// The planar distance from `p` to the nearest segment, metres.
    fn nearest(&self, p: [f64; 2]) -> f64 {
        match &self.tree {
            Some(tree) => tree.nearest_neighbor(&p).map_or(f64::INFINITY, |s| {
                segment_distance(p, s.geom().from, s.geom().to)
            }),
            None => distance_to(p, &self.segments),
        }
    }

    /// The segments that may be nearest to some point within `radius` (metres) of `p`: those
    /// within twice the radius beyond the nearest one (the same bound as for the polygon).
    fn near(&self, p: [f64; 2], radius: f64) -> Vec<([f64; 2], [f64; 2])> {
        self.near_with_nearest(p, radius, None).1
    }

    /// [`Self::near`] and the distance from `p` to the nearest segment (`nearest`, if known);
    /// no segments when that distance plus `radius` stays below `floor`.
    fn near_with_nearest(
        &self,
        p: [f64; 2],
        radius: f64,
        nearest: Option<f64>,
    ) -> (f64, Vec<Segment>) {
        let bound = |nearest: f64| nearest + 2.0 * radius * 1.02 + 1.0;
        match &self.tree {
            Some(tree) => {
                let nearest = nearest.unwrap_or_else(|| self.nearest(p));
                let bound = bound(nearest);
                let near = tree
                    .locate_within_distance(p, bound * bound)
                    .filter_map(|s| self.segments.get(s.data).copied())
                    .collect();
                (nearest, near)
            }
            None => {
                let distances: Vec<f64> = self
                    .segments
                    .iter()
                    .map(|(a, b)| segment_distance(p, *a, *b))
                    .collect();
                let nearest = distances.iter().copied().fold(f64::INFINITY, f64::min);
                let bound = bound(nearest);
                let near = self
                    .segments
                    .iter()
                    .zip(&distances)
                    .filter(|(_, d)| **d <= bound)
                    .map(|(s, _)| *s)
                    .collect();
                (nearest, near)
            }
        }
    }
}

/// Planar distance from `p` to the nearest of `segments`, metres.
fn distance_to(p: [f64; 2], segments: &[([f64; 2], [f64; 2])]) -> f64 {
    segments
        .iter()
        .map(|(a, b)| segment_distance(p, *a, *b))
        .fold(f64::INFINITY, f64::min)
}

/// A point sampled on an edge of the area: its planar distance to the line, its patch, the
/// edge in lon/lat and projected, and where on the edge (0…1) with the step between samples.
struct Sample {
    distance: f64,
    patch: usize,
    start: Coord,
    end: Coord,
    local_start: [f64; 2],
    local_end: [f64; 2],
    t: f64,
    dt: f64,
}

fn lerp2(a: [f64; 2], b: [f64; 2], t: f64) -> [f64; 2] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// The point of `area` furthest from the indexed line and its geodesic distance, km; `(0,
/// None)` for an empty area or line.
pub fn furthest_beyond(area: &MultiPolygon, line: &LineIndex) -> (f64, Option<Point>) {
    // Each polygon projected, with its patch and its vertices' distances to the line.
    let mut patches: Vec<Patch> = Vec::new();
    // Lower and upper bounds of each polygon's distances, in `polygons`' order.
    let mut bounds: Vec<(f64, f64)> = Vec::new();
    // (NaN where a vertex's distance is not known.)
    let mut polygons: Vec<(usize, Vec<MeasuredRing>)> = Vec::new();
    for polygon in area {
        let Some(bbox) = polygon.bounding_rect() else {
            continue;
        };
        let centre = bbox.center();
        let projection = LocalProjection::azimuthal_equidistant([centre.x, centre.y]);
        let rings: Vec<Vec<(Coord, [f64; 2])>> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| {
                ring.0
                    .iter()
                    .map(|c| (*c, projection.project([c.x, c.y])))
                    .collect()
            })
            .collect();
        let radius_m = rings
            .iter()
            .flatten()
            .map(|(_, [x, y])| x.hypot(*y))
            .fold(0.0, f64::max);
        // Edges are straight in lon/lat, slightly bent when projected: a margin for that.
        let reach_m = radius_m * 1.02 + 100.0;
        let segments: Vec<([f64; 2], [f64; 2])> = line
            .segments_near(Point::from(centre), reach_m)
            .into_iter()
            .filter_map(|i| match (line.line().0.get(i), line.line().0.get(i + 1)) {
                (Some(a), Some(b)) => Some((
                    projection.project([a.x, a.y]),
                    projection.project([b.x, b.y]),
                )),
                _ => None,
            })
            .collect();
        if segments.is_empty() {
            continue;
        }
        let patch = Patch::new(segments);
        // Every point of the polygon lies within `radius_m` of its centre, so its distance to
        // the line lies within that of the centre's: bounds for skipping whole polygons.
        let centre_distance = patch.nearest([0.0, 0.0]);
        bounds.push((
            centre_distance - radius_m * 1.01,
            centre_distance + radius_m * 1.01,
        ));
        // Known only for a large polygon (many vertices, or facing many segments): for a
        // sliver the bound would cost as much as the samples it could skip.
        let vertices: usize = rings.iter().map(Vec::len).sum();
        let large = patch.tree.is_some() || vertices > LARGE_POLYGON_VERTICES;
        let rings = rings
            .into_iter()
            .map(|ring| {
                ring.into_iter()
                    .map(|(c, local)| {
                        let d = if large {
                            patch.nearest(local)
                        } else {
                            f64::NAN
                        };
                        (c, local, d)
                    })
                    .collect()
            })
            .collect();
        polygons.push((patches.len(), rings));
        patches.push(patch);
    }
    // Every vertex is a sample, so the furthest vertex bounds the best sample from below (as
    // does each polygon's lower bound); an edge whose start plus its length (the distance
    // changes by at most the way travelled) stays more than a step below that holds no sample
    // worth keeping, and is not sampled.
    let reach = STEP_KM * 1000.0 * 1.01;
    let floor = polygons
        .iter()
        .flat_map(|(_, rings)| rings.iter().flatten())
        .map(|(_, _, d)| *d)
        .filter(|d| !d.is_nan())
        .fold(f64::NEG_INFINITY, f64::max)
        .max(bounds.iter().map(|b| b.0).fold(f64::NEG_INFINITY, f64::max));
    // A polygon whose every point stays more than a step below that holds no sample worth
    // keeping (a sliver far from where the area reaches furthest).
    let mut polygons: Vec<_> = polygons
        .into_iter()
        .zip(&bounds)
        .filter(|(_, (_, upper))| *upper >= floor - reach)
        .map(|(polygon, _)| polygon)
        .collect();
    let mut samples: Vec<Sample> = Vec::new();
    // The best sample so far bounds the best from below too; the largest polygons first,
    // where the furthest point usually is.
    let mut best_so_far = floor;
    polygons.sort_by_key(|(_, rings)| std::cmp::Reverse(rings.iter().map(Vec::len).sum::<usize>()));
    for (index, rings) in &polygons {
        let Some(patch) = patches.get(*index) else {
            continue;
        };
        for ring in rings {
            for edge in ring.windows(2) {
                let [(start, local_start, start_distance), (end, local_end, _)] = edge else {
                    continue;
                };
                // Planar metres: the projection keeps distances from its centre, and edges
                // are short against the patch.
                let planar_length =
                    (local_end[0] - local_start[0]).hypot(local_end[1] - local_start[1]);
                // (An unknown distance, NaN, never skips here.)
                if start_distance + planar_length * 1.01 < best_so_far - reach {
                    continue;
                }
                // Only the segments that can be nearest to a point of this edge.
                let known = (!start_distance.is_nan()).then_some(*start_distance);
                let (start_distance, near) =
                    patch.near_with_nearest(*local_start, planar_length, known);
                if start_distance + planar_length * 1.01 < best_so_far - reach {
                    continue;
                }
                let length_km = edge_length_m(*start, *end) / 1000.0;
                // Whole steps along an edge; f64→usize saturates, and an edge is < 10,000 km.
                let steps = ((length_km / STEP_KM).ceil() as usize).clamp(1, 10_000);
                let dt = 1.0 / steps as f64;
                for k in 0..steps {
                    let t = k as f64 * dt;
                    let distance = distance_to(lerp2(*local_start, *local_end, t), &near);
                    best_so_far = best_so_far.max(distance);
                    samples.push(Sample {
                        distance,
                        patch: *index,
                        start: *start,
                        end: *end,
                        local_start: *local_start,
                        local_end: *local_end,
                        t,
                        dt,
                    });
                }
            }
        }
    }
    let Some(best) = samples.iter().map(|s| s.distance).reduce(f64::max) else {
        return (0.0, None);
    };
    // Planar units are metres; a sample more than a step below the best cannot lead to it.
    samples.retain(|s| s.distance >= best - reach);
    if samples.len() > REFINED_SAMPLES {
        samples.select_nth_unstable_by(REFINED_SAMPLES, |a, b| b.distance.total_cmp(&a.distance));
        samples.truncate(REFINED_SAMPLES);
    }
    samples.sort_by(|a, b| b.distance.total_cmp(&a.distance));
    let mut furthest: Option<(f64, Coord)> = None;
    for s in &samples {
        let Some(patch) = patches.get(s.patch) else {
            continue;
        };
        // The refined points lie within a step of the sample.
        let step =
            s.dt * (s.local_end[0] - s.local_start[0]).hypot(s.local_end[1] - s.local_start[1]);
        let near = patch.near(lerp2(s.local_start, s.local_end, s.t), step);
        for k in 0..=2 * REFINE_STEPS {
            let t = (s.t - s.dt + s.dt * k as f64 / REFINE_STEPS as f64).clamp(0.0, 1.0);
            let d = distance_to(lerp2(s.local_start, s.local_end, t), &near);
            if furthest.is_none_or(|(b, _)| d > b) {
                let c = Coord {
                    x: s.start.x + (s.end.x - s.start.x) * t,
                    y: s.start.y + (s.end.y - s.start.y) * t,
                };
                furthest = Some((d, c));
            }
        }
    }
    match furthest {
        Some((_, c)) => {
            let p = Point::from(c);
            (line.distance_km(p), Some(p))
        }
        None => (0.0, None),
    }
}

/// Planar distance from `p` to segment `a`–`b`.
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len2 = d[0] * d[0] + d[1] * d[1];
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * d[0] - p[0], a[1] + t * d[1] - p[1]);
    // Metres on a map: no overflow for `hypot` to guard against, and it costs ten times more.
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::distance_to_line_km;
    use geo::{LineString, line_string, polygon};

    #[test]
    fn a_triangle_east_of_a_meridian_reaches_its_far_vertex() {
        let line = line_string![(x: 37.0, y: 47.0), (x: 37.0, y: 49.0)];
        let area = MultiPolygon::new(vec![polygon![
            (x: 37.0, y: 47.8), (x: 37.3, y: 48.0), (x: 37.0, y: 48.2)
        ]]);
        let (km, at) = furthest_beyond(&area, &LineIndex::new(&line));
        let at = at.expect("a point");
        assert!(
            (at.x() - 37.3).abs() < 1e-9 && (at.y() - 48.0).abs() < 1e-9,
            "{at:?}"
        );
        let exact = distance_to_line_km(Point::new(37.3, 48.0), &line);
        assert!((km - exact).abs() < 1e-9, "{km} vs {exact}");
        assert!((km - 22.3).abs() < 0.3, "{km}");
    }

    #[test]
    fn the_peak_between_two_stretches_of_the_line_is_found_inside_an_edge() {
        // A line bending round a rectangle's far edge: the far edge's midpoint is furthest
        // from both stretches, and no vertex is.
        let line: LineString = line_string![
            (x: 36.0, y: 48.0), (x: 36.5, y: 48.0), (x: 37.0, y: 48.5), (x: 37.5, y: 48.0),
            (x: 38.0, y: 48.0)
        ];
        let area = MultiPolygon::new(vec![polygon![
            (x: 36.6, y: 48.0), (x: 37.4, y: 48.0), (x: 37.4, y: 47.9), (x: 36.6, y: 47.9)
        ]]);
        let (km, at) = furthest_beyond(&area, &LineIndex::new(&line));
        let at = at.expect("a point");
        assert!(
            (at.x() - 37.0).abs() < 0.01 && (at.y() - 47.9).abs() < 1e-9,
            "{at:?}"
        );
        // Brute force over the far edge.
        let brute = (0..=800)
            .map(|i| distance_to_line_km(Point::new(36.6 + 0.001 * f64::from(i), 47.9), &line))
            .fold(0.0, f64::max);
        assert!((km - brute).abs() < 0.01 * brute, "{km} vs {brute}");
    }

    #[test]
    fn a_large_area_facing_many_segments_agrees_with_brute_force() {
        // A zigzag line of 80 segments (indexed, and most of the area's edges are skipped)
        // with a lobe east of it and slivers along it.
        let line: LineString = (0..=80)
            .map(|i| {
                let y = 47.0 + 0.025 * f64::from(i);
                (37.0 + if i % 2 == 0 { 0.0 } else { 0.01 }, y)
            })
            .collect::<Vec<_>>()
            .into();
        let lobe: Vec<(f64, f64)> = (0..=90)
            .map(|k| {
                let a = std::f64::consts::PI * f64::from(k) / 90.0;
                (
                    37.01 + 0.4 * a.sin() * (1.0 + 0.2 * (5.0 * a).sin()),
                    48.0 - 0.6 * a.cos(),
                )
            })
            .collect();
        let mut polygons = vec![geo::Polygon::new(lobe.into(), vec![])];
        for k in 0..5 {
            let y = 47.1 + 0.05 * f64::from(k);
            polygons.push(
                polygon![(x: 36.99, y: y), (x: 36.995, y: y + 0.01), (x: 36.99, y: y + 0.02)],
            );
        }
        let area = MultiPolygon::new(polygons);
        let (km, at) = furthest_beyond(&area, &LineIndex::new(&line));
        assert!(at.is_some());
        let brute = area
            .iter()
            .flat_map(|p| p.exterior().lines())
            .flat_map(|l| {
                (0..=50).map(move |k| {
                    let t = f64::from(k) / 50.0;
                    Point::new(
                        l.start.x + (l.end.x - l.start.x) * t,
                        l.start.y + (l.end.y - l.start.y) * t,
                    )
                })
            })
            .map(|p| distance_to_line_km(p, &line))
            .fold(0.0, f64::max);
        assert!((km - brute).abs() < 0.05, "{km} vs {brute}");
        assert!(km > 20.0, "{km}");
    }

    #[test]
    fn empty_area_or_line_gives_nothing() {
        let line = line_string![(x: 37.0, y: 47.0), (x: 37.0, y: 49.0)];
        let empty = MultiPolygon::new(vec![]);
        assert_eq!(furthest_beyond(&empty, &LineIndex::new(&line)), (0.0, None));
        let area = MultiPolygon::new(vec![polygon![
            (x: 37.0, y: 47.8), (x: 37.3, y: 48.0), (x: 37.0, y: 48.2)
        ]]);
        let none = LineIndex::new(&LineString::new(vec![]));
        assert_eq!(furthest_beyond(&area, &none), (0.0, None));
    }
}

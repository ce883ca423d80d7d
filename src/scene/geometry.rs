//! Geometry prepared once for drawing: projected to Web Mercator, simplified for each level of
//! detail and triangulated. A frame only picks a level, transforms and paints.

use crate::spatial::projection::mercator_from_lonlat;
use geo::{Coord, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};
use std::sync::OnceLock;

/// Where world coordinates are measured from: Web Mercator of 31° E, 49° N (central Ukraine).
/// Keeping coordinates small keeps `f32` exact to a fraction of a pixel down to street level.
pub const ORIGIN_LONLAT: [f64; 2] = [31.0, 49.0];

/// A point in world units: normalised Web Mercator (the whole world is 1 × 1, y grows south),
/// relative to [`ORIGIN_LONLAT`].
pub type WorldPoint = [f32; 2];

/// The zoom levels (slippy-map zoom) at which simplified copies are kept; above the last one the
/// exact geometry is drawn.
pub const LOD_ZOOMS: [f64; 6] = [2.0, 4.0, 6.0, 8.0, 10.0, 12.0];

/// Largest error a simplified copy may have, in screen pixels at its own zoom level.
pub const LOD_TOLERANCE_PX: f64 = 0.4;

/// Pixels of the whole world at zoom 0, as slippy-map tiles.
pub const TILE_PX: f64 = 256.0;

/// The index into [`LOD_ZOOMS`] to draw at `zoom`, or `LOD_ZOOMS.len()` for the exact geometry:
/// the first level at least as detailed as the view needs.
pub fn lod_index(zoom: f64) -> usize {
    LOD_ZOOMS
        .iter()
        .position(|z| *z >= zoom)
        .unwrap_or(LOD_ZOOMS.len())
}

fn origin() -> [f64; 2] {
    mercator_from_lonlat(ORIGIN_LONLAT[0], ORIGIN_LONLAT[1])
}

/// Projects lon/lat to f64 world units relative to the origin.
pub fn world_from_lonlat(lon: f64, lat: f64) -> [f64; 2] {
    let [x, y] = mercator_from_lonlat(lon, lat);
    let [ox, oy] = origin();
    [x - ox, y - oy]
}

/// Projects lon/lat to a [`WorldPoint`].
pub fn world_point(lon: f64, lat: f64) -> WorldPoint {
    let [x, y] = world_from_lonlat(lon, lat);
    [x as f32, y as f32]
}

/// Back from f64 world units to lon/lat.
pub fn lonlat_from_world(world: [f64; 2]) -> [f64; 2] {
    let [ox, oy] = origin();
    crate::spatial::projection::lonlat_from_mercator([world[0] + ox, world[1] + oy])
}

/// An axis-aligned box in world units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorldRect {
    /// Smallest x, y.
    pub min: WorldPoint,
    /// Largest x, y.
    pub max: WorldPoint,
}

impl WorldRect {
    /// The empty box (grows with [`Self::extend`]).
    pub const EMPTY: Self = Self {
        min: [f32::INFINITY, f32::INFINITY],
        max: [f32::NEG_INFINITY, f32::NEG_INFINITY],
    };

    /// Grows the box to hold `p`.
    pub fn extend(&mut self, p: WorldPoint) {
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
    }

    /// Whether the two boxes overlap.
    pub fn intersects(&self, other: &Self) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }
}

/// `line` as world points, dropping points equal (in `f32`) to the one before, so every segment
/// has a direction.
fn to_world_points(line: &LineString) -> Vec<WorldPoint> {
    let mut points: Vec<WorldPoint> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let p = [c.x as f32, c.y as f32];
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    points
}

/// Longest miter, in half-widths: sharper corners are cut off there (at 1–3 px strokes the
/// cut is invisible, and it keeps spikes from shooting out).
const MITER_LIMIT: f32 = 3.0;

/// The miter offsets of a polyline: for each point, the vector to move it by (per unit of half
/// stroke width) to get the left edge of the stroke; the right edge is the opposite. A closed
/// ring (last point equal to the first) is joined around; an open line ends square to its
/// first and last segments. Screen space is world space scaled uniformly, so these hold at every
/// zoom.
pub fn miters(points: &[WorldPoint]) -> Vec<[f32; 2]> {
    let n = points.len();
    if n < 2 {
        return vec![[0.0, 0.0]; n];
    }
    let closed = n > 2 && points[0] == points[n - 1];
    let normal = |a: WorldPoint, b: WorldPoint| -> [f32; 2] {
        let (dx, dy) = ((b[0] - a[0]) as f64, (b[1] - a[1]) as f64);
        let len = (dx * dx + dy * dy).sqrt();
        if len > 0.0 {
            [(-dy / len) as f32, (dx / len) as f32]
        } else {
            [0.0, 0.0]
        }
    };
    let join = |n0: [f32; 2], n1: [f32; 2]| -> [f32; 2] {
        let m = [n0[0] + n1[0], n0[1] + n1[1]];
        let len = (m[0] * m[0] + m[1] * m[1]).sqrt();
        if len < 1e-4 {
            return n0;
        }
        let unit = [m[0] / len, m[1] / len];
        let cos = unit[0] * n0[0] + unit[1] * n0[1];
        let scale = (1.0 / cos.max(1e-3)).min(MITER_LIMIT);
        [unit[0] * scale, unit[1] * scale]
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let incoming = if i > 0 {
            Some(normal(points[i - 1], points[i]))
        } else if closed {
            Some(normal(points[n - 2], points[0]))
        } else {
            None
        };
        let outgoing = if i + 1 < n {
            Some(normal(points[i], points[i + 1]))
        } else if closed {
            Some(normal(points[0], points[1]))
        } else {
            None
        };
        out.push(match (incoming, outgoing) {
            (Some(a), Some(b)) => join(a, b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => [0.0, 0.0],
        });
    }
    out
}

/// A filled area at one level of detail: triangles and outline rings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaLevel {
    /// Vertices of the triangles.
    pub vertices: Vec<WorldPoint>,
    /// Triangle corner indices into `vertices`, three per triangle.
    pub indices: Vec<u32>,
    /// Closed outline rings (last point repeats the first; no two consecutive points equal).
    pub rings: Vec<Vec<WorldPoint>>,
    /// Per ring, per point: the miter offset of a stroke one unit wide on each side (see
    /// [`miters`]). A frame strokes a ring by moving each point along its miter by half the
    /// stroke width in pixels, so outlines need no tessellation per frame.
    pub ring_miters: Vec<Vec<[f32; 2]>>,
    /// Per ring, its bounding box, to skip rings off screen or smaller than a pixel.
    pub ring_bounds: Vec<WorldRect>,
}

impl AreaLevel {
    fn from_polygons(polygons: &[Polygon]) -> Self {
        let mut level = Self::default();
        for polygon in polygons {
            let triangulation = polygon.earcut_triangles_raw();
            let base = level.vertices.len() as u32;
            level.vertices.extend(
                triangulation
                    .vertices
                    .iter()
                    .map(|[x, y]| [*x as f32, *y as f32]),
            );
            level.indices.extend(
                triangulation
                    .triangle_indices
                    .iter()
                    .map(|i| base + *i as u32),
            );
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let points = to_world_points(ring);
                if points.len() < 3 {
                    continue;
                }
                let mut bounds = WorldRect::EMPTY;
                for p in &points {
                    bounds.extend(*p);
                }
                level.ring_miters.push(miters(&points));
                level.ring_bounds.push(bounds);
                level.rings.push(points);
            }
        }
        level
    }

    /// Number of outline vertices (what a frame transforms for the outline).
    pub fn outline_vertex_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }
}

/// An area (a country, an oblast…) prepared at every level of detail. Levels are made on first
/// use (or ahead of time by [`PreparedArea::warm`] on a background thread) and then kept.
#[derive(Debug, Clone)]
pub struct PreparedArea {
    /// Bounding box, for skipping what is off screen.
    pub bounds: WorldRect,
    /// The area projected to world units (f64), the source of every level.
    projected: Vec<Polygon>,
    /// One entry per [`LOD_ZOOMS`] level, then the exact geometry.
    levels: Vec<OnceLock<AreaLevel>>,
}

impl PartialEq for PreparedArea {
    fn eq(&self, other: &Self) -> bool {
        self.bounds == other.bounds && self.projected == other.projected
    }
}

fn project_ring(ring: &LineString) -> LineString {
    LineString::new(
        ring.0
            .iter()
            .map(|c| {
                let [x, y] = world_from_lonlat(c.x, c.y);
                Coord { x, y }
            })
            .collect(),
    )
}

/// Drops every vertex closer than `epsilon` to the last one kept (the first and last always
/// stay). Bounds a line's vertex count by its length in pixels, whatever its detail, before
/// Ramer–Douglas–Peucker (which alone keeps every vertex of a line that zig-zags by more than
/// the tolerance).
pub fn radial_decimate(line: &LineString, epsilon: f64) -> LineString {
    let eps2 = epsilon * epsilon;
    let mut kept: Vec<Coord> = Vec::with_capacity(line.0.len() / 4 + 2);
    let last_index = line.0.len().saturating_sub(1);
    for (i, c) in line.0.iter().enumerate() {
        match kept.last() {
            Some(prev) if i != last_index => {
                let (dx, dy) = (c.x - prev.x, c.y - prev.y);
                if dx * dx + dy * dy >= eps2 {
                    kept.push(*c);
                }
            }
            _ => kept.push(*c),
        }
    }
    LineString::new(kept)
}

/// Simplifies a line for drawing at tolerance `epsilon` (world units).
pub fn simplify_for_drawing(line: &LineString, epsilon: f64) -> LineString {
    radial_decimate(line, epsilon).simplify(epsilon)
}

/// Simplifies a polygon (exterior and holes) at `epsilon`; `None` when it shrinks to nothing.
pub fn simplify_polygon(polygon: &Polygon, epsilon: f64) -> Option<Polygon> {
    let exterior = simplify_for_drawing(polygon.exterior(), epsilon);
    if exterior.0.len() < 4 {
        return None;
    }
    let interiors = polygon
        .interiors()
        .iter()
        .map(|r| simplify_for_drawing(r, epsilon))
        .filter(|r| r.0.len() >= 4)
        .collect();
    Some(Polygon::new(exterior, interiors))
}

/// The tolerance of LOD level `index` in world units (`None` for the exact level).
fn level_epsilon(index: usize) -> Option<f64> {
    LOD_ZOOMS
        .get(index)
        .map(|zoom| LOD_TOLERANCE_PX / (TILE_PX * 2f64.powf(*zoom)))
}

impl PreparedArea {
    /// Projects `area` (WGS84 lon/lat); levels are simplified and triangulated when first used.
    pub fn new(area: &MultiPolygon) -> Self {
        let projected: Vec<Polygon> = area
            .0
            .iter()
            .map(|p| {
                Polygon::new(
                    project_ring(p.exterior()),
                    p.interiors().iter().map(project_ring).collect(),
                )
            })
            .collect();
        let mut bounds = WorldRect::EMPTY;
        for c in projected.iter().flat_map(|p| p.exterior().0.iter()) {
            bounds.extend([c.x as f32, c.y as f32]);
        }
        Self {
            bounds,
            projected,
            levels: (0..=LOD_ZOOMS.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The level to draw at `zoom`.
    pub fn level(&self, zoom: f64) -> &AreaLevel {
        self.level_at(lod_index(zoom))
    }

    /// Level `index` ([`LOD_ZOOMS`] order; `LOD_ZOOMS.len()` is the exact geometry), made now if
    /// it was not made before.
    pub fn level_at(&self, index: usize) -> &AreaLevel {
        let Some(cell) = self.levels.get(index.min(LOD_ZOOMS.len())) else {
            return &EMPTY_LEVEL;
        };
        cell.get_or_init(|| match level_epsilon(index) {
            Some(epsilon) => {
                let simplified: Vec<Polygon> = self
                    .projected
                    .iter()
                    .filter_map(|p| simplify_polygon(p, epsilon))
                    .collect();
                AreaLevel::from_polygons(&simplified)
            }
            None => AreaLevel::from_polygons(&self.projected),
        })
    }

    /// The exact geometry (no simplification).
    pub fn exact(&self) -> &AreaLevel {
        self.level_at(LOD_ZOOMS.len())
    }

    /// Makes every level now, coarsest first.
    pub fn warm(&self) {
        for index in 0..=LOD_ZOOMS.len() {
            self.level_at(index);
        }
    }
}

static EMPTY_LEVEL: AreaLevel = AreaLevel {
    vertices: Vec::new(),
    indices: Vec::new(),
    rings: Vec::new(),
    ring_miters: Vec::new(),
    ring_bounds: Vec::new(),
};

/// A line (the front line, a river…) prepared at every level of detail.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedLine {
    /// Bounding box.
    pub bounds: WorldRect,
    /// One entry per [`LOD_ZOOMS`] level, then the exact line.
    pub levels: Vec<Vec<WorldPoint>>,
    /// Per level, the stroke miters of its points (see [`miters`]).
    pub miters: Vec<Vec<[f32; 2]>>,
}

impl PreparedLine {
    /// Projects and simplifies `line` (WGS84 lon/lat).
    pub fn new(line: &LineString) -> Self {
        let projected = project_ring(line);
        let mut bounds = WorldRect::EMPTY;
        let to_points = to_world_points;
        for c in &projected.0 {
            bounds.extend([c.x as f32, c.y as f32]);
        }
        let mut levels: Vec<Vec<WorldPoint>> = LOD_ZOOMS
            .iter()
            .map(|zoom| {
                let epsilon = LOD_TOLERANCE_PX / (TILE_PX * 2f64.powf(*zoom));
                to_points(&simplify_for_drawing(&projected, epsilon))
            })
            .collect();
        levels.push(to_points(&projected));
        let miters = levels.iter().map(|l| miters(l)).collect();
        Self {
            bounds,
            levels,
            miters,
        }
    }

    /// The points to draw at `zoom`.
    pub fn level(&self, zoom: f64) -> &[WorldPoint] {
        let index = lod_index(zoom).min(self.levels.len().saturating_sub(1));
        self.levels.get(index).map_or(&[], Vec::as_slice)
    }

    /// The points to draw at `zoom` with their stroke miters.
    pub fn level_with_miters(&self, zoom: f64) -> (&[WorldPoint], &[[f32; 2]]) {
        let index = lod_index(zoom).min(self.levels.len().saturating_sub(1));
        match (self.levels.get(index), self.miters.get(index)) {
            (Some(p), Some(m)) if p.len() == m.len() => (p, m),
            _ => (&[], &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn world_round_trip() {
        for (lon, lat) in [(31.0, 49.0), (24.03, 49.84), (-10.0, 60.0), (40.0, 35.0)] {
            let back = lonlat_from_world(world_from_lonlat(lon, lat));
            assert!((back[0] - lon).abs() < 1e-9 && (back[1] - lat).abs() < 1e-9);
        }
        assert_eq!(world_point(31.0, 49.0), [0.0, 0.0]);
    }

    #[test]
    fn lod_index_picks_first_level_detailed_enough() {
        assert_eq!(lod_index(1.0), 0);
        assert_eq!(lod_index(2.0), 0);
        assert_eq!(lod_index(5.5), 2);
        assert_eq!(lod_index(12.0), 5);
        assert_eq!(lod_index(13.0), LOD_ZOOMS.len());
    }

    #[test]
    fn concave_polygon_with_hole_is_triangulated_to_its_area() {
        // A "U" with a hole in its base, lon/lat around Kyiv.
        let u = polygon!(
            exterior: [(x: 30.0, y: 50.0), (x: 33.0, y: 50.0), (x: 33.0, y: 53.0), (x: 32.0, y: 53.0),
                       (x: 32.0, y: 51.0), (x: 31.0, y: 51.0), (x: 31.0, y: 53.0), (x: 30.0, y: 53.0),
                       (x: 30.0, y: 50.0)],
            interiors: [[(x: 30.2, y: 50.2), (x: 30.2, y: 50.8), (x: 30.8, y: 50.8), (x: 30.8, y: 50.2),
                         (x: 30.2, y: 50.2)]],
        );
        let prepared = PreparedArea::new(&MultiPolygon::new(vec![u]));
        let exact = prepared.exact();
        let tri_area: f64 = exact
            .indices
            .chunks(3)
            .map(|t| {
                let p = |i: u32| exact.vertices[i as usize];
                let (a, b, c) = (p(t[0]), p(t[1]), p(t[2]));
                0.5 * (((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) as f64).abs()
            })
            .sum();
        let ring_area = |ring: &[WorldPoint]| -> f64 {
            0.5 * ring
                .windows(2)
                .map(|w| (w[0][0] * w[1][1] - w[1][0] * w[0][1]) as f64)
                .sum::<f64>()
                .abs()
        };
        let expected = ring_area(&exact.rings[0]) - ring_area(&exact.rings[1]);
        assert!(
            (tri_area - expected).abs() / expected < 1e-3,
            "{tri_area} vs {expected}"
        );
        assert_eq!(exact.rings.len(), 2);
    }

    #[test]
    fn miters_offset_edges_by_the_half_width() {
        // A square ring: each corner's miter is the diagonal, of length √2.
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        let m = miters(&square);
        for v in &m {
            let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
            assert!((len - std::f32::consts::SQRT_2).abs() < 1e-5, "{v:?}");
        }
        assert_eq!(m[0], m[4], "a closed ring joins seamlessly");
        // Moving each corner by its miter keeps every edge exactly one unit away.
        let left: Vec<[f32; 2]> = square
            .iter()
            .zip(&m)
            .map(|(p, v)| [p[0] + v[0], p[1] + v[1]])
            .collect();
        assert!((left[0][1] - left[1][1]).abs() < 1e-6 && (left[0][1].abs() - 1.0).abs() < 1e-5);
        // A straight open line: miters are the unit normal; a hairpin is capped.
        let line = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]];
        assert_eq!(miters(&line), vec![[0.0, 1.0]; 3]);
        let hairpin = [[0.0, 0.0], [1.0, 0.0], [0.0, 0.001]];
        let cap = miters(&hairpin)[1];
        assert!((cap[0] * cap[0] + cap[1] * cap[1]).sqrt() <= MITER_LIMIT + 1e-4);
    }

    #[test]
    fn coarse_levels_have_fewer_vertices() {
        // A ring with 10,000 wiggles of 10 m: invisible at zoom 4.
        let n = 10_000;
        let mut coords: Vec<Coord> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let r = 1.0 + if i % 2 == 0 { 0.0001 } else { 0.0 };
                Coord {
                    x: 31.0 + r * t.cos(),
                    y: 49.0 + r * t.sin(),
                }
            })
            .collect();
        coords.push(coords[0]);
        let area = MultiPolygon::new(vec![Polygon::new(LineString::new(coords), vec![])]);
        let prepared = PreparedArea::new(&area);
        let coarse = prepared.level(4.0).outline_vertex_count();
        let exact = prepared.level(20.0).outline_vertex_count();
        assert_eq!(exact, n + 1);
        assert!(coarse < exact / 20, "coarse {coarse} vs exact {exact}");
    }

    #[test]
    fn zig_zag_detail_is_bounded_by_pixels() {
        // 100,000 vertices along 10° of a coastline-like curve: detail far below a pixel.
        let coords: Vec<Coord> = (0..100_000)
            .map(|i| {
                let x = i as f64 * 1e-4;
                Coord {
                    x: 25.0 + x,
                    y: 48.0 + 0.3 * (x * 3.0).sin() + 0.0005 * (x * 5000.0).sin(),
                }
            })
            .collect();
        let line = PreparedLine::new(&LineString::new(coords));
        // 10° at zoom 6 is about 460 px: far fewer vertices than pixels.
        let at_zoom_6 = line.level(6.0).len();
        assert!(at_zoom_6 < 500, "{at_zoom_6} vertices for ~460 px");
        assert_eq!(line.level(20.0).len(), 100_000);
    }
}

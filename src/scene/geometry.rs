//! Geometry prepared once for drawing: projected to Web Mercator, simplified for each level of
//! detail and triangulated. A frame only picks a level, transforms and paints.

use crate::spatial::projection::mercator_from_lonlat;
use geo::{Coord, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};

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

/// A filled area at one level of detail: triangles and outline rings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaLevel {
    /// Vertices of the triangles.
    pub vertices: Vec<WorldPoint>,
    /// Triangle corner indices into `vertices`, three per triangle.
    pub indices: Vec<u32>,
    /// Closed outline rings (last point repeats the first).
    pub rings: Vec<Vec<WorldPoint>>,
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
                level
                    .rings
                    .push(ring.0.iter().map(|c| [c.x as f32, c.y as f32]).collect());
            }
        }
        level
    }

    /// Number of outline vertices (what a frame transforms for the outline).
    pub fn outline_vertex_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }
}

/// An area (a country, an oblast…) prepared at every level of detail.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedArea {
    /// Bounding box, for skipping what is off screen.
    pub bounds: WorldRect,
    /// One entry per [`LOD_ZOOMS`] level, then the exact geometry.
    pub levels: Vec<AreaLevel>,
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
fn radial_decimate(line: &LineString, epsilon: f64) -> LineString {
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

fn simplify_polygon(polygon: &Polygon, epsilon: f64) -> Option<Polygon> {
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

impl PreparedArea {
    /// Projects, simplifies and triangulates `area` (WGS84 lon/lat).
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
        let mut levels: Vec<AreaLevel> = LOD_ZOOMS
            .iter()
            .map(|zoom| {
                let epsilon = LOD_TOLERANCE_PX / (TILE_PX * 2f64.powf(*zoom));
                let simplified: Vec<Polygon> = projected
                    .iter()
                    .filter_map(|p| simplify_polygon(p, epsilon))
                    .collect();
                AreaLevel::from_polygons(&simplified)
            })
            .collect();
        levels.push(AreaLevel::from_polygons(&projected));
        Self { bounds, levels }
    }

    /// The level to draw at `zoom`.
    pub fn level(&self, zoom: f64) -> &AreaLevel {
        let index = lod_index(zoom).min(self.levels.len().saturating_sub(1));
        // `levels` always holds LOD_ZOOMS.len() + 1 entries; fall back to an empty level.
        self.levels.get(index).unwrap_or(&EMPTY_LEVEL)
    }
}

static EMPTY_LEVEL: AreaLevel = AreaLevel {
    vertices: Vec::new(),
    indices: Vec::new(),
    rings: Vec::new(),
};

/// A line (the front line, a river…) prepared at every level of detail.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedLine {
    /// Bounding box.
    pub bounds: WorldRect,
    /// One entry per [`LOD_ZOOMS`] level, then the exact line.
    pub levels: Vec<Vec<WorldPoint>>,
}

impl PreparedLine {
    /// Projects and simplifies `line` (WGS84 lon/lat).
    pub fn new(line: &LineString) -> Self {
        let projected = project_ring(line);
        let mut bounds = WorldRect::EMPTY;
        let to_points = |l: &LineString| -> Vec<WorldPoint> {
            l.0.iter().map(|c| [c.x as f32, c.y as f32]).collect()
        };
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
        Self { bounds, levels }
    }

    /// The points to draw at `zoom`.
    pub fn level(&self, zoom: f64) -> &[WorldPoint] {
        let index = lod_index(zoom).min(self.levels.len().saturating_sub(1));
        self.levels.get(index).map_or(&[], Vec::as_slice)
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
        let exact = prepared.levels.last().expect("exact level");
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

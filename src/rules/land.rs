//! Land and sea for `force-location`: which country a point lies in (none: at sea) and whether
//! a point on land lies within a distance of the sea. GUI-free, prepared once per checker from
//! the bundled countries layer; the coastline index is built the first time a maritime force
//! stands on land.

use crate::model::Country;
use crate::spatial::{AreaIndex, distance_to_line_km};
use geo::{BoundingRect, Contains, Coord, Line, LineString, MultiPolygon, Point, Rect};
use rstar::{AABB, RTree, primitives::GeomWithData};
use std::sync::OnceLock;

/// Mean length of a degree of latitude, km (for search boxes only; distances are geodesic).
const KM_PER_DEGREE: f64 = 111.0;

/// How far either side of a border edge a point is tested for land, degrees (~100 m): a border
/// edge with land on both sides is a land border, one with sea on a side is coast.
const COAST_PROBE_DEG: f64 = 0.001;

/// The countries of the bundled map, for land/sea and coast tests.
#[derive(Debug)]
pub struct Land {
    countries: Vec<(String, String, MultiPolygon, Rect)>,
    /// Each country's point-in-area index, built the first time a point falls in its box.
    indexes: Vec<OnceLock<AreaIndex>>,
    edges: OnceLock<RTree<GeomWithData<Line, ()>>>,
}

impl Land {
    /// Prepares the countries.
    pub fn new(countries: &[Country]) -> Self {
        let countries: Vec<_> = countries
            .iter()
            .filter_map(|c| {
                let rect = c.geometry.bounding_rect()?;
                Some((c.iso_a2.clone(), c.name.clone(), c.geometry.clone(), rect))
            })
            .collect();
        Self {
            indexes: countries.iter().map(|_| OnceLock::new()).collect(),
            countries,
            edges: OnceLock::new(),
        }
    }

    /// The country `p` lies in: its ISO code and name; `None` at sea. Each test crosses only
    /// the edges an R-tree returns (the same answers as geo's `Contains`).
    pub fn country_at(&self, p: Point) -> Option<(&str, &str)> {
        self.countries
            .iter()
            .zip(&self.indexes)
            .find(|((_, _, area, rect), index)| {
                rect.contains(&p) && index.get_or_init(|| AreaIndex::new(area)).contains(p)
            })
            .map(|((iso, name, _, _), _)| (iso.as_str(), name.as_str()))
    }

    /// Whether `p` lies on land (inside some country).
    pub fn is_land(&self, p: Point) -> bool {
        self.country_at(p).is_some()
    }

    fn edges(&self) -> &RTree<GeomWithData<Line, ()>> {
        self.edges.get_or_init(|| {
            RTree::bulk_load(
                self.countries
                    .iter()
                    .flat_map(|(_, _, area, _)| area.iter())
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                    .flat_map(|ring| ring.lines())
                    .map(|l| GeomWithData::new(l, ()))
                    .collect(),
            )
        })
    }

    /// Whether a border edge has sea on one side (land on both sides is a land border).
    fn is_coast(&self, edge: &Line) -> bool {
        let (dx, dy) = (edge.end.x - edge.start.x, edge.end.y - edge.start.y);
        let length = dx.hypot(dy);
        if length == 0.0 {
            return false;
        }
        let mid = Coord {
            x: (edge.start.x + edge.end.x) / 2.0,
            y: (edge.start.y + edge.end.y) / 2.0,
        };
        let normal = Coord {
            x: -dy / length * COAST_PROBE_DEG,
            y: dx / length * COAST_PROBE_DEG,
        };
        [mid + normal, mid - normal]
            .into_iter()
            .any(|c| !self.is_land(Point::from(c)))
    }

    /// Whether `p` lies within `km` (geodesic) of the sea: at sea, or on land with a stretch of
    /// coast that near.
    pub fn near_sea(&self, p: Point, km: f64) -> bool {
        if !self.is_land(p) {
            return true;
        }
        let dy = km / KM_PER_DEGREE + COAST_PROBE_DEG;
        let dx = dy / p.y().to_radians().cos().max(0.01);
        let envelope = AABB::from_corners(
            Point::new(p.x() - dx, p.y() - dy),
            Point::new(p.x() + dx, p.y() + dy),
        );
        self.edges()
            .locate_in_envelope_intersecting(&envelope)
            .filter(|e| {
                distance_to_line_km(p, &LineString::new(vec![e.geom().start, e.geom().end])) <= km
            })
            .any(|e| self.is_coast(e.geom()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BaseMap;

    #[test]
    fn countries_sea_and_coast() {
        let base = BaseMap::bundled().expect("bundled map");
        let land = Land::new(&base.countries);
        assert_eq!(
            land.country_at(Point::new(27.56, 53.90)).map(|c| c.0),
            Some("BY")
        );
        assert_eq!(
            land.country_at(Point::new(30.52, 50.45)).map(|c| c.0),
            Some("UA")
        );
        // The Black Sea between Crimea and Turkey.
        assert!(!land.is_land(Point::new(33.5, 43.0)));
        // Odesa's port lies on the coast; Kyiv is some 450 km inland.
        assert!(land.near_sea(Point::new(30.73, 46.48), 10.0));
        assert!(!land.near_sea(Point::new(30.52, 50.45), 10.0));
        // The Polish-Ukrainian border is no coast: Lviv lies ~60 km from it but far from the sea.
        assert!(!land.near_sea(Point::new(24.03, 49.84), 80.0));
    }
}

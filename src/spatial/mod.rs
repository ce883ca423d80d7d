//! Geometry on WGS84: splitting Ukraine by a line, geodesic measures, projection.
//!
//! | module | owns |
//! |---|---|
//! | [`split`] | splitting a territory into two sides by a dividing line; completing a partial line |
//! | [`measure`] | geodesic areas (km²), lengths and distances (km), nearest points on lines (with an R-tree index for lines queried often) |
//! | [`projection`] | Web Mercator for drawing, local azimuthal projections for planar algorithms |
//! | [`line_diff`] | the regions between two lines with common ends; self-crossings of a line |
//! | [`coverage`] | the share of a line within a radius of a set of points |
//! | [`advance`] | the point of an area furthest beyond a line (a proposal's furthest advance) |
//! | [`overlap`] | the area of a polygon's part inside an indexed area, from the boundaries alone |
//! | [`area_index`] | an area's edges in an R-tree: point-in-area tests in logarithmic time; clipping to a window; interior points |
//!
//! Nothing here depends on the user interface, so all of it is testable and benchmarkable headless.

pub mod advance;
pub mod area_index;
pub mod coverage;
pub mod line_diff;
pub mod measure;
pub mod overlap;
pub mod projection;
pub mod split;

pub use advance::furthest_beyond;
pub use area_index::{AreaIndex, clip_to_rect, interior_point};
pub use coverage::{Coverage, coverage};
pub use line_diff::{
    Difference, differing_vertices, regions_between, regions_between_simple, self_crossing,
    self_crossing_among,
};
pub use measure::{
    LineIndex, LinePosition, area_km2, distance_km, distance_to_line_km, distances_to_line_km,
    edge_length_m, length_km, locate_on_line, nearest_point_on_line, polygon_area_km2,
};
pub use overlap::intersection_km2;
pub use projection::{LocalKind, LocalProjection, lonlat_from_mercator, mercator_from_lonlat};
pub use split::{
    LineEnd, PartialError, Sides, SplitError, complete_partial, is_full_line, split_by_line,
};

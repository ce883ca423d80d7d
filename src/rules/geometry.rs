//! The geometry behind the demarcation rules, computed once per input and cached by the
//! [`super::Checker`]: Ukraine and the oblasts with edge indexes, today's front line and its two
//! sides, and per demarcation the area it moves, how far, the oblast shares and the belt depths.
//!
//! A demarcation that shares its ends with today's line (every partial line once completed, and
//! a full line drawn from a copy of today's line) is measured from the regions between the two
//! lines only ([`crate::spatial::regions_between`]), so moving one vertex costs a few small
//! polygons, not a new split of Ukraine. Any other full line splits Ukraine anew
//! ([`crate::spatial::split_by_line`]).

use super::context::figure;
use super::params::format_number;
use crate::spatial::{
    AreaIndex, LineIndex, PartialError, Sides, area_km2, clip_to_rect, complete_partial,
    differing_vertices, distance_to_line_km, distances_to_line_km, furthest_beyond, interior_point,
    intersection_km2, polygon_area_km2, regions_between, regions_between_simple, self_crossing,
    self_crossing_among, split_by_line,
};
use geo::{
    BooleanOps, BoundingRect, Contains, Coord, Intersects, Line, LineString, MultiLineString,
    MultiPolygon, Point, Polygon, Rect,
};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use std::sync::OnceLock;

/// The fortress-belt cities of domain.md, in contract order. Their positions come from the
/// bundled cities layer (one source of truth: the belt mark sits on the city's dot).
pub const BELT_CITIES: [&str; 4] = ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"];

/// Points inside Ukraine used to tell the two sides of a split apart (the split needs a point
/// that is not on the line; which side is Russian is decided by today's occupied area, never by
/// these points): Kyiv, else Lviv.
pub const REFERENCE_POINTS: [[f64; 2]; 2] = [[30.5234, 50.4501], [24.0297, 49.8397]];

/// An area with an index of its edges, for cheap "inside, outside or crossing" tests.
#[derive(Debug, Clone)]
pub struct IndexedArea {
    /// The area, WGS84 lon/lat.
    pub area: MultiPolygon,
    /// Its geodesic area, km².
    pub km2: f64,
    index: AreaIndex,
}

impl IndexedArea {
    /// Indexes `area`.
    pub fn new(area: MultiPolygon) -> Self {
        Self {
            km2: area_km2(&area),
            index: AreaIndex::new(&area),
            area,
        }
    }

    /// Whether the point lies inside (in logarithmic time: an R-tree of the edges).
    pub fn contains(&self, p: Point) -> bool {
        self.index.contains(p)
    }

    /// Whether any edge of `region` meets an edge of this area.
    fn boundaries_meet(&self, region: &Polygon) -> bool {
        region_lines(region).any(|line| self.boundary_meets(line))
    }

    /// Whether `line` meets an edge of this area.
    fn boundary_meets(&self, line: Line) -> bool {
        let envelope = AABB::from_corners(Point::from(line.start), Point::from(line.end));
        self.index
            .edges()
            .locate_in_envelope_intersecting(&envelope)
            .any(|edge| edge.geom().intersects(&line))
    }

    /// The part of `region` inside this area: `region` itself or nothing when their boundaries
    /// do not meet and no ring of the area lies within `region`, a boolean intersection with
    /// the area clipped to a window around `region` otherwise (never with the whole area: that
    /// would sort and split all of its edges).
    pub fn clip(&self, region: &Polygon) -> MultiPolygon {
        match self.relation(region) {
            Relation::Inside => MultiPolygon::new(vec![region.clone()]),
            Relation::Outside => MultiPolygon::new(vec![]),
            Relation::Crossing => self.intersect(region),
        }
    }

    /// The area of [`Self::clip`]'s part, km², without making it where the boundaries cross
    /// ([`crate::spatial::intersection_km2`]).
    pub fn intersection_km2(&self, region: &Polygon) -> f64 {
        // For a region of many edges (a guarantee area drawn around a country) the boundary
        // walk decides inside and outside itself, cheaper than a test for every edge first.
        let edges: usize = std::iter::once(region.exterior())
            .chain(region.interiors())
            .map(|r| r.0.len())
            .sum();
        let relation = if edges > MANY_EDGES {
            match region.bounding_rect().map(|bbox| self.nearby(bbox)) {
                None => Relation::Outside,
                Some(Nearby::None) => self.isolated(region),
                Some(_) => Relation::Crossing,
            }
        } else {
            self.relation(region)
        };
        match relation {
            Relation::Inside => polygon_area_km2(region),
            Relation::Outside => 0.0,
            Relation::Crossing => intersection_km2(region, &self.area, &self.index)
                .unwrap_or_else(|| area_km2(&self.intersect(region))),
        }
    }

    /// A boolean intersection of `region` with this area clipped to a window around it.
    fn intersect(&self, region: &Polygon) -> MultiPolygon {
        let Some(bbox) = region.bounding_rect() else {
            return MultiPolygon::new(vec![]);
        };
        // A margin, so the region lies strictly inside the window.
        let margin = 1e-6 + 1e-3 * (bbox.width() + bbox.height());
        let window = Rect::new(
            Coord {
                x: bbox.min().x - margin,
                y: bbox.min().y - margin,
            },
            Coord {
                x: bbox.max().x + margin,
                y: bbox.max().y + margin,
            },
        );
        region.intersection(&clip_to_rect(&self.area, window))
    }

    /// The edges of this area whose boxes meet `bbox`: none, a few, or many.
    fn nearby(&self, bbox: Rect) -> Nearby {
        let envelope = AABB::from_corners(Point::from(bbox.min()), Point::from(bbox.max()));
        let edges: Vec<Line> = self
            .index
            .edges()
            .locate_in_envelope_intersecting(&envelope)
            .take(FEW_EDGES + 1)
            .map(|e| *e.geom())
            .collect();
        match edges.len() {
            0 => Nearby::None,
            n if n <= FEW_EDGES => Nearby::Few(edges),
            _ => Nearby::Many,
        }
    }

    /// Inside or outside for a region no edge of this area comes near: the boundaries cannot
    /// meet, no ring of this area lies within the region and no vertex of the region lies on an
    /// edge, so any vertex tells.
    fn isolated(&self, region: &Polygon) -> Relation {
        match region.exterior().0.first() {
            Some(c) if self.contains(Point::from(*c)) => Relation::Inside,
            _ => Relation::Outside,
        }
    }

    /// Whether `region` lies wholly inside this area.
    pub fn holds(&self, region: &Polygon) -> bool {
        self.relation(region) == Relation::Inside
    }

    /// Where `region` lies with respect to this area.
    fn relation(&self, region: &Polygon) -> Relation {
        let Some(bbox) = region.bounding_rect() else {
            return Relation::Outside;
        };
        // Most regions a line moves are slivers far from any edge of this area (one search of
        // the R-tree, not one per edge of the region); a few edges nearby are tested against
        // the region's edges directly; many, through the R-tree edge by edge.
        let meet = match self.nearby(bbox) {
            Nearby::None => return self.isolated(region),
            Nearby::Few(edges) => region_lines(region).any(|line| {
                let r = line.bounding_rect();
                edges
                    .iter()
                    .any(|e| e.bounding_rect().intersects(&r) && e.intersects(&line))
            }),
            Nearby::Many => self.boundaries_meet(region),
        };
        if meet {
            return Relation::Crossing;
        }
        // The boundaries do not meet, so each ring of this area lies wholly inside or outside
        // the region. One inside it (a whole part, or a hole, of this area within the region)
        // needs the intersection; otherwise the region lies wholly inside or outside.
        let holds_ring = self
            .area
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .any(|ring| {
                ring.0
                    .first()
                    .is_some_and(|c| bbox.intersects(c) && region.contains(&Point::from(*c)))
            });
        if holds_ring {
            return Relation::Crossing;
        }
        if interior_point(region).is_some_and(|p| self.contains(p)) {
            Relation::Inside
        } else {
            Relation::Outside
        }
    }
}

/// The edges of every ring of `region`.
fn region_lines(region: &Polygon) -> impl Iterator<Item = Line> + '_ {
    std::iter::once(region.exterior())
        .chain(region.interiors())
        .flat_map(|r| r.lines())
}

/// At most this many edges of an area near a region are tested against each of the region's
/// edges directly (more: one R-tree search per edge of the region).
const FEW_EDGES: usize = 32;

/// More edges than this make [`IndexedArea::intersection_km2`] walk the boundaries at once.
const MANY_EDGES: usize = 64;

/// The edges of an [`IndexedArea`] near a region.
enum Nearby {
    /// None.
    None,
    /// At most [`FEW_EDGES`], these.
    Few(Vec<Line>),
    /// More.
    Many,
}

/// Where a region lies with respect to an [`IndexedArea`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    /// Wholly inside.
    Inside,
    /// Wholly outside.
    Outside,
    /// Partly inside, or around a part or a hole of the area.
    Crossing,
}

/// Ukraine and what every check needs of the bundled map, prepared once.
#[derive(Debug, Clone)]
pub struct Territory {
    /// Ukraine in its internationally recognised borders.
    pub ukraine: IndexedArea,
    /// Donetsk oblast (UA-14).
    pub donetsk: IndexedArea,
    /// Luhansk oblast (UA-09).
    pub luhansk: IndexedArea,
    /// The fortress-belt cities with their positions from the bundled cities layer.
    pub belt: Vec<(String, Point)>,
    /// Crimea: the Autonomous Republic (UA-43) and Sevastopol (UA-40).
    pub crimea: IndexedArea,
}

/// Today's front line and its two sides.
#[derive(Debug, Clone)]
pub struct FrontGeometry {
    /// The line.
    pub line: LineString,
    /// The line's segments in an R-tree, for nearest-point queries.
    pub index: LineIndex,
    /// The line's segments in longitude and latitude with their numbers, for box queries.
    segments: RTree<GeomWithData<Line, usize>>,
    /// Its stretches inside Ukraine (what reinforcements march to).
    pub inside_ukraine: MultiLineString,
    /// The Russian-controlled side today (the occupied area).
    pub occupied: IndexedArea,
    /// The Ukrainian-controlled side today.
    pub free: IndexedArea,
    /// Occupied km² of Donetsk oblast today.
    pub donetsk_occupied_km2: f64,
    /// Occupied km² of Luhansk oblast today.
    pub luhansk_occupied_km2: f64,
    /// Whether the occupied side lies to the right of the line walked from its first point
    /// (the line and a path outside Ukraine close a ring that holds one side, so that side lies
    /// on the same hand all along the line), if a segment inside Ukraine tells.
    occupied_on_right: Option<bool>,
}

impl FrontGeometry {
    /// Splits Ukraine by `line`.
    pub fn new(territory: &Territory, line: &LineString) -> Result<Self, String> {
        let Sides { home, other } = split_ukraine(territory, line)?;
        let occupied_in = |oblast: &IndexedArea| area_km2(&oblast.area.intersection(&other));
        let (donetsk_occupied_km2, luhansk_occupied_km2) = (
            occupied_in(&territory.donetsk),
            occupied_in(&territory.luhansk),
        );
        let occupied = IndexedArea::new(other);
        let free = IndexedArea::new(home);
        let occupied_on_right = occupied_hand(line, &occupied, &free);
        Ok(Self {
            line: line.clone(),
            index: LineIndex::new(line),
            segments: RTree::bulk_load(
                line.lines()
                    .enumerate()
                    .map(|(i, l)| GeomWithData::new(l, i))
                    .collect(),
            ),
            donetsk_occupied_km2,
            luhansk_occupied_km2,
            inside_ukraine: inside(territory, line),
            occupied,
            free,
            occupied_on_right,
        })
    }
}

/// Whether `occupied` lies to the right of `line` walked forwards and `free` to its left (or
/// the other way round), told by points a few metres either side of the middle of a segment
/// that runs between the two sides; `None` if no segment tells.
fn occupied_hand(line: &LineString, occupied: &IndexedArea, free: &IndexedArea) -> Option<bool> {
    // About 5 m at these latitudes, far less than a segment and far more than rounding.
    const PROBE_DEG: f64 = 5e-5;
    line.lines().find_map(|l| {
        let d = l.end - l.start;
        let length = d.x.hypot(d.y);
        if length < 10.0 * PROBE_DEG {
            return None;
        }
        let middle = l.start + d * 0.5;
        let right = Point::from(middle + Coord { x: d.y, y: -d.x } * (PROBE_DEG / length));
        let left = Point::from(middle + Coord { x: -d.y, y: d.x } * (PROBE_DEG / length));
        match (
            occupied.contains(right) && free.contains(left),
            occupied.contains(left) && free.contains(right),
        ) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    })
}

/// Splits Ukraine by `line` into the side holding the first reference point that is not on the
/// line (`home`) and the other side.
fn split_ukraine(territory: &Territory, line: &LineString) -> Result<Sides, GeometryError> {
    let mut last = String::new();
    for [lon, lat] in REFERENCE_POINTS {
        match split_by_line(&territory.ukraine.area, line, Point::new(lon, lat)) {
            Ok(sides) => return Ok(sides),
            Err(e @ crate::spatial::SplitError::HomeOnLine { .. }) => last = e.to_string(),
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(last)
}

/// The stretches of `line` inside Ukraine.
fn inside(territory: &Territory, line: &LineString) -> MultiLineString {
    territory.ukraine.index.clip_line(line)
}

/// What a demarcation does, for the demarcation rules and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct LineGeometry {
    /// The dividing line: the demarcation, or the front line with the partial demarcation in place.
    pub completed: LineString,
    /// Whether the demarcation was partial (completed by the front line).
    pub partial: bool,
    /// The stretches of `completed` inside Ukraine.
    pub inside_ukraine: MultiLineString,
    /// Area moved from Ukrainian to Russian control.
    pub ceded: MultiPolygon,
    /// Area moved from Russian to Ukrainian control.
    pub gained: MultiPolygon,
    /// km² of `ceded`.
    pub ceded_km2: f64,
    /// km² of `gained`.
    pub gained_km2: f64,
    /// Largest distance of the ceded area beyond today's line, km.
    pub max_advance_km: f64,
    /// Where that is.
    pub furthest: Option<Point>,
    /// Share of Donetsk oblast on the Russian-controlled side.
    pub donetsk_share: f64,
    /// Share of Luhansk oblast on the Russian-controlled side.
    pub luhansk_share: f64,
    /// Signed depth of each belt city, km (+ Ukrainian side).
    pub belt_depth_km: Vec<(String, f64)>,
    /// km² of Crimea it moves to Ukrainian control.
    pub crimea_gained_km2: f64,
}

/// Why a demarcation does not split Ukraine (rule `demarcation-geometry`).
pub type GeometryError = String;

/// More vertices in the ceded area than this make [`measure_line_from`] share out the figures
/// it takes after the split (advance, shares, belt, Crimea) between the two cores.
const PARALLEL_VERTICES: usize = 200;

/// Under 1 km² counts as nothing (slicing rounds on a grid of a few metres).
const EMPTY_KM2: f64 = 1.0;

/// The line with repeated consecutive vertices made one (a double click while drawing is no
/// self-crossing).
pub fn without_repeats(line: &LineString) -> LineString {
    let mut coords = line.0.clone();
    coords.dedup();
    LineString::new(coords)
}

/// Measures a demarcation against today's line: from `base`, the line's last full measurement,
/// where that can be done ([`remeasure_completed`]), in full otherwise; and whether the
/// measurement came from `base`.
///
/// A line is **partial** when both its ends lie within `snap_km` of today's line, wherever those
/// ends are (inside Ukraine or not): it then replaces the stretch of today's line between the
/// points where it joins it. Otherwise it is **full** when both ends lie outside Ukraine.
/// Partial is decided first, so a short redraw along the front's stretch inside Russia is never
/// taken for a line across the country. The Russian-controlled side is the side holding the
/// larger part of today's occupied area.
pub fn measure_line_from(
    territory: &Territory,
    front: &FrontGeometry,
    base: Option<&LineGeometry>,
    line: &LineString,
    snap_km: f64,
) -> (Result<LineGeometry, GeometryError>, bool) {
    let line = without_repeats(line);
    let (completed, partial) = match complete(territory, front, &line, snap_km) {
        Ok(c) => c,
        Err(e) => return (Err(e), false),
    };
    if let Some(g) =
        base.and_then(|base| remeasure_completed(territory, front, base, &completed, partial))
    {
        return (Ok(g), true);
    }
    (
        measure_completed(territory, front, completed, partial),
        false,
    )
}

/// [`measure_line_from`] of the dividing line `completed` (partial: whether it was completed by
/// today's line).
fn measure_completed(
    territory: &Territory,
    front: &FrontGeometry,
    completed: LineString,
    partial: bool,
) -> Result<LineGeometry, GeometryError> {
    if let Some((_, _, at)) = self_crossing(&completed) {
        return Err(format!(
            "it crosses itself{} near {:.3} E {:.3} N",
            if partial { " or today's line" } else { "" },
            at.x,
            at.y
        ));
    }
    // A full line drawn from a copy of today's line starts and ends a few metres from today's
    // ends, outside Ukraine. Joined to today's ends by connectors outside Ukraine it splits
    // Ukraine just as it did and shares today's ends, so only the regions between the two
    // lines need measuring, not a new split of the whole country.
    let joined = if !partial {
        joined_to_ends(&territory.ukraine, &front.line, &completed)
    } else {
        None
    };
    // The completed line is simple (tested above) and today's line too; the joined line is,
    // unless a connector meets the line it joins.
    let dividing = joined.as_ref().unwrap_or(&completed);
    let simple = joined.as_ref().is_none_or(|j| {
        let last = j.0.len().saturating_sub(2);
        self_crossing_among(j, 0..1).is_none() && self_crossing_among(j, last..last + 1).is_none()
    });
    let diff = if simple {
        regions_between_simple(dividing, &front.line)
    } else {
        regions_between(dividing, &front.line)
    };
    let sides = match diff {
        Some(diff) => changed_sides(
            territory,
            front,
            &diff.regions,
            diff.right_of_other.as_deref(),
            diff.other_changed.clone(),
        )?,
        None => None,
    };
    let (ceded, gained, russian) = match sides {
        Some(s) => s,
        None => split_sides(territory, front, &completed)?,
    };
    let ceded_km2 = area_km2(&ceded);
    let gained_km2 = area_km2(&gained);
    let russian_km2 = front.occupied.km2 + ceded_km2 - gained_km2;
    let ukrainian_km2 = territory.ukraine.km2 - russian_km2;
    if russian_km2 < EMPTY_KM2 || ukrainian_km2 < EMPTY_KM2 {
        return Err("all of Ukraine lies on one side of it".to_owned());
    }
    let share = |oblast: &IndexedArea, occupied_today: f64| -> f64 {
        if let Some(russian) = &russian {
            return (area_km2(&oblast.area.intersection(russian)) / oblast.km2).clamp(0.0, 1.0);
        }
        let moved_in =
            |area: &MultiPolygon| -> f64 { area.iter().map(|p| oblast.intersection_km2(p)).sum() };
        ((occupied_today + moved_in(&ceded) - moved_in(&gained)) / oblast.km2).clamp(0.0, 1.0)
    };
    // The furthest advance searches the whole ceded area's boundary, the shares walk it: on a
    // large area they run on the two cores.
    let ceded_vertices: usize = ceded
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| r.0.len())
        .sum();
    // Six figures, each on its own: on a large area they are shared out between the two cores,
    // the largest first, each core taking the next not yet taken.
    let belt = || -> Vec<(String, f64)> {
        territory
            .belt
            .iter()
            .zip(belt_distances_km(territory, &completed))
            .map(|((name, city), d)| {
                let russian_side = match &russian {
                    Some(r) => r.contains(city),
                    None => {
                        (front.occupied.contains(*city) && !gained.contains(city))
                            || ceded.contains(city)
                    }
                };
                (name.clone(), if russian_side { -d } else { d })
            })
            .collect()
    };
    let crimea = || -> f64 {
        gained
            .iter()
            .map(|p| territory.crimea.intersection_km2(p))
            .sum()
    };
    let advance = || furthest_beyond(&ceded, &front.index);
    let in_ukraine = || inside(territory, &completed);
    let donetsk = || share(&territory.donetsk, front.donetsk_occupied_km2);
    let luhansk = || share(&territory.luhansk, front.luhansk_occupied_km2);
    let slots = (
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    );
    if ceded_vertices > PARALLEL_VERTICES {
        crate::parallel::share(&[
            &|| {
                slots.0.get_or_init(advance);
            },
            &|| {
                slots.1.get_or_init(donetsk);
            },
            &|| {
                slots.2.get_or_init(luhansk);
            },
            &|| {
                slots.3.get_or_init(in_ukraine);
            },
            &|| {
                slots.4.get_or_init(belt);
            },
            &|| {
                slots.5.get_or_init(crimea);
            },
        ]);
    }
    // (Whatever was not shared out is measured here.)
    let (max_advance_km, furthest) = slots.0.into_inner().unwrap_or_else(advance);
    let donetsk_share = slots.1.into_inner().unwrap_or_else(donetsk);
    let luhansk_share = slots.2.into_inner().unwrap_or_else(luhansk);
    let inside_ukraine = slots.3.into_inner().unwrap_or_else(in_ukraine);
    let belt_depth_km = slots.4.into_inner().unwrap_or_else(belt);
    let crimea_gained_km2 = slots.5.into_inner().unwrap_or_else(crimea);
    Ok(LineGeometry {
        crimea_gained_km2,
        inside_ukraine,
        completed,
        partial,
        ceded,
        gained,
        ceded_km2,
        gained_km2,
        max_advance_km,
        furthest,
        donetsk_share,
        luhansk_share,
        belt_depth_km,
    })
}

/// The dividing line `line` (without repeated vertices) makes: itself when it is a full line,
/// today's line with it in place when it is partial (partial is decided first), and which.
fn complete(
    territory: &Territory,
    front: &FrontGeometry,
    line: &LineString,
    snap_km: f64,
) -> Result<(LineString, bool), GeometryError> {
    let outside =
        |c: Option<&Coord>| c.is_some_and(|c| !territory.ukraine.contains(Point::from(*c)));
    match complete_partial(&front.line, line, snap_km * 1000.0) {
        Ok(completed) => Ok((completed, true)),
        // Both ends outside Ukraine (the indexed test answers as `is_full_line`'s `Contains`).
        Err(PartialError::EndTooFar { .. })
            if outside(line.0.first()) && outside(line.0.last()) =>
        {
            Ok((line.clone(), false))
        }
        Err(e) => Err(partial_error_reason(territory, front, line, &e, snap_km)),
    }
}

/// Most vertices by which a line may differ from the line of its base measurement for
/// [`remeasure_completed`] (a drag moves one; beyond a few, a full measurement costs no more).
const MAX_CHANGED_VERTICES: usize = 16;

/// Measures the dividing line `completed` (`partial`: whether today's line completed it) from
/// the measurement `base` of a line that differs from it only in a few consecutive vertices (a
/// vertex being dragged), as a full measurement would, or `None` where only a full measurement
/// will do (the lines differ in more vertices or at their
/// ends, the new line crosses itself or is no valid line, the moved area would swap which side
/// is Russian-controlled).
///
/// The points whose side changes between the base line and the new one are exactly those inside
/// the regions between the two lines ([`regions_between`]; both split Ukraine and share their
/// ends): a few small polygons around the moved vertex. Split by today's line, each piece of
/// them toggles in the ceded area (on today's Ukrainian-controlled side) or the gained area (on
/// today's Russian-controlled side); the areas, oblast shares and Crimea's gained km² change by
/// the pieces' areas, the belt cities inside them change side. The furthest advance is the
/// base's unless a piece given back holds its point: otherwise the larger of it and the newly
/// ceded pieces' own. Only the belt depths, the line's stretches inside Ukraine and the
/// crossing test of the changed segments look at the whole new line.
fn remeasure_completed(
    territory: &Territory,
    front: &FrontGeometry,
    base: &LineGeometry,
    completed: &LineString,
    partial: bool,
) -> Option<LineGeometry> {
    if partial != base.partial {
        return None;
    }
    // The differing vertices with one shared vertex either side, counted before any geometry.
    let (changed, other_changed) = differing_vertices(completed, &base.completed)?;
    if changed.len() > MAX_CHANGED_VERTICES + 2 || other_changed.len() > MAX_CHANGED_VERTICES + 2 {
        return None;
    }
    // The base line is simple; should the new one cross itself, the test below drops it.
    let diff = regions_between_simple(completed, &base.completed)?;
    if diff.regions.is_empty() {
        return Some(LineGeometry {
            completed: completed.clone(),
            ..base.clone()
        });
    }
    // The base line is simple, so only a segment that changed can cross another.
    let changed_segments = diff.changed.start..diff.changed.end.saturating_sub(1);
    if self_crossing_among(completed, changed_segments).is_some() {
        return None;
    }

    // Each piece of the regions on today's Ukrainian-controlled side toggles in the ceded area,
    // each on today's Russian-controlled side in the gained area.
    let mut ceded_km2 = base.ceded_km2;
    let mut gained_km2 = base.gained_km2;
    let mut donetsk_km2 = base.donetsk_share * territory.donetsk.km2;
    let mut luhansk_km2 = base.luhansk_share * territory.luhansk.km2;
    let mut crimea_gained_km2 = base.crimea_gained_km2;
    let (mut ceded_toggles, mut gained_toggles) = (Vec::new(), Vec::new());
    let (mut newly_ceded, mut given_back) = (Vec::new(), Vec::new());
    for region in &diff.regions {
        for (today_russian, side) in [(false, &front.free), (true, &front.occupied)] {
            for piece in side.clip(region) {
                let Some(inside) = interior_point(&piece) else {
                    continue;
                };
                let km2 = polygon_area_km2(&piece);
                // Whether the piece now lies on the Russian-controlled side (it did not before).
                let to_russian = if today_russian {
                    let was_gained = base.gained.contains(&inside);
                    let crimea_km2 = territory.crimea.intersection_km2(&piece);
                    gained_km2 += if was_gained { -km2 } else { km2 };
                    crimea_gained_km2 += if was_gained { -crimea_km2 } else { crimea_km2 };
                    was_gained
                } else {
                    let was_ceded = base.ceded.contains(&inside);
                    ceded_km2 += if was_ceded { -km2 } else { km2 };
                    !was_ceded
                };
                let sign = if to_russian { 1.0 } else { -1.0 };
                donetsk_km2 += sign * territory.donetsk.intersection_km2(&piece);
                luhansk_km2 += sign * territory.luhansk.intersection_km2(&piece);
                match (today_russian, to_russian) {
                    (false, true) => newly_ceded.push(piece.clone()),
                    (false, false) => given_back.push(piece.clone()),
                    _ => {}
                }
                if today_russian {
                    gained_toggles.push(piece);
                } else {
                    ceded_toggles.push(piece);
                }
            }
        }
    }
    let russian_km2 = front.occupied.km2 + ceded_km2 - gained_km2;
    let ukrainian_km2 = territory.ukraine.km2 - russian_km2;
    // Moving more than half of today's occupied area swaps the sides: a full measurement
    // decides them anew.
    if gained_km2 * 2.0 > front.occupied.km2 || russian_km2 < EMPTY_KM2 || ukrainian_km2 < EMPTY_KM2
    {
        return None;
    }
    let ceded = toggled(&base.ceded, ceded_toggles);
    let gained = toggled(&base.gained, gained_toggles);
    // The base's furthest point still lies in the ceded area (or on its edge) unless a piece
    // given back holds it; then the new ceded area has no point further than it, except in the
    // newly ceded pieces.
    let holds = |piece: &Polygon, p: Point| {
        piece.bounding_rect().is_some_and(|b| {
            let margin = 1e-9;
            p.x() >= b.min().x - margin
                && p.x() <= b.max().x + margin
                && p.y() >= b.min().y - margin
                && p.y() <= b.max().y + margin
        })
    };
    let base_kept = base
        .furthest
        .is_none_or(|p| !given_back.iter().any(|piece| holds(piece, p)));
    let (max_advance_km, furthest) = if base_kept {
        let (km, at) = furthest_beyond(&MultiPolygon::new(newly_ceded), &front.index);
        if at.is_some() && km > base.max_advance_km {
            (km, at)
        } else {
            (base.max_advance_km, base.furthest)
        }
    } else {
        furthest_beyond(&ceded, &front.index)
    };
    let belt_depth_km = base
        .belt_depth_km
        .iter()
        .zip(&territory.belt)
        .zip(belt_distances_km(territory, completed))
        .map(|(((name, depth), (_, city)), d)| {
            let flips = diff.regions.iter().any(|r| r.contains(city));
            let russian_side = (*depth < 0.0) != flips;
            (name.clone(), if russian_side { -d } else { d })
        })
        .collect();
    let share = |km2: f64, oblast: &IndexedArea| (km2 / oblast.km2).clamp(0.0, 1.0);
    Some(LineGeometry {
        inside_ukraine: inside(territory, completed),
        completed: completed.clone(),
        partial,
        ceded,
        gained,
        ceded_km2,
        gained_km2,
        max_advance_km,
        furthest,
        donetsk_share: share(donetsk_km2, &territory.donetsk),
        luhansk_share: share(luhansk_km2, &territory.luhansk),
        belt_depth_km,
        crimea_gained_km2,
    })
}

/// The distance of each belt city to `line`, km.
fn belt_distances_km(territory: &Territory, line: &LineString) -> Vec<f64> {
    let cities: Vec<Point> = territory.belt.iter().map(|(_, city)| *city).collect();
    distances_to_line_km(&cities, line)
}

/// `area` with each of `pieces` (disjoint, each wholly inside or outside `area`) added where
/// it was outside and removed where it was inside: a symmetric difference, taken only with the
/// parts of `area` whose extent meets a piece's. Slivers the boolean operation leaves where
/// the pieces' edges run along `area`'s are dropped.
fn toggled(area: &MultiPolygon, pieces: Vec<Polygon>) -> MultiPolygon {
    let boxes: Vec<Rect> = pieces.iter().filter_map(|p| p.bounding_rect()).collect();
    if boxes.is_empty() {
        return area.clone();
    }
    let (touched, mut kept): (Vec<Polygon>, Vec<Polygon>) = area.iter().cloned().partition(|p| {
        p.bounding_rect()
            .is_some_and(|b| boxes.iter().any(|pb| pb.intersects(&b)))
    });
    let result = MultiPolygon::new(touched).xor(&MultiPolygon::new(pieces));
    kept.extend(
        result
            .into_iter()
            .filter(|p| polygon_area_km2(p) >= SLIVER_KM2),
    );
    MultiPolygon::new(kept)
}

/// A polygon smaller than this (a square metre) is a sliver of a boolean operation.
const SLIVER_KM2: f64 = 1e-6;

/// `line` with today's first and last points added before and after it where its own ends
/// differ from them, if each added segment (a connector) lies outside `ukraine`: the line then
/// divides Ukraine as before (a path inside Ukraine crosses it as often) and shares today's
/// ends. `None` if a connector would touch Ukraine, or nothing needs adding.
fn joined_to_ends(
    ukraine: &IndexedArea,
    front: &LineString,
    line: &LineString,
) -> Option<LineString> {
    let (&front_first, &front_last) = (front.0.first()?, front.0.last()?);
    let (&first, &last) = (line.0.first()?, line.0.last()?);
    if first == front_first && last == front_last {
        return None;
    }
    let outside = |a: Coord, b: Coord| {
        a == b
            || (!ukraine.contains(Point::from(a))
                && !ukraine.contains(Point::from(b))
                && !ukraine.boundary_meets(Line::new(a, b)))
    };
    if !(outside(front_first, first) && outside(last, front_last)) {
        return None;
    }
    let mut coords = Vec::with_capacity(line.0.len() + 2);
    if first != front_first {
        coords.push(front_first);
    }
    coords.extend_from_slice(&line.0);
    if last != front_last {
        coords.push(front_last);
    }
    Some(LineString::new(coords))
}

/// Why a line that is neither partial nor full, in words a planner reads after "… does not
/// split Ukraine in two: ".
fn partial_error_reason(
    territory: &Territory,
    front: &FrontGeometry,
    line: &LineString,
    error: &PartialError,
    snap_km: f64,
) -> String {
    match error {
        PartialError::EndTooFar { .. } => {
            // Neither partial (an end too far from today's line) nor full (an end inside
            // Ukraine): name the end that is both.
            let ends = [("first", line.0.first()), ("last", line.0.last())];
            let stuck = ends.iter().find_map(|(name, c)| {
                let p = Point::from(*(*c)?);
                let km = distance_to_line_km(p, &front.line);
                (territory.ukraine.contains(p) && km > snap_km).then_some((*name, km))
            });
            match stuck {
                Some((end, km)) => format!(
                    "its {end} end lies inside Ukraine, {} km from today's front line (a full line ends outside Ukraine, a partial one within {} km of the front line)",
                    figure(km),
                    format_number(snap_km)
                ),
                None => format!(
                    "its ends are neither both outside Ukraine nor both within {} km of today's front line",
                    format_number(snap_km)
                ),
            }
        }
        PartialError::TooFewPoints { which, points } => {
            format!("the {which} has {points} distinct point(s), and a line needs at least 2")
        }
        PartialError::SameJoinPoint => {
            "both its ends join today's front line at the same point, so it replaces none of it"
                .to_owned()
        }
    }
}

/// Ceded and gained areas from the regions between a line and today's line. `None` when the
/// shortcut does not apply (the line would leave most of today's occupied area on the other
/// side, or today's line runs through a region), so that Ukraine must be split anew. `changed`: the segments of today's line that bound the
/// regions.
#[allow(clippy::type_complexity)]
fn changed_sides(
    territory: &Territory,
    front: &FrontGeometry,
    regions: &[Polygon],
    right_of_front: Option<&[bool]>,
    changed: std::ops::Range<usize>,
) -> Result<Option<(MultiPolygon, MultiPolygon, Option<MultiPolygon>)>, GeometryError> {
    let (mut ceded, mut gained) = (Vec::new(), Vec::new());
    // Where each region lies beside today's line, where the regions' walk told and the side
    // today's line holds on its right is known.
    let hand = |k: usize| -> Option<bool> {
        let right = *right_of_front?.get(k)?;
        front.occupied_on_right.map(|occupied| right == occupied)
    };
    for (k, region) in regions.iter().enumerate() {
        let Some(bbox) = region.bounding_rect() else {
            continue;
        };
        // Today's line outside the stretch that differs is shared by both lines, so it cannot
        // cross a region's boundary: each shared segment lies wholly inside or outside.
        let envelope = AABB::from_corners(Point::from(bbox.min()), Point::from(bbox.max()));
        let crosses_front = front
            .segments
            .locate_in_envelope_intersecting(&envelope)
            .filter(|s| !(changed.start..changed.end.saturating_sub(1)).contains(&s.data))
            .any(|s| {
                let l = s.geom();
                let mid = Point::from(Coord {
                    x: (l.start.x + l.end.x) / 2.0,
                    y: (l.start.y + l.end.y) / 2.0,
                });
                region.contains(&mid)
            });
        if crosses_front {
            return Ok(None);
        }
        // A region wholly inside Ukraine lies on the side of today's line it touches: the ring
        // that line closes outside Ukraine cannot cross it.
        if let Some(occupied) = hand(k)
            && territory.ukraine.holds(region)
        {
            if occupied {
                gained.push(region.clone());
            } else {
                ceded.push(region.clone());
            }
            continue;
        }
        for piece in territory.ukraine.clip(region) {
            let Some(inside) = interior_point(&piece) else {
                continue;
            };
            if front.occupied.contains(inside) {
                gained.push(piece);
            } else {
                ceded.push(piece);
            }
        }
    }
    let gained = MultiPolygon::new(gained);
    // Moving more than half of today's occupied area swaps which side holds most of it, so the
    // sides must be decided anew (the Russian-controlled side is the one holding most of it).
    if area_km2(&gained) * 2.0 > front.occupied.km2 {
        return Ok(None);
    }
    Ok(Some((MultiPolygon::new(ceded), gained, None)))
}

/// Ceded, gained and the whole Russian-controlled side from a new split of Ukraine. The
/// Russian-controlled side is the side holding the larger part of today's occupied area.
#[allow(clippy::type_complexity)]
fn split_sides(
    territory: &Territory,
    front: &FrontGeometry,
    line: &LineString,
) -> Result<(MultiPolygon, MultiPolygon, Option<MultiPolygon>), GeometryError> {
    let Sides { home, other } = split_ukraine(territory, line)?;
    let occupied_in_other = area_km2(&other.intersection(&front.occupied.area));
    let (ukrainian, russian) = if occupied_in_other * 2.0 >= front.occupied.km2 {
        (home, other)
    } else {
        (other, home)
    };
    let ceded = russian.intersection(&front.free.area);
    let gained = ukrainian.intersection(&front.occupied.area);
    let other = russian;
    let keep = |m: MultiPolygon| {
        MultiPolygon::new(
            m.into_iter()
                .filter(|p| polygon_area_km2(p) >= 1e-3)
                .collect(),
        )
    };
    Ok((keep(ceded), keep(gained), Some(other)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{base, perturbed_example_line};
    use geo::polygon;

    /// Whether `a` is within `relative` of `b`, or within `absolute` of it.
    fn near(a: f64, b: f64, relative: f64, absolute: f64) -> bool {
        (a - b).abs() <= (relative * b.abs()).max(absolute)
    }

    /// The figures of a measurement from a base agree with a full measurement of the same line:
    /// areas and shares within 0.1 %, the furthest advance and belt depths within 50 m.
    fn assert_agree(what: &str, got: &LineGeometry, full: &LineGeometry) {
        assert_eq!(got.completed, full.completed, "{what}: completed line");
        assert_eq!(got.partial, full.partial, "{what}");
        assert_eq!(got.inside_ukraine, full.inside_ukraine, "{what}");
        // 0.1 %, or 0.01 km² for the areas near nothing (the report rounds to 0.1 km²).
        for (name, a, b) in [
            ("ceded", got.ceded_km2, full.ceded_km2),
            ("gained", got.gained_km2, full.gained_km2),
            ("crimea", got.crimea_gained_km2, full.crimea_gained_km2),
            ("ceded area", area_km2(&got.ceded), full.ceded_km2),
            ("gained area", area_km2(&got.gained), full.gained_km2),
        ] {
            assert!(near(a, b, 1e-3, 0.01), "{what}: {name} {a} vs {b}");
        }
        for (name, a, b) in [
            ("donetsk", got.donetsk_share, full.donetsk_share),
            ("luhansk", got.luhansk_share, full.luhansk_share),
        ] {
            assert!(near(a, b, 1e-3, 1e-6), "{what}: {name} share {a} vs {b}");
        }
        assert!(
            near(got.max_advance_km, full.max_advance_km, 0.0, 0.05),
            "{what}: furthest advance {} vs {}",
            got.max_advance_km,
            full.max_advance_km
        );
        for ((name, a), (_, b)) in got.belt_depth_km.iter().zip(&full.belt_depth_km) {
            assert!(near(*a, *b, 0.0, 0.05), "{what}: {name} {a} vs {b}");
        }
    }

    #[test]
    fn remeasure_after_moving_a_vertex_equals_a_full_measure() {
        let territory = crate::rules::checker::prepare_territory(base()).expect("territory");
        let front = FrontGeometry::new(&territory, &base().front_line.line).expect("front");
        // Forced-donbas's line, and Proposal A perturbed: a line snapped to the front, crossing
        // it hundreds of times, where a dragged vertex moves slivers across today's line.
        for (plan, id) in [("forced-donbas", "line-donbas"), ("default", "line-a")] {
            let line = perturbed_example_line(plan, id, 1);
            let (base_geometry, _) = measure_line_from(&territory, &front, None, &line, 5.0);
            let base_geometry = base_geometry.expect("measures");
            let (mut remeasured, mut tried) = (0, 0);
            let vertices: Vec<usize> = (1..line.0.len() - 1).step_by(23).chain([120]).collect();
            for &vertex in &vertices {
                for (k, [dx, dy]) in [[-0.02, 0.0], [0.012, 0.006], [0.0, -0.015], [0.003, 0.002]]
                    .into_iter()
                    .enumerate()
                {
                    let mut moved = line.clone();
                    if let Some(c) = moved.0.get_mut(vertex) {
                        c.x += dx;
                        c.y += dy;
                    }
                    // A second vertex nearby moved too, on some moves.
                    if k == 3
                        && let Some(c) = moved.0.get_mut(vertex + 2)
                    {
                        c.x -= dx;
                    }
                    let what = format!("{plan} vertex {vertex} moved by {dx}, {dy}");
                    let (full, _) = measure_line_from(&territory, &front, None, &moved, 5.0);
                    let got = match measure_line_from(
                        &territory,
                        &front,
                        Some(&base_geometry),
                        &moved,
                        5.0,
                    ) {
                        (Ok(got), true) => Some(got),
                        _ => None,
                    };
                    tried += 1;
                    match (&full, &got) {
                        (Ok(full), Some(got)) => {
                            remeasured += 1;
                            assert_agree(&what, got, full);
                        }
                        (Err(e), Some(_)) => panic!("{what}: measured from the base, but {e}"),
                        (_, None) => {}
                    }
                }
            }
            // Nearly every move is measured from the base (a move that makes the line cross
            // itself is not).
            assert!(
                remeasured * 10 >= tried * 8,
                "{plan}: {remeasured} of {tried}"
            );
        }
    }

    #[test]
    fn todays_line_has_the_occupied_side_on_one_hand() {
        let territory = crate::rules::checker::prepare_territory(base()).expect("territory");
        let front = FrontGeometry::new(&territory, &base().front_line.line).expect("front");
        let right = front.occupied_on_right.expect("a segment tells");
        // Every segment of today's line that runs between the two sides agrees.
        let line = &front.line;
        let mut told = 0;
        for (k, w) in line.0.windows(2).enumerate().step_by(7) {
            let one = LineString::new(vec![w[0], w[1]]);
            if let Some(hand) = occupied_hand(&one, &front.occupied, &front.free) {
                assert_eq!(hand, right, "segment {k}");
                told += 1;
            }
        }
        assert!(told > 10, "{told}");
    }

    #[test]
    fn clip_of_a_region_around_the_area_or_its_hole() {
        let area = IndexedArea::new(MultiPolygon::new(vec![polygon![
            exterior: [(x: 30.0, y: 48.0), (x: 31.0, y: 48.0), (x: 31.0, y: 49.0), (x: 30.0, y: 49.0)],
            interiors: [[(x: 30.4, y: 48.4), (x: 30.6, y: 48.4), (x: 30.6, y: 48.6), (x: 30.4, y: 48.6)]],
        ]]));
        let km2 = |m: &MultiPolygon| area_km2(m);
        // Around the whole area: the area, not the region.
        let around = polygon![(x: 29.0, y: 47.0), (x: 32.0, y: 47.0), (x: 32.0, y: 50.0), (x: 29.0, y: 50.0)];
        assert!((km2(&area.clip(&around)) - area.km2).abs() < 1e-6 * area.km2);
        // Inside the area around its hole: the region less the hole.
        let ring = polygon![(x: 30.2, y: 48.2), (x: 30.8, y: 48.2), (x: 30.8, y: 48.8), (x: 30.2, y: 48.8)];
        let hole = polygon![(x: 30.4, y: 48.4), (x: 30.6, y: 48.4), (x: 30.6, y: 48.6), (x: 30.4, y: 48.6)];
        let expected = polygon_area_km2(&ring) - polygon_area_km2(&hole);
        assert!((km2(&area.clip(&ring)) - expected).abs() < 1e-6 * expected);
        // Wholly inside, and wholly outside.
        let small = polygon![(x: 30.1, y: 48.1), (x: 30.2, y: 48.1), (x: 30.2, y: 48.2)];
        assert_eq!(area.clip(&small).0, vec![small.clone()]);
        let away = polygon![(x: 35.1, y: 48.1), (x: 35.2, y: 48.1), (x: 35.2, y: 48.2)];
        assert!(area.clip(&away).0.is_empty());
    }
}

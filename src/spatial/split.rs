//! Splitting a territory (Ukraine) by a dividing line (a front line or a proposed demarcation)
//! into the side that holds a home point (Kyiv: the Ukrainian-controlled side) and the other side.
//!
//! The territory's rings are sliced along the line with i_overlay's polyline slicing, which cuts
//! every polygon the line crosses into pieces. Each piece is then put on the left or the right of
//! the line by looking at the stretches of its boundary that run along the line: a piece's
//! boundary is wound so that its interior lies to the left of the boundary's direction, so where
//! the boundary runs with the line the piece is on the line's left, where it runs against the
//! line the piece is on the right. This holds for every piece, also for slivers between the line
//! and a coast the line touches several times, and for pieces beyond a stretch where the line
//! leaves the territory and comes back. A piece the line never touches (an island) goes with the
//! nearest piece that it does touch.
//!
//! Edges are straight in longitude/latitude, as everywhere the territory is drawn and tested.

use super::measure::{LinePosition, locate_on_line};
use geo::{
    Contains, Coord, Intersects, LineString, MultiPolygon, Orient, Point, Polygon,
    line_intersection::{LineIntersection, line_intersection},
    orient::Direction,
};
use i_overlay::core::fill_rule::FillRule;
use i_overlay::float::slice::FloatSlice;
use rstar::{AABB, PointDistance, RTree, RTreeObject};
use std::fmt;

/// The two sides of a territory split by a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sides {
    /// The side holding the home point (with Kyiv as home: the Ukrainian-controlled side).
    pub home: MultiPolygon,
    /// The other side (with Kyiv as home: the Russian-controlled side).
    pub other: MultiPolygon,
}

/// One end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// The line's first point.
    First,
    /// The line's last point.
    Last,
}

impl fmt::Display for LineEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::First => "first",
            Self::Last => "last",
        })
    }
}

/// Why a territory cannot be split by a line. Every case is refused rather than answered wrongly.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SplitError {
    /// The line has fewer than two distinct points.
    #[error("the line has {points} distinct point(s); a dividing line needs at least 2")]
    TooFewPoints {
        /// How many distinct points it has.
        points: usize,
    },
    /// A coordinate of the line or the home point is NaN or infinite.
    #[error("{what} has a coordinate that is not a finite number: ({lon}, {lat})")]
    NonFinite {
        /// Which point: "point 3 of the line" or "the home point".
        what: String,
        /// The longitude found.
        lon: f64,
        /// The latitude found.
        lat: f64,
    },
    /// The line crosses or overlaps itself.
    #[error(
        "the line crosses itself near ({lon:.4}, {lat:.4}) (its segments {first} and {second}); a dividing line must not"
    )]
    SelfIntersection {
        /// Index of the first segment involved (from point `first` to `first + 1`).
        first: usize,
        /// Index of the second segment involved.
        second: usize,
        /// Longitude where they meet.
        lon: f64,
        /// Latitude where they meet.
        lat: f64,
    },
    /// An end of the line lies inside the territory's land, so it cannot divide it.
    #[error(
        "the line's {end} end ({lon:.4}, {lat:.4}) lies inside the territory's land; a dividing line must start and end outside it"
    )]
    EndInside {
        /// Which end.
        end: LineEnd,
        /// Its longitude.
        lon: f64,
        /// Its latitude.
        lat: f64,
    },
    /// The territory has no polygon.
    #[error("the territory is empty")]
    EmptyTerritory,
    /// All of the territory lies on one side of the line.
    #[error("the line does not split the territory: all of it lies on one side of the line")]
    NoSplit,
    /// The home point is not inside the territory.
    #[error("the home point ({lon:.4}, {lat:.4}) is not inside the territory")]
    HomeOutside {
        /// Its longitude.
        lon: f64,
        /// Its latitude.
        lat: f64,
    },
    /// The home point lies on the line itself, so it is on neither side.
    #[error("the home point ({lon:.4}, {lat:.4}) lies on the line, so it is on neither side")]
    HomeOnLine {
        /// Its longitude.
        lon: f64,
        /// Its latitude.
        lat: f64,
    },
    /// A piece of the territory borders the line on both sides (e.g. the line ends in a lake).
    #[error(
        "the line does not divide the territory into two sides: the piece near ({lon:.4}, {lat:.4}) borders it on both sides"
    )]
    Ambiguous {
        /// Longitude of a point of that piece.
        lon: f64,
        /// Latitude of a point of that piece.
        lat: f64,
    },
}

/// Why a partial line cannot be completed by the front line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PartialError {
    /// The front line or the partial line has fewer than two points.
    #[error("the {which} has {points} point(s); it needs at least 2")]
    TooFewPoints {
        /// "front line" or "partial line".
        which: &'static str,
        /// How many points it has.
        points: usize,
    },
    /// An end of the partial line is too far from the front line to join it.
    #[error(
        "the partial line's {end} end is {distance_km:.1} km from the front line; it must be within {snap_km:.1} km to join it"
    )]
    EndTooFar {
        /// Which end.
        end: LineEnd,
        /// Its distance to the front line, km.
        distance_km: f64,
        /// The largest distance allowed, km.
        snap_km: f64,
    },
    /// Both ends join the front line at the same point, so nothing of it would be replaced.
    #[error("both ends of the partial line join the front line at the same point")]
    SameJoinPoint,
}

/// Whether both ends of `line` lie outside the territory's land (on its border counts as
/// outside): a full dividing line rather than a partial one. False for an empty line.
pub fn is_full_line(territory: &MultiPolygon, line: &LineString) -> bool {
    match (line.0.first(), line.0.last()) {
        (Some(first), Some(last)) => {
            !territory.contains(&Point::from(*first)) && !territory.contains(&Point::from(*last))
        }
        _ => false,
    }
}

/// The front line with the stretch between the points where `partial` joins it replaced by
/// `partial`. Both ends of `partial` must lie within `snap_m` metres (geodesic) of `front`; each
/// joins the front line at its nearest point. `partial` may be drawn in either direction: the
/// result follows the front line's direction.
pub fn complete_partial(
    front: &LineString,
    partial: &LineString,
    snap_m: f64,
) -> Result<LineString, PartialError> {
    if front.0.len() < 2 {
        return Err(PartialError::TooFewPoints {
            which: "front line",
            points: front.0.len(),
        });
    }
    let (Some(&first), Some(&last), true) =
        (partial.0.first(), partial.0.last(), partial.0.len() >= 2)
    else {
        return Err(PartialError::TooFewPoints {
            which: "partial line",
            points: partial.0.len(),
        });
    };
    let join = |end: LineEnd, c: Coord| -> Result<LinePosition, PartialError> {
        let too_far = |distance_m: f64| PartialError::EndTooFar {
            end,
            distance_km: distance_m / 1000.0,
            snap_km: snap_m / 1000.0,
        };
        let position =
            locate_on_line(Point::from(c), front).ok_or_else(|| too_far(f64::INFINITY))?;
        if position.distance_m <= snap_m {
            Ok(position)
        } else {
            Err(too_far(position.distance_m))
        }
    };
    let start = join(LineEnd::First, first)?;
    let end = join(LineEnd::Last, last)?;
    let mut middle: Vec<Coord> = partial.0.clone();
    let (start, end) = if start.along() <= end.along() {
        (start, end)
    } else {
        middle.reverse();
        (end, start)
    };
    if end.along() - start.along() < 1e-12 {
        return Err(PartialError::SameJoinPoint);
    }
    let mut coords: Vec<Coord> = Vec::with_capacity(front.0.len() + middle.len() + 2);
    coords.extend(front.0.iter().take(start.segment + 1));
    coords.push(start.point.0);
    coords.extend(middle);
    coords.push(end.point.0);
    coords.extend(front.0.iter().skip(end.segment + 1));
    coords.dedup();
    Ok(LineString::new(coords))
}

/// The line's points without consecutive repeats, after checking they are finite.
fn distinct_points(line: &LineString) -> Result<Vec<Coord>, SplitError> {
    if let Some((index, c)) = line
        .0
        .iter()
        .enumerate()
        .find(|(_, c)| !(c.x.is_finite() && c.y.is_finite()))
    {
        return Err(SplitError::NonFinite {
            what: format!("point {index} of the line"),
            lon: c.x,
            lat: c.y,
        });
    }
    let mut points = line.0.clone();
    points.dedup();
    if points.len() < 2 {
        return Err(SplitError::TooFewPoints {
            points: points.len(),
        });
    }
    Ok(points)
}

/// Refuses a line that crosses, touches or overlaps itself (a closed line included).
fn check_simple(points: &[Coord]) -> Result<(), SplitError> {
    let segments: Vec<geo::Line> = points
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(geo::Line::new(*a, *b)),
            _ => None,
        })
        .collect();
    // Sweep along x: only segments whose x-ranges overlap can meet.
    let mut order: Vec<usize> = (0..segments.len()).collect();
    let min_x = |s: &geo::Line| s.start.x.min(s.end.x);
    let max_x = |s: &geo::Line| s.start.x.max(s.end.x);
    order.sort_by(|&i, &j| match (segments.get(i), segments.get(j)) {
        (Some(a), Some(b)) => min_x(a).total_cmp(&min_x(b)),
        _ => std::cmp::Ordering::Equal,
    });
    for (k, &i) in order.iter().enumerate() {
        let Some(a) = segments.get(i) else { continue };
        for &j in order.iter().skip(k + 1) {
            let Some(b) = segments.get(j) else { continue };
            if min_x(b) > max_x(a) {
                break;
            }
            let Some(hit) = line_intersection(*a, *b) else {
                continue;
            };
            let (first, second) = (i.min(j), i.max(j));
            let at = match hit {
                LineIntersection::SinglePoint { intersection, .. } => {
                    // Neighbours meet at their shared vertex; that is no crossing.
                    let shared = points.get(second).copied();
                    if second == first + 1 && shared == Some(intersection) {
                        continue;
                    }
                    intersection
                }
                LineIntersection::Collinear { intersection } => intersection.start,
            };
            return Err(SplitError::SelfIntersection {
                first,
                second,
                lon: at.x,
                lat: at.y,
            });
        }
    }
    Ok(())
}

/// A segment of the dividing line, indexed for nearest-segment queries.
struct LineSegment {
    start: [f64; 2],
    end: [f64; 2],
}

impl LineSegment {
    fn direction(&self) -> [f64; 2] {
        [self.end[0] - self.start[0], self.end[1] - self.start[1]]
    }
}

impl RTreeObject for LineSegment {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners(self.start, self.end)
    }
}

impl PointDistance for LineSegment {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        let d = self.direction();
        let len2 = d[0] * d[0] + d[1] * d[1];
        let t = if len2 > 0.0 {
            (((p[0] - self.start[0]) * d[0] + (p[1] - self.start[1]) * d[1]) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let dx = self.start[0] + t * d[0] - p[0];
        let dy = self.start[1] + t * d[1] - p[1];
        dx * dx + dy * dy
    }
}

/// Which side of the line a piece lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// A piece of the sliced territory: its contours (outer first, then holes), open rings.
type Piece = Vec<Vec<[f64; 2]>>;

/// Twice the signed area of an open ring (positive counter-clockwise).
fn signed_area2(ring: &[[f64; 2]]) -> f64 {
    ring.iter()
        .zip(ring.iter().cycle().skip(1))
        .map(|(a, b)| a[0] * b[1] - b[0] * a[1])
        .sum()
}

/// Length of the piece's boundary running with the line (left) and against it (right).
fn line_votes(piece: &Piece, segments: &RTree<LineSegment>, tolerance: f64) -> (f64, f64) {
    let tol2 = tolerance * tolerance;
    let (mut left, mut right) = (0.0, 0.0);
    for (index, ring) in piece.iter().enumerate() {
        // The interior lies left of a counter-clockwise outer ring and of a clockwise hole.
        let ccw = signed_area2(ring) > 0.0;
        let interior_left = if index == 0 { ccw } else { !ccw };
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            let edge = [b[0] - a[0], b[1] - a[1]];
            let length = edge[0].hypot(edge[1]);
            if length <= tolerance {
                continue;
            }
            let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            let Some(segment) = segments.nearest_neighbor(&mid) else {
                continue;
            };
            if segment.distance_2(&mid) > tol2
                || segment.distance_2(a) > tol2
                || segment.distance_2(b) > tol2
            {
                continue;
            }
            let d = segment.direction();
            let with_line = edge[0] * d[0] + edge[1] * d[1] > 0.0;
            if with_line == interior_left {
                left += length;
            } else {
                right += length;
            }
        }
    }
    (left, right)
}

fn piece_polygon(piece: &Piece) -> Polygon {
    let ring = |r: &Vec<[f64; 2]>| {
        LineString::from(r.iter().map(|&[x, y]| Coord { x, y }).collect::<Vec<_>>())
    };
    let mut rings = piece.iter().map(ring);
    let exterior = rings.next().unwrap_or_else(|| LineString::new(vec![]));
    Polygon::new(exterior, rings.collect())
}

/// A boundary edge of a classified piece, for finding the piece nearest to an island.
struct PieceEdge {
    segment: LineSegment,
    side: Side,
}

impl RTreeObject for PieceEdge {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.segment.envelope()
    }
}

impl PointDistance for PieceEdge {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        self.segment.distance_2(p)
    }
}

/// Splits `territory` by `line` into the side holding `home` and the other side.
///
/// The line must have at least two points, be finite and simple (not crossing itself), and start
/// and end outside the territory's land; `home` must lie inside the territory and off the line.
/// The line may leave the territory and come back, and may touch the coast any number of times.
pub fn split_by_line(
    territory: &MultiPolygon,
    line: &LineString,
    home: Point,
) -> Result<Sides, SplitError> {
    let points = distinct_points(line)?;
    if !(home.x().is_finite() && home.y().is_finite()) {
        return Err(SplitError::NonFinite {
            what: "the home point".to_owned(),
            lon: home.x(),
            lat: home.y(),
        });
    }
    check_simple(&points)?;
    let territory = territory.orient(Direction::Default);
    if territory.0.is_empty() {
        return Err(SplitError::EmptyTerritory);
    }
    for (end, c) in [
        (LineEnd::First, points.first()),
        (LineEnd::Last, points.last()),
    ] {
        if let Some(c) = c
            && territory.contains(&Point::from(*c))
        {
            return Err(SplitError::EndInside {
                end,
                lon: c.x,
                lat: c.y,
            });
        }
    }
    if !territory.intersects(&home) {
        return Err(SplitError::HomeOutside {
            lon: home.x(),
            lat: home.y(),
        });
    }

    let shapes: Vec<Vec<Vec<[f64; 2]>>> = territory
        .iter()
        .map(|polygon| {
            std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .map(|ring| {
                    let mut r: Vec<[f64; 2]> = ring.coords().map(|c| [c.x, c.y]).collect();
                    if r.len() > 1 && r.first() == r.last() {
                        r.pop();
                    }
                    r
                })
                .collect()
        })
        .collect();
    let path: Vec<[f64; 2]> = points.iter().map(|c| [c.x, c.y]).collect();
    let pieces: Vec<Piece> = shapes.slice_by(&path, FillRule::NonZero);

    // Slicing snaps to a grid of about 2^-29 of the extent; allow a few dozen grid steps.
    let extent = shapes.iter().flatten().flatten().chain(path.iter()).fold(
        [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, p| {
            [
                b[0].min(p[0]),
                b[1].max(p[0]),
                b[2].min(p[1]),
                b[3].max(p[1]),
            ]
        },
    );
    let size = (extent[1] - extent[0]).max(extent[3] - extent[2]).max(1e-9);
    let tolerance = size * 2f64.powi(-24);

    let segments = RTree::bulk_load(
        path.windows(2)
            .filter_map(|w| match w {
                [a, b] => Some(LineSegment { start: *a, end: *b }),
                _ => None,
            })
            .collect(),
    );
    if segments
        .nearest_neighbor(&[home.x(), home.y()])
        .is_some_and(|s| s.distance_2(&[home.x(), home.y()]) <= tolerance * tolerance)
    {
        return Err(SplitError::HomeOnLine {
            lon: home.x(),
            lat: home.y(),
        });
    }

    let mut sides: Vec<Option<Side>> = Vec::with_capacity(pieces.len());
    for piece in &pieces {
        let (left, right) = line_votes(piece, &segments, tolerance);
        let side = if left == 0.0 && right == 0.0 {
            None
        } else {
            // Rounding can leave a few grid steps of boundary seemingly on the wrong side where
            // a piece's boundary leaves the line; anything more means two sides at once.
            let (major, minor) = if left >= right {
                (left, right)
            } else {
                (right, left)
            };
            if minor > 0.01 * major && minor > 100.0 * tolerance {
                let at = piece
                    .first()
                    .and_then(|r| r.first())
                    .copied()
                    .unwrap_or([0.0, 0.0]);
                return Err(SplitError::Ambiguous {
                    lon: at[0],
                    lat: at[1],
                });
            }
            Some(if left >= right {
                Side::Left
            } else {
                Side::Right
            })
        };
        sides.push(side);
    }

    // Islands go with the nearest piece the line touches. Distances are in lon/lat scaled by
    // the cosine of the middle latitude, close enough to compare neighbours.
    if sides.iter().any(Option::is_none) {
        let mid_lat = (extent[2] + extent[3]) / 2.0;
        let kx = mid_lat.to_radians().cos().max(0.01);
        let scaled = |p: &[f64; 2]| [p[0] * kx, p[1]];
        let edges: Vec<PieceEdge> = pieces
            .iter()
            .zip(&sides)
            .filter_map(|(piece, side)| side.map(|s| (piece, s)))
            .flat_map(|(piece, side)| {
                piece.iter().flat_map(move |ring| {
                    ring.iter()
                        .zip(ring.iter().cycle().skip(1))
                        .map(move |(a, b)| PieceEdge {
                            segment: LineSegment {
                                start: scaled(a),
                                end: scaled(b),
                            },
                            side,
                        })
                })
            })
            .collect();
        let index = RTree::bulk_load(edges);
        for (piece, side) in pieces.iter().zip(sides.iter_mut()) {
            if side.is_some() {
                continue;
            }
            *side = piece
                .iter()
                .flatten()
                .filter_map(|p| {
                    let q = scaled(p);
                    index
                        .nearest_neighbor(&q)
                        .map(|e| (e.distance_2(&q), e.side))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, s)| s);
        }
    }

    let polygons: Vec<(Polygon, Option<Side>)> =
        pieces.iter().map(piece_polygon).zip(sides).collect();
    let home_side = polygons
        .iter()
        .find(|(polygon, _)| polygon.intersects(&home))
        .and_then(|(_, side)| *side)
        .ok_or(SplitError::NoSplit)?;
    let (mut home_part, mut other_part) = (Vec::new(), Vec::new());
    for (polygon, side) in polygons {
        if side == Some(home_side) {
            home_part.push(polygon);
        } else {
            other_part.push(polygon);
        }
    }
    if home_part.is_empty() || other_part.is_empty() {
        return Err(SplitError::NoSplit);
    }
    Ok(Sides {
        home: MultiPolygon::new(home_part),
        other: MultiPolygon::new(other_part),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::measure::area_km2;
    use geo::{Area, BooleanOps, line_string, polygon};

    fn square() -> MultiPolygon {
        MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)
        ]])
    }

    /// The sides must partition the territory exactly as drawn, with edges straight in lon/lat.
    /// Geodesic areas would differ by a hair where a cut splits a long edge that is not a
    /// geodesic (a parallel), so this invariant is checked with the planar area on lon/lat.
    fn assert_partition(territory: &MultiPolygon, sides: &Sides) {
        let whole = territory.unsigned_area();
        let parts = sides.home.unsigned_area() + sides.other.unsigned_area();
        assert!(
            (parts - whole).abs() < 1e-9 * whole,
            "sides {parts} vs whole {whole}"
        );
        let overlap = sides.home.intersection(&sides.other).unsigned_area();
        assert!(overlap < 1e-9 * whole, "sides overlap by {overlap}");
    }

    #[test]
    fn square_cut_straight() {
        let line = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 3.0)];
        let sides = split_by_line(&square(), &line, Point::new(0.5, 1.0)).expect("splits");
        assert_partition(&square(), &sides);
        assert!(sides.home.contains(&Point::new(0.5, 1.0)));
        assert!(sides.other.contains(&Point::new(1.5, 1.0)));
        // Geodesic: the halves of a 2°×2° cell at the equator, ≈ 24,600 km² each.
        let half = area_km2(&square()) / 2.0;
        assert!((area_km2(&sides.home) - half).abs() < 0.001 * half);
        assert!((half - 24_615.0).abs() < 30.0, "{half}");
        // Either direction of the line, and home on the other side, give the mirror answer.
        let mut reversed = line.clone();
        reversed.0.reverse();
        let mirror = split_by_line(&square(), &reversed, Point::new(1.5, 1.0)).expect("splits");
        assert!(mirror.home.contains(&Point::new(1.5, 1.0)));
        assert!(mirror.other.contains(&Point::new(0.5, 1.0)));
    }

    #[test]
    fn concave_c_gives_pieces_on_both_sides() {
        // A "C" open to the east, cut by a vertical line through both arms and the back: the
        // back (west) is one piece, the two arm tips (east) are two pieces on the other side.
        let c = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 1.0), (x: 1.0, y: 1.0),
            (x: 1.0, y: 2.0), (x: 3.0, y: 2.0), (x: 3.0, y: 3.0), (x: 0.0, y: 3.0)
        ]]);
        let line = line_string![(x: 2.0, y: -1.0), (x: 2.0, y: 4.0)];
        let sides = split_by_line(&c, &line, Point::new(0.5, 1.5)).expect("splits");
        assert_partition(&c, &sides);
        assert_eq!(sides.home.0.len(), 1);
        assert_eq!(sides.other.0.len(), 2);
        assert!(sides.other.contains(&Point::new(2.5, 0.5)));
        assert!(sides.other.contains(&Point::new(2.5, 2.5)));
        // Kyiv-style: home in an arm tip puts both tips together on the home side.
        let tips = split_by_line(&c, &line, Point::new(2.5, 2.5)).expect("splits");
        assert_eq!(tips.home.0.len(), 2);
        assert!(tips.other.contains(&Point::new(0.5, 1.5)));
    }

    #[test]
    fn line_touching_the_coast_several_times() {
        // A line that dips into the land three times from the sea along the south coast and
        // touches it exactly at vertices in between: it cuts three coastal slivers, which go
        // to the sea side (south) of the line, while the mainland stays home.
        let line = line_string![
            (x: -1.0, y: 0.5), (x: 0.2, y: -0.5), (x: 0.4, y: 0.2), (x: 0.6, y: 0.0),
            (x: 0.8, y: 0.2), (x: 1.0, y: -0.3), (x: 1.2, y: 0.3), (x: 1.4, y: -0.3),
            (x: 1.6, y: 0.0), (x: 1.8, y: -0.5), (x: 3.0, y: -0.5)
        ];
        // It enters the land at x≈0.34, touches the coast at (0.6, 0), leaves at x=0.88, cuts
        // x 1.1..1.3, and touches the coast again at (1.6, 0).
        let sides = split_by_line(&square(), &line, Point::new(1.0, 1.5)).expect("splits");
        assert_partition(&square(), &sides);
        assert_eq!(sides.home.0.len(), 1, "{:?}", sides.home);
        for sliver in [(0.45, 0.05), (0.75, 0.05), (1.2, 0.1)] {
            assert!(sides.other.contains(&Point::from(sliver)), "{sliver:?}");
        }
        for mainland in [(0.2, 0.1), (0.6, 0.1), (1.0, 0.1), (1.4, 0.1), (1.6, 0.05)] {
            assert!(sides.home.contains(&Point::from(mainland)), "{mainland:?}");
        }
        assert!(
            sides.other.unsigned_area() < 0.1,
            "only slivers: {}",
            sides.other.unsigned_area()
        );
    }

    #[test]
    fn line_leaving_and_re_entering() {
        // The line crosses the square's east edge, runs outside (through "Russia") and comes
        // back in from the north before leaving again to the west.
        let line = line_string![
            (x: 1.0, y: -1.0), (x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0),
            (x: 1.5, y: 3.0), (x: 1.5, y: 1.5), (x: -1.0, y: 1.5)
        ];
        let sides = split_by_line(&square(), &line, Point::new(0.5, 0.5)).expect("splits");
        assert_partition(&square(), &sides);
        // Three pieces: the south-east block (x > 1, y < 1) right of the line, the strip north
        // of y = 1.5 west of x = 1.5 also right of it, and the rest (an L from the south-west
        // block round to the north-east block) left of it, with home.
        assert_eq!((sides.home.0.len(), sides.other.0.len()), (1, 2));
        for home_side in [(0.5, 0.5), (1.2, 1.2), (1.8, 1.8)] {
            assert!(
                sides.home.contains(&Point::from(home_side)),
                "{home_side:?}"
            );
        }
        for other_side in [(1.5, 0.5), (0.5, 1.8)] {
            assert!(
                sides.other.contains(&Point::from(other_side)),
                "{other_side:?}"
            );
        }
    }

    #[test]
    fn polygon_with_hole_and_reversed_winding() {
        let outer = line_string![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0), (x: 0.0, y: 0.0)];
        let hole = line_string![(x: 1.0, y: 1.0), (x: 1.0, y: 3.0), (x: 3.0, y: 3.0), (x: 3.0, y: 1.0), (x: 1.0, y: 1.0)];
        let line = line_string![(x: 2.0, y: -1.0), (x: 2.0, y: 5.0)];
        let mut outer_cw = outer.clone();
        outer_cw.0.reverse();
        let mut hole_ccw = hole.clone();
        hole_ccw.0.reverse();
        for (o, h) in [(outer.clone(), hole.clone()), (outer_cw, hole_ccw)] {
            let territory = MultiPolygon::new(vec![Polygon::new(o, vec![h])]);
            let sides = split_by_line(&territory, &line, Point::new(0.5, 2.0)).expect("splits");
            assert_partition(&territory, &sides);
            assert!(
                !sides.home.intersects(&Point::new(1.5, 2.0)),
                "the hole stays empty"
            );
            assert!(sides.other.contains(&Point::new(3.5, 2.0)));
            let half = area_km2(&territory) / 2.0;
            assert!((area_km2(&sides.home) - half).abs() < 0.01 * half);
        }
    }

    #[test]
    fn line_ending_in_a_hole_is_refused() {
        // Starting in a lake (outside the land) and cutting the ring once does not divide it.
        let outer = line_string![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0), (x: 0.0, y: 0.0)];
        let hole = line_string![(x: 1.0, y: 1.0), (x: 1.0, y: 3.0), (x: 3.0, y: 3.0), (x: 3.0, y: 1.0), (x: 1.0, y: 1.0)];
        let territory = MultiPolygon::new(vec![Polygon::new(outer, vec![hole])]);
        let line = line_string![(x: 2.0, y: 2.0), (x: 2.0, y: -1.0)];
        let err = split_by_line(&territory, &line, Point::new(0.5, 2.0)).expect_err("no split");
        assert!(
            matches!(err, SplitError::NoSplit | SplitError::Ambiguous { .. }),
            "{err}"
        );
    }

    #[test]
    fn island_goes_with_the_nearest_side() {
        let territory = MultiPolygon::new(vec![
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)],
            // An island off the east (other) side.
            polygon![(x: 2.5, y: 0.5), (x: 2.8, y: 0.5), (x: 2.8, y: 0.8), (x: 2.5, y: 0.8)],
            // An island off the west (home) side.
            polygon![(x: -0.8, y: 0.5), (x: -0.5, y: 0.5), (x: -0.5, y: 0.8), (x: -0.8, y: 0.8)],
        ]);
        let line = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 3.0)];
        let sides = split_by_line(&territory, &line, Point::new(0.5, 1.0)).expect("splits");
        assert_partition(&territory, &sides);
        assert!(sides.other.contains(&Point::new(2.6, 0.6)));
        assert!(sides.home.contains(&Point::new(-0.6, 0.6)));
    }

    #[test]
    fn errors_are_named() {
        let home = Point::new(0.5, 1.0);
        let too_short = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: -1.0)];
        assert_eq!(
            split_by_line(&square(), &too_short, home),
            Err(SplitError::TooFewPoints { points: 1 })
        );
        let nan = line_string![(x: 1.0, y: -1.0), (x: f64::NAN, y: 3.0)];
        assert!(matches!(
            split_by_line(&square(), &nan, home),
            Err(SplitError::NonFinite { .. })
        ));
        let crossing = line_string![
            (x: 1.0, y: -1.0), (x: 1.0, y: 3.0), (x: 1.5, y: 3.0), (x: 0.5, y: 1.0), (x: -1.0, y: 1.0)
        ];
        let err = split_by_line(&square(), &crossing, home).expect_err("crosses");
        assert!(
            matches!(
                err,
                SplitError::SelfIntersection {
                    first: 0,
                    second: 2,
                    ..
                }
            ),
            "{err}"
        );
        let closed = line_string![(x: -1.0, y: -1.0), (x: 3.0, y: -1.0), (x: 1.0, y: 3.0), (x: -1.0, y: -1.0)];
        assert!(matches!(
            split_by_line(&square(), &closed, home),
            Err(SplitError::SelfIntersection { .. })
        ));
        let back_on_itself = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 3.0), (x: 1.0, y: 2.0)];
        assert!(matches!(
            split_by_line(&square(), &back_on_itself, home),
            Err(SplitError::SelfIntersection { .. })
        ));
        let ends_inside = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 1.5)];
        let err = split_by_line(&square(), &ends_inside, home).expect_err("inside");
        assert_eq!(
            err,
            SplitError::EndInside {
                end: LineEnd::Last,
                lon: 1.0,
                lat: 1.5
            }
        );
        assert!(
            err.to_string().contains("last end (1.0000, 1.5000)"),
            "{err}"
        );
        let starts_inside = line_string![(x: 1.0, y: 0.5), (x: 1.0, y: 3.0)];
        assert!(matches!(
            split_by_line(&square(), &starts_inside, home),
            Err(SplitError::EndInside {
                end: LineEnd::First,
                ..
            })
        ));
        let misses = line_string![(x: 3.0, y: -1.0), (x: 3.0, y: 3.0)];
        assert_eq!(
            split_by_line(&square(), &misses, home),
            Err(SplitError::NoSplit)
        );
        let grazes = line_string![(x: 2.0, y: -1.0), (x: 2.0, y: 3.0)];
        assert_eq!(
            split_by_line(&square(), &grazes, home),
            Err(SplitError::NoSplit)
        );
        let line = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 3.0)];
        assert!(matches!(
            split_by_line(&square(), &line, Point::new(5.0, 5.0)),
            Err(SplitError::HomeOutside { .. })
        ));
        assert!(matches!(
            split_by_line(&square(), &line, Point::new(1.0, 1.0)),
            Err(SplitError::HomeOnLine { .. })
        ));
        assert_eq!(
            split_by_line(&MultiPolygon::new(vec![]), &line, home),
            Err(SplitError::EmptyTerritory)
        );
    }

    #[test]
    fn full_line_needs_both_ends_outside() {
        let full = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 3.0)];
        let partial = line_string![(x: 1.0, y: 0.5), (x: 1.0, y: 1.5)];
        let half = line_string![(x: 1.0, y: -1.0), (x: 1.0, y: 1.5)];
        assert!(is_full_line(&square(), &full));
        assert!(!is_full_line(&square(), &partial));
        assert!(!is_full_line(&square(), &half));
        assert!(!is_full_line(&square(), &LineString::new(vec![])));
    }

    fn front() -> LineString {
        line_string![(x: 37.0, y: 47.0), (x: 37.0, y: 48.0), (x: 37.0, y: 49.0), (x: 37.0, y: 50.0)]
    }

    #[test]
    fn partial_replaces_the_stretch_between_its_joins() {
        // A bulge east between 47.5 and 49.5 N, its ends 1.5 km east of the front.
        let partial = line_string![(x: 37.02, y: 47.5), (x: 37.5, y: 48.5), (x: 37.02, y: 49.5)];
        let completed = complete_partial(&front(), &partial, 5_000.0).expect("joins");
        let coords: Vec<(f64, f64)> = completed.coords().map(|c| (c.x, c.y)).collect();
        assert_eq!(coords.len(), 7, "{coords:?}");
        assert_eq!(coords.first(), Some(&(37.0, 47.0)));
        assert_eq!(coords.get(3), Some(&(37.5, 48.5)));
        assert_eq!(coords.last(), Some(&(37.0, 50.0)));
        let join = coords.get(1).copied().unwrap_or_default();
        assert!(
            (join.0 - 37.0).abs() < 1e-9 && (join.1 - 47.5).abs() < 0.001,
            "{join:?}"
        );

        // Drawn the other way round, it gives the same line.
        let mut reversed = partial.clone();
        reversed.0.reverse();
        let again = complete_partial(&front(), &reversed, 5_000.0).expect("joins");
        assert_eq!(again, completed);
    }

    #[test]
    fn partial_too_far_or_degenerate_is_refused() {
        let far = line_string![(x: 37.02, y: 47.5), (x: 37.5, y: 48.5), (x: 37.2, y: 49.5)];
        let err = complete_partial(&front(), &far, 5_000.0).expect_err("14.5 km off");
        let PartialError::EndTooFar {
            end,
            distance_km,
            snap_km,
        } = err
        else {
            panic!("{err}");
        };
        assert_eq!(end, LineEnd::Last);
        assert!((distance_km - 14.6).abs() < 0.2, "{distance_km}");
        assert!((snap_km - 5.0).abs() < 1e-12);
        let loop_back = line_string![(x: 37.01, y: 48.5), (x: 37.5, y: 48.5), (x: 37.01, y: 48.5)];
        assert_eq!(
            complete_partial(&front(), &loop_back, 5_000.0),
            Err(PartialError::SameJoinPoint)
        );
        let one = line_string![(x: 37.01, y: 48.5)];
        assert!(matches!(
            complete_partial(&front(), &one, 5_000.0),
            Err(PartialError::TooFewPoints {
                which: "partial line",
                ..
            })
        ));
    }

    #[test]
    fn completed_partial_splits_like_a_full_line() {
        let territory = MultiPolygon::new(vec![polygon![
            (x: 36.0, y: 47.2), (x: 38.0, y: 47.2), (x: 38.0, y: 49.8), (x: 36.0, y: 49.8)
        ]]);
        let partial = line_string![(x: 37.02, y: 47.5), (x: 37.5, y: 48.5), (x: 37.02, y: 49.5)];
        let completed = complete_partial(&front(), &partial, 5_000.0).expect("joins");
        assert!(is_full_line(&territory, &completed));
        let sides = split_by_line(&territory, &completed, Point::new(36.5, 48.5)).expect("splits");
        assert!(
            sides.home.contains(&Point::new(37.3, 48.5)),
            "the bulge is home's gain"
        );
        assert!(sides.other.contains(&Point::new(37.8, 48.5)));
    }
}

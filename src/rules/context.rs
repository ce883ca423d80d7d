//! What a rule sees: the scenario, its forces classified, the demarcations with their geometry,
//! today's front line and the force ledger; and what a rule adds: findings and overlays.

use super::geometry::{FrontGeometry, LineGeometry, Territory};
use super::report::{Finding, ForceLedger, Severity, StandoffViolation};
use crate::model::scenario::{Affiliation, Force, NationLists};
use crate::model::{City, Scenario};
use crate::spatial::distance_to_line_km;
use geo::{BoundingRect, LineString, Point};
use std::sync::Arc;

// Rule files format through `crate::format`; these names stay importable from here too.
pub use crate::format::{amount, figure, percent, thousands};

/// A force of the scenario with what the rules ask about it.
#[derive(Debug, Clone)]
pub struct ForceView<'a> {
    /// Its feature id.
    pub id: &'a str,
    /// The force.
    pub force: &'a Force,
    /// Whether it stands inside Ukraine's borders.
    pub in_ukraine: bool,
    /// The part its nation plays.
    pub affiliation: Affiliation,
    /// Why it breaks `force-location` (a short phrase such as "at sea"), if it does.
    pub misplaced: Option<String>,
}

impl ForceView<'_> {
    /// Whether it counts as a guarantor force (nation in `guarantors` or `backstop`).
    pub fn is_guarantor(&self) -> bool {
        matches!(
            self.affiliation,
            Affiliation::Guarantor | Affiliation::Backstop
        )
    }

    /// Whether it is a European guarantor's force (nation in `guarantors`).
    pub fn is_european(&self) -> bool {
        self.affiliation == Affiliation::Guarantor
    }

    /// Whether it is a host-nation force (nation in `host`).
    pub fn is_host(&self) -> bool {
        self.affiliation == Affiliation::Host
    }

    /// Whether it counts in the rules at all: it has troops (strength above 0) and stands where
    /// it can (it does not break `force-location`). A force that does not count is on the map,
    /// but gives no troops, cover, monitoring or range.
    pub fn counts(&self) -> bool {
        self.force.strength > 0 && self.misplaced.is_none()
    }

    /// Its name, else its id.
    pub fn label(&self) -> &str {
        self.force.name.as_deref().unwrap_or(self.id)
    }
}

/// A demarcation with its geometry.
#[derive(Debug, Clone)]
pub struct LineView<'a> {
    /// Its feature id.
    pub id: &'a str,
    /// Its name, else its id.
    pub label: &'a str,
    /// The line as drawn.
    pub line: &'a LineString,
    /// Its geometry, or why it does not split Ukraine.
    pub geometry: Result<Arc<LineGeometry>, String>,
    /// Share of the whole line of control's length (completed by the front line) within reach
    /// of a monitor (line-monitoring's radius).
    pub monitored_share: f64,
}

/// Everything a rule may look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The plan.
    pub scenario: &'a Scenario,
    /// The nation lists (`guarantor-eligibility`'s parameters).
    pub nations: NationLists,
    pub(crate) territory: Option<&'a Territory>,
    pub(crate) front: Option<&'a FrontGeometry>,
    pub(crate) cities: &'a [City],
    /// The forces, in file order.
    pub forces: Vec<ForceView<'a>>,
    /// The demarcations, in file order.
    pub lines: Vec<LineView<'a>>,
    /// Guarantor strength.
    pub ledger: ForceLedger,
    /// Each guarantee area: id, label, the share of today's Ukrainian-controlled territory it
    /// covers, the km² of today's occupied area it covers, and the area.
    pub guarantee_covers: Vec<(&'a str, &'a str, f64, f64, &'a geo::MultiPolygon)>,
    /// Monitoring of today's front line when it is the line of control (no demarcation splits
    /// Ukraine).
    pub front_monitoring: Option<super::report::FrontMonitoring>,
}

impl Context<'_> {
    /// The lines a force's distance to "the line" is measured to: every demarcation that splits
    /// Ukraine (completed where partial), or today's front line if there is none such.
    pub fn reference_lines(&self) -> Vec<(&str, &LineString)> {
        let valid: Vec<(&str, &LineString)> = self
            .lines
            .iter()
            .filter_map(|l| l.geometry.as_ref().ok().map(|g| (l.label, &g.completed)))
            .collect();
        if !valid.is_empty() {
            return valid;
        }
        self.front
            .map(|f| vec![("today's front line", &f.line)])
            .unwrap_or_default()
    }

    /// The stretches inside Ukraine of the lines of control (each demarcation that splits
    /// Ukraine, completed; today's front line if there is none), labelled.
    pub fn lines_inside_ukraine(&self) -> Vec<(&str, &geo::MultiLineString)> {
        let valid: Vec<(&str, &geo::MultiLineString)> = self
            .lines
            .iter()
            .filter_map(|l| {
                l.geometry
                    .as_ref()
                    .ok()
                    .map(|g| (l.label, &g.inside_ukraine))
            })
            .collect();
        if !valid.is_empty() {
            return valid;
        }
        self.front
            .map(|f| vec![("today's front line", &f.inside_ukraine)])
            .unwrap_or_default()
    }

    /// Whether the plan has a demarcation that splits Ukraine (a ceasefire line).
    pub fn has_valid_demarcation(&self) -> bool {
        self.lines.iter().any(|l| l.geometry.is_ok())
    }

    /// Today's front line, if it could be read and split.
    pub fn front_line(&self) -> Option<&LineString> {
        self.front.map(|f| &f.line)
    }

    /// Today's occupied area, km² (0 if the front line could not be split).
    pub fn occupied_km2(&self) -> f64 {
        self.front.map_or(0.0, |f| f.occupied.km2)
    }

    /// The city of this name on the bundled map.
    pub fn city(&self, name: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.name == name)
    }

    /// The geodesic distance from `p` to the nearest of `lines`, if it may be below `limit_km`:
    /// lines that a cheap bound puts well beyond `limit_km` are not measured exactly.
    /// Returns the line's label, the nearest point and the distance.
    pub fn nearest_within<'l>(
        p: Point,
        lines: &[(&'l str, &'l LineString)],
        limit_km: f64,
    ) -> Option<(&'l str, Point, f64)> {
        lines
            .iter()
            .filter(|(_, line)| approx_distance_km(p, line) <= limit_km * 1.1 + 5.0)
            .filter_map(|(label, line)| {
                crate::spatial::locate_on_line(p, line)
                    .map(|pos| (*label, pos.point, pos.distance_m / 1000.0))
            })
            .min_by(|a, b| a.2.total_cmp(&b.2))
    }

    /// The geodesic distance from `p` to the nearest of `lines`, km (infinite without lines).
    pub fn distance_to_lines(p: Point, lines: &[(&str, &LineString)]) -> f64 {
        lines
            .iter()
            .map(|(_, l)| distance_to_line_km(p, l))
            .fold(f64::INFINITY, f64::min)
    }
}

/// Mean Earth radius, km, for the cheap bound.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// A cheap estimate of the distance from `p` to `line` (equirectangular around `p`), km: within
/// a few percent of the geodesic distance up to ~2,000 km, used only to skip lines that are
/// clearly too far.
pub fn approx_distance_km(p: Point, line: &LineString) -> f64 {
    let k = p.y().to_radians().cos();
    let scale = EARTH_RADIUS_KM.to_radians();
    let local = |c: &geo::Coord| [(c.x - p.x()) * k * scale, (c.y - p.y()) * scale];
    line.0
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => {
                let (a, b) = (local(a), local(b));
                let d = [b[0] - a[0], b[1] - a[1]];
                let len2 = d[0] * d[0] + d[1] * d[1];
                let t = if len2 > 0.0 {
                    (-(a[0] * d[0] + a[1] * d[1]) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (x, y) = (a[0] + t * d[0], a[1] + t * d[1]);
                Some(x * x + y * y)
            }
            _ => None,
        })
        .fold(f64::INFINITY, f64::min)
        // One square root for the nearest segment, not one per segment.
        .sqrt()
}

/// What rules produce.
#[derive(Debug, Default)]
pub struct RuleOutput {
    /// The findings.
    pub findings: Vec<Finding>,
    /// Guarantor forces (other than monitors) too close to the line.
    pub standoff: Vec<StandoffViolation>,
    /// Cities outside air cover.
    pub uncovered_cities: Vec<(String, Point)>,
}

impl RuleOutput {
    /// Adds a finding.
    pub fn add(
        &mut self,
        rule: &'static str,
        severity: Severity,
        subject: Option<&str>,
        message: String,
        source: &'static str,
        focus: Option<[f64; 4]>,
    ) {
        self.findings.push(Finding {
            rule,
            severity,
            subject: subject.map(str::to_owned),
            message,
            source,
            focus,
        });
    }
}

/// A view of about 60 × 45 km around a point.
pub fn focus_point(p: Point) -> [f64; 4] {
    [p.x() - 0.4, p.y() - 0.2, p.x() + 0.4, p.y() + 0.2]
}

/// The extent of a line with a small margin.
pub fn focus_line(line: &LineString) -> Option<[f64; 4]> {
    line.bounding_rect().map(|r| {
        [
            r.min().x - 0.2,
            r.min().y - 0.1,
            r.max().x + 0.2,
            r.max().y + 0.1,
        ]
    })
}

/// The extent of an area with a small margin.
pub fn focus_area(area: &geo::MultiPolygon) -> Option<[f64; 4]> {
    area.bounding_rect().map(|r| {
        [
            r.min().x - 0.2,
            r.min().y - 0.1,
            r.max().x + 0.2,
            r.max().y + 0.1,
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::line_string;

    #[test]
    fn cheap_distance_is_close_to_geodesic_nearby() {
        let line = line_string![(x: 37.0, y: 46.0), (x: 37.0, y: 50.0)];
        for (p, tol) in [
            (Point::new(36.0, 48.0), 0.005),
            (Point::new(30.5, 50.45), 0.03),
        ] {
            let exact = distance_to_line_km(p, &line);
            let cheap = approx_distance_km(p, &line);
            assert!((cheap - exact).abs() < tol * exact, "{cheap} vs {exact}");
        }
    }
}

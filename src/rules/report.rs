//! What a check produces: findings, per-demarcation figures, the force ledger, and the geometry
//! the map draws (ceded areas, standoff lines, unmonitored stretches, uncovered cities); and the
//! JSON report of contract.md.

use geo::{LineString, MultiPolygon, Point};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt;

use super::InputError;

/// How serious a finding is. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan breaks a hard constraint (`check` exits 1).
    Error,
    /// The plan is weak here.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// "error", "warning" or "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The contract id of the rule ("fortress-belt").
    pub rule: &'static str,
    /// How serious.
    pub severity: Severity,
    /// The scenario feature it is about (its id), if any.
    pub subject: Option<String>,
    /// One sentence a planner understands, with the numbers.
    pub message: String,
    /// The public source of the rule.
    pub source: &'static str,
    /// The lon/lat extent `[min_lon, min_lat, max_lon, max_lat]` to fly to when the finding is
    /// clicked: the subject, the city or the stretch concerned.
    pub focus: Option<[f64; 4]>,
}

impl Finding {
    /// The finding as an entry of the JSON report.
    pub fn to_json(&self) -> Value {
        json!({
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "source": self.source,
        })
    }
}

/// The figures of one demarcation proposal: one entry of the report's `demarcations`, one column
/// of the comparison table, and the geometry of its overlays.
#[derive(Debug, Clone, PartialEq)]
pub struct DemarcationStats {
    /// The feature id.
    pub id: String,
    /// Its name, if it has one.
    pub name: Option<String>,
    /// Whether it splits Ukraine (rule `demarcation-geometry`); when false every figure below is
    /// 0 and every geometry empty.
    pub valid: bool,
    /// Area it moves from Ukrainian to Russian control compared with today's line, km².
    pub ceded_km2: f64,
    /// Area it moves from Russian to Ukrainian control, km².
    pub gained_km2: f64,
    /// How far the ceded area reaches beyond today's line at most, km.
    pub max_advance_km: f64,
    /// Share of Donetsk oblast on the Russian-controlled side, 0…1.
    pub donetsk_share: f64,
    /// Share of Luhansk oblast on the Russian-controlled side, 0…1.
    pub luhansk_share: f64,
    /// Signed depth of each fortress-belt city, km: distance to the line, positive on the
    /// Ukrainian-controlled side. In contract order: Sloviansk, Kramatorsk, Druzhkivka,
    /// Kostiantynivka.
    pub belt_depth_km: Vec<(String, f64)>,
    /// Share of the whole line of control's length (the demarcation completed by the front
    /// line) within reach of a monitor force, 0…1.
    pub monitored_share: f64,
    /// The area it moves to Russian control (WGS84 lon/lat).
    pub ceded_area: MultiPolygon,
    /// The area it moves to Ukrainian control.
    pub gained_area: MultiPolygon,
    /// Stretches of the whole line of control no monitor covers.
    pub unmonitored: Vec<LineString>,
    /// The point of the ceded area furthest beyond today's line.
    pub furthest_advance: Option<Point>,
}

impl DemarcationStats {
    /// Figures for a line that does not split Ukraine.
    pub fn invalid(id: &str, name: Option<&str>) -> Self {
        Self {
            id: id.to_owned(),
            name: name.map(str::to_owned),
            valid: false,
            ceded_km2: 0.0,
            gained_km2: 0.0,
            max_advance_km: 0.0,
            donetsk_share: 0.0,
            luhansk_share: 0.0,
            belt_depth_km: Vec::new(),
            monitored_share: 0.0,
            ceded_area: MultiPolygon::new(vec![]),
            gained_area: MultiPolygon::new(vec![]),
            unmonitored: Vec::new(),
            furthest_advance: None,
        }
    }

    /// The depth of a belt city, km, if the line is valid and the city known.
    pub fn belt_depth(&self, city: &str) -> Option<f64> {
        self.belt_depth_km
            .iter()
            .find(|(name, _)| name == city)
            .map(|(_, d)| *d)
    }

    /// The entry of the JSON report.
    pub fn to_json(&self) -> Value {
        let belt: Map<String, Value> = self
            .belt_depth_km
            .iter()
            .map(|(city, d)| (city.clone(), json_number(*d, 2)))
            .collect();
        json!({
            "id": self.id,
            "name": self.name,
            "valid": self.valid,
            "ceded_km2": json_number(self.ceded_km2, 1),
            "gained_km2": json_number(self.gained_km2, 1),
            "max_advance_km": json_number(self.max_advance_km, 2),
            "donetsk_share": json_number(self.donetsk_share, 4),
            "luhansk_share": json_number(self.luhansk_share, 4),
            "belt_depth_km": belt,
            "monitored_share": json_number(self.monitored_share, 4),
        })
    }
}

/// A number rounded to `decimals` places for the report (figures are approximate anyway, and
/// rounding keeps reports stable across platforms).
fn json_number(x: f64, decimals: i32) -> Value {
    let scale = 10f64.powi(decimals);
    let rounded = (x * scale).round() / scale;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number)
}

/// A guarantor force closer to the line than `front-standoff` allows: drawn as a line from the
/// force to the nearest point of the line, labelled with the distance.
#[derive(Debug, Clone, PartialEq)]
pub struct StandoffViolation {
    /// The force's feature id.
    pub force: String,
    /// Where the force is.
    pub from: Point,
    /// The nearest point of the demarcation (or front line).
    pub to: Point,
    /// The geodesic distance, km.
    pub km: f64,
}

/// Guarantor strength, summed for the ledger and the force rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForceLedger {
    /// Guarantor land strength, roles other than monitor.
    pub guarantor_land: u64,
    /// The part of `guarantor_land` located in Ukraine.
    pub guarantor_land_in_ukraine: u64,
    /// Guarantor strength by nation, all components and roles.
    pub by_nation: BTreeMap<String, u64>,
    /// Guarantor strength by nation: (in Ukraine, outside Ukraine).
    pub by_nation_split: BTreeMap<String, (u64, u64)>,
    /// Guarantor strength by component keyword ("land", "air", ...).
    pub by_component: BTreeMap<String, u64>,
    /// Guarantor strength ready within `rapid-reaction`'s `nrf_days`.
    pub ready_within_nrf_days: u64,
    /// Guarantor strength ready within `rapid-reaction`'s `vjtf_days`.
    pub ready_within_vjtf_days: u64,
    /// What `force-sufficiency` counts: land strength of European guarantors (nations in
    /// `guarantors`), roles other than monitor, ready within its `max_readiness_days`.
    pub european_land: u64,
    /// Land strength of European guarantors, roles other than monitor, whatever their readiness.
    pub european_land_any_readiness: u64,
    /// Land strength of backstop nations (the US), roles other than monitor.
    pub backstop_land: u64,
    /// Land strength of the host nation (Ukraine), every role.
    pub host_land: u64,
    /// What `rapid-reaction` counts: strength of European guarantors in combat components (land,
    /// air, maritime, air-defense; not monitors), whatever their readiness. The two
    /// `european_ready_*` figures are parts of it, so they may exceed the land figures.
    pub european_combat: u64,
    /// The part of `european_combat` ready within `rapid-reaction`'s `nrf_days`.
    pub european_ready_nrf: u64,
    /// The part of `european_combat` ready within `rapid-reaction`'s `vjtf_days`.
    pub european_ready_vjtf: u64,
    /// Strength of the forces that break `force-location` (they count for nothing elsewhere).
    pub misplaced: u64,
}

impl ForceLedger {
    /// The report's `forces` entry.
    pub fn to_json(&self) -> Value {
        json!({
            "guarantor_land": self.guarantor_land,
            "guarantor_land_in_ukraine": self.guarantor_land_in_ukraine,
            "by_nation": self.by_nation,
            "by_component": self.by_component,
            "ready_within_nrf_days": self.ready_within_nrf_days,
            "ready_within_vjtf_days": self.ready_within_vjtf_days,
            "european_land": self.european_land,
            "host_land": self.host_land,
            "backstop_land": self.backstop_land,
            "european_combat": self.european_combat,
            "european_ready_nrf": self.european_ready_nrf,
            "european_ready_vjtf": self.european_ready_vjtf,
        })
    }
}

/// The figures of one guarantee area: one entry of the report's `guarantee_areas`.
#[derive(Debug, Clone, PartialEq)]
pub struct GuaranteeAreaStats {
    /// The feature id.
    pub id: String,
    /// Its name, if it has one.
    pub name: Option<String>,
    /// Share of today's Ukrainian-controlled territory it covers (its parts united), 0…1.
    pub cover_share: f64,
    /// How much of today's occupied area it covers, km².
    pub occupied_km2: f64,
}

impl GuaranteeAreaStats {
    /// The entry of the JSON report.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "cover_share": json_number(self.cover_share, 4),
            "occupied_km2": json_number(self.occupied_km2, 1),
        })
    }
}

/// How much of today's front line monitors watch, when it is the line of control (the plan has
/// no demarcation that splits Ukraine).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMonitoring {
    /// Share of its length within reach of a monitor force, 0…1.
    pub monitored_share: f64,
    /// Stretches no monitor covers.
    pub unmonitored: Vec<LineString>,
}

/// A force that breaks `force-location`: where it is and why it cannot be there.
#[derive(Debug, Clone, PartialEq)]
pub struct MisplacedForce {
    /// The force's feature id.
    pub force: String,
    /// Where it is.
    pub position: Point,
    /// Why it cannot stand there, a short phrase ("at sea", "inside Belarus (BY)").
    pub reason: String,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Summary {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Self {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Self {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

impl fmt::Display for Summary {
    /// "2 errors · 3 warnings · 1 info" (zero counts left out; "no findings" when all are zero).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let parts: Vec<String> = [
            (self.errors, plural(self.errors, "error", "errors")),
            (self.warnings, plural(self.warnings, "warning", "warnings")),
            (self.infos, plural(self.infos, "info", "infos")),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, s)| s)
        .collect();
        if parts.is_empty() {
            f.write_str("no findings")
        } else {
            f.write_str(&parts.join(" · "))
        }
    }
}

/// Everything one check of a scenario produces.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Findings sorted by severity, then rule (contract order), then subject.
    pub findings: Vec<Finding>,
    /// One entry per demarcation, in file order.
    pub demarcations: Vec<DemarcationStats>,
    /// One entry per guarantee area, in file order.
    pub guarantee_areas: Vec<GuaranteeAreaStats>,
    /// Monitoring of today's front line when it is the line of control (no demarcation splits
    /// Ukraine); `None` when demarcations are the lines of control.
    pub front_monitoring: Option<FrontMonitoring>,
    /// Forces that break `force-location` (drawn on the map; they count for nothing elsewhere).
    pub misplaced: Vec<MisplacedForce>,
    /// Guarantor strength.
    pub forces: ForceLedger,
    /// Guarantor forces (other than monitors) too close to the line.
    pub standoff: Vec<StandoffViolation>,
    /// Cities outside every guarantor air and air-defence range (`air-cover`).
    pub uncovered_cities: Vec<(String, Point)>,
    /// The fortress-belt cities and where they are.
    pub belt_cities: Vec<(String, Point)>,
    /// Counts per severity.
    pub summary: Summary,
    /// Rule settings under `armistice.rules` that cannot be used (those rules ran with their
    /// defaults for the bad entries). `armistice check` exits 2 when this is not empty.
    pub input_errors: Vec<InputError>,
}

impl Report {
    /// Whether any finding is an error (`check` exits 1).
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The demarcation figures of this feature id.
    pub fn demarcation(&self, id: &str) -> Option<&DemarcationStats> {
        self.demarcations.iter().find(|d| d.id == id)
    }

    /// The JSON report of contract.md.
    pub fn to_json(&self, scenario_name: &str, title: &str) -> Value {
        json!({
            "scenario": scenario_name,
            "title": title,
            "findings": self.findings.iter().map(Finding::to_json).collect::<Vec<_>>(),
            "demarcations": self.demarcations.iter().map(DemarcationStats::to_json).collect::<Vec<_>>(),
            "guarantee_areas": self.guarantee_areas.iter().map(GuaranteeAreaStats::to_json).collect::<Vec<_>>(),
            "forces": self.forces.to_json(),
            "summary": self.summary,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_errors_first_and_serialises_lowercase() {
        let mut s = vec![Severity::Info, Severity::Error, Severity::Warning];
        s.sort();
        assert_eq!(s, [Severity::Error, Severity::Warning, Severity::Info]);
        assert_eq!(
            serde_json::to_string(&Severity::Warning).ok().as_deref(),
            Some("\"warning\"")
        );
    }

    #[test]
    fn summary_reads_like_the_status_chip() {
        let s = Summary {
            errors: 2,
            warnings: 3,
            infos: 0,
        };
        assert_eq!(s.to_string(), "2 errors · 3 warnings");
        assert_eq!(Summary::default().to_string(), "no findings");
        assert_eq!(
            Summary {
                errors: 1,
                warnings: 0,
                infos: 1
            }
            .to_string(),
            "1 error · 1 info"
        );
    }

    #[test]
    fn json_report_has_the_contract_fields() {
        let report = Report {
            findings: vec![Finding {
                rule: "fortress-belt",
                severity: Severity::Error,
                subject: Some("line-a".to_owned()),
                message: "Kostiantynivka lies 3.2 km on the Russian-controlled side of Proposal A."
                    .to_owned(),
                source: "[S4]",
                focus: None,
            }],
            summary: Summary {
                errors: 1,
                warnings: 0,
                infos: 0,
            },
            ..Report::default()
        };
        let v = report.to_json("plan.geojson", "Plan");
        assert_eq!(v["scenario"], "plan.geojson");
        assert_eq!(v["findings"][0]["severity"], "error");
        assert_eq!(v["findings"][0]["subject"], "line-a");
        assert_eq!(v["summary"]["errors"], 1);
        assert!(v["forces"]["by_nation"].is_object());
    }
}

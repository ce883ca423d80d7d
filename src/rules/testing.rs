//! Test plans for the rules' unit tests: a small builder of scenarios on the bundled map, and a
//! check of them with one [`Checker`] per test (the map is parsed once per test binary).

use super::{Checker, Report};
use crate::model::{BaseMap, Scenario};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The bundled map, parsed once.
pub fn base() -> &'static BaseMap {
    static BASE: OnceLock<BaseMap> = OnceLock::new();
    BASE.get_or_init(|| BaseMap::bundled().expect("bundled map"))
}

/// Today's (bundled) front line as lon/lat pairs.
pub fn front() -> Vec<[f64; 2]> {
    base()
        .front_line
        .line
        .0
        .iter()
        .map(|c| [c.x, c.y])
        .collect()
}

/// Kyiv.
pub const KYIV: [f64; 2] = [30.52, 50.45];

/// A plan under construction.
#[derive(Debug, Clone)]
pub struct Plan {
    features: Vec<Value>,
    settings: serde_json::Map<String, Value>,
}

impl Default for Plan {
    fn default() -> Self {
        Self::new()
    }
}

impl Plan {
    /// An empty plan.
    pub fn new() -> Self {
        Self {
            features: Vec::new(),
            settings: serde_json::Map::new(),
        }
    }

    /// A plan that passes the force rules: 160,000 European land troops ready within 3 days in
    /// Poland and western Ukraine, air and maritime components, US enablers in Poland, a
    /// Ukrainian army, a robust mandate.
    pub fn sound() -> Self {
        Self::new()
            .mandate("robust")
            .force(
                "pl-land",
                "PL",
                "land",
                "reassurance",
                60_000,
                3.0,
                [23.0, 52.0],
            )
            .force(
                "fr-land",
                "FR",
                "land",
                "reassurance",
                50_000,
                3.0,
                [24.03, 49.84],
            )
            .force(
                "gb-land",
                "GB",
                "land",
                "rapid-reaction",
                50_000,
                3.0,
                [21.0, 52.2],
            )
            .force_with(
                "pl-air",
                "PL",
                "air",
                "reassurance",
                5_000,
                1.0,
                [21.0, 52.2],
                2000.0,
            )
            .force(
                "fr-sea",
                "FR",
                "maritime",
                "reassurance",
                5_000,
                2.0,
                [29.5, 43.5],
            )
            .force("us-isr", "US", "isr", "backstop", 2_000, 1.0, [22.0, 50.1])
            .force(
                "ua-army",
                "UA",
                "land",
                "reassurance",
                800_000,
                0.0,
                [35.0, 48.5],
            )
    }

    /// Sets `armistice.mandate`.
    pub fn mandate(mut self, mandate: &str) -> Self {
        self.settings.insert("mandate".into(), json!(mandate));
        self
    }

    /// Sets `armistice.rules.<rule>.<param>`.
    pub fn rule(mut self, rule: &str, param: &str, value: Value) -> Self {
        let rules = self.settings.entry("rules").or_insert_with(|| json!({}));
        if let Some(rules) = rules.as_object_mut() {
            let entry = rules.entry(rule).or_insert_with(|| json!({}));
            if let Some(entry) = entry.as_object_mut() {
                entry.insert(param.into(), value);
            }
        }
        self
    }

    /// Adds a force.
    #[allow(clippy::too_many_arguments)]
    pub fn force(
        self,
        id: &str,
        nation: &str,
        component: &str,
        role: &str,
        strength: u64,
        readiness_days: f64,
        at: [f64; 2],
    ) -> Self {
        self.force_with(
            id,
            nation,
            component,
            role,
            strength,
            readiness_days,
            at,
            0.0,
        )
    }

    /// Adds a force with a range.
    #[allow(clippy::too_many_arguments)]
    pub fn force_with(
        mut self,
        id: &str,
        nation: &str,
        component: &str,
        role: &str,
        strength: u64,
        readiness_days: f64,
        at: [f64; 2],
        range_km: f64,
    ) -> Self {
        self.features.push(json!({
            "type": "Feature", "id": id,
            "geometry": { "type": "Point", "coordinates": at },
            "properties": { "kind": "force", "nation": nation, "component": component,
                            "role": role, "strength": strength,
                            "readiness_days": readiness_days, "range_km": range_km }
        }));
        self
    }

    /// Removes the feature with this id.
    pub fn without(mut self, id: &str) -> Self {
        self.features.retain(|f| f["id"] != id);
        self
    }

    /// Adds a demarcation through `points`.
    pub fn line(mut self, id: &str, points: &[[f64; 2]]) -> Self {
        self.features.push(json!({
            "type": "Feature", "id": id,
            "geometry": { "type": "LineString", "coordinates": points },
            "properties": { "kind": "demarcation", "name": id }
        }));
        self
    }

    /// Adds a demarcation with a `recognition` property.
    pub fn line_recognised(mut self, id: &str, points: &[[f64; 2]], recognition: &str) -> Self {
        self.features.push(json!({
            "type": "Feature", "id": id,
            "geometry": { "type": "LineString", "coordinates": points },
            "properties": { "kind": "demarcation", "name": id, "recognition": recognition }
        }));
        self
    }

    /// Adds a partial demarcation: today's line from its vertex nearest `near`, `span` vertices
    /// either side, with the vertices between its two ends moved by `shift` degrees.
    pub fn partial_around(self, id: &str, near: [f64; 2], span: usize, shift: [f64; 2]) -> Self {
        let points = shifted_front(near, span, shift);
        self.line(id, &points)
    }

    /// Adds a guarantee area of one or more polygons (outer rings only).
    pub fn area(mut self, id: &str, parts: &[Vec<[f64; 2]>]) -> Self {
        let polygons: Vec<Value> = parts.iter().map(|ring| json!([ring])).collect();
        self.features.push(json!({
            "type": "Feature", "id": id,
            "geometry": { "type": "MultiPolygon", "coordinates": polygons },
            "properties": { "kind": "guarantee-area", "name": id }
        }));
        self
    }

    /// The plan as GeoJSON text.
    pub fn text(&self) -> String {
        json!({ "type": "FeatureCollection", "armistice": self.settings, "features": self.features })
            .to_string()
    }

    /// The plan parsed.
    pub fn scenario(&self) -> Scenario {
        Scenario::parse("plan.geojson", &self.text()).expect("a valid test plan")
    }

    /// Checks the plan against the bundled map.
    pub fn check(&self) -> Report {
        Checker::new(base()).check(&self.scenario(), None)
    }
}

/// Today's line around its vertex nearest `near`, `span` vertices either side, inner vertices
/// moved by `shift`.
pub fn shifted_front(near: [f64; 2], span: usize, shift: [f64; 2]) -> Vec<[f64; 2]> {
    let front = front();
    let d = |p: &[f64; 2]| (p[0] - near[0]).hypot(p[1] - near[1]);
    let centre = front
        .iter()
        .enumerate()
        .min_by(|a, b| d(a.1).total_cmp(&d(b.1)))
        .map_or(0, |(i, _)| i);
    let (from, to) = (
        centre.saturating_sub(span),
        (centre + span).min(front.len() - 1),
    );
    let mut points: Vec<[f64; 2]> = front[from..=to].to_vec();
    let last = points.len() - 1;
    for p in &mut points[1..last] {
        p[0] += shift[0];
        p[1] += shift[1];
    }
    points
}

/// Whether `report` has a finding of `rule` with `severity` about `subject` whose message
/// contains `text`.
pub fn has(report: &Report, rule: &str, severity: &str, subject: Option<&str>, text: &str) -> bool {
    report.findings.iter().any(|f| {
        f.rule == rule
            && f.severity.as_str() == severity
            && f.subject.as_deref() == subject
            && f.message.contains(text)
    })
}

/// The findings of `rule`.
pub fn of<'a>(report: &'a Report, rule: &str) -> Vec<&'a super::Finding> {
    report.findings.iter().filter(|f| f.rule == rule).collect()
}

/// Demarcation `id` of the example plan `scenarios/<plan>.geojson`, with every vertex moved by 1
/// to 10 m in a random direction, as `benches/rules.rs` perturbs it (`model::perturb`, so
/// seed 1 gives the bench's copy): a line as a planner draws it, identical to
/// today's line nowhere.
pub fn perturbed_example_line(plan: &str, id: &str, seed: u64) -> geo::LineString {
    let text = match plan {
        "default" => include_str!("../../scenarios/default.geojson"),
        "forced-donbas" => include_str!("../../scenarios/forced-donbas.geojson"),
        other => panic!("no example plan {other}"),
    };
    let scenario = Scenario::parse(plan, text).expect("example plan");
    for feature in crate::model::perturb::perturbed(&scenario, seed).features {
        if let crate::model::scenario::Item::Demarcation(d) = feature.item
            && feature.id == id
        {
            return d.line;
        }
    }
    panic!("{plan} has no demarcation {id}")
}

//! What the window draws and tabulates from a check, GUI-free: the verdict of each rule on each
//! demarcation (the comparison table), the settings each rule runs with (the parameter editor and
//! the ledger's benchmarks), the marks of the fortress-belt cities, guarantor strength by
//! component in and outside Ukraine, and edits of `armistice.rules` as JSON.
//!
//! Kept apart from the engine so the window's needs add to the rules' public API without
//! touching a rule; everything here is derived from a [`Report`] and the [`Scenario`].

use super::params::{InputError, ParamValue, Params};
use super::report::{Finding, Report, Severity};
use super::{RuleInfo, catalogue};
use crate::model::Scenario;
use crate::model::scenario::{Affiliation, Role};
use geo::{Contains, MultiPolygon, Point};
use geojson::{JsonObject, JsonValue};
use std::collections::BTreeMap;

/// The rules whose findings are about one demarcation, in contract order: the rows of the
/// comparison table (each with its badge label).
pub fn line_rules() -> Vec<RuleInfo> {
    catalogue()
        .into_iter()
        .filter(|r| r.applies_to == super::Applies::Demarcations)
        .collect()
}

/// The limits the comparison table colours its figures by, from the rules' settings: the window
/// reads them here and never spells a rule id or parameter name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareLimits {
    /// `fortress-belt`'s warning depth, km.
    pub warn_depth_km: f64,
    /// `front-line-reference`'s largest ceded area, km².
    pub max_ceded_km2: f64,
    /// `front-line-reference`'s farthest advance, km.
    pub max_advance_km: f64,
    /// `front-line-reference`'s largest gained area, km².
    pub max_gained_km2: f64,
    /// `line-monitoring`'s least monitored share.
    pub min_monitored: f64,
}

/// A number of a rule's setting: its value if the rule runs, else `off` (a limit that never
/// flags).
fn limit(settings: &[RuleSetting], rule: &str, name: &str, off: f64) -> f64 {
    setting(settings, rule)
        .filter(|s| s.params.enabled)
        .map_or(off, |s| s.number(name))
}

impl CompareLimits {
    /// The limits the checked scenario runs with.
    pub fn of(settings: &[RuleSetting]) -> Self {
        Self {
            warn_depth_km: limit(settings, "fortress-belt", "warn_depth_km", 0.0),
            max_ceded_km2: limit(
                settings,
                "front-line-reference",
                "max_ceded_km2",
                f64::INFINITY,
            ),
            max_advance_km: limit(
                settings,
                "front-line-reference",
                "max_advance_km",
                f64::INFINITY,
            ),
            max_gained_km2: limit(
                settings,
                "front-line-reference",
                "max_gained_km2",
                f64::INFINITY,
            ),
            min_monitored: limit(settings, "line-monitoring", "min_cover", 0.0),
        }
    }
}

/// The benchmarks the force ledger draws, from the rules' settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Benchmarks {
    /// `force-sufficiency`: least European land strength.
    pub min_troops: f64,
    /// `force-sufficiency`: the full estimate.
    pub full_troops: f64,
    /// `force-sufficiency`: slowest readiness that counts, days.
    pub max_readiness_days: f64,
    /// `rapid-reaction`: NRF strength.
    pub nrf_troops: f64,
    /// `rapid-reaction`: NRF days.
    pub nrf_days: f64,
    /// `rapid-reaction`: VJTF strength.
    pub vjtf_troops: f64,
    /// `rapid-reaction`: VJTF days.
    pub vjtf_days: f64,
}

impl Benchmarks {
    /// The benchmarks the checked scenario runs with (the rules' values, switched-off rules
    /// included, so the bars stay readable).
    pub fn of(settings: &[RuleSetting]) -> Self {
        let number = |rule: &str, name: &str| {
            setting(settings, rule)
                .map_or(0.0, |s| s.number(name))
                .max(0.0)
        };
        Self {
            min_troops: number("force-sufficiency", "min_troops"),
            full_troops: number("force-sufficiency", "full_troops"),
            max_readiness_days: number("force-sufficiency", "max_readiness_days"),
            nrf_troops: number("rapid-reaction", "nrf_troops"),
            nrf_days: number("rapid-reaction", "nrf_days"),
            vjtf_troops: number("rapid-reaction", "vjtf_troops"),
            vjtf_days: number("rapid-reaction", "vjtf_days"),
        }
    }
}

/// The fortress-belt marks the map draws: none when `fortress-belt` is switched off, else
/// [`belt_marks_among`] the proposals for which `shown` holds, with the rule's warning depth.
pub fn belt_marks_for(
    report: &Report,
    settings: &[RuleSetting],
    prefer: Option<&str>,
    shown: &dyn Fn(&str) -> bool,
) -> Vec<BeltMark> {
    match setting(settings, "fortress-belt").filter(|s| s.params.enabled) {
        Some(s) => belt_marks_among(report, s.number("warn_depth_km"), prefer, shown),
        None => Vec::new(),
    }
}

/// What one rule says about one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The rule ran and found nothing.
    Pass,
    /// The rule's most serious finding about the subject.
    Found(Severity),
    /// The rule is switched off in this scenario.
    Off,
}

impl Report {
    /// The findings about feature `subject`.
    pub fn findings_about<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| f.subject.as_deref() == Some(subject))
    }

    /// The verdict of `rule` on feature `subject`; `enabled` says whether the rule ran.
    pub fn verdict(&self, rule: &str, subject: &str, enabled: bool) -> Verdict {
        if !enabled {
            return Verdict::Off;
        }
        self.findings_about(subject)
            .filter(|f| f.rule == rule)
            .map(|f| f.severity)
            .min()
            .map_or(Verdict::Pass, Verdict::Found)
    }
}

/// How one rule is set up in a scenario: its description, the values it runs with, which of them
/// the scenario overrides, and the settings that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSetting {
    /// The rule.
    pub info: RuleInfo,
    /// The values it runs with (defaults where not overridden or where the override is bad).
    pub params: Params,
    /// Parameters the scenario sets under `armistice.rules.<id>` (`enabled` included).
    pub overridden: Vec<String>,
    /// Settings under `armistice.rules.<id>` that cannot be used.
    pub errors: Vec<InputError>,
}

impl RuleSetting {
    /// A number parameter's value (NaN if the rule has no such number).
    pub fn number(&self, name: &str) -> f64 {
        self.params.number(name)
    }

    /// Whether the scenario overrides parameter `name` (or `enabled`).
    pub fn is_overridden(&self, name: &str) -> bool {
        self.overridden.iter().any(|n| n == name)
    }

    /// The error about parameter `name`, if its setting cannot be used.
    pub fn error_for(&self, name: &str) -> Option<&InputError> {
        self.errors
            .iter()
            .find(|e| e.param.as_deref() == Some(name))
    }
}

/// Every rule's setting in `scenario`, in contract order. `is_city`: whether a name is a city
/// of the bundled map (for `air-cover`'s list).
pub fn rule_settings(scenario: &Scenario, is_city: &dyn Fn(&str) -> bool) -> Vec<RuleSetting> {
    catalogue()
        .into_iter()
        .map(|info| {
            let settings = scenario.rules.get(info.id);
            let (params, errors) = Params::read(&info, settings, is_city);
            let overridden = settings
                .and_then(JsonValue::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            RuleSetting {
                info,
                params,
                overridden,
                errors,
            }
        })
        .collect()
}

/// The setting of rule `id` among `settings`.
pub fn setting<'a>(settings: &'a [RuleSetting], id: &str) -> Option<&'a RuleSetting> {
    settings.iter().find(|s| s.info.id == id)
}

/// `rules` (a scenario's `armistice.rules`) with `rule.name` set to `value`, or removed when
/// `value` is `None` (back to the default). A rule left with no settings is removed, so a reset
/// leaves the file as it was before the override.
pub fn with_setting(
    rules: &JsonObject,
    rule: &str,
    name: &str,
    value: Option<JsonValue>,
) -> JsonObject {
    let mut rules = rules.clone();
    let mut object = rules
        .get(rule)
        .and_then(JsonValue::as_object)
        .cloned()
        .unwrap_or_default();
    match value {
        Some(v) => {
            object.insert(name.to_owned(), v);
        }
        None => {
            object.remove(name);
        }
    }
    if object.is_empty() {
        rules.remove(rule);
    } else {
        rules.insert(rule.to_owned(), JsonValue::Object(object));
    }
    rules
}

/// The JSON to write for `enabled`: nothing when the rule is on (the default), `false` when off.
pub fn enabled_setting(enabled: bool) -> Option<JsonValue> {
    (!enabled).then_some(JsonValue::Bool(false))
}

/// Reads a parameter value typed by a person: a number, or a list separated by commas or spaces.
pub fn parse_typed(
    setting: &RuleSetting,
    name: &str,
    text: &str,
    is_city: &dyn Fn(&str) -> bool,
) -> Result<ParamValue, String> {
    let Some(info) = setting.info.param(name) else {
        return Err(format!("{} has no parameter {name}", setting.info.id));
    };
    let value = match &info.default {
        ParamValue::Number(_) => {
            let cleaned: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
            match cleaned.trim().parse::<f64>() {
                Ok(n) => serde_json::Number::from_f64(n).map_or(JsonValue::Null, JsonValue::Number),
                Err(_) => JsonValue::String(text.trim().to_owned()),
            }
        }
        ParamValue::Codes(_) => JsonValue::Array(
            text.split([',', ' ', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| JsonValue::String(s.to_uppercase()))
                .collect(),
        ),
        ParamValue::Cities(_) => JsonValue::Array(
            text.split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| JsonValue::String(s.to_owned()))
                .collect(),
        ),
    };
    info.parse(&value, is_city)
}

/// How a fortress-belt city stands against a demarcation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeltStatus {
    /// On the Ukrainian-controlled side, at least `warn_depth_km` behind the line.
    Held,
    /// On the Ukrainian-controlled side but closer than `warn_depth_km`.
    Exposed,
    /// On the Russian-controlled side.
    Lost,
}

/// One fortress-belt city on the map: where, how deep, behind which line.
#[derive(Debug, Clone, PartialEq)]
pub struct BeltMark {
    /// The city.
    pub city: String,
    /// Where it is.
    pub position: Point,
    /// Signed depth, km (positive on the Ukrainian-controlled side).
    pub depth_km: f64,
    /// The demarcation it is measured against (its id).
    pub line: String,
    /// That demarcation's name, else its id.
    pub line_label: String,
    /// Held, exposed or lost.
    pub status: BeltStatus,
}

/// The belt cities against the demarcation `prefer` (the selected one) where it splits Ukraine,
/// else against the proposal that puts each city in the worst position. Empty when no
/// demarcation splits Ukraine.
pub fn belt_marks(report: &Report, warn_depth_km: f64, prefer: Option<&str>) -> Vec<BeltMark> {
    belt_marks_among(report, warn_depth_km, prefer, &|_| true)
}

/// [`belt_marks`] among the demarcations for which `shown` holds (a presentation step or a page
/// measures the belt only against the proposals it shows).
pub fn belt_marks_among(
    report: &Report,
    warn_depth_km: f64,
    prefer: Option<&str>,
    shown: &dyn Fn(&str) -> bool,
) -> Vec<BeltMark> {
    let valid: Vec<_> = report
        .demarcations
        .iter()
        .filter(|d| d.valid && shown(&d.id))
        .collect();
    let preferred = prefer.and_then(|id| valid.iter().find(|d| d.id == id));
    report
        .belt_cities
        .iter()
        .filter_map(|(city, position)| {
            let (line, depth) = match preferred {
                Some(d) => (*d, d.belt_depth(city)?),
                None => valid
                    .iter()
                    .filter_map(|d| d.belt_depth(city).map(|depth| (*d, depth)))
                    .min_by(|a, b| a.1.total_cmp(&b.1))?,
            };
            let status = if depth < 0.0 {
                BeltStatus::Lost
            } else if depth < warn_depth_km {
                BeltStatus::Exposed
            } else {
                BeltStatus::Held
            };
            Some(BeltMark {
                city: city.clone(),
                position: *position,
                depth_km: depth,
                line: line.id.clone(),
                line_label: line.name.clone().unwrap_or_else(|| line.id.clone()),
                status,
            })
        })
        .collect()
}

/// Guarantor strength of one kind (a nation or a component): in Ukraine and outside it
/// (pre-positioned in neighbouring states or further away).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Strength {
    /// Personnel located in Ukraine.
    pub in_ukraine: u64,
    /// Personnel outside Ukraine.
    pub outside: u64,
}

impl Strength {
    /// Both together.
    pub fn total(&self) -> u64 {
        self.in_ukraine.saturating_add(self.outside)
    }
}

/// Guarantor strength by nation and by component, in Ukraine and outside, as the ledger shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StrengthTable {
    /// By nation code.
    pub by_nation: BTreeMap<String, Strength>,
    /// By component keyword ("land", "air", ...).
    pub by_component: BTreeMap<String, Strength>,
    /// Land strength of roles other than monitor (what `force-sufficiency` counts).
    pub land: Strength,
}

/// Sums the guarantor forces of `scenario` (nations in `guarantors` or `backstop`) against
/// `ukraine` (Ukraine's borders), as the ledger shows them. Forces the check found misplaced
/// (`report.misplaced`, `force-location`) count for nothing, as in the rules.
pub fn strength_table(
    scenario: &Scenario,
    ukraine: &MultiPolygon,
    report: &Report,
) -> StrengthTable {
    let lists = scenario.nation_lists();
    let mut table = StrengthTable::default();
    for (id, force) in scenario.forces() {
        if report.misplaced.iter().any(|m| m.force == id) {
            continue;
        }
        if !matches!(
            lists.affiliation(&force.nation),
            Affiliation::Guarantor | Affiliation::Backstop
        ) {
            continue;
        }
        let inside = ukraine.contains(&force.position);
        let add = |s: &mut Strength| {
            // Saturating: a total never wraps round to a small number.
            if inside {
                s.in_ukraine = s.in_ukraine.saturating_add(force.strength);
            } else {
                s.outside = s.outside.saturating_add(force.strength);
            }
        };
        add(table.by_nation.entry(force.nation.clone()).or_default());
        add(table
            .by_component
            .entry(force.component.as_str().to_owned())
            .or_default());
        if force.component == crate::model::scenario::Component::Land && force.role != Role::Monitor
        {
            add(&mut table.land);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BaseMap, Scenario};
    use crate::rules::Checker;

    fn any_city(_: &str) -> bool {
        true
    }

    #[test]
    fn settings_round_trip_through_json_edits() {
        let rules = JsonObject::new();
        let set = with_setting(
            &rules,
            "front-standoff",
            "min_km",
            Some(serde_json::json!(80)),
        );
        assert_eq!(
            JsonValue::Object(set.clone()),
            serde_json::json!({ "front-standoff": { "min_km": 80 } })
        );
        let off = with_setting(&set, "front-standoff", "enabled", enabled_setting(false));
        assert_eq!(off["front-standoff"]["enabled"], false);
        let back = with_setting(&off, "front-standoff", "enabled", enabled_setting(true));
        let back = with_setting(&back, "front-standoff", "min_km", None);
        assert!(
            back.is_empty(),
            "a reset removes the emptied rule: {back:?}"
        );
    }

    #[test]
    fn typed_values_are_parsed_and_checked() {
        let settings = rule_settings(&Scenario::default(), &any_city);
        let standoff = setting(&settings, "front-standoff").expect("rule");
        assert_eq!(
            parse_typed(standoff, "min_km", "1,200", &any_city),
            Ok(ParamValue::Number(1200.0))
        );
        assert!(
            parse_typed(standoff, "min_km", "-3", &any_city).is_err_and(|e| e.contains("a number")),
        );
        assert!(parse_typed(standoff, "min_km", "far", &any_city).is_err());
        let nations = setting(&settings, "guarantor-eligibility").expect("rule");
        assert_eq!(
            parse_typed(nations, "adversary", "ru, by", &any_city),
            Ok(ParamValue::Codes(vec!["RU".into(), "BY".into()]))
        );
        assert!(parse_typed(nations, "adversary", "RU XX", &any_city).is_err());
    }

    #[test]
    fn overrides_and_errors_are_reported_per_rule() {
        let scenario = Scenario {
            rules: serde_json::json!({
                "front-standoff": { "min_km": 80, "enabled": false },
                "donbas-cession": { "max_share": 3 }
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
            ..Scenario::default()
        };
        let settings = rule_settings(&scenario, &any_city);
        let standoff = setting(&settings, "front-standoff").expect("rule");
        assert!(!standoff.params.enabled);
        assert_eq!(standoff.number("min_km"), 80.0);
        assert!(standoff.is_overridden("min_km") && standoff.is_overridden("enabled"));
        let donbas = setting(&settings, "donbas-cession").expect("rule");
        assert_eq!(
            donbas.number("max_share"),
            0.99,
            "a bad value keeps the default"
        );
        assert!(donbas.error_for("max_share").is_some());
    }

    #[test]
    fn belt_and_verdicts_of_the_forced_donbas_plan() {
        let base = BaseMap::bundled().expect("bundled map");
        let text = include_str!("../../scenarios/forced-donbas.geojson");
        let scenario = Scenario::parse("forced-donbas.geojson", text).expect("scenario");
        let report = Checker::new(&base).check(&scenario, None);
        let (id, _) = scenario.demarcations().next().expect("a proposal");
        assert_eq!(
            report.verdict("donbas-cession", id, true),
            Verdict::Found(Severity::Error)
        );
        assert_eq!(report.verdict("donbas-cession", id, false), Verdict::Off);
        let marks = belt_marks(&report, 10.0, None);
        assert_eq!(marks.len(), 4);
        assert!(
            marks
                .iter()
                .all(|m| m.status == BeltStatus::Lost && m.depth_km < 0.0),
            "{marks:?}"
        );
        let ukraine = base.ukraine().expect("Ukraine").geometry.clone();
        let table = strength_table(&scenario, &ukraine, &report);
        assert_eq!(table.land.total(), report.forces.guarantor_land);
        assert_eq!(
            table.land.in_ukraine,
            report.forces.guarantor_land_in_ukraine
        );
        let components: u64 = table.by_component.values().map(Strength::total).sum();
        let nations: u64 = report.forces.by_nation.values().sum();
        assert_eq!(components, nations);
    }
}

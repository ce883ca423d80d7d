//! Rule parameters: their descriptions ([`ParamInfo`]), their values ([`ParamValue`]) and reading
//! a scenario's overrides under `armistice.rules.<id>` ("parse, don't validate": a rule receives
//! [`Params`] that are already checked).

use super::{RuleInfo, rules};
use crate::model::nations::nation_name;
use geojson::{JsonObject, JsonValue};
use std::fmt;

/// A parameter's value.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// A number (km, km², days, troops, a share 0…1).
    Number(f64),
    /// ISO 3166-1 alpha-2 nation codes.
    Codes(Vec<String>),
    /// City names of the bundled map.
    Cities(Vec<String>),
}

impl ParamValue {
    /// The value as JSON, as it is written under `armistice.rules`.
    pub fn to_json(&self) -> JsonValue {
        match self {
            Self::Number(n) => number_json(*n),
            Self::Codes(list) | Self::Cities(list) => {
                JsonValue::Array(list.iter().cloned().map(JsonValue::String).collect())
            }
        }
    }
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{}", format_number(*n)),
            Self::Codes(list) => f.write_str(&list.join(" ")),
            Self::Cities(list) => f.write_str(&list.join(", ")),
        }
    }
}

/// Kept importable under its old name for the rule files.
pub use crate::format::number as format_number;

/// A number as JSON: whole numbers as integers, so `100000` stays `100000`.
fn number_json(n: f64) -> JsonValue {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        // Exact: |n| < 2^53.
        JsonValue::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(JsonValue::Null, JsonValue::Number)
    }
}

/// Where a parameter's default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A public source states the number (the source, as cited).
    Source(&'static str),
    /// An assumption of this program, with the reasoning behind it.
    Assumption(&'static str),
}

impl Basis {
    /// "source" or "assumption".
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Source(_) => "source",
            Self::Assumption(_) => "assumption",
        }
    }

    /// The source cited, or the reasoning of the assumption.
    pub fn text(&self) -> &'static str {
        match self {
            Self::Source(s) | Self::Assumption(s) => s,
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Source(s) => write!(f, "from {s}"),
            Self::Assumption(s) => write!(f, "assumption of this program: {s}"),
        }
    }
}

/// What a parameter is.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamInfo {
    /// Its name under `armistice.rules.<id>` ("min_km").
    pub name: &'static str,
    /// The contract's default.
    pub default: ParamValue,
    /// Its unit ("km", "km²", "days", "troops", "share"), or "" for lists.
    pub unit: &'static str,
    /// What it means, a short phrase.
    pub help: &'static str,
    /// Smallest number accepted (numbers only).
    pub min: f64,
    /// Largest number accepted (numbers only).
    pub max: f64,
    /// Where its default comes from.
    pub basis: Basis,
}

impl ParamInfo {
    /// This parameter with its default taken from `source`.
    pub fn source(mut self, source: &'static str) -> Self {
        self.basis = Basis::Source(source);
        self
    }

    /// This parameter with its default an assumption of this program, for the reason given.
    pub fn assumption(mut self, why: &'static str) -> Self {
        self.basis = Basis::Assumption(why);
        self
    }

    /// A number parameter accepting `min..=max`.
    pub const fn number(
        name: &'static str,
        default: f64,
        unit: &'static str,
        help: &'static str,
        min: f64,
        max: f64,
    ) -> Self {
        Self {
            name,
            default: ParamValue::Number(default),
            unit,
            help,
            min,
            max,
            basis: Basis::Assumption(""),
        }
    }

    /// A list of nation codes.
    pub fn codes(name: &'static str, default: &[&str], help: &'static str) -> Self {
        Self {
            name,
            default: ParamValue::Codes(default.iter().map(|s| (*s).to_owned()).collect()),
            unit: "",
            help,
            min: 0.0,
            max: 0.0,
            basis: Basis::Assumption(""),
        }
    }

    /// A list of city names.
    pub fn cities(name: &'static str, default: &[&str], help: &'static str) -> Self {
        Self {
            name,
            default: ParamValue::Cities(default.iter().map(|s| (*s).to_owned()).collect()),
            unit: "",
            help,
            min: 0.0,
            max: 0.0,
            basis: Basis::Assumption(""),
        }
    }

    /// What a valid value looks like, for messages.
    pub fn expected(&self) -> String {
        match &self.default {
            ParamValue::Number(_) => {
                let unit = if self.unit.is_empty() || self.unit == "share" {
                    String::new()
                } else {
                    format!(" ({})", self.unit)
                };
                if self.max.is_finite() {
                    format!(
                        "a number from {} to {}{unit}",
                        format_number(self.min),
                        format_number(self.max)
                    )
                } else {
                    format!("a number ≥ {}{unit}", format_number(self.min))
                }
            }
            ParamValue::Codes(_) => {
                "a list of ISO 3166-1 alpha-2 nation codes such as [\"PL\", \"GB\"]".to_owned()
            }
            ParamValue::Cities(_) => {
                "a list of city names of the bundled map such as [\"Kyiv\", \"Lviv\"]".to_owned()
            }
        }
    }

    /// Reads a value written for this parameter; `is_city` says whether a name is a known city.
    pub fn parse(
        &self,
        value: &JsonValue,
        is_city: &dyn Fn(&str) -> bool,
    ) -> Result<ParamValue, String> {
        let found = || short_json(value);
        match &self.default {
            ParamValue::Number(_) => match value.as_f64() {
                Some(n) if n.is_finite() && n >= self.min && n <= self.max => {
                    Ok(ParamValue::Number(n))
                }
                _ => Err(format!("expected {}, found {}", self.expected(), found())),
            },
            ParamValue::Codes(_) => {
                let list = string_list(value)
                    .ok_or_else(|| format!("expected {}, found {}", self.expected(), found()))?;
                if let Some(bad) = list.iter().find(|c| nation_name(c).is_none()) {
                    return Err(format!(
                        "expected ISO 3166-1 alpha-2 nation codes (GB for the United Kingdom), found \"{bad}\""
                    ));
                }
                Ok(ParamValue::Codes(list))
            }
            ParamValue::Cities(_) => {
                let list = string_list(value)
                    .ok_or_else(|| format!("expected {}, found {}", self.expected(), found()))?;
                if let Some(bad) = list.iter().find(|c| !is_city(c)) {
                    return Err(format!(
                        "expected city names of the bundled map, found \"{bad}\", which it does not hold"
                    ));
                }
                Ok(ParamValue::Cities(list))
            }
        }
    }
}

fn string_list(value: &JsonValue) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// A JSON value shortened for a message.
fn short_json(value: &JsonValue) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let head: String = text.chars().take(37).collect();
        format!("{head}...")
    } else {
        text
    }
}

/// A setting under `armistice` that cannot be used: an unknown rule or parameter, a value of the
/// wrong kind or outside its range, or a front line that does not split Ukraine. In
/// `armistice check` it is an input error (exit status 2); in the window it is shown beside the
/// parameter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("armistice.{}: {message}", self.setting())]
pub struct InputError {
    /// The rule id as written, for errors under `armistice.rules`; `None` for `front_line`.
    pub rule: Option<String>,
    /// The parameter as written, if the error is about one.
    pub param: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl InputError {
    /// An error about a rule or one of its parameters.
    pub fn rule(rule: &str, param: Option<&str>, message: String) -> Self {
        Self {
            rule: Some(rule.to_owned()),
            param: param.map(str::to_owned),
            message,
        }
    }

    /// `rule` or `rule.param`: where the setting is below `armistice.rules` (empty for others).
    pub fn key(&self) -> String {
        match (&self.rule, &self.param) {
            (Some(r), Some(p)) => format!("{r}.{p}"),
            (Some(r), None) => r.clone(),
            _ => String::new(),
        }
    }

    /// The setting's path below `armistice` ("rules.front-standoff.min_km", "front_line").
    pub fn setting(&self) -> String {
        match &self.rule {
            Some(_) => format!("rules.{}", self.key()),
            None => "front_line".to_owned(),
        }
    }
}

/// The parameter values one rule runs with: the contract's defaults with the scenario's overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Whether the rule runs (`enabled: false` turns it off).
    pub enabled: bool,
    values: Vec<(&'static str, ParamValue)>,
}

impl Params {
    /// The defaults of a rule.
    pub fn defaults(info: &RuleInfo) -> Self {
        Self {
            enabled: true,
            values: info
                .params
                .iter()
                .map(|p| (p.name, p.default.clone()))
                .collect(),
        }
    }

    /// The defaults of `info` with the overrides in `settings` (the object under
    /// `armistice.rules.<id>`, if any). Every bad entry is reported; the rule then runs with its
    /// defaults for those entries.
    pub fn read(
        info: &RuleInfo,
        settings: Option<&JsonValue>,
        is_city: &dyn Fn(&str) -> bool,
    ) -> (Self, Vec<InputError>) {
        let mut params = Self::defaults(info);
        let mut errors = Vec::new();
        let Some(settings) = settings else {
            return (params, errors);
        };
        let error =
            |param: Option<&str>, message: String| InputError::rule(info.id, param, message);
        let Some(object) = settings.as_object() else {
            errors.push(error(
                None,
                format!(
                    "expected an object of parameters, found {}",
                    short_json(settings)
                ),
            ));
            return (params, errors);
        };
        for (name, value) in object {
            if name == "enabled" {
                match value.as_bool() {
                    Some(b) => params.enabled = b,
                    None => errors.push(error(
                        Some(name),
                        format!("expected true or false, found {}", short_json(value)),
                    )),
                }
                continue;
            }
            let Some(param) = info.param(name) else {
                let mut known: Vec<&str> = vec!["enabled"];
                known.extend(info.params.iter().map(|p| p.name));
                errors.push(error(
                    Some(name),
                    format!("unknown parameter; expected one of {}", known.join(", ")),
                ));
                continue;
            };
            match param.parse(value, is_city) {
                Ok(v) => params.set(param.name, v),
                Err(message) => errors.push(error(Some(name), message)),
            }
        }
        if let Some(rule) = rules().iter().find(|r| r.id() == info.id) {
            for (param, message) in rule.validate(&params) {
                errors.push(error(Some(param), message));
            }
        }
        (params, errors)
    }

    fn set(&mut self, name: &'static str, value: ParamValue) {
        if let Some(slot) = self.values.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        }
    }

    /// The value of a parameter.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// A number parameter's value. A rule asks only for its own parameters (tested for every
    /// rule), so the NaN fallback is never seen; NaN makes every comparison false rather than
    /// inventing a threshold.
    pub fn number(&self, name: &str) -> f64 {
        match self.get(name) {
            Some(ParamValue::Number(n)) => *n,
            _ => f64::NAN,
        }
    }

    /// A list parameter's value (nation codes or city names).
    pub fn list(&self, name: &str) -> &[String] {
        match self.get(name) {
            Some(ParamValue::Codes(l) | ParamValue::Cities(l)) => l,
            _ => &[],
        }
    }
}

/// Checks a whole `armistice.rules` object (a scenario's, or the `--rules` file's): every rule id
/// known, every parameter known and valid. Returns every error found.
pub fn validate_rule_settings(
    settings: &JsonObject,
    is_city: &dyn Fn(&str) -> bool,
) -> Vec<InputError> {
    let mut errors = Vec::new();
    for (id, value) in settings {
        match rules().iter().find(|r| r.id() == id) {
            Some(rule) => errors.extend(Params::read(&rule.info(), Some(value), is_city).1),
            None => errors.push(InputError::rule(
                id,
                None,
                "unknown rule; expected a rule id that `armistice rules` lists".to_owned(),
            )),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_city(_: &str) -> bool {
        true
    }

    fn info(id: &str) -> RuleInfo {
        super::super::catalogue()
            .into_iter()
            .find(|r| r.id == id)
            .expect("rule exists")
    }

    #[test]
    fn overrides_apply_and_defaults_stay() {
        let settings = serde_json::json!({ "min_km": 80 });
        let (p, errors) = Params::read(&info("front-standoff"), Some(&settings), &any_city);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(p.enabled);
        assert_eq!(p.number("min_km"), 80.0);
        let (p, _) = Params::read(&info("front-line-reference"), None, &any_city);
        assert_eq!(p.number("max_ceded_km2"), 1000.0);
        assert_eq!(p.number("max_advance_km"), 10.0);
    }

    #[test]
    fn disabled_and_bad_values_are_reported_with_their_path() {
        let settings = serde_json::json!({ "enabled": false, "min_km": "far", "radius": 3 });
        let (p, errors) = Params::read(&info("front-standoff"), Some(&settings), &any_city);
        assert!(!p.enabled);
        assert_eq!(p.number("min_km"), 50.0, "a bad value leaves the default");
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with(
                "armistice.rules.front-standoff.min_km: expected a number from 0 to 2000 (km), found \"far\""
            ),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains("front-standoff.radius: unknown parameter"),
            "{}",
            messages[1]
        );
    }

    #[test]
    fn shares_are_bounded_and_codes_checked() {
        let (_, errors) = Params::read(
            &info("donbas-cession"),
            Some(&serde_json::json!({ "max_share": 1.5 })),
            &any_city,
        );
        assert!(errors[0].message.contains("from 0 to 1"), "{errors:?}");
        let (_, errors) = Params::read(
            &info("guarantor-eligibility"),
            Some(&serde_json::json!({ "guarantors": ["PL", "UK"] })),
            &any_city,
        );
        assert!(errors[0].message.contains("\"UK\""), "{errors:?}");
    }

    #[test]
    fn unknown_rule_is_an_error() {
        let settings = serde_json::json!({ "fortress": { "warn_depth_km": 5 } });
        let errors = validate_rule_settings(settings.as_object().expect("object"), &any_city);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("armistice.rules.fortress: unknown rule")
        );
    }

    #[test]
    fn whole_numbers_stay_whole_in_json() {
        assert_eq!(
            ParamValue::Number(100_000.0).to_json().to_string(),
            "100000"
        );
        assert_eq!(ParamValue::Number(0.99).to_json().to_string(), "0.99");
        assert_eq!(format_number(0.99), "0.99");
        assert_eq!(format_number(5.0), "5");
    }
}

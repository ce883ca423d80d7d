//! `armistice check` and `armistice rules` (contract.md).
//!
//! `check` loads each scenario through [`load_scenario`] (the window's loading path), applies the
//! `--rules` overrides over the scenario's own `armistice.rules`, runs one [`Checker`] over all
//! files (so Ukraine and today's front line are split once), and prints one report per file. A
//! file that cannot be read or holds unusable settings is reported on stderr in one message and
//! the others still go on; the exit status is then 2 whatever the other files found.

use super::{EXIT_FINDINGS, EXIT_INPUT, Format};
use crate::escape::terminal;
use crate::format::{figure, percent, thousands};
use crate::model::{BaseMap, LoadedScenario, load_scenario};
use crate::rules::{
    Checker, InputError, Report, RuleInfo, Severity, catalogue, validate_rule_settings,
};
use anyhow::Context as _;
use geojson::{JsonObject, JsonValue};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `armistice check FILE... [--format] [--rules FILE]`.
pub fn run_check(
    files: &[PathBuf],
    format: Format,
    rules: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let base = BaseMap::bundled().context("the bundled map data is invalid")?;
    let overrides = match rules {
        Some(path) => match read_overrides(path, &base) {
            Ok(overrides) => overrides,
            Err(message) => {
                // Nothing is checked with settings that cannot be used.
                eprintln!("armistice: {}", terminal(&message));
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        },
        None => JsonObject::new(),
    };
    let mut checker = Checker::new(&base);
    let mut reports: Vec<(String, String, Report)> = Vec::new();
    let mut input_failed = false;
    for file in files {
        match check_file(&mut checker, file, &overrides) {
            Ok(checked) => reports.push(checked),
            Err(message) => {
                eprintln!("armistice: {}", terminal(&message));
                input_failed = true;
            }
        }
    }
    let text = match format {
        Format::Json => {
            let mut values: Vec<JsonValue> = reports
                .iter()
                .map(|(name, title, report)| report.to_json(name, title))
                .collect();
            // One file: one report object; several: an array (contract.md).
            let value = if files.len() == 1 {
                values.pop()
            } else {
                Some(JsonValue::Array(values))
            };
            match value {
                Some(v) => {
                    let mut s =
                        serde_json::to_string_pretty(&v).context("cannot write the JSON report")?;
                    s.push('\n');
                    s
                }
                None => String::new(),
            }
        }
        Format::Text => reports
            .iter()
            .map(|(name, title, report)| text_report(name, title, report))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    print!("{text}");
    let status = if input_failed {
        EXIT_INPUT
    } else if reports.iter().any(|(_, _, r)| r.has_errors()) {
        EXIT_FINDINGS
    } else {
        0
    };
    Ok(ExitCode::from(status))
}

/// Loads and checks one file. Returns the name to report it under, its title and the report, or
/// the one message that says why it cannot be checked.
fn check_file(
    checker: &mut Checker,
    file: &Path,
    overrides: &JsonObject,
) -> Result<(String, String, Report), String> {
    let name = file.display().to_string();
    let LoadedScenario {
        mut scenario,
        front_line,
        ..
    } = load_scenario(file).map_err(|e| e.to_string())?;
    merge_overrides(&mut scenario.rules, overrides);
    let report = checker.check(&scenario, front_line.as_ref());
    if !report.input_errors.is_empty() {
        return Err(input_errors_message(&name, &report.input_errors));
    }
    Ok((name, scenario.title, report))
}

/// Every unusable setting of a scenario in one message: `FILE: property "armistice.rules.x.y":
/// expected ...; property "...": ...`.
fn input_errors_message(file: &str, errors: &[InputError]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| format!("property \"armistice.{}\": {}", e.setting(), e.message))
        .collect();
    format!("{file}: {}", parts.join("; "))
}

/// Reads the `--rules` file: a JSON object of rule ids, each an object of parameters, checked
/// like a scenario's `armistice.rules`.
fn read_overrides(path: &Path, base: &BaseMap) -> Result<JsonObject, String> {
    let name = path.display().to_string();
    let text = crate::model::load::read_input(path, "a JSON file of rule parameters")
        .map_err(|e| e.to_string())?;
    let value: JsonValue = serde_json::from_str(&text).map_err(|e| {
        format!("{name}: not JSON ({e}): expected an object of rule parameters such as {{\"front-standoff\": {{\"min_km\": 80}}}}")
    })?;
    let JsonValue::Object(object) = value else {
        return Err(format!(
            "{name}: expected an object of rule parameters such as {{\"front-standoff\": {{\"min_km\": 80}}}}"
        ));
    };
    let is_city = |city: &str| base.city(city).is_some();
    let errors = validate_rule_settings(&object, &is_city);
    if errors.is_empty() {
        return Ok(object);
    }
    let parts: Vec<String> = errors
        .iter()
        .map(|e| format!("property \"{}\": {}", e.key(), e.message))
        .collect();
    Err(format!("{name}: {}", parts.join("; ")))
}

/// Puts each parameter of `overrides` over the scenario's own settings of that rule (other
/// parameters the scenario sets stay).
fn merge_overrides(rules: &mut JsonObject, overrides: &JsonObject) {
    for (id, params) in overrides {
        let Some(params) = params.as_object() else {
            continue;
        };
        let entry = rules
            .entry(id.clone())
            .or_insert_with(|| JsonValue::Object(JsonObject::new()));
        if !entry.is_object() {
            *entry = JsonValue::Object(JsonObject::new());
        }
        if let Some(target) = entry.as_object_mut() {
            for (param, value) in params {
                target.insert(param.clone(), value.clone());
            }
        }
    }
}

/// The report for people: a headline with the counts, the findings grouped by severity, the
/// figures of each demarcation and the guarantor forces.
fn text_report(name: &str, title: &str, report: &Report) -> String {
    let mut out = String::new();
    // Names, ids, titles and messages come from the file: their control characters are shown
    // escaped, never sent to the terminal.
    let _ = writeln!(out, "{}: {}", terminal(name), terminal(title));
    let _ = writeln!(out, "{}", report.summary);
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Info"),
    ] {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({})", findings.len());
        for f in findings {
            let subject = f
                .subject
                .as_deref()
                .map(|s| format!(" [{}]", terminal(s)))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}{subject}: {}", f.rule, terminal(&f.message));
            let _ = writeln!(out, "      source: {}", f.source);
        }
    }
    if !report.demarcations.is_empty() {
        let _ = writeln!(out, "\nDemarcations");
        for d in &report.demarcations {
            let label = terminal(d.name.as_deref().unwrap_or(&d.id));
            let id = terminal(&d.id);
            if !d.valid {
                let _ = writeln!(out, "  {label} ({id}): does not split Ukraine, no figures");
                continue;
            }
            let _ = writeln!(out, "  {label} ({id})");
            let _ = writeln!(
                out,
                "    ceded {} km², gained {} km², furthest advance {} km",
                figure(d.ceded_km2),
                figure(d.gained_km2),
                figure(d.max_advance_km)
            );
            let _ = writeln!(
                out,
                "    Russian-controlled: Donetsk {}, Luhansk {}; monitored {} of its line of control",
                percent(d.donetsk_share),
                percent(d.luhansk_share),
                percent(d.monitored_share)
            );
            let belt: Vec<String> = d
                .belt_depth_km
                .iter()
                .map(|(city, km)| format!("{} {} km", terminal(city), figure(*km)))
                .collect();
            let _ = writeln!(
                out,
                "    belt depth (+ Ukrainian side): {}",
                belt.join(", ")
            );
        }
    }
    if !report.guarantee_areas.is_empty() {
        let _ = writeln!(out, "\nGuarantee areas");
        for a in &report.guarantee_areas {
            let label = terminal(a.name.as_deref().unwrap_or(&a.id));
            let _ = writeln!(
                out,
                "  {label} ({}): covers {} of today's Ukrainian-controlled territory and {} km² of today's occupied area",
                terminal(&a.id),
                percent(a.cover_share),
                figure(a.occupied_km2)
            );
        }
    }
    let forces = &report.forces;
    let _ = writeln!(out, "\nForces");
    let _ = writeln!(
        out,
        "  guarantor land {} troops ({} in Ukraine): European {} ready in time, backstop {}; host land {}",
        thousands(forces.guarantor_land),
        thousands(forces.guarantor_land_in_ukraine),
        thousands(forces.european_land),
        thousands(forces.backstop_land),
        thousands(forces.host_land)
    );
    let _ = writeln!(
        out,
        "  European combat strength {}: ready within the NRF days {}, within the VJTF days {}",
        thousands(forces.european_combat),
        thousands(forces.european_ready_nrf),
        thousands(forces.european_ready_vjtf)
    );
    if !forces.by_nation.is_empty() {
        let nations: Vec<String> = forces
            .by_nation
            .iter()
            .map(|(nation, n)| format!("{} {}", terminal(nation), thousands(*n)))
            .collect();
        let _ = writeln!(out, "  by nation: {}", nations.join(", "));
    }
    out
}

/// `armistice rules [--format]`.
pub fn run_rules(format: Format) -> anyhow::Result<ExitCode> {
    let rules = catalogue();
    let text = match format {
        Format::Json => {
            let value = JsonValue::Array(rules.iter().map(rule_json).collect());
            let mut s =
                serde_json::to_string_pretty(&value).context("cannot write the rule list")?;
            s.push('\n');
            s
        }
        Format::Text => rules.iter().map(rule_text).collect::<Vec<_>>().join("\n"),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// One rule of `armistice rules --format json`.
fn rule_json(rule: &RuleInfo) -> JsonValue {
    let params: Vec<JsonValue> = rule
        .params
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "default": p.default.to_json(),
                "unit": p.unit,
                "description": p.help,
                "default_basis": p.basis.kind(),
                "default_from": p.basis.text(),
            })
        })
        .collect();
    serde_json::json!({
        "id": rule.id,
        "title": rule.title,
        "checks": rule.checks,
        "explanation": rule.explanation,
        "parameters": params,
        "sources": rule.sources,
    })
}

/// One rule of `armistice rules` for people.
fn rule_text(rule: &RuleInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.id, rule.title);
    let _ = writeln!(out, "  {}", rule.checks);
    if rule.params.is_empty() {
        let _ = writeln!(out, "  parameters: none");
    } else {
        let _ = writeln!(out, "  parameters:");
        for p in &rule.params {
            let unit = if p.unit.is_empty() || p.unit == "share" {
                String::new()
            } else {
                format!(" {}", p.unit)
            };
            let _ = writeln!(out, "    {} = {}{unit}: {}", p.name, p.default, p.help);
            let _ = writeln!(out, "      default {}", p.basis);
        }
    }
    for source in rule.sources {
        let _ = writeln!(out, "  source: {source}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_parameters_and_keep_the_rest() {
        let mut rules = serde_json::json!({
            "front-standoff": { "min_km": 80 },
            "air-cover": { "enabled": false }
        })
        .as_object()
        .cloned()
        .unwrap_or_default();
        let overrides = serde_json::json!({
            "front-standoff": { "min_km": 30 },
            "trip-wire": { "min_troops": 1000 }
        })
        .as_object()
        .cloned()
        .unwrap_or_default();
        merge_overrides(&mut rules, &overrides);
        assert_eq!(rules["front-standoff"]["min_km"], 30);
        assert_eq!(rules["air-cover"]["enabled"], false);
        assert_eq!(rules["trip-wire"]["min_troops"], 1000);
    }

    #[test]
    fn bad_settings_make_one_message_naming_file_and_property() {
        let errors = vec![
            InputError::rule("front-standoff", Some("min_km"), "expected a number".into()),
            InputError::rule("fortress", None, "unknown rule".into()),
        ];
        assert_eq!(
            input_errors_message("plan.geojson", &errors),
            "plan.geojson: property \"armistice.rules.front-standoff.min_km\": expected a number; \
             property \"armistice.rules.fortress\": unknown rule"
        );
    }
}

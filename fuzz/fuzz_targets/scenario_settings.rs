//! Fuzzes the members of `armistice` that random text almost never reaches: the walkthrough
//! (`steps`: titles, captions, views, layers, feature ids, findings, unknown members) and the rule
//! settings (`rules`: rule ids, parameters and values), with `measures`, `mandate` and a few
//! features whose ids the steps can name. The fuzzer's bytes choose a structured scenario, which
//! is written as JSON and parsed: it must parse or fail with a message naming the file, never
//! panic; whatever parses must write back to text that parses to the same scenario, and writing
//! it again must give the same text.
//!
//! The parser's modules are compiled in from the main crate's sources (see README.md for why).

#![no_main]

#[allow(dead_code, clippy::all)]
#[path = "../../src/model"]
mod model {
    pub mod geojson_read;
    pub mod nations;
    pub mod scenario;
    pub mod sidc;
}

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use model::scenario::Scenario;
use serde_json::{Map, Value, json};

/// Rule ids and parameter names of contract.md, and near misses.
const RULES: &[&str] = &[
    "demarcation-geometry",
    "fortress-belt",
    "front-line-reference",
    "donbas-cession",
    "force-sufficiency",
    "rapid-reaction",
    "trip-wire",
    "us-ground-troops",
    "front-standoff",
    "guarantor-eligibility",
    "reinforcement-time",
    "guarantee-scope",
    "line-monitoring",
    "air-cover",
    "credibility-measures",
    "force-location",
    "de-facto-only",
    "mission-mandate",
    "ukrainian-army",
    "us-backstop",
    "adversary-red-lines",
    "fortress",
    "",
];
const PARAMS: &[&str] = &[
    "enabled",
    "snap_km",
    "warn_depth_km",
    "max_ceded_km2",
    "max_advance_km",
    "min_troops",
    "full_troops",
    "min_km",
    "guarantors",
    "backstop",
    "host",
    "adversary",
    "cities",
    "radius_km",
    "min_cover",
    "coast_km",
    "x",
];
const LAYERS: &[&str] = &[
    "countries",
    "guarantors",
    "oblasts",
    "cities",
    "front-line",
    "occupied",
    "roads",
];
const MEASURES: &[&str] = &[
    "joint-exercises",
    "contingency-planning",
    "prepositioning",
    "rapid-reaction-protocols",
    "parades",
];
const STEP_MEMBERS: &[&str] = &["title", "caption", "view", "layers", "features", "findings", "note"];
const IDS: &[&str] = &["pl-1", "line-a", "area-1", "demarcation-1", "force-1", "nope"];

/// A number with the edges parsers trip on.
fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => json!(u.int_in_range(-200i64..=200)?),
        1 => json!(f64::from(u.int_in_range(-1800i32..=1800)?) / 10.0),
        2 => json!(u.arbitrary::<u64>()?),
        3 => json!(u.arbitrary::<i64>()?),
        4 => json!(1e308),
        5 => json!(-0.0),
        6 => json!(4500.0),
        _ => {
            let x = u.arbitrary::<f64>()?;
            if x.is_finite() { json!(x) } else { Value::Null }
        }
    })
}

/// Text with control characters, quotes and non-Latin letters among ordinary words.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let pieces = ["Step", " ", "\u{1b}[2J", "\u{0}", "\"", "\\", "Київ", "\n", "ß", "\u{202e}"];
    let n = u.int_in_range(0..=6)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 4)? {
            s.push(u.arbitrary::<char>()?);
        } else {
            s.push_str(u.choose(&pieces)?);
        }
    }
    Ok(s)
}

/// Any JSON value, nested at most `depth` deep.
fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    Ok(match u.int_in_range(0..=6)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 => Value::String(text(u)?),
        4 if depth > 0 => {
            let n = u.int_in_range(0..=5)?;
            Value::Array((0..n).map(|_| value(u, depth - 1)).collect::<Result<_>>()?)
        }
        5 if depth > 0 => {
            let n = u.int_in_range(0..=3)?;
            let mut m = Map::new();
            for _ in 0..n {
                m.insert(text(u)?, value(u, depth - 1)?);
            }
            Value::Object(m)
        }
        _ => Value::String(u.choose(IDS)?.to_string()),
    })
}

/// A list of names from `pool`, or sometimes anything at all.
fn names(u: &mut Unstructured<'_>, pool: &[&str]) -> Result<Value> {
    if u.ratio(1, 8)? {
        return value(u, 2);
    }
    let n = u.int_in_range(0..=4)?;
    Ok(Value::Array(
        (0..n)
            .map(|_| Ok(Value::String(u.choose(pool)?.to_string())))
            .collect::<Result<_>>()?,
    ))
}

fn step(u: &mut Unstructured<'_>) -> Result<Value> {
    if u.ratio(1, 16)? {
        return value(u, 2);
    }
    let mut m = Map::new();
    for member in STEP_MEMBERS {
        if !u.ratio(2, 3)? {
            continue;
        }
        let v = match *member {
            "title" | "caption" if u.ratio(7, 8)? => Value::String(text(u)?),
            "view" if u.ratio(7, 8)? => {
                let n = if u.ratio(3, 4)? { 4 } else { u.int_in_range(0..=6)? };
                Value::Array((0..n).map(|_| number(u)).collect::<Result<_>>()?)
            }
            "layers" => names(u, LAYERS)?,
            "features" => names(u, IDS)?,
            "findings" if u.ratio(3, 4)? => Value::Bool(u.arbitrary()?),
            _ => value(u, 2)?,
        };
        m.insert((*member).to_owned(), v);
    }
    Ok(Value::Object(m))
}

fn rules(u: &mut Unstructured<'_>) -> Result<Value> {
    if u.ratio(1, 16)? {
        return value(u, 2);
    }
    let mut m = Map::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let params = if u.ratio(1, 10)? {
            value(u, 1)?
        } else {
            let mut p = Map::new();
            for _ in 0..u.int_in_range(0..=3)? {
                let name = u.choose(PARAMS)?.to_string();
                let v = match u.int_in_range(0..=3)? {
                    0 => number(u)?,
                    1 => names(u, &["PL", "US", "UA", "RU", "GB", "XX", "Kyiv", "Lviv"])?,
                    2 => Value::Bool(u.arbitrary()?),
                    _ => value(u, 1)?,
                };
                p.insert(name, v);
            }
            Value::Object(p)
        };
        m.insert(u.choose(RULES)?.to_string(), params);
    }
    Ok(Value::Object(m))
}

/// A scenario whose features have the ids the steps name, and whose settings the bytes choose.
fn scenario(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut settings = Map::new();
    if u.ratio(3, 4)? {
        let n = u.int_in_range(0..=5)?;
        let steps = (0..n).map(|_| step(u)).collect::<Result<Vec<_>>>()?;
        settings.insert("steps".into(), Value::Array(steps));
    }
    if u.ratio(3, 4)? {
        settings.insert("rules".into(), rules(u)?);
    }
    if u.ratio(1, 2)? {
        settings.insert("measures".into(), names(u, MEASURES)?);
    }
    if u.ratio(1, 4)? {
        let mandate = match u.int_in_range(0..=3)? {
            0 => json!("observation"),
            1 => json!("robust"),
            2 => Value::Null,
            _ => value(u, 1)?,
        };
        settings.insert("mandate".into(), mandate);
    }
    if u.ratio(1, 4)? {
        settings.insert("title".into(), Value::String(text(u)?));
    }
    let mut features = vec![
        json!({"type": "Feature", "id": "pl-1", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
               "properties": {"kind": "force", "nation": "PL", "component": "land", "role": "reassurance",
                              "strength": number(u)?, "readiness_days": 3}}),
        json!({"type": "Feature", "id": "line-a", "geometry": {"type": "LineString", "coordinates": [[37, 50], [36, 46]]},
               "properties": {"kind": "demarcation"}}),
    ];
    if u.ratio(1, 2)? {
        // No id: it becomes "demarcation-1", which a step may name.
        features.push(json!({"type": "Feature", "geometry": {"type": "LineString",
                              "coordinates": [[35, 50], [34, 46]]}, "properties": {"kind": "demarcation"}}));
    }
    Ok(json!({"type": "FeatureCollection", "armistice": settings, "features": features}))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(value) = scenario(&mut u) else {
        return;
    };
    let text = if u.ratio(1, 2).unwrap_or(false) {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    }
    .expect("JSON");
    match Scenario::parse("fuzz.geojson", &text) {
        Ok(scenario) => {
            let written = scenario.to_geojson_string();
            let again = Scenario::parse("fuzz.geojson", &written)
                .unwrap_or_else(|e| panic!("written scenario does not parse: {e}\n{written}"));
            assert_eq!(again, scenario, "a load-save-load changed the scenario\n{text}");
            assert_eq!(again.to_geojson_string(), written, "writing is not stable");
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.geojson"), "{e}"),
    }
});

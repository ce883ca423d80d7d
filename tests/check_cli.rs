//! `armistice check` and `armistice rules` through the real binary, and the geometry behind the
//! rules against figures worked out independently.
//!
//! Every rule of contract.md gets at least one scenario that trips it and one that passes. The
//! scenarios are built here from the bundled front line (so they stay right if the line is
//! updated), written to a temporary folder and checked by one run of `armistice check --format
//! json` over all of them; each test then looks up its scenarios in that run's reports.

use armistice::model::{BaseMap, Scenario};
use armistice::rules::{Checker, Report};
use armistice::spatial::{area_km2, distance_to_line_km};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Point, Polygon};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn armistice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_armistice"))
        .args(args)
        .output()
        .expect("runs armistice")
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.geojson"))
        .display()
        .to_string()
}

/// A fresh, empty folder for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-check-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn map() -> &'static BaseMap {
    static MAP: OnceLock<BaseMap> = OnceLock::new();
    MAP.get_or_init(|| BaseMap::bundled().expect("bundled map"))
}

/// Today's front line, as [lon, lat] pairs.
fn front() -> Vec<[f64; 2]> {
    map().front_line.line.0.iter().map(|c| [c.x, c.y]).collect()
}

/// The front line vertex `i`.
fn fv(i: usize) -> [f64; 2] {
    front()[i]
}

/// Today's front line from vertex `from` to `to`, both included.
fn front_stretch(from: usize, to: usize) -> Vec<[f64; 2]> {
    front()[from..=to].to_vec()
}

// ---- scenario building ------------------------------------------------------------------------

fn collection(settings: Value, features: Vec<Value>) -> Value {
    json!({ "type": "FeatureCollection", "armistice": settings, "features": features })
}

#[allow(clippy::too_many_arguments)]
fn force(
    id: &str,
    nation: &str,
    component: &str,
    role: &str,
    strength: u64,
    readiness_days: f64,
    at: [f64; 2],
    range_km: f64,
) -> Value {
    json!({ "type": "Feature", "id": id,
            "geometry": { "type": "Point", "coordinates": at },
            "properties": { "kind": "force", "name": id, "nation": nation, "component": component,
                            "role": role, "strength": strength, "readiness_days": readiness_days,
                            "range_km": range_km } })
}

fn demarcation(id: &str, name: &str, coords: &[[f64; 2]]) -> Value {
    json!({ "type": "Feature", "id": id,
            "geometry": { "type": "LineString", "coordinates": coords },
            "properties": { "kind": "demarcation", "name": name } })
}

fn guarantee_area(id: &str, ring: &[[f64; 2]]) -> Value {
    json!({ "type": "Feature", "id": id,
            "geometry": { "type": "Polygon", "coordinates": [ring] },
            "properties": { "kind": "guarantee-area", "name": id } })
}

const RZESZOW: [f64; 2] = [22.0, 50.04];
const KYIV: [f64; 2] = [30.52, 50.45];
const KRAMATORSK: [f64; 2] = [37.56, 48.72];

/// Today's line as a full demarcation.
fn todays_line(id: &str) -> Value {
    demarcation(id, "Today's line", &front())
}

/// A partial line that leaves the front at vertex 80, swings west of Kostiantynivka and rejoins
/// it at vertex 92: Kostiantynivka ends up on the Russian-controlled side.
fn kostiantynivka_grab() -> Vec<[f64; 2]> {
    vec![fv(80), [37.65, 48.55], fv(92)]
}

/// A narrow spike 20 km deep into Ukrainian-held ground between vertices 95 and 96: a small area
/// but a long advance.
fn spike() -> Vec<[f64; 2]> {
    let mut line = front_stretch(90, 95);
    line.push([37.60, 48.60]);
    line.extend(front_stretch(96, 100));
    line
}

/// A partial line that moves the front east of Kramatorsk–Kostiantynivka, gaining ground: every
/// belt city then lies more than 10 km behind it.
fn eastward_push() -> Vec<[f64; 2]> {
    vec![fv(84), [38.1, 48.6], [38.0, 48.4], fv(96)]
}

/// A large bulge west from vertex 70 to vertex 100, taking the whole belt.
fn big_bulge() -> Vec<[f64; 2]> {
    vec![fv(70), [37.3, 48.6], fv(100)]
}

/// Monitors every ~25 km along `line`.
fn monitors_along(line: &[[f64; 2]]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut last: Option<Point> = None;
    let mut walked = 0.0;
    for (i, c) in line.iter().enumerate() {
        let p = Point::new(c[0], c[1]);
        if let Some(prev) = last {
            walked += armistice::spatial::distance_km(prev, p);
        }
        if i == 0 || walked >= 25.0 {
            out.push(force(
                &format!("mon-{i}"),
                "FI",
                "isr",
                "monitor",
                100,
                1.0,
                *c,
                0.0,
            ));
            walked = 0.0;
        }
        last = Some(p);
    }
    out
}

/// Every fixture, by file name.
fn fixtures() -> Vec<(&'static str, Value)> {
    let all_measures = json!([
        "joint-exercises",
        "contingency-planning",
        "prepositioning",
        "rapid-reaction-protocols"
    ]);
    let plain = || json!({ "title": "fixture" });
    let forces_of = |strength: u64, readiness: f64, role: &str, at: [f64; 2]| {
        vec![force(
            "land", "PL", "land", role, strength, readiness, at, 0.0,
        )]
    };
    vec![
        // demarcation-geometry
        (
            "geometry-bad.geojson",
            collection(
                plain(),
                vec![demarcation("stub", "Stub", &[[30.0, 50.0], [32.0, 49.0]])],
            ),
        ),
        (
            "geometry-crossing.geojson",
            collection(
                plain(),
                vec![demarcation(
                    "bow",
                    "Bow",
                    &[fv(80), [37.5, 48.5], [37.9, 48.9], [37.5, 48.9], fv(92)],
                )],
            ),
        ),
        (
            "geometry-ok.geojson",
            collection(plain(), vec![todays_line("today")]),
        ),
        // fortress-belt, front-line-reference, donbas-cession
        (
            "belt-grab.geojson",
            collection(
                plain(),
                vec![demarcation("grab", "Proposal K", &kostiantynivka_grab())],
            ),
        ),
        (
            "belt-push.geojson",
            collection(
                plain(),
                vec![demarcation("push", "Proposal E", &eastward_push())],
            ),
        ),
        (
            "spike.geojson",
            collection(plain(), vec![demarcation("spike", "Spike", &spike())]),
        ),
        (
            "spike-area.geojson",
            collection(
                json!({ "rules": { "front-line-reference": { "max_ceded_km2": 10, "max_advance_km": 50 } } }),
                vec![demarcation("spike", "Spike", &spike())],
            ),
        ),
        (
            "bulge.geojson",
            collection(plain(), vec![demarcation("bulge", "Bulge", &big_bulge())]),
        ),
        // force-sufficiency
        ("forces-none.geojson", collection(plain(), vec![])),
        (
            "forces-short.geojson",
            collection(
                plain(),
                vec![
                    force(
                        "land",
                        "PL",
                        "land",
                        "rapid-reaction",
                        120_000,
                        3.0,
                        RZESZOW,
                        0.0,
                    ),
                    force(
                        "air",
                        "GB",
                        "air",
                        "rapid-reaction",
                        1000,
                        1.0,
                        RZESZOW,
                        1500.0,
                    ),
                    force(
                        "sea",
                        "FR",
                        "maritime",
                        "rapid-reaction",
                        1000,
                        1.0,
                        [28.65, 44.17],
                        0.0,
                    ),
                ],
            ),
        ),
        (
            "forces-monitors.geojson",
            collection(
                plain(),
                vec![
                    force("watch", "PL", "land", "monitor", 160_000, 3.0, RZESZOW, 0.0),
                    force("host", "UA", "land", "reassurance", 160_000, 3.0, KYIV, 0.0),
                ],
            ),
        ),
        (
            "forces-full.geojson",
            collection(
                plain(),
                vec![
                    force(
                        "land",
                        "PL",
                        "land",
                        "rapid-reaction",
                        160_000,
                        3.0,
                        RZESZOW,
                        0.0,
                    ),
                    force(
                        "air",
                        "GB",
                        "air",
                        "rapid-reaction",
                        1000,
                        1.0,
                        RZESZOW,
                        1500.0,
                    ),
                    force(
                        "sea",
                        "FR",
                        "maritime",
                        "rapid-reaction",
                        1000,
                        1.0,
                        [28.65, 44.17],
                        0.0,
                    ),
                ],
            ),
        ),
        // rapid-reaction
        (
            "ready-slow.geojson",
            collection(plain(), forces_of(160_000, 60.0, "rapid-reaction", RZESZOW)),
        ),
        (
            "ready-nrf-only.geojson",
            collection(plain(), forces_of(45_000, 20.0, "rapid-reaction", RZESZOW)),
        ),
        (
            "ready-fast.geojson",
            collection(plain(), forces_of(45_000, 5.0, "rapid-reaction", RZESZOW)),
        ),
        // trip-wire
        (
            "tripwire-token.geojson",
            collection(plain(), forces_of(3000, 5.0, "reassurance", KYIV)),
        ),
        (
            "tripwire-none.geojson",
            collection(plain(), forces_of(3000, 5.0, "reassurance", RZESZOW)),
        ),
        (
            "tripwire-enough.geojson",
            collection(plain(), forces_of(6000, 5.0, "reassurance", KYIV)),
        ),
        // us-ground-troops
        (
            "us-in.geojson",
            collection(
                plain(),
                vec![force(
                    "us-kyiv", "US", "land", "backstop", 500, 1.0, KYIV, 0.0,
                )],
            ),
        ),
        (
            "us-out.geojson",
            collection(
                plain(),
                vec![force(
                    "us-rzeszow",
                    "US",
                    "land",
                    "backstop",
                    500,
                    1.0,
                    RZESZOW,
                    0.0,
                )],
            ),
        ),
        // front-standoff
        (
            "standoff-close.geojson",
            collection(
                plain(),
                vec![
                    force(
                        "near",
                        "GB",
                        "land",
                        "reassurance",
                        3000,
                        5.0,
                        KRAMATORSK,
                        0.0,
                    ),
                    force(
                        "monitor-near",
                        "GB",
                        "land",
                        "monitor",
                        300,
                        5.0,
                        KRAMATORSK,
                        0.0,
                    ),
                ],
            ),
        ),
        (
            "standoff-line.geojson",
            collection(
                plain(),
                vec![
                    demarcation("push", "Proposal E", &eastward_push()),
                    force(
                        "near",
                        "GB",
                        "land",
                        "reassurance",
                        3000,
                        5.0,
                        [37.7, 48.6],
                        0.0,
                    ),
                ],
            ),
        ),
        (
            "standoff-far.geojson",
            collection(
                plain(),
                vec![force(
                    "far",
                    "GB",
                    "land",
                    "reassurance",
                    3000,
                    5.0,
                    KYIV,
                    0.0,
                )],
            ),
        ),
        // guarantor-eligibility
        (
            "nations-adversary.geojson",
            collection(
                plain(),
                vec![force(
                    "ru",
                    "RU",
                    "land",
                    "reassurance",
                    3000,
                    5.0,
                    [37.6, 55.75],
                    0.0,
                )],
            ),
        ),
        (
            "nations-other.geojson",
            collection(
                plain(),
                vec![force(
                    "cn",
                    "CN",
                    "land",
                    "monitor",
                    3000,
                    5.0,
                    [37.0, 47.9],
                    0.0,
                )],
            ),
        ),
        (
            "nations-listed.geojson",
            collection(
                plain(),
                vec![
                    force("pl", "PL", "land", "reassurance", 3000, 5.0, RZESZOW, 0.0),
                    force("ua", "UA", "land", "reassurance", 3000, 5.0, KYIV, 0.0),
                    force("cn", "CN", "land", "monitor", 3000, 5.0, [37.0, 47.9], 0.0),
                ],
            )
            .pipe(|mut v| {
                v["armistice"]["rules"] =
                    json!({ "guarantor-eligibility": { "guarantors": ["PL", "CN"] } });
                v
            }),
        ),
        // reinforcement-time
        (
            "reinforce-far.geojson",
            collection(
                plain(),
                vec![
                    force(
                        "lisbon",
                        "FR",
                        "land",
                        "rapid-reaction",
                        3000,
                        2.0,
                        [-9.14, 38.72],
                        0.0,
                    ),
                    force(
                        "lisbon-reassure",
                        "FR",
                        "land",
                        "reassurance",
                        3000,
                        2.0,
                        [-9.14, 38.72],
                        0.0,
                    ),
                ],
            ),
        ),
        (
            "reinforce-near.geojson",
            collection(
                plain(),
                vec![force(
                    "rzeszow",
                    "PL",
                    "land",
                    "rapid-reaction",
                    3000,
                    2.0,
                    RZESZOW,
                    0.0,
                )],
            ),
        ),
        // guarantee-scope
        (
            "scope-west.geojson",
            collection(
                plain(),
                vec![guarantee_area(
                    "west",
                    &[
                        [22.0, 44.0],
                        [30.0, 44.0],
                        [30.0, 53.0],
                        [22.0, 53.0],
                        [22.0, 44.0],
                    ],
                )],
            ),
        ),
        (
            "scope-all.geojson",
            collection(
                plain(),
                vec![guarantee_area(
                    "all",
                    &[
                        [20.0, 43.0],
                        [42.0, 43.0],
                        [42.0, 54.0],
                        [20.0, 54.0],
                        [20.0, 43.0],
                    ],
                )],
            ),
        ),
        // line-monitoring
        (
            "monitor-none.geojson",
            collection(plain(), vec![todays_line("today")]),
        ),
        (
            "monitor-all.geojson",
            collection(plain(), {
                let mut features = vec![todays_line("today")];
                features.extend(monitors_along(&front()));
                features
            }),
        ),
        // air-cover
        ("air-none.geojson", collection(plain(), vec![])),
        (
            "air-west.geojson",
            collection(
                plain(),
                vec![
                    force(
                        "jets",
                        "PL",
                        "air",
                        "rapid-reaction",
                        1000,
                        1.0,
                        RZESZOW,
                        700.0,
                    ),
                    force(
                        "foreign-sam",
                        "CN",
                        "air-defense",
                        "reassurance",
                        1000,
                        1.0,
                        [35.0, 48.0],
                        1000.0,
                    ),
                ],
            ),
        ),
        (
            "air-all.geojson",
            collection(
                plain(),
                vec![force(
                    "jets",
                    "PL",
                    "air",
                    "rapid-reaction",
                    1000,
                    1.0,
                    RZESZOW,
                    1500.0,
                )],
            ),
        ),
        // credibility-measures
        (
            "measures-one.geojson",
            collection(json!({ "measures": ["joint-exercises"] }), vec![]),
        ),
        (
            "measures-all.geojson",
            collection(json!({ "measures": all_measures }), vec![]),
        ),
    ]
}

/// `value.pipe(f)`: lets a fixture be adjusted in place in the list above.
trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}
impl Pipe for Value {}

/// One run of `armistice check --format json` over every fixture: the reports by file name, and
/// the run's exit status.
fn batch() -> &'static (BTreeMap<String, Value>, Option<i32>) {
    static BATCH: OnceLock<(BTreeMap<String, Value>, Option<i32>)> = OnceLock::new();
    BATCH.get_or_init(|| {
        let dir = temp_dir("batch");
        let mut paths = Vec::new();
        for (name, scenario) in fixtures() {
            let path = dir.join(name);
            std::fs::write(&path, scenario.to_string()).expect("write fixture");
            paths.push(path.display().to_string());
        }
        let mut args = vec!["check", "--format", "json"];
        args.extend(paths.iter().map(String::as_str));
        let out = armistice(&args);
        assert!(
            out.stderr.is_empty(),
            "every fixture is valid input: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reports: Value = serde_json::from_slice(&out.stdout).expect("JSON array");
        let reports = reports.as_array().expect("several files give an array");
        assert_eq!(reports.len(), paths.len(), "one report per file");
        let by_name = reports
            .iter()
            .map(|r| {
                let scenario = r["scenario"].as_str().expect("scenario name");
                let file = Path::new(scenario)
                    .file_name()
                    .and_then(|f| f.to_str())
                    .expect("file name")
                    .to_owned();
                (file, r.clone())
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        (by_name, out.status.code())
    })
}

fn report(file: &str) -> &'static Value {
    batch()
        .0
        .get(file)
        .unwrap_or_else(|| panic!("no report for {file}"))
}

/// The findings of `rule` in the report of `file`: (severity, subject, message).
fn findings(file: &str, rule: &str) -> Vec<(String, Option<String>, String)> {
    report(file)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["severity"].as_str().expect("severity").to_owned(),
                f["subject"].as_str().map(str::to_owned),
                f["message"].as_str().expect("message").to_owned(),
            )
        })
        .collect()
}

/// Asserts `file` has findings of `rule` with exactly these (severity, subject) pairs, in any
/// order; returns their messages.
fn expect(file: &str, rule: &str, expected: &[(&str, Option<&str>)]) -> Vec<String> {
    let found = findings(file, rule);
    let mut got: Vec<(String, Option<String>)> = found
        .iter()
        .map(|(s, subj, _)| (s.clone(), subj.clone()))
        .collect();
    let mut want: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(s, subj)| ((*s).to_owned(), subj.map(str::to_owned)))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{rule} on {file}: {found:#?}");
    for (_, _, message) in &found {
        assert!(message.ends_with('.'), "one sentence: {message}");
        // Every rule but eligibility (a matter of who, not how much) speaks in numbers.
        assert!(
            rule == "guarantor-eligibility" || message.chars().any(|c| c.is_ascii_digit()),
            "a message gives the numbers: {message}"
        );
    }
    found.into_iter().map(|(_, _, m)| m).collect()
}

fn passes(file: &str, rule: &str) {
    expect(file, rule, &[]);
}

fn demarcation_figure(file: &str, id: &str, key: &str) -> f64 {
    let d = report(file)["demarcations"]
        .as_array()
        .expect("demarcations")
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {file}"));
    d[key].as_f64().unwrap_or_else(|| panic!("{key} of {id}"))
}

// ---- one test per rule ------------------------------------------------------------------------

#[test]
fn demarcation_geometry() {
    let m = expect(
        "geometry-bad.geojson",
        "demarcation-geometry",
        &[("error", Some("stub"))],
    );
    assert!(m[0].starts_with("Stub does not split Ukraine"), "{}", m[0]);
    let m = expect(
        "geometry-crossing.geojson",
        "demarcation-geometry",
        &[("error", Some("bow"))],
    );
    assert!(m[0].contains("crosses itself"), "{}", m[0]);
    passes("geometry-ok.geojson", "demarcation-geometry");
    // A line that does not split Ukraine has no figures, and no other demarcation rule speaks
    // about it.
    let bad = &report("geometry-bad.geojson")["demarcations"][0];
    assert_eq!(bad["valid"], false);
    passes("geometry-bad.geojson", "fortress-belt");
    passes("geometry-bad.geojson", "front-line-reference");
}

#[test]
fn fortress_belt() {
    let m = expect(
        "belt-grab.geojson",
        "fortress-belt",
        &[("error", Some("grab"))],
    );
    assert!(
        m[0].starts_with("Kostiantynivka lies ")
            && m[0].ends_with(" km on the Russian-controlled side of Proposal K."),
        "{}",
        m[0]
    );
    assert!(demarcation_figure_belt("belt-grab.geojson", "grab", "Kostiantynivka") < 0.0);
    // Today's line runs about 6 km in front of Kostiantynivka: a warning, not an error.
    let m = expect(
        "geometry-ok.geojson",
        "fortress-belt",
        &[("warning", Some("today"))],
    );
    assert!(m[0].starts_with("Kostiantynivka lies only "), "{}", m[0]);
    passes("belt-push.geojson", "fortress-belt");
    for city in ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"] {
        assert!(
            demarcation_figure_belt("belt-push.geojson", "push", city) > 10.0,
            "{city}"
        );
    }
}

fn demarcation_figure_belt(file: &str, id: &str, city: &str) -> f64 {
    report(file)["demarcations"]
        .as_array()
        .expect("demarcations")
        .iter()
        .find(|d| d["id"] == id)
        .and_then(|d| d["belt_depth_km"][city].as_f64())
        .unwrap_or_else(|| panic!("{city} depth of {id} in {file}"))
}

#[test]
fn front_line_reference() {
    // The bulge breaks both limits: two errors (and it names the cities it hands over).
    let errors_of = |file: &str| -> Vec<String> {
        findings(file, "front-line-reference")
            .into_iter()
            .filter(|(severity, _, _)| severity == "error")
            .map(|(_, _, m)| m)
            .collect()
    };
    let m = errors_of("bulge.geojson");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        findings("bulge.geojson", "front-line-reference")
            .iter()
            .any(|(s, _, m)| s == "warning" && m.contains("hands Kostiantynivka (population")),
        "{:?}",
        findings("bulge.geojson", "front-line-reference")
    );
    assert!(
        m.iter()
            .any(|m| m.contains("km² from Ukrainian to Russian control")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|m| m.contains("km beyond today's front line")),
        "{m:?}"
    );
    // The spike is small but deep: only the advance.
    let m = errors_of("spike.geojson");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("Spike reaches "), "{}", m[0]);
    // With the limits turned round in the scenario: only the area.
    let m = errors_of("spike-area.geojson");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("more than the 10 km² allowed"), "{}", m[0]);
    passes("geometry-ok.geojson", "front-line-reference");
    assert!(errors_of("belt-push.geojson").is_empty());
    assert!(demarcation_figure("belt-push.geojson", "push", "gained_km2") > 100.0);
    assert_eq!(
        demarcation_figure("belt-push.geojson", "push", "ceded_km2"),
        0.0
    );
}

#[test]
fn donbas_cession() {
    // The forced-donbas example is checked below; here a line built from today's line passes
    // and the grab of the whole belt does not reach 99 %.
    passes("geometry-ok.geojson", "donbas-cession");
    passes("bulge.geojson", "donbas-cession");
    let out = armistice(&["check", "--format", "json", &example("forced-donbas")]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let donbas: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "donbas-cession")
        .collect();
    assert_eq!(donbas.len(), 1, "{donbas:?}");
    assert_eq!(donbas[0]["severity"], "error");
    assert_eq!(donbas[0]["subject"], "line-donbas");
}

#[test]
fn force_sufficiency() {
    let m = expect(
        "forces-none.geojson",
        "force-sufficiency",
        &[("error", None), ("error", None), ("error", None)],
    );
    assert!(
        m.iter().any(|m| m.starts_with(
            "European guarantor land forces ready within 30 days total 0 troops, below the 100,000"
        )),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("air forces total 0")), "{m:?}");
    assert!(
        m.iter().any(|m| m.contains("maritime forces total 0")),
        "{m:?}"
    );
    let m = expect(
        "forces-short.geojson",
        "force-sufficiency",
        &[("warning", None)],
    );
    assert!(
        m[0].contains("120,000") && m[0].contains("150,000"),
        "{}",
        m[0]
    );
    // Monitors and host-nation troops are not guarantor land strength.
    let m = expect(
        "forces-monitors.geojson",
        "force-sufficiency",
        &[("error", None), ("error", None), ("error", None)],
    );
    assert!(m.iter().any(|m| m.contains(" 0 troops")), "{m:?}");
    passes("forces-full.geojson", "force-sufficiency");
    let forces = &report("forces-full.geojson")["forces"];
    assert_eq!(forces["guarantor_land"], 160_000);
    assert_eq!(forces["guarantor_land_in_ukraine"], 0);
    assert_eq!(forces["by_nation"]["PL"], 160_000);
}

#[test]
fn rapid_reaction() {
    let m = expect(
        "ready-slow.geojson",
        "rapid-reaction",
        &[("error", None), ("error", None)],
    );
    assert!(
        m.iter()
            .any(|m| m.contains("within 30 days") && m.contains("40,000")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("within 7 days") && m.contains("5,000")),
        "{m:?}"
    );
    let m = expect(
        "ready-nrf-only.geojson",
        "rapid-reaction",
        &[("error", None)],
    );
    assert!(m[0].contains("within 7 days"), "{}", m[0]);
    passes("ready-fast.geojson", "rapid-reaction");
}

#[test]
fn trip_wire() {
    let m = expect("tripwire-token.geojson", "trip-wire", &[("warning", None)]);
    assert!(m[0].contains("3,000") && m[0].contains("5,000"), "{}", m[0]);
    passes("tripwire-none.geojson", "trip-wire");
    passes("tripwire-enough.geojson", "trip-wire");
}

#[test]
fn us_ground_troops() {
    let m = expect(
        "us-in.geojson",
        "us-ground-troops",
        &[("error", Some("us-kyiv"))],
    );
    assert!(m[0].contains("500 US personnel"), "{}", m[0]);
    passes("us-out.geojson", "us-ground-troops");
}

#[test]
fn front_standoff() {
    // Kramatorsk is about 20 km from today's line; monitors are not held to the standoff.
    let m = expect(
        "standoff-close.geojson",
        "front-standoff",
        &[("error", Some("near"))],
    );
    assert!(
        m[0].contains("km from today's front line, closer than the 50 km"),
        "{}",
        m[0]
    );
    // With a demarcation the distance is to it (completed by the front line).
    let m = expect(
        "standoff-line.geojson",
        "front-standoff",
        &[("error", Some("near"))],
    );
    assert!(m[0].contains("from Proposal E"), "{}", m[0]);
    passes("standoff-far.geojson", "front-standoff");
}

#[test]
fn guarantor_eligibility() {
    let m = expect(
        "nations-adversary.geojson",
        "guarantor-eligibility",
        &[("error", Some("ru"))],
    );
    assert!(m[0].contains("Russia (RU)"), "{}", m[0]);
    let m = expect(
        "nations-other.geojson",
        "guarantor-eligibility",
        &[("warning", Some("cn"))],
    );
    assert!(m[0].contains("(CN)"), "{}", m[0]);
    // The lists are parameters: with CN among the guarantors nothing is flagged.
    passes("nations-listed.geojson", "guarantor-eligibility");
}

#[test]
fn reinforcement_time() {
    let m = expect(
        "reinforce-far.geojson",
        "reinforcement-time",
        &[("warning", Some("lisbon"))],
    );
    assert!(
        m[0].contains("km at 400 km a day), more than the 7 days allowed."),
        "{}",
        m[0]
    );
    passes("reinforce-near.geojson", "reinforcement-time");
}

#[test]
fn guarantee_scope() {
    // No ceasefire line: an error; limited to the west: an info.
    let m = expect(
        "scope-west.geojson",
        "guarantee-scope",
        &[("error", Some("west")), ("info", Some("west"))],
    );
    assert!(
        m.iter()
            .any(|m| m.contains("of today's Ukrainian-controlled territory, less than 99.0%")),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("no ceasefire line")), "{m:?}");
    // All of Ukraine, Crimea included, without a ceasefire line: an error, and a warning for
    // the occupied land it covers.
    expect(
        "scope-all.geojson",
        "guarantee-scope",
        &[("error", Some("all")), ("warning", Some("all"))],
    );
    let area = &report("scope-all.geojson")["guarantee_areas"][0];
    assert!(
        area["cover_share"].as_f64().is_some_and(|s| s > 0.99),
        "{area}"
    );
    assert!(
        area["occupied_km2"].as_f64().is_some_and(|k| k > 100_000.0),
        "{area}"
    );
}

#[test]
fn line_monitoring() {
    let m = expect(
        "monitor-none.geojson",
        "line-monitoring",
        &[("warning", Some("today"))],
    );
    assert!(
        m[0].starts_with(
            "Monitors watch only 0.0% of the line of control of Today's line (0.0 of "
        ),
        "{}",
        m[0]
    );
    passes("monitor-all.geojson", "line-monitoring");
    assert!(demarcation_figure("monitor-all.geojson", "today", "monitored_share") >= 0.9);
}

#[test]
fn air_cover() {
    let m = expect("air-none.geojson", "air-cover", &[("warning", None)]);
    assert!(
        m[0].starts_with("Kyiv, Lviv, Odesa, Kharkiv, Dnipro and Zaporizhzhia lie outside"),
        "{}",
        m[0]
    );
    // 700 km from Rzeszów covers Lviv and Kyiv only; a non-guarantor's air defence counts for
    // nothing.
    let m = expect("air-west.geojson", "air-cover", &[("warning", None)]);
    assert!(
        m[0].starts_with("Odesa, Kharkiv, Dnipro and Zaporizhzhia lie outside"),
        "{}",
        m[0]
    );
    passes("air-all.geojson", "air-cover");
}

#[test]
fn credibility_measures() {
    let m = expect(
        "measures-one.geojson",
        "credibility-measures",
        &[("info", None), ("info", None), ("info", None)],
    );
    assert!(m.iter().any(|m| m.contains("(prepositioning)")), "{m:?}");
    passes("measures-all.geojson", "credibility-measures");
}

#[test]
fn severities_and_sources_follow_the_contract() {
    let ids: Vec<String> = armistice::rules::catalogue()
        .iter()
        .map(|r| r.id.to_owned())
        .collect();
    for report in batch().0.values() {
        let findings = report["findings"].as_array().expect("findings");
        let summary = &report["summary"];
        let count = |s: &str| findings.iter().filter(|f| f["severity"] == s).count() as u64;
        assert_eq!(summary["errors"], count("error"));
        assert_eq!(summary["warnings"], count("warning"));
        assert_eq!(summary["infos"], count("info"));
        for f in findings {
            assert!(ids.iter().any(|id| f["rule"] == id.as_str()), "{f}");
            assert!(
                f["source"].as_str().is_some_and(|s| s.starts_with('[')),
                "{f}"
            );
            assert!(f.get("subject").is_some(), "subject is always present: {f}");
        }
    }
    // Several files with an error finding among them and no bad input: exit 1.
    assert_eq!(batch().1, Some(1));
}

// ---- the example scenarios --------------------------------------------------------------------

fn check_json(args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = armistice(&all);
    let value = if out.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    (
        out.status.code(),
        value,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rules_with(report: &Value, severity: &str) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| f["rule"].as_str().expect("rule").to_owned())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn default_example_has_no_errors() {
    let (code, report, stderr) = check_json(&[&example("default")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(report.is_object(), "one file gives one report object");
    let keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "scenario",
            "title",
            "findings",
            "demarcations",
            "guarantee_areas",
            "forces",
            "summary"
        ]
    );
    for key in ["id", "name", "cover_share", "occupied_km2"] {
        assert!(report["guarantee_areas"][0].get(key).is_some(), "{key}");
    }
    for key in [
        "id",
        "name",
        "ceded_km2",
        "gained_km2",
        "max_advance_km",
        "donetsk_share",
        "luhansk_share",
        "belt_depth_km",
        "monitored_share",
    ] {
        assert!(report["demarcations"][0].get(key).is_some(), "{key}");
    }
    for key in [
        "guarantor_land",
        "guarantor_land_in_ukraine",
        "european_land",
        "host_land",
        "by_nation",
    ] {
        assert!(report["forces"].get(key).is_some(), "{key}");
    }
    let belt: Vec<&str> = report["demarcations"][0]["belt_depth_km"]
        .as_object()
        .expect("belt")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        belt,
        ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"]
    );
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(report["title"], "Coalition plan A");
    let line = &report["demarcations"][0];
    assert_eq!(line["id"], "line-a");
    assert_eq!(line["ceded_km2"], 0.0);
    assert_eq!(line["gained_km2"], 0.0);
    assert!(line["monitored_share"].as_f64().expect("share") >= 0.9);
    assert!(report["forces"]["european_land"].as_u64().expect("land") >= 150_000);
    assert!(report["forces"]["host_land"].as_u64().expect("host") > 0);
}

#[test]
fn forced_donbas_example_breaks_the_demarcation_rules() {
    let (code, report, stderr) = check_json(&[&example("forced-donbas")]);
    assert_eq!(code, Some(1), "{stderr}");
    let errors = rules_with(&report, "error");
    for rule in ["fortress-belt", "front-line-reference", "donbas-cession"] {
        assert!(errors.iter().any(|r| r == rule), "{rule} in {errors:?}");
    }
    let line = &report["demarcations"][0];
    assert!(line["ceded_km2"].as_f64().expect("ceded") > 1000.0);
    for city in ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"] {
        assert!(
            line["belt_depth_km"][city].as_f64().expect("depth") < 0.0,
            "{city}"
        );
    }
}

#[test]
fn tripwire_example_is_too_small() {
    let (code, report, stderr) = check_json(&[&example("tripwire")]);
    assert_eq!(code, Some(1), "{stderr}");
    let errors = rules_with(&report, "error");
    assert!(
        errors.iter().any(|r| r == "force-sufficiency"),
        "{errors:?}"
    );
    assert!(errors.iter().any(|r| r == "rapid-reaction"), "{errors:?}");
    assert!(
        rules_with(&report, "warning")
            .iter()
            .any(|r| r == "trip-wire")
    );
    assert_eq!(report["forces"]["guarantor_land_in_ukraine"], 3000);
}

// ---- input errors, several files, --rules, text -----------------------------------------------

#[test]
fn unreadable_and_invalid_files_exit_2_naming_what_is_wrong() {
    let dir = temp_dir("bad");
    let missing = dir.join("missing.geojson").display().to_string();
    let (code, report, stderr) = check_json(&[&missing]);
    assert_eq!(code, Some(2));
    assert_eq!(report, Value::Null, "nothing on stdout");
    assert!(
        stderr.contains(&missing) && stderr.contains("cannot read"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");

    let bad_force = dir.join("bad-force.geojson");
    let mut scenario = collection(
        json!({}),
        vec![force(
            "pl-1",
            "PL",
            "land",
            "reassurance",
            10,
            1.0,
            KYIV,
            0.0,
        )],
    );
    scenario["features"][0]["properties"]["strength"] = json!("lots");
    std::fs::write(&bad_force, scenario.to_string()).expect("write");
    let name = bad_force.display().to_string();
    let (code, _, stderr) = check_json(&[&name]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&name)
            && stderr.contains("\"pl-1\"")
            && stderr.contains("\"strength\"")
            && stderr.contains("expected"),
        "{stderr}"
    );

    let bad_param = dir.join("bad-param.geojson");
    let scenario = collection(
        json!({ "rules": { "front-standoff": { "min_km": "far" } } }),
        vec![],
    );
    std::fs::write(&bad_param, scenario.to_string()).expect("write");
    let name = bad_param.display().to_string();
    let (code, report, stderr) = check_json(&[&name]);
    assert_eq!(code, Some(2));
    assert_eq!(report, Value::Null);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "armistice: {name}: property \"armistice.rules.front-standoff.min_km\": expected a number from 0 to 2000 (km), found \"far\""
        )
    );

    let not_json = dir.join("not-json.geojson");
    std::fs::write(&not_json, "{ nope").expect("write");
    let (code, _, stderr) = check_json(&[&not_json.display().to_string()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("not-json.geojson"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_bad_file_among_several_is_reported_and_the_others_go_on() {
    let dir = temp_dir("several");
    let missing = dir.join("missing.geojson").display().to_string();
    let (code, reports, stderr) =
        check_json(&[&example("default"), &missing, &example("tripwire")]);
    assert_eq!(code, Some(2), "bad input wins over findings");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&missing), "{stderr}");
    let reports = reports.as_array().expect("array");
    assert_eq!(reports.len(), 2);
    assert!(
        reports[0]["scenario"]
            .as_str()
            .expect("name")
            .ends_with("default.geojson")
    );
    assert!(
        reports[1]["scenario"]
            .as_str()
            .expect("name")
            .ends_with("tripwire.geojson")
    );

    let (code, reports, _) = check_json(&[&example("default"), &example("default")]);
    assert_eq!(code, Some(0));
    assert_eq!(reports.as_array().map(Vec::len), Some(2));
    assert_eq!(
        reports[0], reports[1],
        "a second check from the cache gives the same report"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_file_overrides_the_scenarios_settings() {
    let dir = temp_dir("rules");
    let strict = dir.join("strict.json");
    std::fs::write(&strict, r#"{"front-standoff": {"min_km": 400}}"#).expect("write");
    let strict = strict.display().to_string();
    let (code, report, stderr) = check_json(&["--rules", &strict, &example("default")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        rules_with(&report, "error")
            .iter()
            .any(|r| r == "front-standoff")
    );

    // Merged over the scenario's own settings: the scenario turns trip-wire off, the file
    // changes only a parameter of another rule.
    let plan = dir.join("plan.geojson");
    let scenario = collection(
        json!({ "rules": { "trip-wire": { "enabled": false } } }),
        vec![force(
            "pl",
            "PL",
            "land",
            "reassurance",
            3000,
            5.0,
            KYIV,
            0.0,
        )],
    );
    std::fs::write(&plan, scenario.to_string()).expect("write");
    let relaxed = dir.join("relaxed.json");
    std::fs::write(&relaxed, r#"{"force-sufficiency": {"enabled": false}, "rapid-reaction": {"enabled": false}, "air-cover": {"enabled": false}, "ukrainian-army": {"enabled": false}, "mission-mandate": {"enabled": false}}"#).expect("write");
    let (code, report, stderr) = check_json(&[
        "--rules",
        &relaxed.display().to_string(),
        &plan.display().to_string(),
    ]);
    assert_eq!(code, Some(0), "{stderr} {report:#}");
    for rule in [
        "trip-wire",
        "force-sufficiency",
        "rapid-reaction",
        "air-cover",
    ] {
        assert!(
            !report["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .any(|f| f["rule"] == rule),
            "{rule} is off"
        );
    }
    // The file turns trip-wire back on.
    let on = dir.join("on.json");
    std::fs::write(&on, r#"{"trip-wire": {"enabled": true}}"#).expect("write");
    let (_, report, _) = check_json(&[
        "--rules",
        &on.display().to_string(),
        &plan.display().to_string(),
    ]);
    assert!(
        rules_with(&report, "warning")
            .iter()
            .any(|r| r == "trip-wire")
    );

    // A bad rules file: exit 2, one message naming it and the parameter, nothing checked.
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"front-standoff": {"min_km": -1}, "fortress": {}}"#,
    )
    .expect("write");
    let bad = bad.display().to_string();
    let (code, report, stderr) = check_json(&["--rules", &bad, &example("default")]);
    assert_eq!(code, Some(2));
    assert_eq!(report, Value::Null);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&bad)
            && stderr.contains("\"front-standoff.min_km\"")
            && stderr.contains("expected a number from 0 to 2000 (km), found -1")
            && stderr.contains("\"fortress\": unknown rule"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_report_groups_by_severity_with_the_figures() {
    let out = armistice(&["check", &example("forced-donbas")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let errors = text.find("\nErrors (").expect("errors heading");
    let warnings = text.find("\nWarnings (").unwrap_or(usize::MAX);
    assert!(errors < warnings, "{text}");
    assert!(text.contains("  donbas-cession [line-donbas]: "), "{text}");
    assert!(text.contains("\nDemarcations\n  Proposal D"), "{text}");
    assert!(
        text.contains("belt depth (+ Ukrainian side): Sloviansk -"),
        "{text}"
    );
    assert!(
        text.contains("Russian-controlled: Donetsk 100.0%"),
        "{text}"
    );
    assert!(text.contains("\nForces\n"), "{text}");
}

#[test]
fn rules_lists_every_rule_with_parameters_and_sources() {
    let out = armistice(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = rules.as_array().expect("array");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let catalogue: Vec<&str> = armistice::rules::catalogue().iter().map(|r| r.id).collect();
    assert_eq!(ids, catalogue);
    assert_eq!(ids.len(), 21);
    // Every parameter says where its default comes from.
    for r in rules {
        for p in r["parameters"].as_array().expect("parameters") {
            assert!(
                p["default_basis"] == "source" || p["default_basis"] == "assumption",
                "{p}"
            );
            assert!(
                p["default_from"].as_str().is_some_and(|s| !s.is_empty()),
                "{p}"
            );
        }
    }
    let standoff = rules
        .iter()
        .find(|r| r["id"] == "front-standoff")
        .expect("rule");
    assert_eq!(standoff["parameters"][0]["name"], "min_km");
    assert_eq!(standoff["parameters"][0]["default"], 50);
    let eligibility = rules
        .iter()
        .find(|r| r["id"] == "guarantor-eligibility")
        .expect("rule");
    assert_eq!(eligibility["parameters"][1]["default"], json!(["US"]));
    for r in rules {
        assert!(r["checks"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(
            r["sources"].as_array().is_some_and(|s| !s.is_empty()),
            "{r}"
        );
    }

    let out = armistice(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for id in catalogue {
        assert!(text.contains(&format!("{id}: ")), "{id}");
    }
    assert!(text.contains("    max_ceded_km2 = 1000 km²: "), "{text}");
    assert!(text.contains("      default from [S4]"), "{text}");
    assert!(
        text.contains("      default assumption of this program: "),
        "{text}"
    );
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(armistice::rules::docs::DOC_PATH);
    let expected = armistice::rules::docs::markdown();
    if std::env::var_os("ARMISTICE_BLESS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "docs/rules.md is out of date with the rules' descriptions; regenerate it with \
         `ARMISTICE_BLESS=1 cargo test --test check_cli docs_rules_md_is_up_to_date`"
    );
}

// ---- geometry against known figures -----------------------------------------------------------

fn check_scenario(checker: &mut Checker, value: &Value) -> Report {
    let scenario = Scenario::parse("test", &value.to_string()).expect("valid scenario");
    checker.check(&scenario, None)
}

fn relative_error(value: f64, expected: f64) -> f64 {
    ((value - expected) / expected).abs()
}

#[test]
fn todays_line_moves_nothing_and_matches_the_map_data() {
    let mut checker = Checker::new(map());
    let report = check_scenario(
        &mut checker,
        &collection(json!({}), vec![todays_line("today")]),
    );
    let d = report.demarcation("today").expect("figures");
    assert!(d.valid);
    assert!(
        d.ceded_km2 < 1e-6 && d.gained_km2 < 1e-6,
        "{} {}",
        d.ceded_km2,
        d.gained_km2
    );
    assert!(d.max_advance_km < 1e-9);
    for (city, depth) in &d.belt_depth_km {
        assert!(*depth > 0.0, "{city} stays Ukrainian: {depth}");
    }
    // The oblast shares are those of the bundled occupied area (tests/map_data.rs).
    let occupied_share = |code: &str| {
        let oblast = &map().oblast(code).expect("oblast").geometry;
        area_km2(&oblast.intersection(&map().occupied)) / area_km2(oblast)
    };
    assert!(
        (d.donetsk_share - occupied_share("UA-14")).abs() < 1e-3,
        "{}",
        d.donetsk_share
    );
    assert!(
        (d.luhansk_share - occupied_share("UA-09")).abs() < 1e-3,
        "{}",
        d.luhansk_share
    );
    assert!((0.65..=0.85).contains(&d.donetsk_share));
    assert!(d.luhansk_share >= 0.95);
    // A partial line drawn along a stretch of today's line moves nothing either.
    let report = check_scenario(
        &mut checker,
        &collection(
            json!({}),
            vec![demarcation("copy", "Copy", &front_stretch(80, 92))],
        ),
    );
    let copy = report.demarcation("copy").expect("figures");
    assert!(copy.valid);
    assert!(copy.ceded_km2 < 1e-6 && copy.gained_km2 < 1e-6);
    assert_eq!(copy.belt_depth_km, d.belt_depth_km);
    // Kostiantynivka's depth is its geodesic distance to today's line.
    let k = map().city("Kostiantynivka").expect("city").position;
    let expected = distance_to_line_km(k, &map().front_line.line);
    let depth = d.belt_depth("Kostiantynivka").expect("depth");
    assert!(
        relative_error(depth, expected) < 1e-9,
        "{depth} vs {expected}"
    );
}

#[test]
fn line_along_donetsk_western_border_cedes_all_of_donetsk() {
    let text = std::fs::read_to_string(example("forced-donbas")).expect("example");
    let scenario = Scenario::parse("forced-donbas", &text).expect("valid");
    let mut checker = Checker::new(map());
    let report = checker.check(&scenario, None);
    let d = report.demarcation("line-donbas").expect("figures");
    assert!(
        d.donetsk_share > 0.9995,
        "Donetsk share {}",
        d.donetsk_share
    );
    assert!(
        d.luhansk_share > 0.9995,
        "Luhansk share {}",
        d.luhansk_share
    );
    // Within Donetsk oblast it cedes what today's line leaves Ukraine there (it also cedes
    // the strips of Kharkiv oblast between today's line and the Donbas border).
    let donetsk = &map().oblast("UA-14").expect("Donetsk").geometry;
    let free_donetsk = area_km2(donetsk) - area_km2(&donetsk.intersection(&map().occupied));
    let ceded_in_donetsk = area_km2(&d.ceded_area.intersection(donetsk));
    assert!(
        relative_error(ceded_in_donetsk, free_donetsk) < 0.005,
        "ceded in Donetsk {ceded_in_donetsk} km², free Donetsk {free_donetsk} km²"
    );
    assert!(d.ceded_km2 >= ceded_in_donetsk);
}

#[test]
fn spike_area_and_advance_match_hand_figures() {
    let mut checker = Checker::new(map());
    let report = check_scenario(
        &mut checker,
        &collection(json!({}), vec![demarcation("s", "S", &spike())]),
    );
    let d = report.demarcation("s").expect("figures");
    // The ceded area is the triangle between vertices 95, 96 and the tip.
    let triangle = MultiPolygon::new(vec![Polygon::new(
        LineString::from(vec![fv(95), [37.60, 48.60], fv(96), fv(95)]),
        vec![],
    )]);
    let expected = area_km2(&triangle);
    assert!(
        relative_error(d.ceded_km2, expected) < 0.005,
        "{} vs {expected}",
        d.ceded_km2
    );
    assert!(d.gained_km2 < 1e-6);
    // The furthest advance, by brute force: the largest geodesic distance to today's line of
    // points every ~100 m along the triangle's edges. It is not the tip: the tip is nearer to
    // the front line's bend at Druzhkivka than points a little below it.
    let corners = [fv(95), [37.60, 48.60], fv(96), fv(95)];
    let mut expected: f64 = 0.0;
    for edge in corners.windows(2) {
        let (a, b) = (edge[0], edge[1]);
        for k in 0..=250 {
            let t = f64::from(k) / 250.0;
            let p = Point::new(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
            expected = expected.max(distance_to_line_km(p, &map().front_line.line));
        }
    }
    assert!(
        relative_error(d.max_advance_km, expected) < 0.005,
        "{} vs {expected}",
        d.max_advance_km
    );
    let furthest = d.furthest_advance.expect("a point");
    let at_furthest = distance_to_line_km(furthest, &map().front_line.line);
    assert!((at_furthest - d.max_advance_km).abs() < 1e-9);
}

/// The geodesic distance from a point at latitude `lat` to a meridian `dlon_deg` away, on WGS84,
/// worked out by hand: the prime-vertical radius of curvature times cos(lat) times the longitude
/// difference (the foot of the perpendicular lies on the point's parallel to first order).
fn distance_to_meridian_km(lat: f64, dlon_deg: f64) -> f64 {
    let (a, f) = (6378.137, 1.0 / 298.257_223_563);
    let e2 = f * (2.0 - f);
    let phi = lat.to_radians();
    let n = a / (1.0 - e2 * phi.sin().powi(2)).sqrt();
    n * phi.cos() * dlon_deg.to_radians()
}

#[test]
fn depths_and_standoff_distances_on_a_meridian_line() {
    // A full line along 37° E from the Black Sea to Russia. West of it lie Crimea and the
    // occupied south, most of today's occupied area: that is the Russian-controlled side (with
    // Kyiv), so the belt cities, east of it, lie on the Ukrainian-controlled side.
    let line = demarcation(
        "m",
        "Meridian",
        &[
            [37.0, 44.0],
            [37.0, 46.0],
            [37.0, 48.0],
            [37.0, 50.0],
            [37.0, 53.0],
        ],
    );
    let force_at = [36.5, 48.0];
    let scenario = collection(
        json!({}),
        vec![
            line,
            force("r", "GB", "land", "reassurance", 1000, 1.0, force_at, 0.0),
        ],
    );
    let mut checker = Checker::new(map());
    let report = check_scenario(&mut checker, &scenario);
    let d = report.demarcation("m").expect("figures");
    assert!(d.valid);
    for city in ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"] {
        let at = map().city(city).expect("city").position;
        let (lon, lat) = (at.x(), at.y());
        let expected = distance_to_meridian_km(lat, lon - 37.0);
        let depth = d.belt_depth(city).expect("depth");
        assert!(
            relative_error(depth, expected) < 0.005,
            "{city}: {depth} vs {expected}"
        );
    }
    let standoff = report
        .standoff
        .iter()
        .find(|s| s.force == "r")
        .expect("too close");
    let expected = distance_to_meridian_km(force_at[1], 37.0 - force_at[0]);
    assert!(
        relative_error(standoff.km, expected) < 0.005,
        "{} vs {expected}",
        standoff.km
    );
    assert!(
        (standoff.to.x() - 37.0).abs() < 1e-6,
        "nearest point on the line: {:?}",
        standoff.to
    );
}

#[test]
fn moving_one_vertex_measures_only_that_line_again() {
    let text = std::fs::read_to_string(example("default")).expect("example");
    let mut scenario = Scenario::parse("default", &text).expect("valid");
    // A second proposal, so there is a line that does not move.
    let mut second = scenario.feature("line-a").expect("line-a").clone();
    second.id = "line-b".to_owned();
    scenario.features.push(second);
    let mut checker = Checker::new(map());
    let first = checker.check(&scenario, None);
    let measured = checker.lines_measured();
    let again = checker.check(&scenario, None);
    assert_eq!(first, again);
    assert_eq!(
        checker.lines_measured(),
        measured,
        "nothing changed, nothing measured"
    );
    let vertex = match scenario.feature_mut("line-a").map(|f| &mut f.item) {
        Some(armistice::model::scenario::Item::Demarcation(d)) => d.line.0.get_mut(90),
        _ => None,
    };
    let vertex = vertex.expect("line-a has a vertex 90");
    *vertex = Coord {
        x: vertex.x - 0.05,
        y: vertex.y,
    };
    let moved = checker.check(&scenario, None);
    assert_eq!(
        checker.lines_measured(),
        measured + 1,
        "only the moved line"
    );
    let a = moved.demarcation("line-a").expect("a");
    assert!(a.ceded_km2 > 1.0, "{}", a.ceded_km2);
    assert_eq!(moved.demarcation("line-b"), first.demarcation("line-b"));
}

#[test]
fn furthest_advance_of_a_large_area_is_geodesic_to_half_a_percent() {
    // The forced-donbas line moves ~6,700 km² up to ~60 km: the furthest point is chosen in a
    // planar (azimuthal equidistant) projection centred on the area, ~200 km across. Brute force
    // in geodesic distance every ~250 m along the area's boundary must agree to 0.5 %.
    let text = std::fs::read_to_string(example("forced-donbas")).expect("example");
    let scenario = Scenario::parse("forced-donbas", &text).expect("valid");
    let mut checker = Checker::new(map());
    let report = checker.check(&scenario, None);
    let d = report.demarcation("line-donbas").expect("figures");
    let front = &map().front_line.line;
    let mut brute: f64 = 0.0;
    for polygon in &d.ceded_area {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for edge in ring.lines() {
                let km = armistice::spatial::distance_km(edge.start.into(), edge.end.into());
                let steps = (km / 0.25).ceil().max(1.0) as usize;
                for k in 0..steps {
                    let t = k as f64 / steps as f64;
                    let p = Point::new(
                        edge.start.x + (edge.end.x - edge.start.x) * t,
                        edge.start.y + (edge.end.y - edge.start.y) * t,
                    );
                    brute = brute.max(distance_to_line_km(p, front));
                }
            }
        }
    }
    assert!(brute > 40.0, "{brute}");
    assert!(
        relative_error(d.max_advance_km, brute) < 0.005,
        "{} vs {brute}",
        d.max_advance_km
    );
}

//! Load, save, load gives the identical scenario: the three example scenarios, a file full of
//! things the program does not know (kinds, properties, members at every level, altitudes, numeric
//! ids, `3.0` for `3`, a bbox), and the inputs the fuzzer once tripped over. Saving twice gives
//! the same bytes.

use armistice::io::save_scenario;
use armistice::model::{Scenario, load_scenario};
use std::path::{Path, PathBuf};

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-round-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Loads `path`, saves it, loads the copy: the scenarios must be equal, and a second save must
/// write the same bytes as the first.
fn assert_round_trip(path: &Path, dir: &Path) -> Scenario {
    let first = load_scenario(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .scenario;
    let copy = dir.join(path.file_name().expect("file name"));
    save_scenario(&copy, &first).expect("save");
    let second = load_scenario(&copy).expect("the saved copy loads").scenario;
    assert_eq!(
        second,
        first,
        "{}: load, save, load changed it",
        path.display()
    );
    let written = std::fs::read(&copy).expect("read");
    save_scenario(&copy, &second).expect("save again");
    assert_eq!(
        std::fs::read(&copy).expect("read"),
        written,
        "{}",
        path.display()
    );
    second
}

#[test]
fn the_example_scenarios_survive_load_save_load() {
    let dir = temp_dir("examples");
    for name in [
        "default.geojson",
        "forced-donbas.geojson",
        "tripwire.geojson",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        let scenario = assert_round_trip(&path, &dir);
        assert!(!scenario.features.is_empty(), "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Everything a program might not know, at every level of the file.
const UNKNOWNS: &str = r##"{
  "type": "FeatureCollection",
  "bbox": [22.0, 44.0, 41.0, 53.0],
  "name": "exported from QGIS",
  "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
  "armistice": {
    "author": { "name": "J. Planner", "unit": "J5" },
    "title": "Unknowns everywhere",
    "measures": ["joint-exercises", "prepositioning"],
    "rules": { "front-standoff": { "min_km": 80 }, "air-cover": { "enabled": false } },
    "steps": [
      { "title": "One", "transition": "fade", "findings": true, "view": [30, 45, 40, 52.5] },
      { "title": "Two", "caption": "", "speaker_notes": "say it slowly" }
    ],
    "zzz": null
  },
  "features": [
    { "type": "Feature", "id": 7, "bbox": [30.5, 50.4, 30.5, 50.4],
      "geometry": { "type": "Point", "coordinates": [30.52, 50.45, 180.0], "source": "GPS" },
      "properties": { "strength": 4500, "kind": "force", "name": null, "nation": "PL", "component": "land",
                      "role": "reassurance", "readiness_days": 3.0, "range_km": 0.0,
                      "colour": "#0044aa", "tags": ["a", { "b": null }], "echelon": null },
      "marker-symbol": "star" },
    { "type": "Feature", "geometry": { "type": "LineString", "coordinates": [[37.0, 50.0, 1], [36.0, 46.0, 2]] },
      "properties": { "kind": "demarcation", "name": "Proposal A", "drawn_by": "JP" } },
    { "type": "Feature", "id": "area-m",
      "geometry": { "type": "MultiPolygon", "coordinates": [[[[30, 50], [32, 50], [32, 52], [30, 50]]]] },
      "properties": { "kind": "guarantee-area", "opacity": 0.3 } },
    { "type": "Feature", "geometry": { "type": "Point", "coordinates": [31, 49] },
      "properties": { "kind": "depot", "size": 3 } },
    { "type": "Feature", "geometry": null, "properties": null },
    { "type": "Feature", "id": "gc",
      "geometry": { "type": "GeometryCollection", "geometries": [ { "type": "Point", "coordinates": [1, 2] } ] },
      "properties": { "comment": "no kind at all" } },
    { "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[30, 48], [31, 48], [31, 49], [30, 48]]] },
      "properties": { "kind": "guarantee-area", "name": "Single" } }
  ]
}"##;

/// JSON equality where numbers compare by value: geojson keeps coordinates as f64, so a `1` in a
/// position is written `1.0`, the same number.
fn same_json(a: Option<&serde_json::Value>, b: Option<&serde_json::Value>) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64() == y.as_f64(),
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(Some(x), Some(y)))
        }
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            x.len() == y.len() && x.iter().all(|(k, vx)| same_json(Some(vx), y.get(k)))
        }
        (x, y) => x == y,
    }
}

#[test]
fn a_file_full_of_unknowns_survives_load_save_load() {
    let dir = temp_dir("unknowns");
    let path = dir.join("source").join("unknowns.geojson");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
    std::fs::write(&path, UNKNOWNS).expect("write");
    let scenario = assert_round_trip(&path, &dir);
    assert_eq!(scenario.features.len(), 7);
    let text = std::fs::read_to_string(dir.join("unknowns.geojson")).expect("saved");
    let saved: serde_json::Value = serde_json::from_str(&text).expect("json");
    let source: serde_json::Value = serde_json::from_str(UNKNOWNS).expect("json");
    // Every unknown member comes back exactly as it was, wherever it was.
    for pointer in [
        "/bbox",
        "/name",
        "/crs",
        "/armistice/author",
        "/armistice/zzz",
        "/armistice/rules",
        "/armistice/measures",
        "/armistice/steps/0/transition",
        "/armistice/steps/1/speaker_notes",
        "/features/0/id",
        "/features/0/bbox",
        "/features/0/geometry",
        "/features/0/marker-symbol",
        "/features/0/properties",
        "/features/1/geometry",
        "/features/1/properties",
        "/features/2/geometry",
        "/features/3/geometry",
        "/features/3/properties",
        "/features/4/geometry",
        "/features/4/properties",
        "/features/5",
        "/features/6/geometry",
    ] {
        assert!(
            same_json(saved.pointer(pointer), source.pointer(pointer)),
            "{pointer} was changed on save: {:?} / {:?}",
            saved.pointer(pointer),
            source.pointer(pointer)
        );
    }
    // Features without an id got stable ones, written on save.
    assert_eq!(
        saved.pointer("/features/1/id"),
        Some(&"demarcation-1".into())
    );
    assert_eq!(saved.pointer("/features/3/id"), Some(&"feature-1".into()));
    assert_eq!(saved.pointer("/features/4/id"), Some(&"feature-2".into()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_edit_changes_only_what_was_edited() {
    use armistice::model::edit::{Edit, Property};
    let mut scenario = Scenario::parse("u.geojson", UNKNOWNS).expect("parses");
    Edit::SetProperty {
        id: "7".to_owned(),
        property: Property::Strength(5000),
    }
    .apply(&mut scenario)
    .expect("edit");
    let saved: serde_json::Value =
        serde_json::from_str(&scenario.to_geojson_string()).expect("json");
    let mut expected: serde_json::Value = serde_json::from_str(UNKNOWNS).expect("json");
    if let Some(strength) = expected.pointer_mut("/features/0/properties/strength") {
        *strength = 5000.into();
    }
    assert_eq!(
        saved.pointer("/features/0/properties"),
        expected.pointer("/features/0/properties")
    );
    assert_eq!(
        saved.pointer("/features/0/geometry"),
        expected.pointer("/features/0/geometry")
    );
}

#[test]
fn inputs_the_fuzzer_found_round_trip_or_fail_with_the_file_named() {
    let dir = temp_dir("fuzz");
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&regressions).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        seen += 1;
        match load_scenario(&path) {
            Ok(_) => {
                assert_round_trip(&path, &dir);
            }
            Err(e) => assert!(e.to_string().contains(&path.display().to_string()), "{e}"),
        }
    }
    assert!(seen > 0);
    std::fs::remove_dir_all(&dir).ok();
}

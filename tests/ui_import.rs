//! File ▸ Import forces from CSV… and File ▸ Import front line… in the real app, through
//! egui_kittest: the report says what was and wasn't imported, each import is one undoable edit,
//! and an imported front line is kept beside the scenario and shown on the map.

use armistice::model::scenario::Item;
use armistice::model::{BaseMap, Scenario};
use armistice::ui::commands::DocCommand;
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;

fn harness() -> Harness<'static, ArmisticeApp> {
    let base = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    let app = ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("armistice-ui-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn forces(app: &ArmisticeApp) -> usize {
    app.doc()
        .scenario
        .features
        .iter()
        .filter(|f| matches!(f.item, Item::Force(_)))
        .count()
}

#[test]
fn the_file_menu_offers_both_imports() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import forces from CSV…");
    harness.get_by_label("Import front line…");
}

#[test]
fn csv_import_reports_every_bad_row_and_undoes_as_one() {
    let dir = temp_dir("csv");
    let csv = dir.join("forces.csv");
    std::fs::write(
        &csv,
        "name,nation,component,role,strength,readiness_days,lon,lat,echelon,range_km\n\
         Alpha,PL,land,reassurance,4500,3,24.0,50.3,brigade,\n\
         Bravo,UK,land,reassurance,-5,3,24.1,50.3,,\n\
         Charlie,FR,air,rapid-reaction,1200,2,23.5,52.1,,1500\n\
         Delta,DE,tanks,monitor,100,1,200,50,,\n",
    )
    .expect("write");
    let mut harness = harness();
    let before = harness.state().doc().scenario.clone();
    harness
        .state_mut()
        .command(DocCommand::ImportForces(Some(csv.clone())).into());
    harness.run();
    assert_eq!(forces(harness.state()), forces_in(&before) + 2);
    harness.get_by_label_contains("Imported 2 forces from forces.csv; 2 rows not imported");
    harness.get_by_label_contains("row 3, column nation: \"UK\"");
    harness.get_by_label_contains("row 3, column strength: -5 is negative");
    harness.get_by_label_contains("row 5, column component: \"tanks\"");
    harness.get_by_label_contains("row 5, column lon: \"200\"");
    assert_eq!(
        harness.state().doc().history.undo_label().as_deref(),
        Some("2 changes")
    );
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Imported 2 forces")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc().scenario,
        before,
        "one undo removes the import"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(forces(harness.state()), forces_in(&before) + 2);

    // A file without the required columns imports nothing and says why.
    let bad = dir.join("wrong.csv");
    std::fs::write(&bad, "unit,country\nA,PL\n").expect("write");
    harness
        .state_mut()
        .command(DocCommand::ImportForces(Some(bad)).into());
    harness.run();
    harness
        .get_by_label_contains("Nothing imported: wrong.csv: row 1 (the header): missing columns");
    std::fs::remove_dir_all(&dir).ok();
}

fn forces_in(scenario: &Scenario) -> usize {
    scenario.forces().count()
}

#[test]
fn a_front_line_is_kept_beside_the_scenario_shown_and_undone() {
    let dir = temp_dir("front");
    std::fs::create_dir_all(dir.join("downloads")).expect("dir");
    // A bare geometry: straight down 36° E.
    let source = dir.join("downloads/line.geojson");
    std::fs::write(
        &source,
        r#"{"type":"LineString","coordinates":[[36.0,53.5],[36.0,44.0]]}"#,
    )
    .expect("write");
    let mut harness = harness();
    let bundled = harness.state().scene().front_line.bounds;

    // An unsaved plan has no folder to keep the line in.
    harness
        .state_mut()
        .command(DocCommand::ImportFrontLine(Some(source.clone())).into());
    harness.run();
    harness.get_by_label_contains("the scenario has not been saved yet");
    harness.get_by_label("OK").click();
    harness.run();

    let plan = dir.join("plan.geojson");
    harness
        .state_mut()
        .command(DocCommand::SaveAs(Some(plan.clone())).into());
    harness.run();
    harness
        .state_mut()
        .command(DocCommand::ImportFrontLine(Some(source.clone())).into());
    harness.run();
    harness.get_by_label_contains("Imported the front line from");
    let app = harness.state();
    assert_eq!(
        app.doc().scenario.front_line.as_deref(),
        Some("line.geojson")
    );
    assert!(dir.join("line.geojson").exists(), "copied beside the plan");
    assert_ne!(
        app.scene().front_line.bounds,
        bundled,
        "the new line is drawn"
    );
    assert!(app.doc().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc().scenario.front_line, None);
    assert_eq!(
        harness.state().scene().front_line.bounds,
        bundled,
        "back to the bundled line"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_ne!(harness.state().scene().front_line.bounds, bundled, "redone");

    // Saved and opened again, the plan brings its line.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let loaded = armistice::model::load_scenario(&plan).expect("loads");
    assert_eq!(
        loaded.front_line.map(|f| f.line.0.len()),
        Some(2),
        "the scenario refers to the copy"
    );

    // Save As into another folder takes the line along, so the reference still holds.
    std::fs::create_dir_all(dir.join("elsewhere")).expect("dir");
    let moved = dir.join("elsewhere/plan.geojson");
    harness
        .state_mut()
        .command(DocCommand::SaveAs(Some(moved.clone())).into());
    harness.run();
    assert!(
        dir.join("elsewhere/line.geojson").exists(),
        "the line came along"
    );
    assert!(armistice::model::load_scenario(&moved).is_ok());

    // A wrong file is refused and changes nothing.
    let point = dir.join("downloads/point.geojson");
    std::fs::write(&point, r#"{"type":"Point","coordinates":[36,48]}"#).expect("write");
    harness.get_by_label("OK").click();
    harness.run();
    let before = harness.state().doc().scenario.clone();
    harness
        .state_mut()
        .command(DocCommand::ImportFrontLine(Some(point)).into());
    harness.run();
    harness.get_by_label_contains(
        "expected a LineString or MultiLineString (a front line), found a Point",
    );
    assert_eq!(harness.state().doc().scenario, before);
    std::fs::remove_dir_all(&dir).ok();
}

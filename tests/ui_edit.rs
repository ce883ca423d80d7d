//! Editing in the real app, driven through egui_kittest as a user would: the toolbar, clicks and
//! drags on the map, the Place force dialog, the inspector, undo and redo, and the window's
//! loading path for files (File ▸ Open and drag-and-drop).

use armistice::model::scenario::Item;
use armistice::model::{BaseMap, Scenario};
use armistice::spatial::measure;
use armistice::ui::commands::Command;
use armistice::ui::commands::DocCommand;
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};

fn app() -> ArmisticeApp {
    let base = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default())
}

fn harness() -> Harness<'static, ArmisticeApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app());
    harness.run();
    harness
}

fn press(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// A click on the map at `pos` (move there, press, release).
fn click_at(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.step();
    press(harness, pos, true);
    harness.step();
    press(harness, pos, false);
    harness.run();
}

fn screen(harness: &Harness<'_, ArmisticeApp>, lon: f64, lat: f64) -> Pos2 {
    harness
        .state()
        .screen_pos(lon, lat)
        .expect("the map was drawn")
}

/// Replaces the text of the field labelled `label` with `text`.
fn retype(harness: &mut Harness<'_, ArmisticeApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

fn count_kind(app: &ArmisticeApp, kind: &str) -> usize {
    app.doc()
        .scenario
        .features
        .iter()
        .filter(|f| f.item.kind() == Some(kind))
        .count()
}

#[test]
fn place_a_force_through_the_dialog() {
    let mut harness = harness();
    let forces_before = count_kind(harness.state(), "force");
    harness.get_by_label("Place force").click();
    harness.run();
    // An empty spot in central Ukraine.
    let at = screen(&harness, 32.0, 49.0);
    click_at(&mut harness, at);
    assert!(
        harness.state().force_dialog().open_at.is_some(),
        "the dialog opened"
    );

    harness
        .get_by_role_and_label(Role::TextInput, "Search nations")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search nations")
        .type_text("finl");
    harness.run();
    harness.get_by_label("FI  Finland").click();
    harness.run();
    retype(&mut harness, "Strength", "2500");
    retype(&mut harness, "Name", "Karelia Bde");
    harness.get_by_label("Place").click();
    harness.run();

    let app = harness.state();
    assert_eq!(count_kind(app, "force"), forces_before + 1);
    let id = app
        .selected()
        .map(str::to_owned)
        .expect("the new force is selected");
    let Some(Item::Force(force)) = app.doc().scenario.feature(&id).map(|f| &f.item) else {
        panic!("{id} is not a force");
    };
    assert_eq!(force.nation, "FI");
    assert_eq!(force.strength, 2500);
    assert_eq!(force.name.as_deref(), Some("Karelia Bde"));
    assert!(
        (force.position.x() - 32.0).abs() < 0.05 && (force.position.y() - 49.0).abs() < 0.05,
        "placed where clicked: {:?}",
        force.position
    );
    assert!(app.doc().is_dirty());
    assert!(
        app.window_title().starts_with("● "),
        "{}",
        app.window_title()
    );

    // The next dialog starts from the last force placed.
    let at = screen(&harness, 31.0, 48.0);
    click_at(&mut harness, at);
    harness.get_by_label_contains("Nation: FI — Finland");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().force_dialog().open_at.is_none());
}

#[test]
fn draw_a_line_that_snaps_to_the_front_line_then_undo_and_redo() {
    let mut harness = harness();
    let lines_before = count_kind(harness.state(), "demarcation");
    harness.get_by_label("Draw demarcation").click();
    harness.run();

    // A point of today's front line, and a click 6 px beside it.
    let front = harness.state().base().front_line.line.clone();
    let on_line = front.0[front.0.len() / 2];
    let near = screen(&harness, on_line.x, on_line.y) + egui::vec2(4.0, 4.5);
    harness.event(Event::PointerMoved(near));
    harness.run();
    assert!(harness.state().tools().snap.is_some(), "the snap is shown");
    click_at(&mut harness, near);
    // A second vertex far from the line, in Russia.
    let far = screen(&harness, 40.5, 49.5);
    click_at(&mut harness, far);
    harness.key_press(Key::Enter);
    harness.run();

    let app = harness.state();
    assert_eq!(count_kind(app, "demarcation"), lines_before + 1);
    let id = app
        .selected()
        .map(str::to_owned)
        .expect("the new line is selected");
    let Some(Item::Demarcation(d)) = app.doc().scenario.feature(&id).map(|f| &f.item) else {
        panic!("{id} is not a demarcation");
    };
    assert_eq!(d.line.0.len(), 2);
    let first = geo::Point::from(d.line.0[0]);
    let off = measure::distance_to_line_km(first, &front);
    assert!(
        off < 0.05,
        "the first vertex lies on the front line ({off} km off)"
    );
    let last = geo::Point::from(d.line.0[1]);
    assert!(measure::distance_to_line_km(last, &front) > 50.0);
    let drawn = app.doc().scenario.clone();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count_kind(harness.state(), "demarcation"), lines_before);
    assert!(harness.state().doc().scenario.feature(&id).is_none());
    assert!(
        !harness.state().doc().is_dirty(),
        "back to the file as opened"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc().scenario, drawn, "redo brings it back");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().doc().scenario, drawn, "Ctrl+Y redoes too");
}

#[test]
fn the_inspector_rejects_a_negative_strength_and_applies_a_good_one() {
    let mut harness = harness();
    let (id, strength) = harness
        .state()
        .doc()
        .scenario
        .forces()
        .next()
        .map(|(id, f)| (id.to_owned(), f.strength))
        .expect("the default plan has forces");
    harness
        .state_mut()
        .command(Command::Select(Some(id.clone()), false));
    harness.run();
    let revision = harness.state().doc().revision;

    retype(&mut harness, "strength", "-5");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("-5 is negative");
    let app = harness.state();
    assert_eq!(
        app.inspector()
            .error("strength")
            .map(|e| e.contains("negative")),
        Some(true)
    );
    let Some(Item::Force(f)) = app.doc().scenario.feature(&id).map(|f| &f.item) else {
        panic!("force gone");
    };
    assert_eq!(f.strength, strength, "not applied");
    assert_eq!(app.doc().revision, revision);

    retype(&mut harness, "nation", "XX");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("\"XX\" is not an ISO 3166-1 alpha-2 code");

    retype(&mut harness, "strength", "12,345");
    harness.key_press(Key::Enter);
    harness.run();
    let Some(Item::Force(f)) = harness.state().doc().scenario.feature(&id).map(|f| &f.item) else {
        panic!("force gone");
    };
    assert_eq!(f.strength, 12_345);
    assert_eq!(harness.state().doc().history.undo_len(), 1);
}

#[test]
fn dragging_a_force_moves_it_and_the_map_stays() {
    let mut harness = harness();
    let (id, rect) = harness
        .state()
        .drawn_forces()
        .symbols
        .iter()
        .find(|(_, r)| r.center().x > 400.0 && r.center().x < 1300.0)
        .cloned()
        .expect("a force on screen");
    let view_before = harness.state().view().saved();
    let from = rect.center();
    let to = from + egui::vec2(60.0, 40.0);
    harness.event(Event::PointerMoved(from));
    harness.step();
    press(&mut harness, from, true);
    harness.step();
    for i in 1..=6 {
        harness.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        harness.step();
    }
    press(&mut harness, to, false);
    harness.run();

    let app = harness.state();
    let Some(Item::Force(f)) = app.doc().scenario.feature(&id).map(|f| &f.item) else {
        panic!("force gone");
    };
    let now = app.screen_pos(f.position.x(), f.position.y()).unwrap();
    assert!(
        (now - to).length() < 1.5,
        "the force follows the drag: {now:?} vs {to:?}"
    );
    assert_eq!(app.view().saved(), view_before, "the map did not pan");
    assert_eq!(
        app.doc().history.undo_label().as_deref(),
        Some("move force")
    );
}

/// A temporary folder for this test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-ui-edit-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const GOOD: &str = r#"{"type":"FeatureCollection","armistice":{"title":"Test plan","front_line":"front.geojson"},
 "features":[{"type":"Feature","id":"pl-1","geometry":{"type":"Point","coordinates":[30.5,50.4]},
 "properties":{"kind":"force","nation":"PL","component":"land","role":"reassurance","strength":4500,"readiness_days":3}}]}"#;

#[test]
fn broken_files_show_their_message_and_leave_the_open_scenario_as_it_was() {
    let dir = temp_dir("broken");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "syntax.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": [".to_owned(),
            "syntax.geojson",
        ),
        (
            "strength.geojson",
            GOOD.replace("4500", "-5"),
            "property \"strength\": expected personnel, a whole number from 0 to 10,000,000",
        ),
        (
            "nation.geojson",
            GOOD.replace("\"PL\"", "\"UK\""),
            "found \"UK\"",
        ),
        (
            "format.geojson",
            GOOD.replace("\"title\"", "\"format\": 9, \"title\""),
            "armistice.format 9 is newer",
        ),
        ("no-front-line.geojson", GOOD.to_owned(), "front.geojson"),
    ];
    let mut harness = harness();
    // Make a change first: a failed open must not lose it.
    harness
        .state_mut()
        .command(DocCommand::Apply(armistice::model::edit::Edit::SetTitle("Mine".into())).into());
    harness.run();
    let before = harness.state().doc().scenario.clone();
    let revision = harness.state().doc().revision;
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        // Through the window's loading path: File ▸ Open with a path; it asks about the unsaved
        // change first.
        harness
            .state_mut()
            .command(DocCommand::Open(Some(path.clone())).into());
        harness.run();
        harness.get_by_label("Don't save").click();
        harness.run();
        harness.get_by_label("Cannot open the file");
        let message = harness
            .state()
            .message()
            .map(|(_, m)| m.clone())
            .unwrap_or_default();
        assert!(message.contains(name), "{message}");
        assert!(message.contains(expected), "{name}: {message}");
        harness.get_by_label_contains(expected);
        harness.get_by_label("OK").click();
        harness.run();
        assert_eq!(
            harness.state().doc().scenario,
            before,
            "{name} changed nothing"
        );
        assert_eq!(harness.state().doc().revision, revision);
        assert!(harness.state().doc().path.is_none());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_opens_with_its_own_front_line_and_saves_atomically() {
    let dir = temp_dir("drop");
    // A front line straight down 36° E: the occupied side is east of it.
    std::fs::write(
        dir.join("front.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
           "geometry":{"type":"LineString","coordinates":[[36.0,53.5],[36.0,44.0]]}}]}"#,
    )
    .unwrap();
    let plan = dir.join("plan.geojson");
    std::fs::write(&plan, GOOD).unwrap();
    let mut harness = harness();
    let bundled_front = harness.state().scene().front_line.bounds;
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(plan.clone())));
    harness.run();
    let app = harness.state();
    assert_eq!(app.doc().path.as_deref(), Some(plan.as_path()));
    assert_eq!(app.doc().scenario.title, "Test plan");
    assert_ne!(
        app.scene().front_line.bounds,
        bundled_front,
        "the plan's own front line"
    );
    let occupied = &app.scene().occupied.bounds;
    let [west, _] = armistice::scene::geometry::world_point(36.0, 48.0);
    assert!(
        occupied.min[0] >= west - 1e-4,
        "the occupied area lies east of the plan's front line"
    );
    assert!(app.window_title().starts_with("plan.geojson — Test plan"));
    assert!(
        app.settings()
            .recent_files
            .iter()
            .any(|p| p.ends_with("plan.geojson"))
    );

    harness.state_mut().command(
        DocCommand::Apply(armistice::model::edit::Edit::SetTitle("Changed".into())).into(),
    );
    harness.run();
    assert!(harness.state().window_title().starts_with("● "));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().doc().is_dirty());
    let saved = Scenario::parse("plan.geojson", &std::fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(saved.title, "Changed");
    assert_eq!(saved.front_line.as_deref(), Some("front.geojson"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    harness.state_mut().command(
        DocCommand::Apply(armistice::model::edit::Edit::SetTitle("Unsaved".into())).into(),
    );
    harness.run();
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    harness.run();
    harness.get_by_label("Unsaved changes");
    assert!(!harness.state().close_allowed());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert_eq!(harness.state().doc().scenario.title, "Unsaved");
}

#[test]
fn shift_dragging_a_box_selects_forces_lines_and_guarantee_areas() {
    let mut harness = harness();
    let areas: Vec<String> = harness
        .state()
        .doc()
        .scenario
        .guarantee_areas()
        .map(|(id, _)| id.to_owned())
        .collect();
    assert!(!areas.is_empty(), "the default plan has a guarantee area");
    // A box over most of the map, drawn with Shift held from the Black Sea corner (a press on
    // a force would drag the force instead).
    let from = Pos2::new(1250.0, 950.0);
    let to = Pos2::new(320.0, 80.0);
    assert!(
        harness.state().drawn_forces().force_at(from).is_none(),
        "the box starts on empty map"
    );
    harness.event(Event::PointerMoved(from));
    harness.step();
    harness.event(Event::ModifiersChanged(Modifiers::SHIFT));
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    harness.step();
    for i in 1..=6 {
        harness.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        harness.step();
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let app = harness.state();
    let selected: Vec<String> = app.selected_ids();
    for id in &areas {
        assert!(selected.contains(id), "{id} not in {selected:?}");
    }
    assert!(
        selected
            .iter()
            .any(|id| app.doc().scenario.demarcations().any(|(d, _)| d == id)),
        "a demarcation is selected too: {selected:?}"
    );
    assert!(selected.len() > areas.len() + 1, "forces too: {selected:?}");
}

//! UI tests of presentation mode and the steps panel: the real app on the bundled default
//! scenario (five steps, the last with findings), driven through egui_kittest by keys and the
//! labels a user sees.

use armistice::model::{BaseMap, Scenario};
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

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

/// Presses `key`, lets every animation finish, returns how many frames that took.
fn press(harness: &mut Harness<'_, ArmisticeApp>, key: Key) -> u64 {
    harness.key_press(key);
    harness.run()
}

/// The step view of step `index` (0-based) of the default scenario.
fn step_view(harness: &Harness<'_, ArmisticeApp>, index: usize) -> [f64; 4] {
    harness
        .state()
        .doc()
        .scenario
        .steps
        .get(index)
        .and_then(|s| s.view)
        .expect("the default steps have views")
}

/// Whether the map shows `extent` snugly: all of it, and not more than twice its width or height.
fn shows(harness: &Harness<'_, ArmisticeApp>, extent: [f64; 4]) -> bool {
    let [w, s, e, n] = harness.state().view().extent();
    let eps = 1e-6;
    let covers = w <= extent[0] + eps
        && s <= extent[1] + eps
        && e >= extent[2] - eps
        && n >= extent[3] - eps;
    let snug = (e - w) < 2.2 * (extent[2] - extent[0]) || (n - s) < 2.2 * (extent[3] - extent[1]);
    covers && snug
}

#[test]
fn f5_presents_every_step_with_the_clicker_keys_and_esc_restores_the_window() {
    let mut harness = harness();
    let before = harness.state().view().saved();
    harness.get_by_label("Layers and contents");

    press(&mut harness, Key::F5);
    assert_eq!(harness.state().presenter().index(), Some(0));
    harness.get_by_label("Step 1 / 5");
    harness.get_by_label("Today's line");
    // The chrome is gone: menus, panels, toolbar.
    assert!(harness.query_by_label("Layers and contents").is_none());
    assert!(harness.query_by_label("File").is_none());
    assert!(shows(&harness, step_view(&harness, 0)));
    // Step 1 names only the proposal: no force symbol is drawn.
    assert!(harness.state().drawn_forces().symbols.is_empty());

    for (key, label) in [
        (Key::ArrowRight, "Step 2 / 5"),
        (Key::Space, "Step 3 / 5"),
        (Key::PageDown, "Step 4 / 5"),
        (Key::PageUp, "Step 3 / 5"),
        (Key::ArrowLeft, "Step 2 / 5"),
    ] {
        press(&mut harness, key);
        harness.get_by_label(label);
    }
    assert!(shows(&harness, step_view(&harness, 1)));
    // Step 2 names the four monitors near the fortress belt: they are drawn, the others not.
    let drawn: Vec<String> = harness
        .state()
        .drawn_forces()
        .symbols
        .iter()
        .map(|(id, _)| id.clone())
        .collect();
    assert!(
        !drawn.is_empty() && drawn.iter().all(|id| id.starts_with("mon-0")),
        "{drawn:?}"
    );

    // End: the last step, which shows the findings as badges.
    press(&mut harness, Key::End);
    harness.get_by_label("Step 5 / 5");
    harness.get_by_label("The plan checked");
    let troops = harness.get_by_label_contains("Troops ");
    let troops = troops.accesskit_node().label().or_else(|| troops.value());
    assert!(
        troops.as_deref().is_some_and(|l| l.ends_with(" / 150,000")),
        "{troops:?}"
    );
    harness.get_by_label("Fortress belt");
    // Next at the end stays there.
    press(&mut harness, Key::ArrowRight);
    harness.get_by_label("Step 5 / 5");

    // Home, then the flight to step 2 lasts about a second: the map advances animations by at
    // most 0.1 s a frame, so ten frames or a few more.
    press(&mut harness, Key::Home);
    harness.get_by_label("Step 1 / 5");
    assert!(
        harness.query_by_label("Fortress belt").is_none(),
        "no badges on step 1"
    );
    let frames = press(&mut harness, Key::ArrowRight);
    assert!((10..=14).contains(&frames), "flight took {frames} frames");

    // Pan away, then R returns to the step's view.
    harness
        .state_mut()
        .view_mut()
        .pan_by(egui::vec2(900.0, -600.0));
    harness.run();
    assert!(!shows(&harness, step_view(&harness, 1)));
    press(&mut harness, Key::R);
    assert!(shows(&harness, step_view(&harness, 1)));

    // Esc leaves: the panels are back and the view is the one before.
    press(&mut harness, Key::Escape);
    assert!(!harness.state().presenter().is_active());
    harness.get_by_label("Layers and contents");
    harness.get_by_label("File");
    let after = harness.state().view().saved();
    assert!(
        (after.lon - before.lon).abs() < 1e-6
            && (after.lat - before.lat).abs() < 1e-6
            && (after.zoom - before.zoom).abs() < 1e-6,
        "{before:?} -> {after:?}"
    );
}

#[test]
fn the_steps_panel_adds_a_step_from_the_view_renames_it_and_undo_takes_both_back() {
    let mut harness = harness();
    harness.get_by_label("Steps (5)").click();
    harness.run();
    harness.get_by_label("Today's line");

    harness.get_by_label("Add step from view").click();
    harness.run();
    let extent = harness.state().view().extent();
    {
        let steps = &harness.state().doc().scenario.steps;
        assert_eq!(steps.len(), 6);
        let added = steps.last().expect("the new step");
        assert_eq!(added.title, "Step 6");
        let view = added.view.expect("a view");
        for (a, b) in view.iter().zip(extent) {
            assert!((a - b).abs() < 0.001, "{view:?} vs {extent:?}");
        }
    }
    harness.get_by_label("Steps (6)");

    // Rename it through its title field.
    harness
        .get_by_role_and_label(Role::TextInput, "Step title")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Step title")
        .type_text("Kyiv up close");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let title = |h: &Harness<'_, ArmisticeApp>| {
        h.state()
            .doc()
            .scenario
            .steps
            .last()
            .map(|s| s.title.clone())
    };
    assert_eq!(title(&harness).as_deref(), Some("Kyiv up close"));

    // Findings on for it, then undo three times: findings, title, the step itself.
    harness.get_by_label("Show live findings").click();
    harness.run();
    assert!(
        harness
            .state()
            .doc()
            .scenario
            .steps
            .last()
            .is_some_and(|s| s.findings)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(title(&harness).as_deref(), Some("Step 6"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc().scenario.steps.len(), 5);
    harness.get_by_label("Steps (5)");
}

#[test]
fn deleting_and_dragging_steps_are_single_undoable_edits() {
    let mut harness = harness();
    harness.get_by_label("Steps (5)").click();
    harness.run();
    let titles = |h: &Harness<'_, ArmisticeApp>| -> Vec<String> {
        h.state()
            .doc()
            .scenario
            .steps
            .iter()
            .map(|s| s.title.clone())
            .collect()
    };
    let original = titles(&harness);

    // Drag the first step below the third.
    let from = harness.get_by_label("1.").rect().center();
    let onto = harness.get_by_label("Guarantor forces").rect();
    let to = egui::pos2(onto.center().x, onto.bottom() - 2.0);
    harness.hover_at(from);
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    for i in 1..=10 {
        let t = i as f32 / 10.0;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    let moved = titles(&harness);
    assert_eq!(
        moved,
        [
            original[1].clone(),
            original[2].clone(),
            original[0].clone(),
            original[3].clone(),
            original[4].clone()
        ]
    );

    // Delete the (now) second step.
    harness
        .get_all_by_label("Delete step")
        .nth(1)
        .expect("a delete button per step")
        .click();
    harness.run();
    assert_eq!(titles(&harness).len(), 4);
    assert!(!titles(&harness).contains(&original[2]));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(titles(&harness), moved);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(titles(&harness), original);
}

/// Each slide is the export of its step: the same view of the step (fitted below the same
/// title panel) and the layout's title panel in the same place with the same badges, so the
/// window's slide and `render --step N` at the window's size show the same map.
#[test]
fn each_slide_frames_its_step_and_title_panel_as_its_export() {
    use armistice::export::ExportScene;
    use armistice::export::svg::page_view;
    use armistice::scene::geometry::lonlat_from_world;
    use armistice::scene::layout::title_panel_rect;
    use armistice::scene::view::ScreenRect;

    let mut harness = harness();
    let scene = ExportScene::new(
        &BaseMap::bundled().expect("bundled map data"),
        Scenario::bundled_default().expect("bundled default scenario"),
        None,
    )
    .expect("prepared scene");
    press(&mut harness, Key::F5);
    for step in 0..5 {
        if step > 0 {
            press(&mut harness, Key::ArrowRight);
        }
        assert_eq!(harness.state().presenter().index(), Some(step));
        let rect = harness.state().view().last_rect;
        let size = (rect.width().round() as u32, rect.height().round() as u32);
        let page = scene.step_page(step).expect("five steps");
        let export = page_view(&page, size);
        let [lon, lat] =
            lonlat_from_world(export.world([f64::from(size.0) / 2.0, f64::from(size.1) / 2.0]));
        let window = harness.state().view().saved();
        assert!(
            (window.zoom - export.zoom).abs() < 1e-3
                && (window.lon - lon).abs() < 1e-3
                && (window.lat - lat).abs() < 1e-3,
            "step {}: window {window:?}, export {lon} {lat} z{}",
            step + 1,
            export.zoom
        );
        let panel = page.title_panel().expect("a titled step");
        let expected = title_panel_rect(
            &panel,
            ScreenRect::new([0.0, 0.0], [size.0 as f32, size.1 as f32]),
        );
        let drawn = harness
            .state()
            .last_title_panel()
            .expect("the slide's title panel is drawn by the map");
        let drawn = [
            drawn.min.x - rect.min.x,
            drawn.min.y - rect.min.y,
            drawn.max.x - rect.min.x,
            drawn.max.y - rect.min.y,
        ];
        let expected = [
            expected.min[0],
            expected.min[1],
            expected.max[0],
            expected.max[1],
        ];
        assert!(
            drawn.iter().zip(expected).all(|(a, b)| (a - b).abs() < 0.5),
            "step {}: the window's panel {drawn:?}, the export's {expected:?}",
            step + 1
        );
    }
}

#[test]
fn f5_waits_while_a_dialog_asks_for_an_answer() {
    let mut harness = harness();
    let missing = std::env::temp_dir().join(format!(
        "armistice-ui-present-missing-{}.geojson",
        std::process::id()
    ));
    // A failed open shows its message in a modal dialog.
    assert!(!harness.state_mut().open_path(&missing));
    harness.run();
    assert!(
        harness.ctx.memory(|m| m.top_modal_layer().is_some()),
        "the load error is shown in a modal"
    );
    press(&mut harness, Key::F5);
    assert!(
        !harness.state().presenter().is_active(),
        "presenting over an unanswered dialog"
    );
}

//! UI tests: the real app on the bundled default scenario, driven through egui_kittest by the
//! labels a user sees.

use armistice::model::{BaseMap, Scenario};
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

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

#[test]
fn opens_on_ukraine_with_every_layer_drawn() {
    let harness = harness();
    let app = harness.state();
    // The first frame fits Ukraine: its whole extent is on screen.
    let [w, s, e, n] = app.view().extent();
    let [uw, us, ue, un] = app.scene().ukraine_extent;
    assert!(
        w <= uw && s <= us && e >= ue && n >= un,
        "view {:?} misses Ukraine",
        app.view().extent()
    );
    let stats = app.last_stats();
    assert!(stats.triangles > 1000, "{stats:?}");
    assert!(stats.city_labels >= 20, "{stats:?}");
    assert!(stats.country_labels >= 3, "{stats:?}");
    for label in [
        "Countries",
        "Guarantor states",
        "Oblasts",
        "Occupied area",
        "Front line",
        "Cities",
    ] {
        harness.get_by_label(label);
    }
}

#[test]
fn toggling_a_layer_by_its_label_hides_it() {
    let mut harness = harness();
    assert!(harness.state().last_stats().city_labels > 0);
    harness.get_by_label("Cities").click();
    harness.run();
    assert!(!harness.state().settings().layers.cities);
    assert_eq!(harness.state().last_stats().city_labels, 0);
    harness.get_by_label("Cities").click();
    harness.run();
    assert!(harness.state().last_stats().city_labels > 0);
}

#[test]
fn keyboard_zooms_smoothly_and_pans() {
    let mut harness = harness();
    let zoom0 = harness.state().view().zoom();
    harness.key_press(Key::Plus);
    let frames = harness.run();
    let zoom1 = harness.state().view().zoom();
    assert!((zoom1 - (zoom0 + 0.5)).abs() < 1e-6, "{zoom0} -> {zoom1}");
    assert!(
        frames > 3,
        "zoom should animate over several frames, took {frames}"
    );

    harness.key_press(Key::Minus);
    harness.run();
    assert!((harness.state().view().zoom() - zoom0).abs() < 1e-6);

    let before = harness.state().view().saved();
    harness.key_down(Key::ArrowRight);
    for _ in 0..10 {
        harness.step();
    }
    harness.key_up(Key::ArrowRight);
    harness.run();
    let after = harness.state().view().saved();
    assert!(
        after.lon > before.lon + 0.1,
        "right arrow moves the view east: {before:?} -> {after:?}"
    );
    assert!((after.lat - before.lat).abs() < 1e-6);

    harness.key_press(Key::Home);
    harness.run();
    let [w, _, e, _] = harness.state().view().extent();
    let [uw, _, ue, _] = harness.state().scene().ukraine_extent;
    assert!(w <= uw && e >= ue, "Home fits Ukraine again");
}

#[test]
fn help_windows_open_from_the_menu() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About Armistice").click();
    harness.run();
    harness.get_by_label_contains("GeoNames");
}

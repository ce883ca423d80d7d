//! UI tests of the map picture in the real window (egui_kittest): the legend hides from the
//! View menu and folds from its header, and a presentation step draws its own features' rule
//! marks only when its findings are on.

use armistice::model::{BaseMap, Scenario};
use armistice::scene::layout::LegendMode;
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
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

/// A click on the map at `pos` (move there, press, release).
fn click_at(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

#[test]
fn the_legend_hides_from_the_view_menu_and_folds_from_its_header() {
    let mut harness = harness();
    let open = harness.state().last_legend().expect("a legend at start");
    // A click on its header folds it; another unfolds it.
    click_at(&mut harness, open.center());
    assert_eq!(harness.state().settings().legend, LegendMode::Folded);
    let folded = harness
        .state()
        .last_legend()
        .expect("the folded legend's header");
    click_at(&mut harness, folded.center());
    assert_eq!(harness.state().settings().legend, LegendMode::Open);
    // View ▸ Legend off: no legend is drawn.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Legend").click();
    harness.run();
    assert_eq!(harness.state().settings().legend, LegendMode::Hidden);
    assert!(harness.state().last_legend().is_none());
}

#[test]
fn a_slide_draws_rule_marks_only_of_its_features_and_only_with_findings() {
    let mut harness = harness();
    // The window shows the marks of the plan (the proposal's ceded area, the belt...).
    assert!(!harness.state().last_marks().is_empty());
    harness.key_press(Key::F5);
    harness.run();
    // Step 1: findings off, no marks.
    assert!(
        harness.state().last_marks().is_empty(),
        "{:?}",
        harness.state().last_marks()
    );
    // Step 2 ("The fortress belt", findings on): marks of its features only.
    harness.key_press(Key::ArrowRight);
    harness.run();
    let step = harness.state().doc().scenario.steps[1].clone();
    let named = step.features.expect("step 2 names its features");
    let marks = harness.state().last_marks().to_vec();
    assert!(!marks.is_empty());
    for mark in &marks {
        let subject = mark.subject.as_ref().expect("a subject");
        assert!(named.contains(subject), "{mark:?}");
    }
    harness.key_press(Key::Escape);
    harness.run();
}

//! The symbol picker in the real app, driven through egui_kittest by the labels a user sees:
//! the inspector's Symbol section and the Place force dialog's.

use armistice::model::scenario::{Force, Item};
use armistice::model::sidc::Identity;
use armistice::model::{BaseMap, Scenario};
use armistice::ui::commands::Command;
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness() -> Harness<'static, ArmisticeApp> {
    let base = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    let app = ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1100.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn force<'a>(app: &'a ArmisticeApp, id: &str) -> &'a Force {
    match app.doc().scenario.feature(id).map(|f| &f.item) {
        Some(Item::Force(f)) => f,
        _ => panic!("{id} is not a force"),
    }
}

fn type_into(harness: &mut Harness<'_, ArmisticeApp>, label: &str, text: &str) {
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

#[test]
fn the_default_plan_draws_standard_symbols_in_the_window() {
    let harness = harness();
    // Each force's symbol was rasterised once into the atlas.
    let n = armistice::ui::symbols::rasterised_count(&harness.ctx);
    assert!(n >= 3, "{n} symbols rasterised");
}

#[test]
fn the_inspector_picks_a_symbol_by_name_and_undo_derives_it_again() {
    let mut harness = harness();
    let id = harness
        .state()
        .doc()
        .scenario
        .forces()
        .find(|(_, f)| f.component == armistice::model::scenario::Component::Land)
        .map(|(id, _)| id.to_owned())
        .expect("a land force");
    harness
        .state_mut()
        .command(Command::Select(Some(id.clone()), false));
    harness.run();
    assert_eq!(force(harness.state(), &id).sidc, None);
    harness.get_by_label_contains("Derived from nation");

    type_into(&mut harness, "Find a symbol by name", "air defence");
    harness.get_by_label("Air defence · Land unit").click();
    harness.run();
    let f = force(harness.state(), &id);
    let sidc = f.sidc.expect("the picked symbol is written");
    assert_eq!((sidc.symbol_set(), sidc.entity()), ("10", "130100"));
    // Identity and echelon of the derived code were kept.
    let lists = harness.state().doc().scenario.nation_lists();
    let derived = armistice::model::sidc::Sidc::derive(f, lists.affiliation(&f.nation));
    assert_eq!(sidc.identity(), derived.identity());
    assert_eq!(sidc.amplifier(), derived.amplifier());
    harness.get_by_label_contains("Chosen symbol");

    // The code is editable: a hostile frigate.
    type_into(&mut harness, "SIDC", "10063000001202040000");
    harness.key_press(Key::Enter);
    harness.run();
    let sidc = force(harness.state(), &id).sidc.expect("typed code");
    assert_eq!(sidc.as_str(), "10063000001202040000");
    assert_eq!(sidc.identity(), Identity::Hostile);
    harness.get_by_label("Frigate");

    // A code outside the catalogue: the inspector says what is drawn instead.
    type_into(&mut harness, "SIDC", "10031000161211990000");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("is not in the symbol catalogue");

    // Derive drops the force's own code.
    harness.get_by_label("Derive").click();
    harness.run();
    assert_eq!(force(harness.state(), &id).sidc, None);
    // And undo brings the last one back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        force(harness.state(), &id).sidc.map(|s| s.to_string()),
        Some("10031000161211990000".to_owned())
    );
}

#[test]
fn the_place_force_dialog_places_a_force_with_the_picked_symbol() {
    let mut harness = harness();
    harness.get_by_label("Place force").click();
    harness.run();
    let at = harness.state().screen_pos(32.0, 49.0).expect("map drawn");
    harness.event(Event::PointerMoved(at));
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    assert!(harness.state().force_dialog().open_at.is_some());
    harness.get_by_label_contains("Symbol: ").click();
    harness.run();
    type_into(&mut harness, "Find a symbol by name", "mechanised infantry");
    harness
        .get_by_label("Mechanised infantry · Land unit")
        .click();
    harness.run();
    harness.get_by_label("Place").click();
    harness.run();
    let app = harness.state();
    let id = app
        .selected()
        .map(str::to_owned)
        .expect("the new force is selected");
    let sidc = force(app, &id).sidc.expect("placed with its symbol");
    assert_eq!(sidc.entity(), "121102");
    assert_eq!(sidc.identity(), Identity::Friend, "PL is a guarantor");
}

//! What the window's UI tests share: the real app on a scenario, in a kittest harness of a given
//! size, and a click on the map as a user makes it.

#![allow(dead_code)] // Each test file uses its own part.

use armistice::model::{BaseMap, Document, Scenario, load_scenario};
use armistice::ui::{ArmisticeApp, PersistedState};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;

/// The bundled default scenario as a document.
pub fn default_doc() -> Document {
    Document::unsaved(Scenario::bundled_default().expect("bundled default scenario"))
}

/// One of the example scenarios in `scenarios/`.
pub fn example_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// An example scenario opened as a document.
pub fn example_doc(name: &str) -> Document {
    Document::from_loaded(load_scenario(&example_path(name)).expect("example scenario loads"))
}

/// The app on `doc` in a window of `width` × `height` points, after its first frames.
pub fn harness_sized(doc: Document, width: f32, height: f32) -> Harness<'static, ArmisticeApp> {
    let base = BaseMap::bundled().expect("bundled map data");
    let app = ArmisticeApp::new(base, doc, PersistedState::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// A primary button press or release at `pos`.
pub fn press(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// A click at `pos` (move there, press, release).
pub fn click_at(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.step();
    press(harness, pos, true);
    harness.step();
    press(harness, pos, false);
    harness.run();
}

/// Where a lon/lat point was on screen in the last frame.
pub fn screen(harness: &Harness<'_, ArmisticeApp>, lon: f64, lat: f64) -> Pos2 {
    harness
        .state()
        .screen_pos(lon, lat)
        .expect("the map was drawn")
}

/// Replaces the text of the field labelled `label` with `text`.
pub fn retype(harness: &mut Harness<'_, ArmisticeApp>, label: &str, text: &str) {
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

/// Both backends drawn to RGBA and compared (the picture snapshots).
pub mod raster;

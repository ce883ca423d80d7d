//! The document handling's dialogs as a planner meets them where no native file dialog opens
//! (Xvfb, no desktop portal): unsaved changes answered, then the typed-path field; Save as by
//! typed path; the recovery offer at start restoring an earlier session's unsaved work. Each
//! answer travels as a command from the dialog to the document handling, after the frame.

mod common;

use armistice::io::RecoveryStore;
use armistice::model::edit::Edit;
use armistice::model::{Document, Scenario};
use armistice::ui::ArmisticeApp;
use armistice::ui::commands::DocCommand;
use common::{default_doc, example_path, harness_sized, retype};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;

fn no_file_dialog() {
    // Every test of this file wants the typed-path fallback, whatever the machine offers.
    // SAFETY: every test here sets the same value; nothing reads the environment concurrently
    // in a way that a torn write could upset.
    unsafe { std::env::set_var("ARMISTICE_NO_FILE_DIALOG", "1") };
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("armistice-ui-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn harness() -> Harness<'static, ArmisticeApp> {
    no_file_dialog();
    harness_sized(default_doc(), 1280.0, 800.0)
}

fn change_title(harness: &mut Harness<'_, ArmisticeApp>, title: &str) {
    harness
        .state_mut()
        .command(DocCommand::Apply(Edit::SetTitle(title.to_owned())).into());
    harness.run();
    assert!(harness.state().doc().is_dirty());
}

#[test]
fn open_after_dont_save_asks_for_a_path_and_opens_without_asking_again() {
    let mut harness = harness();
    change_title(&mut harness, "Unsaved");
    harness.state_mut().command(DocCommand::Open(None).into());
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Don't save").click();
    harness.run();
    // No file dialog here: the path field instead.
    harness.get_by_label("No file dialog is available here; type the file's path.");
    let path = example_path("forced-donbas.geojson");
    retype(&mut harness, "Path", &path.display().to_string());
    harness.get_by_label("Open").click();
    harness.run();
    // Opened at once: the unsaved changes were already answered.
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert_eq!(harness.state().doc().path.as_deref(), Some(path.as_path()));
    assert!(!harness.state().doc().is_dirty());
    assert!(
        harness
            .state()
            .settings()
            .recent_files
            .iter()
            .any(|p| p.ends_with("forced-donbas.geojson")),
        "remembered among the recent files"
    );
}

#[test]
fn save_from_the_unsaved_changes_question_saves_then_starts_the_new_plan() {
    let dir = temp_dir("save-then");
    let plan = dir.join("plan.geojson");
    let mut harness = harness();
    harness
        .state_mut()
        .command(DocCommand::SaveAs(Some(plan.clone())).into());
    harness.run();
    change_title(&mut harness, "Worth keeping");
    harness.state_mut().command(DocCommand::New.into());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let saved = Scenario::parse(
        "plan.geojson",
        &std::fs::read_to_string(&plan).expect("saved"),
    )
    .expect("parses");
    assert_eq!(saved.title, "Worth keeping", "saved first");
    assert!(harness.state().doc().path.is_none(), "then the new plan");
    assert!(!harness.state().doc().is_dirty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn save_as_by_typed_path_where_no_file_dialog_opens() {
    let dir = temp_dir("save-as");
    let plan = dir.join("typed.geojson");
    let mut harness = harness();
    change_title(&mut harness, "Typed");
    harness.state_mut().command(DocCommand::SaveAs(None).into());
    harness.run();
    harness.get_by_label("Save scenario as");
    retype(&mut harness, "Path", &plan.display().to_string());
    harness.get_by_label("Save").click();
    harness.run();
    assert!(harness.query_by_label("Save scenario as").is_none());
    assert_eq!(harness.state().doc().path.as_deref(), Some(plan.as_path()));
    assert!(!harness.state().doc().is_dirty());
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("typed.geojson — Typed")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unsaved_work_of_an_earlier_session_is_offered_back_and_restored() {
    no_file_dialog();
    let dir = temp_dir("recovery");
    let store = RecoveryStore::at(&dir);
    let mut earlier = store.new_session();
    let mut work = Scenario::bundled_default().expect("bundled");
    work.title = "Lost in a crash".to_owned();
    earlier.write(&work, None).expect("snapshot");

    let base = armistice::model::BaseMap::bundled().expect("bundled map");
    let mut app = ArmisticeApp::new(base, Document::untitled(), Default::default());
    app.enable_recovery(&store);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
    harness.run();
    harness.get_by_label("Recover unsaved work");
    harness.get_by_label_contains("Lost in a crash");
    harness.get_by_label("Restore").click();
    harness.run();
    assert!(harness.query_by_label("Recover unsaved work").is_none());
    let app = harness.state();
    assert_eq!(app.doc().scenario.title, "Lost in a crash");
    assert!(app.doc().is_dirty(), "restored work is unsaved until saved");
    harness.get_by_label("Restored unsaved work: save it to keep it");
    // The old snapshot made way for this session's.
    assert!(
        !earlier.file().exists(),
        "the earlier session's snapshot was taken over"
    );
    std::fs::remove_dir_all(&dir).ok();
}

//! The rule checks in the real window, driven through egui_kittest as a user would: the status
//! chip, the findings panel, a click on a finding, the rule parameters with undo, and a drag
//! whose findings follow the pointer before the button is released.

use armistice::model::{BaseMap, Scenario, load_scenario};
use armistice::rules::overlays::{rule_settings, setting};
use armistice::rules::{Checker, Report, Severity};
use armistice::ui::rule_params::section_title;
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use geo::Point;
use std::path::Path;

fn default_doc() -> Document {
    Document::unsaved(Scenario::bundled_default().expect("bundled default scenario"))
}

fn example_doc(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    Document::from_loaded(load_scenario(&path).expect("example scenario loads"))
}

fn harness(doc: Document) -> Harness<'static, ArmisticeApp> {
    let base = BaseMap::bundled().expect("bundled map data");
    let app = ArmisticeApp::new(base, doc, PersistedState::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// The report of a fresh checker, independent of the window's.
fn check(doc: &Document) -> Report {
    let base = BaseMap::bundled().expect("bundled map data");
    Checker::new(&base).check(&doc.scenario, doc.front_line.as_ref())
}

fn press(harness: &mut Harness<'_, ArmisticeApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

fn has_finding(report: &Report, rule: &str, subject: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.rule == rule && f.subject.as_deref() == Some(subject))
}

#[test]
fn the_status_chip_shows_the_default_scenarios_counts() {
    let expected = check(&default_doc());
    assert_eq!(expected.summary.errors, 0, "the default plan has no errors");
    let harness = harness(default_doc());
    let app = harness.state();
    assert_eq!(app.rules().report.summary, expected.summary);
    let chip = expected.summary.to_string();
    assert_ne!(
        chip, "no findings",
        "the default plan has warnings or infos"
    );
    harness.get_by_label(&chip);
}

#[test]
fn forced_donbas_lists_the_donbas_cession_error_and_a_click_flies_there() {
    let doc = example_doc("forced-donbas.geojson");
    let expected = check(&doc);
    let finding = expected
        .findings
        .iter()
        .find(|f| f.rule == "donbas-cession")
        .cloned()
        .expect("forced-donbas trips donbas-cession");
    assert_eq!(finding.severity, Severity::Error);
    let mut harness = harness(doc);
    harness.get_by_label(&format!("Errors ({})", expected.summary.errors));
    harness.get_by_label(&expected.summary.to_string());

    let view_before = harness.state().view().saved();
    // The findings share the right-hand column with the inspector: scroll the finding into
    // view as a user would, then click it.
    harness.get_by_label(&finding.message).scroll_to_me();
    harness.run();
    harness.get_by_label(&finding.message).click();
    harness.run();
    let app = harness.state();
    let view_after = app.view().saved();
    assert_ne!(view_after, view_before, "the map moved");
    assert_eq!(
        app.selected().map(str::to_owned),
        finding.subject,
        "the subject is highlighted"
    );
    let [w, s, e, n] = finding.focus.expect("a line finding has a focus");
    let extent = app.view().extent();
    assert!(
        extent[0] <= w + 0.05
            && extent[2] >= e - 0.05
            && extent[1] <= s + 0.05
            && extent[3] >= n - 0.05,
        "the view {extent:?} shows the finding's extent {:?}",
        [w, s, e, n]
    );
    assert!(app.rules().highlighted_focus().is_some());
}

#[test]
fn editing_a_parameter_changes_findings_and_undo_restores_them() {
    let mut harness = harness(default_doc());
    let before = harness.state().rules().report.findings.clone();
    assert!(!before.iter().any(|f| f.rule == "front-standoff"));

    harness.get_by_label("Parameters").click();
    harness.run();
    let settings = rule_settings(&Scenario::default(), &|_| true);
    let standoff = setting(&settings, "front-standoff").expect("rule");
    harness.get_by_label(&section_title(standoff)).click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "min_km");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "min_km")
        .type_text("1500");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    let app = harness.state();
    assert_eq!(
        app.doc().scenario.rules["front-standoff"]["min_km"],
        1500,
        "saved under armistice.rules"
    );
    assert_eq!(app.doc().history.undo_len(), 1);
    let standoff_errors = app
        .rules()
        .report
        .findings
        .iter()
        .filter(|f| f.rule == "front-standoff")
        .count();
    assert!(
        standoff_errors > 0,
        "reassurance forces stand within 1,500 km of the line"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let app = harness.state();
    assert!(app.doc().scenario.rules.is_empty());
    assert_eq!(
        app.rules().report.findings,
        before,
        "undo restores the findings"
    );
}

#[test]
fn dragging_a_force_updates_findings_before_release_and_undoes_in_one_step() {
    let mut harness = harness(default_doc());
    let id = "fr-bde-dnipro";
    assert!(!has_finding(
        &harness.state().rules().report,
        "front-standoff",
        id
    ));
    let rect = harness
        .state()
        .drawn_forces()
        .symbols
        .iter()
        .find(|(f, _)| f == id)
        .map(|(_, r)| *r)
        .expect("the Dnipro brigade is drawn on its own");
    // Towards the nearest point of today's line, stopping about a tenth short of it.
    let dnipro = harness
        .state()
        .doc()
        .scenario
        .forces()
        .find(|(f, _)| *f == id)
        .map(|(_, f)| f.position)
        .expect("force");
    let front = harness.state().base().front_line.line.clone();
    let nearest = front
        .0
        .iter()
        .min_by(|a, b| {
            let d = |c: &&geo::Coord| (c.x - dnipro.x()).hypot(c.y - dnipro.y());
            d(a).total_cmp(&d(b))
        })
        .copied()
        .expect("front line");
    let target = Point::new(
        nearest.x + (dnipro.x() - nearest.x) * 0.1,
        nearest.y + (dnipro.y() - nearest.y) * 0.1,
    );
    let from = rect.center();
    let to = harness
        .state()
        .screen_pos(target.x(), target.y())
        .expect("drawn");
    let checks_before = harness.state().rules().checks_run;

    harness.event(Event::PointerMoved(from));
    harness.step();
    press(&mut harness, from, true);
    harness.step();
    for i in 1..=8 {
        harness.event(Event::PointerMoved(from + (to - from) * (i as f32 / 8.0)));
        harness.step();
    }
    {
        let app = harness.state();
        assert!(app.rules().previewing, "the report is of the drag");
        assert!(
            has_finding(&app.rules().report, "front-standoff", id),
            "the standoff error shows before release: {:?}",
            app.rules().report.findings
        );
        assert!(
            app.rules().checks_run >= checks_before + 4,
            "re-checked while dragging"
        );
        assert_eq!(app.doc().history.undo_len(), 0, "nothing applied yet");
        harness.get_by_label_contains("while dragging");
    }

    press(&mut harness, to, false);
    harness.run();
    let app = harness.state();
    assert!(!app.rules().previewing);
    assert!(has_finding(&app.rules().report, "front-standoff", id));
    assert_eq!(
        app.doc().history.undo_len(),
        1,
        "one undo step for the whole drag"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!has_finding(
        &harness.state().rules().report,
        "front-standoff",
        id
    ));
}

#[test]
fn the_rule_windows_open_from_the_rules_menu() {
    let mut harness = harness(example_doc("forced-donbas.geojson"));
    harness.get_by_label("Rules").click();
    harness.run();
    harness.get_by_label("Compare proposals").click();
    harness.run();
    // The findings panel's toggle opens the ledger.
    harness.get_by_label("Ledger").click();
    harness.run();
    let app = harness.state();
    assert!(app.rules().panels.compare && app.rules().panels.ledger);
    // The table's rule rows and the ledger's figures.
    harness.get_by_label("No Donbas cession");
    harness.get_by_label_contains("Land forces");
    harness.get_by_label_contains("Ready in 30 days");
    harness.get_by_label_contains("Host (Ukrainian) land forces");
}

#[test]
fn dragging_a_vertex_moves_the_ceded_area_before_release() {
    let mut harness = harness(default_doc());
    let (id, name, vertex) = {
        let scenario = &harness.state().doc().scenario;
        let (id, d) = scenario.demarcations().next().expect("a proposal");
        let name = scenario
            .feature(id)
            .map(|f| f.label().to_owned())
            .expect("named");
        (id.to_owned(), name, d.line.0[d.line.0.len() / 2])
    };
    let ceded = |app: &ArmisticeApp| {
        app.rules()
            .report
            .demarcation(&id)
            .map_or(0.0, |d| d.ceded_km2)
    };
    assert!(
        ceded(harness.state()) < 1.0,
        "the default proposal is today's line"
    );
    // The Proposals panel lists it first (the contents list below has it too).
    harness
        .get_all_by_label(&name)
        .next()
        .expect("listed")
        .click();
    harness.run();
    harness.get_by_label("Edit line").click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(id.as_str()));

    let from = harness
        .state()
        .screen_pos(vertex.x, vertex.y)
        .expect("drawn");
    // Westward, into today's Ukrainian-controlled side: the line cedes ground.
    let to = from + egui::vec2(-40.0, 0.0);
    harness.event(Event::PointerMoved(from));
    harness.step();
    press(&mut harness, from, true);
    harness.step();
    for i in 1..=5 {
        harness.event(Event::PointerMoved(from + (to - from) * (i as f32 / 5.0)));
        harness.step();
    }
    {
        let app = harness.state();
        assert!(app.rules().previewing);
        assert!(
            ceded(app) > 100.0,
            "the ceded area follows the vertex: {} km²",
            ceded(app)
        );
        assert_eq!(app.doc().history.undo_len(), 0);
    }
    press(&mut harness, to, false);
    harness.run();
    let app = harness.state();
    assert!(!app.rules().previewing && ceded(app) > 100.0);
    assert_eq!(app.doc().history.undo_len(), 1);
    assert_eq!(
        app.doc().history.undo_label().as_deref(),
        Some("move vertex")
    );
}

//! The panels as a planner meets them in a small window (1024 × 700): they keep their width,
//! the findings list fits its findings and starts at the top for each document, selection
//! shows in the map and the list alike, the measure tool reads out beside the cursor, and
//! nothing surprising happens without a word.

mod common;

use armistice::model::scenario::Item;
use armistice::ui::ArmisticeApp;
use armistice::ui::commands::{Command, DocCommand};
use common::{click_at, default_doc, example_doc, example_path, harness_sized, retype, screen};
use egui::accesskit::Toggled;
use egui::{Event, Key, MouseWheelUnit, Pos2, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const SMALL: (f32, f32) = (1024.0, 700.0);

fn small_default() -> Harness<'static, ArmisticeApp> {
    harness_sized(default_doc(), SMALL.0, SMALL.1)
}

fn first_force(harness: &Harness<'_, ArmisticeApp>) -> (String, String, [f64; 2]) {
    let scenario = &harness.state().doc().scenario;
    let (id, force) = scenario.forces().next().expect("the plan has forces");
    let label = scenario.feature(id).expect("feature").label().to_owned();
    (
        id.to_owned(),
        label,
        [force.position.x(), force.position.y()],
    )
}

/// The left edge of the right-hand column, from its "Inspector" heading.
fn right_column_left(harness: &Harness<'_, ArmisticeApp>) -> f32 {
    harness.get_by_label("Inspector").rect().left()
}

#[test]
fn the_right_column_keeps_its_width_after_a_long_message() {
    let mut harness = small_default();
    let (id, _, _) = first_force(&harness);
    harness
        .state_mut()
        .command(Command::Select(Some(id), false));
    harness.run();
    let before = right_column_left(&harness);

    let junk = "many-thousands-of-troops-from-every-guarantor-nation-and-then-some";
    retype(&mut harness, "strength", junk);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("is not a whole number of personnel");
    assert!(
        (right_column_left(&harness) - before).abs() < 0.5,
        "the column widened for the message: {before} -> {}",
        right_column_left(&harness)
    );

    retype(&mut harness, "strength", "5000");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        (right_column_left(&harness) - before).abs() < 0.5,
        "the column did not come back: {before} -> {}",
        right_column_left(&harness)
    );
}

#[test]
fn the_findings_list_fits_its_findings_and_starts_at_the_top_for_a_new_document() {
    let mut harness = harness_sized(example_doc("forced-donbas.geojson"), SMALL.0, SMALL.1);
    let errors = harness.get_by_label_contains("Errors (").rect();
    let warnings = harness.get_by_label_contains("Warnings (").rect();
    assert!(
        warnings.top() > errors.bottom(),
        "warnings are listed after the errors"
    );
    let header_top = errors.top();

    // Scroll the list down.
    let over_list = errors.center() + vec2(0.0, 40.0);
    harness.event(Event::PointerMoved(over_list));
    harness.step();
    for _ in 0..3 {
        harness.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -200.0),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    let scrolled = harness
        .query_by_label_contains("Errors (")
        .map(|n| n.rect().top());
    assert!(
        scrolled.is_none_or(|top| top < header_top - 20.0),
        "the list scrolled: {header_top} -> {scrolled:?}"
    );

    // Another file: its list starts at its header.
    harness
        .state_mut()
        .command(DocCommand::Open(Some(example_path("forced-donbas.geojson"))).into());
    harness.run();
    let again = harness.get_by_label_contains("Errors (").rect().top();
    assert!(
        (again - header_top).abs() < 1.0,
        "a new document's findings start at the top: {header_top} vs {again}"
    );
}

#[test]
fn selecting_on_the_map_selects_in_the_list_and_back() {
    let mut harness = small_default();
    // A force symbol on the map, clicked where it was drawn.
    harness.get_by_label("Select").click();
    harness.run();
    let map = harness.state().view().last_rect;
    let (drawn_id, at) = harness
        .state()
        .drawn_forces()
        .symbols
        .iter()
        .map(|(id, rect)| (id.clone(), rect.center()))
        .find(|(_, at)| map.shrink(20.0).contains(*at))
        .expect("a force symbol on the map");
    click_at(&mut harness, at);
    let selected = harness.state().selected().map(str::to_owned);
    assert_eq!(
        selected.as_deref(),
        Some(drawn_id.as_str()),
        "a click on a symbol selects it"
    );
    let selected = selected.unwrap_or_default();
    let row_label = {
        let scenario = &harness.state().doc().scenario;
        let Some(Item::Force(f)) = scenario.feature(&selected).map(|f| &f.item) else {
            panic!("{selected} is not a force");
        };
        let name = scenario.feature(&selected).map(|f| f.label()).unwrap_or("");
        format!("{} · {name}", f.nation)
    };
    // The list shows it selected, in view.
    let row = harness.get_by_label_contains(&row_label);
    assert_eq!(
        row.accesskit_node().toggled(),
        Some(Toggled::True),
        "{row_label}"
    );
    let visible = harness.state().view().last_rect.height() > 0.0 && row.rect().bottom() < SMALL.1;
    assert!(visible, "the row is scrolled into view: {:?}", row.rect());

    // Picking another in the list selects it for the map, and the old one is no longer marked.
    let other = harness
        .state()
        .doc()
        .scenario
        .forces()
        .map(|(id, _)| id.to_owned())
        .find(|other| *other != selected)
        .expect("two forces");
    let other_label = harness
        .state()
        .doc()
        .scenario
        .feature(&other)
        .map(|f| f.label().to_owned())
        .unwrap_or_default();
    harness
        .get_by_label_contains(&format!("· {other_label} ·"))
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(other.as_str()));
    assert_eq!(
        harness
            .get_by_label_contains(&row_label)
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );
}

#[test]
fn a_force_selected_on_the_map_is_scrolled_into_the_list() {
    let mut harness = harness_sized(example_doc("forced-donbas.geojson"), SMALL.0, SMALL.1);
    // The last force of a long list: below the panel's bottom until revealed.
    let (id, label) = {
        let scenario = &harness.state().doc().scenario;
        let (id, _) = scenario.forces().last().expect("forces");
        let label = scenario
            .feature(id)
            .map(|f| f.label().to_owned())
            .unwrap_or_default();
        (id.to_owned(), label)
    };
    let bottom = harness.state().view().last_rect.bottom();
    let before = harness
        .get_by_label_contains(&format!("· {label} ·"))
        .rect();
    assert!(before.top() > bottom, "starts out of view: {before:?}");
    harness
        .state_mut()
        .command(Command::Select(Some(id), false));
    harness.run();
    let after = harness
        .get_by_label_contains(&format!("· {label} ·"))
        .rect();
    assert!(
        after.bottom() <= bottom && after.top() > 0.0,
        "scrolled into view: {after:?} (map bottom {bottom})"
    );
}

#[test]
fn a_findings_subject_mark_goes_when_something_else_is_selected() {
    let mut harness = harness_sized(example_doc("forced-donbas.geojson"), SMALL.0, SMALL.1);
    let finding = harness
        .state()
        .rules()
        .report
        .findings
        .iter()
        .find(|f| f.subject.is_some() && f.focus.is_some())
        .cloned()
        .expect("a finding about a feature");
    harness.get_by_label(&finding.message).click();
    harness.run();
    assert!(harness.state().rules().highlighted.is_some());
    let other = harness
        .state()
        .doc()
        .scenario
        .features
        .iter()
        .map(|f| f.id.clone())
        .find(|id| Some(id) != finding.subject.as_ref())
        .expect("another feature");
    harness
        .state_mut()
        .command(Command::Select(Some(other), false));
    harness.run();
    assert!(
        harness.state().rules().highlighted.is_none(),
        "the finding's mark went with the selection"
    );
}

#[test]
fn the_measure_tool_shows_the_running_distance_beside_the_cursor() {
    let mut harness = small_default();
    harness.key_press(Key::M);
    harness.run();
    // Kyiv, then the pointer over Kharkiv: about 410 km.
    let kyiv = screen(&harness, 30.52, 50.45);
    click_at(&mut harness, kyiv);
    let kharkiv = screen(&harness, 36.23, 49.99);
    harness.event(Event::PointerMoved(kharkiv));
    harness.run();
    assert_eq!(
        harness.state().tools().measure.len(),
        1,
        "one point measured"
    );
    assert_eq!(harness.state().tools().hover, Some(kharkiv), "hover");
    let label = harness
        .query_all_by(|node| node.value().is_some_and(|l| is_distance(&l)))
        .next()
        .expect("the running distance is shown");
    let text = label.accesskit_node().value().unwrap_or_default();
    let km: f64 = text
        .trim_end_matches(" km")
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("a distance: {text:?} ({:?})", label.rect()));
    assert!((km - 410.0).abs() < 15.0, "Kyiv to Kharkiv: {text}");
    let beside = label.rect().left_top() - kharkiv;
    assert!(
        beside.x >= 0.0 && beside.x < 40.0 && beside.y >= 0.0 && beside.y < 40.0,
        "the distance sits beside the cursor: {beside:?}"
    );
    // It follows the pointer.
    let lviv = screen(&harness, 24.03, 49.84);
    harness.event(Event::PointerMoved(lviv));
    harness.run();
    let text = harness
        .query_all_by(|node| node.value().is_some_and(|l| is_distance(&l)))
        .next()
        .expect("the running distance is shown")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert_ne!(text.trim_end_matches(" km"), format!("{km}"));
}

#[test]
fn enter_after_one_vertex_says_why_nothing_was_made() {
    let mut harness = small_default();
    let lines_before = harness.state().doc().scenario.demarcations().count();
    harness.key_press(Key::D);
    harness.run();
    let at = screen(&harness, 33.0, 48.0);
    click_at(&mut harness, at);
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().doc().scenario.demarcations().count(),
        lines_before
    );
    harness.get_by_label_contains("needs at least 2 vertices, it has 1 vertex");
    assert_eq!(
        harness.state().tools().points.len(),
        1,
        "the vertex is kept to go on"
    );
}

#[test]
fn a_plain_geojson_says_how_it_was_read_and_names_its_features() {
    let dir = std::env::temp_dir().join(format!("armistice-plain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("from-qgis.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "name": "Checkpoints", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.2, 49.9]},
             "properties": {"name": "Kharkiv checkpoint"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.1, 47.8]},
             "properties": {"title": "Zaporizhzhia checkpoint"}}
        ]}"#,
    )
    .expect("write");
    let mut harness = small_default();
    harness
        .state_mut()
        .command(DocCommand::Open(Some(path.clone())).into());
    harness.run();
    harness.get_by_label("Opened as plain GeoJSON");
    harness.get_by_label_contains("from-qgis.geojson has no \"armistice\" member");
    harness.get_by_label("OK").click();
    harness.run();
    assert_eq!(harness.state().doc().scenario.title, "Checkpoints");
    harness.get_by_label("Kharkiv checkpoint");
    harness.get_by_label("Zaporizhzhia checkpoint");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_nation_list_starts_with_the_plans_nations() {
    let mut harness = small_default();
    let lists = harness.state().doc().scenario.nation_lists();
    let expected: Vec<String> = lists
        .guarantors
        .iter()
        .chain(&lists.backstop)
        .chain(&lists.host)
        .cloned()
        .collect();
    harness.key_press(Key::F);
    harness.run();
    let at = screen(&harness, 32.0, 49.0);
    click_at(&mut harness, at);
    // The nation rows in the order shown: "GB  United Kingdom", ...
    let shown: Vec<String> = harness
        .query_all_by(|node| {
            node.label().is_some_and(|l| {
                l.len() > 4
                    && l.as_bytes().get(2..4) == Some(b"  ")
                    && l[..2].chars().all(|c| c.is_ascii_uppercase())
            })
        })
        .filter_map(|node| node.accesskit_node().label().map(|l| l[..2].to_owned()))
        .take(expected.len())
        .collect();
    assert_eq!(shown, expected);
}

#[test]
fn help_lists_the_tool_and_editing_keys() {
    let mut harness = small_default();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run();
    for key in ["V", "F", "D", "E", "A", "M", "Ctrl+Z", "Ctrl+S", "Delete"] {
        harness.get_by_label(key);
    }
    harness.get_by_label_contains("Enter");
    harness.get_by_label("Measure tool");
}

/// "410 km", "1,234 km", "3.2 km": the measure tool's readout (a finding's message is longer).
fn is_distance(label: &str) -> bool {
    label.strip_suffix(" km").is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    })
}

/// A point in the map's free area, for pointer moves that must not land on a panel.
#[allow(dead_code)]
fn map_centre(harness: &Harness<'_, ArmisticeApp>) -> Pos2 {
    harness.state().view().last_rect.center()
}

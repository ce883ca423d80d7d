//! The one map picture: a step shows only what it names (its features, and with its findings on
//! the rule marks of those features only), exports carry the rule marks and real text, and the
//! layout keeps major cities labelled and rule labels off names and symbols.

use armistice::export::svg::{page_picture, page_view};
use armistice::export::{ExportScene, MapPage, svg_document};
use armistice::model::{BaseMap, Scenario, load_scenario};
use armistice::scene::picture::{Item, MarkKind, Picture};
use armistice::scene::view::ScreenRect;
use std::collections::BTreeSet;
use std::path::PathBuf;

const SIZE: (u32, u32) = (1280, 720);

fn scene_of(file: &str) -> ExportScene {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(file);
    let loaded = load_scenario(&path).expect("an example plan");
    let map = BaseMap::bundled().expect("bundled map data");
    ExportScene::new(&map, loaded.scenario, loaded.front_line.as_ref()).expect("prepared")
}

fn picture<'a>(scene: &'a ExportScene, page: &MapPage) -> Picture<'a> {
    let view = page_view(page, SIZE);
    let hidden = scene.hidden_by(page);
    page_picture(scene, page, &view, &hidden)
}

#[test]
fn steps_draw_only_their_own_features_marks_and_none_with_findings_off() {
    for file in [
        "default.geojson",
        "forced-donbas.geojson",
        "tripwire.geojson",
    ] {
        let scene = scene_of(file);
        for (i, step) in scene.scenario.steps.iter().enumerate() {
            let page = scene.step_page(i).expect("a step");
            let drawn = picture(&scene, &page);
            if !step.findings {
                assert!(
                    drawn.marks.is_empty(),
                    "{file} step {}: {:?}",
                    i + 1,
                    drawn.marks
                );
                continue;
            }
            for mark in &drawn.marks {
                match (&mark.subject, &step.features) {
                    (_, None) => {}
                    (Some(id), Some(ids)) => {
                        assert!(ids.contains(id), "{file} step {}: {mark:?}", i + 1)
                    }
                    (None, Some(_)) => panic!("{file} step {}: plan-wide {mark:?}", i + 1),
                }
            }
        }
    }
}

#[test]
fn a_step_with_findings_marks_exactly_its_proposal() {
    let scene = scene_of("forced-donbas.geojson");
    // "The fortress belt given away": the Donbas line only.
    let index = scene
        .scenario
        .steps
        .iter()
        .position(|s| s.title == "The fortress belt given away")
        .expect("the step");
    let mut page = scene.step_page(index).expect("a step");
    page.findings = true;
    let drawn = picture(&scene, &page);
    let subjects: BTreeSet<Option<String>> =
        drawn.marks.iter().map(|m| m.subject.clone()).collect();
    assert_eq!(subjects, BTreeSet::from([Some("line-donbas".to_owned())]));
    let kinds: BTreeSet<MarkKind> = drawn.marks.iter().map(|m| m.kind).collect();
    for kind in [MarkKind::Ceded, MarkKind::Belt] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    // The belt marks are the four cities, on their cities' dots, and their labels cover no
    // city name and no symbol.
    assert_eq!(
        drawn
            .marks
            .iter()
            .filter(|m| m.kind == MarkKind::Belt)
            .count(),
        4
    );
    page.findings = false;
    assert!(picture(&scene, &page).marks.is_empty());
}

#[test]
fn the_overview_export_carries_the_rule_marks_and_a_legend_of_what_is_shown() {
    let scene = scene_of("forced-donbas.geojson");
    let drawn = picture(&scene, &scene.overview_page());
    let kinds: BTreeSet<MarkKind> = drawn.marks.iter().map(|m| m.kind).collect();
    for kind in [MarkKind::Ceded, MarkKind::Belt, MarkKind::FurthestAdvance] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    let texts: Vec<&str> = drawn.texts().map(|t| t.text.as_str()).collect();
    for entry in [
        "Legend",
        "Guarantee area",
        "Moved to Russian control",
        "Belt city lost",
        "Front line",
    ] {
        assert!(texts.contains(&entry), "{entry} missing from {texts:?}");
    }
}

#[test]
fn major_cities_keep_their_labels_and_rule_labels_cover_no_name_or_symbol() {
    let scene = scene_of("default.geojson");
    let page = scene.overview_page();
    let drawn = picture(&scene, &page);
    let texts: Vec<&str> = drawn.texts().map(|t| t.text.as_str()).collect();
    for city in ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv"] {
        assert!(texts.contains(&city), "{city} missing from {texts:?}");
    }
    // Boxed mark labels (white boxes with text in them) against city names and symbols.
    let names: Vec<ScreenRect> = drawn
        .texts()
        .filter(|t| scene.base.cities.iter().any(|c| c.name == t.text))
        .map(|t| t.rect)
        .collect();
    let symbols: Vec<ScreenRect> = drawn.hits.symbols.iter().map(|(_, r)| *r).collect();
    let mark_labels: Vec<ScreenRect> = drawn
        .texts()
        .filter(|t| t.text.ends_with(" km") || t.text.contains("no air cover"))
        .map(|t| t.rect)
        .collect();
    assert!(!mark_labels.is_empty());
    for label in &mark_labels {
        for other in names.iter().chain(&symbols) {
            assert!(!label.intersects(other), "{label:?} covers {other:?}");
        }
    }
}

#[test]
fn exported_svg_has_real_text_and_declares_its_font() {
    let scene = scene_of("default.geojson");
    let svg = svg_document(&scene.svg(&scene.overview_page(), SIZE)).expect("svg");
    assert!(svg.contains("@font-face"), "no @font-face");
    assert!(svg.contains("base64,"));
    assert!(svg.contains(">Kyiv</text>"), "city names are not text");
    assert!(svg.contains(">Legend</text>"));
    // What it writes, it reads back.
    armistice::export::output::rasterize(&svg).expect("reads back");
}

#[test]
fn the_pdf_deck_holds_searchable_text() {
    let scene = scene_of("default.geojson");
    let pdf = scene.steps_pdf(SIZE, &mut |_, _| {}).expect("pdf");
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    // Text drawn with an embedded font that maps its glyphs back to characters.
    assert!(
        has(b"/ToUnicode"),
        "no ToUnicode map: the text cannot be searched"
    );
    assert!(has(b"/FontFile"), "no embedded font");
}

#[test]
fn a_megabyte_caption_is_drawn_bounded_and_the_plan_keeps_it_whole() {
    let map = BaseMap::bundled().expect("bundled map data");
    let mut scenario = Scenario::bundled_default().expect("default");
    let caption = "x".repeat(1 << 20);
    if let Some(step) = scenario.steps.first_mut() {
        step.caption = caption.clone();
    }
    let scene = ExportScene::new(&map, scenario, None).expect("prepared");
    let page = scene.step_page(0).expect("a step");
    assert_eq!(page.caption.as_deref().map(str::len), Some(caption.len()));
    let drawn = picture(&scene, &page);
    let drawn_chars: usize = drawn
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.text.starts_with('x') => Some(t.text.len()),
            _ => None,
        })
        .sum();
    assert!(drawn_chars > 100 && drawn_chars < 2000, "{drawn_chars}");
    for t in drawn.texts().filter(|t| t.text.starts_with('x')) {
        assert!(t.rect.max[0] <= SIZE.0 as f32, "{:?}", t.rect);
    }
    assert_eq!(scene.scenario.steps[0].caption.len(), caption.len());
}

/// A cluster symbol centred on Kyiv's dot covered the start of its name on the default plan's
/// overview at zoom 6: a major city's name now moves out past symbols that cover every side of
/// its dot, at two page sizes, on the overview and on the last step.
#[test]
fn a_cluster_on_kyivs_dot_leaves_its_name_clear() {
    let scene = scene_of("default.geojson");
    let pages = [
        scene.overview_page(),
        scene.step_page(4).expect("five steps"),
    ];
    for page in &pages {
        for size in [SIZE, (1440, 900)] {
            let view = page_view(page, size);
            let hidden = scene.hidden_by(page);
            let drawn = page_picture(&scene, page, &view, &hidden);
            let covers: Vec<ScreenRect> = drawn
                .hits
                .symbols
                .iter()
                .map(|(_, r)| *r)
                .chain(drawn.hits.clusters.iter().map(|(r, _)| *r))
                .collect();
            let name = drawn
                .texts()
                .find(|t| t.text == "Kyiv")
                .expect("Kyiv is always named");
            let kyiv = scene
                .base
                .cities
                .iter()
                .find(|c| c.name == "Kyiv")
                .expect("Kyiv in the cities layer");
            let dot = view.screen(kyiv.at);
            assert!(
                covers.iter().any(|c| c.contains(dot)),
                "the case under test: a symbol on Kyiv's dot at {size:?}"
            );
            // Touching by under a pixel (a descender on a symbol's edge) is not covering.
            let name_rect = name.rect.expand(-1.0);
            for cover in &covers {
                assert!(
                    !name_rect.intersects(cover),
                    "Kyiv's name {:?} lies under {cover:?} at {size:?} on {:?}",
                    name.rect,
                    page.title
                );
            }
        }
    }
}

//! Military symbols through the public API: the catalogue against milsymbol's own drawings,
//! every catalogue code in the SVG export and in the window (egui_kittest), and `sidc` through
//! save, `export --to geojson` and the CSV import.

use armistice::export::ExportScene;
use armistice::model::scenario::{Item, ScenarioFeature};
use armistice::model::sidc::Sidc;
use armistice::model::{BaseMap, Scenario};
use armistice::scene::symbology::{self, catalogue};
use armistice::scene::symbols::{SymbolPlacement, svg_group};
use std::path::Path;

fn reference_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/symbols")
}

/// The reference images' SIDCs (their file names).
fn reference_sidcs() -> Vec<Sidc> {
    let mut out: Vec<Sidc> = std::fs::read_dir(reference_dir())
        .expect("tests/data/symbols")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Sidc::parse(name.strip_suffix(".png")?).ok()
        })
        .collect();
    out.sort();
    out
}

/// `n` px per unit, like the build script's reference images.
const REFERENCE_PX_PER_UNIT: f32 = 2.0;

#[test]
fn the_exported_symbol_matches_milsymbols_own_drawing() {
    let sidcs = reference_sidcs();
    assert!(sidcs.len() >= 5, "reference images: {sidcs:?}");
    for sidc in sidcs {
        let reference = tiny_skia::Pixmap::load_png(reference_dir().join(format!("{sidc}.png")))
            .expect("reference png");
        let symbol = symbology::resolve(sidc);
        assert!(symbol.exact(), "{sidc} is not drawn as it is");
        // The export's group for this code, placed so that symbol units map onto the
        // reference's pixels.
        let anchor = symbol.anchor();
        let placement = SymbolPlacement::new(&symbol, anchor, 100.0);
        let group = svg_group(&symbol, &placement);
        assert!(group.contains(&format!(r#"data-sidc="{sidc}""#)));
        let [x, y, w, h] = symbol.view_box();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{x} {y} {w} {h}">{group}</svg>"#,
            reference.width(),
            reference.height()
        );
        let expected_w = (w * REFERENCE_PX_PER_UNIT).round() as u32;
        assert!(
            reference.width().abs_diff(expected_w) <= 1,
            "{sidc}: the composed symbol's box {:?} differs from milsymbol's ({} px wide)",
            symbol.view_box(),
            reference.width()
        );
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("svg");
        let mut ours = tiny_skia::Pixmap::new(reference.width(), reference.height()).unwrap();
        let scale = reference.width() as f32 / tree.size().width();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut ours.as_mut(),
        );
        // Anti-aliasing may differ along edges; a misplaced or missing part differs in whole
        // runs of pixels.
        let (mut differing, mut inked) = (0usize, 0usize);
        for (a, b) in ours.pixels().iter().zip(reference.pixels()) {
            let d = [
                a.red().abs_diff(b.red()),
                a.green().abs_diff(b.green()),
                a.blue().abs_diff(b.blue()),
                a.alpha().abs_diff(b.alpha()),
            ];
            if d.iter().any(|c| *c > 96) {
                differing += 1;
            }
            if b.alpha() > 0 {
                inked += 1;
            }
        }
        assert!(inked > 1000, "{sidc}: the reference is nearly empty");
        assert!(
            differing * 200 < inked,
            "{sidc}: {differing} of {inked} pixels differ from milsymbol's drawing"
        );
    }
}

fn scenario_with_every_catalogue_symbol() -> Scenario {
    let mut scenario = Scenario::bundled_default().expect("default scenario");
    scenario
        .features
        .retain(|f| !matches!(f.item, Item::Force(_)));
    scenario.steps.clear();
    let template = Scenario::bundled_default()
        .unwrap()
        .forces()
        .map(|(_, f)| f.clone())
        .next()
        .expect("a force");
    for (i, sidc) in catalogue().sidcs().into_iter().enumerate() {
        let mut force = template.clone();
        // A grid over Ukraine and Poland, so each symbol is on the page.
        force.position =
            geo::Point::new(23.0 + (i % 30) as f64 * 0.5, 45.5 + (i / 30) as f64 * 0.4);
        force.sidc = Some(sidc);
        scenario
            .features
            .push(ScenarioFeature::new(format!("s{i}"), Item::Force(force)));
    }
    scenario
}

#[test]
fn every_catalogue_symbol_is_drawn_in_the_svg_export() {
    let map = BaseMap::bundled().expect("map");
    let scenario = scenario_with_every_catalogue_symbol();
    let scene = ExportScene::new(&map, scenario, None).expect("scene");
    let svg = scene.svg(&scene.overview_page(), (3000, 2400));
    for sidc in catalogue().sidcs() {
        let tag = format!(r#"<g data-sidc="{sidc}""#);
        assert!(svg.contains(&tag), "{sidc} is not in the export");
    }
    // Vector paths, never text or images, inside the symbols: each force's group uses its
    // symbol's definition, written once in the page's <defs>.
    let doc = usvg::roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-sidc").is_some())
        .collect();
    assert!(groups.len() >= catalogue().sidcs().len());
    let mut used = std::collections::HashSet::new();
    for g in groups {
        let href = g
            .descendants()
            .find(|n| n.has_tag_name("use"))
            .and_then(|u| u.attribute("href"))
            .and_then(|h| h.strip_prefix('#'))
            .expect("the group uses a definition");
        used.insert(href.to_owned());
        let def = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(href))
            .expect("the definition is on the page");
        assert!(
            def.ancestors().any(|n| n.has_tag_name("defs")),
            "{href} is defined in <defs>"
        );
        for drawn in [g, def] {
            assert!(
                !drawn
                    .descendants()
                    .any(|n| n.has_tag_name("text") || n.has_tag_name("image"))
            );
        }
        assert!(def.descendants().any(|n| n.has_tag_name("path")));
    }
    // Each symbol's paths once: as many definitions as symbols used.
    let defined = doc
        .descendants()
        .filter(|n| n.attribute("id").is_some_and(|id| id.starts_with("sym-")))
        .count();
    assert_eq!(defined, used.len());
    // PNG from the same SVG.
    let png = armistice::export::output::png(&svg).expect("png");
    assert!(png.len() > 10_000);
}

#[test]
fn sidc_survives_save_and_geojson_export() {
    let mut scenario = Scenario::bundled_default().expect("default scenario");
    let id = scenario.forces().next().expect("a force").0.to_owned();
    let chosen = Sidc::parse("10031002161301000000").unwrap();
    if let Some(ScenarioFeature {
        item: Item::Force(f),
        ..
    }) = scenario.feature_mut(&id)
    {
        assert_eq!(f.sidc, None, "the default plan derives its symbols");
        f.sidc = Some(chosen);
    }
    let text = scenario.to_geojson_string();
    assert_eq!(
        text.matches("\"sidc\"").count(),
        1,
        "only the chosen code is written"
    );
    let back = Scenario::parse("plan.geojson", &text).expect("reload");
    let Some(Item::Force(f)) = back.feature(&id).map(|f| &f.item) else {
        panic!("force lost");
    };
    assert_eq!(f.sidc, Some(chosen));
    assert_eq!(back.to_geojson_string(), text);

    // Through the CLI's `export --to geojson`.
    let dir = std::env::temp_dir().join(format!("armistice-sidc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("plan.geojson");
    std::fs::write(&input, &text).unwrap();
    let out = dir.join("out.geojson");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_armistice"))
        .args(["export"])
        .arg(&input)
        .args(["--to", "geojson", "--out"])
        .arg(&out)
        .status()
        .expect("armistice runs");
    assert!(status.success());
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(
        exported.contains("\"sidc\": \"10031002161301000000\"")
            || exported.contains("\"sidc\":\"10031002161301000000\"")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_default_plan_derives_standard_symbols_for_every_force() {
    let scenario = Scenario::bundled_default().expect("default scenario");
    let lists = scenario.nation_lists();
    let mut n = 0;
    for (id, force) in scenario.forces() {
        let symbol = armistice::scene::symbols::force_symbol(force, &lists);
        assert!(symbol.exact(), "{id}: {}", symbol.asked);
        n += 1;
    }
    assert!(n > 5);
}

#[test]
fn every_catalogue_symbol_draws_in_the_window() {
    use egui_kittest::Harness;
    let sidcs = catalogue().sidcs();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1800.0, 1400.0))
        .with_pixels_per_point(2.0)
        .build_ui(|ui| {
            let painter = ui.painter();
            for (i, sidc) in catalogue().sidcs().into_iter().enumerate() {
                let at = egui::pos2(30.0 + (i % 30) as f32 * 58.0, 30.0 + (i / 30) as f32 * 70.0);
                let symbol = symbology::resolve(sidc);
                armistice::ui::symbols::paint_symbol(painter, at, 22.0, &symbol, false);
            }
        });
    harness.run();
    // One rasterisation per code at this size, whatever the number of frames.
    assert_eq!(
        armistice::ui::symbols::rasterised_count(&harness.ctx),
        sidcs.len()
    );
    harness.run_steps(3);
    assert_eq!(
        armistice::ui::symbols::rasterised_count(&harness.ctx),
        sidcs.len()
    );
}

//! `armistice render` and `armistice export` through the real binary: every example scenario to
//! PNG, SVG, a PDF deck and KML, checked by reading the files back; byte-stable output; bad
//! input exits 2 and writes nothing.

use armistice::model::Scenario;
use std::path::{Path, PathBuf};

mod cli;
use cli::{armistice, assert_input_error, temp_dir};
use usvg::roxmltree;

const EXAMPLES: [&str; 3] = ["default", "forced-donbas", "tripwire"];

fn scenario_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.geojson"))
}

fn run_ok(args: &[&str]) {
    let out = armistice(args);
    assert!(
        out.status.success(),
        "armistice {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn steps_of(name: &str) -> usize {
    let text = std::fs::read_to_string(scenario_path(name)).expect("example");
    Scenario::parse(name, &text)
        .expect("valid example")
        .steps
        .len()
}

/// Number of pages of a PDF, read the way a reader does: `startxref` → cross-reference table →
/// trailer's `/Root` → catalog's `/Pages` → its `/Count`, checking that `/Kids` lists as many
/// objects of `/Type /Page`.
fn pdf_page_count(pdf: &[u8]) -> usize {
    // Binary stream bytes become '?', keeping every byte offset.
    let text: String = pdf
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { '?' })
        .collect();
    let tail = &text[text.rfind("startxref").expect("startxref")..];
    let xref_at: usize = tail
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("xref offset");
    assert!(
        text[xref_at..].starts_with("xref"),
        "xref table where startxref says"
    );
    let mut lines = text[xref_at..].lines().skip(1);
    let header: Vec<usize> = lines
        .next()
        .expect("subsection")
        .split_whitespace()
        .map(|n| n.parse().expect("number"))
        .collect();
    let (first, count) = (header[0], header[1]);
    let offsets: Vec<usize> = lines
        .by_ref()
        .take(count)
        .map(|l| {
            l.split_whitespace()
                .next()
                .expect("offset")
                .parse()
                .expect("offset")
        })
        .collect();
    let object = |id: usize| -> &str {
        let at = offsets[id - first];
        let body = &text[at..];
        assert!(
            body.starts_with(&format!("{id} 0 obj")),
            "object {id} at {at}"
        );
        &body[..body.find("endobj").expect("endobj")]
    };
    let reference = |dict: &str, key: &str| -> usize {
        let rest = &dict[dict.find(key).unwrap_or_else(|| panic!("{key} in {dict}")) + key.len()..];
        rest.split_whitespace()
            .next()
            .expect("ref")
            .parse()
            .expect("ref")
    };
    let trailer = &text[text.rfind("trailer").expect("trailer")..];
    let catalog = object(reference(trailer, "/Root"));
    let pages = object(reference(catalog, "/Pages"));
    let count = reference(pages, "/Count");
    let kids_text = &pages[pages.find("/Kids").expect("/Kids")..];
    let kids_text =
        &kids_text[kids_text.find('[').expect("[") + 1..kids_text.find(']').expect("]")];
    let kids: Vec<usize> = kids_text
        .split_whitespace()
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|r| r[0].parse().expect("kid"))
        .collect();
    assert_eq!(kids.len(), count, "/Kids and /Count agree");
    for kid in kids {
        assert!(object(kid).contains("/Type /Page"), "kid {kid} is a page");
    }
    count
}

/// Number of distinct colours in a PNG, after checking its size.
fn png_colours(png: &[u8], size: (u32, u32)) -> usize {
    let pixmap = tiny_skia::Pixmap::decode_png(png).expect("a PNG");
    assert_eq!((pixmap.width(), pixmap.height()), size);
    let mut colours: Vec<[u8; 4]> = pixmap
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

#[test]
fn every_example_renders_to_png_svg_and_a_pdf_deck() {
    let dir = temp_dir("render-examples");
    for name in EXAMPLES {
        let input = scenario_path(name);
        let input = input.to_str().expect("utf-8 path");
        let png = dir.join(format!("{name}.png"));
        let svg = dir.join(format!("{name}.svg"));
        let pdf = dir.join(format!("{name}.pdf"));
        run_ok(&[
            "render",
            input,
            "--out",
            png.to_str().unwrap(),
            "--step",
            "1",
            "--size",
            "640x400",
        ]);
        run_ok(&[
            "render",
            input,
            "--out",
            svg.to_str().unwrap(),
            "--size",
            "800x500",
        ]);
        run_ok(&[
            "render",
            input,
            "--out",
            pdf.to_str().unwrap(),
            "--all-steps",
            "--size",
            "480x300",
        ]);

        // Sea, land of several roles, the occupied area, lines, labels: many colours.
        let colours = png_colours(&std::fs::read(&png).unwrap(), (640, 400));
        assert!(colours > 50, "{name}: only {colours} colours");

        let svg_text = std::fs::read_to_string(&svg).unwrap();
        let tree = usvg::Tree::from_str(&svg_text, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("{name}.svg does not parse: {e}"));
        assert_eq!((tree.size().width(), tree.size().height()), (800.0, 500.0));
        // Text stays text (editable in Inkscape or Illustrator), in the embedded font that the
        // file declares itself, so no viewer needs the font installed.
        assert!(svg_text.contains("<text"), "{name}.svg has no live text");
        assert!(
            svg_text.contains("@font-face"),
            "{name}.svg does not declare its font"
        );
        let paths = svg_text.matches("<path").count();
        assert!(paths > 20, "{name}.svg: only {paths} paths");

        let pages = pdf_page_count(&std::fs::read(&pdf).unwrap());
        assert_eq!(pages, steps_of(name), "{name}: one page per step");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_single_step_or_overview_pdf_has_one_page() {
    let dir = temp_dir("render-one-page");
    let input = scenario_path("tripwire");
    let out = dir.join("one.pdf");
    run_ok(&[
        "render",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--step",
        "2",
        "--size",
        "400x300",
    ]);
    let pdf = std::fs::read(&out).unwrap();
    assert_eq!(pdf_page_count(&pdf), 1);
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 400 300]"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = temp_dir("render-stable");
    let input = scenario_path("default");
    let input = input.to_str().unwrap();
    for (ext, extra) in [
        ("png", "--step=2"),
        ("pdf", "--all-steps"),
        ("svg", "--step=4"),
    ] {
        let paths: Vec<PathBuf> = (0..2).map(|i| dir.join(format!("run{i}.{ext}"))).collect();
        for p in &paths {
            run_ok(&[
                "render",
                input,
                "--out",
                p.to_str().unwrap(),
                extra,
                "--size",
                "480x300",
            ]);
        }
        let (a, b) = (
            std::fs::read(&paths[0]).unwrap(),
            std::fs::read(&paths[1]).unwrap(),
        );
        assert!(a == b, "two {ext} renders differ");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = temp_dir("render-bad");
    let good = scenario_path("tripwire");
    let good = good.to_str().unwrap();
    let out = dir.join("out.png");
    let out = out.to_str().unwrap();

    assert_input_error(
        &dir,
        &["render", "/nonexistent/plan.geojson", "--out", out],
        &["/nonexistent/plan.geojson"],
    );
    assert_input_error(
        &dir,
        &["render", good, "--out", out, "--step", "7"],
        &["tripwire.geojson", "armistice.steps", "1 to 2"],
    );
    assert_input_error(
        &dir,
        &["render", good, "--out", out, "--all-steps"],
        &["out.png", "--all-steps", ".pdf"],
    );
    let jpg = dir.join("out.jpg");
    assert_input_error(
        &dir,
        &["render", good, "--out", jpg.to_str().unwrap()],
        &["out.jpg", ".png, .svg, .pdf, .gif or .mp4"],
    );

    // A step naming a feature the scenario lacks.
    let plans = temp_dir("render-bad-plans");
    let dangling = plans.join("dangling.geojson");
    std::fs::write(
        &dangling,
        r#"{"type":"FeatureCollection","armistice":{"steps":[{"title":"A","features":["line-z"]}]},"features":[]}"#,
    )
    .unwrap();
    assert_input_error(
        &dir,
        &["render", dangling.to_str().unwrap(), "--out", out],
        &["dangling.geojson", "armistice.steps[0].features", "line-z"],
    );
    // A force with a bad property: the message names the feature and the property.
    let bad_force = plans.join("bad-force.geojson");
    std::fs::write(
        &bad_force,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"pl-1",
            "geometry":{"type":"Point","coordinates":[30.5,50.4]},
            "properties":{"kind":"force","nation":"PL","component":"land","role":"reassurance",
                          "strength":-4,"readiness_days":3}}]}"#,
    )
    .unwrap();
    assert_input_error(
        &dir,
        &["render", bad_force.to_str().unwrap(), "--out", out],
        &["bad-force.geojson", "pl-1", "strength"],
    );
    assert_input_error(
        &dir,
        &[
            "export",
            bad_force.to_str().unwrap(),
            "--to",
            "kml",
            "--out",
            out,
        ],
        &["bad-force.geojson", "pl-1", "strength"],
    );

    // An existing output is left as it was.
    let existing = dir.join("keep.pdf");
    std::fs::write(&existing, b"precious").unwrap();
    assert_input_error(
        &dir,
        &[
            "render",
            good,
            "--out",
            existing.to_str().unwrap(),
            "--step",
            "9",
        ],
        &["armistice.steps"],
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&plans).ok();
}

const KML_NS: &str = "http://www.opengis.net/kml/2.2";
const GX_NS: &str = "http://www.google.com/kml/ext/2.2";

#[test]
fn kml_is_well_formed_holds_every_feature_and_a_tour() {
    let dir = temp_dir("export-kml");
    for name in EXAMPLES {
        let input = scenario_path(name);
        let out = dir.join(format!("{name}.kml"));
        run_ok(&[
            "export",
            input.to_str().unwrap(),
            "--to",
            "kml",
            "--out",
            out.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&out).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{name}.kml is not well-formed: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "kml");
        assert_eq!(root.tag_name().namespace(), Some(KML_NS));

        let scenario = Scenario::parse(name, &std::fs::read_to_string(&input).unwrap()).unwrap();
        let placemarks: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name((KML_NS, "Placemark"))
                    && n.parent_element()
                        .is_some_and(|p| p.has_tag_name((KML_NS, "Folder")))
            })
            .collect();
        for feature in &scenario.features {
            let mark = placemarks
                .iter()
                .find(|p| p.attribute("id") == Some(feature.id.as_str()))
                .unwrap_or_else(|| panic!("{name}: feature {} missing", feature.id));
            let data: Vec<(&str, String)> = mark
                .descendants()
                .filter(|n| n.has_tag_name((KML_NS, "Data")))
                .map(|d| {
                    let value = d
                        .children()
                        .find(|c| c.has_tag_name((KML_NS, "value")))
                        .and_then(|v| v.text())
                        .unwrap_or("")
                        .to_owned();
                    (d.attribute("name").unwrap_or(""), value)
                })
                .collect();
            // Every property is there, as written.
            for (key, value) in feature.original.properties.iter().flatten() {
                let expected = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                assert!(
                    data.iter().any(|(k, v)| k == key && *v == expected),
                    "{name}: {} lacks {key} = {expected}",
                    feature.id
                );
            }
            let geometry = match feature.item.kind() {
                Some("force") => "Point",
                Some("demarcation") => "LineString",
                Some("guarantee-area") => "Polygon",
                _ => continue,
            };
            assert!(
                mark.descendants()
                    .any(|n| n.has_tag_name((KML_NS, geometry))),
                "{name}: {} has no {geometry}",
                feature.id
            );
        }
        for layer in ["Front line", "Occupied area"] {
            assert!(
                placemarks.iter().any(|p| p
                    .children()
                    .any(|c| c.has_tag_name((KML_NS, "name")) && c.text() == Some(layer))),
                "{name}: no {layer}"
            );
        }
        let tours: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((GX_NS, "Tour")))
            .collect();
        assert_eq!(tours.len(), 1, "{name}: one tour");
        let fly_tos: Vec<_> = tours[0]
            .descendants()
            .filter(|n| n.has_tag_name((GX_NS, "FlyTo")))
            .collect();
        assert_eq!(
            fly_tos.len(),
            steps_of(name),
            "{name}: one gx:FlyTo per step"
        );
        for fly in fly_tos {
            let range: f64 = fly
                .descendants()
                .find(|n| n.has_tag_name((KML_NS, "range")))
                .and_then(|r| r.text())
                .and_then(|t| t.parse().ok())
                .expect("LookAt range");
            assert!(range > 10_000.0 && range < 20_000_000.0, "{range}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn geojson_export_keeps_everything() {
    let dir = temp_dir("export-geojson");
    for name in EXAMPLES {
        let input = scenario_path(name);
        let out = dir.join(format!("{name}.geojson"));
        run_ok(&[
            "export",
            input.to_str().unwrap(),
            "--to",
            "geojson",
            "--out",
            out.to_str().unwrap(),
        ]);
        let original = Scenario::parse(name, &std::fs::read_to_string(&input).unwrap()).unwrap();
        let written = Scenario::parse(name, &std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(original, written, "{name} changed on export");
        assert!(!written.other_settings.is_empty() || name != "default");
    }
    std::fs::remove_dir_all(&dir).ok();
}

//! A small image snapshot of the default view: the bundled default scenario over Ukraine with
//! every layer, drawn headless by the export renderer (the window's styles), compared with the
//! committed reference `tests/snapshots/default_view_480x300.png`.
//!
//! Tolerance: a pixel counts as changed when any channel differs by more than
//! [`CHANNEL_TOLERANCE`]; the test fails when more than [`MAX_CHANGED_SHARE`] of the pixels
//! changed. On failure the actual image is written next to the reference
//! (`default_view_480x300.actual.png`). `ARMISTICE_UPDATE_SNAPSHOTS=1 cargo test --test snapshot`
//! rewrites the reference after an intended change.

use armistice::export::{ExportScene, png};
use armistice::model::{BaseMap, Scenario};
use std::path::PathBuf;

const SIZE: (u32, u32) = (480, 300);
/// Largest difference of one colour channel (0–255) that still counts as the same pixel: the
/// anti-aliasing of an edge moved by a fraction of a pixel.
const CHANNEL_TOLERANCE: u8 = 24;
/// Largest share of changed pixels.
const MAX_CHANGED_SHARE: f64 = 0.002;

fn reference_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/default_view_480x300.png")
}

fn render_default_view() -> Vec<u8> {
    let map = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    let scene = ExportScene::new(&map, scenario, None).expect("prepared scene");
    // The view the window opens on: Ukraine, every layer, no title panel.
    let mut page = scene.overview_page();
    page.title = None;
    page.caption = None;
    png(&scene.svg(&page, SIZE)).expect("png")
}

fn pixels(png: &[u8]) -> tiny_skia::Pixmap {
    tiny_skia::Pixmap::decode_png(png).expect("a PNG")
}

/// Share of pixels differing by more than the tolerance.
fn changed_share(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap) -> f64 {
    assert_eq!(
        (a.width(), a.height()),
        (b.width(), b.height()),
        "size changed"
    );
    let changed = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| {
            [
                p.red().abs_diff(q.red()),
                p.green().abs_diff(q.green()),
                p.blue().abs_diff(q.blue()),
                p.alpha().abs_diff(q.alpha()),
            ]
            .into_iter()
            .any(|d| d > CHANNEL_TOLERANCE)
        })
        .count();
    changed as f64 / a.pixels().len() as f64
}

#[test]
fn default_view_matches_the_reference_image() {
    let actual = render_default_view();
    let reference = reference_path();
    let actual_path = reference.with_file_name("default_view_480x300.actual.png");
    if std::env::var("ARMISTICE_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(reference.parent().expect("folder")).expect("snapshot folder");
        std::fs::write(&reference, &actual).expect("writes the reference");
        let _ = std::fs::remove_file(&actual_path);
        return;
    }
    let expected = std::fs::read(&reference).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run ARMISTICE_UPDATE_SNAPSHOTS=1 cargo test --test snapshot to create it",
            reference.display()
        )
    });
    let share = changed_share(&pixels(&actual), &pixels(&expected));
    if share > MAX_CHANGED_SHARE {
        std::fs::write(&actual_path, &actual).expect("writes the actual image");
        panic!(
            "{:.2} % of pixels differ from {} (at most {:.2} % may); the actual image is {}",
            share * 100.0,
            reference.display(),
            MAX_CHANGED_SHARE * 100.0,
            actual_path.display()
        );
    }
    let _ = std::fs::remove_file(&actual_path);
}

#[test]
fn the_comparison_sees_a_real_change() {
    // The tolerance must not hide a change a person would see: the same view without the
    // occupied area differs well beyond it.
    let map = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    let scene = ExportScene::new(&map, scenario, None).expect("prepared scene");
    let mut page = scene.overview_page();
    page.title = None;
    page.caption = None;
    let with = pixels(&png(&scene.svg(&page, SIZE)).expect("png"));
    page.layers.occupied = false;
    let without = pixels(&png(&scene.svg(&page, SIZE)).expect("png"));
    assert!(changed_share(&with, &without) > MAX_CHANGED_SHARE * 10.0);
    assert_eq!(changed_share(&with, &with), 0.0);
}

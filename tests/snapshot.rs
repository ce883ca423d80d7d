//! Image snapshots of the one map picture through both backends.
//!
//! - The default view (the bundled scenario over Ukraine, every layer) and a presentation step
//!   with findings (step 5 of the bundled scenario: badges, rule marks, legend) are laid out
//!   once and drawn by the SVG backend (rasterised by resvg) and compared with the committed
//!   references `tests/snapshots/*.png`.
//! - The same display lists drawn by the window's backend (egui shapes, tessellated by egui,
//!   rasterised on the CPU, see `common`) are compared with the SVG backend's image, so a drift
//!   between window and export fails here.
//!
//! Tolerance: a pixel counts as changed when any channel differs by more than the tolerance; a
//! test fails when more than the given share of pixels changed. On failure the actual image is
//! written next to the reference. `ARMISTICE_UPDATE_SNAPSHOTS=1 cargo test --test snapshot`
//! rewrites the references after an intended change.

mod common;

use armistice::export::svg::{page_picture, page_view};
use armistice::export::{ExportScene, MapPage};
use armistice::model::{BaseMap, Scenario};
use common::raster::{
    assert_matches_reference, changed_share, export_pixmap, unmatched_share, window_pixmap,
};

/// Same-backend tolerance: the anti-aliasing of an edge moved by a fraction of a pixel.
const CHANNEL_TOLERANCE: u8 = 24;
/// Largest share of changed pixels against a reference.
const MAX_CHANGED_SHARE: f64 = 0.002;
/// Window against export: egui rasterises glyphs from its atlas, resvg from outlines, and egui
/// feathers edges by a pixel where resvg anti-aliases exactly; so a window pixel counts as
/// drawn alike when an export pixel within [`BACKEND_RADIUS`] matches it within this.
const BACKEND_TOLERANCE: u8 = 48;
/// How far (pixels) a window pixel may have moved from the export's.
const BACKEND_RADIUS: i64 = 1;
/// Largest share of window pixels that no nearby export pixel matches.
const MAX_BACKEND_SHARE: f64 = 0.03;

fn backend_difference(window: &tiny_skia::Pixmap, export: &tiny_skia::Pixmap) -> f64 {
    unmatched_share(window, export, BACKEND_TOLERANCE, BACKEND_RADIUS)
}

fn scene() -> ExportScene {
    let map = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    ExportScene::new(&map, scenario, None).expect("prepared scene")
}

/// The view the window opens on: Ukraine, every layer, no title panel.
fn default_page(scene: &ExportScene) -> MapPage {
    let mut page = scene.overview_page();
    page.title = None;
    page.caption = None;
    page
}

fn both(
    scene: &ExportScene,
    page: &MapPage,
    size: (u32, u32),
) -> (tiny_skia::Pixmap, tiny_skia::Pixmap) {
    let view = page_view(page, size);
    let hidden = scene.hidden_by(page);
    let picture = page_picture(scene, page, &view, &hidden);
    (
        export_pixmap(&picture, &view, size),
        window_pixmap(&picture, &view, size),
    )
}

#[test]
fn default_view_matches_the_reference_through_both_backends() {
    let scene = scene();
    let size = (480, 300);
    let (export, window) = both(&scene, &default_page(&scene), size);
    assert_matches_reference(
        &export,
        "default_view_480x300.png",
        CHANNEL_TOLERANCE,
        MAX_CHANGED_SHARE,
    );
    let share = backend_difference(&window, &export);
    if share > MAX_BACKEND_SHARE {
        let _ = window.save_png(common::raster::reference_path(
            "default_view_480x300.window.png",
        ));
        panic!(
            "window and export differ on {:.2} % of pixels",
            share * 100.0
        );
    }
}

#[test]
fn a_presentation_step_with_findings_matches_the_reference_through_both_backends() {
    let scene = scene();
    let size = (800, 450);
    let page = scene
        .step_page(4)
        .expect("the bundled scenario has five steps");
    assert!(page.findings && !page.badges.is_empty());
    let (export, window) = both(&scene, &page, size);
    assert_matches_reference(
        &export,
        "step5_findings_800x450.png",
        CHANNEL_TOLERANCE,
        MAX_CHANGED_SHARE,
    );
    let share = backend_difference(&window, &export);
    if share > MAX_BACKEND_SHARE {
        let _ = window.save_png(common::raster::reference_path(
            "step5_findings_800x450.window.png",
        ));
        panic!(
            "window and export differ on {:.2} % of pixels",
            share * 100.0
        );
    }
}

#[test]
fn the_comparisons_see_a_real_change() {
    // The tolerances must not hide a change a person would see: the same view without the
    // occupied area differs well beyond them, through either backend.
    let scene = scene();
    let size = (480, 300);
    let mut page = default_page(&scene);
    let (with_export, with_window) = both(&scene, &page, size);
    page.layers.occupied = false;
    let (without_export, without_window) = both(&scene, &page, size);
    assert!(
        changed_share(&with_export, &without_export, CHANNEL_TOLERANCE) > MAX_CHANGED_SHARE * 10.0
    );
    assert!(
        changed_share(&with_window, &without_export, BACKEND_TOLERANCE) > MAX_BACKEND_SHARE * 2.0
    );
    assert!(
        changed_share(&without_window, &with_export, BACKEND_TOLERANCE) > MAX_BACKEND_SHARE * 2.0
    );
    assert_eq!(changed_share(&with_export, &with_export, 0), 0.0);
}

//! Headless export cost: one step drawn to SVG and rasterised to a 1920×1080 PNG, and the PDF
//! deck of every step of the default scenario. `cargo bench --bench render`.
//!
//! The scene (projection, LOD, triangulation) is prepared once outside the timings, as the
//! window has it prepared when File ▸ Export runs; the CLI adds that preparation once per run.

use armistice::export::{ExportScene, png};
use armistice::model::{BaseMap, Scenario};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn scene() -> ExportScene {
    let map = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    ExportScene::new(&map, scenario, None).expect("prepared scene")
}

fn render(c: &mut Criterion) {
    let scene = scene();
    let size = (1920, 1080);
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for (name, index) in [("png_step1_1920x1080", 0), ("png_step5_1920x1080", 4)] {
        let page = scene
            .step_page(index)
            .expect("the default scenario has 5 steps");
        group.bench_function(name, |b| {
            b.iter(|| black_box(png(&scene.svg(&page, size)).expect("png")).len())
        });
    }
    group.bench_function("pdf_deck_default_1920x1080", |b| {
        b.iter(|| black_box(scene.steps_pdf(size, &mut |_, _| {}).expect("pdf")).len())
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);

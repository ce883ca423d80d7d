//! Frame cost, headless: egui's run of the whole window plus tessellation, as a GPU frame would
//! need. `cargo bench --bench frame`.

use armistice::model::{BaseMap, Country, Scenario};
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::hint::black_box;

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn settle(ctx: &egui::Context, app: &mut ArmisticeApp) {
    // Fonts, label layout caches and the lazily made levels of detail warm up, and the
    // first-frame fit finishes its flight (egui's clock advances 1/60 s a frame).
    for _ in 0..150 {
        let _ = ctx.run_ui(raw_input(), |ui| app.frame_ui(ui));
    }
}

fn frame(ctx: &egui::Context, app: &mut ArmisticeApp) -> usize {
    let output = ctx.run_ui(raw_input(), |ui| app.frame_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

/// A country of `n` vertices around central Ukraine, with coastline-like detail at every scale
/// (each finer wiggle smaller, as real coasts are).
fn synthetic_country(n: usize) -> Country {
    let mut coords: Vec<Coord> = (0..n)
        .map(|i| {
            let t = i as f64 / n as f64 * std::f64::consts::TAU;
            let r = 4.0
                + 0.4 * (t * 17.0).sin()
                + 0.08 * (t * 131.0).sin()
                + 0.015 * (t * 1_009.0).sin()
                + 0.003 * (t * 10_007.0).sin()
                + 0.0006 * (t * 100_003.0).sin();
            Coord {
                x: 31.0 + r * 1.5 * t.cos(),
                y: 49.0 + r * t.sin(),
            }
        })
        .collect();
    coords.push(coords[0]);
    Country {
        name: "Synthetic".to_owned(),
        iso_a2: "ZZ".to_owned(),
        geometry: MultiPolygon::new(vec![Polygon::new(LineString::new(coords), vec![])]),
    }
}

fn benches(c: &mut Criterion) {
    let base = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("default scenario");

    let ctx = egui::Context::default();
    let mut app = ArmisticeApp::new(
        base.clone(),
        Document::unsaved(scenario.clone()),
        PersistedState::default(),
    );
    settle(&ctx, &mut app);
    c.bench_function("frame/default_view_1920x1080", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    let mut big = base;
    big.countries = vec![synthetic_country(1_000_000)];
    big.oblasts.clear();
    let ctx = egui::Context::default();
    let mut app = ArmisticeApp::new(big, Document::unsaved(scenario), PersistedState::default());
    settle(&ctx, &mut app);
    app.view_mut().show_extent([10.0, 38.0, 52.0, 60.0]);
    settle(&ctx, &mut app);
    c.bench_function("frame/1m_vertices_zoomed_out", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });
}

criterion_group! {
    name = frame_benches;
    config = Criterion::default().sample_size(50);
    targets = benches
}
criterion_main!(frame_benches);

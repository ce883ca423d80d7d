//! Runs N headless frames of the default view at 1920x1080 (egui's run plus tessellation), for
//! profiling with callgrind or perf: `cargo run --release --example frames -- 50`.

use armistice::model::{BaseMap, Scenario};
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use std::time::Instant;

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let base = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("default scenario");
    let ctx = egui::Context::default();
    let mut app = ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default());
    // Let the first-frame fit finish its flight (egui's clock advances 1/60 s a frame).
    for _ in 0..150 {
        let _ = ctx.run_ui(raw_input(), |ui| app.frame_ui(ui));
    }
    let start = Instant::now();
    let mut vertices = 0;
    for _ in 0..n {
        let output = ctx.run_ui(raw_input(), |ui| app.frame_ui(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum::<usize>();
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n.max(1) as f64;
    println!("{n} frames, {per:.2} ms per frame, {vertices} vertices in the last");
}

//! The walkthrough video: the default scenario's five steps as an MP4 at 1920×1080, 25 frames a
//! second (each step held for its reading time, one-second flights between), and the same as a
//! GIF at 960×540. `cargo bench --bench video`.
//!
//! The scene is prepared once outside the timings, as the window has it when File ▸ Export ▸
//! Video runs; `armistice render` adds that preparation (about 0.2 s) once per run.

use armistice::export::ExportScene;
use armistice::export::video::{VideoFormat, walkthrough};
use armistice::model::{BaseMap, Scenario};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::ops::ControlFlow;

fn scene() -> ExportScene {
    let map = BaseMap::bundled().expect("bundled map data");
    let scenario = Scenario::bundled_default().expect("bundled default scenario");
    assert_eq!(scenario.steps.len(), 5);
    ExportScene::new(&map, scenario, None).expect("prepared scene")
}

fn video(c: &mut Criterion) {
    let scene = scene();
    let mut group = c.benchmark_group("video");
    group.sample_size(10);
    for (name, format, size) in [
        (
            "mp4_default_5_steps_1920x1080_25fps",
            VideoFormat::Mp4,
            (1920, 1080),
        ),
        (
            "gif_default_5_steps_960x540_25fps",
            VideoFormat::Gif,
            (960, 540),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    walkthrough(&scene, format, size, 25, &mut |_, _| {
                        ControlFlow::Continue(())
                    })
                    .expect("video"),
                )
                .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, video);
criterion_main!(benches);

//! Benchmarks of the bundled base map: parsing every layer, and splitting Ukraine by the front
//! line (what the occupied area and every demarcation rule cost).

use armistice::model::BaseMap;
use armistice::spatial::split_by_line;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn load_maps(c: &mut Criterion) {
    c.bench_function("load_maps/bundled", |b| {
        b.iter(|| black_box(BaseMap::bundled()))
    });
}

fn split(c: &mut Criterion) {
    let Ok(map) = BaseMap::bundled() else {
        eprintln!("split/ukraine_by_front_line skipped: the bundled maps do not parse");
        return;
    };
    let (Some(ukraine), Some(kyiv)) = (map.ukraine(), map.city("Kyiv")) else {
        eprintln!("split/ukraine_by_front_line skipped: no Ukraine or no Kyiv in the bundled maps");
        return;
    };
    let (territory, line, home) = (&ukraine.geometry, &map.front_line.line, kyiv.position);
    c.bench_function("split/ukraine_by_front_line", |b| {
        b.iter(|| black_box(split_by_line(territory, line, home)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = load_maps, split
}
criterion_main!(benches);

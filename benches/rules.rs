//! Benchmarks of the rule checks (issue 5): a full check of the bundled default scenario, and
//! the re-check while one vertex of one line is dragged, which must only measure that line again.

use armistice::model::BaseMap;
use armistice::model::Scenario;
use armistice::model::scenario::Item;
use armistice::rules::Checker;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The bundled map and default scenario, or why they cannot be had.
fn inputs() -> Result<(BaseMap, Scenario), String> {
    let map = BaseMap::bundled().map_err(|e| e.to_string())?;
    let scenario = Scenario::bundled_default().map_err(|e| e.to_string())?;
    Ok((map, scenario))
}

fn checks(c: &mut Criterion) {
    let (map, scenario) = match inputs() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("rules benchmarks skipped: {e}");
            return;
        }
    };
    let mut checker = Checker::new(&map);

    // Every rule with every demarcation and guarantee area measured anew (Ukraine and today's
    // front line, prepared once per map, stay).
    c.bench_function("rules/full_check_default", |b| {
        b.iter(|| {
            checker.forget_scenario_geometry();
            black_box(checker.check(&scenario, None))
        })
    });

    // The user drags vertex 120 of Proposal A: each iteration a new position, so the line is
    // measured again every time while everything else comes from the cache.
    let Some(index) = scenario.feature_index("line-a") else {
        eprintln!("rules/recheck_moved_vertex skipped: the default scenario has no line-a");
        return;
    };
    let mut dragged = scenario.clone();
    let before = checker.lines_measured();
    let mut step = 0u64;
    c.bench_function("rules/recheck_moved_vertex", |b| {
        b.iter(|| {
            step += 1;
            // Up to ~2 km west of the original vertex, never the same position twice in a row.
            let offset = 0.002 * ((step % 10) + 1) as f64;
            if let Some(Item::Demarcation(d)) = dragged.features.get_mut(index).map(|f| &mut f.item)
                && let (Some(c), Some(original)) = (
                    d.line.0.get_mut(120),
                    match scenario.features.get(index).map(|f| &f.item) {
                        Some(Item::Demarcation(o)) => o.line.0.get(120).copied(),
                        _ => None,
                    },
                )
            {
                c.x = original.x - offset;
            }
            black_box(checker.check(&dragged, None))
        })
    });
    let measured = checker.lines_measured() - before;
    // Criterion runs the routine `step` times in all (warm-up included); every run must have
    // measured the moved line, and only it.
    eprintln!(
        "rules/recheck_moved_vertex: {measured} line measurements in {step} re-checks (expected equal)"
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = checks
}
criterion_main!(benches);

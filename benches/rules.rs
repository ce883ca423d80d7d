//! Benchmarks of the rule checks on plans as planners make them (issue 11): perturbed copies of
//! every example plan, in which every vertex and every force has moved by 1 to 10 m, so nothing
//! matches today's front line or anything cached. Proposal A of the default plan is a copy of
//! today's line: perturbed, it is a line drawn by snapping to the front (close to it
//! everywhere, identical nowhere), the hardest case for the geometry.
//!
//! - `rules/full_check/<plan>`: every rule with every demarcation, monitored share, guarantee
//!   area and force position measured anew (Ukraine and today's front line, prepared once per
//!   map by `Checker::new`, stay).
//! - `rules/recheck_drag/<line>`: the re-check while one vertex of a line is dragged (a new
//!   position each iteration): forced-donbas's line, and the snapped line.
//! - `rules/process_check_20`: the whole `armistice check --format json` process on 20 perturbed
//!   copies of forced-donbas (start-up and the map included).

use armistice::model::BaseMap;
use armistice::model::Scenario;
use armistice::model::perturb::perturbed;
use armistice::model::scenario::Item;
use armistice::rules::Checker;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example plans, by file stem.
const PLANS: [&str; 3] = ["default", "forced-donbas", "tripwire"];

fn plan_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.geojson"))
}

/// The example plans by name.
type Plans = Vec<(&'static str, Scenario)>;

/// The bundled map and the example plans, or why they cannot be had.
fn inputs() -> Result<(BaseMap, Plans), String> {
    let map = BaseMap::bundled().map_err(|e| e.to_string())?;
    let mut plans = Vec::new();
    for name in PLANS {
        let path = plan_path(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let scenario = Scenario::parse(&path.display().to_string(), &text)
            .map_err(|e| format!("{name}: {e}"))?;
        plans.push((name, scenario));
    }
    Ok((map, plans))
}

/// Moves vertex `index` of demarcation `id` of `dragged` westwards from where it is in
/// `original`, a different position for each `step`.
fn drag(original: &Scenario, dragged: &mut Scenario, id: &str, index: usize, step: u64) {
    let Some(at) = original.feature_index(id) else {
        return;
    };
    let from = match original.features.get(at).map(|f| &f.item) {
        Some(Item::Demarcation(d)) => d.line.0.get(index).copied(),
        _ => None,
    };
    // Up to ~1.5 km west of the original vertex, never the same position twice in a row.
    let offset = 0.002 * ((step % 10) + 1) as f64;
    if let (Some(from), Some(Item::Demarcation(d))) =
        (from, dragged.features.get_mut(at).map(|f| &mut f.item))
        && let Some(c) = d.line.0.get_mut(index)
    {
        c.x = from.x - offset;
    }
}

fn checks(c: &mut Criterion) {
    let (map, plans) = match inputs() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("rules benchmarks skipped: {e}");
            return;
        }
    };
    let mut checker = Checker::new(&map);

    for (name, plan) in &plans {
        let copy = perturbed(plan, 1);
        c.bench_function(&format!("rules/full_check/{name}"), |b| {
            b.iter(|| {
                checker.forget_scenario_geometry();
                black_box(checker.check(&copy, None))
            })
        });
    }

    // Dragging one vertex: each iteration a new position, so the line is measured again every
    // time while everything else comes from the cache.
    for (bench, plan, id, index) in [
        ("forced-donbas", "forced-donbas", "line-donbas", 120),
        ("snapped", "default", "line-a", 120),
    ] {
        let Some((_, original)) = plans.iter().find(|(n, _)| *n == plan) else {
            continue;
        };
        let original = perturbed(original, 1);
        let mut dragged = original.clone();
        let before = checker.lines_measured();
        let before_remeasured = checker.lines_remeasured();
        let mut step = 0u64;
        c.bench_function(&format!("rules/recheck_drag/{bench}"), |b| {
            b.iter(|| {
                step += 1;
                drag(&original, &mut dragged, id, index, step);
                black_box(checker.check(&dragged, None))
            })
        });
        let measured = checker.lines_measured() - before;
        let remeasured = checker.lines_remeasured() - before_remeasured;
        // Every run must have measured the moved line, and only it (the first run also the
        // other lines of the plan, if any); all but the first from the line's full measurement.
        eprintln!(
            "rules/recheck_drag/{bench}: {measured} line measurements in {step} re-checks (expected equal), {remeasured} of them from the first's full measurement"
        );
    }
}

/// The whole `armistice check --format json` process on 20 perturbed copies of forced-donbas.
fn process(c: &mut Criterion) {
    let (_, plans) = match inputs() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("rules/process_check_20 skipped: {e}");
            return;
        }
    };
    let Some((_, donbas)) = plans.iter().find(|(n, _)| *n == "forced-donbas") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("armistice-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("rules/process_check_20 skipped: {e}");
        return;
    }
    let mut files = Vec::new();
    for k in 1..=20u64 {
        let path = dir.join(format!("forced-donbas-{k:02}.geojson"));
        let text = perturbed(donbas, k).to_geojson_string();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("rules/process_check_20 skipped: {e}");
            return;
        }
        files.push(path);
    }
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    group.bench_function("process_check_20", |b| {
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_armistice"))
                .args(["check", "--format", "json"])
                .args(&files)
                .output();
            black_box(out.map(|o| o.status.code()))
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = checks, process
}
criterion_main!(benches);

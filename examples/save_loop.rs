//! Saves a scenario over and over with `io::save_scenario`, the window's atomic save, so that a
//! test (tests/kill_save.rs) or a person can kill it at any moment and check that the file always
//! parses: `cargo run --example save_loop -- /tmp/plan.geojson [SAVES]` (without SAVES it runs
//! until killed).
//!
//! Each save writes a different scenario (the bundled default with a growing and shrinking list
//! of extra forces), so a torn write could never pass for a complete one.

use armistice::io::save_scenario;
use armistice::model::Scenario;
use armistice::model::scenario::{Component, Force, Item, Role, ScenarioFeature};
use std::path::Path;

/// The scenario written by save number `n`: between 0 and 199 extra forces, titled with `n`.
pub fn scenario_for(base: &Scenario, n: u64) -> Scenario {
    let mut scenario = base.clone();
    scenario.title = format!("Save {n}");
    let extra = (n * 37) % 200;
    for i in 0..extra {
        scenario.features.push(ScenarioFeature::new(
            format!("loop-{i}"),
            Item::Force(Force {
                name: Some(format!("Loop force {i} of save {n}")),
                nation: "PL".to_owned(),
                component: Component::Land,
                role: Role::Reassurance,
                strength: 100 + i,
                readiness_days: 3.0,
                echelon: None,
                range_km: None,
                position: geo::Point::new(24.0 + (i % 10) as f64 * 0.1, 50.0),
                sidc: None,
            }),
        ));
    }
    scenario
}

/// Saves `saves` times (forever for `None`); returns the first error.
pub fn run(path: &Path, saves: Option<u64>) -> std::io::Result<()> {
    let base = Scenario::bundled_default()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    let mut n = 0;
    while saves.is_none_or(|max| n < max) {
        save_scenario(path, &scenario_for(&base, n))?;
        n += 1;
    }
    Ok(())
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: save_loop FILE [SAVES]");
        return std::process::ExitCode::from(2);
    };
    let saves = args.next().and_then(|s| s.parse().ok());
    match run(Path::new(&path), saves) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("save_loop: {path}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

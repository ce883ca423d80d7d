//! A process saving in a loop (examples/save_loop.rs, the window's atomic save) is killed with
//! SIGKILL at random moments, many times: the file must always parse as a scenario, and the
//! temporary files killed saves leave behind are cleaned up by the next save.
//!
//! The saver is this test binary itself, started again with `SAVE_LOOP_FILE` set, running the
//! example's loop (compiled in below), so the test needs no other build.

#[path = "../examples/save_loop.rs"]
mod save_loop;

use armistice::model::load_scenario;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Set in the saver process: the file to save to.
const SAVE_LOOP_FILE: &str = "ARMISTICE_SAVE_LOOP_FILE";

/// The saver: does nothing in a normal test run; started by the test below, it saves until
/// killed.
#[test]
fn saver_process() {
    if let Some(path) = std::env::var_os(SAVE_LOOP_FILE) {
        save_loop::run(Path::new(&path), None).expect("save loop");
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// A pseudo-random delay (xorshift): kills land at different points of a save.
fn next_delay(state: &mut u64) -> Duration {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    Duration::from_micros(5_000 + *state % 75_000)
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_any_moment_leaves_a_file_that_parses() {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("armistice-kill-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("plan.geojson");
    save_loop::run(&path, Some(1)).expect("first save");

    let started = Instant::now();
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut titles = std::collections::HashSet::new();
    let kills = 40;
    for round in 0..kills {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "saver_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(SAVE_LOOP_FILE, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the saver");
        std::thread::sleep(next_delay(&mut state));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let loaded = load_scenario(&path)
            .unwrap_or_else(|e| panic!("after kill {round}: the file does not parse: {e}"));
        titles.insert(loaded.scenario.title);
    }
    // The kills landed while saves were happening, not before the loop began.
    assert!(
        titles.len() >= 3,
        "only {} different saves seen",
        titles.len()
    );
    // One more save cleans up what the killed saves left.
    save_loop::run(&path, Some(1)).expect("last save");
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    std::fs::remove_dir_all(&dir).ok();
}

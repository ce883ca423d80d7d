//! What the command-line tests share: running the real binary, a fresh folder per test, and
//! the check that bad input exits 2 with one message and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `armistice` binary with `args`.
pub fn armistice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_armistice"))
        .args(args)
        .output()
        .expect("runs armistice")
}

/// A fresh, empty folder for one test.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs a command that must fail on input: exit 2, one line on stderr holding every `expect`ed
/// part, and no file written (nor a temporary one left behind) in `dir`.
pub fn assert_input_error(dir: &Path, args: &[&str], expect: &[&str]) {
    let listing = || -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    let before = listing();
    let out = armistice(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one message: {stderr}");
    for part in expect {
        assert!(
            stderr.contains(part),
            "{args:?}: \"{part}\" missing from: {stderr}"
        );
    }
    assert_eq!(before, listing(), "{args:?} wrote something");
}

//! The corpus of broken files (`tests/corpus`, expected message fragments in
//! `tests/corpus/expected.tsv`), through every way a file comes in: the loader the window, `check`,
//! `render` and `export` share (`model::load_scenario`), the window's File ▸ Open (the open scenario
//! stays as it was), and `armistice export FILE --to geojson --out X` (exit 2, one message naming
//! the file, nothing written). The 100 MB file is made here, not committed.

use armistice::model::edit::Edit;
use armistice::model::{BaseMap, Scenario, load_scenario};
use armistice::ui::{ArmisticeApp, Document, PersistedState};
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One line of expected.tsv: a file and the fragments its message must hold, or `None` for a
/// file that must load.
struct Case {
    file: String,
    fragments: Option<Vec<String>>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.tsv")).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut cells = line.split('\t');
            let file = cells.next().unwrap_or_default().to_owned();
            let rest: Vec<String> = cells.map(str::to_owned).collect();
            let fragments = (rest != ["ok"]).then_some(rest);
            Case { file, fragments }
        })
        .collect()
}

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-broken-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Checks a message against a case: it names the file and holds every fragment.
fn check_message(case: &Case, message: &str, failures: &mut Vec<String>) {
    let Some(fragments) = &case.fragments else {
        failures.push(format!("{}: expected to load, got: {message}", case.file));
        return;
    };
    if !message.contains(&case.file) {
        failures.push(format!(
            "{}: message does not name the file: {message}",
            case.file
        ));
    }
    for fragment in fragments {
        if !message.contains(fragment.as_str()) {
            failures.push(format!(
                "{}: missing \"{fragment}\" in: {message}",
                case.file
            ));
        }
    }
}

#[test]
fn every_corpus_file_has_an_expectation_and_every_expectation_a_file() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.file).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.tsv")
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "expected.tsv and tests/corpus differ");
    assert!(listed.len() >= 40, "a corpus of {} files", listed.len());
}

#[test]
fn the_loader_gives_the_expected_message_for_every_broken_file() {
    let mut failures = Vec::new();
    for case in cases() {
        let path = corpus_dir().join(&case.file);
        match load_scenario(&path) {
            Ok(_) if case.fragments.is_none() => {}
            Ok(_) => failures.push(format!("{}: loaded, expected an error", case.file)),
            Err(e) => check_message(&case, &e.to_string(), &mut failures),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file of `bytes` bytes that starts like a scenario; sparse, so it costs no disk or time.
fn huge_file(dir: &Path, bytes: u64) -> PathBuf {
    let path = dir.join("huge.geojson");
    std::fs::write(&path, br#"{"type": "FeatureCollection", "features": ["#).expect("write");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(bytes))
        .expect("grow");
    path
}

#[test]
fn a_100_mb_file_is_refused_by_size_before_it_is_read() {
    let dir = temp_dir("huge");
    let path = huge_file(&dir, 100 * 1024 * 1024);
    let started = std::time::Instant::now();
    let message = load_scenario(&path).expect_err("too large").to_string();
    assert!(
        started.elapsed().as_secs_f64() < 1.0,
        "refused without reading it"
    );
    assert!(message.contains("huge.geojson"), "{message}");
    assert!(
        message.contains("104857600 bytes is too large (at most 67108864 bytes"),
        "{message}"
    );
    // The text parser refuses it as well, should a caller hand it the text.
    let text = format!("{}{}", " ".repeat(100 * 1024 * 1024), "{}");
    let message = Scenario::parse("huge.geojson", &text)
        .expect_err("too large")
        .to_string();
    assert!(message.contains("too large"), "{message}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_window_shows_the_message_and_keeps_the_open_scenario() {
    let base = BaseMap::bundled().expect("bundled map");
    let scenario = Scenario::bundled_default().expect("bundled scenario");
    let mut app = ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default());
    // Unsaved work that a failed open must not touch.
    app.apply_edit(Edit::SetTitle("Work in progress".to_owned()))
        .expect("edit");
    let before = app.doc().scenario.clone();
    let revision = app.doc().revision;
    let mut failures = Vec::new();
    for case in cases().into_iter().filter(|c| c.fragments.is_some()) {
        app.dismiss_message();
        let opened = app.open_path(&corpus_dir().join(&case.file));
        if opened {
            failures.push(format!("{}: opened", case.file));
            continue;
        }
        match app.message() {
            Some((title, message)) => {
                assert_eq!(title, "Cannot open the file");
                check_message(&case, message, &mut failures);
            }
            None => failures.push(format!("{}: no message shown", case.file)),
        }
        if app.doc().scenario != before
            || app.doc().revision != revision
            || app.doc().path.is_some()
        {
            failures.push(format!("{}: the open scenario changed", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The tricky but valid files open.
    for case in cases().into_iter().filter(|c| c.fragments.is_none()) {
        assert!(
            app.open_path(&corpus_dir().join(&case.file)),
            "{}",
            case.file
        );
    }
}

fn export(file: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_armistice"))
        .arg("export")
        .arg(file)
        .args(["--to", "geojson", "--out"])
        .arg(out)
        .output()
        .expect("run armistice")
}

#[test]
fn export_exits_2_with_one_message_and_writes_nothing() {
    let dir = temp_dir("export");
    let mut failures = Vec::new();
    let mut all: Vec<(Case, PathBuf)> = cases()
        .into_iter()
        .map(|c| {
            let path = corpus_dir().join(&c.file);
            (c, path)
        })
        .collect();
    all.push((
        Case {
            file: "huge.geojson".to_owned(),
            fragments: Some(vec!["104857600 bytes is too large".to_owned()]),
        },
        huge_file(&dir, 100 * 1024 * 1024),
    ));
    for (case, path) in all {
        let out = dir.join("out.geojson");
        let result = export(&path, &out);
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        match (&case.fragments, result.status.code()) {
            (None, Some(0)) => {
                if !out.exists() {
                    failures.push(format!("{}: exit 0 but nothing written", case.file));
                }
            }
            (None, code) => failures.push(format!("{}: exit {code:?}: {stderr}", case.file)),
            (Some(_), Some(2)) => {
                if out.exists() {
                    failures.push(format!("{}: wrote {}", case.file, out.display()));
                }
                if stderr.trim_end().lines().count() != 1 {
                    failures.push(format!("{}: not one message: {stderr}", case.file));
                }
                if stderr.contains("panicked") {
                    failures.push(format!("{}: panicked: {stderr}", case.file));
                }
                check_message(&case, &stderr, &mut failures);
            }
            (Some(_), code) => {
                failures.push(format!(
                    "{}: exit {code:?}, expected 2: {stderr}",
                    case.file
                ));
            }
        }
        let _ = std::fs::remove_file(&out);
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

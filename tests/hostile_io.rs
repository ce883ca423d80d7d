//! Files and text that can never hurt the user (issue 15), through the real binary as a user runs
//! it: outputs that are devices, pipes, standard output, symbolic links or the input itself;
//! inputs that are pipes, devices or folders; sums of huge strengths; control characters in KML,
//! SVG and on the terminal; one validation for every command and the window; what the program
//! writes it opens again; temporary files of killed runs. The messages of each broken file are in
//! `tests/corpus` (checked by `broken_files.rs` through the loader, the window and `export`).

use armistice::model::load_scenario;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use usvg::roxmltree;

fn armistice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_armistice"))
        .args(args)
        .output()
        .expect("runs armistice")
}

/// Runs armistice with a time limit: a hang is a failure, not a stuck test run.
fn armistice_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_armistice"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs armistice");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("armistice {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armistice-hostile-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn default_plan(dir: &Path) -> PathBuf {
    let plan = dir.join("plan.geojson");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/default.geojson"),
        &plan,
    )
    .expect("copy");
    plan
}

fn force(id: &str, name: &str, nation: &str, strength: &str) -> String {
    format!(
        r#"{{"type": "Feature", "id": "{id}", "geometry": {{"type": "Point", "coordinates": [24.0, 50.5]}},
           "properties": {{"kind": "force", "name": "{name}", "nation": "{nation}", "component": "land",
                          "role": "reassurance", "strength": {strength}, "readiness_days": 3}}}}"#
    )
}

fn plan_text(title: &str, features: &[String]) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "armistice": {{"title": "{title}"}}, "features": [{}]}}"#,
        features.join(",")
    )
}

#[cfg(unix)]
fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

// 1. Outputs are written into, never replaced: devices, pipes, standard output, links.

#[cfg(unix)]
#[test]
fn a_device_output_stays_a_device() {
    // Devices of our own (the null device's numbers) in a temporary folder, as stand-ins for
    // /dev/null or /dev/full: a failing test must never replace the real ones. mknod needs root.
    let dir = temp_dir("device");
    let plan = default_plan(&dir);
    let made: Vec<PathBuf> = ["out.kml", "out.png", "out.geojson"]
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| {
            Command::new("mknod")
                .arg(p)
                .args(["c", "1", "3"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .collect();
    if made.len() < 3 {
        eprintln!("a_device_output_stays_a_device: mknod refused (not root?): own devices skipped");
        std::fs::remove_dir_all(&dir).ok();
        return;
    }
    for (args, device) in [
        (
            vec!["export", s(&plan), "--to", "kml", "--out", s(&made[0])],
            &made[0],
        ),
        (vec!["render", s(&plan), "--out", s(&made[1])], &made[1]),
        (
            vec!["export", s(&plan), "--to", "geojson", "--out", s(&made[2])],
            &made[2],
        ),
    ] {
        let out = armistice(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(is_char_device(device), "{} was replaced", device.display());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn standard_output_takes_the_export() {
    let dir = temp_dir("stdout");
    let plan = default_plan(&dir);
    // "/dev/stdout" is a link to /proc/self/fd/1: a link of our own to the same place stands in
    // for it, so that a failing test can never replace the system's.
    let stdout_link = dir.join("stdout");
    #[cfg(target_os = "linux")]
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).expect("symlink");
    for out_name in ["-", s(&stdout_link)] {
        if out_name != "-" && !cfg!(target_os = "linux") {
            continue;
        }
        let out = armistice(&["export", s(&plan), "--to", "geojson", "--out", out_name]);
        assert!(out.status.success(), "{out_name}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        armistice::model::Scenario::parse("stdout", &text).expect("the plan on stdout");
        let out = armistice(&["export", s(&plan), "--to", "kml", "--out", out_name]);
        assert!(out.status.success(), "{out_name}: {}", stderr(&out));
        roxmltree::Document::parse(&String::from_utf8_lossy(&out.stdout)).expect("KML");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn a_named_pipe_output_gets_the_stream() {
    let dir = temp_dir("fifo-out");
    let plan = default_plan(&dir);
    let fifo = dir.join("out.kml");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("read the pipe"))
    };
    let out = armistice_within(
        &["export", s(&plan), "--to", "kml", "--out", s(&fifo)],
        Duration::from_secs(60),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = reader.join().expect("reader");
    roxmltree::Document::parse(&String::from_utf8_lossy(&bytes)).expect("KML through the pipe");
    use std::os::unix::fs::FileTypeExt as _;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo(),
        "the pipe was replaced"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_written_through_the_link() {
    let dir = temp_dir("link-out");
    let plan = default_plan(&dir);
    std::fs::create_dir(dir.join("real")).expect("dir");
    std::fs::write(dir.join("real/out.kml"), "old").expect("write");
    let link = dir.join("out.kml");
    std::os::unix::fs::symlink("real/out.kml", &link).expect("symlink");
    let out = armistice(&["export", s(&plan), "--to", "kml", "--out", s(&link)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let kml = std::fs::read_to_string(dir.join("real/out.kml")).expect("read");
    assert!(kml.starts_with("<?xml"), "{kml}");
    std::fs::remove_dir_all(&dir).ok();
}

// 2. The output is never the input.

#[test]
fn an_output_naming_the_input_is_refused_and_nothing_is_written() {
    let dir = temp_dir("same");
    let plan = default_plan(&dir);
    let png_plan = dir.join("plan.png");
    std::fs::copy(&plan, &png_plan).expect("copy");
    let pdf_plan = dir.join("plan.pdf");
    std::fs::copy(&plan, &pdf_plan).expect("copy");
    let before = std::fs::read(&plan).expect("read");
    let dotted = dir.join(".").join("plan.geojson");
    let mut cases: Vec<(Vec<String>, PathBuf)> = vec![
        (
            vec!["export", s(&plan), "--to", "kml", "--out", s(&plan)],
            plan.clone(),
        ),
        (
            vec!["export", s(&plan), "--to", "geojson", "--out", s(&dotted)],
            plan.clone(),
        ),
        (
            vec!["render", s(&png_plan), "--out", s(&png_plan)],
            png_plan.clone(),
        ),
        (
            vec!["render", s(&pdf_plan), "--out", s(&pdf_plan), "--all-steps"],
            pdf_plan.clone(),
        ),
    ]
    .into_iter()
    .map(|(a, p)| (a.into_iter().map(str::to_owned).collect(), p))
    .collect();
    #[cfg(unix)]
    {
        let link = dir.join("link.kml");
        std::os::unix::fs::symlink("plan.geojson", &link).expect("symlink");
        let hard = dir.join("hard.kml");
        std::fs::hard_link(&plan, &hard).expect("hard link");
        for other in [link, hard] {
            cases.push((
                ["export", s(&plan), "--to", "kml", "--out", s(&other)]
                    .map(str::to_owned)
                    .to_vec(),
                plan.clone(),
            ));
        }
    }
    for (args, input) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let input_before = std::fs::read(&input).expect("read");
        let out = armistice(&args);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains("the output is the input file"),
            "{args:?}: {message}"
        );
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
        assert_eq!(
            std::fs::read(&input).expect("read"),
            input_before,
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&plan).expect("read"), before);

    // The scenario's own front line is an input too.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/front-line.geojson"),
        dir.join("front.geojson"),
    )
    .expect("copy");
    let with_front = dir.join("with-front.geojson");
    std::fs::write(
        &with_front,
        r#"{"type": "FeatureCollection", "armistice": {"front_line": "front.geojson"}, "features": []}"#,
    )
    .expect("write");
    let front = dir.join("front.geojson");
    let front_before = std::fs::read(&front).expect("read");
    let out = armistice(&[
        "export",
        s(&with_front),
        "--to",
        "geojson",
        "--out",
        s(&front),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&front).expect("read"), front_before);
    std::fs::remove_dir_all(&dir).ok();
}

// 3. Sums never wrap; strength is bounded.

#[test]
fn strengths_past_ten_million_are_refused_and_sums_are_exact() {
    let dir = temp_dir("sums");
    let wrap = dir.join("wrap.geojson");
    // Two of these made "land 150,000 troops" when the sum wrapped.
    let huge = "9223372036854849308";
    std::fs::write(
        &wrap,
        plan_text(
            "Wrap",
            &[force("a", "A", "PL", huge), force("b", "B", "PL", huge)],
        ),
    )
    .expect("write");
    let out = armistice(&["check", s(&wrap)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "feature \"a\": property \"strength\": expected personnel, a whole number from 0 to 10,000,000 (found 9223372036854849308)"
        ),
        "{}",
        stderr(&out)
    );
    // The largest strengths there are, summed exactly; 4500.0 is 4500.
    let many: Vec<String> = (0..40)
        .map(|i| force(&format!("f{i}"), "Max", "PL", "10000000"))
        .chain([force("g", "Written with .0", "PL", "4500.0")])
        .collect();
    let big = dir.join("big.geojson");
    std::fs::write(&big, plan_text("Big", &many)).expect("write");
    let out = armistice(&["check", s(&big), "--format", "json"]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["forces"]["guarantor_land"],
        serde_json::json!(400_004_500u64),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

// 4. Inputs are regular files, bounded: never a hang, never an endless read.

#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_as_input_are_refused_at_once() {
    let dir = temp_dir("inputs");
    let fifo = dir.join("pipe.geojson");
    mkfifo(&fifo);
    let front_fifo = dir.join("front.geojson");
    mkfifo(&front_fifo);
    let with_fifo_front = dir.join("with-front.geojson");
    std::fs::write(
        &with_fifo_front,
        r#"{"type": "FeatureCollection", "armistice": {"front_line": "front.geojson"}, "features": []}"#,
    )
    .expect("write");
    let folder = dir.join("folder.geojson");
    std::fs::create_dir(&folder).expect("dir");
    let out_png = dir.join("out.png");
    let out_kml = dir.join("out.kml");
    let limit = Duration::from_secs(20);
    for (input, expected) in [
        (fifo.clone(), "is a named pipe (FIFO), not a regular file"),
        (
            with_fifo_front.clone(),
            "is a named pipe (FIFO), not a regular file",
        ),
        (
            PathBuf::from("/dev/zero"),
            "is a device, not a regular file",
        ),
        (folder.clone(), "is a folder, not a regular file"),
    ] {
        for args in [
            vec!["check", s(&input)],
            vec!["render", s(&input), "--out", s(&out_png)],
            vec!["export", s(&input), "--to", "kml", "--out", s(&out_kml)],
        ] {
            let started = Instant::now();
            let out = armistice_within(&args, limit);
            let message = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
            assert!(message.contains(expected), "{args:?}: {message}");
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{args:?} took {:?}",
                started.elapsed()
            );
        }
        // The window's loader, in this process.
        let started = Instant::now();
        let e = load_scenario(&input).expect_err("refused");
        assert!(e.to_string().contains(expected), "{e}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    assert!(!out_png.exists() && !out_kml.exists());
    // The --rules file goes through the same reader.
    let plan = default_plan(&dir);
    let out = armistice_within(&["check", s(&plan), "--rules", s(&fifo)], limit);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a named pipe (FIFO)"));
    std::fs::remove_dir_all(&dir).ok();
}

// 5. A caption of one unbroken word: broken or ellipsised to fit its card, bounded in what is
// drawn (the file keeps it whole). Layout is linear in the text read; no timing is asserted.

#[test]
fn a_caption_of_one_huge_word_is_drawn_bounded_inside_its_card() {
    use armistice::export::ExportScene;
    use armistice::export::svg::{page_picture, page_view};
    use armistice::scene::picture::Item;
    let dir = temp_dir("huge-caption");
    let plan = dir.join("caption.geojson");
    let word = "W".repeat(300_000);
    let title = "T".repeat(300_000);
    std::fs::write(
        &plan,
        format!(
            r#"{{"type": "FeatureCollection", "armistice": {{"title": "Long words",
                 "steps": [{{"title": "{title}", "caption": "{word}"}}]}},
                 "features": [{}]}}"#,
            force("pl-1", "Brigade", "PL", "4500")
        ),
    )
    .expect("write");
    let loaded = load_scenario(&plan).expect("a plan with a long caption loads");
    let step = loaded.scenario.steps.first().expect("the step");
    assert_eq!(
        step.caption.len(),
        300_000,
        "the file keeps the caption whole"
    );
    let map = armistice::model::BaseMap::bundled().expect("map");
    let scene = ExportScene::new(&map, loaded.scenario, loaded.front_line.as_ref()).expect("scene");
    let page = scene.step_page(0).expect("step 1");
    let size = (1280, 720);
    let view = page_view(&page, size);
    let hidden = scene.hidden_by(&page);
    let picture = page_picture(&scene, &page, &view, &hidden);
    // Lines made only of the title's or the caption's letter (a city such as Ternopil is not).
    let only = |t: &str, c: char| {
        let t = t.trim_end_matches('\u{2026}');
        !t.is_empty() && t.chars().all(|x| x == c)
    };
    let lines: Vec<_> = picture
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if only(&t.text, 'W') || only(&t.text, 'T') => Some(t),
            _ => None,
        })
        .collect();
    let first = lines.first().expect("the title is drawn");
    // The title panel: the card under the first line of the title.
    let card = picture
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect { rect, .. } if rect.contains(first.rect.min) => Some(*rect),
            _ => None,
        })
        .expect("the title panel");
    assert!(
        card.max[0] <= size.0 as f32 && card.max[1] <= size.1 as f32,
        "{card:?}"
    );
    let caption: Vec<_> = lines.iter().filter(|t| only(&t.text, 'W')).collect();
    assert!(!caption.is_empty(), "the caption is drawn");
    assert!(
        caption.len() <= armistice::scene::layout::CAPTION_LINES,
        "{} caption lines",
        caption.len()
    );
    let title_lines = lines.len() - caption.len();
    assert!((1..=armistice::scene::layout::TITLE_LINES).contains(&title_lines));
    for t in &lines {
        assert!(
            card.contains_rect(&t.rect),
            "a line of {} characters leaves its card: {:?} in {card:?}",
            t.text.chars().count(),
            t.rect
        );
    }
    let drawn: usize = lines.iter().map(|t| t.text.chars().count()).sum();
    assert!(drawn < 2_000, "{drawn} characters drawn of 600,000");
    assert!(
        caption.last().is_some_and(|t| t.text.ends_with('\u{2026}')),
        "cut with an ellipsis"
    );
    // The real command draws it too, into a small file.
    let svg = dir.join("caption.svg");
    let out = armistice(&["render", s(&plan), "--step", "1", "--out", s(&svg)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).expect("svg");
    let longest = text
        .split("<text")
        .skip(1)
        .map(|t| t.split("</text>").next().unwrap_or("").len())
        .max()
        .unwrap_or(0);
    assert!(longest < 1_000, "a <text> of {longest} bytes");
    std::fs::remove_dir_all(&dir).ok();
}

// 6 and 8. Control characters: escaped in XML, never raw on a terminal.

fn hostile_plan(dir: &Path) -> PathBuf {
    let plan = dir.join("hostile.geojson");
    let name = r"Bde \u0000 bell \u0007 \u001b[2J\u001b[HALL RULES PASS";
    let mut features = vec![force("pl\\u001b[31m-1", name, "PL", "4500")];
    features.push(
        r#"{"type": "Feature", "id": "line\u001b]0;pwned\u0007", "geometry": {"type": "LineString",
            "coordinates": [[36.0, 50.5], [37.0, 47.0]]}, "properties": {"kind": "demarcation",
            "name": "Line \u001b[2J\u0000"}}"#
            .to_owned(),
    );
    features.push(
        r#"{"type": "Feature", "id": "area\u001b[2J", "geometry": {"type": "Polygon",
            "coordinates": [[[30.0, 50.0], [31.0, 50.0], [31.0, 51.0], [30.0, 50.0]]]},
            "properties": {"kind": "guarantee-area", "name": "Zone \u001b[2J\u0007"}}"#
            .to_owned(),
    );
    let text = format!(
        r#"{{"type": "FeatureCollection", "armistice": {{"title": "Plan \u001b[2J\u0007\u0000",
            "steps": [{{"title": "Step \u001b[1m", "caption": "cap \u0001\u0008", "findings": true}}]}},
            "features": [{}]}}"#,
        features.join(",")
    );
    std::fs::write(&plan, text).expect("write");
    plan
}

#[test]
fn kml_and_svg_of_control_characters_are_valid_xml() {
    let dir = temp_dir("xml");
    let plan = hostile_plan(&dir);
    let kml = dir.join("out.kml");
    let out = armistice(&["export", s(&plan), "--to", "kml", "--out", s(&kml)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&kml).expect("read");
    roxmltree::Document::parse(&text).expect("the KML is well-formed XML");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        "a raw control character in the KML"
    );
    assert!(text.contains("␀") && text.contains("␇") && text.contains("␛"));
    for ext in ["svg", "png"] {
        let out_file = dir.join(format!("out.{ext}"));
        let out = armistice(&["render", s(&plan), "--out", s(&out_file), "--step", "1"]);
        assert!(out.status.success(), "{ext}: {}", stderr(&out));
        if ext == "svg" {
            let svg = std::fs::read_to_string(&out_file).expect("read");
            roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_terminal_never_gets_a_control_character_from_a_file() {
    let dir = temp_dir("terminal");
    let plan = hostile_plan(&dir);
    let out = armistice(&["check", s(&plan)]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.is_empty(), "{}", stderr(&out));
    let raw = |text: &str| {
        text.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}')
    };
    assert!(!raw(&stdout), "raw control characters in: {stdout:?}");
    assert!(stdout.contains("\\u{1b}[2J"), "{stdout}");
    // Lines of the report are the report's own: a name cannot start one.
    assert!(
        !stdout.lines().any(|l| l.starts_with("ALL RULES PASS")),
        "{stdout}"
    );
    // Messages on stderr too: an id with ESC in a broken file, and in a file name.
    let broken = dir.join("broken\u{1b}[2J.geojson");
    std::fs::write(
        &broken,
        r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x\u001b[2J",
           "geometry": {"type": "Point", "coordinates": [30, 50]}, "properties": {"kind": "force"}}]}"#,
    )
    .expect("write");
    for args in [
        vec!["check", s(&broken)],
        vec!["export", s(&broken), "--to", "kml", "--out", "-"],
    ] {
        let out = armistice(&args);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{message}");
        assert!(!raw(message.trim_end()), "{message:?}");
        assert!(message.contains("x\\u{1b}[2J"), "{message}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

// 7. One validation: every command and the window accept and reject the same files alike.

#[test]
fn every_command_and_the_window_refuse_a_file_with_the_same_message() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let dir = temp_dir("alike");
    let png = dir.join("out.png");
    let kml = dir.join("out.kml");
    let geojson = dir.join("out.geojson");
    for file in [
        "rules-unknown-rule.geojson",
        "rules-bad-parameter.geojson",
        "unknown-measure.geojson",
        "step-unknown-feature.geojson",
        "front-line-does-not-split.geojson",
        "strength-over-ten-million.geojson",
    ] {
        let path = corpus.join(file);
        let runs = [
            armistice(&["check", s(&path)]),
            armistice(&["check", s(&path), "--format", "json"]),
            armistice(&["render", s(&path), "--out", s(&png)]),
            armistice(&["export", s(&path), "--to", "kml", "--out", s(&kml)]),
            armistice(&["export", s(&path), "--to", "geojson", "--out", s(&geojson)]),
        ];
        let first = stderr(&runs[0]);
        assert!(first.contains(file), "{first}");
        for run in &runs {
            assert_eq!(run.status.code(), Some(2), "{file}: {}", stderr(run));
            assert_eq!(stderr(run), first, "{file}: the commands differ");
            assert!(run.stdout.is_empty(), "{file}: printed a report");
        }
        // The window: the same message (without the program's name), nothing opened.
        let window = load_scenario(&path).expect_err("refused").to_string();
        assert_eq!(format!("armistice: {window}\n"), first, "{file}");
        assert!(
            !png.exists() && !kml.exists() && !geojson.exists(),
            "{file}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

// 9. What the program writes, it opens again.

#[test]
fn the_export_of_a_large_compact_plan_opens_again() {
    let dir = temp_dir("large");
    let plan = dir.join("large.geojson");
    // About 45 MB written compactly: pretty-printed it would pass the 64 MiB limit.
    let feature = |i: usize| {
        format!(
            r#"{{"type":"Feature","id":"f-{i}","geometry":{{"type":"Point","coordinates":[{:.4},{:.4}]}},"properties":{{"kind":"force","name":"Force number {i} of the large plan","nation":"PL","component":"land","role":"reassurance","strength":{},"readiness_days":3,"echelon":"battalion","range_km":12.5}}}}"#,
            24.0 + (i % 1000) as f64 * 0.01,
            49.0 + (i / 1000) as f64 * 0.01,
            100 + i % 900
        )
    };
    let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
    let mut i = 0;
    while text.len() < 45_000_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&feature(i));
        i += 1;
    }
    text.push_str("]}");
    std::fs::write(&plan, &text).expect("write");
    drop(text);
    let out_file = dir.join("exported.geojson");
    let out = armistice(&["export", s(&plan), "--to", "geojson", "--out", s(&out_file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let size = std::fs::metadata(&out_file).expect("meta").len();
    assert!(
        size <= armistice::model::scenario::MAX_FILE_BYTES as u64,
        "{size} bytes"
    );
    let reopened = load_scenario(&out_file).expect("the export opens again");
    assert_eq!(reopened.scenario.features.len(), i);
    std::fs::remove_dir_all(&dir).ok();
}

// 10. Temporary files of killed runs are removed, for exports and renders too.

#[cfg(target_os = "linux")]
#[test]
fn temporaries_of_killed_runs_are_removed_by_the_next_export_and_render() {
    let dir = temp_dir("stale");
    let plan = default_plan(&dir);
    // The pid of a process that has ended.
    let mut child = Command::new("true").spawn().expect("true");
    let dead = child.id();
    child.wait().expect("wait");
    let live = std::process::id();
    for (out_name, args) in [
        ("out.kml", vec!["export", "--to", "kml"]),
        ("out.png", vec!["render"]),
    ] {
        let target = dir.join(out_name);
        let stale_old = dir.join(format!(".{out_name}.{dead}.tmp"));
        let stale_new = dir.join(format!(".{out_name}.{dead}.7.tmp"));
        let in_progress = dir.join(format!(".{out_name}.{live}.3.tmp"));
        for f in [&stale_old, &stale_new, &in_progress] {
            std::fs::write(f, "partial").expect("write");
        }
        let mut full: Vec<&str> = vec![args[0], s(&plan)];
        full.extend(&args[1..]);
        full.extend(["--out", s(&target)]);
        let out = armistice(&full);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(target.exists());
        assert!(!stale_old.exists() && !stale_new.exists(), "{out_name}");
        assert!(in_progress.exists(), "a running process's file stays");
    }
    std::fs::remove_dir_all(&dir).ok();
}

// 11. Messages: the corpus holds each case; here what is not a message of a broken file.

#[test]
fn a_zero_area_guarantee_area_covers_zero_not_minus_zero() {
    let dir = temp_dir("zero-area");
    let plan = dir.join("zero.geojson");
    std::fs::write(
        &plan,
        r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "line-a", "geometry": {"type": "LineString",
             "coordinates": [[35.0, 52.5], [36.5, 49.0], [36.0, 46.0]]}, "properties": {"kind": "demarcation"}},
            {"type": "Feature", "id": "area-0", "geometry": {"type": "Polygon",
             "coordinates": [[[30, 50], [30, 50], [30, 50], [30, 50]]]}, "properties": {"kind": "guarantee-area"}}]}"#,
    )
    .expect("write");
    let out = armistice(&["check", s(&plan)]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("-0.0"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

//! `armistice render --all-steps` into a GIF or an MP4, through the real binary: the walkthrough
//! of a two-step plan read back (GIF decoded by the `gif` crate; the MP4's boxes by the `mp4`
//! crate, each held step decoded by OpenH264) for its frame count, duration, codec and size;
//! out-of-range `--fps` and `--size` exit 2 and write nothing. Small pictures keep it quick.

use std::path::{Path, PathBuf};

mod cli;
use cli::{armistice, assert_input_error, temp_dir};

/// A plan of two steps with two-word texts (each held the shortest time, 2 s), the second
/// zoomed on Donbas.
fn two_step_plan(dir: &Path) -> PathBuf {
    let path = dir.join("two-steps.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","armistice":{"title":"Two steps","steps":[
            {"title":"Ukraine","caption":"Whole.","view":[22.0,44.2,40.3,52.5]},
            {"title":"Donbas","caption":"East.","view":[36.9,48.2,38.4,49.1]}]},
           "features":[]}"#,
    )
    .expect("writes the plan");
    path
}

fn render_ok(args: &[&str]) {
    let out = armistice(args);
    assert!(
        out.status.success(),
        "armistice {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 2 s held + 1 s flight + 2 s held at 10 frames a second.
const FPS: u32 = 10;
const FRAMES: u32 = 20 + 10 + 20;
const SECONDS: f64 = 5.0;

/// `sample` (length-prefixed NAL units) decoded by OpenH264 after the parameter sets, as RGB.
fn decode_sample(sps: &[u8], pps: &[u8], sample: &[u8]) -> (Vec<u8>, (usize, usize)) {
    let mut annex_b = Vec::new();
    for nal in [sps, pps] {
        annex_b.extend_from_slice(&[0, 0, 0, 1]);
        annex_b.extend_from_slice(nal);
    }
    let mut rest = sample;
    while rest.len() > 4 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        annex_b.extend_from_slice(&[0, 0, 0, 1]);
        annex_b.extend_from_slice(&rest[4..4 + len]);
        rest = &rest[4 + len..];
    }
    let mut decoder = openh264::decoder::Decoder::new().expect("a decoder");
    let yuv = decoder
        .decode(&annex_b)
        .expect("decodes")
        .expect("a picture");
    use openh264::formats::YUVSource as _;
    let (w, h) = yuv.dimensions();
    let mut rgb = vec![0u8; w * h * 3];
    yuv.write_rgb8(&mut rgb);
    (rgb, (w, h))
}

/// The mean difference a channel between `rgb` and the PNG of `step` of `plan` at 160×90.
fn differs_from_step(dir: &Path, plan: &Path, step: u32, rgb: &[u8]) -> f64 {
    let png = dir.join(format!("step{step}.png"));
    render_ok(&[
        "render",
        plan.to_str().unwrap(),
        "--step",
        &step.to_string(),
        "--out",
        png.to_str().unwrap(),
        "--size",
        "160x90",
    ]);
    let pixmap = tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    let still = pixmap.data();
    let pixels = 160 * 90;
    let mut diff = 0u64;
    for i in 0..pixels {
        for c in 0..3 {
            diff += u64::from(rgb[i * 3 + c].abs_diff(still[i * 4 + c]));
        }
    }
    diff as f64 / (pixels * 3) as f64
}

#[test]
fn a_two_step_mp4_holds_each_step_from_a_key_frame_and_lasts_the_walkthrough() {
    let dir = temp_dir("video-mp4");
    let plan = two_step_plan(&dir);
    let out = dir.join("walk.mp4");
    render_ok(&[
        "render",
        plan.to_str().unwrap(),
        "--all-steps",
        "--out",
        out.to_str().unwrap(),
        "--size",
        "160x90",
        "--fps",
        &FPS.to_string(),
    ]);
    let bytes = std::fs::read(&out).expect("the video was written");
    let size = bytes.len() as u64;
    let mut mp4 =
        mp4::Mp4Reader::read_header(std::io::Cursor::new(bytes), size).expect("an MP4 with moov");
    assert!(
        mp4.compatible_brands()
            .iter()
            .any(|b| b.to_string() == "avc1"),
        "brands {:?}",
        mp4.compatible_brands()
    );
    assert_eq!(mp4.tracks().len(), 1);
    let track = mp4.tracks().get(&1).expect("track 1");
    assert_eq!(
        track.box_type().expect("a sample entry").to_string(),
        "avc1"
    );
    assert_eq!(
        track.media_type().expect("a media type"),
        mp4::MediaType::H264
    );
    assert_eq!((track.width(), track.height()), (160, 90));
    let seconds = track.duration().as_secs_f64();
    assert!((seconds - SECONDS).abs() < 1e-6, "{seconds} s");
    // The track counts time in frames of 1/FPS s (each a thousand ticks).
    let timescale = track.timescale();
    assert_eq!(timescale, FPS * 1000);
    // Constrained baseline (66) or main (77): what PowerPoint, Keynote and browsers play.
    let avcc = &track
        .trak
        .mdia
        .minf
        .stbl
        .stsd
        .avc1
        .as_ref()
        .expect("avc1")
        .avcc;
    assert!(
        [66, 77].contains(&avcc.avc_profile_indication),
        "profile {}",
        avcc.avc_profile_indication
    );
    let sps = avcc.sequence_parameter_sets[0].bytes.clone();
    let pps = avcc.picture_parameter_sets[0].bytes.clone();

    // A held step is a key frame refreshed once a second (each sample lasting until the next);
    // each frame of the flight is its own sample.
    let samples: Vec<mp4::Mp4Sample> = (1..=track.sample_count())
        .map(|i| mp4.read_sample(1, i).expect("reads").expect("a sample"))
        .collect();
    let frame_ticks = timescale / FPS;
    let frames: Vec<u32> = samples.iter().map(|s| s.duration / frame_ticks).collect();
    let mut expected = vec![10, 10];
    expected.extend([1; 10]);
    expected.extend([10, 10]);
    assert_eq!(frames, expected, "each sample's length in frames");
    assert_eq!(frames.iter().sum::<u32>(), FRAMES);
    let mut start = 0;
    for s in &samples {
        assert_eq!(s.start_time, start, "the samples follow one another");
        start += u64::from(s.duration);
    }
    let (first, last) = (&samples[0], &samples[12]);
    assert!(first.is_sync, "the video starts on a key frame");
    assert!(last.is_sync, "the last step's hold starts on a key frame");
    assert!(
        samples[1..12].iter().all(|s| !s.is_sync),
        "the refresh and the flight are predicted frames"
    );

    // Each hold decodes on its own to its step's map: compare with the PNGs of the steps.
    for (step, sample) in [(1, first), (2, last)] {
        let (rgb, size) = decode_sample(&sps, &pps, &sample.bytes);
        assert_eq!(size, (160, 90));
        let mean = differs_from_step(&dir, &plan, step, &rgb);
        assert!(
            mean < 12.0,
            "step {step}'s hold differs from its PNG by {mean} a channel"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_two_step_gif_holds_each_step_and_flies_between() {
    let dir = temp_dir("video-gif");
    let plan = two_step_plan(&dir);
    let out = dir.join("walk.gif");
    render_ok(&[
        "render",
        plan.to_str().unwrap(),
        "--all-steps",
        "--out",
        out.to_str().unwrap(),
        "--size",
        "120x80",
        "--fps",
        &FPS.to_string(),
    ]);
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&out).expect("the video was written"))
        .expect("a GIF");
    assert_eq!((decoder.width(), decoder.height()), (120, 80));
    let mut delays = Vec::new();
    let mut firsts = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        assert_eq!((frame.width, frame.height), (120, 80));
        delays.push(frame.delay);
        firsts.push(frame.buffer.to_vec());
    }
    // One frame for each held step (shown 2 s) and one for each of the flight's 10 frames.
    assert_eq!(delays.len(), 1 + 10 + 1, "{delays:?}");
    assert_eq!(delays.first(), Some(&200));
    assert_eq!(delays.last(), Some(&200));
    assert!(delays[1..11].iter().all(|d| *d == 10), "{delays:?}");
    let total: u32 = delays.iter().map(|d| u32::from(*d)).sum();
    assert_eq!(f64::from(total) / 100.0, SECONDS);
    // The flight starts with the new step's text over the old view, then moves the view.
    assert_ne!(
        firsts[0], firsts[1],
        "the title changes as the flight starts"
    );
    assert_ne!(firsts[1], firsts[6], "the view moves");
    let distinct: std::collections::HashSet<&Vec<u8>> = firsts.iter().collect();
    assert!(distinct.len() >= 8, "{} distinct frames", distinct.len());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn out_of_range_fps_and_size_exit_2_and_write_nothing() {
    let dir = temp_dir("video-bad");
    let plan = two_step_plan(&dir);
    let plan = plan.to_str().unwrap();
    let mp4 = dir.join("walk.mp4");
    let mp4 = mp4.to_str().unwrap();
    let gif = dir.join("walk.gif");
    let gif = gif.to_str().unwrap();
    let png = dir.join("map.png");
    let png = png.to_str().unwrap();
    let video = |out: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["render", plan, "--all-steps", "--out", out];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect()
    };
    for (args, expect) in [
        (
            video(mp4, &["--fps", "0"]),
            vec!["walk.mp4", "--fps 0", "1 to 60"],
        ),
        (
            video(gif, &["--fps", "61"]),
            vec!["walk.gif", "--fps 61", "1 to 60"],
        ),
        (
            video(gif, &["--fps", "2.5"]),
            vec!["walk.gif", "--fps 2.5", "whole number"],
        ),
        (
            video(mp4, &["--size", "15x90"]),
            vec!["walk.mp4", "--size 15x90", "16 to 16384"],
        ),
        (
            video(gif, &["--size", "100x16385"]),
            vec!["walk.gif", "16 to 16384"],
        ),
        (
            video(gif, &["--size", "wide"]),
            vec!["walk.gif", "--size wide", "WIDTHxHEIGHT"],
        ),
        (
            video(mp4, &["--size", "161x90"]),
            vec!["walk.mp4", "--size 161x90", "even"],
        ),
        (
            video(mp4, &["--size", "7680x4320"]),
            vec!["walk.mp4", "3840x2160"],
        ),
        (
            vec!["render", plan, "--out", png, "--fps", "25"]
                .into_iter()
                .map(str::to_owned)
                .collect(),
            vec!["map.png", "--fps", ".gif or .mp4"],
        ),
        (
            vec!["render", plan, "--out", mp4]
                .into_iter()
                .map(str::to_owned)
                .collect(),
            vec!["walk.mp4", "--all-steps"],
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_input_error(&dir, &args, &expect);
    }
    // A plan without steps has no walkthrough.
    let empty = dir.join("no-steps.geojson");
    std::fs::write(&empty, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    assert_input_error(
        &dir,
        &[
            "render",
            empty.to_str().unwrap(),
            "--all-steps",
            "--out",
            gif,
        ],
        &["no-steps.geojson", "armistice.steps"],
    );
    std::fs::remove_dir_all(&dir).ok();
}

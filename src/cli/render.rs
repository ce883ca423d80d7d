//! `armistice render` (contract.md): headless SVG, PNG and PDF, and the walkthrough as a GIF or
//! MP4 video.

use crate::export::video::{self, VideoError, VideoFormat};
use crate::export::{self, ExportError, ExportScene, MapPage};
use crate::io::{refuse_inputs, write_output};
use crate::model::{BaseMap, load_scenario};
use anyhow::Context as _;
use std::path::Path;
use std::process::ExitCode;

/// The file types `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputKind {
    Png,
    Svg,
    Pdf,
    Gif,
    Mp4,
}

impl OutputKind {
    fn video(self) -> Option<VideoFormat> {
        match self {
            Self::Gif => Some(VideoFormat::Gif),
            Self::Mp4 => Some(VideoFormat::Mp4),
            Self::Png | Self::Svg | Self::Pdf => None,
        }
    }
}

/// Why a render stopped: bad input (exit 2, nothing written) or a failure of our own.
enum Failure {
    Input(String),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

/// What `render` was asked for.
pub struct RenderArgs<'a> {
    /// The scenario.
    pub file: &'a Path,
    /// The output.
    pub out: &'a Path,
    /// `--step N` (1-based).
    pub step: Option<usize>,
    /// `--all-steps`.
    pub all_steps: bool,
    /// `--size`, as typed (`None`: 1920x1080).
    pub size: Option<&'a str>,
    /// `--fps`, as typed (`None`: 25).
    pub fps: Option<&'a str>,
}

/// `armistice render FILE --out OUT [--step N | --all-steps] [--size WxH] [--fps N]`.
pub fn run(args: &RenderArgs<'_>) -> anyhow::Result<ExitCode> {
    match render(args) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Failure::Input(message)) => Ok(super::input_error(&message)),
        Err(Failure::Internal(e)) => Err(e),
    }
}

fn output_kind(out: &Path) -> Result<OutputKind, Failure> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("png") => Ok(OutputKind::Png),
        Some("svg") => Ok(OutputKind::Svg),
        Some("pdf") => Ok(OutputKind::Pdf),
        Some("gif") => Ok(OutputKind::Gif),
        Some("mp4") => Ok(OutputKind::Mp4),
        other => Err(Failure::Input(format!(
            "{}: {}: expected a file name ending in .png, .svg, .pdf, .gif or .mp4",
            out.display(),
            other.map_or_else(
                || "no extension".to_owned(),
                |e| format!("unknown output type \".{e}\"")
            )
        ))),
    }
}

/// Reads `--size WxH`.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "--size {text}: expected WIDTHxHEIGHT in pixels such as 1920x1080, each side from {} to {}",
            video::SIDE_RANGE.start(),
            video::SIDE_RANGE.end()
        )
    };
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let side = |v: &str| -> Result<u32, String> {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| video::SIDE_RANGE.contains(n))
            .ok_or_else(bad)
    };
    Ok((side(w)?, side(h)?))
}

/// Reads `--fps N`.
fn parse_fps(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| video::FPS_RANGE.contains(n))
        .ok_or_else(|| {
            format!(
                "--fps {text}: expected a whole number of frames a second from {} to {}",
                video::FPS_RANGE.start(),
                video::FPS_RANGE.end()
            )
        })
}

fn render(args: &RenderArgs<'_>) -> Result<(), Failure> {
    let &RenderArgs {
        file,
        out,
        step,
        all_steps,
        ..
    } = args;
    let kind = output_kind(out)?;
    let at_out = |why: String| Failure::Input(format!("{}: {why}", out.display()));
    let size = match args.size {
        Some(text) => parse_size(text).map_err(at_out)?,
        None => video::DEFAULT_SIZE,
    };
    let fps = match (args.fps, kind.video()) {
        (Some(text), Some(_)) => parse_fps(text).map_err(at_out)?,
        (Some(_), None) => {
            return Err(at_out(
                "--fps applies to videos only: expected a .gif or .mp4 output".to_owned(),
            ));
        }
        (None, _) => video::DEFAULT_FPS,
    };
    if let Some(format) = kind.video() {
        format.check(size, fps).map_err(at_out)?;
        if !all_steps {
            return Err(at_out(format!(
                "a .{} is the walkthrough of every step: expected --all-steps",
                format.extension()
            )));
        }
    } else if all_steps && kind != OutputKind::Pdf {
        return Err(at_out(
            "--all-steps writes one page per step or a video: expected a .pdf, .gif or .mp4 output"
                .to_owned(),
        ));
    }
    let name = file.display().to_string();
    let refuse =
        |input: &Path| refuse_inputs(out, &[input]).map_err(|e| Failure::Input(e.to_string()));
    refuse(file)?;
    let loaded = load_scenario(file).map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(front) = loaded.front_line_path() {
        refuse(&front)?;
    }
    let steps = loaded.scenario.steps.len();
    if let Some(n) = step
        && !(1..=steps).contains(&n)
    {
        return Err(Failure::Input(if steps == 0 {
            format!(
                "{name}: property \"armistice.steps\": --step {n} asked, but the scenario has no steps"
            )
        } else {
            format!(
                "{name}: property \"armistice.steps\": --step {n} asked, expected 1 to {steps} (the scenario has {steps} steps)"
            )
        }));
    }
    if all_steps && steps == 0 {
        return Err(Failure::Input(format!(
            "{name}: property \"armistice.steps\": --all-steps asked, but the scenario has no steps"
        )));
    }
    let map = BaseMap::bundled().context("the bundled map data is invalid")?;
    let scene = ExportScene::new(&map, loaded.scenario, loaded.front_line.as_ref()).map_err(
        |e| match e {
            ExportError::FrontLine(why) => {
                Failure::Input(format!("{name}: property \"armistice.front_line\": {why}"))
            }
            other => Failure::Internal(other.into()),
        },
    )?;

    let bytes = if let Some(format) = kind.video() {
        video::walkthrough(&scene, format, size, fps, &mut |_, _| {
            std::ops::ControlFlow::Continue(())
        })
        .map_err(|e| match e {
            VideoError::Settings(why) => at_out(why),
            other => Failure::Internal(anyhow::Error::new(other).context("cannot make the video")),
        })?
    } else if all_steps {
        scene
            .steps_pdf(size, &mut |_, _| {})
            .context("cannot make the PDF")?
    } else {
        let page: MapPage = match step {
            Some(n) => scene.step_page(n - 1).context("the step went missing")?,
            None => scene.overview_page(),
        };
        let svg = scene.svg(&page, size);
        match kind {
            OutputKind::Svg => export::svg_document(&svg)
                .context("cannot make the SVG")?
                .into_bytes(),
            OutputKind::Png => export::png(&svg).context("cannot make the PNG")?,
            OutputKind::Pdf => {
                export::pdf_deck([svg], 1, &mut |_, _| {}).context("cannot make the PDF")?
            }
            OutputKind::Gif | OutputKind::Mp4 => unreachable!("videos are made above"),
        }
    };
    write_output(out, &bytes).map_err(|e| Failure::Input(e.to_string()))
}

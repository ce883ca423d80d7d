//! The command line of contract.md: `armistice [FILE]` opens the window; `check`, `rules`,
//! `render` and `export` run headless. Exit statuses have one meaning each: 0 success, 1 at least
//! one error finding (`check`), 2 input unreadable or invalid (nothing is written then).

mod check;
mod export;
mod render;

use crate::model::Document;
use crate::model::{BaseMap, Scenario, load_scenario};
use crate::scene::BaseScene;
use crate::ui::ArmisticeApp;
use anyhow::Context as _;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};

/// Exit status for a check that found at least one error.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for unreadable or invalid input.
pub const EXIT_INPUT: u8 = 2;

/// Prints `message` on standard error as the one message of an input error, with every control
/// character from the input escaped (a crafted name must not drive the terminal), and returns
/// exit status 2.
pub fn input_error(message: &str) -> ExitCode {
    eprintln!("armistice: {}", crate::escape::terminal(message));
    ExitCode::from(EXIT_INPUT)
}

/// Armistice: plan and check a ceasefire line, guarantor forces and deterrence for Ukraine.
#[derive(Debug, Parser)]
#[command(
    name = "armistice",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A scenario file (GeoJSON) to open; without one, the bundled default scenario opens.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format of `check` and `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text for people.
    Text,
    /// JSON for scripts.
    Json,
}

/// Target format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The scenario written back as GeoJSON, without loss.
    Geojson,
    /// KML for Google Earth, with the steps as a tour.
    Kml,
}

/// The headless commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Evaluate every rule on one or more scenarios and print the report.
    ///
    /// Exit status: 0 no error finding, 1 at least one error finding, 2 input unreadable or invalid.
    Check {
        /// Scenario files (GeoJSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A JSON file of rule parameters (`{"front-standoff": {"min_km": 80}}`), applied over
        /// each scenario's own `armistice.rules`.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// List every rule: id, what it checks, parameters with defaults, sources.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Draw the map headless (no GPU, no display) to PNG, SVG or PDF, or the walkthrough of
    /// every step as a GIF or MP4 video.
    Render {
        /// Scenario file (GeoJSON).
        file: PathBuf,
        /// Output file; the extension (.png, .svg, .pdf, .gif or .mp4) chooses the format.
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
        /// Draw this presentation step (1-based) with its view, layers, title and caption.
        #[arg(long, value_name = "N", conflicts_with = "all_steps")]
        step: Option<usize>,
        /// Draw every step: one PDF page each, or a GIF or MP4 video of the walkthrough (each
        /// step held long enough to read, eased flights between them).
        #[arg(long)]
        all_steps: bool,
        /// Size in pixels (PNG, GIF, MP4) or points (SVG, PDF), each side 16 to 16384 (MP4: even,
        /// at most 3840x2160) [default: 1920x1080].
        #[arg(long, value_name = "WxH")]
        size: Option<String>,
        /// Frames a second of a GIF or MP4, 1 to 60 [default: 25].
        #[arg(long, value_name = "N")]
        fps: Option<String>,
    },
    /// Write the scenario in another format.
    Export {
        /// Scenario file (GeoJSON).
        file: PathBuf,
        /// Target format.
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Output file.
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
    },
}

/// Runs the command line.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            files,
            format,
            rules,
        }) => return check::run_check(&files, format, rules.as_deref()),
        Some(Command::Rules { format }) => return check::run_rules(format),
        Some(Command::Render {
            file,
            out,
            step,
            all_steps,
            size,
            fps,
        }) => {
            return render::run(&render::RenderArgs {
                file: &file,
                out: &out,
                step,
                all_steps,
                size: size.as_deref(),
                fps: fps.as_deref(),
            });
        }
        Some(Command::Export { file, to, out }) => return export::run(&file, to, &out),
        None => {}
    }
    let doc = match &cli.file {
        Some(path) => match load_scenario(path) {
            Ok(loaded) => Document::from_loaded(loaded),
            Err(e) => return Ok(input_error(&e.to_string())),
        },
        None => Document::unsaved(
            Scenario::bundled_default().context("the bundled default scenario is invalid")?,
        ),
    };
    let prepared = prepare_in_background();
    run_window(prepared, doc)?;
    Ok(ExitCode::SUCCESS)
}

/// The bundled map, parsed and prepared for drawing.
type PreparedMap = (BaseMap, Arc<BaseScene>);

/// Parses and prepares the bundled map on a thread, so it overlaps with opening the window; the
/// thread then goes on making the remaining levels of detail, nearest the usual views first.
fn prepare_in_background() -> mpsc::Receiver<Result<PreparedMap, String>> {
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("map-prepare".to_owned())
        .spawn(move || {
            let base = match BaseMap::bundled() {
                Ok(base) => base,
                Err(e) => {
                    let _ = tx.send(Err(format!("the bundled map data is invalid: {e}")));
                    return;
                }
            };
            log::debug!("bundled map data parsed");
            let scene = Arc::new(BaseScene::new(&base));
            log::debug!("scene prepared");
            if tx.send(Ok((base, Arc::clone(&scene)))).is_ok() {
                scene.warm();
                log::debug!("every level of detail made");
            }
        });
    if let Err(e) = spawned {
        // No thread: prepare on this one.
        log::warn!("cannot start the map preparation thread ({e})");
        let (tx, rx) = mpsc::sync_channel(1);
        let _ = tx.send(
            BaseMap::bundled()
                .map(|base| {
                    let scene = Arc::new(BaseScene::new(&base));
                    (base, scene)
                })
                .map_err(|e| format!("the bundled map data is invalid: {e}")),
        );
        return rx;
    }
    rx
}

fn run_window(
    prepared: mpsc::Receiver<Result<PreparedMap, String>>,
    doc: Document,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Armistice")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_app_id("armistice")
            .with_icon(crate::ui::app_icon()),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Armistice",
        options,
        Box::new(move |cc| {
            let (base, scene) = prepared
                .recv()
                .map_err(|_| "the map preparation thread stopped".to_owned())??;
            Ok(Box::new(ArmisticeApp::from_creation_context(
                cc, base, scene, doc,
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

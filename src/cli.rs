//! The command line: `armistice [FILE]` opens the window. Exit statuses have one meaning each
//! (contract.md): 0 success, 2 input unreadable or invalid.

use crate::model::{BaseMap, Scenario};
use crate::ui::{ArmisticeApp, Document};
use anyhow::Context as _;
use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit status for unreadable or invalid input.
pub const EXIT_INPUT: u8 = 2;

/// Armistice: plan and check a ceasefire line, guarantor forces and deterrence for Ukraine.
#[derive(Debug, Parser)]
#[command(name = "armistice", version, about)]
pub struct Cli {
    /// A scenario file (GeoJSON) to open; without one, the bundled default scenario opens.
    pub file: Option<PathBuf>,
}

/// An input problem: reported once on stderr, exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// Reads and parses a scenario file; the message names the file.
pub fn load_scenario(path: &Path) -> Result<Scenario, InputError> {
    let name = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| InputError(format!("{name}: cannot read: {e}")))?;
    if meta.len() > crate::model::scenario::MAX_FILE_BYTES as u64 {
        return Err(InputError(format!(
            "{name}: {} bytes is too large for a scenario (at most {} bytes)",
            meta.len(),
            crate::model::scenario::MAX_FILE_BYTES
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError(format!("{name}: cannot read: {e}")))?;
    Scenario::parse(&name, &text).map_err(|e| InputError(e.to_string()))
}

/// Runs the command line.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let doc = match &cli.file {
        Some(path) => match load_scenario(path) {
            Ok(scenario) => Document {
                scenario,
                path: Some(path.clone()),
            },
            Err(e) => {
                eprintln!("armistice: {e}");
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        },
        None => Document {
            scenario: Scenario::bundled_default()
                .context("the bundled default scenario is invalid")?,
            path: None,
        },
    };
    let base = BaseMap::bundled().context("the bundled map data is invalid")?;
    run_window(base, doc)?;
    Ok(ExitCode::SUCCESS)
}

fn run_window(base: BaseMap, doc: Document) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Armistice")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Armistice",
        options,
        Box::new(move |cc| Ok(Box::new(ArmisticeApp::from_creation_context(cc, base, doc)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

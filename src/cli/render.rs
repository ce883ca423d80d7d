//! `armistice render` (contract.md): headless SVG, PNG and PDF.

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

/// `armistice render FILE --out OUT [--step N | --all-steps] [--size WxH]`.
pub fn run(
    file: &Path,
    out: &Path,
    step: Option<usize>,
    all_steps: bool,
    size: (u32, u32),
) -> anyhow::Result<ExitCode> {
    match render(file, out, step, all_steps, size) {
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
        other => Err(Failure::Input(format!(
            "{}: {}: expected a file name ending in .png, .svg or .pdf",
            out.display(),
            other.map_or_else(
                || "no extension".to_owned(),
                |e| format!("unknown output type \".{e}\"")
            )
        ))),
    }
}

fn render(
    file: &Path,
    out: &Path,
    step: Option<usize>,
    all_steps: bool,
    size: (u32, u32),
) -> Result<(), Failure> {
    let kind = output_kind(out)?;
    if all_steps && kind != OutputKind::Pdf {
        return Err(Failure::Input(format!(
            "{}: --all-steps writes one page per step: expected a .pdf output",
            out.display()
        )));
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

    let bytes = if all_steps {
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
        }
    };
    write_output(out, &bytes).map_err(|e| Failure::Input(e.to_string()))
}

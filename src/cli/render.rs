//! `armistice render` (contract.md): headless SVG, PNG and PDF.

use std::path::Path;
use std::process::ExitCode;

/// `armistice render FILE --out OUT [--step N | --all-steps] [--size WxH]`.
pub fn run(
    file: &Path,
    out: &Path,
    step: Option<usize>,
    all_steps: bool,
    size: (u32, u32),
) -> anyhow::Result<ExitCode> {
    let _ = (file, out, step, all_steps, size);
    anyhow::bail!("`armistice render` is being built (issue 6)")
}

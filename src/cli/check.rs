//! `armistice check` and `armistice rules` (contract.md).

use super::Format;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `armistice check FILE... [--format] [--rules FILE]`.
pub fn run_check(
    files: &[PathBuf],
    format: Format,
    rules: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let _ = (files, format, rules);
    anyhow::bail!("`armistice check` is being built (issue 5)")
}

/// `armistice rules [--format]`.
pub fn run_rules(format: Format) -> anyhow::Result<ExitCode> {
    let _ = format;
    anyhow::bail!("`armistice rules` is being built (issue 5)")
}

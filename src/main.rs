//! The `armistice` binary: all the work is in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    env_logger::Builder::from_default_env()
        .format_timestamp_millis()
        .init();
    match armistice::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "armistice: {}",
                armistice::escape::terminal(&format!("{e:#}"))
            );
            ExitCode::FAILURE
        }
    }
}

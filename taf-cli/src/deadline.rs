//! `--deadline`: how long a command that follows pages may take in all, and the parser of
//! durations in seconds.

use std::time::Duration;

use clap::Args;

/// The option of the commands that page or poll: `taf status`, `taf watch`.
#[derive(Debug, Args)]
pub(crate) struct DeadlineArgs {
    /// Seconds the whole command may take, every page, retry and pause included; past it the
    /// command stops with exit 4 (a server that keeps sending new records cannot hold it).
    #[arg(long, value_name = "SECONDS", default_value = "3600", value_parser = parse_seconds)]
    pub(crate) deadline: Duration,
}

/// A number of seconds, fractions allowed.
pub(crate) fn parse_seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| format!("expected a number of seconds, got {text:?}"))
}

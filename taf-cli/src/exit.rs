//! Exit codes, and the errors that end a command with one.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use taf_core::http::EndpointError;
use taf_core::preflight::Verdict;
use taf_core::{BuildErrorKind, DecodeError, PagingError, RequestError};

/// The exit codes, as `taf --help` lists them.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success: a clean verdict, every item accepted, every record in a good final state
  1  warnings only, or records still waiting or in progress
  2  rejected: preflight errors, items or requests the server rejected, records in error,
     nothing found
  3  usage or file error: a bad option, a file that cannot be read, written or built
  4  server or network failure: unreachable, an HTTP error after the retries, an unreadable
     answer";

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exit {
    /// Nothing to report (0).
    Clean,
    /// Warnings, or work still in progress (1).
    Attention,
    /// Something was or would be rejected (2).
    Rejected,
}

impl Exit {
    /// The exit of a preflight verdict: 0 clean, 1 warnings only, 2 any rejection.
    pub(crate) fn of_verdict(verdict: &Verdict) -> Self {
        match verdict.exit_code() {
            0 => Self::Clean,
            1 => Self::Attention,
            _ => Self::Rejected,
        }
    }

    /// The process exit code.
    pub(crate) fn code(self) -> u8 {
        match self {
            Self::Clean => 0,
            Self::Attention => 1,
            Self::Rejected => 2,
        }
    }
}

/// Why a command stopped before its end.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The standard output or error went away.
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    /// An event file cannot become a lote item.
    #[error("{}: {kind}{hint}", path.display())]
    Event {
        /// The event file.
        path: PathBuf,
        /// Why.
        kind: BuildErrorKind,
        /// What to do about it, with a leading space, or empty.
        hint: &'static str,
    },
    /// A file is not the JSON it should be.
    #[error("{} is not {what}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What it should hold.
        what: &'static str,
        /// Why.
        source: serde_json::Error,
    },
    /// `taf serve` could not start.
    #[error("cannot listen on {addr}: {detail}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        detail: String,
    },
    /// The Ctrl-C handler could not be installed.
    #[error("cannot install the Ctrl-C handler: {0}")]
    Signal(#[from] ctrlc::Error),
    /// `--url` is not a service URL.
    #[error("invalid URL {url:?}: {source}")]
    Url {
        /// The URL given.
        url: String,
        /// Why.
        source: EndpointError,
    },
    /// No answer came back.
    #[error("no answer from {url}: {detail}")]
    Transport {
        /// The request's URL.
        url: String,
        /// Why.
        detail: String,
    },
    /// The server refused the request, or kept failing.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The pages did not add up.
    #[error("paging stopped: {0}")]
    Paging(#[from] PagingError),
    /// The answer could not be decoded.
    #[error("unreadable answer: {0}")]
    Decode(#[from] DecodeError),
}

impl CliError {
    /// The process exit code: 2 for a request the server rejected, 3 for usage and file errors,
    /// 4 for server and network failures.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Self::Request(RequestError::Rejected(_)) => 2,
            Self::Read { .. }
            | Self::Write { .. }
            | Self::Output(_)
            | Self::Event { .. }
            | Self::Json { .. }
            | Self::Listen { .. }
            | Self::Signal(_)
            | Self::Url { .. } => 3,
            Self::Transport { .. } | Self::Request(_) | Self::Paging(_) | Self::Decode(_) => 4,
        }
    }
}

//! Exit codes, and the errors that end a command with one.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use live_core::LiveError;
use taf_core::http::EndpointError;
use taf_core::preflight::Verdict;
use taf_core::{BuildErrorKind, DecodeError, PagingError, RequestError};

/// The exit codes, as `taf --help` lists them.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success: a clean verdict, every item accepted, every record in a good final state
  1  warnings only, or records still waiting or in progress
  2  rejected: preflight errors, items or requests the server rejected (Live SOAP faults
     included), records or tickets in error, nothing found
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
    /// `taf serve` could not open its tables.
    #[error("cannot open the emulator's tables ({storage}): {source}")]
    State {
        /// Where they are.
        storage: crate::serve::Storage,
        /// Why.
        source: taf_store::OpenError,
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
    /// `taf live` needs `--user` (and its password) to fetch an access key.
    #[error("fetching an access key needs --user and its password (LIVE_PASSWORD)")]
    LiveLogin,
    /// The Live connector answered with a SOAP fault.
    #[error(
        "the Live connector answered with a fault: {}{hint}",
        fault_text(fault)
    )]
    LiveFault {
        /// The fault.
        fault: LiveError,
        /// What to do about it, with a leading space, or empty.
        hint: &'static str,
    },
    /// The Live connector answered something other than the SOAP response expected.
    #[error("unreadable answer from the Live connector: {0}")]
    LiveAnswer(LiveError),
    /// The Live connector answered with an HTTP error status and no fault.
    #[error("the Live connector at {url} answered HTTP {status}")]
    LiveHttp {
        /// The endpoint.
        url: String,
        /// The HTTP status.
        status: u16,
    },
}

/// A fault's text, followed by its `faultcode` when there is one.
fn fault_text(fault: &LiveError) -> String {
    match &fault.fault_code {
        Some(code) if !code.is_empty() => format!("{} [{code}]", fault.detail),
        _ => fault.detail.clone(),
    }
}

impl CliError {
    /// The process exit code: 2 for a request the server rejected, 3 for usage and file errors,
    /// 4 for server and network failures.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Self::Request(RequestError::Rejected(_)) | Self::LiveFault { .. } => 2,
            Self::Read { .. }
            | Self::Write { .. }
            | Self::Output(_)
            | Self::Event { .. }
            | Self::Json { .. }
            | Self::Listen { .. }
            | Self::State { .. }
            | Self::Signal(_)
            | Self::Url { .. }
            | Self::LiveLogin => 3,
            Self::Transport { .. }
            | Self::Request(_)
            | Self::Paging(_)
            | Self::Decode(_)
            | Self::LiveAnswer(_)
            | Self::LiveHttp { .. } => 4,
        }
    }
}

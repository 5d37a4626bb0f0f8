//! Exit codes, and the errors that end a command with one.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use live_core::LiveError;
use taf_core::preflight::Verdict;
use taf_core::{BuildError, DecodeError, EndpointError, PagingError, RequestError};

use crate::files::Limit;
use crate::output::thousands;

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
    /// A file to read is a FIFO, a device or a directory: reading it could block or never end.
    #[error("cannot read {}: it is {kind}, not a regular file", path.display())]
    NotAFile {
        /// The file.
        path: PathBuf,
        /// What it is.
        kind: &'static str,
    },
    /// A file to read is larger than the command takes; nothing of it was read.
    #[error(
        "cannot read {}: {} bytes, more than the {} {}",
        path.display(),
        thousands(usize::try_from(*size).unwrap_or(usize::MAX)),
        thousands(usize::try_from(limit.bytes).unwrap_or(usize::MAX)),
        limit.reason
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit it broke.
        limit: Limit,
    },
    /// A lote carries more items than `taf serve` accepts.
    #[error(
        "{} holds {} items, more than the {} a lote may carry (taf serve answers HTTP 413 \
         beyond it); split it with taf build --max-items",
        path.display(),
        thousands(*items),
        thousands(*limit)
    )]
    TooManyItems {
        /// The lote file.
        path: PathBuf,
        /// Its items.
        items: usize,
        /// The limit.
        limit: usize,
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
    #[error("{}: {}{hint}", path.display(), error.detail())]
    Event {
        /// The event file.
        path: PathBuf,
        /// Why.
        error: BuildError,
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
    #[error("invalid URL {:?}: {source}", redact(url))]
    Url {
        /// The URL given.
        url: String,
        /// Why.
        source: EndpointError,
    },
    /// No answer came back.
    #[error("no answer from {}: {}", redact(url), redact(detail))]
    Transport {
        /// The request's URL.
        url: String,
        /// Why.
        detail: String,
    },
    /// The request may have reached the server, but its answer broke off or never came.
    #[error("no answer from {}: {}", redact(url), redact(detail))]
    Interrupted {
        /// The request's URL.
        url: String,
        /// Why.
        detail: String,
    },
    /// A POST's answer does not tell what the server stored; the lote was not sent again.
    #[error(
        "the outcome of {lote} is unknown ({reason}): the server may have stored some of its \
         items, so it was not sent again{rest}"
    )]
    OutcomeUnknown {
        /// The lote (its file).
        lote: String,
        /// Why the outcome is unknown.
        reason: String,
        /// What else was not sent, with a leading separator, or empty.
        rest: String,
    },
    /// The command ran out of its `--deadline`.
    #[error(
        "stopped at the --deadline of {} s; what came before is above",
        limit.as_secs_f64()
    )]
    Deadline {
        /// The deadline given.
        limit: Duration,
    },
    /// `taf watch` met more records than it follows.
    #[error(
        "the ticket holds more than {} records, more than taf watch follows (--max-keys)",
        thousands(*limit)
    )]
    TooManyKeys {
        /// The limit.
        limit: usize,
    },
    /// A page carried a `registryKey` longer than TAFST2 can hold: not a WSTAFST2 answer.
    #[error(
        "the server sent a registryKey of {} characters; TAFKEY holds {limit}: not following it",
        thousands(*length)
    )]
    KeyTooLong {
        /// The key's length in characters.
        length: usize,
        /// The most a key can have.
        limit: usize,
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
    /// A Live call's input cannot be sent (ticket "0" to confirm, ...).
    #[error("{0}")]
    LiveInput(LiveError),
    /// The Live connector answered something other than the SOAP response expected.
    #[error("unreadable answer from the Live connector: {0}")]
    LiveAnswer(LiveError),
    /// The Live connector answered with an HTTP error status and no fault.
    #[error("the Live connector at {} answered HTTP {status}", redact(url))]
    LiveHttp {
        /// The endpoint.
        url: String,
        /// The HTTP status.
        status: u16,
    },
}

/// `text` with the user and password of every URL in it replaced by `***`
/// (`http://***@host/path`): credentials given in a URL are never echoed.
pub(crate) fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let authority_end = tail.find(['/', '?', '#', ' ', '"']).unwrap_or(tail.len());
        match tail
            .get(..authority_end)
            .and_then(|authority| authority.rfind('@'))
        {
            Some(user_end) => {
                out.push_str("***");
                rest = tail.get(user_end..).unwrap_or_default();
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// A fault's text, followed by its `faultcode` when there is one.
fn fault_text(fault: &LiveError) -> String {
    match fault.fault_code() {
        Some(code) if !code.is_empty() => format!("{} [{code}]", fault.detail()),
        _ => fault.detail().to_owned(),
    }
}

impl CliError {
    /// The process exit code: 2 for a request the server rejected, 3 for usage and file errors,
    /// 4 for server and network failures.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Self::Request(RequestError::Rejected(_))
            | Self::LiveFault { .. }
            | Self::TooManyItems { .. } => 2,
            Self::Read { .. }
            | Self::NotAFile { .. }
            | Self::TooLarge { .. }
            | Self::Write { .. }
            | Self::Output(_)
            | Self::Event { .. }
            | Self::Json { .. }
            | Self::Listen { .. }
            | Self::State { .. }
            | Self::Signal(_)
            | Self::Url { .. }
            | Self::LiveLogin
            | Self::LiveInput(_) => 3,
            Self::Transport { .. }
            | Self::Interrupted { .. }
            | Self::Deadline { .. }
            | Self::TooManyKeys { .. }
            | Self::KeyTooLong { .. }
            | Self::OutcomeUnknown { .. }
            | Self::Request(_)
            | Self::Paging(_)
            | Self::Decode(_)
            | Self::LiveAnswer(_)
            | Self::LiveHttp { .. } => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_the_user_and_password_of_every_url() {
        assert_eq!(
            redact("http://bob:s3cr3t@host:8085/rest?a=b@c"),
            "http://***@host:8085/rest?a=b@c"
        );
        assert_eq!(
            redact("GET https://t@k:en@h/x failed, then http://h2/y"),
            "GET https://***@h/x failed, then http://h2/y"
        );
        assert_eq!(redact("http://host/p@q"), "http://host/p@q");
        assert_eq!(redact("no url here: a@b"), "no url here: a@b");
    }
}

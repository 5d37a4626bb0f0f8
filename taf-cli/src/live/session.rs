//! Drives live-core's [`Session`] over the command's transport: the drive loop of the session's
//! documentation, and what its end means for the command. The rule itself (fetch a key, renew
//! it once when refused, judge by fault before HTTP status) lives in live-core.

use live_core::session::{Call, Finished, Outcome, Output, Session};
use live_core::{LiveErrorKind, Operation};
use taf_core::http::HttpRequest;

use crate::client::Transport;
use crate::exit::CliError;

/// A session and the transport it talks through.
pub(crate) struct Driver<T> {
    session: Session,
    transport: T,
    url: String,
}

impl<T: Transport> Driver<T> {
    /// Drives `session` (for the endpoint `url`) through `transport`.
    pub(crate) fn new(session: Session, transport: T, url: &str) -> Self {
        Self {
            session,
            transport,
            url: url.to_owned(),
        }
    }

    /// Makes `call` until the session finishes; an error means no answer came (or a request
    /// could not be written).
    pub(crate) fn call(&mut self, call: Call) -> Result<Finished, CliError> {
        self.session.start(call);
        let mut sent_call = false;
        loop {
            let request = match self.session.poll_output() {
                Some(Output::Transmit(request)) => request,
                Some(Output::Finished(finished)) => return Ok(finished),
                None => {
                    return Err(CliError::Transport {
                        url: self.url.clone(),
                        detail: "the Live session stalled".to_owned(),
                    });
                }
            };
            if request.operation == Operation::AccessKey && sent_call {
                eprintln!("taf: the Live connector refused the access key; fetching a new one");
            }
            sent_call |= request.operation != Operation::AccessKey;
            let url = request.url.clone();
            let failed = |detail: String| CliError::Transport {
                url: url.clone(),
                detail,
            };
            let request = request
                .into_http()
                .map_err(|error| failed(error.to_string()))
                .and_then(|http| {
                    HttpRequest::try_from(http).map_err(|error| failed(error.to_string()))
                })?;
            let response = self.transport.send(&request)?;
            self.session
                .handle_response(response.status, response.body)
                .map_err(CliError::LiveAnswer)?;
        }
    }

    /// What a finished call means for the command: its outcome, or the error that ends it.
    pub(crate) fn outcome(&self, finished: Finished) -> Result<Outcome, CliError> {
        finished.result.map_err(|error| match error.kind() {
            LiveErrorKind::NoLogin => CliError::LiveLogin,
            LiveErrorKind::InvalidInput => CliError::LiveInput(error),
            LiveErrorKind::HttpStatus => CliError::LiveHttp {
                url: self.url.clone(),
                status: finished.status,
            },
            kind if kind.is_fault() => {
                let hint = match (kind, finished.renewed) {
                    (LiveErrorKind::InvalidAccessKey, true) => " (refused again with a new key)",
                    (LiveErrorKind::InvalidAccessKey, false) => {
                        " (pass --user and LIVE_PASSWORD to fetch a new key)"
                    }
                    _ => "",
                };
                CliError::LiveFault { fault: error, hint }
            }
            _ => CliError::LiveAnswer(error),
        })
    }
}

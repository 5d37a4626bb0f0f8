//! The transport to a real server (or `taf serve`): HTTP over ureq.

use std::io;
use std::time::{Duration, Instant};

use taf_core::{Headers, HttpRequest, HttpResponse, MAX_BODY_BYTES};

use crate::client::Transport;
use crate::exit::CliError;

/// A ureq agent that hands every status back as an answer (the status policy decides).
pub(crate) struct Network {
    agent: ureq::Agent,
    timeout: Duration,
    deadline: Option<Instant>,
}

impl Network {
    /// An agent that gives up on an answer after `timeout`.
    pub(crate) fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build();
        Self {
            agent: ureq::Agent::new_with_config(config),
            timeout,
            deadline: None,
        }
    }
}

impl Transport for Network {
    fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, CliError> {
        let failed = |detail: String| CliError::Transport {
            url: request.url.clone(),
            detail,
        };
        let interrupted = |error: ureq::Error| {
            if unsent(&error) {
                failed(error.to_string())
            } else {
                CliError::Interrupted {
                    url: request.url.clone(),
                    detail: error.to_string(),
                }
            }
        };
        let outgoing = ureq::http::Request::<Vec<u8>>::try_from(request.clone())
            .map_err(|error| failed(error.to_string()))?;
        let timeout = self.deadline.map_or(self.timeout, |deadline| {
            self.timeout
                .min(deadline.saturating_duration_since(Instant::now()))
        });
        let outgoing = self
            .agent
            .configure_request(outgoing)
            .timeout_global(Some(timeout))
            .build();
        let mut response = self.agent.run(outgoing).map_err(interrupted)?;
        let mut headers = Headers::new();
        for (name, value) in response.headers() {
            headers.append(name.as_str(), String::from_utf8_lossy(value.as_bytes()));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(u64::try_from(MAX_BODY_BYTES).unwrap_or(u64::MAX))
            .read_to_vec()
            .map_err(interrupted)?;
        Ok(HttpResponse {
            status: response.status().as_u16(),
            headers,
            body,
        })
    }

    fn set_deadline(&mut self, deadline: Instant) {
        self.deadline = Some(deadline);
    }
}

/// Whether `error` happened before the request could reach the server: no name, no
/// connection, a URL or proxy that cannot be used. Anything later may have been read by the
/// server.
fn unsent(error: &ureq::Error) -> bool {
    use io::ErrorKind;
    use ureq::Error;
    match error {
        Error::HostNotFound
        | Error::ConnectionFailed
        | Error::BadUri(_)
        | Error::Http(_)
        | Error::InvalidProxyUrl
        | Error::ConnectProxyFailed(_)
        | Error::RequireHttpsOnly(_)
        | Error::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect) => true,
        Error::Io(error) => matches!(
            error.kind(),
            ErrorKind::ConnectionRefused
                | ErrorKind::AddrNotAvailable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::HostUnreachable
        ),
        _ => false,
    }
}

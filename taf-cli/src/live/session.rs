//! Calls to the Live connector over any transport, with the access key's lifecycle (spec §1.1):
//! fetch a key when there is none and, when a call is refused for an invalid key, fetch a new
//! one and call again, once.

use live_core::request::{self, Credentials};
use live_core::{LiveError, LiveErrorKind, LiveRequest, Parser};
use taf_core::http::{HttpRequest, Method};

use crate::client::Transport;
use crate::exit::CliError;

/// What a call came back with: the key it used, the HTTP answer, and what it means.
#[derive(Debug)]
pub(crate) struct Answer<R> {
    /// The access key of the last attempt.
    pub(crate) key: String,
    /// The HTTP status.
    pub(crate) status: u16,
    /// The body, as received.
    pub(crate) body: Vec<u8>,
    /// The parsed answer, or the error that ends the command.
    pub(crate) result: Result<R, CliError>,
}

/// One endpoint, one satellite system, its current key and (optionally) the login for new ones.
pub(crate) struct Session<T> {
    url: String,
    login: Option<Credentials>,
    key: Option<String>,
    transport: T,
    parser: Parser,
}

impl<T: Transport> Session<T> {
    /// A session starting with `key` (when given) that can fetch keys with `login` (when given).
    pub(crate) fn new(
        url: &str,
        login: Option<Credentials>,
        key: Option<String>,
        transport: T,
    ) -> Self {
        Self {
            url: url.to_owned(),
            login,
            key,
            transport,
            parser: Parser::default(),
        }
    }

    /// Fetches a new access key with `ObterChaveAcessoLC_Integracao` and keeps it for the next
    /// calls.
    pub(crate) fn renew_key(&mut self) -> Result<String, CliError> {
        let login = self.login.as_ref().ok_or(CliError::LiveLogin)?;
        let call = request::obter_chave_acesso(&self.url, login);
        let (status, body) = self.send(&call)?;
        let key = self.judge(status, self.parser.access_key(&body))?;
        self.key = Some(key.clone());
        Ok(key)
    }

    /// Sends the request `build` makes for the current key (fetching one first when there is
    /// none) and reads the answer with `parse`. An `InvalidAccessKey` fault, when the session
    /// has a login, gets a new key and one more attempt. Only a missing answer is an `Err`.
    pub(crate) fn call<R>(
        &mut self,
        build: impl Fn(&str) -> LiveRequest,
        parse: impl Fn(&Parser, &[u8]) -> Result<R, LiveError>,
    ) -> Result<Answer<R>, CliError> {
        let mut key = match self.key.clone() {
            Some(key) => key,
            None => self.renew_key()?,
        };
        let mut retried = false;
        loop {
            let (status, body) = self.send(&build(&key))?;
            let parsed = parse(&self.parser, &body);
            let refused = parsed.as_ref().is_err_and(LiveError::is_invalid_access_key);
            if refused && self.login.is_some() && !retried {
                eprintln!("taf: the Live connector refused the access key; fetching a new one");
                key = self.renew_key()?;
                retried = true;
                continue;
            }
            let result = self.judge(status, parsed);
            return Ok(Answer {
                key,
                status,
                body,
                result,
            });
        }
    }

    /// POSTs one SOAP request; an error means no answer came.
    fn send(&mut self, call: &LiveRequest) -> Result<(u16, Vec<u8>), CliError> {
        let request = HttpRequest {
            method: Method::Post,
            url: call.url.clone(),
            headers: call.headers().into_iter().collect(),
            body: call.body.clone().into_bytes(),
        };
        let response = self.transport.send(&request)?;
        Ok((response.status, response.body))
    }

    /// What a parsed answer means: a fault in the body wins over the HTTP status (WCF sends
    /// faults with HTTP 500); otherwise a status other than 2xx is an HTTP failure.
    fn judge<R>(&self, status: u16, parsed: Result<R, LiveError>) -> Result<R, CliError> {
        let success = (200..300).contains(&status);
        match parsed {
            Ok(value) if success => Ok(value),
            Err(fault) if is_fault(&fault) => {
                let hint = match (fault.kind, self.login.is_some()) {
                    (LiveErrorKind::InvalidAccessKey, true) => " (refused again with a new key)",
                    (LiveErrorKind::InvalidAccessKey, false) => {
                        " (pass --user and LIVE_PASSWORD to fetch a new key)"
                    }
                    _ => "",
                };
                Err(CliError::LiveFault { fault, hint })
            }
            Err(error) if success => Err(CliError::LiveAnswer(error)),
            _ => Err(CliError::LiveHttp {
                url: self.url.clone(),
                status,
            }),
        }
    }
}

/// Whether an error is a SOAP fault the connector sent.
fn is_fault(error: &LiveError) -> bool {
    matches!(
        error.kind,
        LiveErrorKind::Fault | LiveErrorKind::InvalidAccessKey
    )
}

//! Drives live-core's [`Session`] over the command's transport: the drive loop of the session's
//! documentation, and what its end means for the command. The rule itself (fetch a key, renew
//! it once when refused, judge by fault before HTTP status) lives in live-core.

use std::io::{self, Write};

use live_core::session::{Call, Finished, Outcome, Output, Session};
use live_core::{LiveErrorKind, Operation};
use taf_core::HttpRequest;

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
                // Nothing to send (or an output a later live-core may add): the call cannot go on.
                _ => {
                    return Err(CliError::Transport {
                        url: self.url.clone(),
                        detail: "the Live session stalled".to_owned(),
                    });
                }
            };
            if request.operation == Operation::AccessKey && sent_call {
                let _ = writeln!(
                    io::stderr(),
                    "taf: the Live connector refused the access key; fetching a new one"
                );
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

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use live_core::request::{Identification, Login};
    use taf_core::HttpResponse;

    use super::*;

    const URL: &str = "http://live.example/LiveConnector/FacadeIntegracao.svc";

    /// Answers each request with the next scripted answer and keeps the SOAP actions asked.
    struct Script {
        answers: VecDeque<(u16, String)>,
        actions: Vec<String>,
    }

    impl Transport for &mut Script {
        fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, CliError> {
            self.actions.push(
                request
                    .headers
                    .get("soapaction")
                    .unwrap_or_default()
                    .to_owned(),
            );
            let (status, body) = self.answers.pop_front().expect("a scripted answer");
            Ok(HttpResponse::new(status, body))
        }
    }

    fn envelope(inner: &str) -> String {
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{inner}</s:Body></s:Envelope>"#
        )
    }

    fn refused() -> (u16, String) {
        (
            500,
            envelope(
                "<s:Fault><faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inválida</faultstring></s:Fault>",
            ),
        )
    }

    fn new_key() -> (u16, String) {
        (
            200,
            envelope(
                r#"<ObterChaveAcessoLC_IntegracaoResponse xmlns="http://LiveConnector/"><ObterChaveAcessoLC_IntegracaoResult>new</ObterChaveAcessoLC_IntegracaoResult></ObterChaveAcessoLC_IntegracaoResponse>"#,
            ),
        )
    }

    fn run(login: bool, answers: Vec<(u16, String)>) -> (Result<Outcome, CliError>, Vec<String>) {
        let mut script = Script {
            answers: answers.into(),
            actions: Vec::new(),
        };
        let login = login.then(|| Login {
            codigo_sistema_satelite: "1".into(),
            usuario: "ana".into(),
            senha: "pw".into(),
        });
        let mut driver = Driver::new(
            Session::new(URL, login, Some("old".into())),
            &mut script,
            URL,
        );
        let outcome = driver
            .call(Call::customers(Identification::new("1")))
            .and_then(|finished| driver.outcome(finished));
        drop(driver);
        assert!(script.answers.is_empty(), "unused answers");
        let actions = script
            .actions
            .iter()
            .map(|action| action.rsplit('/').next().unwrap_or_default().to_owned())
            .collect();
        (outcome, actions)
    }

    #[test]
    fn a_second_refusal_is_a_fault_that_says_so() {
        let (outcome, actions) = run(true, vec![refused(), new_key(), refused()]);
        assert_eq!(
            actions,
            [
                "RecuperarClienteLC_Integracao",
                "ObterChaveAcessoLC_Integracao",
                "RecuperarClienteLC_Integracao"
            ]
        );
        let error = outcome.unwrap_err();
        assert_eq!(error.code(), 2);
        assert!(
            error
                .to_string()
                .ends_with("(refused again with a new key)"),
            "{error}"
        );
    }

    #[test]
    fn without_a_login_the_refusal_says_how_to_renew() {
        let (outcome, actions) = run(false, vec![refused()]);
        assert_eq!(actions.len(), 1);
        let error = outcome.unwrap_err();
        assert!(error.to_string().contains("pass --user"), "{error}");
    }

    #[test]
    fn an_http_failure_and_an_unreadable_answer_are_exit_4() {
        let (outcome, _) = run(false, vec![(502, "<html>".to_owned())]);
        let error = outcome.unwrap_err();
        assert_eq!(error.code(), 4);
        assert!(error.to_string().ends_with("answered HTTP 502"), "{error}");
        let (outcome, _) = run(false, vec![(200, "<html>".to_owned())]);
        let error = outcome.unwrap_err();
        assert_eq!(error.code(), 4);
        assert!(
            error.to_string().starts_with("unreadable answer"),
            "{error}"
        );
    }
}

//! The Live session: one endpoint, its access key and the login that fetches new ones, as a
//! sans-IO state machine (spec §1.1).
//!
//! The rule it keeps: fetch a key when there is none; send the call; when the connector
//! refuses the key (`InvalidAccessKey`, in a fault or in an `LC_Retorno`), forget it, fetch a
//! new one and send the call again, once; a second refusal ends the call. Every answer is
//! judged by fault before HTTP status ([`judge`]).
//!
//! # The drive loop
//!
//! The session never does IO. [`Session::start`] a call, then repeat: take the next output with
//! [`Session::poll_output`]; for [`Output::Transmit`], send the request and feed the answer
//! (status and body) to [`Session::handle_response`]; stop at [`Output::Finished`], which
//! always comes. A transport failure (no answer at all) is the caller's to report: it just
//! stops driving, and the next `start` begins afresh.
//!
//! ```
//! use live_core::request::{Identification, Login};
//! use live_core::session::{Call, Output, Session};
//!
//! # fn post(_: &live_core::LiveRequest) -> (u16, Vec<u8>) { (500, Vec::new()) }
//! let login = Login {
//!     codigo_sistema_satelite: "220000251".into(),
//!     usuario: "user".into(),
//!     senha: "secret".into(),
//! };
//! let mut session = Session::new("http://live/LiveConnector/FacadeIntegracao.svc", Some(login), None);
//! session.start(Call::customers(Identification::new("220000251")));
//! let finished = loop {
//!     match session.poll_output() {
//!         Some(Output::Transmit(request)) => {
//!             let (status, body) = post(&request);
//!             session.handle_response(status, body)?;
//!         }
//!         Some(Output::Finished(finished)) => break finished,
//!         // `None` never follows an answer (and `Output` may grow: it is non-exhaustive).
//!         _ => unreachable!("a started session always has an output after an answer"),
//!     }
//! };
//! assert_eq!(finished.result.unwrap_err().code(), "http_status");
//! # Ok::<(), live_core::LiveError>(())
//! ```

use std::fmt;

use crate::error::{LiveError, LiveErrorKind, judge};
use crate::operation::Operation;
use crate::request::{
    self, Confirmation, Identification, LiveRequest, Login, StatusQuery, StoresQuery,
};
use crate::response::{OutboundTicket, Parser, StatusItem};

/// A call to make through a session. The session writes its current key into the query's
/// `chave` before each attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Call {
    /// `ObterChaveAcessoLC_Integracao` alone: fetch a new key (the session keeps it).
    AccessKey,
    /// `ConsultarStatusTicketLC_Integracao`.
    TicketStatus(StatusQuery),
    /// `RecuperarLojasLC_Integracao_Xml`.
    Stores(StoresQuery),
    /// `RecuperarClienteLC_Integracao`.
    Customers(Identification),
    /// `ConfirmarTicketLC_Integracao`.
    ConfirmTicket(Confirmation),
}

impl Call {
    /// The status of inbound ticket `ticket` of satellite `satellite`.
    pub fn ticket_status(satellite: &str, ticket: &str) -> Self {
        Self::TicketStatus(StatusQuery {
            chave: String::new(),
            codigo_sistema_satelite: satellite.to_owned(),
            numero_ticket: ticket.to_owned(),
            parar_processamento_com_erro: None,
        })
    }

    /// The stores ticket, with the default query ([`StoresQuery::new`]).
    pub fn stores(identification: Identification) -> Self {
        Self::Stores(StoresQuery::new(identification))
    }

    /// The customers ticket.
    pub fn customers(identification: Identification) -> Self {
        Self::Customers(identification)
    }

    /// The confirmation of outbound ticket `ticket`.
    pub fn confirm_ticket(satellite: &str, ticket: &str) -> Self {
        Self::ConfirmTicket(Confirmation {
            chave: String::new(),
            codigo_sistema_satelite: satellite.to_owned(),
            numero_ticket: ticket.to_owned(),
        })
    }

    /// The operation the call makes.
    pub fn operation(&self) -> Operation {
        match self {
            Self::AccessKey => Operation::AccessKey,
            Self::TicketStatus(_) => Operation::TicketStatus,
            Self::Stores(_) => Operation::Stores,
            Self::Customers(_) => Operation::Customers,
            Self::ConfirmTicket(_) => Operation::ConfirmTicket,
        }
    }

    /// The request for `url` with `key` (the key request with `login`).
    fn request(
        &self,
        url: &str,
        key: &str,
        login: Option<&Login>,
    ) -> Result<LiveRequest, LiveError> {
        let key = key.to_owned();
        Ok(match self {
            Self::AccessKey => request::access_key(url, login.ok_or_else(no_login)?),
            Self::TicketStatus(query) => request::ticket_status(
                url,
                &StatusQuery {
                    chave: key,
                    ..query.clone()
                },
            ),
            Self::Stores(query) => {
                let mut query = query.clone();
                query.identification.chave = key;
                request::stores(url, &query)
            }
            Self::Customers(identification) => request::customers(
                url,
                &Identification {
                    chave: key,
                    ..identification.clone()
                },
            ),
            Self::ConfirmTicket(confirmation) => request::confirm_ticket(
                url,
                &Confirmation {
                    chave: key,
                    ..confirmation.clone()
                },
            )?,
        })
    }

    /// Reads an answer to the call.
    fn parse(&self, parser: &Parser, body: &[u8]) -> Result<Outcome, LiveError> {
        match self {
            Self::AccessKey => parser.access_key(body).map(Outcome::Key),
            Self::TicketStatus(_) => parser.status(body).map(Outcome::Status),
            Self::Stores(_) => parser.stores(body).map(Outcome::Ticket),
            Self::Customers(_) => parser.customers(body).map(Outcome::Ticket),
            Self::ConfirmTicket(_) => parser.confirmation(body).map(|()| Outcome::Confirmed),
        }
    }
}

/// What a call gave.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A new access key (the session keeps it too).
    Key(String),
    /// Every status item of the ticket.
    Status(Vec<StatusItem>),
    /// An outbound ticket (stores or customers).
    Ticket(OutboundTicket),
    /// The ticket was confirmed.
    Confirmed,
}

/// The end of a call.
#[derive(Clone, PartialEq, Eq)]
pub struct Finished {
    /// The operation called.
    pub operation: Operation,
    /// What it gave, or why not.
    pub result: Result<Outcome, LiveError>,
    /// Whether a new key was fetched because the connector refused the previous one.
    pub renewed: bool,
    /// The HTTP status of the last answer (0 when nothing was sent).
    pub status: u16,
    /// The body of the last answer, as received (empty when nothing was sent).
    pub body: Vec<u8>,
}

impl fmt::Debug for Finished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finished")
            .field("operation", &self.operation)
            .field("result", &self.result)
            .field("renewed", &self.renewed)
            .field("status", &self.status)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// What the session asks of its driver next.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Output {
    /// Send this request and feed its answer to [`Session::handle_response`].
    Transmit(LiveRequest),
    /// The call ended.
    Finished(Finished),
}

/// Where the current call stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// No call, or the last one finished and was polled.
    Idle,
    /// A request is ready to be polled.
    Send {
        request: LiveRequest,
        fetching_key: bool,
    },
    /// A request was polled; its answer is awaited.
    Awaiting { fetching_key: bool },
    /// The call ended; the end is ready to be polled.
    Done(Box<Finished>),
}

/// One endpoint, one satellite system: the current key and the login for new ones, and the
/// call in progress. See the [module documentation](self) for the drive loop.
pub struct Session {
    url: String,
    login: Option<Login>,
    key: Option<String>,
    parser: Parser,
    call: Call,
    renewed: bool,
    step: Step,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("url", &request::without_password(&self.url))
            .field("login", &self.login)
            .field("key", &self.key.as_ref().map(|_| "<redacted>"))
            .field("operation", &self.call.operation())
            .field("renewed", &self.renewed)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session for the endpoint `url`, starting with `key` (when given), able to fetch keys
    /// with `login` (when given).
    pub fn new(url: &str, login: Option<Login>, key: Option<String>) -> Self {
        Self {
            url: url.to_owned(),
            login,
            key: key.filter(|key| !key.trim().is_empty()),
            parser: Parser::default(),
            call: Call::AccessKey,
            renewed: false,
            step: Step::Idle,
        }
    }

    /// Reads answers with `parser` (its limits) instead of the default one.
    #[must_use]
    pub fn with_parser(mut self, parser: Parser) -> Self {
        self.parser = parser;
        self
    }

    /// The key the session holds: the one it started with or the last one fetched; `None`
    /// after the connector refused it and before a new one came.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Starts `call`, abandoning any call in progress: the first output is the request to send
    /// (the key request when the session has no key), or the end when the call cannot start.
    pub fn start(&mut self, call: Call) {
        self.call = call;
        self.renewed = false;
        self.step = match (&self.call, &self.key) {
            (Call::AccessKey, _) | (_, None) => self.fetch_key(),
            (_, Some(key)) => {
                let key = key.clone();
                self.send_call(&key)
            }
        };
    }

    /// The next output, each returned once: a request to send, or the end of the call. `None`
    /// while an answer is awaited, or when no call was started.
    pub fn poll_output(&mut self) -> Option<Output> {
        match std::mem::replace(&mut self.step, Step::Idle) {
            Step::Send {
                request,
                fetching_key,
            } => {
                self.step = Step::Awaiting { fetching_key };
                Some(Output::Transmit(request))
            }
            Step::Done(finished) => Some(Output::Finished(*finished)),
            waiting @ Step::Awaiting { .. } => {
                self.step = waiting;
                None
            }
            Step::Idle => None,
        }
    }

    /// Feeds the answer to the request last polled. Refused (kind
    /// [`LiveErrorKind::NoRequest`]) when no request is waiting for one; the session is then
    /// unchanged.
    pub fn handle_response(&mut self, status: u16, body: Vec<u8>) -> Result<(), LiveError> {
        let Step::Awaiting { fetching_key } = self.step else {
            return Err(LiveError::new(
                LiveErrorKind::NoRequest,
                0,
                "no request is waiting for an answer",
            ));
        };
        self.step = if fetching_key {
            self.key_answer(status, body)
        } else {
            self.call_answer(status, body)
        };
        Ok(())
    }

    /// The step after an answer to the key request.
    fn key_answer(&mut self, status: u16, body: Vec<u8>) -> Step {
        match judge(status, self.parser.access_key(&body)) {
            Ok(key) => {
                self.key = Some(key.clone());
                if self.call == Call::AccessKey {
                    self.finish(Ok(Outcome::Key(key)), status, body)
                } else {
                    self.send_call(&key)
                }
            }
            Err(error) => self.finish(Err(error), status, body),
        }
    }

    /// The step after an answer to the call: a refused key is forgotten and, once, renewed.
    fn call_answer(&mut self, status: u16, body: Vec<u8>) -> Step {
        let parsed = self.call.parse(&self.parser, &body);
        if parsed.as_ref().is_err_and(LiveError::is_invalid_access_key) {
            self.key = None;
            if self.login.is_some() && !self.renewed {
                self.renewed = true;
                return self.fetch_key();
            }
        }
        self.finish(judge(status, parsed), status, body)
    }

    /// The key request, or the end when there is no login.
    fn fetch_key(&mut self) -> Step {
        self.send(&Call::AccessKey, "", true)
    }

    /// The call's request with `key`, or the end when the call's input cannot be sent.
    fn send_call(&mut self, key: &str) -> Step {
        let call = self.call.clone();
        self.send(&call, key, false)
    }

    /// `call`'s request with `key`, or the end when it cannot be made.
    fn send(&self, call: &Call, key: &str, fetching_key: bool) -> Step {
        match call.request(&self.url, key, self.login.as_ref()) {
            Ok(request) => Step::Send {
                request,
                fetching_key,
            },
            Err(error) => self.finish(Err(error), 0, Vec::new()),
        }
    }

    fn finish(&self, result: Result<Outcome, LiveError>, status: u16, body: Vec<u8>) -> Step {
        Step::Done(Box::new(Finished {
            operation: self.call.operation(),
            result,
            renewed: self.renewed,
            status,
            body,
        }))
    }
}

fn no_login() -> LiveError {
    LiveError::new(
        LiveErrorKind::NoLogin,
        0,
        "no access key, and no login (user and password) to fetch one",
    )
}

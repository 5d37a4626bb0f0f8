//! The one error type of the crate: a response that cannot be used, a fault, an HTTP failure,
//! an input that cannot become a request, or a session that cannot go on.

use std::fmt;

/// What kind of failure a [`LiveError`] reports. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LiveErrorKind {
    /// The input is larger than the limit.
    TooLarge,
    /// Elements nest deeper than the limit.
    TooDeep,
    /// A DOCTYPE or entity declaration: refused, never expanded.
    Doctype,
    /// Not well-formed XML (or not UTF-8).
    Malformed,
    /// Well-formed, but not the expected SOAP envelope, response or result.
    UnexpectedResponse,
    /// A SOAP fault.
    Fault,
    /// The access key is invalid ("Chave de Acesso Inv…" in a SOAP fault or in an `LC_Retorno`
    /// of a 200 answer): fetch a new key with `ObterChaveAcessoLC_Integracao` and retry once.
    InvalidAccessKey,
    /// An HTTP status other than 2xx, with no fault in the body.
    HttpStatus,
    /// An input that cannot become a request (a capsule's JSON input, ticket "0" to confirm, ...).
    InvalidInput,
    /// The session has no key and no login to fetch one.
    NoLogin,
    /// The session was fed an answer while no request was waiting for one.
    NoRequest,
}

impl LiveErrorKind {
    /// A stable, machine-readable code (`"malformed"`, `"invalid_access_key"`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::TooLarge => "too_large",
            Self::TooDeep => "too_deep",
            Self::Doctype => "doctype",
            Self::Malformed => "malformed",
            Self::UnexpectedResponse => "unexpected_response",
            Self::Fault => "fault",
            Self::InvalidAccessKey => "invalid_access_key",
            Self::HttpStatus => "http_status",
            Self::InvalidInput => "invalid_input",
            Self::NoLogin => "no_login",
            Self::NoRequest => "no_request",
        }
    }

    /// Whether the connector sent a SOAP fault (or refused the key in a 200 answer).
    pub fn is_fault(self) -> bool {
        matches!(self, Self::Fault | Self::InvalidAccessKey)
    }
}

/// Why a call to the connector did not give its value: the kind, the element or field
/// concerned (empty for the whole document), the byte offset, an explanation (the fault string
/// for faults), the fault code and the HTTP status when there are any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveError {
    kind: LiveErrorKind,
    element: String,
    offset: u64,
    detail: String,
    fault_code: Option<String>,
    http_status: Option<u16>,
}

impl LiveError {
    pub(crate) fn new(kind: LiveErrorKind, offset: u64, detail: impl Into<String>) -> Self {
        Self {
            kind,
            element: String::new(),
            offset,
            detail: detail.into(),
            fault_code: None,
            http_status: None,
        }
    }

    /// An HTTP status other than 2xx, without a fault.
    pub(crate) fn http(status: u16) -> Self {
        Self {
            http_status: Some(status),
            ..Self::new(
                LiveErrorKind::HttpStatus,
                0,
                format!("HTTP {status} without a SOAP fault"),
            )
        }
    }

    pub(crate) fn within(mut self, element: &str) -> Self {
        if self.element.is_empty() {
            element.clone_into(&mut self.element);
        }
        self
    }

    pub(crate) fn with_fault_code(mut self, code: Option<String>) -> Self {
        self.fault_code = code;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> LiveErrorKind {
        self.kind
    }

    /// The kind's stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The element or input field concerned (`ConsultarStatusTicketLC_IntegracaoResult`,
    /// `NumeroTicket`, ...), or empty.
    pub fn element(&self) -> &str {
        &self.element
    }

    /// Byte offset in the text read (0 when it does not apply).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The explanation; for faults, the `faultstring` (or the `LC_Retorno` text).
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// For SOAP faults, the `faultcode` as written.
    pub fn fault_code(&self) -> Option<&str> {
        self.fault_code.as_deref()
    }

    /// For [`LiveErrorKind::HttpStatus`], the status.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// Whether the caller should fetch a new access key.
    pub fn is_invalid_access_key(&self) -> bool {
        self.kind == LiveErrorKind::InvalidAccessKey
    }
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind.code())?;
        if !self.element.is_empty() {
            write!(f, " in {}", self.element)?;
        }
        if self.offset > 0 {
            write!(f, " at byte {}", self.offset)?;
        }
        write!(f, ": {}", self.detail)
    }
}

impl std::error::Error for LiveError {}

/// What an answer means, deciding by fault before HTTP status: a SOAP fault (or a refused key)
/// wins whatever the status (WCF sends faults with HTTP 500); otherwise a status other than 2xx
/// is an HTTP failure, and a 2xx answer gives what the parser read.
pub fn judge<T>(http_status: u16, parsed: Result<T, LiveError>) -> Result<T, LiveError> {
    let success = (200..300).contains(&http_status);
    match parsed {
        Ok(value) if success => Ok(value),
        Err(error) if success || error.kind.is_fault() => Err(error),
        _ => Err(LiveError::http(http_status)),
    }
}

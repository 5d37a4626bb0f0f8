//! The errors of parsing a Live response.

use std::fmt;

use serde::Serialize;

/// What kind of failure a [`LiveError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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
    /// A SOAP fault saying the access key is invalid ("Chave de Acesso Inv…"): fetch a new key
    /// with `ObterChaveAcessoLC_Integracao` and retry once.
    InvalidAccessKey,
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
        }
    }
}

/// A response that could not be used: the kind, the element concerned (empty for the document),
/// the byte offset, and an explanation (the fault string for faults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveError {
    /// What went wrong.
    pub kind: LiveErrorKind,
    /// The element concerned (`ConsultarStatusTicketLC_IntegracaoResult`, ...), or empty.
    pub element: String,
    /// Byte offset in the text read.
    pub offset: u64,
    /// Explanation; for faults, the `faultstring`.
    pub detail: String,
    /// For faults, the `faultcode` as written.
    pub fault_code: Option<String>,
}

impl LiveError {
    pub(crate) fn new(kind: LiveErrorKind, offset: u64, detail: impl Into<String>) -> Self {
        Self {
            kind,
            element: String::new(),
            offset,
            detail: detail.into(),
            fault_code: None,
        }
    }

    pub(crate) fn within(mut self, element: &str) -> Self {
        if self.element.is_empty() {
            element.clone_into(&mut self.element);
        }
        self
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
        write!(f, " at byte {}: {}", self.offset, self.detail)
    }
}

impl std::error::Error for LiveError {}

//! What an HTTP answer can be, [`Reply`]: the method's body, a business-error envelope, or a
//! fault; decoded once for every method, the body type ([`ReplyBody`]) choosing the quirks.

use serde::{Deserialize, Serialize};

use crate::catalog::ServerCode;
use crate::wire::http::Method;
use crate::wire::json::{Reader, push_escaped};
use crate::wire::{
    DecodeError, DecodeErrorKind, DeleteResponse, Fault, GetPage, PostResponse, Wire, body_text,
    read_text,
};

/// A `{"coderr" : N, "description" : "…"}` pair: a POST item error, or the request-level
/// envelope the server answers with HTTP 200 for 803 and 811.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    /// `coderr`, a bare number on the wire.
    #[serde(rename = "coderr")]
    pub code: u32,
    /// The server's text, in its language; do not branch on it.
    pub description: String,
}

impl ErrorEntry {
    /// An entry for a known code.
    pub fn new(code: ServerCode, description: impl Into<String>) -> Self {
        Self {
            code: code.number(),
            description: description.into(),
        }
    }

    /// The code as a [`ServerCode`], when it is one of 800–814.
    pub fn server_code(&self) -> Option<ServerCode> {
        ServerCode::from_number(self.code)
    }

    /// Writes the entry as a POST item error: `{"coderr" : 804, "description" : "…"}`.
    pub(crate) fn encode_item_into(&self, out: &mut String) {
        out.push_str("{\"coderr\" : ");
        out.push_str(&self.code.to_string());
        out.push_str(", \"description\" : \"");
        push_escaped(out, &self.description);
        out.push_str("\"}");
    }

    pub(crate) fn read(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.value_start();
        let mut code = None;
        let mut description = None;
        reader.object(|reader, key, _| {
            match key.as_ref() {
                "coderr" => {
                    let at = reader.value_start();
                    let number = reader.integer_of("coderr")?;
                    code = Some(u32::try_from(number).map_err(|_| {
                        DecodeError::new(
                            DecodeErrorKind::InvalidNumber,
                            at,
                            format!("coderr {number} is out of range"),
                        )
                        .within("coderr")
                    })?);
                }
                "description" => description = Some(reader.string_of("description")?),
                _ => reader.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            code: code.ok_or_else(|| DecodeError::missing("coderr", start))?,
            description: description.ok_or_else(|| DecodeError::missing("description", start))?,
        })
    }
}

impl Wire for ErrorEntry {
    /// The envelope layout: `{"coderr" : 803,"description" : "…"}`.
    fn encode_into(&self, out: &mut String) {
        out.push_str("{\"coderr\" : ");
        out.push_str(&self.code.to_string());
        out.push_str(",\"description\" : \"");
        push_escaped(out, &self.description);
        out.push_str("\"}");
    }

    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        read_text(text, Self::read)
    }
}

/// A decoded HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply<T> {
    /// The method's own body (HTTP 2xx).
    Body(T),
    /// A business error for the whole request (803, 811), sent as HTTP 200.
    Envelope(ErrorEntry),
    /// Anything else that is not 2xx: a framework fault 701–705 or another error.
    Fault(Fault),
}

impl<T> Reply<T> {
    /// The body, if the request got one.
    pub fn body(&self) -> Option<&T> {
        match self {
            Self::Body(body) => Some(body),
            Self::Envelope(_) | Self::Fault(_) => None,
        }
    }

    /// The body, or the envelope or fault as an error.
    pub fn into_result(self) -> Result<T, ReplyError> {
        match self {
            Self::Body(body) => Ok(body),
            Self::Envelope(entry) => Err(ReplyError::Envelope(entry)),
            Self::Fault(fault) => Err(ReplyError::Fault(fault)),
        }
    }
}

/// A reply that is not the method's body, as an error value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    /// The request-level envelope (803, 811).
    #[error("the server rejected the request with {}: {}", .0.code, .0.description)]
    Envelope(ErrorEntry),
    /// A fault.
    #[error("{0}")]
    Fault(Fault),
}

impl<T: ReplyBody> Reply<T> {
    /// Decodes the answer to the method whose body is `T`: an envelope wins whatever the
    /// status; then 2xx is the body and anything else a fault. A DELETE answer also takes the
    /// server's two broken bodies: the 803 envelope followed by `"success" : false`, and a bare
    /// `"success" : false`.
    pub fn decode(status: u16, body: &[u8]) -> Result<Self, DecodeError> {
        decode_reply(status, body, <T as sealed::Sealed>::bare_body)
    }
}

mod sealed {
    /// Seals [`super::ReplyBody`] and carries the one decoding quirk that differs by method.
    pub trait Sealed: crate::wire::Wire {
        /// The body a bare `"success" : …` fragment stands for, when the method has one.
        fn bare_body(_text: &str) -> Option<Self> {
            None
        }
    }
    impl Sealed for crate::wire::GetPage {}
    impl Sealed for crate::wire::PostResponse {}
    impl Sealed for crate::wire::DeleteResponse {
        fn bare_body(text: &str) -> Option<Self> {
            Self::from_bare_fragment(text)
        }
    }
}

/// A method's body type, the `T` of a [`Reply`]: [`GetPage`], [`PostResponse`] or
/// [`DeleteResponse`] (sealed).
pub trait ReplyBody: sealed::Sealed {
    /// The method this body answers. The status policy retries only idempotent methods (GET,
    /// DELETE): a POST that fails after reaching the server may have stored some items.
    const METHOD: Method;
}

impl ReplyBody for GetPage {
    const METHOD: Method = Method::Get;
}

impl ReplyBody for PostResponse {
    const METHOD: Method = Method::Post;
}

impl ReplyBody for DeleteResponse {
    const METHOD: Method = Method::Delete;
}

/// Shared decoding: an envelope wins whatever the status; then 2xx is the body (or a quirk
/// `bare` recognises) and anything else a fault.
fn decode_reply<T: Wire>(
    status: u16,
    body: &[u8],
    bare: impl Fn(&str) -> Option<T>,
) -> Result<Reply<T>, DecodeError> {
    let text = body_text(body)?;
    if looks_like_envelope(&text) {
        return read_envelope(&text).map(Reply::Envelope);
    }
    if let Some(quirk) = bare(&text) {
        return Ok(Reply::Body(quirk));
    }
    if (200..300).contains(&status) {
        T::decode_str(&text).map(Reply::Body)
    } else {
        Ok(Reply::Fault(Fault::from_text(status, &text)))
    }
}

fn looks_like_envelope(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with("\"coderr\""))
}

/// Reads an envelope, tolerating the `"success" : false` fragment DELETE appends to it.
fn read_envelope(text: &str) -> Result<ErrorEntry, DecodeError> {
    let mut reader = Reader::new(text);
    let entry = ErrorEntry::read(&mut reader)?;
    if reader.at_end() || is_success_fragment(reader.rest()) {
        Ok(entry)
    } else {
        reader.finish().map(|()| entry)
    }
}

/// Whether `text` is a bare `"success" : true|false` fragment, whitespace aside.
pub(crate) fn is_success_fragment(text: &str) -> bool {
    success_fragment_value(text).is_some()
}

/// The value of a bare `"success" : <bool>` fragment.
pub(crate) fn success_fragment_value(text: &str) -> Option<bool> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "\"success\":true" => Some(true),
        "\"success\":false" => Some(false),
        _ => None,
    }
}

//! Framework faults (`SetRestFault`): 701–705 in either body shape, and any other non-2xx answer.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::FaultCode;
use crate::wire::json::{JsonKind, Reader, push_string};

/// The body of a fault, in the shape the server's framework version wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultBody {
    /// `{"errorCode":701,"errorMessage":"…"}`, the classic framework shape.
    Classic {
        /// `errorCode`.
        code: i64,
        /// `errorMessage`.
        message: String,
    },
    /// `{"code":701,"message":"…",…}`, the newer framework shape.
    Modern {
        /// `code`.
        code: i64,
        /// `message`.
        message: String,
    },
    /// A body in neither shape (HTML, plain text, empty): kept as text.
    Raw(String),
}

/// A non-2xx answer that is not a business envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The HTTP status (500 for 701–705 on current framework versions).
    pub status: u16,
    /// The decoded body.
    pub body: FaultBody,
}

impl Fault {
    /// A fault in the classic shape, as WSTAFST2 sends it (HTTP 500).
    pub fn classic(code: FaultCode, message: impl Into<String>) -> Self {
        Self {
            status: 500,
            body: FaultBody::Classic {
                code: i64::from(code.number()),
                message: message.into(),
            },
        }
    }

    /// The numeric code, when the body has one.
    pub fn code(&self) -> Option<i64> {
        match &self.body {
            FaultBody::Classic { code, .. } | FaultBody::Modern { code, .. } => Some(*code),
            FaultBody::Raw(_) => None,
        }
    }

    /// The message, or the raw body text.
    pub fn message(&self) -> &str {
        match &self.body {
            FaultBody::Classic { message, .. } | FaultBody::Modern { message, .. } => message,
            FaultBody::Raw(text) => text,
        }
    }

    /// The WSTAFST2 fault code, when the code is one of 701–705.
    pub fn fault_code(&self) -> Option<FaultCode> {
        self.code().and_then(FaultCode::from_number)
    }

    /// Reads a fault body; never fails, since anything unrecognised is kept as [`FaultBody::Raw`].
    pub fn from_text(status: u16, text: &str) -> Self {
        let body = read_shaped(text).unwrap_or_else(|| FaultBody::Raw(text.trim().to_owned()));
        Self { status, body }
    }

    /// Writes the body in its shape (compact JSON, or the raw text).
    pub fn encode_body(&self) -> String {
        let (code_key, message_key, code, message) = match &self.body {
            FaultBody::Classic { code, message } => ("errorCode", "errorMessage", code, message),
            FaultBody::Modern { code, message } => ("code", "message", code, message),
            FaultBody::Raw(text) => return text.clone(),
        };
        let mut out = format!("{{\"{code_key}\":{code},\"{message_key}\":");
        push_string(&mut out, message);
        out.push('}');
        out
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code() {
            Some(code) => write!(f, "HTTP {} fault {code}: {}", self.status, self.message()),
            None => write!(f, "HTTP {}: {}", self.status, self.message()),
        }
    }
}

/// Recognises the two JSON shapes; a code may be a number or a numeric string.
fn read_shaped(text: &str) -> Option<FaultBody> {
    let mut reader = Reader::new(text);
    let mut fields: [Option<String>; 4] = Default::default();
    reader
        .object(|reader, key, _| {
            let slot = ["errorCode", "errorMessage", "code", "message"]
                .iter()
                .position(|name| *name == key);
            match slot.and_then(|index| fields.get_mut(index)) {
                Some(slot) => {
                    *slot = match reader.peek_kind()? {
                        JsonKind::String | JsonKind::Number => {
                            Some(reader.scalar_text()?.into_owned())
                        }
                        _ => {
                            reader.skip_value()?;
                            None
                        }
                    };
                }
                None => reader.skip_value()?,
            }
            Ok(())
        })
        .ok()?;
    if !reader.at_end() {
        return None;
    }
    let [error_code, error_message, code, message] = fields;
    if let Some(code) = error_code.and_then(|code| code.trim().parse().ok()) {
        return Some(FaultBody::Classic {
            code,
            message: error_message.unwrap_or_default(),
        });
    }
    let code = code.and_then(|code| code.trim().parse().ok())?;
    Some(FaultBody::Modern {
        code,
        message: message?,
    })
}

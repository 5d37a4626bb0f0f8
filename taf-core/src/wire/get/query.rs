//! GET query parameters (spec §4.1) and their percent-encoding.

use serde::{Deserialize, Serialize};

use crate::wire::KeyKind;
use crate::wire::json::hex_digit;
use crate::wire::text::{all_trim, decode_text};
use crate::wire::{DecodeError, DecodeErrorKind};

/// `searchMode`: which occurrence of a key the server returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// 1: only the last occurrence of the key.
    Last,
    /// 2: only the last valid occurrence of the key (database dependent, spec §4.7).
    LastValid,
}

impl SearchMode {
    /// The number on the wire.
    pub fn number(self) -> i64 {
        match self {
            Self::Last => 1,
            Self::LastValid => 2,
        }
    }
}

/// The eight GET parameters. Every one is optional on the wire: the server answers a missing
/// `startRecNo` with 701 and a bad `searchMode` with 703, so the type can express those requests.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetQuery {
    /// `ticketCode`: select by ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_code: Option<String>,
    /// `registryKey`: select by key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_key: Option<String>,
    /// `startRecNo`: first TAFST2 RECNO to return (required by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_rec_no: Option<i64>,
    /// `searchMode`: 1 or 2; see [`SearchMode`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_mode: Option<i64>,
    /// `sourceBranch`: routes the request and filters rows by TAFFIL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_branch: Option<String>,
    /// `queryElements`: 0 disables the RET error lookup; absent or any other number enables it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_elements: Option<i64>,
    /// `lotQuantity`: items per page (default 500; 0 or less gives an empty page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot_quantity: Option<i64>,
    /// `returnRetResponse`: also look up authorized records and fill `xmlRetResponse`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_ret_response: Option<bool>,
}

/// Parameter names in the canonical order (the service's WSDATA order).
const NAMES: [&str; 8] = [
    "ticketCode",
    "registryKey",
    "startRecNo",
    "searchMode",
    "sourceBranch",
    "queryElements",
    "lotQuantity",
    "returnRetResponse",
];

impl GetQuery {
    /// All records of a ticket, from RECNO 1.
    pub fn by_ticket(ticket_code: impl Into<String>) -> Self {
        Self {
            ticket_code: Some(ticket_code.into()),
            start_rec_no: Some(1),
            ..Self::default()
        }
    }

    /// All occurrences of a key, from RECNO 1.
    pub fn by_key(registry_key: impl Into<String>) -> Self {
        Self {
            registry_key: Some(registry_key.into()),
            start_rec_no: Some(1),
            ..Self::default()
        }
    }

    /// Sets `sourceBranch`.
    #[must_use]
    pub fn branch(mut self, source_branch: impl Into<String>) -> Self {
        self.source_branch = Some(source_branch.into());
        self
    }

    /// Sets `startRecNo`.
    #[must_use]
    pub fn start(mut self, start_rec_no: i64) -> Self {
        self.start_rec_no = Some(start_rec_no);
        self
    }

    /// Sets `searchMode`.
    #[must_use]
    pub fn search(mut self, mode: SearchMode) -> Self {
        self.search_mode = Some(mode.number());
        self
    }

    /// Sets `lotQuantity`.
    #[must_use]
    pub fn lot_quantity(mut self, items: i64) -> Self {
        self.lot_quantity = Some(items);
        self
    }

    /// Sets `queryElements` to 1 (look up RET errors) or 0 (skip them).
    #[must_use]
    pub fn query_elements(mut self, enabled: bool) -> Self {
        self.query_elements = Some(i64::from(enabled));
        self
    }

    /// Sets `returnRetResponse`.
    #[must_use]
    pub fn return_ret_response(mut self, enabled: bool) -> Self {
        self.return_ret_response = Some(enabled);
        self
    }

    /// The search mode as the server selects it (`xSelMod`): a key counts only when it is not
    /// blank after `AllTrim` (spaces only), and a ticket wins when both are given. `None` means neither (701).
    pub fn selection(&self) -> Option<KeyKind> {
        let given =
            |value: &Option<String>| value.as_deref().is_some_and(|v| !all_trim(v).is_empty());
        if given(&self.ticket_code) {
            Some(KeyKind::TicketCode)
        } else if given(&self.registry_key) {
            Some(KeyKind::RegistryKey)
        } else {
            None
        }
    }

    /// The query string without the leading `?`: present parameters in the canonical order,
    /// values percent-encoded as UTF-8 with only RFC 3986 unreserved characters left as they are.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (name, value) in NAMES.iter().zip(self.values()) {
            let Some(value) = value else { continue };
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            percent_encode(&mut out, &value);
        }
        out
    }

    fn values(&self) -> [Option<String>; 8] {
        let number = |value: Option<i64>| value.map(|n| n.to_string());
        [
            self.ticket_code.clone(),
            self.registry_key.clone(),
            number(self.start_rec_no),
            number(self.search_mode),
            self.source_branch.clone(),
            number(self.query_elements),
            number(self.lot_quantity),
            self.return_ret_response.map(|b| b.to_string()),
        ]
    }

    /// Parses a query string (with or without the leading `?`) as the server would.
    ///
    /// Names are matched without regard to case; unknown names are ignored; a repeated name keeps
    /// its last value; `+` is a space; an empty number counts as absent. Booleans accept
    /// `true`/`false`/`1`/`0` in any case. Values that are not UTF-8 are read as Windows-1252.
    pub fn from_query_string(query: &str) -> Result<Self, DecodeError> {
        let mut parsed = Self::default();
        let body = query.strip_prefix('?').unwrap_or(query);
        let base = query.len() - body.len();
        let mut offset = base;
        for pair in body.split('&') {
            let at = offset;
            offset += pair.len() + 1;
            if pair.is_empty() {
                continue;
            }
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = percent_decode(raw_name, at)?;
            let value_at = at + raw_name.len() + 1;
            let value = percent_decode(raw_value, value_at)?;
            let Some(index) = NAMES.iter().position(|n| n.eq_ignore_ascii_case(&name)) else {
                continue;
            };
            let field = NAMES.get(index).copied().unwrap_or_default();
            let integer = || parse_integer(&value, value_at, field);
            match index {
                0 => parsed.ticket_code = Some(value),
                1 => parsed.registry_key = Some(value),
                2 => parsed.start_rec_no = integer()?,
                3 => parsed.search_mode = integer()?,
                4 => parsed.source_branch = Some(value),
                5 => parsed.query_elements = integer()?,
                6 => parsed.lot_quantity = integer()?,
                _ => parsed.return_ret_response = Some(parse_bool(&value, value_at, field)?),
            }
        }
        Ok(parsed)
    }
}

fn parse_integer(value: &str, at: usize, field: &str) -> Result<Option<i64>, DecodeError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    trimmed.parse().map(Some).map_err(|_| {
        DecodeError::new(
            DecodeErrorKind::InvalidNumber,
            at,
            format!("expected a whole number, found {value:?}"),
        )
        .within(field)
    })
}

fn parse_bool(value: &str, at: usize, field: &str) -> Result<bool, DecodeError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(DecodeError::new(
            DecodeErrorKind::InvalidValue,
            at,
            format!("expected true or false, found {value:?}"),
        )
        .within(field)),
    }
}

/// Appends `value` percent-encoded: every byte outside `A-Z a-z 0-9 - . _ ~` becomes `%XX`.
fn percent_encode(out: &mut String, value: &str) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4).to_ascii_uppercase());
            out.push(hex_digit(byte & 0xf).to_ascii_uppercase());
        }
    }
}

/// Decodes `%XX` escapes and `+`; `at` is the text's offset in the whole query, for errors.
fn percent_decode(text: &str, at: usize) -> Result<String, DecodeError> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'%' => {
                let hex = text
                    .get(index + 1..index + 3)
                    .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
                let value = hex
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    .ok_or_else(|| {
                        DecodeError::new(
                            DecodeErrorKind::InvalidValue,
                            at + index,
                            "'%' is not followed by two hexadecimal digits",
                        )
                    })?;
                decoded.push(value);
                index += 3;
            }
            b'+' => {
                decoded.push(b' ');
                index += 1;
            }
            _ => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    Ok(decode_text(&decoded).0.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_in_canonical_order_with_percent_escapes() {
        let query = GetQuery::by_ticket("T 1/ç&=")
            .branch("B1")
            .search(SearchMode::LastValid)
            .lot_quantity(2)
            .query_elements(false)
            .return_ret_response(true);
        assert_eq!(
            query.to_query_string(),
            "ticketCode=T%201%2F%C3%A7%26%3D&startRecNo=1&searchMode=2&sourceBranch=B1&queryElements=0&lotQuantity=2&returnRetResponse=true"
        );
        assert_eq!(
            GetQuery::from_query_string(&query.to_query_string()),
            Ok(query)
        );
    }

    #[test]
    fn decodes_like_the_server_does() {
        let query = GetQuery::from_query_string(
            "?STARTRECNO=5&ticketCode=%20%20%20&registrykey=K+1&x=y&&lotQuantity=&startRecNo=7",
        )
        .unwrap();
        assert_eq!(query.start_rec_no, Some(7));
        assert_eq!(query.ticket_code.as_deref(), Some("   "));
        assert_eq!(query.registry_key.as_deref(), Some("K 1"));
        assert_eq!(query.lot_quantity, None);
        assert_eq!(query.selection(), Some(KeyKind::RegistryKey));
        assert_eq!(
            GetQuery::from_query_string("ticketCode=%20")
                .unwrap()
                .selection(),
            None
        );
    }

    #[test]
    fn bad_values_report_field_and_offset() {
        let error = GetQuery::from_query_string("ticketCode=T1&searchMode=x").unwrap_err();
        assert_eq!(
            (error.kind(), error.field(), error.offset()),
            (DecodeErrorKind::InvalidNumber, "searchMode", 25)
        );
        let error = GetQuery::from_query_string("ticketCode=T%2").unwrap_err();
        assert_eq!(
            (error.kind(), error.offset()),
            (DecodeErrorKind::InvalidValue, 12)
        );
        let error = GetQuery::from_query_string("returnRetResponse=yes").unwrap_err();
        assert_eq!(error.field(), "returnRetResponse");
    }
}

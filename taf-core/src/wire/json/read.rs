//! A small pull reader over JSON text, tolerant where the real server is sloppy.
//!
//! The WSTAFST2 server builds its JSON by concatenation, so the reader accepts raw control
//! characters (TAB, lone CR or LF) inside strings, and lets callers see duplicate keys. Everything
//! else follows RFC 8259. It never panics, bounds nesting depth, and reports byte offsets.

use std::borrow::Cow;

use crate::wire::{DecodeError, DecodeErrorKind};

/// Deepest nesting any WSTAFST2 message needs is 4; anything far beyond is hostile input.
const MAX_DEPTH: usize = 32;

/// The kind of the next JSON value, as seen from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonKind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl JsonKind {
    /// A short name for error messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Object => "an object",
            Self::Array => "an array",
            Self::String => "a string",
            Self::Number => "a number",
            Self::Bool => "a boolean",
            Self::Null => "null",
        }
    }
}

/// Pull reader over one JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading `text` at its first byte.
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            depth: 0,
        }
    }

    /// Byte offset where the next value starts (after any whitespace).
    pub(crate) fn value_start(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn error(&self, kind: DecodeErrorKind, detail: impl Into<Cow<'static, str>>) -> DecodeError {
        DecodeError::new(kind, self.pos, detail)
    }

    fn syntax(&self, expected: &'static str) -> DecodeError {
        match self.peek_byte() {
            None => self.error(
                DecodeErrorKind::Syntax,
                format!("expected {expected}, found the end of the text"),
            ),
            Some(byte) => self.error(
                DecodeErrorKind::Syntax,
                format!("expected {expected}, found {:?}", char::from(byte)),
            ),
        }
    }

    /// The text not read yet.
    pub(crate) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Reads an owned string for `field`, naming the field in any error.
    pub(crate) fn string_of(&mut self, field: &str) -> Result<String, DecodeError> {
        self.string()
            .map(Cow::into_owned)
            .map_err(|error| error.within(field))
    }

    /// Reads an integer for `field`, naming the field in any error.
    pub(crate) fn integer_of(&mut self, field: &str) -> Result<i64, DecodeError> {
        self.integer().map_err(|error| error.within(field))
    }

    /// Reads a boolean for `field`, naming the field in any error.
    pub(crate) fn boolean_of(&mut self, field: &str) -> Result<bool, DecodeError> {
        self.boolean().map_err(|error| error.within(field))
    }

    /// Skips JSON whitespace.
    pub(crate) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek_byte() {
            self.pos += 1;
        }
    }

    /// Whether only whitespace remains.
    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.text.len()
    }

    /// Fails unless only whitespace remains.
    pub(crate) fn finish(&mut self) -> Result<(), DecodeError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error(
                DecodeErrorKind::TrailingData,
                "unexpected text after the JSON value",
            ))
        }
    }

    /// The kind of the next value, without consuming it.
    pub(crate) fn peek_kind(&mut self) -> Result<JsonKind, DecodeError> {
        self.skip_ws();
        match self.peek_byte() {
            Some(b'{') => Ok(JsonKind::Object),
            Some(b'[') => Ok(JsonKind::Array),
            Some(b'"') => Ok(JsonKind::String),
            Some(b'-' | b'0'..=b'9') => Ok(JsonKind::Number),
            Some(b't' | b'f') => Ok(JsonKind::Bool),
            Some(b'n') => Ok(JsonKind::Null),
            _ => Err(self.syntax("a JSON value")),
        }
    }

    fn expect_kind(&mut self, expected: JsonKind) -> Result<(), DecodeError> {
        let found = self.peek_kind()?;
        if found == expected {
            Ok(())
        } else {
            Err(self.error(
                DecodeErrorKind::UnexpectedType,
                format!("expected {}, found {}", expected.name(), found.name()),
            ))
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek_byte() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                DecodeErrorKind::TooDeep,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.pos += 1;
        Ok(())
    }

    /// Reads an object, calling `visit` with each key (and the key's byte offset) while the reader
    /// sits on the key's value. `visit` must consume that value.
    pub(crate) fn object(
        &mut self,
        mut visit: impl FnMut(&mut Self, Cow<'a, str>, usize) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.expect_kind(JsonKind::Object)?;
        self.enter()?;
        if !self.eat(b'}') {
            loop {
                self.skip_ws();
                let key_offset = self.pos;
                if self.peek_byte() != Some(b'"') {
                    return Err(self.syntax("a quoted key"));
                }
                let key = self.string()?;
                if !self.eat(b':') {
                    return Err(self.syntax("':' after the key"));
                }
                visit(self, key, key_offset)?;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return Err(self.syntax("',' or '}'"));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads an array, calling `visit` with each element's index while the reader sits on it.
    /// `visit` must consume the element.
    pub(crate) fn array(
        &mut self,
        mut visit: impl FnMut(&mut Self, usize) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.expect_kind(JsonKind::Array)?;
        self.enter()?;
        if !self.eat(b']') {
            let mut index = 0;
            loop {
                visit(self, index)?;
                index += 1;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return Err(self.syntax("',' or ']'"));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads a string value; borrowed when it holds no escape sequence.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        self.expect_kind(JsonKind::String)?;
        let start = self.pos + 1;
        let end = find_quote_or_backslash(self.bytes(), start);
        match self.bytes().get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                Ok(Cow::Borrowed(self.slice(start, end)))
            }
            Some(_) => {
                self.pos = end;
                let mut owned = String::from(self.slice(start, end));
                self.unescape_rest(&mut owned)?;
                Ok(Cow::Owned(owned))
            }
            None => {
                self.pos = self.text.len();
                Err(self.error(DecodeErrorKind::Syntax, "unterminated string"))
            }
        }
    }

    /// The text between two byte offsets that the scanner found on ASCII delimiters.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// Continues a string from a backslash, appending decoded text to `out`.
    fn unescape_rest(&mut self, out: &mut String) -> Result<(), DecodeError> {
        loop {
            match self.peek_byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    let code = self.bytes().get(escape_at + 1).copied();
                    self.pos += 2;
                    let decoded = match code {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape(escape_at)?,
                        _ => {
                            return Err(DecodeError::new(
                                DecodeErrorKind::InvalidEscape,
                                escape_at,
                                "invalid escape sequence",
                            ));
                        }
                    };
                    out.push(decoded);
                }
                Some(_) => {
                    let start = self.pos;
                    let end = find_quote_or_backslash(self.bytes(), start);
                    out.push_str(self.slice(start, end));
                    self.pos = end;
                }
                None => {
                    return Err(self.error(DecodeErrorKind::Syntax, "unterminated string"));
                }
            }
        }
    }

    /// Decodes the four hex digits after `\u` (and a following low surrogate escape).
    fn unicode_escape(&mut self, escape_at: usize) -> Result<char, DecodeError> {
        let invalid = || {
            DecodeError::new(
                DecodeErrorKind::InvalidEscape,
                escape_at,
                "invalid \\u escape",
            )
        };
        let high = self.hex4().ok_or_else(invalid)?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(u32::from(high)).ok_or_else(invalid);
        }
        if self.bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
            return Err(invalid());
        }
        self.pos += 2;
        let low = self.hex4().ok_or_else(invalid)?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(invalid());
        }
        let scalar = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        char::from_u32(scalar).ok_or_else(invalid)
    }

    fn hex4(&mut self) -> Option<u16> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let value = u16::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(value)
    }

    /// Reads a number token and returns its text.
    fn number_text(&mut self) -> Result<&'a str, DecodeError> {
        self.expect_kind(JsonKind::Number)?;
        let start = self.pos;
        let bytes = self.bytes();
        let mut end = start;
        if bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        let digits_from = end;
        end = skip_digits(bytes, end);
        if end == digits_from {
            self.pos = end;
            return Err(self.syntax("a digit"));
        }
        if bytes.get(end) == Some(&b'.') {
            let fraction_from = end + 1;
            end = skip_digits(bytes, fraction_from);
            if end == fraction_from {
                self.pos = end;
                return Err(self.syntax("a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(end) {
            end += 1;
            if let Some(b'+' | b'-') = bytes.get(end) {
                end += 1;
            }
            let exponent_from = end;
            end = skip_digits(bytes, exponent_from);
            if end == exponent_from {
                self.pos = end;
                return Err(self.syntax("a digit in the exponent"));
            }
        }
        self.pos = end;
        Ok(self.slice(start, end))
    }

    /// Reads a number that must be an integer fitting in `i64`.
    pub(crate) fn integer(&mut self) -> Result<i64, DecodeError> {
        let start = self.value_start();
        let text = self.number_text()?;
        text.parse().map_err(|_| {
            DecodeError::new(
                DecodeErrorKind::InvalidNumber,
                start,
                format!("expected a whole number, found {text}"),
            )
        })
    }

    /// Reads `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Result<bool, DecodeError> {
        self.expect_kind(JsonKind::Bool)?;
        if self.literal("true") {
            Ok(true)
        } else if self.literal("false") {
            Ok(false)
        } else {
            Err(self.syntax("true or false"))
        }
    }

    fn literal(&mut self, word: &str) -> bool {
        if self.bytes().get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Consumes the next value whatever it is, checking its syntax.
    pub(crate) fn skip_value(&mut self) -> Result<(), DecodeError> {
        match self.peek_kind()? {
            JsonKind::Object => self.object(|reader, _, _| reader.skip_value()),
            JsonKind::Array => self.array(|reader, _| reader.skip_value()),
            JsonKind::String => self.string().map(drop),
            JsonKind::Number => self.number_text().map(drop),
            JsonKind::Bool => self.boolean().map(drop),
            JsonKind::Null => {
                if self.literal("null") {
                    Ok(())
                } else {
                    Err(self.syntax("null"))
                }
            }
        }
    }

    /// Reads a value as text: a string's content, or the source text of a number, boolean or null.
    pub(crate) fn scalar_text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        match self.peek_kind()? {
            JsonKind::String => self.string(),
            JsonKind::Object | JsonKind::Array => Err(self.error(
                DecodeErrorKind::UnexpectedType,
                "expected a scalar value, found a container",
            )),
            JsonKind::Number | JsonKind::Bool | JsonKind::Null => {
                let start = self.pos;
                self.skip_value()?;
                Ok(Cow::Borrowed(self.slice(start, self.pos)))
            }
        }
    }
}

fn skip_digits(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// Offset of the first `"` or `\` at or after `from`, or `bytes.len()` when there is none.
/// A vectorised search: strings in WSTAFST2 pages (error details, base64 XML) are long.
fn find_quote_or_backslash(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        .map_or(bytes.len(), |found| from + found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_string(text: &str) -> Result<String, DecodeError> {
        Reader::new(text).string().map(Cow::into_owned)
    }

    #[test]
    fn strings_borrow_without_escapes_and_decode_with_them() {
        assert!(matches!(
            Reader::new(r#""plain""#).string(),
            Ok(Cow::Borrowed("plain"))
        ));
        assert_eq!(
            read_string(r#""a\nb\"c\\d\/e\u00e9\ud83d\ude00""#).as_deref(),
            Ok("a\nb\"c\\d/eé😀")
        );
    }

    #[test]
    fn raw_control_characters_are_accepted_inside_strings() {
        assert_eq!(read_string("\"a\tb\nc\rd\"").as_deref(), Ok("a\tb\nc\rd"));
    }

    #[test]
    fn scanner_finds_delimiters_in_every_position_of_a_word() {
        for len in 0..40 {
            for delimiter in [b'"', b'\\'] {
                let mut bytes = vec![b'x'; len];
                bytes.push(delimiter);
                bytes.extend_from_slice(b"yyyyyyyy\"");
                assert_eq!(find_quote_or_backslash(&bytes, 0), len);
            }
        }
        assert_eq!(find_quote_or_backslash(b"abc", 5), 3);
    }

    #[test]
    fn bad_escapes_and_lone_surrogates_are_errors_at_the_escape() {
        for text in [
            r#""ab\x""#,
            r#""ab\ud800""#,
            r#""ab\u12""#,
            r#""ab\udc00x""#,
        ] {
            let error = read_string(text).unwrap_err();
            assert_eq!(error.kind(), DecodeErrorKind::InvalidEscape, "{text}");
            assert_eq!(error.offset(), 3, "{text}");
        }
    }

    #[test]
    fn unterminated_string_is_a_syntax_error() {
        let error = read_string(r#""abc"#).unwrap_err();
        assert_eq!(error.kind(), DecodeErrorKind::Syntax);
    }

    #[test]
    fn integers_reject_fractions_but_skip_accepts_any_number() {
        assert_eq!(Reader::new(" -42 ").integer(), Ok(-42));
        assert_eq!(
            Reader::new("1.5").integer().unwrap_err().kind(),
            DecodeErrorKind::InvalidNumber
        );
        assert!(Reader::new("-1.5e+3").skip_value().is_ok());
        assert_eq!(
            Reader::new("-").skip_value().unwrap_err().kind(),
            DecodeErrorKind::Syntax
        );
    }

    #[test]
    fn objects_report_keys_with_offsets_and_check_separators() {
        let mut seen = Vec::new();
        let mut reader = Reader::new(r#"{ "a" : 1 ,"b":[true,null,{}] }"#);
        reader
            .object(|reader, key, at| {
                seen.push((key.into_owned(), at));
                reader.skip_value()
            })
            .unwrap();
        assert!(reader.at_end());
        assert_eq!(seen, [("a".to_owned(), 2), ("b".to_owned(), 11)]);

        let error = Reader::new(r#"{"a":1 "b":2}"#)
            .object(|reader, _, _| reader.skip_value())
            .unwrap_err();
        assert_eq!((error.kind(), error.offset()), (DecodeErrorKind::Syntax, 7));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            Reader::new(&deep).skip_value().unwrap_err().kind(),
            DecodeErrorKind::TooDeep
        );
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Reader::new(&fine).skip_value().is_ok());
    }
}

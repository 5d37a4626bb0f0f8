//! Turning response bytes into text: UTF-8 first, Windows-1252 as the fallback.
//!
//! The server concatenates strings in its code page and never calls `EncodeUTF8`, so accented
//! messages may arrive as cp1252 (spec §2.3). A body that is valid UTF-8 is taken as UTF-8;
//! anything else is read as cp1252, which maps every byte to a character, so decoding never fails.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The character set a body was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Charset {
    /// Valid UTF-8 (a leading byte-order mark is dropped).
    Utf8,
    /// Not UTF-8, so read as Windows-1252.
    Cp1252,
}

/// Decodes `bytes` as UTF-8, or as Windows-1252 when they are not valid UTF-8.
///
/// Borrows when the input is UTF-8.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, Charset) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Charset::Utf8),
        Err(_) => (
            Cow::Owned(bytes.iter().map(|&byte| cp1252_char(byte)).collect()),
            Charset::Cp1252,
        ),
    }
}

/// The character a Windows-1252 byte stands for. The five bytes the code page leaves undefined
/// map to the C1 control of the same value, as the WHATWG encoding standard does.
pub fn cp1252_char(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    match byte {
        0x80..=0x9F => HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(byte),
    }
}

/// Trims spaces at both ends, as ADVPL's `AllTrim` (how the server compares most values).
pub(crate) fn all_trim(value: &str) -> &str {
    value.trim_matches(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_bom_dropped() {
        let (text, charset) = decode_text("\u{FEFF}Válido".as_bytes());
        assert!(matches!(text, Cow::Borrowed("Válido")));
        assert_eq!(charset, Charset::Utf8);
    }

    #[test]
    fn cp1252_fallback_decodes_accents_and_the_high_block() {
        let (text, charset) = decode_text(b"Registro Transmitido V\xe1lido. \x80 \x93x\x94 \x81");
        assert_eq!(text, "Registro Transmitido Válido. € “x” \u{81}");
        assert_eq!(charset, Charset::Cp1252);
    }

    #[test]
    fn every_byte_has_a_character() {
        let all: Vec<u8> = (0..=255).collect();
        let (text, _) = decode_text(&all);
        assert_eq!(text.chars().count(), 256);
    }
}

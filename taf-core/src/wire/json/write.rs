//! Escaping for the JSON the encoders write.
//!
//! The real server never escapes anything; the encoders always do, so their output is valid JSON
//! that is byte-identical to the server's whenever the server's own output is valid.

/// Appends `value` to `out` with `"`, `\` and control characters escaped; other characters,
/// accented letters included, are written as they are.
pub(crate) fn push_escaped(out: &mut String, value: &str) {
    let mut clean_from = 0;
    for (at, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(value.get(clean_from..at).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0xf));
        } else {
            out.push_str(escape);
        }
        clean_from = at + 1;
    }
    out.push_str(value.get(clean_from..).unwrap_or_default());
}

/// The lower-case hexadecimal digit for a nibble (0–15).
pub(crate) fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble & 0xf), 16).unwrap_or('0')
}

/// Appends `value` as a quoted JSON string.
pub(crate) fn push_string(out: &mut String, value: &str) {
    out.push('"');
    push_escaped(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_only_what_json_requires() {
        let mut out = String::new();
        push_string(&mut out, "K\"1\\ á\n\r\t\u{1}\u{1f}/€");
        assert_eq!(out, r#""K\"1\\ á\n\r\t\u0001\u001f/€""#);
    }

    #[test]
    fn escaped_text_reads_back_unchanged() {
        let original = "a\u{0}b\u{7f}c\"\\\u{8}\u{c}ção";
        let mut out = String::new();
        push_string(&mut out, original);
        let back = super::super::read::Reader::new(&out).string();
        assert_eq!(back.as_deref(), Ok(original));
    }
}

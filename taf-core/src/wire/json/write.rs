//! Escaping for the JSON the encoders write.
//!
//! The real server never escapes anything; the encoders always do, so their output is valid JSON
//! that is byte-identical to the server's whenever the server's own output is valid.

/// Appends `value` to `out` with `"`, `\` and control characters escaped; other characters,
/// accented letters included, are written as they are.
pub(crate) fn push_escaped(out: &mut String, value: &str) {
    let bytes = value.as_bytes();
    let mut clean_from = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Most values (base64 messages, keys) need no escape: skip them a block at a time.
        if let Some(block) = bytes.get(at..at + BLOCK)
            && !block
                .iter()
                .fold(false, |any, &byte| any | needs_escape(byte))
        {
            at += BLOCK;
            continue;
        }
        at += 1;
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
        out.push_str(value.get(clean_from..at - 1).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0xf));
        } else {
            out.push_str(escape);
        }
        clean_from = at;
    }
    out.push_str(value.get(clean_from..).unwrap_or_default());
}

/// How many bytes [`push_escaped`] checks at once for a byte to escape.
const BLOCK: usize = 16;

/// Whether JSON needs `byte` escaped: `"`, `\` and the control characters.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
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
    fn escapes_at_every_position_of_a_block() {
        for at in 0..40 {
            let mut value = "A".repeat(40);
            value.replace_range(at..=at, "\"");
            let mut out = String::new();
            push_escaped(&mut out, &value);
            assert_eq!(out, value.replace('"', "\\\""), "at {at}");
        }
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

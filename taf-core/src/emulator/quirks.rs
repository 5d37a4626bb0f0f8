//! Fault injection, off by default: the real server's broken outputs and seeded failures, for
//! testing how clients cope (spec §2.3, §2.4, §4.5, §5; design "Wire fidelity").

use serde::{Deserialize, Serialize};

/// A failure the emulator injects on some requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// Answer normally, but ask the transport to wait this long first.
    Slow {
        /// The delay in milliseconds.
        millis: u64,
    },
    /// Fault 702: TAFST2 could not be opened (temporary).
    TableUnavailable,
    /// HTTP 503 with an empty body, as a proxy in front of the server might answer.
    Unavailable,
}

/// Which requests fail: one in `one_in`, chosen by a hash of `seed` and the request's number,
/// so a run can be repeated exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureRule {
    /// Seed of the choice.
    pub seed: u64,
    /// One request in this many fails (0 or 1: every request).
    pub one_in: u64,
    /// What happens to a chosen request.
    pub failure: Failure,
}

impl FailureRule {
    /// Whether request number `request` (counted from 0) is chosen.
    pub fn chooses(&self, request: u64) -> bool {
        self.one_in <= 1
            || mix(self.seed ^ request.wrapping_mul(0x9E37_79B9_7F4A_7C15))
                .is_multiple_of(self.one_in)
    }
}

/// `SplitMix64`'s finaliser: a cheap, well-spread hash.
fn mix(mut value: u64) -> u64 {
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

/// The real server's broken outputs, each off by default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[allow(clippy::struct_excessive_bools)] // independent switches, one per documented server quirk
pub struct Quirks {
    /// Write values without JSON escaping, as the server concatenates them: `"`, `\`, TAB, CR and
    /// other control characters go out raw (a line feed stays `\n`, which the server also writes
    /// for the CR LF of error details). Bodies may then be invalid JSON.
    pub unescaped: bool,
    /// Send bodies in Windows-1252 instead of UTF-8 (characters outside it become `?`).
    pub cp1252: bool,
    /// On a DELETE with an unknown branch, append `"success" : false` after the 803 envelope.
    pub delete_fragment: bool,
    /// Encode `xmlRetResponse` twice, as a server holding an already-encoded TSS value does.
    pub double_base64: bool,
    /// Seeded failures.
    pub failures: Option<FailureRule>,
}

impl Quirks {
    /// Applies the body-level quirks (escaping, character set) to a response body.
    pub(crate) fn shape_body(&self, body: String) -> Vec<u8> {
        let body = if self.unescaped {
            unescape(&body)
        } else {
            body
        };
        if self.cp1252 {
            body.chars().map(cp1252_byte).collect()
        } else {
            body.into_bytes()
        }
    }
}

/// Undoes the encoder's escapes except `\n`, giving what the server's concatenation writes.
fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') | None => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(decoded);
                } else {
                    out.push_str("\\u");
                    out.push_str(&hex);
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// The Windows-1252 byte of a character, `?` when the code page lacks it.
fn cp1252_byte(c: char) -> u8 {
    match u8::try_from(u32::from(c)) {
        Ok(byte) if !(0x80..=0x9F).contains(&byte) => byte,
        _ => (0x80..=0x9F_u8)
            .find(|&byte| crate::text::cp1252_char(byte) == c)
            .unwrap_or(b'?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Charset, decode_text};

    #[test]
    fn unescaping_keeps_line_feeds_escaped() {
        assert_eq!(
            unescape(r#"{"k" : "K\"1\\ a\tb\nc\u0001"}"#),
            "{\"k\" : \"K\"1\\ a\tb\\nc\u{1}\"}"
        );
    }

    #[test]
    fn cp1252_bodies_decode_back_with_the_fallback() {
        let quirks = Quirks {
            cp1252: true,
            ..Quirks::default()
        };
        let bytes = quirks.shape_body("Válido € “x” 中".to_owned());
        assert_eq!(
            decode_text(&bytes),
            ("Válido € “x” ?".into(), Charset::Cp1252)
        );
    }

    #[test]
    fn failure_rules_are_deterministic_and_roughly_proportional() {
        let rule = FailureRule {
            seed: 7,
            one_in: 4,
            failure: Failure::Unavailable,
        };
        let chosen: Vec<u64> = (0..1000).filter(|&n| rule.chooses(n)).collect();
        assert_eq!(
            chosen,
            (0..1000).filter(|&n| rule.chooses(n)).collect::<Vec<_>>()
        );
        assert!((150..350).contains(&chosen.len()), "{}", chosen.len());
        let every = FailureRule { one_in: 1, ..rule };
        assert!((0..10).all(|n| every.chooses(n)));
    }
}

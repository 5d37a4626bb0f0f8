//! Fault injection, off by default: the real server's broken outputs and seeded failures, for
//! testing how clients cope (spec §2.3, §2.4, §4.5, §5; design "Wire fidelity").

use serde::{Deserialize, Serialize};

/// A failure the emulator injects on some requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InjectedFailure {
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
#[non_exhaustive]
pub struct FailureRule {
    /// Seed of the choice.
    pub seed: u64,
    /// One request in this many fails (0 or 1: every request).
    pub one_in: u64,
    /// What happens to a chosen request.
    pub failure: InjectedFailure,
}

impl FailureRule {
    /// `failure` on one request in `one_in`, chosen from `seed`.
    pub fn new(seed: u64, one_in: u64, failure: InjectedFailure) -> Self {
        Self {
            seed,
            one_in,
            failure,
        }
    }

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

/// Output switches. By default the emulator writes the real server's bytes, broken ones
/// included (spec §2.4, §5; design "Wire fidelity"); [`Quirks::escaped`] and
/// [`Quirks::tidy_delete`] make the output tidier, the others select installation-dependent
/// behaviour or inject failures.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(clippy::struct_excessive_bools)] // independent switches, one per documented server quirk
#[non_exhaustive]
pub struct Quirks {
    /// Tidier: JSON-escape values. The server concatenates them as they are, so by default
    /// `"`, `\`, TAB, CR and other control characters go out raw (a line feed in an error
    /// detail stays `\n`, which the server writes for its CR LF) and the body may be invalid
    /// JSON.
    pub escaped: bool,
    /// Send bodies in Windows-1252 instead of UTF-8 (characters outside it become `?`).
    pub cp1252: bool,
    /// Tidier: on a DELETE with an unknown branch, answer the 803 envelope alone. The server
    /// appends `"success" : false` after it (spec D-04), which is the default.
    pub tidy_delete: bool,
    /// Encode `xmlRetResponse` twice, as a server holding an already-encoded TSS value does.
    pub double_base64: bool,
    /// Seeded failures.
    pub failures: Option<FailureRule>,
}

impl Quirks {
    /// Applies the body-level quirks (escaping, character set) to a response body written
    /// escaped.
    pub(crate) fn shape_body(&self, body: String) -> Vec<u8> {
        let body = if self.escaped {
            body
        } else {
            crate::wire::json::unescape(body)
        };
        if self.cp1252 {
            body.chars().map(cp1252_byte).collect()
        } else {
            body.into_bytes()
        }
    }
}

/// The Windows-1252 byte of a character, `?` when the code page lacks it.
fn cp1252_byte(c: char) -> u8 {
    match u8::try_from(u32::from(c)) {
        Ok(byte) if !(0x80..=0x9F).contains(&byte) => byte,
        _ => (0x80..=0x9F_u8)
            .find(|&byte| crate::wire::text::cp1252_char(byte) == c)
            .unwrap_or(b'?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::text::{Charset, decode_text};

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
            failure: InjectedFailure::Unavailable,
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

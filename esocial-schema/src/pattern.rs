//! Pattern facets: counted byte loops for the common shapes, the `regex` crate for the rest.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Fast, Pattern};
use crate::tables::REGEXES;

static COMPILED: [OnceLock<Option<Regex>>; REGEXES.len()] =
    [const { OnceLock::new() }; REGEXES.len()];

/// The compiled regex at `index` (compiled on first use; `None` if it does not compile, which
/// the crate's tests rule out for every generated pattern).
pub(crate) fn regex(index: usize) -> Option<&'static Regex> {
    COMPILED
        .get(index)?
        .get_or_init(|| Regex::new(REGEXES[index]).ok())
        .as_ref()
}

/// Whether `value` matches `pattern` (anchored, XSD semantics).
pub(crate) fn matches(pattern: &Pattern, value: &str) -> bool {
    let bytes = value.as_bytes();
    match pattern.fast {
        Fast::Digits(runs) if value.is_ascii() => {
            let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
            bytes.iter().all(u8::is_ascii_digit)
                && runs.iter().any(|&(low, high)| (low..=high).contains(&len))
        }
        Fast::NotBlankLine => {
            memchr::memchr2(b'\n', b'\r', bytes).is_none()
                && bytes.iter().any(|&b| b != b' ' && b != b'\t')
        }
        Fast::NonSpaceStart => bytes
            .first()
            .is_some_and(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')),
        Fast::Digits(_) | Fast::General => regex(pattern.regex).is_some_and(|r| r.is_match(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_pattern_compiles() {
        for (index, source) in REGEXES.iter().enumerate() {
            assert!(regex(index).is_some(), "{source} does not compile");
        }
    }

    fn general(source: &'static str, regex: &str) -> Pattern {
        let index = REGEXES
            .iter()
            .position(|r| *r == regex)
            .unwrap_or_else(|| panic!("{regex} is not generated"));
        Pattern {
            source,
            fast: Fast::General,
            regex: index,
        }
    }

    #[test]
    fn xsd_semantics_of_generated_patterns() {
        let word = general("\\w{5,13}", "^(?:[^\\p{P}\\p{Z}\\p{C}]{5,13})$");
        assert!(matches(&word, "ab$cd"));
        assert!(matches(&word, "abc+d"));
        assert!(!matches(&word, "ab-cd"));
        assert!(!matches(&word, "ab cd"));
        let not_blank = general(".*[^\\s].*", "^(?:[^\\n\\r]*[^[ \\t\\n\\r]][^\\n\\r]*)$");
        assert!(!matches(&not_blank, "a\nb"));
        assert!(!matches(&not_blank, " \t "));
        assert!(matches(&not_blank, " x "));
        let sic = general("[a-zA-z]{2}\\d{9}", "^(?:[a-zA-z]{2}\\p{Nd}{9})$");
        assert!(matches(&sic, "_^123456789"));
        assert!(matches(&sic, "ab١٢٣٤٥٦٧٨٩"));
    }

    #[test]
    fn fast_shapes_agree_with_the_regex() {
        let digits = Pattern {
            source: "\\d{8}|\\d{14}",
            fast: Fast::Digits(&[(8, 8), (14, 14)]),
            regex: REGEXES
                .iter()
                .position(|r| *r == "^(?:\\p{Nd}{8}|\\p{Nd}{14})$")
                .unwrap(),
        };
        let general = Pattern {
            fast: Fast::General,
            ..digits
        };
        for value in [
            "12345678",
            "1234567",
            "12345678901234",
            "1234567a",
            "",
            "١٢٣٤٥٦٧٨",
            " 12345678",
        ] {
            assert_eq!(
                matches(&digits, value),
                matches(&general, value),
                "{value:?}"
            );
        }
    }
}

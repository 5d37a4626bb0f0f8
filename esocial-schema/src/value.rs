//! Simple-type values checked as libxml2 2.9 checks them.
//!
//! libxml2 whitespace-normalises a non-string value only when its type carries a `pattern` or an
//! `enumeration` facet; otherwise the built-in parser sees the raw text, and only the parsers of
//! `xs:decimal`, `xs:integer`, `xs:positiveInteger` and `xs:ID` skip surrounding whitespace
//! (`xs:byte` and `xs:date` do not). Numeric enumerations compare by value; lengths count
//! characters; `totalDigits`/`fractionDigits` ignore leading and trailing zeros.

use std::cmp::Ordering;

use crate::model::{Base, Shortcut, Simple};
use crate::pattern;
use crate::scan::same_bytes;

/// Which check a value failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Violation {
    /// Not in the lexical space of the built-in base.
    Type,
    /// `length`.
    Length(u32),
    /// `minLength`.
    MinLength(u32),
    /// `maxLength`.
    MaxLength(u32),
    /// `totalDigits`.
    TotalDigits(u32),
    /// `fractionDigits`.
    FractionDigits(u32),
    /// `minInclusive`.
    MinInclusive(&'static str),
    /// `maxInclusive`.
    MaxInclusive(&'static str),
    /// `minExclusive`.
    MinExclusive(&'static str),
    /// `maxExclusive`.
    MaxExclusive(&'static str),
    /// `enumeration`.
    Enumeration,
    /// `pattern` (its XSD source).
    Pattern(&'static str),
}

fn is_xsd_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Removes XSD whitespace at both ends.
pub(crate) fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    let Some(start) = bytes.iter().position(|&b| !is_xsd_space(b)) else {
        return "";
    };
    // Both ends are next to ASCII whitespace (or the text's ends), so they are char boundaries.
    let end = bytes
        .iter()
        .rposition(|&b| !is_xsd_space(b))
        .map_or(start, |e| e + 1);
    &value[start..end]
}

/// A decimal value: sign, integer digits without leading zeros, fraction without trailing zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal<'a> {
    negative: bool,
    int: &'a [u8],
    frac: &'a [u8],
}

impl<'a> Decimal<'a> {
    /// Parses `[+-]?(d+(.d*)?|.d+)`; `integer` refuses a fraction point.
    pub(crate) fn parse(text: &'a str, integer: bool) -> Option<Self> {
        let bytes = text.as_bytes();
        let (negative, digits) = match bytes.first() {
            Some(b'-') => (true, &bytes[1..]),
            Some(b'+') => (false, &bytes[1..]),
            _ => (false, bytes),
        };
        let (int, frac) = match digits.iter().position(|&b| b == b'.') {
            Some(_) if integer => return None,
            Some(dot) => (&digits[..dot], &digits[dot + 1..]),
            None => (digits, &digits[digits.len()..]),
        };
        if int.is_empty() && frac.is_empty() || !int.iter().chain(frac).all(u8::is_ascii_digit) {
            return None;
        }
        let lead = int.iter().take_while(|&&b| b == b'0').count();
        let trail = frac.iter().rev().take_while(|&&b| b == b'0').count();
        let int = &int[lead..];
        let frac = &frac[..frac.len() - trail];
        Some(Self {
            negative: negative && !(int.is_empty() && frac.is_empty()),
            int,
            frac,
        })
    }

    fn magnitude_cmp(&self, other: &Self) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(other.int))
            .then_with(|| self.frac.cmp(other.frac))
    }

    /// A decimal the generator wrote canonically (enumerations and range bounds: `-12.5`,
    /// `0`, `7`): split without the checks of [`Decimal::parse`].
    fn canonical(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let (negative, rest) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        let (int, frac) = match rest.iter().position(|&b| b == b'.') {
            Some(dot) => (&rest[..dot], &rest[dot + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        let int = if int == b"0" { &int[1..] } else { int };
        Self {
            negative,
            int,
            frac,
        }
    }

    /// Whether `canonical` (see [`Decimal::canonical`]) is this value.
    fn is(&self, canonical: &str) -> bool {
        let other = Decimal::canonical(canonical);
        other.negative == self.negative
            && same_bytes(other.int, self.int)
            && same_bytes(other.frac, self.frac)
    }

    fn digits(&self) -> usize {
        self.int.len() + self.frac.len()
    }
}

impl Ord for Decimal<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
        }
    }
}

impl PartialOrd for Decimal<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A calendar date `(year, month, day)`; the time zone is checked but not compared.
pub(crate) type Date = (i64, u8, u8);

fn two_digits(bytes: &[u8]) -> Option<u8> {
    match bytes {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses an `xs:date`: `-?YYYY-MM-DD` with an optional `Z` or `±hh:mm`, a real day.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        _ => (false, bytes),
    };
    let year_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if year_len < 4 || (year_len > 4 && rest[0] == b'0') || year_len > 12 {
        return None;
    }
    let year: i64 = std::str::from_utf8(&rest[..year_len]).ok()?.parse().ok()?;
    if year == 0 {
        return None;
    }
    let rest = &rest[year_len..];
    if rest.len() < 6 || rest[0] != b'-' || rest[3] != b'-' {
        return None;
    }
    let month = two_digits(&rest[1..3])?;
    let day = two_digits(&rest[4..6])?;
    let year = if negative { -year } else { year };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    match &rest[6..] {
        [] | [b'Z'] => {}
        [b'+' | b'-', hh @ .., b':', m1, m2] if hh.len() == 2 => {
            let hours = two_digits(hh)?;
            let minutes = two_digits(&[*m1, *m2])?;
            if hours > 14 || minutes > 59 || (hours == 14 && minutes > 0) {
                return None;
            }
        }
        _ => return None,
    }
    Some((year, month, day))
}

fn is_ncname(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{b7}'))
}

/// A parsed value, for range and enumeration facets.
enum Parsed<'a> {
    Number(Decimal<'a>),
    Date(Date),
    Text,
}

fn lexical(base: Base, value: &str) -> Option<Parsed<'_>> {
    Some(match base {
        Base::String | Base::Unchecked => Parsed::Text,
        Base::Id => is_ncname(trim(value)).then_some(Parsed::Text)?,
        Base::Byte => {
            let number = Decimal::parse(value, true)?;
            let limit = if number.negative { b"128" } else { b"127" };
            if number.int.len() > 3 || number.int.len() == 3 && number.int > &limit[..] {
                return None;
            }
            Parsed::Number(number)
        }
        Base::Integer => Parsed::Number(Decimal::parse(trim(value), true)?),
        Base::PositiveInteger => {
            let number = Decimal::parse(trim(value), true)?;
            if number.negative || number.int.is_empty() {
                return None;
            }
            Parsed::Number(number)
        }
        Base::Decimal => Parsed::Number(Decimal::parse(trim(value), false)?),
        Base::Date => Parsed::Date(parse_date(value)?),
    })
}

fn ordering(parsed: &Parsed<'_>, bound: &str) -> Option<Ordering> {
    match parsed {
        Parsed::Number(number) => Some(number.cmp(&Decimal::canonical(bound))),
        Parsed::Date(date) => Some(date.cmp(&parse_date(bound)?)),
        Parsed::Text => None,
    }
}

fn enumerated(parsed: &Parsed<'_>, value: &str, group: &[&str]) -> bool {
    match parsed {
        Parsed::Number(number) => group.iter().any(|item| number.is(item)),
        _ => group
            .iter()
            .any(|item| same_bytes(item.as_bytes(), value.as_bytes())),
    }
}

fn char_count(value: &str) -> usize {
    value.chars().count()
}

/// A range facet: its bound, what ordering of value to bound it accepts, its violation.
type Bound = (
    Option<&'static str>,
    fn(Ordering) -> bool,
    fn(&'static str) -> Violation,
);

/// The range facets of `simple` on a parsed value.
fn check_bounds(simple: &Simple, parsed: &Parsed<'_>) -> Result<(), Violation> {
    let bounds: [Bound; 4] = [
        (
            simple.min_inclusive,
            |o| o != Ordering::Less,
            Violation::MinInclusive,
        ),
        (
            simple.max_inclusive,
            |o| o != Ordering::Greater,
            Violation::MaxInclusive,
        ),
        (
            simple.min_exclusive,
            |o| o == Ordering::Greater,
            Violation::MinExclusive,
        ),
        (
            simple.max_exclusive,
            |o| o == Ordering::Less,
            Violation::MaxExclusive,
        ),
    ];
    for (bound, accepts, violation) in bounds {
        if let Some(bound) = bound
            && !ordering(parsed, bound).is_some_and(accepts)
        {
            return Err(violation(bound));
        }
    }
    Ok(())
}

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGH_BITS: u64 = ONES * 0x80;

/// Whether every byte is an ASCII digit: eight bytes at a time (a digit's high nibble is 3, and
/// stays 3 when 6 is added), the last word overlapping the one before.
fn all_digits(bytes: &[u8]) -> bool {
    let digits = |word: u64| {
        word & (ONES * 0xF0) == ONES * 0x30
            && word.wrapping_add(ONES * 6) & (ONES * 0xF0) == ONES * 0x30
    };
    let mut words = bytes.chunks_exact(8);
    let body = words
        .by_ref()
        .all(|w| <[u8; 8]>::try_from(w).is_ok_and(|w| digits(u64::from_le_bytes(w))));
    body && words.remainder().iter().all(u8::is_ascii_digit)
}

/// The character count of `bytes` (valid UTF-8) if it holds no tab, CR or LF: printable ASCII
/// eight bytes at a time, byte by byte from the first word that is not.
fn chars_without_breaks(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut ascii = 0;
    for word in words.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let word = u64::from_le_bytes(word);
        // A byte under 0x20 borrows in the subtraction; a byte from 0x80 has its high bit.
        if (word | word.wrapping_sub(ONES * 0x20)) & HIGH_BITS != 0 {
            break;
        }
        ascii += 8;
    }
    // Not a UTF-8 continuation byte: one character. The scanner let no control character
    // through, so a byte under 0x20 is a tab, CR or LF.
    let rest = bytes.get(ascii..).unwrap_or_default();
    let (chars, breaks) = rest.iter().fold((ascii, 0u8), |(chars, breaks), &b| {
        (
            chars + usize::from(b.cast_signed() >= -0x40),
            breaks | u8::from(b < 0x20),
        )
    });
    (breaks == 0).then_some(chars)
}

/// Whether `bytes` fit the steps of `shape` (see [`Shortcut::Shapes`]): the one step of varying
/// count takes the bytes the fixed ones leave.
fn fits(shape: &[(u128, u32, u32)], bytes: &[u8]) -> bool {
    let fixed: usize = shape.iter().map(|&(_, low, _)| low as usize).sum();
    let Some(extra) = bytes.len().checked_sub(fixed) else {
        return false;
    };
    let mut rest = bytes;
    for &(set, low, high) in shape {
        let n = if low == high {
            low as usize
        } else {
            low as usize + extra
        };
        let Some((run, tail)) = rest.split_at_checked(n) else {
            return false;
        };
        if n > high as usize || !run.iter().all(|&b| b < 128 && set >> b & 1 == 1) {
            return false;
        }
        rest = tail;
    }
    rest.is_empty()
}

/// Whether `shortcut` accepts `bytes` (a value it does not accept may still be valid).
fn accepts(shortcut: Shortcut, bytes: &[u8]) -> bool {
    match shortcut {
        Shortcut::Never => false,
        Shortcut::Count { runs, min, max } => {
            let len = bytes.len();
            runs.iter()
                .any(|&(low, high)| (low as usize..=high as usize).contains(&len))
                && all_digits(bytes)
                && std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|digits| digits.parse::<u64>().ok())
                    .is_some_and(|value| (min..=max).contains(&value))
        }
        Shortcut::Date { min, below } => {
            let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes else {
                return false;
            };
            let (Some(century), Some(year), Some(month), Some(day)) = (
                two_digits(&[y0, y1]),
                two_digits(&[y2, y3]),
                two_digits(&[m0, m1]),
                two_digits(&[d0, d1]),
            ) else {
                return false;
            };
            let year = i64::from(century) * 100 + i64::from(year);
            year > 0
                && (1..=12).contains(&month)
                && (1..=days_in_month(year, month)).contains(&day)
                && bytes >= min.as_bytes()
                && bytes < below.as_bytes()
        }
        Shortcut::Shapes { shapes, min, max } => {
            (min as usize..=max as usize).contains(&bytes.len())
                && shapes.iter().any(|shape| fits(shape, bytes))
        }
        Shortcut::Text { min, max, solid } => {
            if solid && bytes.first().is_none_or(|&b| b == b' ') {
                return false;
            }
            chars_without_breaks(bytes).is_some_and(|n| (min as usize..=max as usize).contains(&n))
        }
        Shortcut::Digits(runs) => {
            let len = bytes.len();
            runs.iter()
                .any(|&(low, high)| (low as usize..=high as usize).contains(&len))
                && all_digits(bytes)
        }
        Shortcut::OneOf(values) => values
            .binary_search_by(|item| {
                item.len()
                    .cmp(&bytes.len())
                    .then_with(|| item.as_bytes().cmp(bytes))
            })
            .is_ok(),
        Shortcut::Decimal { int, frac, nonzero } => {
            let dot = bytes.iter().position(|&b| b == b'.');
            let (whole, fraction) = match dot {
                Some(dot) => bytes.split_at(dot),
                None => (bytes, &[][..]),
            };
            let fraction = fraction.get(1..).unwrap_or_default();
            !whole.is_empty()
                && whole.len() <= int as usize
                && fraction.len() <= frac as usize
                && (dot.is_none() || !fraction.is_empty())
                && all_digits(whole)
                && all_digits(fraction)
                && (!nonzero || whole.iter().chain(fraction).any(|&b| b != b'0'))
        }
    }
}

/// Checks `raw` (the element's text after entity expansion) against `simple`.
pub(crate) fn check(simple: &Simple, raw: &str) -> Result<(), Violation> {
    if simple.base == Base::Unchecked || accepts(simple.shortcut, raw.as_bytes()) {
        return Ok(());
    }
    check_facets(simple, raw)
}

/// The full check of `raw` against the base and every facet of `simple`.
fn check_facets(simple: &Simple, raw: &str) -> Result<(), Violation> {
    let normalise =
        simple.base != Base::String && !(simple.patterns.is_empty() && simple.enums.is_empty());
    let value = if normalise { trim(raw) } else { raw };
    let parsed = lexical(simple.base, value).ok_or(Violation::Type)?;
    if simple.length.is_some() || simple.min_length.is_some() || simple.max_length.is_some() {
        let text = if simple.base == Base::Id {
            trim(value)
        } else {
            value
        };
        let length = u32::try_from(char_count(text)).unwrap_or(u32::MAX);
        if let Some(n) = simple.length
            && length != n
        {
            return Err(Violation::Length(n));
        }
        if let Some(n) = simple.min_length
            && length < n
        {
            return Err(Violation::MinLength(n));
        }
        if let Some(n) = simple.max_length
            && length > n
        {
            return Err(Violation::MaxLength(n));
        }
    }
    if let Parsed::Number(number) = &parsed {
        let (int, frac) = (number.digits(), number.frac.len());
        if let Some(n) = simple.total_digits
            && int > n as usize
        {
            return Err(Violation::TotalDigits(n));
        }
        if let Some(n) = simple.fraction_digits
            && frac > n as usize
        {
            return Err(Violation::FractionDigits(n));
        }
    }
    let bounded = simple.min_inclusive.is_some()
        || simple.max_inclusive.is_some()
        || simple.min_exclusive.is_some()
        || simple.max_exclusive.is_some();
    if bounded {
        check_bounds(simple, &parsed)?;
    }
    for group in simple.enums {
        if !enumerated(&parsed, value, group) {
            return Err(Violation::Enumeration);
        }
    }
    for group in simple.patterns {
        if !group.iter().any(|p| pattern::matches(p, value)) {
            return Err(Violation::Pattern(group[0].source));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_by_value() {
        let d = |s| Decimal::parse(s, false).unwrap();
        assert_eq!(d("+007"), d("7"));
        assert_eq!(d("-0.0"), d("0"));
        assert!(d("-2") < d("-1.5"));
        assert!(d("10") > d("9.99"));
        assert!(d("0.5") < d("0.55"));
        assert_eq!(d("0001.50").digits(), 2);
        assert_eq!(d("123.45").digits(), 5);
        assert!(Decimal::parse("1.5", true).is_none());
        assert!(Decimal::parse(".", false).is_none());
        assert!(Decimal::parse("1e3", false).is_none());
        assert!(d("+007").is("7"));
        assert!(d("-0.0").is("0"));
        assert!(d("-0.50").is("-0.5"));
        assert!(!d("10").is("1"));
    }

    #[test]
    fn generated_numeric_bounds_are_canonical() {
        let numeric = [
            Base::Byte,
            Base::Integer,
            Base::PositiveInteger,
            Base::Decimal,
        ];
        let mut bounds = 0;
        for simple in &crate::tables::SIMPLES {
            if !numeric.contains(&simple.base) {
                continue;
            }
            let facets = [
                simple.min_inclusive,
                simple.max_inclusive,
                simple.min_exclusive,
                simple.max_exclusive,
            ];
            for bound in facets.into_iter().flatten() {
                assert_eq!(
                    Some(Decimal::canonical(bound)),
                    Decimal::parse(bound, false),
                    "{bound}"
                );
                bounds += 1;
            }
        }
        assert!(bounds > 0);
    }

    /// Values near every shortcut's edges: digit runs, decimals, padded and broken text, and
    /// every enumerated value with padding, sign and leading zero.
    fn edge_values() -> Vec<String> {
        let mut values = Vec::new();
        for n in 0..=2100 {
            values.push(n.to_string());
            values.push(format!("0{n}"));
        }
        for n in 0..=300 {
            for unit in ["9", "0", "x", " ", "ç", "x\t"] {
                values.push(unit.repeat(n));
            }
            values.push(format!(" {}", "x".repeat(n)));
            values.push(format!("1{}", "0".repeat(n)));
        }
        for year in [
            "0000", "0001", "1889", "1890", "1900", "2000", "2023", "2024", "9999",
        ] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    values.push(format!("{year}-{month:02}-{day:02}"));
                }
            }
        }
        values.extend(["2024-02-29Z", " 2024-02-29", "12024-01-01", "2024-1-01"].map(String::from));
        for int in 0..=16 {
            for frac in 0..=6 {
                values.push(format!("{}.{}", "9".repeat(int), "9".repeat(frac)));
                values.push(format!("{}.{}", "0".repeat(int), "0".repeat(frac)));
                values.push(format!("-{}.{}", "1".repeat(int), "5".repeat(frac)));
            }
        }
        for simple in &crate::tables::SIMPLES {
            if let Shortcut::Shapes { shapes, .. } = simple.shortcut {
                for shape in shapes {
                    // The lowest and the highest byte of each set, at each step's bounds.
                    for pick in [u128::trailing_zeros, u128::ilog2] {
                        for long in [false, true] {
                            let value: String = shape
                                .iter()
                                .flat_map(|&(set, low, high)| {
                                    let byte = char::from(u8::try_from(pick(set)).unwrap());
                                    std::iter::repeat_n(
                                        byte,
                                        (if long { high } else { low }) as usize,
                                    )
                                })
                                .collect();
                            values.push(value);
                        }
                    }
                }
            }
            for item in simple.enums.iter().copied().flatten() {
                for padded in [format!(" {item}"), format!("0{item}"), format!("+{item}")] {
                    values.push(padded);
                }
                values.push((*item).to_owned());
            }
        }
        values
    }

    #[test]
    fn shortcuts_accept_only_what_the_full_check_accepts() {
        let values = edge_values();
        for (index, simple) in crate::tables::SIMPLES.iter().enumerate() {
            let mut accepted = 0;
            for value in &values {
                if accepts(simple.shortcut, value.as_bytes()) {
                    accepted += 1;
                    assert_eq!(
                        check_facets(simple, value),
                        Ok(()),
                        "SIMPLES[{index}] shortcut accepts {value:?}"
                    );
                }
            }
            let never = matches!(simple.shortcut, Shortcut::Never);
            assert_eq!(
                accepted == 0,
                never,
                "SIMPLES[{index}] {:?}",
                simple.shortcut
            );
        }
    }

    #[test]
    fn word_tests_agree_with_byte_tests() {
        for value in edge_values().iter().chain(&[
            "12345678a".to_owned(),
            "1234567:".to_owned(),
            "é1234567\r".to_owned(),
        ]) {
            let bytes = value.as_bytes();
            assert_eq!(
                all_digits(bytes),
                bytes.iter().all(u8::is_ascii_digit),
                "{value:?}"
            );
            let breaks = bytes.iter().any(|&b| matches!(b, b'\t' | b'\n' | b'\r'));
            assert_eq!(
                chars_without_breaks(bytes),
                (!breaks).then(|| value.chars().count()),
                "{value:?}"
            );
        }
    }

    #[test]
    fn dates_are_real_days() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("1900-02-29"), None);
        assert!(parse_date("2023-01-01Z").is_some());
        assert!(parse_date("2023-01-01-03:00").is_some());
        assert!(parse_date("2023-01-01+14:01").is_none());
        assert!(parse_date("2023-13-01").is_none());
        assert!(parse_date("0000-01-01").is_none());
        assert!(parse_date("99999-01-01").is_some());
        assert!(parse_date(" 2023-01-01").is_none());
        assert!(parse_date("2023-1-01").is_none());
    }
}

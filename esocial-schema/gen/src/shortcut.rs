//! Shortcuts: for each simple type, a one-pass byte test that accepts the common valid values
//! without the general check. A shortcut never rejects: a value it does not accept goes through
//! the general check, which also names the violation. So a shortcut is only derived when every
//! value it accepts is valid under all the type's facets.

use crate::pattern::{self, Fast, Step};
use crate::simple::{Base, SimpleDef};

/// The shortcut of a simple type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shortcut {
    /// None: the general check decides every value.
    Never,
    /// No tab, CR or LF; the character count within `min..=max`; when `solid`, a first byte
    /// other than a space.
    Text { min: u32, max: u32, solid: bool },
    /// ASCII digits only, their count within one of the ranges.
    Digits(Vec<(u32, u32)>),
    /// Exactly one of these byte strings (sorted by length, then bytes).
    OneOf(Vec<String>),
    /// Up to `int` ASCII digits, then optionally a point and 1 to `frac` digits; `nonzero`: a
    /// digit other than 0 is required.
    Decimal { int: u32, frac: u32, nonzero: bool },
    /// ASCII digits only, their count within one of the ranges and their value within
    /// `min..=max`.
    Count {
        runs: Vec<(u32, u32)>,
        min: u64,
        max: u64,
    },
    /// A date written `YYYY-MM-DD` (four-digit year) from `min` (inclusive) to `below`
    /// (exclusive); dates in this form compare as their bytes.
    Date { min: String, below: String },
    /// ASCII bytes that fit one of the byte-class sequences ([`pattern::shapes`]), their count
    /// within `min..=max`.
    Shapes {
        shapes: Vec<Vec<Step>>,
        min: u32,
        max: u32,
    },
}

/// Whether `def` has none of the length, digit and range facets.
fn no_measures(def: &SimpleDef) -> bool {
    def.length.is_none()
        && def.min_length.is_none()
        && def.max_length.is_none()
        && def.total_digits.is_none()
        && def.fraction_digits.is_none()
        && no_bounds(def)
}

fn no_bounds(def: &SimpleDef) -> bool {
    def.min_inclusive.is_none()
        && def.max_inclusive.is_none()
        && def.min_exclusive.is_none()
        && def.max_exclusive.is_none()
}

/// The only pattern of `def`, if it has exactly one.
fn single_pattern(def: &SimpleDef) -> Option<&Fast> {
    match def.patterns.as_slice() {
        [group] => match group.as_slice() {
            [pattern] => Some(&pattern.fast),
            _ => None,
        },
        _ => None,
    }
}

/// `xs:string` with length facets and at most a not-blank pattern.
fn text(def: &SimpleDef) -> Option<Shortcut> {
    let solid = match def.patterns.as_slice() {
        [] => false,
        _ => matches!(
            single_pattern(def)?,
            Fast::NotBlankLine | Fast::NonSpaceStart
        ),
    };
    if !solid && !def.patterns.is_empty()
        || !def.enums.is_empty()
        || def.total_digits.is_some()
        || def.fraction_digits.is_some()
        || !no_bounds(def)
    {
        return None;
    }
    let lows = [def.length, def.min_length, Some(u32::from(solid))];
    let highs = [def.length, def.max_length, Some(u32::MAX)];
    let min = lows.into_iter().flatten().max()?;
    let max = highs.into_iter().flatten().min()?;
    (min <= max).then_some(Shortcut::Text { min, max, solid })
}

/// `xs:string` with length facets and one group of fixed-shape patterns.
fn shaped(def: &SimpleDef) -> Option<Shortcut> {
    let [group] = def.patterns.as_slice() else {
        return None;
    };
    if !def.enums.is_empty()
        || def.total_digits.is_some()
        || def.fraction_digits.is_some()
        || !no_bounds(def)
    {
        return None;
    }
    let mut shapes = Vec::new();
    for pattern in group {
        shapes.extend(pattern::shapes(&pattern.source)?);
    }
    let min = [def.length, def.min_length].into_iter().flatten().max();
    let max = [def.length, def.max_length].into_iter().flatten().min();
    Some(Shortcut::Shapes {
        shapes,
        min: min.unwrap_or(0),
        max: max.unwrap_or(u32::MAX),
    })
}

/// `xs:byte`, `xs:integer` or `xs:positiveInteger` with a digit-run pattern and integer bounds.
fn count(def: &SimpleDef, base: Base) -> Option<Shortcut> {
    let Some(Fast::Digits(runs)) = single_pattern(def) else {
        return None;
    };
    let plain = def.enums.is_empty()
        && def.length.is_none()
        && def.min_length.is_none()
        && def.max_length.is_none()
        && def.total_digits.is_none()
        && def.fraction_digits.is_none()
        && runs.iter().all(|&(_, high)| high <= 18);
    if !plain {
        return None;
    }
    // Bounds are canonical decimals; only unsigned values are accepted, so a negative minimum
    // is no bound at all, and a negative or fractional maximum leaves no shortcut.
    let integer = |bound: &str| bound.parse::<u64>().ok();
    let below_zero = |bound: &str| bound.starts_with('-');
    let mut min = u64::from(base == Base::PositiveInteger);
    if let Some(bound) = def.min_inclusive.as_deref().filter(|b| !below_zero(b)) {
        min = min.max(integer(bound)?);
    }
    if let Some(bound) = def.min_exclusive.as_deref().filter(|b| !below_zero(b)) {
        min = min.max(integer(bound)?.checked_add(1)?);
    }
    let mut max = if base == Base::Byte { 127 } else { u64::MAX };
    if let Some(bound) = def.max_inclusive.as_deref() {
        max = max.min(integer(bound)?);
    }
    if let Some(bound) = def.max_exclusive.as_deref() {
        max = max.min(integer(bound)?.checked_sub(1)?);
    }
    Some(Shortcut::Count {
        runs: runs.clone(),
        min,
        max,
    })
}

/// `xs:date` with at most an inclusive minimum and an exclusive maximum of four-digit years.
fn date(def: &SimpleDef) -> Option<Shortcut> {
    let plain = def.enums.is_empty()
        && def.patterns.is_empty()
        && def.length.is_none()
        && def.min_length.is_none()
        && def.max_length.is_none()
        && def.min_exclusive.is_none()
        && def.max_inclusive.is_none();
    let shaped = |bound: &str| {
        let bytes = bound.as_bytes();
        bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
    };
    let min = def
        .min_inclusive
        .clone()
        .unwrap_or_else(|| "0001-01-01".to_owned());
    let below = def
        .max_exclusive
        .clone()
        .unwrap_or_else(|| "9999-12-32".to_owned());
    (plain && shaped(&min) && shaped(&below)).then_some(Shortcut::Date { min, below })
}

/// Whether `bound` (canonical) is the largest decimal of `int` integer and `frac` fraction digits.
fn all_nines(bound: &str, int: u32, frac: u32) -> bool {
    let (whole, fraction) = bound.split_once('.').unwrap_or((bound, ""));
    let nines = |part: &str, n: u32| part.len() == n as usize && part.bytes().all(|b| b == b'9');
    int > 0 && nines(whole, int) && nines(fraction, frac)
}

/// `xs:decimal` with `totalDigits` and `fractionDigits`, a maximum no smaller than the digits
/// allow and a minimum of at most zero.
fn decimal(def: &SimpleDef) -> Option<Shortcut> {
    let (total, frac) = (def.total_digits?, def.fraction_digits?);
    let int = total.checked_sub(frac)?;
    let max_ok = def.max_exclusive.is_none()
        && def
            .max_inclusive
            .as_deref()
            .is_none_or(|max| all_nines(max, int, frac));
    let not_positive = |bound: &Option<String>| {
        bound
            .as_deref()
            .is_none_or(|b| b == "0" || b.starts_with('-'))
    };
    let nonzero = def.min_exclusive.as_deref() == Some("0");
    let min_ok = not_positive(&def.min_inclusive) && not_positive(&def.min_exclusive);
    let plain = def.enums.is_empty()
        && def.patterns.is_empty()
        && def.length.is_none()
        && def.min_length.is_none()
        && def.max_length.is_none();
    (plain && max_ok && min_ok && int > 0).then_some(Shortcut::Decimal { int, frac, nonzero })
}

/// The shortcut of a simple type.
pub(crate) fn derive(def: &SimpleDef) -> Shortcut {
    let Some(base) = def.base else {
        return Shortcut::Never;
    };
    let found = match base {
        Base::String if !def.enums.is_empty() => None,
        Base::String => match single_pattern(def) {
            Some(Fast::Digits(runs)) if no_measures(def) && def.enums.is_empty() => {
                Some(Shortcut::Digits(runs.clone()))
            }
            _ => text(def).or_else(|| shaped(def)),
        },
        Base::Integer => match single_pattern(def) {
            Some(Fast::Digits(runs)) if no_measures(def) && def.enums.is_empty() => {
                Some(Shortcut::Digits(runs.clone()))
            }
            _ => count(def, base),
        },
        Base::Decimal => decimal(def),
        Base::Byte | Base::PositiveInteger => count(def, base),
        Base::Date => date(def),
        Base::Id | Base::Unchecked => None,
    };
    let one_of = match def.enums.as_slice() {
        [group]
            if def.patterns.is_empty()
                && no_measures(def)
                && matches!(
                    base,
                    Base::String | Base::Byte | Base::Integer | Base::Decimal
                ) =>
        {
            let mut sorted = group.clone();
            sorted.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            sorted.dedup();
            Some(Shortcut::OneOf(sorted))
        }
        _ => None,
    };
    found.or(one_of).unwrap_or(Shortcut::Never)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string() -> SimpleDef {
        SimpleDef {
            base: Some(Base::String),
            ..SimpleDef::default()
        }
    }

    #[test]
    fn decimals_need_a_maximum_the_digits_cannot_pass() {
        let money = SimpleDef {
            base: Some(Base::Decimal),
            total_digits: Some(14),
            fraction_digits: Some(2),
            min_exclusive: Some("0".to_owned()),
            max_inclusive: Some("999999999999.99".to_owned()),
            ..SimpleDef::default()
        };
        assert_eq!(
            derive(&money),
            Shortcut::Decimal {
                int: 12,
                frac: 2,
                nonzero: true
            }
        );
        let lower_max = SimpleDef {
            max_inclusive: Some("100".to_owned()),
            ..money.clone()
        };
        assert_eq!(derive(&lower_max), Shortcut::Never);
        let positive_min = SimpleDef {
            min_exclusive: None,
            min_inclusive: Some("1".to_owned()),
            ..money
        };
        assert_eq!(derive(&positive_min), Shortcut::Never);
    }

    #[test]
    fn integers_and_dates_keep_their_bounds() {
        let day = SimpleDef {
            base: Some(Base::Byte),
            patterns: vec![vec![crate::simple::PatternDef {
                source: "\\d{1,2}".to_owned(),
                fast: Fast::Digits(vec![(1, 2)]),
                regex: String::new(),
            }]],
            min_inclusive: Some("0".to_owned()),
            max_inclusive: Some("31".to_owned()),
            ..SimpleDef::default()
        };
        assert_eq!(
            derive(&day),
            Shortcut::Count {
                runs: vec![(1, 2)],
                min: 0,
                max: 31
            }
        );
        let negative_max = SimpleDef {
            max_inclusive: Some("-1".to_owned()),
            ..day
        };
        assert_eq!(derive(&negative_max), Shortcut::Never);
        let birth = SimpleDef {
            base: Some(Base::Date),
            min_inclusive: Some("1890-01-01".to_owned()),
            ..SimpleDef::default()
        };
        assert_eq!(
            derive(&birth),
            Shortcut::Date {
                min: "1890-01-01".to_owned(),
                below: "9999-12-32".to_owned()
            }
        );
        let inclusive_max = SimpleDef {
            max_inclusive: Some("2099-12-31".to_owned()),
            ..birth
        };
        assert_eq!(derive(&inclusive_max), Shortcut::Never);
    }

    #[test]
    fn strings_combine_their_length_facets() {
        let def = SimpleDef {
            min_length: Some(2),
            max_length: Some(30),
            ..string()
        };
        assert_eq!(
            derive(&def),
            Shortcut::Text {
                min: 2,
                max: 30,
                solid: false
            }
        );
        let enumerated = SimpleDef {
            enums: vec![vec!["S".to_owned(), "N".to_owned(), "AB".to_owned()]],
            ..string()
        };
        assert_eq!(
            derive(&enumerated),
            Shortcut::OneOf(vec!["N".to_owned(), "S".to_owned(), "AB".to_owned()])
        );
        let two_groups = SimpleDef {
            enums: vec![vec!["S".to_owned()], vec!["N".to_owned()]],
            ..string()
        };
        assert_eq!(derive(&two_groups), Shortcut::Never);
    }
}

//! XSD regular expressions: the fast shape a pattern has, and its translation to `regex` syntax.

/// A pattern shape checked without a regex engine on ASCII values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Fast {
    /// Alternatives of `\d{n}` / `\d{n,m}`: the value is only digits, their count in a range.
    Digits(Vec<(u32, u32)>),
    /// `.*[^\s].*`: no line break, at least one character other than space and tab.
    NotBlankLine,
    /// `[^\s]{1}[\S\s]*`: a first character that is not XSD whitespace.
    NonSpaceStart,
    /// No fast shape: the regex decides.
    General,
}

fn digit_run(alternative: &str) -> Option<(u32, u32)> {
    let counts = alternative.strip_prefix("\\d{")?.strip_suffix('}')?;
    let (low, high) = if let Some((low, high)) = counts.split_once(',') {
        (low.parse().ok()?, high.parse().ok()?)
    } else {
        let n = counts.parse().ok()?;
        (n, n)
    };
    (low <= high).then_some((low, high))
}

/// The fast shape of an XSD pattern.
pub(crate) fn classify(pattern: &str) -> Fast {
    match pattern {
        ".*[^\\s].*" => Fast::NotBlankLine,
        "[^\\s]{1}[\\S\\s]*" => Fast::NonSpaceStart,
        _ => pattern
            .split('|')
            .map(digit_run)
            .collect::<Option<Vec<_>>>()
            .map_or(Fast::General, Fast::Digits),
    }
}

/// The class escapes of XSD, as `regex` class items (usable inside or outside brackets).
fn class_escape(letter: char) -> Option<&'static str> {
    Some(match letter {
        'd' => "\\p{Nd}",
        'D' => "\\P{Nd}",
        's' => "[ \\t\\n\\r]",
        'S' => "[^ \\t\\n\\r]",
        'w' => "[^\\p{P}\\p{Z}\\p{C}]",
        'W' => "[\\p{P}\\p{Z}\\p{C}]",
        _ => return None,
    })
}

/// A literal character written so that `regex` reads it as itself anywhere.
fn literal(out: &mut String, c: char) {
    if c.is_ascii_punctuation() || c == ' ' {
        out.push('\\');
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push(c),
    }
}

/// The single-character escapes of XSD (`\n`, `\.`, `\-`, ...).
fn single_escape(letter: char) -> Result<char, String> {
    match letter {
        'n' => Ok('\n'),
        'r' => Ok('\r'),
        't' => Ok('\t'),
        c if c.is_ascii_punctuation() => Ok(c),
        c => Err(format!("unsupported escape \\{c}")),
    }
}

fn translate_class(chars: &[char], mut i: usize, out: &mut String) -> Result<usize, String> {
    // `chars[i]` is just after `[`.
    out.push('[');
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    loop {
        let c = *chars.get(i).ok_or("unterminated class")?;
        if c == ']' && !first {
            out.push(']');
            return Ok(i + 1);
        }
        first = false;
        if c == '[' {
            return Err("nested class".to_owned());
        }
        if c == '-' && chars.get(i + 1) == Some(&'[') {
            return Err("class subtraction".to_owned());
        }
        let (start, next) = if c == '\\' {
            let letter = *chars.get(i + 1).ok_or("dangling escape")?;
            if let Some(class) = class_escape(letter) {
                out.push_str(class);
                i += 2;
                continue;
            }
            (single_escape(letter)?, i + 2)
        } else {
            (c, i + 1)
        };
        i = next;
        let is_range =
            chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&n| n != ']' && n != '[');
        literal(out, start);
        if is_range {
            let (end, after) = if chars[i + 1] == '\\' {
                (
                    single_escape(*chars.get(i + 2).ok_or("dangling escape")?)?,
                    i + 3,
                )
            } else {
                (chars[i + 1], i + 2)
            };
            out.push('-');
            literal(out, end);
            i = after;
        }
    }
}

/// Translates an XSD pattern to an anchored `regex` crate pattern with XSD's character classes.
pub(crate) fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::from("^(?:");
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let letter = *chars.get(i + 1).ok_or("dangling escape")?;
                match class_escape(letter) {
                    Some(class) => out.push_str(class),
                    None => literal(&mut out, single_escape(letter)?),
                }
                i += 2;
            }
            '[' => i = translate_class(&chars, i + 1, &mut out)?,
            '.' => {
                out.push_str("[^\\n\\r]");
                i += 1;
            }
            '(' => {
                out.push_str("(?:");
                i += 1;
            }
            '^' | '$' => {
                literal(&mut out, c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.push_str(")$");
    Ok(out)
}

/// One step of a fixed-shape pattern: a set of ASCII bytes (bit `b` for byte `b`) repeated
/// `low` to `high` times.
pub(crate) type Step = (u128, u32, u32);

/// Alternatives no longer expanded into byte-class sequences beyond this count.
const MAX_SHAPES: usize = 8;

/// A pattern as a few byte-class sequences of ASCII values, each with at most one step of
/// varying count: `[2]\d{3}-(1[0-2]|0[1-9])` is four sequences of seven one-byte steps. `None`
/// for what it does not cover (negated classes, `.`, `\w`, `*`, repeated groups, non-ASCII).
pub(crate) fn shapes(pattern: &str) -> Option<Vec<Vec<Step>>> {
    let chars: Vec<char> = pattern.chars().collect();
    let (alternatives, end) = alternatives(&chars, 0)?;
    let fits = |shape: &Vec<Step>| shape.iter().filter(|s| s.1 != s.2).count() <= 1;
    (end == chars.len() && alternatives.iter().all(fits)).then_some(alternatives)
}

fn alternatives(chars: &[char], mut i: usize) -> Option<(Vec<Vec<Step>>, usize)> {
    let mut all = Vec::new();
    loop {
        let (shapes, end) = sequence(chars, i)?;
        all.extend(shapes);
        i = end;
        if chars.get(i) != Some(&'|') {
            return (all.len() <= MAX_SHAPES).then_some((all, i));
        }
        i += 1;
    }
}

fn sequence(chars: &[char], mut i: usize) -> Option<(Vec<Vec<Step>>, usize)> {
    let mut shapes = vec![Vec::new()];
    while let Some(&c) = chars.get(i) {
        let atom: Vec<Vec<Step>> = match c {
            '|' | ')' => break,
            '(' => {
                let (inner, end) = alternatives(chars, i + 1)?;
                if chars.get(end) != Some(&')') {
                    return None;
                }
                i = end + 1;
                if let Some((1, 1, after)) = count(chars, i) {
                    i = after;
                }
                if matches!(chars.get(i), Some('{' | '?' | '*' | '+')) {
                    return None;
                }
                inner
            }
            _ => {
                let (set, end) = class(chars, i)?;
                let (low, high, after) = count(chars, end).unwrap_or((1, 1, end));
                if matches!(chars.get(after), Some('?' | '*' | '+')) {
                    return None;
                }
                i = after;
                vec![vec![(set, low, high)]]
            }
        };
        shapes = shapes
            .iter()
            .flat_map(|shape| {
                atom.iter().map(move |tail| {
                    let mut joined = shape.clone();
                    joined.extend(tail);
                    joined
                })
            })
            .collect();
        if shapes.len() > MAX_SHAPES {
            return None;
        }
    }
    Some((shapes, i))
}

/// `{n}` or `{n,m}` at `i`: the counts and the index after it.
fn count(chars: &[char], i: usize) -> Option<(u32, u32, usize)> {
    if chars.get(i) != Some(&'{') {
        return None;
    }
    let close = i + chars[i..].iter().position(|&c| c == '}')?;
    let body: String = chars[i + 1..close].iter().collect();
    let (low, high) = if let Some((low, high)) = body.split_once(',') {
        (low.parse().ok()?, high.parse().ok()?)
    } else {
        let n = body.parse().ok()?;
        (n, n)
    };
    (low <= high).then_some((low, high, close + 1))
}

fn bit(c: char) -> Option<u128> {
    u32::from(c)
        .try_into()
        .ok()
        .filter(|&b: &u8| b < 128)
        .map(|b| 1u128 << b)
}

fn range(low: char, high: char) -> Option<u128> {
    (low <= high).then_some(())?;
    (u32::from(low)..=u32::from(high))
        .map(|c| char::from_u32(c).and_then(bit))
        .try_fold(0, |set, b| Some(set | b?))
}

/// One character or escape (inside brackets when `bracketed`): its set and the index after it.
fn single(chars: &[char], i: usize, bracketed: bool) -> Option<(u128, usize)> {
    match *chars.get(i)? {
        '\\' => {
            let letter = *chars.get(i + 1)?;
            let set = match letter {
                'd' => range('0', '9')?,
                c if c.is_ascii_punctuation() => bit(c)?,
                _ => return None,
            };
            Some((set, i + 2))
        }
        '[' | ']' => None,
        '.' | '^' | '$' | '(' | ')' | '{' | '}' | '?' | '*' | '+' | '|' if !bracketed => None,
        c => Some((bit(c)?, i + 1)),
    }
}

/// A bracketed class or a single character at `i`: its set and the index after it.
fn class(chars: &[char], i: usize) -> Option<(u128, usize)> {
    if chars.get(i) != Some(&'[') {
        return single(chars, i, false);
    }
    let mut i = i + 1;
    if matches!(chars.get(i), Some('^' | ']')) {
        return None;
    }
    let mut set = 0;
    while chars.get(i) != Some(&']') {
        if chars.get(i) == Some(&'-') && chars.get(i + 1) == Some(&'[')
            || chars.get(i) == Some(&'[')
        {
            return None;
        }
        let (first, after) = if chars.get(i) == Some(&'-') {
            (bit('-')?, i + 1)
        } else {
            single(chars, i, true)?
        };
        let is_range = chars.get(after) == Some(&'-')
            && chars.get(after + 1).is_some_and(|&n| n != ']' && n != '[')
            && chars.get(i) != Some(&'\\');
        if is_range {
            let high = *chars.get(after + 1)?;
            if high == '\\' {
                return None;
            }
            set |= range(chars[i], high)?;
            i = after + 2;
        } else {
            set |= first;
            i = after;
        }
    }
    Some((set, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_are_recognised() {
        assert_eq!(
            classify("\\d{8}|\\d{14}"),
            Fast::Digits(vec![(8, 8), (14, 14)])
        );
        assert_eq!(classify("\\d{1,4}"), Fast::Digits(vec![(1, 4)]));
        assert_eq!(classify("\\d{2}\\.\\d{2}"), Fast::General);
    }

    #[test]
    fn fixed_shapes_expand_alternatives() {
        let digit = range('0', '9').unwrap();
        let month = shapes("[2]{1}\\d{3}-(1[0-2]|0[1-9])").unwrap();
        assert_eq!(month.len(), 2);
        assert_eq!(month[0][0], (bit('2').unwrap(), 1, 1));
        assert_eq!(month[0][1], (digit, 3, 3));
        assert_eq!(month[1][3], (bit('0').unwrap(), 1, 1));
        let code = shapes("[A-Za-z0-9][-_A-Za-z0-9/.//]{0,13}[A-Za-z0-9]").unwrap();
        assert_eq!(code[0].len(), 3);
        assert_eq!(code[0][1].1..=code[0][1].2, 0..=13);
        assert!(code[0][1].0 & bit('-').unwrap() != 0);
        assert!(code[0][1].0 & bit('[').unwrap() == 0);
        assert!(shapes("\\w{5,13}").is_none());
        assert!(shapes(".*[^\\s].*").is_none());
        assert!(shapes("[a-z]{1,2}[0-9]{1,2}").is_none());
        assert!(shapes("(ab){2}").is_none());
    }

    #[test]
    fn translation_keeps_xsd_meaning() {
        assert_eq!(translate(".").unwrap(), "^(?:[^\\n\\r])$");
        assert_eq!(translate("[a-zA-z]{2}").unwrap(), "^(?:[a-zA-z]{2})$");
        assert_eq!(
            translate("[-_A-Za-z0-9/.//]").unwrap(),
            "^(?:[\\-\\_A-Za-z0-9\\/\\.\\/\\/])$"
        );
        assert_eq!(
            translate("\\w{5}").unwrap(),
            "^(?:[^\\p{P}\\p{Z}\\p{C}]{5})$"
        );
        assert!(translate("[a-[b]]").is_err());
    }
}

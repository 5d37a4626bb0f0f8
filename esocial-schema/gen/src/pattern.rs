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

//! The server's text behind escaped JSON: the server concatenates values without escaping them
//! (spec §2.4), so its bytes are the encoder's output with the escapes undone, except `\n`,
//! which the server itself writes for the CR LF of error details (`retiraQuebra`).

/// The characters the server writes for an escaped JSON text, one at a time.
pub(crate) struct Unescaped<'a> {
    chars: std::str::Chars<'a>,
    /// Characters decided but not yet given out (at most five, from an unreadable `\u`).
    queued: std::collections::VecDeque<char>,
}

impl<'a> Unescaped<'a> {
    /// The server's characters for `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars(),
            queued: std::collections::VecDeque::new(),
        }
    }
}

impl Iterator for Unescaped<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(queued) = self.queued.pop_front() {
            return Some(queued);
        }
        let c = self.chars.next()?;
        if c != '\\' {
            return Some(c);
        }
        let unescaped = match self.chars.next() {
            Some('"') => '"',
            Some('\\') | None => '\\',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('u') => {
                let hex: String = self.chars.by_ref().take(4).collect();
                if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    decoded
                } else {
                    self.queued.push_back('u');
                    self.queued.extend(hex.chars());
                    '\\'
                }
            }
            Some(other) => {
                self.queued.push_back(other);
                '\\'
            }
        };
        Some(unescaped)
    }
}

/// The text the server writes for the escaped JSON `text`.
pub(crate) fn unescape(text: String) -> String {
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return text;
    }
    Unescaped::new(&text).collect()
}

/// How many characters the server counts (`Len()`, one per character of its code page) for the
/// escaped JSON `text`.
pub(crate) fn server_len(text: &str) -> usize {
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return text.chars().count();
    }
    Unescaped::new(text).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescaping_keeps_line_feeds_escaped() {
        assert_eq!(
            unescape(r#"{"k" : "K\"1\\ a\tb\nc\u0001 \uZZ"}"#.to_owned()),
            "{\"k\" : \"K\"1\\ a\tb\\nc\u{1} \\uZZ\"}"
        );
    }

    #[test]
    fn the_server_counts_characters_not_escapes_or_bytes() {
        assert_eq!(server_len(r#""a\"b""#), 5);
        assert_eq!(server_len("\"Válido\""), 8);
        assert_eq!(server_len(r"\u0001\n"), 3);
    }
}

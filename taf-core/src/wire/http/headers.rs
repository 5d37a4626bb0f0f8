//! An ordered, case-insensitive header list whose `Debug` output redacts secrets.

use std::fmt;

/// Header names whose values are secrets: redacted in `Debug`, marked sensitive in conversions.
const SENSITIVE: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Whether a header's value must never be shown.
pub(crate) fn is_sensitive(name: &str) -> bool {
    SENSITIVE
        .iter()
        .any(|secret| secret.eq_ignore_ascii_case(name))
}

/// HTTP headers in the order they were added. Names compare without regard to case. `Debug`
/// prints `<redacted>` for `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie`.
/// Equality compares names without regard to case, and values and order exactly.
#[derive(Clone, Default, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets `name` to `value`, replacing every earlier value of it.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.0.retain(|(key, _)| !key.eq_ignore_ascii_case(&name));
        self.0.push((name, value.into()));
    }

    /// Adds a value of `name`, keeping earlier ones.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The headers as `(name, value)` pairs, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// How many header lines there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Headers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, x), (b, y))| a.eq_ignore_ascii_case(b) && x == y)
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(name, value)| (name.into(), value.into()))
                .collect(),
        )
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|(name, value)| {
                (
                    name,
                    if is_sensitive(name) {
                        "<redacted>"
                    } else {
                        value
                    },
                )
            }))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ignore_case_and_debug_redacts_secrets() {
        let mut headers: Headers = [("Accept", "application/json")].into_iter().collect();
        headers.insert("AUTHORIZATION", "Basic c2VjcmV0");
        headers.insert("authorization", "Basic dG9w");
        headers.append("X-Trace", "1");
        assert_eq!(headers.get("Authorization"), Some("Basic dG9w"));
        assert_eq!(headers.len(), 3);
        let debug = format!("{headers:?}");
        assert!(!debug.contains("dG9w"), "{debug}");
        assert!(debug.contains("<redacted>") && debug.contains("application/json"));
    }
}

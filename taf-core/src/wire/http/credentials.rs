//! HTTP Basic credentials (spec §1.4): the one place the `Authorization: Basic` value is
//! written (by a client) and checked (by a server), kept out of `Debug` output.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// A user and password for HTTP Basic authentication. `Debug` shows the user only; the
/// password never appears in debug output, logs or error messages. Serialised as the pair
/// `[user, password]`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// The `WWW-Authenticate` value a server sends with a 401: the Basic scheme, realm
    /// `WSTAFST2`.
    pub const CHALLENGE: &'static str = "Basic realm=\"WSTAFST2\"";

    /// Basic credentials for `user` and `password`.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            password: password.into(),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The `Authorization` header value: `Basic base64(user:password)`.
    pub fn authorization(&self) -> String {
        format!("Basic {}", self.token())
    }

    /// Whether an `Authorization` header value carries these credentials: the `Basic` scheme
    /// in any case, the token compared in a time that depends only on the lengths.
    pub fn authorizes(&self, authorization: Option<&str>) -> bool {
        let expected = self.token();
        authorization
            .and_then(|value| value.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
            .is_some_and(|(_, token)| same_secret(token.trim().as_bytes(), expected.as_bytes()))
    }

    /// `base64(user:password)`.
    fn token(&self) -> String {
        STANDARD.encode(format!("{}:{}", self.user, self.password))
    }
}

/// Whether `given` equals `expected`, in a time that depends only on their lengths.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut difference = given.len() ^ expected.len();
    for (at, byte) in expected.iter().enumerate() {
        difference |= usize::from(byte ^ given.get(at).copied().unwrap_or_default());
    }
    difference == 0
}

impl From<(String, String)> for Credentials {
    fn from((user, password): (String, String)) -> Self {
        Self { user, password }
    }
}

impl From<Credentials> for (String, String) {
    fn from(credentials: Credentials) -> Self {
        (credentials.user, credentials.password)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_password_and_the_header_encodes_both() {
        let credentials = Credentials::basic("usertotvs", "totvs123456");
        let debug = format!("{credentials:?}");
        assert!(debug.contains("usertotvs"));
        assert!(!debug.contains("totvs123456"));
        assert_eq!(
            credentials.authorization(),
            "Basic dXNlcnRvdHZzOnRvdHZzMTIzNDU2"
        );
    }

    #[test]
    fn the_header_a_client_writes_is_the_one_a_server_accepts() {
        let credentials = Credentials::basic("usertotvs", "totvs123456");
        let header = credentials.authorization();
        assert!(credentials.authorizes(Some(&header)));
        assert!(credentials.authorizes(Some(" basic   dXNlcnRvdHZzOnRvdHZzMTIzNDU2 ")));
        for refused in [
            None,
            Some(""),
            Some("Bearer dXNlcnRvdHZzOnRvdHZzMTIzNDU2"),
            Some("Basic dXNlcnRvdHZzOnRvdHZzMTIzNDU"),
            Some("Basic dXNlcnRvdHZzOnRvdHZzMTIzNDU2AA"),
            Some("dXNlcnRvdHZzOnRvdHZzMTIzNDU2"),
        ] {
            assert!(!credentials.authorizes(refused), "{refused:?}");
        }
        assert!(!Credentials::basic("usertotvs", "other").authorizes(Some(&header)));
    }

    #[test]
    fn serialises_as_the_pair() {
        let credentials = Credentials::basic("u", "p");
        let json = serde_json::to_string(&credentials).unwrap_or_default();
        assert_eq!(json, r#"["u","p"]"#);
        let back: Credentials =
            serde_json::from_str(&json).unwrap_or_else(|_| Credentials::basic("", ""));
        assert_eq!(back, credentials);
    }
}

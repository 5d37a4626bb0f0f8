//! HTTP Basic credentials, kept out of `Debug` output.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// A user and password for HTTP Basic authentication (spec §1.4). `Debug` shows the user only;
/// the password never appears in debug output, logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
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
    pub(crate) fn authorization(&self) -> String {
        let pair = format!("{}:{}", self.user, self.password);
        format!("Basic {}", STANDARD.encode(pair))
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
}

//! The request value: method, URL, headers and body.

use serde::{Deserialize, Serialize};

use crate::wire::http::Headers;

/// The three methods of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET: poll the status of records.
    Get,
    /// POST: send a lote.
    Post,
    /// DELETE: delete whole tickets (with a body).
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice leaves the server as sending it once: true for GET
    /// and DELETE (deleting a ticket again deletes nothing more), false for POST (every send
    /// stores its items again).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Self::Post)
    }

    /// The method with this name (exact, upper case), if the service has it.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "GET" => Some(Self::Get),
            "POST" => Some(Self::Post),
            "DELETE" => Some(Self::Delete),
            _ => None,
        }
    }
}

/// A request ready to send: an absolute URL (or, on the server side, the request target as
/// received), headers and body. `Debug` redacts the `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// `scheme://host[:port]/path[?query]`, or just `/path[?query]` as a server receives it.
    pub url: String,
    /// The headers.
    pub headers: Headers,
    /// The body; empty for GET.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The path and query of the URL (`/rest/WSTAFST2?…`).
    pub fn path_and_query(&self) -> &str {
        let after_scheme = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest);
        if self.url.contains("://") {
            after_scheme
                .find('/')
                .and_then(|at| after_scheme.get(at..))
                .unwrap_or("/")
        } else {
            after_scheme
        }
    }

    /// The query string without `?`, empty when there is none.
    pub fn query(&self) -> &str {
        self.path_and_query()
            .split_once('?')
            .map_or("", |(_, query)| query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(url: &str) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url: url.to_owned(),
            headers: Headers::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn splits_path_and_query_from_absolute_and_relative_targets() {
        let absolute = request("http://h:8080/rest/WSTAFST2?startRecNo=1");
        assert_eq!(absolute.path_and_query(), "/rest/WSTAFST2?startRecNo=1");
        assert_eq!(absolute.query(), "startRecNo=1");
        assert_eq!(request("https://h").path_and_query(), "/");
        let relative = request("/rest/wstafst2");
        assert_eq!(
            (relative.path_and_query(), relative.query()),
            ("/rest/wstafst2", "")
        );
        for name in ["GET", "POST", "DELETE"] {
            assert_eq!(Method::from_name(name).map(Method::as_str), Some(name));
        }
        assert_eq!(Method::from_name("PUT"), None);
    }
}

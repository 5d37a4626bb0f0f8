//! Where the service lives and how to authenticate: builds the three requests.

use crate::wire::DeleteRequest;
use crate::wire::GetQuery;
use crate::wire::PostRequest;
use crate::wire::Wire;
use crate::wire::http::{Credentials, Headers, HttpRequest, JSON_CONTENT_TYPE, Method};

/// The service path under the documented `[HTTPURI] URL=/rest` (spec §1.1).
pub const DEFAULT_SERVICE_PATH: &str = "/rest/WSTAFST2";

/// Why a base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The URL does not start with `http://` or `https://`.
    #[error("the base URL must start with http:// or https://")]
    Scheme,
    /// The URL has no host.
    #[error("the base URL has no host")]
    MissingHost,
    /// The URL embeds `user:password@`; pass [`Credentials`] instead so they stay redacted.
    #[error("the base URL must not contain credentials; use Credentials")]
    UserInfo,
    /// The URL carries a query or fragment, or the service path does not start with `/`.
    #[error("the base URL must not carry a query or fragment, and the path must start with /")]
    Shape,
}

impl EndpointError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Scheme => "endpoint_scheme",
            Self::MissingHost => "endpoint_missing_host",
            Self::UserInfo => "endpoint_user_info",
            Self::Shape => "endpoint_shape",
        }
    }
}

/// A WSTAFST2 endpoint: base URL, service path and optional Basic credentials.
///
/// ```
/// use taf_core::{Credentials, Endpoint, Method};
/// use taf_core::GetQuery;
///
/// let endpoint = Endpoint::new("http://erp.example:8080/")?
///     .with_credentials(Credentials::basic("user", "secret"));
/// let request = endpoint.get(&GetQuery::by_ticket("T1").branch("01"));
/// assert_eq!(request.method, Method::Get);
/// assert_eq!(request.url, "http://erp.example:8080/rest/WSTAFST2?ticketCode=T1&startRecNo=1&sourceBranch=01");
/// assert!(!format!("{request:?}").contains("c2VjcmV0"));
/// # Ok::<(), taf_core::EndpointError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    path: String,
    credentials: Option<Credentials>,
}

impl Endpoint {
    /// An endpoint at `base_url` (`http[s]://host[:port][/prefix]`, a trailing `/` is dropped)
    /// with the service at [`DEFAULT_SERVICE_PATH`] and no credentials.
    pub fn new(base_url: &str) -> Result<Self, EndpointError> {
        let url = base_url.trim();
        let rest = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
            .ok_or(EndpointError::Scheme)?
            .trim_end_matches('/');
        let base = url.trim_end_matches('/');
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.is_empty() {
            return Err(EndpointError::MissingHost);
        }
        if authority.contains('@') {
            return Err(EndpointError::UserInfo);
        }
        if rest.contains(['?', '#']) {
            return Err(EndpointError::Shape);
        }
        Ok(Self {
            base_url: base.to_owned(),
            path: DEFAULT_SERVICE_PATH.to_owned(),
            credentials: None,
        })
    }

    /// An endpoint from a whole service URL as a user writes it: `http[s]://host[:port]` alone
    /// gets [`DEFAULT_SERVICE_PATH`]; a path after the host is the service path (a trailing `/`
    /// is dropped). Every binding and the CLI read a `--url` this way.
    pub fn from_service_url(url: &str) -> Result<Self, EndpointError> {
        let url = url.trim();
        let host_start = url.find("://").map_or(0, |at| at + 3);
        let path_start = url
            .get(host_start..)
            .and_then(|rest| rest.find('/'))
            .map_or(url.len(), |at| host_start + at);
        let (base, path) = url.split_at_checked(path_start).unwrap_or((url, ""));
        let endpoint = Self::new(base)?;
        match path.trim_end_matches('/') {
            "" => Ok(endpoint),
            path => endpoint.with_path(path),
        }
    }

    /// Puts the service at another path under the base URL (it must start with `/`).
    pub fn with_path(mut self, path: &str) -> Result<Self, EndpointError> {
        if !path.starts_with('/') || path.contains(['?', '#']) {
            return Err(EndpointError::Shape);
        }
        path.clone_into(&mut self.path);
        Ok(self)
    }

    /// Sends `Authorization: Basic …` with every request.
    #[must_use]
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The service URL, without a query.
    pub fn url(&self) -> String {
        format!("{}{}", self.base_url, self.path)
    }

    /// A GET for `query`'s parameters.
    pub fn get(&self, query: &GetQuery) -> HttpRequest {
        self.request(Method::Get, &query.to_query_string(), Vec::new())
    }

    /// A POST of `request`'s lote.
    pub fn post(&self, request: &PostRequest) -> HttpRequest {
        self.request(Method::Post, "", request.encode().into_bytes())
    }

    /// A DELETE of `request`'s tickets, routed by `source_branch` (the only query parameter).
    pub fn delete(&self, request: &DeleteRequest, source_branch: Option<&str>) -> HttpRequest {
        // DELETE's one parameter has the name and encoding of the GET parameter.
        let query = GetQuery {
            source_branch: source_branch.map(str::to_owned),
            ..GetQuery::default()
        };
        self.request(
            Method::Delete,
            &query.to_query_string(),
            request.encode().into_bytes(),
        )
    }

    fn request(&self, method: Method, query: &str, body: Vec<u8>) -> HttpRequest {
        let mut url = self.url();
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        let mut headers = Headers::new();
        headers.insert("Accept", "application/json");
        if method != Method::Get {
            headers.insert("Content-Type", JSON_CONTENT_TYPE);
        }
        if let Some(credentials) = &self.credentials {
            headers.insert("Authorization", credentials.authorization());
        }
        HttpRequest {
            method,
            url,
            headers,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_base_urls() {
        for (url, error) in [
            ("ftp://h", EndpointError::Scheme),
            ("http://", EndpointError::MissingHost),
            ("http://u:p@h", EndpointError::UserInfo),
            ("http://h/rest?x=1", EndpointError::Shape),
        ] {
            assert_eq!(Endpoint::new(url), Err(error), "{url}");
        }
        let endpoint = Endpoint::new("https://h:8443/api/").unwrap();
        assert_eq!(endpoint.url(), "https://h:8443/api/rest/WSTAFST2");
        let moved = endpoint.with_path("/rest/wstafst2").unwrap();
        assert_eq!(moved.url(), "https://h:8443/api/rest/wstafst2");
        assert_eq!(
            moved.with_path("rest").unwrap_err().code(),
            "endpoint_shape"
        );
    }

    #[test]
    fn a_service_url_splits_into_base_and_path() {
        let url = |text| Endpoint::from_service_url(text).map(|endpoint| endpoint.url());
        assert_eq!(
            url(" http://127.0.0.1:8085/rest/wstafst2/ "),
            Ok("http://127.0.0.1:8085/rest/wstafst2".to_owned())
        );
        assert_eq!(
            url("https://taf.example"),
            Ok("https://taf.example/rest/WSTAFST2".to_owned())
        );
        assert_eq!(
            url("https://taf.example/"),
            Ok("https://taf.example/rest/WSTAFST2".to_owned())
        );
        assert_eq!(url("taf.example/rest"), Err(EndpointError::Scheme));
        assert_eq!(url("http://h/x?y"), Err(EndpointError::Shape));
        assert_eq!(url("http://u:p@h/x"), Err(EndpointError::UserInfo));
    }

    #[test]
    fn delete_carries_a_body_the_branch_and_the_json_content_type() {
        let endpoint = Endpoint::new("http://h").unwrap();
        let request = endpoint.delete(&DeleteRequest::new(["T1"]), Some("B 1"));
        assert_eq!(request.url, "http://h/rest/WSTAFST2?sourceBranch=B%201");
        assert_eq!(request.body, br#"{"deleteTicket":[{"ticketCode":"T1"}]}"#);
        assert_eq!(request.headers.get("content-type"), Some(JSON_CONTENT_TYPE));
        assert_eq!(request.headers.get("authorization"), None);
        let post = endpoint.post(&PostRequest::default());
        assert_eq!(post.url, "http://h/rest/WSTAFST2");
        assert_eq!(post.method, Method::Post);
        assert_eq!(post.body, br#"{"ticketCode":"","lote":[]}"#);
    }
}

//! Conversions to and from the `http` crate's request and response types (feature `http`).

use crate::wire::http::headers::is_sensitive;
use crate::wire::http::{Headers, HttpRequest, HttpResponse, Method};

/// A value that the `http` crate, or this crate, cannot represent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConversionError {
    /// The method is not GET, POST or DELETE.
    #[error("the service has no method {0}")]
    Method(String),
    /// The URL, a header name or a header value is not valid for the `http` crate.
    #[error("invalid HTTP value: {0}")]
    Http(#[from] ::http::Error),
    /// A header value is not valid for the `http` crate.
    #[error("invalid header value for {0}")]
    HeaderValue(String),
}

impl ConversionError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Method(_) => "conversion_method",
            Self::Http(_) => "conversion_http",
            Self::HeaderValue(_) => "conversion_header_value",
        }
    }
}

fn header_map(headers: &Headers) -> Result<::http::HeaderMap, ConversionError> {
    let mut map = ::http::HeaderMap::with_capacity(headers.len());
    for (name, value) in headers.iter() {
        let name = ::http::HeaderName::from_bytes(name.as_bytes()).map_err(::http::Error::from)?;
        let mut value = ::http::HeaderValue::from_str(value)
            .map_err(|_| ConversionError::HeaderValue(name.to_string()))?;
        value.set_sensitive(is_sensitive(name.as_str()));
        map.append(name, value);
    }
    Ok(map)
}

fn headers_of(map: &::http::HeaderMap) -> Headers {
    map.iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

impl TryFrom<HttpRequest> for ::http::Request<Vec<u8>> {
    type Error = ConversionError;

    fn try_from(request: HttpRequest) -> Result<Self, Self::Error> {
        let mut built = ::http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str())
            .body(request.body)?;
        *built.headers_mut() = header_map(&request.headers)?;
        Ok(built)
    }
}

impl<B: Into<Vec<u8>>> TryFrom<::http::Request<B>> for HttpRequest {
    type Error = ConversionError;

    fn try_from(request: ::http::Request<B>) -> Result<Self, Self::Error> {
        let (parts, body) = request.into_parts();
        let method = Method::from_name(parts.method.as_str())
            .ok_or_else(|| ConversionError::Method(parts.method.to_string()))?;
        Ok(Self {
            method,
            url: parts.uri.to_string(),
            headers: headers_of(&parts.headers),
            body: body.into(),
        })
    }
}

impl TryFrom<HttpResponse> for ::http::Response<Vec<u8>> {
    type Error = ConversionError;

    fn try_from(response: HttpResponse) -> Result<Self, Self::Error> {
        let mut built = ::http::Response::builder()
            .status(response.status)
            .body(response.body)?;
        *built.headers_mut() = header_map(&response.headers)?;
        Ok(built)
    }
}

impl<B: Into<Vec<u8>>> From<::http::Response<B>> for HttpResponse {
    fn from(response: ::http::Response<B>) -> Self {
        let (parts, body) = response.into_parts();
        Self {
            status: parts.status.as_u16(),
            headers: headers_of(&parts.headers),
            body: body.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GetQuery;
    use crate::client::Endpoint;
    use crate::wire::http::Credentials;

    #[test]
    fn requests_and_responses_round_trip_through_the_http_crate() {
        let endpoint = Endpoint::new("http://h:8080")
            .unwrap()
            .with_credentials(Credentials::basic("u", "p"));
        let request = endpoint.get(&GetQuery::by_key("K 1"));
        let converted = ::http::Request::<Vec<u8>>::try_from(request.clone()).unwrap();
        assert_eq!(
            converted.uri(),
            "http://h:8080/rest/WSTAFST2?registryKey=K%201&startRecNo=1"
        );
        let authorization = converted.headers().get("authorization").unwrap();
        assert!(authorization.is_sensitive());
        assert_eq!(HttpRequest::try_from(converted).unwrap(), request);

        let mut response = HttpResponse::new(429, b"{}".to_vec());
        response.headers.insert("retry-after", "3");
        let converted = ::http::Response::<Vec<u8>>::try_from(response.clone()).unwrap();
        assert_eq!(HttpResponse::from(converted), response);
    }

    #[test]
    fn refuses_what_either_side_cannot_hold() {
        let put = ::http::Request::put("/rest/WSTAFST2")
            .body(Vec::new())
            .unwrap();
        let error = HttpRequest::try_from(put).unwrap_err();
        assert_eq!(error.code(), "conversion_method");
        let mut response = HttpResponse::new(200, Vec::new());
        response.headers.insert("x-bad", "line\nbreak");
        let error = ::http::Response::<Vec<u8>>::try_from(response).unwrap_err();
        assert_eq!(error.code(), "conversion_header_value");
    }
}

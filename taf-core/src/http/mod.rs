//! HTTP request and response values for the three methods, without any IO: build a request
//! here, send it with any client, and hand the answer back as an [`HttpResponse`].
//!
//! With the `http` feature the values convert to and from the `http` crate's types (the ones
//! hyper, reqwest and ureq build on).

#[cfg(feature = "http")]
mod convert;
mod credentials;
mod date;
mod endpoint;
mod headers;
mod request;
mod response;

#[cfg(feature = "http")]
pub use convert::ConversionError;
pub use credentials::Credentials;
pub use endpoint::{DEFAULT_SERVICE_PATH, Endpoint, EndpointError};
pub use headers::Headers;
pub use request::{HttpRequest, Method};
pub use response::{HttpResponse, ReplyBody};

/// `Content-Type` of every request body: the service reads JSON text.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

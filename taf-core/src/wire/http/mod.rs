//! HTTP request and response values for the three methods, without any IO: a client builds a
//! request, sends it with any HTTP stack and hands the answer back as an [`HttpResponse`]; a
//! server takes the [`HttpRequest`] and answers one. Basic [`Credentials`] are written and
//! checked here.
//!
//! With the `http` feature the values convert to and from the `http` crate's types (the ones
//! hyper, reqwest and ureq build on).

#[cfg(feature = "http")]
mod convert;
mod credentials;
mod date;
mod headers;
mod request;
mod response;

#[cfg(feature = "http")]
pub use convert::ConversionError;
pub use credentials::Credentials;
pub use headers::Headers;
pub use request::{HttpRequest, Method};
pub use response::HttpResponse;

/// `Content-Type` of every request body: the service reads JSON text.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

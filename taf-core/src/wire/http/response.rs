//! The response value and its decoding into a [`Reply`].

use std::time::{Duration, SystemTime};

use super::{Headers, date};
use crate::wire::{DecodeError, Reply, ReplyBody};

/// What came back: status, headers and body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The headers.
    pub headers: Headers,
    /// The body bytes (UTF-8 or, from a real server, often Windows-1252).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Headers::new(),
            body: body.into(),
        }
    }

    /// Decodes the body as the answer to the method whose body is `T`:
    /// [`GetPage`](crate::GetPage), [`PostResponse`](crate::PostResponse) or
    /// [`DeleteResponse`](crate::DeleteResponse).
    pub fn reply<T: ReplyBody>(&self) -> Result<Reply<T>, DecodeError> {
        Reply::decode(self.status, &self.body)
    }

    /// How long the server asked to wait (`Retry-After`, in seconds or as an HTTP date; a date
    /// in the past gives zero). `None` when the header is absent or unreadable.
    pub fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        let value = self.headers.get("Retry-After")?.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
        }
        let at = date::parse_http_date(value)?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{DeleteResponse, GetPage, PostResponse};

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        let mut response = HttpResponse::new(429, "");
        assert_eq!(response.retry_after(now), None);
        response.headers.insert("Retry-After", " 120 ");
        assert_eq!(response.retry_after(now), Some(Duration::from_mins(2)));
        response
            .headers
            .insert("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(response.retry_after(now), Some(Duration::from_secs(7)));
        let later = now + Duration::from_mins(1);
        assert_eq!(response.retry_after(later), Some(Duration::ZERO));
        response.headers.insert("Retry-After", "soon");
        assert_eq!(response.retry_after(now), None);
    }

    #[test]
    fn decodes_the_reply_of_each_method() {
        let envelope = HttpResponse::new(200, r#"{"coderr" : 803,"description" : "x"}"#);
        assert!(matches!(
            envelope.reply::<GetPage>(),
            Ok(Reply::Envelope(_))
        ));
        let deleted = HttpResponse::new(200, r#"{"success" : true}"#);
        assert_eq!(
            deleted.reply::<DeleteResponse>(),
            Ok(Reply::Body(DeleteResponse { success: true }))
        );
        let fault = HttpResponse::new(500, "boom");
        assert!(matches!(fault.reply::<PostResponse>(), Ok(Reply::Fault(_))));
    }
}

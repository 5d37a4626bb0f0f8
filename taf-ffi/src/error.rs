//! Failures with their detail, the calling thread's last failure, and `taf_error_message`.
//!
//! Every export that returns a [`taf_result`] records its failure in a thread-local slot: the
//! code and a detail (the field and byte offset of a decode error, the guard a page failed, ...).
//! The slot keeps the last failure until the next failure on the same thread replaces it:
//! successful calls, `_free` functions and `taf_error_message` leave it alone. During thread
//! teardown, when the slot is already gone, failures are returned without a detail.

use std::cell::RefCell;
use std::ffi::c_char;

use taf_core::{DecodeError, PagingError};

use crate::guard;
use crate::output;
use crate::result::taf_result;

/// A failed call: its result code and, when there is more to say, a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CallError {
    code: taf_result,
    detail: Option<String>,
}

impl CallError {
    /// A failure with a detail.
    pub(crate) fn new(code: taf_result, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: Some(detail.into()),
        }
    }

    /// A failure the code says everything about.
    pub(crate) const fn bare(code: taf_result) -> Self {
        Self { code, detail: None }
    }

    /// `TAF_RESULT_INVALID_ARGUMENT` for a number that is not a value of the C enum `name`.
    pub(crate) fn not_a_value_of(name: &str, number: u32) -> Self {
        Self::new(
            taf_result::InvalidArgument,
            format!("{number} is not a {name} value"),
        )
    }

    /// `TAF_RESULT_INVALID_STATE` for a Rust value (of a `#[non_exhaustive]` enum) that the C
    /// enum `name` has no value for.
    pub(crate) fn no_c_value(name: &str, value: &impl std::fmt::Debug) -> Self {
        Self::new(
            taf_result::InvalidState,
            format!("{value:?} has no {name} value"),
        )
    }

    /// The result code.
    pub(crate) fn code(&self) -> taf_result {
        self.code
    }

    /// The code's description followed by the detail, if any.
    pub(crate) fn message(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{}: {detail}", self.code.description()),
            None => self.code.description().to_owned(),
        }
    }
}

impl From<DecodeError> for CallError {
    fn from(error: DecodeError) -> Self {
        Self::new(
            taf_result::DecodeError,
            format!("{error} ({})", error.kind().code()),
        )
    }
}

impl From<PagingError> for CallError {
    fn from(error: PagingError) -> Self {
        Self::new(
            taf_result::PagingError,
            format!("{error} ({})", error.code()),
        )
    }
}

thread_local! {
    static LAST: RefCell<Option<CallError>> = const { RefCell::new(None) };
}

/// Records `failure` as the calling thread's last one and returns its code. During thread
/// teardown, once the slot is destroyed, the failure is not recorded.
pub(crate) fn remember(failure: CallError) -> taf_result {
    let code = failure.code;
    // An error only means the slot is gone (thread teardown): the code is still returned.
    let _ = LAST.try_with(|last| *last.borrow_mut() = Some(failure));
    code
}

/// The calling thread's last failure (`None` before any, or during thread teardown).
pub(crate) fn last() -> Option<CallError> {
    LAST.try_with(|last| last.borrow().clone()).ok().flatten()
}

/// Puts back a last failure saved with [`last`] (undoing a failure the library caused itself).
pub(crate) fn restore(previous: Option<CallError>) {
    let _ = LAST.try_with(|last| *last.borrow_mut() = previous);
}

/// The message for `code`: its description, with the thread's detail when the last failure
/// has that code.
fn message_for(code: taf_result) -> String {
    LAST.try_with(|last| match &*last.borrow() {
        Some(failure) if failure.code == code => Some(failure.message()),
        _ => None,
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| code.description().to_owned())
}

/// Writes a message describing `result` (a `taf_result` value) into `buf`, UTF-8 without a
/// terminating NUL, and its length into `*written`. When `result` is the code of the calling
/// thread's last failure, the message carries that failure's detail; the detail stays until
/// the next failure on the thread, whatever succeeds in between. Does not change the last
/// failure.
///
/// Fails with `TAF_RESULT_INVALID_ARGUMENT` when `result` is not a `taf_result` value, and with
/// `TAF_RESULT_BUFFER_TOO_SMALL` (and the size needed in `*written`) when `buf` is too small.
///
/// # Safety
/// `buf` must be valid for `len` bytes of writes (or NULL when `len` is 0) and `written` valid
/// for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_error_message(
    result: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard::keeping_last_failure(|| {
        let code =
            taf_result::from_number(result).ok_or(CallError::bare(taf_result::InvalidArgument))?;
        let message = message_for(code);
        // SAFETY: the caller guarantees `buf` and `written` as documented above.
        unsafe { output::text(buf, len, written, &message) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: u32, len: usize) -> (taf_result, usize, String) {
        let mut buf = vec![0_u8; len];
        let mut written = usize::MAX;
        // SAFETY: `buf` holds `len` bytes and `written` is a local.
        let code =
            unsafe { taf_error_message(result, buf.as_mut_ptr().cast(), len, &raw mut written) };
        let text = if code == taf_result::Ok {
            String::from_utf8(buf[..written].to_vec()).unwrap()
        } else {
            String::new()
        };
        (code, written, text)
    }

    #[test]
    fn describes_codes_with_the_last_detail_of_the_same_code() {
        remember(CallError::bare(taf_result::NullArgument));
        assert_eq!(
            message(taf_result::OutOfRange as u32, 64),
            (taf_result::Ok, 25, "the index is out of range".to_owned())
        );
        remember(CallError::new(taf_result::OutOfRange, "index 3 of 2"));
        assert_eq!(
            message(taf_result::OutOfRange as u32, 64).2,
            "the index is out of range: index 3 of 2"
        );
        assert_eq!(
            message(taf_result::NullArgument as u32, 64).2,
            "a required pointer argument is NULL"
        );
        let (code, needed, _) = message(taf_result::OutOfRange as u32, 4);
        assert_eq!((code, needed), (taf_result::BufferTooSmall, 39));
        assert_eq!(
            message(taf_result::OutOfRange as u32, 64).2,
            "the index is out of range: index 3 of 2",
            "a failing taf_error_message keeps the last failure"
        );
        assert_eq!(message(99, 64).0, taf_result::InvalidArgument);
    }
}

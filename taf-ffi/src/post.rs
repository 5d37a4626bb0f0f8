//! `taf_post_response`: a decoded POST answer and its per-key results.

use std::ffi::c_char;

use taf_core::{KeyResult, PostResponse, Reply};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::output;
use crate::reply::{self, taf_reply_kind};
use crate::result::taf_result;

/// A decoded answer to a POST: the per-key results, an envelope or a fault.
pub struct taf_post_response {
    _private: [u8; 0],
}

impl Handle for taf_post_response {
    type Inner = Reply<PostResponse>;
}

/// The key result `index` of the body behind `response`.
///
/// # Safety
/// `response` follows the pointer rules and stays valid for `'a`.
unsafe fn key_result<'a>(
    response: *const taf_post_response,
    index: usize,
) -> Result<&'a KeyResult, CallError> {
    // SAFETY: forwarded from the caller.
    let body = reply::body(unsafe { handle::get(response) }?)?;
    body.results.get(index).ok_or_else(|| {
        CallError::new(
            taf_result::OutOfRange,
            format!("key {index} of {}", body.results.len()),
        )
    })
}

/// Decodes the answer to a POST into a handle to free with `taf_post_response_free`. Fails
/// with `TAF_RESULT_DECODE_ERROR` when a 2xx body is not a POST response.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_decode(
    status: u16,
    body: *const u8,
    len: usize,
    out: *mut *mut taf_post_response,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::decode(status, body, len, out, Reply::<PostResponse>::decode) })
}

/// Stores whether the answer is a body, an envelope or a fault at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_kind(
    response: *const taf_post_response,
    out: *mut taf_reply_kind,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_kind(response, out) })
}

/// Stores the envelope's `coderr` or the fault's code at `out` (see `taf_get_page_error_code`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_error_code(
    response: *const taf_post_response,
    out: *mut i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_error_code(response, out) })
}

/// Writes the envelope's description or the fault's message.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_error_message(
    response: *const taf_post_response,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_error_message(response, buf, len, written) })
}

/// Writes the answer's canonical JSON.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_to_json(
    response: *const taf_post_response,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_json(response, buf, len, written) })
}

/// Writes the echoed `ticketCode`, exactly as sent.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_ticket_code(
    response: *const taf_post_response,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `response`, `buf` and `written` follow the pointer rules.
        let body = reply::body(unsafe { handle::get(response) }?)?;
        // SAFETY: as above.
        unsafe { output::text(buf, len, written, &body.ticket_code) }
    })
}

/// Stores the number of key results (`keyAmount`) at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_key_count(
    response: *const taf_post_response,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `response` and `out` follow the pointer rules.
        let body = reply::body(unsafe { handle::get(response) }?)?;
        // SAFETY: as above.
        unsafe { output::set(out, body.key_amount()) }
    })
}

/// Writes the `key` of result `index`, exactly as sent.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_key(
    response: *const taf_post_response,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `response`, `buf` and `written` follow the pointer rules.
        unsafe { output::text(buf, len, written, &key_result(response, index)?.key) }
    })
}

/// Stores whether the server stored item `index` at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_key_accepted(
    response: *const taf_post_response,
    index: usize,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: `response` and `out` follow the pointer rules.
        unsafe { output::set(out, key_result(response, index)?.is_accepted()) }
    })
}

/// Stores the `coderr` (800–814) of rejected item `index` at `out`; `TAF_RESULT_ABSENT` when
/// it was accepted or rejected without an error (a failed row lock).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_key_error_code(
    response: *const taf_post_response,
    index: usize,
    out: *mut u32,
) -> taf_result {
    guard(|| {
        // SAFETY: `response` and `out` follow the pointer rules.
        let result = unsafe { key_result(response, index) }?;
        let error = result.error().ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { output::set(out, error.code) }
    })
}

/// Frees a decoded POST answer; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_free(response: *mut taf_post_response) {
    // SAFETY: `response` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(response) });
}

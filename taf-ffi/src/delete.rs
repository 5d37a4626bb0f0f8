//! `taf_delete_response`: a decoded DELETE answer, broken server bodies included.

use std::ffi::c_char;

use taf_core::{DeleteResponse, Reply};

use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::output;
use crate::reply::{self, taf_reply_kind};
use crate::result::taf_result;

/// A decoded answer to a DELETE: `{"success" : …}`, an envelope or a fault.
pub struct taf_delete_response {
    _private: [u8; 0],
}

impl Handle for taf_delete_response {
    type Inner = Reply<DeleteResponse>;
}

/// Decodes the answer to a DELETE, including the server's envelope followed by a bare
/// `"success" : false` and the bare fragment alone, into a handle to free with
/// `taf_delete_response_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_delete_response_decode(
    status: u16,
    body: *const u8,
    len: usize,
    out: *mut *mut taf_delete_response,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::decode(status, body, len, out, Reply::<DeleteResponse>::decode) })
}

/// Stores whether the answer is a body, an envelope or a fault at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_delete_response_kind(
    response: *const taf_delete_response,
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
pub unsafe extern "C" fn taf_delete_response_error_code(
    response: *const taf_delete_response,
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
pub unsafe extern "C" fn taf_delete_response_error_message(
    response: *const taf_delete_response,
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
pub unsafe extern "C" fn taf_delete_response_to_json(
    response: *const taf_delete_response,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_json(response, buf, len, written) })
}

/// Stores the body's `success` at `out` (false for the server's bare `"success" : false`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_delete_response_success(
    response: *const taf_delete_response,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: `response` and `out` follow the pointer rules.
        let body = reply::body(unsafe { handle::get(response) }?)?;
        // SAFETY: as above.
        unsafe { output::set(out, body.success) }
    })
}

/// Frees a decoded DELETE answer; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_delete_response_free(response: *mut taf_delete_response) {
    // SAFETY: `response` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(response) });
}

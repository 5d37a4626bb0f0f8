//! `taf_http_response`: an answer as received (for the status policy) or as the emulator gives it.

use std::ffi::c_char;

use taf_core::HttpResponse;

use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// An HTTP response: status, headers and body bytes.
pub struct taf_http_response {
    _private: [u8; 0],
}

impl Handle for taf_http_response {
    type Inner = HttpResponse;
}

/// Creates a response with this status and body and no headers; free it with
/// `taf_http_response_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_response_new(
    status: u16,
    body: *const u8,
    len: usize,
    out: *mut *mut taf_http_response,
) -> taf_result {
    guard(|| {
        // SAFETY: `body` and `out` follow the pointer rules.
        let body = unsafe { input::bytes(body, len) }?;
        // SAFETY: as above.
        unsafe { handle::give(out, HttpResponse::new(status, body)) }
    })
}

/// Adds a header (the status policy reads `Retry-After`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_response_add_header(
    response: *mut taf_http_response,
    name: *const c_char,
    name_len: usize,
    value: *const c_char,
    value_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                response,
                (name, name_len),
                (value, value_len),
                |response, name, value| response.headers.append(name, value),
            )
        }
    })
}

/// Stores the HTTP status at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_response_status(
    response: *const taf_http_response,
    out: *mut u16,
) -> taf_result {
    guard(|| {
        // SAFETY: `response` and `out` follow the pointer rules.
        let response = unsafe { handle::get(response) }?;
        // SAFETY: as above.
        unsafe { output::set(out, response.status) }
    })
}

/// Writes the body bytes.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_response_body(
    response: *const taf_http_response,
    buf: *mut u8,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `response`, `buf` and `written` follow the pointer rules.
        let response = unsafe { handle::get(response) }?;
        // SAFETY: as above.
        unsafe { output::bytes(buf, len, written, &response.body) }
    })
}

/// Frees a response; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_response_free(response: *mut taf_http_response) {
    // SAFETY: `response` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(response) });
}

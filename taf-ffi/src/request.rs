//! `taf_http_request`: a request to send with the caller's HTTP stack (or to the emulator).

use std::ffi::c_char;

use taf_core::{Headers, HttpRequest, Method};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// An HTTP request: method, URL, headers and body.
pub struct taf_http_request {
    _private: [u8; 0],
}

impl Handle for taf_http_request {
    type Inner = HttpRequest;
}

/// The three methods of the service.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_method {
    /// GET: poll the status of records.
    Get = 0,
    /// POST: send a lote.
    Post = 1,
    /// DELETE: delete whole tickets.
    Delete = 2,
}

impl taf_method {
    /// The method with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    pub(crate) fn from_number(number: u32) -> Result<Method, CallError> {
        match number {
            0 => Ok(Method::Get),
            1 => Ok(Method::Post),
            2 => Ok(Method::Delete),
            _ => Err(CallError::not_a_value_of("taf_method", number)),
        }
    }
}

impl From<Method> for taf_method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => Self::Get,
            Method::Post => Self::Post,
            Method::Delete => Self::Delete,
        }
    }
}

/// Runs `read` on the request behind `request` and writes its text into the caller's buffer.
///
/// # Safety
/// `request`, `buf` and `written` follow the pointer rules.
unsafe fn write_text(
    request: *const taf_http_request,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
    read: impl FnOnce(&HttpRequest) -> Result<&str, CallError>,
) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let request = unsafe { handle::get(request) }?;
        // SAFETY: forwarded from the caller.
        unsafe { output::text(buf, len, written, read(request)?) }
    })
}

/// The header `index` of `request`, or `TAF_RESULT_OUT_OF_RANGE`.
fn header(request: &HttpRequest, index: usize) -> Result<(&str, &str), CallError> {
    request.headers.iter().nth(index).ok_or_else(|| {
        CallError::new(
            taf_result::OutOfRange,
            format!("header {index} of {}", request.headers.len()),
        )
    })
}

/// Creates a request (a `taf_method` value, an absolute URL or a request target such as
/// `/rest/WSTAFST2?…`, and a body) with no headers; free it with `taf_http_request_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_new(
    method: u32,
    url: *const c_char,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        let method = taf_method::from_number(method)?;
        // SAFETY: `url`, `body` and `out` follow the pointer rules.
        let (url, body) = unsafe { (input::text(url, url_len)?, input::bytes(body, body_len)?) };
        let request = HttpRequest {
            method,
            url: url.to_owned(),
            headers: Headers::new(),
            body: body.to_vec(),
        };
        // SAFETY: as above.
        unsafe { handle::give(out, request) }
    })
}

/// Adds a header (kept after any of the same name).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_add_header(
    request: *mut taf_http_request,
    name: *const c_char,
    name_len: usize,
    value: *const c_char,
    value_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                request,
                (name, name_len),
                (value, value_len),
                |request, name, value| request.headers.append(name, value),
            )
        }
    })
}

/// Stores the method at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_method(
    request: *const taf_http_request,
    out: *mut taf_method,
) -> taf_result {
    guard(|| {
        // SAFETY: `request` and `out` follow the pointer rules.
        let request = unsafe { handle::get(request) }?;
        // SAFETY: as above.
        unsafe { output::set(out, request.method.into()) }
    })
}

/// Writes the whole URL (`scheme://host[:port]/path[?query]`, or the request target).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_url(
    request: *const taf_http_request,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(request, buf, len, written, |request| Ok(&request.url)) }
}

/// Writes the path of the URL, without the query (`/rest/WSTAFST2`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_path(
    request: *const taf_http_request,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_text(request, buf, len, written, |request| {
            let target = request.path_and_query();
            Ok(target.split_once('?').map_or(target, |(path, _)| path))
        })
    }
}

/// Writes the query string without `?` (empty when there is none).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_query(
    request: *const taf_http_request,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(request, buf, len, written, |request| Ok(request.query())) }
}

/// Stores the number of headers at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_header_count(
    request: *const taf_http_request,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `request` and `out` follow the pointer rules.
        let request = unsafe { handle::get(request) }?;
        // SAFETY: as above.
        unsafe { output::set(out, request.headers.len()) }
    })
}

/// Writes the name of header `index`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_header_name(
    request: *const taf_http_request,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(request, buf, len, written, |r| Ok(header(r, index)?.0)) }
}

/// Writes the value of header `index` (an `Authorization` value carries the credentials).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_header_value(
    request: *const taf_http_request,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(request, buf, len, written, |r| Ok(header(r, index)?.1)) }
}

/// Writes the body bytes (empty for GET).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_body(
    request: *const taf_http_request,
    buf: *mut u8,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `request`, `buf` and `written` follow the pointer rules.
        let request = unsafe { handle::get(request) }?;
        // SAFETY: as above.
        unsafe { output::bytes(buf, len, written, &request.body) }
    })
}

/// Frees a request; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_free(request: *mut taf_http_request) {
    // SAFETY: `request` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(request) });
}

//! `taf_get_page`: a decoded GET answer and its page accessors.

use std::ffi::c_char;

use taf_core::{GetPage, Reply};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::item::{taf_item, taf_key_kind};
use crate::output;
use crate::reply::{self, taf_reply_kind};
use crate::result::taf_result;

/// A decoded answer to a GET: a page, an envelope or a fault.
pub struct taf_get_page {
    _private: [u8; 0],
}

impl Handle for taf_get_page {
    type Inner = Reply<GetPage>;
}

/// Runs `read` on the page behind `page` (failing with `TAF_RESULT_INVALID_STATE` for an
/// envelope or a fault) and stores the value at `out`.
///
/// # Safety
/// `page` and `out` follow the pointer rules.
unsafe fn write_field<T>(
    page: *const taf_get_page,
    out: *mut T,
    read: impl FnOnce(&GetPage) -> T,
) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let page = reply::body(unsafe { handle::get(page) }?)?;
        // SAFETY: forwarded from the caller.
        unsafe { output::set(out, read(page)) }
    })
}

/// Decodes the answer to a GET (status and body bytes, UTF-8 or Windows-1252) into a handle to
/// free with `taf_get_page_free`. Fails with `TAF_RESULT_DECODE_ERROR` when a 2xx body is not
/// a page.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_decode(
    status: u16,
    body: *const u8,
    len: usize,
    out: *mut *mut taf_get_page,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::decode(status, body, len, out, Reply::<GetPage>::decode) })
}

/// Stores whether the answer is a page, an envelope or a fault at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_kind(
    page: *const taf_get_page,
    out: *mut taf_reply_kind,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_kind(page, out) })
}

/// Stores the envelope's `coderr` or the fault's code at `out`: `TAF_RESULT_INVALID_STATE`
/// for a page, `TAF_RESULT_ABSENT` for a fault without a code.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_error_code(
    page: *const taf_get_page,
    out: *mut i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_error_code(page, out) })
}

/// Writes the envelope's description or the fault's message; `TAF_RESULT_INVALID_STATE` for a
/// page.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_error_message(
    page: *const taf_get_page,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_error_message(page, buf, len, written) })
}

/// Writes the answer's canonical JSON (`{"body":…}`, `{"envelope":…}` or `{"fault":…}`, as in
/// `tests/vectors/responses.json`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_to_json(
    page: *const taf_get_page,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { reply::write_json(page, buf, len, written) })
}

/// Stores the page's `type` (which key was searched) at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_search_kind(
    page: *const taf_get_page,
    out: *mut taf_key_kind,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_field(page, out, |page| page.kind.into()) }
}

/// Stores the number of items on the page at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_item_count(
    page: *const taf_get_page,
    out: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_field(page, out, |page| page.items.len()) }
}

/// Stores `lastRecNo` at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_last_rec_no(
    page: *const taf_get_page,
    out: *mut i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_field(page, out, |page| page.last_rec_no) }
}

/// Stores `maxRecNo` at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_max_rec_no(
    page: *const taf_get_page,
    out: *mut i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_field(page, out, |page| page.max_rec_no) }
}

/// Stores whether this is the final page (`lastRecNo` reached `maxRecNo`, or nothing found).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_is_last(
    page: *const taf_get_page,
    out: *mut bool,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_field(page, out, GetPage::is_last) }
}

/// Stores a borrowed handle to item `index` at `out`; it lives as long as the page.
/// `TAF_RESULT_OUT_OF_RANGE` past the last item.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_item(
    page: *const taf_get_page,
    index: usize,
    out: *mut *const taf_item,
) -> taf_result {
    guard(|| {
        // SAFETY: `page` and `out` follow the pointer rules.
        let page = reply::body(unsafe { handle::get(page) }?)?;
        let item = page.items.get(index).ok_or_else(|| {
            CallError::new(
                taf_result::OutOfRange,
                format!("item {index} of a page of {}", page.items.len()),
            )
        })?;
        // SAFETY: as above.
        unsafe { handle::lend(out, item) }
    })
}

/// Frees a decoded GET answer (and invalidates its borrowed items); NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_free(page: *mut taf_get_page) {
    // SAFETY: `page` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(page) });
}

//! `taf_get_query`: the GET parameters, built field by field or parsed, encoded as a query string.

use std::ffi::c_char;

use taf_core::GetQuery;

use crate::guard::guard;
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// The eight GET parameters (`ticketCode`, `registryKey`, `startRecNo`, ...), each absent
/// until set.
pub struct taf_get_query {
    _private: [u8; 0],
}

impl Handle for taf_get_query {
    type Inner = GetQuery;
}

/// Creates a query with no parameter set; free it with `taf_get_query_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_new(out: *mut *mut taf_get_query) -> taf_result {
    // SAFETY: `out` follows the pointer rules.
    guard(|| unsafe { handle::give(out, GetQuery::default()) })
}

/// Parses a query string (with or without `?`) as the server does: names without regard to
/// case, `+` as a space, unknown names ignored. Fails with `TAF_RESULT_DECODE_ERROR` on a bad
/// number, boolean or percent escape.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_parse(
    text: *const c_char,
    len: usize,
    out: *mut *mut taf_get_query,
) -> taf_result {
    guard(|| {
        // SAFETY: `text` and `out` follow the pointer rules.
        let text = unsafe { input::text(text, len) }?;
        let query = GetQuery::from_query_string(text)?;
        // SAFETY: as above.
        unsafe { handle::give(out, query) }
    })
}

/// Runs `apply` on the query behind `query`.
///
/// # Safety
/// `query` follows the pointer rules.
unsafe fn update(query: *mut taf_get_query, apply: impl FnOnce(&mut GetQuery)) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        apply(unsafe { handle::get_mut(query) }?);
        Ok(())
    })
}

/// Runs `apply` on the query and the UTF-8 text `value`.
///
/// # Safety
/// `query` and `value` follow the pointer rules.
unsafe fn update_text(
    query: *mut taf_get_query,
    value: *const c_char,
    len: usize,
    apply: impl FnOnce(&mut GetQuery, String),
) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (query, value) = unsafe { (handle::get_mut(query)?, input::text(value, len)?) };
        apply(query, value.to_owned());
        Ok(())
    })
}

/// Sets `ticketCode` (UTF-8 text, sent exactly as given).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_ticket_code(
    query: *mut taf_get_query,
    value: *const c_char,
    len: usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update_text(query, value, len, |q, v| q.ticket_code = Some(v)) }
}

/// Sets `registryKey` (UTF-8 text).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_registry_key(
    query: *mut taf_get_query,
    value: *const c_char,
    len: usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update_text(query, value, len, |q, v| q.registry_key = Some(v)) }
}

/// Sets `sourceBranch` (UTF-8 text).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_source_branch(
    query: *mut taf_get_query,
    value: *const c_char,
    len: usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update_text(query, value, len, |q, v| q.source_branch = Some(v)) }
}

/// Sets `startRecNo`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_start_rec_no(
    query: *mut taf_get_query,
    value: i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(query, |q| q.start_rec_no = Some(value)) }
}

/// Sets `searchMode` (1 or 2 for the server; other numbers are sent as given).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_search_mode(
    query: *mut taf_get_query,
    value: i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(query, |q| q.search_mode = Some(value)) }
}

/// Sets `queryElements` (0 skips the government error lookup).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_query_elements(
    query: *mut taf_get_query,
    value: i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(query, |q| q.query_elements = Some(value)) }
}

/// Sets `lotQuantity` (items per page).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_lot_quantity(
    query: *mut taf_get_query,
    value: i64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(query, |q| q.lot_quantity = Some(value)) }
}

/// Sets `returnRetResponse`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_set_return_ret_response(
    query: *mut taf_get_query,
    value: bool,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(query, |q| q.return_ret_response = Some(value)) }
}

/// Writes the query string (no leading `?`): the set parameters in the service's order,
/// percent-encoded as UTF-8.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_encode(
    query: *const taf_get_query,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `query`, `buf` and `written` follow the pointer rules.
        let query = unsafe { handle::get(query) }?;
        // SAFETY: as above.
        unsafe { output::text(buf, len, written, &query.to_query_string()) }
    })
}

/// Frees a query; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_free(query: *mut taf_get_query) {
    // SAFETY: `query` is NULL or an owned handle not used afterwards.
    crate::guard::quietly(|| unsafe { handle::free(query) });
}

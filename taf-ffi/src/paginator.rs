//! `taf_paginator`: walks every page of a GET search, driven by the caller's HTTP stack.
//!
//! Drive loop: `taf_paginator_next_request` gives the GET to send (`TAF_RESULT_ABSENT` once
//! finished or failed); send it, decide retries with `taf_status_policy_decide`, feed the
//! answer to `taf_paginator_handle_response`, then drain `taf_paginator_poll` until
//! `TAF_RESULT_ABSENT`.

use std::ffi::c_char;

use taf_core::{Cursor, Endpoint, GetPage, Paginator, PagingConfig, Reply};

use crate::endpoint::taf_endpoint;
use crate::error::CallError;
use crate::event::{Polled, taf_event};
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::query::taf_get_query;
use crate::request::taf_http_request;
use crate::result::taf_result;
use crate::{input, output};

/// A paginator and the endpoint its requests go to.
pub struct taf_paginator {
    _private: [u8; 0],
}

/// The state behind a `taf_paginator`.
pub(crate) struct Pager {
    paginator: Paginator,
    endpoint: Endpoint,
}

impl Handle for taf_paginator {
    type Inner = Pager;
}

/// Where a paginator stands.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_paging_state {
    /// A request is to be sent (`taf_paginator_next_request`).
    Fetching = 0,
    /// The search is complete; events may still wait in `taf_paginator_poll`.
    Finished = 1,
    /// A page failed a guard or the answer was a fault; see `taf_paginator_error_code`.
    Failed = 2,
}

/// The paging limits for `max_pages` (0 keeps the default of 10,000).
pub(crate) fn config(max_pages: u32) -> PagingConfig {
    match max_pages {
        0 => PagingConfig::default(),
        max_pages => PagingConfig::with_max_pages(max_pages),
    }
}

/// Creates a paginator for `query` (from its `startRecNo`, 1 when unset) sending requests to
/// `endpoint`, with at most `max_pages` pages (0 for the default of 10,000). Both arguments
/// are copied. `TAF_RESULT_PAGING_ERROR` when the query cannot be paged (no key,
/// `lotQuantity` ≤ 0, `searchMode` other than 1 or 2).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_new(
    query: *const taf_get_query,
    endpoint: *const taf_endpoint,
    max_pages: u32,
    out: *mut *mut taf_paginator,
) -> taf_result {
    guard(|| {
        // SAFETY: `query`, `endpoint` and `out` follow the pointer rules.
        let (query, endpoint) = unsafe { (handle::get(query)?, handle::get(endpoint)?) };
        let paginator = Paginator::with_config(query.clone(), config(max_pages))?;
        let pager = Pager {
            paginator,
            endpoint: endpoint.clone(),
        };
        // SAFETY: as above.
        unsafe { handle::give(out, pager) }
    })
}

/// Creates a paginator from a cursor saved with `taf_paginator_cursor_json`.
/// `TAF_RESULT_DECODE_ERROR` when the JSON is not a cursor.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_resume(
    cursor_json: *const c_char,
    len: usize,
    endpoint: *const taf_endpoint,
    max_pages: u32,
    out: *mut *mut taf_paginator,
) -> taf_result {
    guard(|| {
        // SAFETY: `cursor_json`, `endpoint` and `out` follow the pointer rules.
        let (json, endpoint) = unsafe { (input::text(cursor_json, len)?, handle::get(endpoint)?) };
        let cursor: Cursor = serde_json::from_str(json)
            .map_err(|error| CallError::new(taf_result::DecodeError, error.to_string()))?;
        let pager = Pager {
            paginator: Paginator::resume(cursor, config(max_pages))?,
            endpoint: endpoint.clone(),
        };
        // SAFETY: as above.
        unsafe { handle::give(out, pager) }
    })
}

/// Stores the next GET to send at `out` (free it with `taf_http_request_free`); asking twice
/// gives the same request (send it again on a retry). `TAF_RESULT_ABSENT` once the paginator
/// has finished or failed.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_next_request(
    paginator: *const taf_paginator,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator` and `out` follow the pointer rules.
        let pager = unsafe { handle::get(paginator) }?;
        let query = pager
            .paginator
            .next_query()
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { handle::give(out, pager.endpoint.get(&query)) }
    })
}

/// Feeds the answer to the last request (status and body bytes). A page is checked and its
/// events queued; an envelope or a fault fails the paginator, as does a page that fails a
/// guard (`TAF_RESULT_PAGING_ERROR`). `TAF_RESULT_DECODE_ERROR` leaves the paginator as it was.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_handle_response(
    paginator: *mut taf_paginator,
    status: u16,
    body: *const u8,
    len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator` and `body` follow the pointer rules.
        let (pager, body) = unsafe { (handle::get_mut(paginator)?, input::bytes(body, len)?) };
        let reply = Reply::<GetPage>::decode(status, body)?;
        Ok(pager.paginator.handle_reply(reply)?)
    })
}

/// Stores the next event at `out` (free it with `taf_event_free`); `TAF_RESULT_ABSENT` when
/// none is waiting.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_poll(
    paginator: *mut taf_paginator,
    out: *mut *mut taf_event,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator` and `out` follow the pointer rules.
        let pager = unsafe { handle::get_mut(paginator) }?;
        if out.is_null() {
            return Err(CallError::bare(taf_result::NullArgument));
        }
        let event = pager
            .paginator
            .poll_event()
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { handle::give(out, Polled::from(event)) }
    })
}

/// Stores where the paginator stands at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_state(
    paginator: *const taf_paginator,
    out: *mut taf_paging_state,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator` and `out` follow the pointer rules.
        let paginator = &unsafe { handle::get(paginator) }?.paginator;
        let state = if paginator.is_finished() {
            taf_paging_state::Finished
        } else if paginator.error().is_some() {
            taf_paging_state::Failed
        } else {
            taf_paging_state::Fetching
        };
        // SAFETY: as above.
        unsafe { output::set(out, state) }
    })
}

/// Writes the stable code of the failure (`not_advancing`, `reply`, ...);
/// `TAF_RESULT_ABSENT` unless the paginator failed.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_error_code(
    paginator: *const taf_paginator,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator`, `buf` and `written` follow the pointer rules.
        let pager = unsafe { handle::get(paginator) }?;
        let error = pager
            .paginator
            .error()
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { output::text(buf, len, written, error.code()) }
    })
}

/// Writes the cursor as JSON (the next query and what earlier pages said), to save and pass
/// to `taf_paginator_resume` later.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_cursor_json(
    paginator: *const taf_paginator,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `paginator`, `buf` and `written` follow the pointer rules.
        let pager = unsafe { handle::get(paginator) }?;
        // SAFETY: as above.
        unsafe { output::json(buf, len, written, pager.paginator.cursor()) }
    })
}

/// Frees a paginator and its queued events; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_free(paginator: *mut taf_paginator) {
    // SAFETY: `paginator` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(paginator) });
}

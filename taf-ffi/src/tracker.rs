//! `taf_tracker`: follows the keys of one ticket with GET passes until every key is terminal.
//!
//! Drive it like a paginator: `taf_tracker_next_request` (`TAF_RESULT_ABSENT` once every key
//! is terminal), send, `taf_tracker_handle_response`; between passes, wait as long as suits
//! the caller, then ask for the next request again.

use std::ffi::c_char;

use taf_core::{Endpoint, GetPage, KeyState, PostRequest, Reply, Tracker, Wire};

use crate::endpoint::taf_endpoint;
use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::post::taf_post_response;
use crate::query::taf_get_query;
use crate::reply;
use crate::request::taf_http_request;
use crate::result::taf_result;
use crate::{input, output};

/// A ticket tracker and the endpoint its requests go to.
pub struct taf_tracker {
    _private: [u8; 0],
}

/// The state behind a `taf_tracker`.
pub(crate) struct Follower {
    tracker: Tracker,
    endpoint: Endpoint,
}

impl Handle for taf_tracker {
    type Inner = Follower;
}

/// Where a tracked key stands.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_key_state {
    /// Not seen yet.
    Unseen = 0,
    /// Stored, waiting for the integration job (or back in its queue).
    Waiting = 1,
    /// Integrated; the TAF record is still moving.
    InProgress = 2,
    /// Terminal: processed with a final status, rejected, or deleted (see the report JSON).
    Done = 3,
    /// Terminal: absent from a pass that covered it.
    Missing = 4,
}

impl From<&KeyState> for taf_key_state {
    fn from(state: &KeyState) -> Self {
        match state {
            KeyState::Unseen => Self::Unseen,
            KeyState::Waiting => Self::Waiting,
            KeyState::InProgress(_) => Self::InProgress,
            KeyState::Done(_) => Self::Done,
            KeyState::Missing => Self::Missing,
        }
    }
}

/// Creates a tracker for `key_count` keys (`keys[i]`, UTF-8 of `key_lens[i]` bytes, matched
/// trimmed) of the ticket `query` searches, sending requests to `endpoint`; both are copied.
/// `TAF_RESULT_PAGING_ERROR` when the query has no `ticketCode` or cannot be paged.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation); `keys`
/// and `key_lens` are arrays of `key_count` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_new(
    query: *const taf_get_query,
    endpoint: *const taf_endpoint,
    keys: *const *const c_char,
    key_lens: *const usize,
    key_count: usize,
    out: *mut *mut taf_tracker,
) -> taf_result {
    guard(|| {
        // SAFETY: every pointer follows the pointer rules.
        let (query, endpoint, keys) = unsafe {
            (
                handle::get(query)?,
                handle::get(endpoint)?,
                input::texts(keys, key_lens, key_count)?,
            )
        };
        let follower = Follower {
            tracker: Tracker::new(query.clone(), keys)?,
            endpoint: endpoint.clone(),
        };
        // SAFETY: as above.
        unsafe { handle::give(out, follower) }
    })
}

/// Creates a tracker for the keys a POST accepted: `request_body` is the lote that was sent
/// (its ticket and first branch are searched) and `response` its decoded answer.
/// `TAF_RESULT_DECODE_ERROR` when the body is not a lote, `TAF_RESULT_INVALID_STATE` when the
/// response is not a body.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_from_post(
    request_body: *const u8,
    len: usize,
    response: *const taf_post_response,
    endpoint: *const taf_endpoint,
    out: *mut *mut taf_tracker,
) -> taf_result {
    guard(|| {
        // SAFETY: every pointer follows the pointer rules.
        let (body, response, endpoint) = unsafe {
            (
                input::bytes(request_body, len)?,
                handle::get(response)?,
                handle::get(endpoint)?,
            )
        };
        let request = PostRequest::decode(body)?;
        let follower = Follower {
            tracker: Tracker::from_post(&request, reply::body(response)?)?,
            endpoint: endpoint.clone(),
        };
        // SAFETY: as above.
        unsafe { handle::give(out, follower) }
    })
}

/// Stores the next GET of the current pass at `out` (starting a pass when none is under
/// way); `TAF_RESULT_ABSENT` once every key is terminal.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_next_request(
    tracker: *mut taf_tracker,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        // SAFETY: `tracker` and `out` follow the pointer rules.
        let follower = unsafe { handle::get_mut(tracker) }?;
        if out.is_null() {
            return Err(CallError::bare(taf_result::NullArgument));
        }
        let query = follower
            .tracker
            .next_query()
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { handle::give(out, follower.endpoint.get(&query)) }
    })
}

/// Feeds the answer to the last request. `TAF_RESULT_REPLY_ERROR` for an envelope or a fault
/// (the tracker is unchanged: send the same request again later); `TAF_RESULT_PAGING_ERROR`
/// when the page fails a guard (the pass is abandoned and the next request starts it again).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_handle_response(
    tracker: *mut taf_tracker,
    status: u16,
    body: *const u8,
    len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `tracker` and `body` follow the pointer rules.
        let (follower, body) = unsafe { (handle::get_mut(tracker)?, input::bytes(body, len)?) };
        let page = Reply::<GetPage>::decode(status, body)?
            .into_result()
            .map_err(|error| CallError::new(taf_result::ReplyError, error.to_string()))?;
        Ok(follower.tracker.handle_page(page)?)
    })
}

/// Stores whether every key is terminal at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_is_complete(
    tracker: *const taf_tracker,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: `tracker` and `out` follow the pointer rules.
        let follower = unsafe { handle::get(tracker) }?;
        // SAFETY: as above.
        unsafe { output::set(out, follower.tracker.is_complete()) }
    })
}

/// Stores the state of `key` (matched trimmed) at `out`; `TAF_RESULT_ABSENT` when the key is
/// not tracked.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_key_state(
    tracker: *const taf_tracker,
    key: *const c_char,
    len: usize,
    out: *mut taf_key_state,
) -> taf_result {
    guard(|| {
        // SAFETY: `tracker`, `key` and `out` follow the pointer rules.
        let (follower, key) = unsafe { (handle::get(tracker)?, input::text(key, len)?) };
        let state = follower
            .tracker
            .state(key)
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: as above.
        unsafe { output::set(out, state.into()) }
    })
}

/// Writes the report as JSON: keys still moving, keys done with their outcome, keys missing,
/// and the number of complete passes.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_report_json(
    tracker: *const taf_tracker,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `tracker`, `buf` and `written` follow the pointer rules.
        let follower = unsafe { handle::get(tracker) }?;
        // SAFETY: as above.
        unsafe { output::json(buf, len, written, &follower.tracker.report()) }
    })
}

/// Frees a tracker; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_free(tracker: *mut taf_tracker) {
    // SAFETY: `tracker` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(tracker) });
}

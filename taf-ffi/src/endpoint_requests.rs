//! The POST and DELETE requests an endpoint builds (the paginator and the tracker build the
//! GETs): URL, `Content-Type`, `Accept`, credentials and body, ready for the caller's HTTP stack.

use std::ffi::c_char;

use taf_core::{DeleteRequest, PostRequest};

use crate::endpoint::taf_endpoint;
use crate::error::CallError;
use crate::guard::guard;
use crate::handle;
use crate::input;
use crate::request::taf_http_request;
use crate::result::taf_result;

/// Stores at `out` the POST of a lote body (`body`, sent exactly as given, e.g. from
/// `taf_lote_builder_lote`) to `endpoint`; free it with `taf_http_request_free`. A POST is never
/// sent twice: `taf_status_policy_decide` never answers "retry" to one.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_post_request(
    endpoint: *const taf_endpoint,
    body: *const u8,
    body_len: usize,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        // SAFETY: `endpoint`, `body` and `out` follow the pointer rules.
        let (endpoint, body) = unsafe { (handle::get(endpoint)?, input::bytes(body, body_len)?) };
        let mut request = endpoint.post(&PostRequest::default());
        request.body = body.to_vec();
        // SAFETY: as above.
        unsafe { handle::give(out, request) }
    })
}

/// Stores at `out` the DELETE of `count` whole tickets (`tickets[i]` of `ticket_lens[i]`
/// bytes, UTF-8), routed by `source_branch` (NULL with length 0 for none); free it with
/// `taf_http_request_free`. `TAF_RESULT_INVALID_ARGUMENT` when `count` is 0.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_delete_request(
    endpoint: *const taf_endpoint,
    tickets: *const *const c_char,
    ticket_lens: *const usize,
    count: usize,
    source_branch: *const c_char,
    branch_len: usize,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        // SAFETY: every pointer follows the pointer rules.
        let (endpoint, tickets, branch) = unsafe {
            (
                handle::get(endpoint)?,
                input::texts(tickets, ticket_lens, count)?,
                input::optional_text(source_branch, branch_len)?,
            )
        };
        if tickets.is_empty() {
            return Err(CallError::new(
                taf_result::InvalidArgument,
                "a DELETE names at least one ticket",
            ));
        }
        let request = endpoint.delete(&DeleteRequest::new(tickets), branch);
        // SAFETY: as above.
        unsafe { handle::give(out, request) }
    })
}

//! Allocating text accessors: each `_dup` gives the text of its length-checked twin as a
//! NUL-terminated copy that the caller frees with `taf_string_free`, so a C program needs no
//! size-query-then-fetch. A text holding a NUL byte cannot be given this way
//! (`TAF_RESULT_INVALID_STATE`; use the length-checked getter).

use std::ffi::{CString, c_char};

use crate::delete::{taf_delete_response, taf_delete_response_error_message};
use crate::error::{self, CallError, taf_error_message};
use crate::guard::{guard, quietly};
use crate::item::{
    taf_item, taf_item_description, taf_item_error_code, taf_item_id, taf_item_receipt,
    taf_item_status_code,
};
use crate::live::{taf_live_status, taf_live_status_text};
use crate::live_session::{taf_live_session, taf_live_session_key, taf_live_session_output};
use crate::lote::{taf_lote_builder, taf_lote_builder_lote};
use crate::output;
use crate::page::{taf_get_page, taf_get_page_error_message};
use crate::paginator::{taf_paginator, taf_paginator_cursor_json, taf_paginator_error_code};
use crate::post::{
    taf_post_response, taf_post_response_error_message, taf_post_response_key,
    taf_post_response_ticket_code,
};
use crate::preflight::{
    taf_verdict, taf_verdict_body, taf_verdict_finding_text, taf_verdict_to_json,
};
use crate::query::{taf_get_query, taf_get_query_encode};
use crate::request::{
    taf_http_request, taf_http_request_header_name, taf_http_request_header_value,
    taf_http_request_path, taf_http_request_query, taf_http_request_url,
};
use crate::result::taf_result;
use crate::schema::{
    taf_schema_report, taf_schema_report_finding_text, taf_schema_report_text,
    taf_verdict_finding_schema_text,
};
use crate::tracker::{taf_tracker, taf_tracker_report_json};

/// Fills a caller buffer: `(buf, len, written)` as every length-checked getter takes them.
type Fill<'a> = dyn FnMut(*mut c_char, usize, *mut usize) -> taf_result + 'a;

/// The failure a getter just recorded, or a bare one with its code.
fn recorded(code: taf_result) -> CallError {
    error::last()
        .filter(|failure| failure.code() == code)
        .unwrap_or(CallError::bare(code))
}

/// Asks `fill` for the size, then for the text, and stores a NUL-terminated copy at `out`. The
/// size query's own `TAF_RESULT_BUFFER_TOO_SMALL` is not left as the thread's last failure.
///
/// # Safety
/// `out` must be NULL or valid for a write.
unsafe fn dup(out: *mut *mut c_char, fill: &mut Fill<'_>) -> taf_result {
    guard(|| {
        if out.is_null() {
            return Err(CallError::bare(taf_result::NullArgument));
        }
        let before = error::last();
        let mut needed = 0;
        match fill(std::ptr::null_mut(), 0, &raw mut needed) {
            taf_result::Ok => needed = 0,
            taf_result::BufferTooSmall => error::restore(before),
            code => return Err(recorded(code)),
        }
        let mut text = vec![0_u8; needed];
        let mut written = 0;
        match fill(text.as_mut_ptr().cast(), needed, &raw mut written) {
            taf_result::Ok => text.truncate(written),
            code => return Err(recorded(code)),
        }
        let text = CString::new(text).map_err(|error| {
            CallError::new(
                taf_result::InvalidState,
                format!(
                    "the text holds a NUL byte at {}; use the length-checked getter",
                    error.nul_position()
                ),
            )
        })?;
        // SAFETY: `out` is non-NULL and valid for a write, as the caller guarantees.
        unsafe { output::set(out, text.into_raw()) }
    })
}

/// Frees a string from a `_dup` function; NULL is a no-op.
///
/// Each `_dup` function stores at `out` a NUL-terminated copy of what its length-checked twin
/// writes, and fails as the twin fails (nothing stored). A text holding a NUL byte cannot be a
/// C string: its `_dup` fails with `TAF_RESULT_INVALID_STATE` (read it with the twin).
///
/// # Safety
/// `text` is NULL or a string from a `_dup` function, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_string_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: the string came from `CString::into_raw` in `dup` and is freed once.
        quietly(|| drop(unsafe { CString::from_raw(text) }));
    }
}

/// `taf_error_message` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_error_message_dup(result: u32, out: *mut *mut c_char) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_error_message(result, buf, len, written)
        })
    }
}

/// `taf_lote_builder_lote` (the POST body of lote `index`) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_lote_dup(
    builder: *const taf_lote_builder,
    index: usize,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_lote_builder_lote(builder, index, buf, len, written)
        })
    }
}

/// `taf_verdict_body` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_body_dup(
    verdict: *const taf_verdict,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_verdict_body(verdict, buf, len, written)
        })
    }
}

/// `taf_verdict_to_json` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_to_json_dup(
    verdict: *const taf_verdict,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_verdict_to_json(verdict, buf, len, written)
        })
    }
}

/// `taf_http_request_url` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_url_dup(
    request: *const taf_http_request,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_http_request_url(request, buf, len, written)
        })
    }
}

/// `taf_http_request_header_name` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_header_name_dup(
    request: *const taf_http_request,
    index: usize,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_http_request_header_name(request, index, buf, len, written)
        })
    }
}

/// `taf_http_request_header_value` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_header_value_dup(
    request: *const taf_http_request,
    index: usize,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_http_request_header_value(request, index, buf, len, written)
        })
    }
}

/// `taf_post_response_ticket_code` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_ticket_code_dup(
    response: *const taf_post_response,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_post_response_ticket_code(response, buf, len, written)
        })
    }
}

/// `taf_post_response_key` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_key_dup(
    response: *const taf_post_response,
    index: usize,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_post_response_key(response, index, buf, len, written)
        })
    }
}

/// `taf_post_response_error_message` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_post_response_error_message_dup(
    response: *const taf_post_response,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_post_response_error_message(response, buf, len, written)
        })
    }
}

/// `taf_get_page_error_message` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_page_error_message_dup(
    page: *const taf_get_page,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_get_page_error_message(page, buf, len, written)
        })
    }
}

/// `taf_delete_response_error_message` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_delete_response_error_message_dup(
    response: *const taf_delete_response,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_delete_response_error_message(response, buf, len, written)
        })
    }
}

/// `taf_item_id` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_id_dup(
    item: *const taf_item,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_item_id(item, buf, len, written)
        })
    }
}

/// `taf_item_description` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_description_dup(
    item: *const taf_item,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_item_description(item, buf, len, written)
        })
    }
}

/// `taf_item_status_code` as a NUL-terminated copy (`TAF_RESULT_ABSENT` for items that have none). Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_status_code_dup(
    item: *const taf_item,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_item_status_code(item, buf, len, written)
        })
    }
}

/// `taf_item_error_code` as a NUL-terminated copy (`TAF_RESULT_ABSENT` for items that have none). Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_error_code_dup(
    item: *const taf_item,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_item_error_code(item, buf, len, written)
        })
    }
}

/// `taf_item_receipt` as a NUL-terminated copy (`TAF_RESULT_ABSENT` when there is none). Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_receipt_dup(
    item: *const taf_item,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_item_receipt(item, buf, len, written)
        })
    }
}

/// `taf_paginator_error_code` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_error_code_dup(
    paginator: *const taf_paginator,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_paginator_error_code(paginator, buf, len, written)
        })
    }
}

/// `taf_paginator_cursor_json` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_paginator_cursor_json_dup(
    paginator: *const taf_paginator,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_paginator_cursor_json(paginator, buf, len, written)
        })
    }
}

/// `taf_tracker_report_json` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_tracker_report_json_dup(
    tracker: *const taf_tracker,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_tracker_report_json(tracker, buf, len, written)
        })
    }
}

/// `taf_live_session_key` (the key to keep for the next session) as a NUL-terminated copy.
/// Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_key_dup(
    session: *const taf_live_session,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_live_session_key(session, buf, len, written)
        })
    }
}

/// `taf_live_session_output` (what the finished call gave) as a NUL-terminated copy. Free it
/// with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_output_dup(
    session: *const taf_live_session,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_live_session_output(session, buf, len, written)
        })
    }
}

/// `taf_verdict_finding_text` (a text of finding `index`; `which` is a `taf_finding_text` value) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_text_dup(
    verdict: *const taf_verdict,
    index: usize,
    which: u32,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_verdict_finding_text(verdict, index, which, buf, len, written)
        })
    }
}

/// `taf_verdict_finding_schema_text` (a schema text of finding `index`; `which` is a `taf_schema_finding_text` value) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_schema_text_dup(
    verdict: *const taf_verdict,
    index: usize,
    which: u32,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_verdict_finding_schema_text(verdict, index, which, buf, len, written)
        })
    }
}

/// `taf_schema_report_text` (`which` is a `taf_schema_text` value) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_text_dup(
    report: *const taf_schema_report,
    which: u32,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_schema_report_text(report, which, buf, len, written)
        })
    }
}

/// `taf_schema_report_finding_text` (a text of finding `index`; `which` is a `taf_schema_finding_text` value) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_finding_text_dup(
    report: *const taf_schema_report,
    index: usize,
    which: u32,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_schema_report_finding_text(report, index, which, buf, len, written)
        })
    }
}

/// `taf_get_query_encode` (the query string) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_get_query_encode_dup(
    query: *const taf_get_query,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_get_query_encode(query, buf, len, written)
        })
    }
}

/// `taf_http_request_path` as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_path_dup(
    request: *const taf_http_request,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_http_request_path(request, buf, len, written)
        })
    }
}

/// `taf_http_request_query` (without `?`) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_http_request_query_dup(
    request: *const taf_http_request,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_http_request_query(request, buf, len, written)
        })
    }
}

/// `taf_live_status_text` (a field of item `index`; `field` is a `taf_live_status_field` value) as a NUL-terminated copy. Free it with `taf_string_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_text_dup(
    status: *const taf_live_status,
    index: usize,
    field: u32,
    out: *mut *mut c_char,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules; `dup` passes a valid buffer.
    unsafe {
        dup(out, &mut |buf, len, written| {
            taf_live_status_text(status, index, field, buf, len, written)
        })
    }
}

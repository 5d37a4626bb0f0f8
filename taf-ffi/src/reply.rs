//! What every decoded answer shares: the method's body, a business envelope, or a fault.

use std::ffi::c_char;

use serde::Serialize;
use taf_core::{DecodeError, Reply};

use crate::error::CallError;
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// What a decoded answer holds.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_reply_kind {
    /// The method's body (HTTP 2xx).
    Body = 0,
    /// The request-level business envelope (`coderr` 803 or 811), sent with HTTP 200.
    Envelope = 1,
    /// A fault: 701–705 or any other non-2xx answer.
    Fault = 2,
}

/// The kind of `reply`.
pub(crate) fn kind<T>(reply: &Reply<T>) -> taf_reply_kind {
    match reply {
        Reply::Body(_) => taf_reply_kind::Body,
        Reply::Envelope(_) => taf_reply_kind::Envelope,
        Reply::Fault(_) => taf_reply_kind::Fault,
    }
}

/// The body, or `TAF_RESULT_INVALID_STATE` for an envelope or a fault.
pub(crate) fn body<T>(reply: &Reply<T>) -> Result<&T, CallError> {
    match reply {
        Reply::Body(body) => Ok(body),
        Reply::Envelope(entry) => Err(CallError::new(
            taf_result::InvalidState,
            format!("the answer is the envelope {}, not a body", entry.code),
        )),
        Reply::Fault(fault) => Err(CallError::new(
            taf_result::InvalidState,
            format!("the answer is a fault ({fault}), not a body"),
        )),
    }
}

/// The envelope's `coderr` or the fault's code; absent for a fault without one.
pub(crate) fn error_code<T>(reply: &Reply<T>) -> Result<i64, CallError> {
    match reply {
        Reply::Body(_) => Err(CallError::new(
            taf_result::InvalidState,
            "the answer is a body, not an error",
        )),
        Reply::Envelope(entry) => Ok(i64::from(entry.code)),
        Reply::Fault(fault) => fault.code().ok_or(CallError::bare(taf_result::Absent)),
    }
}

/// The envelope's description, or the fault's message (its raw body when it has no shape).
pub(crate) fn error_message<T>(reply: &Reply<T>) -> Result<&str, CallError> {
    match reply {
        Reply::Body(_) => Err(CallError::new(
            taf_result::InvalidState,
            "the answer is a body, not an error",
        )),
        Reply::Envelope(entry) => Ok(&entry.description),
        Reply::Fault(fault) => Ok(fault.message()),
    }
}

/// Decodes `body` with `decode` and stores the handle at `out`.
///
/// # Safety
/// `body` and `out` follow the pointer rules.
pub(crate) unsafe fn decode<H, T>(
    status: u16,
    body: *const u8,
    len: usize,
    out: *mut *mut H,
    decode: fn(u16, &[u8]) -> Result<Reply<T>, DecodeError>,
) -> Result<(), CallError>
where
    H: Handle<Inner = Reply<T>>,
{
    if out.is_null() {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    // SAFETY: forwarded from the caller.
    let reply = decode(status, unsafe { input::bytes(body, len) }?)?;
    // SAFETY: forwarded from the caller.
    unsafe { handle::give(out, reply) }
}

/// Stores the kind of the reply behind `handle` at `out`.
///
/// # Safety
/// `handle` and `out` follow the pointer rules.
pub(crate) unsafe fn write_kind<H, T>(
    handle: *const H,
    out: *mut taf_reply_kind,
) -> Result<(), CallError>
where
    H: Handle<Inner = Reply<T>>,
{
    // SAFETY: forwarded from the caller.
    unsafe { output::set(out, kind(handle::get(handle)?)) }
}

/// Stores the error code of the reply behind `handle` at `out`.
///
/// # Safety
/// `handle` and `out` follow the pointer rules.
pub(crate) unsafe fn write_error_code<H, T>(
    handle: *const H,
    out: *mut i64,
) -> Result<(), CallError>
where
    H: Handle<Inner = Reply<T>>,
{
    // SAFETY: forwarded from the caller.
    unsafe { output::set(out, error_code(handle::get(handle)?)?) }
}

/// Writes the error message of the reply behind `handle` into the caller's buffer.
///
/// # Safety
/// `handle`, `buf` and `written` follow the pointer rules.
pub(crate) unsafe fn write_error_message<H, T>(
    handle: *const H,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> Result<(), CallError>
where
    H: Handle<Inner = Reply<T>>,
{
    // SAFETY: forwarded from the caller.
    unsafe { output::text(buf, len, written, error_message(handle::get(handle)?)?) }
}

/// Writes the canonical JSON of the reply behind `handle` into the caller's buffer.
///
/// # Safety
/// `handle`, `buf` and `written` follow the pointer rules.
pub(crate) unsafe fn write_json<H, T>(
    handle: *const H,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> Result<(), CallError>
where
    H: Handle<Inner = Reply<T>>,
    T: Serialize,
{
    // SAFETY: forwarded from the caller.
    unsafe { output::json(buf, len, written, handle::get(handle)?) }
}

//! The Totvs Live session (live-core's sans-IO state machine): fetch a key, send, renew the key
//! once when the connector refuses it, judge by fault before HTTP status. The C caller does the
//! HTTP.
//!
//! The drive loop: `taf_live_session_start`, then repeat `taf_live_session_poll`: on
//! `TAF_LIVE_STEP_SEND` send the request it gave (then free it) and feed the answer to
//! `taf_live_session_answer`; stop at `TAF_LIVE_STEP_FINISHED`, then read the call's result
//! with `taf_live_session_result` and its value with `taf_live_session_output`.

use std::ffi::c_char;

use live_core::request::{Identification, Login, StoresQuery};
use live_core::session::{Call, Finished, Outcome, Output, Session};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::live::{http_request, json, live_failure};
use crate::request::taf_http_request;
use crate::result::taf_result;
use crate::{input, output};

/// A Live session: the endpoint, the satellite code, the key and the login, the call in
/// progress and the end of the last one. It fetches a key when it has none, and a new one
/// (once) when the connector refuses it; the caller does the HTTP. Drive loop:
/// `taf_live_session_start`, then `taf_live_session_poll` until `TAF_LIVE_STEP_FINISHED`,
/// sending each request it gives (then freeing it) and feeding the answer to
/// `taf_live_session_answer`; then `taf_live_session_result` and `taf_live_session_output`.
pub struct taf_live_session {
    _private: [u8; 0],
}

/// What a session handle holds.
pub(crate) struct LiveSession {
    session: Session,
    satellite: String,
    finished: Option<Finished>,
}

impl Handle for taf_live_session {
    type Inner = LiveSession;
}

/// What the session asks of its driver next.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_live_step {
    /// Send the request `taf_live_session_poll` gave and feed its answer.
    Send = 0,
    /// The call ended: read it with `taf_live_session_result` and `taf_live_session_output`.
    Finished = 1,
    /// Nothing to do: an answer is awaited, or no call was started.
    Waiting = 2,
}

/// The text at `(ptr, len)`, `None` when NULL with length 0 or empty.
///
/// # Safety
/// As `input::text`.
unsafe fn optional_text(ptr: *const c_char, len: usize) -> Result<Option<String>, CallError> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    let text = unsafe { input::text(ptr, len) }?;
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// Creates a session for the endpoint `url` and the satellite `satellite`, starting with `key`
/// (NULL or empty: none) and able to fetch keys with `user` and `password` (`user` NULL or
/// empty: no login). Free it with `taf_live_session_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_new(
    url: *const c_char,
    url_len: usize,
    satellite: *const c_char,
    satellite_len: usize,
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
    key: *const c_char,
    key_len: usize,
    out: *mut *mut taf_live_session,
) -> taf_result {
    guard(|| {
        // SAFETY: the inputs follow the pointer rules.
        let (url, satellite, user, password, key) = unsafe {
            (
                input::text(url, url_len)?,
                input::text(satellite, satellite_len)?,
                optional_text(user, user_len)?,
                optional_text(password, password_len)?,
                optional_text(key, key_len)?,
            )
        };
        let login = user.map(|usuario| Login {
            codigo_sistema_satelite: satellite.to_owned(),
            usuario,
            senha: password.unwrap_or_default(),
        });
        let session = LiveSession {
            session: Session::new(url, login, key),
            satellite: satellite.to_owned(),
            finished: None,
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, session) }
    })
}

/// Starts a call, abandoning any call in progress: `operation` is a `taf_live_operation`
/// value; `ticket` is the `NumeroTicket` of the status and confirm calls (ignored otherwise);
/// `all_stores` the stores call's `retornaTodasLojas`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_start(
    session: *mut taf_live_session,
    operation: u32,
    ticket: *const c_char,
    ticket_len: usize,
    all_stores: bool,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (inner, ticket) =
            unsafe { (handle::get_mut(session)?, input::text(ticket, ticket_len)?) };
        let satellite = inner.satellite.as_str();
        let call = match operation {
            0 => Call::AccessKey,
            1 => Call::ticket_status(satellite, ticket),
            2 => Call::Stores(
                StoresQuery::new(Identification::new(satellite)).with_all_stores(all_stores),
            ),
            3 => Call::customers(Identification::new(satellite)),
            4 => Call::confirm_ticket(satellite, ticket),
            other => {
                return Err(CallError::new(
                    taf_result::InvalidArgument,
                    format!("{other} is not a taf_live_operation"),
                ));
            }
        };
        inner.finished = None;
        inner.session.start(call);
        Ok(())
    })
}

/// Stores the next step at `step`; on `TAF_LIVE_STEP_SEND` stores the request to send at
/// `request` (free it with `taf_http_request_free`), otherwise NULL.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_poll(
    session: *mut taf_live_session,
    step: *mut taf_live_step,
    request: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let inner = unsafe { handle::get_mut(session) }?;
        if step.is_null() || request.is_null() {
            return Err(CallError::bare(taf_result::NullArgument));
        }
        let (next, outgoing) = match inner.session.poll_output() {
            Some(Output::Transmit(live)) => (taf_live_step::Send, Some(http_request(live)?)),
            Some(Output::Finished(finished)) => {
                inner.finished = Some(finished);
                (taf_live_step::Finished, None)
            }
            None => (taf_live_step::Waiting, None),
            Some(other) => {
                return Err(CallError::new(
                    taf_result::InvalidState,
                    format!("a session output this library does not know: {other:?}"),
                ));
            }
        };
        // SAFETY: `step` and `request` are non-NULL and writable (pointer rules).
        unsafe {
            output::set(step, next)?;
            match outgoing {
                Some(outgoing) => handle::give(request, outgoing),
                None => output::set(request, std::ptr::null_mut()),
            }
        }
    })
}

/// Feeds the answer (HTTP status and body) to the request last polled;
/// `TAF_RESULT_INVALID_STATE` when no request is waiting for one.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_answer(
    session: *mut taf_live_session,
    status: u16,
    body: *const u8,
    body_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (inner, body) = unsafe { (handle::get_mut(session)?, input::bytes(body, body_len)?) };
        inner
            .session
            .handle_response(status, body.to_vec())
            .map_err(|error| live_failure(&error))
    })
}

/// The finished call, or `TAF_RESULT_INVALID_STATE` before one.
fn finished(session: &LiveSession) -> Result<&Finished, CallError> {
    session.finished.as_ref().ok_or_else(|| {
        CallError::new(
            taf_result::InvalidState,
            "no call has finished: poll until TAF_LIVE_STEP_FINISHED",
        )
    })
}

/// The result of the finished call: `TAF_RESULT_OK`, or why it gave nothing
/// (`TAF_RESULT_INVALID_ACCESS_KEY` after the renewal failed or without a login,
/// `TAF_RESULT_LIVE_FAULT` for a fault, an unusable answer or an HTTP failure,
/// `TAF_RESULT_DECODE_ERROR`, `TAF_RESULT_INVALID_ARGUMENT` for ticket "0",
/// `TAF_RESULT_INVALID_STATE` without a key and a login); `taf_error_message` explains it.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_result(session: *const taf_live_session) -> taf_result {
    guard(|| {
        // SAFETY: `session` follows the pointer rules.
        let finished = finished(unsafe { handle::get(session) }?)?;
        finished.result.as_ref().map(|_| ()).map_err(live_failure)
    })
}

/// Writes what the finished call gave: the key (access key), the status items or the ticket
/// as JSON (as `taf_live_parse` writes them), or nothing (confirm); the call's failure when it
/// gave nothing.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_output(
    session: *const taf_live_session,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `session` follows the pointer rules.
        let finished = finished(unsafe { handle::get(session) }?)?;
        let text = match finished.result.as_ref().map_err(live_failure)? {
            Outcome::Key(key) => key.clone(),
            Outcome::Status(items) => json(items)?,
            Outcome::Ticket(ticket) => json(ticket)?,
            _ => String::new(),
        };
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &text) }
    })
}

/// Stores at `out` whether the finished call fetched a new key because the connector refused
/// the previous one.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_renewed(
    session: *const taf_live_session,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let finished = finished(unsafe { handle::get(session) }?)?;
        // SAFETY: as above.
        unsafe { output::set(out, finished.renewed) }
    })
}

/// Writes the key the session holds (to keep for the next session); `TAF_RESULT_ABSENT` when
/// it has none (never fetched, or refused).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_key(
    session: *const taf_live_session,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `session` follows the pointer rules.
        let inner = unsafe { handle::get(session) }?;
        let key = inner
            .session
            .key()
            .ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, key) }
    })
}

/// Frees a session; NULL is a no-op.
///
/// # Safety
/// `session` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_session_free(session: *mut taf_live_session) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(session) });
}

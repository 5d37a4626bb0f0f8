//! `taf_status_policy`: what to do with an answer (done, retry after a delay, log in again, or
//! give up), with the caller's clock and randomness.

use std::time::{Duration, SystemTime};

use taf_core::{
    Action, Attempt, DeleteResponse, GetPage, PostResponse, RequestError, StatusPolicy,
};
use taf_core::{HttpResponse, Method};

use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::output;
use crate::request::taf_method;
use crate::response::taf_http_response;
use crate::result::taf_result;

/// Retry limits: capped exponential backoff with jitter, a bound on attempts and on
/// `Retry-After`.
pub struct taf_status_policy {
    _private: [u8; 0],
}

impl Handle for taf_status_policy {
    type Inner = StatusPolicy;
}

/// The decision for one answer.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_action {
    /// The method's body came back: the request is done.
    Done = 0,
    /// Send the same request again after `delay_ms`.
    Retry = 1,
    /// HTTP 401: log in again, then send the request again as the next attempt.
    Reauthenticate = 2,
    /// Give up; `reason` says why.
    Fail = 3,
}

/// Why a request failed for good (`TAF_REQUEST_ERROR_NONE` unless the action is `FAIL`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_request_error {
    /// The action is not `FAIL`.
    None = 0,
    /// An HTTP 200 business envelope (803, 811).
    Rejected = 1,
    /// Fault 701, 703, 704 or 705: the request itself is wrong.
    InvalidRequest = 2,
    /// HTTP 400.
    BadRequest = 3,
    /// HTTP 401 on the last attempt.
    Unauthorized = 4,
    /// HTTP 403, or 503 ("no permission" in TOTVS REST services).
    NoPermission = 5,
    /// HTTP 422.
    Unprocessable = 6,
    /// A status the service does not use.
    UnexpectedStatus = 7,
    /// `Retry-After` asked for longer than the policy allows.
    WaitTooLong = 8,
    /// A temporary failure lasted for every allowed attempt.
    RetriesExhausted = 9,
    /// A failure this version of the library does not name.
    Other = 10,
}

impl taf_action {
    /// The action's name, as the ADVPL bridge reports it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Retry => "retry",
            Self::Reauthenticate => "reauthenticate",
            Self::Fail => "fail",
        }
    }
}

impl taf_request_error {
    /// The reason's stable code (the core's `RequestError::code`), or `None`.
    pub(crate) fn name(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::Rejected => Some("rejected"),
            Self::InvalidRequest => Some("invalid_request"),
            Self::BadRequest => Some("bad_request"),
            Self::Unauthorized => Some("unauthorized"),
            Self::NoPermission => Some("no_permission"),
            Self::Unprocessable => Some("unprocessable"),
            Self::UnexpectedStatus => Some("unexpected_status"),
            Self::WaitTooLong => Some("wait_too_long"),
            Self::RetriesExhausted => Some("retries_exhausted"),
            Self::Other => Some("other"),
        }
    }
}

impl From<&RequestError> for taf_request_error {
    fn from(error: &RequestError) -> Self {
        match error {
            RequestError::Rejected(_) => Self::Rejected,
            RequestError::InvalidRequest(_) => Self::InvalidRequest,
            RequestError::BadRequest(_) => Self::BadRequest,
            RequestError::Unauthorized(_) => Self::Unauthorized,
            RequestError::NoPermission(_) => Self::NoPermission,
            RequestError::Unprocessable(_) => Self::Unprocessable,
            RequestError::UnexpectedStatus(_) => Self::UnexpectedStatus,
            RequestError::WaitTooLong { .. } => Self::WaitTooLong,
            RequestError::RetriesExhausted { .. } => Self::RetriesExhausted,
            _ => Self::Other,
        }
    }
}

/// What `taf_status_policy_decide` decided.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct taf_decision {
    /// What to do.
    pub action: taf_action,
    /// For `RETRY`, how long to wait in milliseconds (`Retry-After` when the server sent one);
    /// 0 otherwise.
    pub delay_ms: u64,
    /// For `FAIL`, why.
    pub reason: taf_request_error,
}

impl<T> From<Action<T>> for taf_decision {
    fn from(action: Action<T>) -> Self {
        let (action, delay, reason) = match action {
            Action::Done(_) => (taf_action::Done, Duration::ZERO, taf_request_error::None),
            Action::Retry { delay, .. } => (taf_action::Retry, delay, taf_request_error::None),
            Action::Reauthenticate(_) => (
                taf_action::Reauthenticate,
                Duration::ZERO,
                taf_request_error::None,
            ),
            Action::Fail(error) => (taf_action::Fail, Duration::ZERO, (&error).into()),
        };
        Self {
            action,
            delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            reason,
        }
    }
}

/// Runs `apply` on the policy behind `policy`.
///
/// # Safety
/// `policy` follows the pointer rules.
unsafe fn update(
    policy: *mut taf_status_policy,
    apply: impl FnOnce(&mut StatusPolicy),
) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        apply(unsafe { handle::get_mut(policy) }?);
        Ok(())
    })
}

/// Creates the default policy (1 s doubling up to 60 s, 6 attempts, `Retry-After` up to
/// 10 minutes); free it with `taf_status_policy_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_new(out: *mut *mut taf_status_policy) -> taf_result {
    // SAFETY: `out` follows the pointer rules.
    guard(|| unsafe { handle::give(out, StatusPolicy::default()) })
}

/// Sets the number of attempts in all, the first send included (0 counts as 1).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_set_max_attempts(
    policy: *mut taf_status_policy,
    attempts: u32,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(policy, |p| p.max_attempts = attempts) }
}

/// Sets the backoff before the first retry, in milliseconds (doubled for each later one).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_set_base_delay_ms(
    policy: *mut taf_status_policy,
    millis: u64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(policy, |p| p.base_delay = Duration::from_millis(millis)) }
}

/// Sets the cap of the backoff, in milliseconds.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_set_max_delay_ms(
    policy: *mut taf_status_policy,
    millis: u64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { update(policy, |p| p.max_delay = Duration::from_millis(millis)) }
}

/// Sets the longest `Retry-After` to honour, in milliseconds.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_set_max_retry_after_ms(
    policy: *mut taf_status_policy,
    millis: u64,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        update(policy, |p| {
            p.max_retry_after = Duration::from_millis(millis);
        })
    }
}

/// Decides what to do with `response`, the answer to attempt `attempt` (1 for the first send)
/// of a request of `method` (a `taf_method` value). `now_unix_ms` is the caller's clock (for a
/// `Retry-After` date) and `random` any random number (for the jitter). A business envelope
/// or a fault's own code wins over the HTTP status. `TAF_RESULT_DECODE_ERROR` when a 2xx body
/// is not the method's body.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_decide(
    policy: *const taf_status_policy,
    method: u32,
    response: *const taf_http_response,
    now_unix_ms: u64,
    attempt: u32,
    random: u64,
    out: *mut taf_decision,
) -> taf_result {
    guard(|| {
        let method = taf_method::from_number(method)?;
        // SAFETY: `policy`, `response` and `out` follow the pointer rules.
        let (policy, response) = unsafe { (handle::get(policy)?, handle::get(response)?) };
        let now = SystemTime::UNIX_EPOCH + Duration::from_millis(now_unix_ms);
        let attempt = Attempt {
            number: attempt,
            now,
            random,
        };
        let decision = decide(policy, method, response, attempt)?;
        // SAFETY: as above.
        unsafe { output::set(out, decision) }
    })
}

/// The policy's decision on `response` decoded as the answer to `method`.
pub(crate) fn decide(
    policy: &StatusPolicy,
    method: Method,
    response: &HttpResponse,
    attempt: Attempt,
) -> Result<taf_decision, taf_core::DecodeError> {
    let retry_after = response.retry_after(attempt.now);
    Ok(match method {
        Method::Get => policy
            .decide(response.reply::<GetPage>()?, retry_after, attempt)
            .into(),
        Method::Post => policy
            .decide(response.reply::<PostResponse>()?, retry_after, attempt)
            .into(),
        Method::Delete => policy
            .decide(response.reply::<DeleteResponse>()?, retry_after, attempt)
            .into(),
    })
}

/// Frees a policy; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_status_policy_free(policy: *mut taf_status_policy) {
    // SAFETY: `policy` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(policy) });
}

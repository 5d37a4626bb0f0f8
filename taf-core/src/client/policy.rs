//! What to do with an answer: done, retry later, log in again, or give up (sans-IO).
//!
//! The rules follow the TOTVS REST conventions (200/201 success, 400 and 422 final, 401 log in
//! again, 409 retry, 429 rate limit, 500 temporary, 503 no permission) and the WSTAFST2
//! specifics (spec §2.2, §7 quirk 6): the HTTP 200 envelopes 803/811 are final errors; faults
//! 701, 703, 704 and 705 are the caller's mistakes and never retried; 702 (a table could not be
//! opened) is temporary. A fault's own code wins over its HTTP status.
//!
//! Only idempotent methods (GET, DELETE) are ever retried. A POST is never sent again by the
//! policy: a failure that may come after the server stored some items (a raw 500, 502, 504)
//! ends in [`RequestError::OutcomeUnknown`], and the caller finds out what was stored with a GET
//! ([`UnknownOutcome`](crate::UnknownOutcome)); a failure that stored nothing (702, 408, 429)
//! ends in [`RequestError::NotStored`].

use std::time::{Duration, SystemTime};

use crate::catalog::FaultCode;
use crate::wire::Fault;
use crate::wire::ReplyBody;
use crate::wire::{ErrorEntry, Reply};

/// One try of a request: its number (1 for the first send), the caller's clock and a random
/// number for the jitter. The policy reads no clock and draws no randomness of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first send, 2 for the first retry, ...
    pub number: u32,
    /// The current time.
    pub now: SystemTime,
    /// Any random number; spreads retries of many clients over the second half of the backoff.
    pub random: u64,
}

impl Attempt {
    /// The first send at `now`.
    pub fn first(now: SystemTime, random: u64) -> Self {
        Self {
            number: 1,
            now,
            random,
        }
    }

    /// The next try, at `now` with a new random number.
    #[must_use]
    pub fn next(self, now: SystemTime, random: u64) -> Self {
        Self {
            number: self.number.saturating_add(1),
            now,
            random,
        }
    }
}

/// The decision for one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<T> {
    /// The method's body: the request is done.
    Done(T),
    /// Send the same request again after `delay`, that is at `at`.
    Retry {
        /// How long to wait.
        delay: Duration,
        /// `now + delay`.
        at: SystemTime,
        /// The answer that caused the retry.
        cause: Fault,
    },
    /// The server refused the credentials (401): log in again (new credentials or token), then
    /// send the request again as the next attempt.
    Reauthenticate(Fault),
    /// Give up.
    Fail(RequestError),
}

/// Why a request failed for good. [`RequestError::code`] gives a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// An HTTP 200 business envelope (803 unknown branch, 811 branch not found in the body).
    #[error("the server rejected the request with {}: {}", .0.code, .0.description)]
    Rejected(ErrorEntry),
    /// Fault 701, 703, 704 or 705: the request itself is wrong; sending it again cannot help.
    #[error("invalid request: {0}")]
    InvalidRequest(Fault),
    /// HTTP 400.
    #[error("bad request: {0}")]
    BadRequest(Fault),
    /// HTTP 401 on every attempt, even after logging in again.
    #[error("not authorized: {0}")]
    Unauthorized(Fault),
    /// HTTP 403, or 503 which TOTVS REST services use for "no permission".
    #[error("no permission: {0}")]
    NoPermission(Fault),
    /// HTTP 422.
    #[error("unprocessable request: {0}")]
    Unprocessable(Fault),
    /// A status the service does not use (1xx, 3xx, other 4xx, 501, 505 and up).
    #[error("unexpected answer: {0}")]
    UnexpectedStatus(Fault),
    /// The server asked to wait (`Retry-After`) longer than [`StatusPolicy::max_retry_after`].
    #[error("the server asked to wait {retry_after:?}, more than allowed: {fault}")]
    WaitTooLong {
        /// What the server asked for.
        retry_after: Duration,
        /// The answer.
        fault: Fault,
    },
    /// A POST failed in a way that may come after the server stored some of its items (a raw
    /// HTTP 500, 502 or 504: the worker may have crashed half-way). It is never sent again by
    /// the policy; find out which keys were stored with
    /// [`UnknownOutcome`](crate::UnknownOutcome) before sending anything again.
    #[error("the outcome of the POST is unknown (some items may be stored): {0}")]
    OutcomeUnknown(Fault),
    /// A POST failed temporarily before anything was stored (fault 702, HTTP 408 or 429). The
    /// policy never sends a POST again by itself; sending the same lote later is safe.
    #[error("the POST was not stored (temporary failure): {0}")]
    NotStored(Fault),
    /// A temporary failure that lasted for every allowed attempt.
    #[error("gave up after {attempts} attempts: {last}")]
    RetriesExhausted {
        /// How many attempts were made.
        attempts: u32,
        /// The last answer.
        last: Fault,
    },
}

impl RequestError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Rejected(_) => "rejected",
            Self::InvalidRequest(_) => "invalid_request",
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::NoPermission(_) => "no_permission",
            Self::Unprocessable(_) => "unprocessable",
            Self::UnexpectedStatus(_) => "unexpected_status",
            Self::WaitTooLong { .. } => "wait_too_long",
            Self::OutcomeUnknown(_) => "outcome_unknown",
            Self::NotStored(_) => "not_stored",
            Self::RetriesExhausted { .. } => "retries_exhausted",
        }
    }
}

/// Retry limits: capped exponential backoff with equal jitter, a bound on attempts and on how
/// long a `Retry-After` may ask to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusPolicy {
    /// Backoff before the first retry (doubled for each later one).
    pub base_delay: Duration,
    /// Cap of the backoff.
    pub max_delay: Duration,
    /// Attempts in all, the first send included (at least 1).
    pub max_attempts: u32,
    /// Longest `Retry-After` to honour; a longer one fails with [`RequestError::WaitTooLong`].
    pub max_retry_after: Duration,
}

impl Default for StatusPolicy {
    /// 1 s doubling up to 60 s, 6 attempts, `Retry-After` up to 10 minutes.
    fn default() -> Self {
        Self {
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_mins(1),
            max_attempts: 6,
            max_retry_after: Duration::from_mins(10),
        }
    }
}

/// What a status means before attempts are counted.
enum Class {
    Retry,
    Reauthenticate,
    Fail(fn(Fault) -> RequestError),
}

impl StatusPolicy {
    /// Decides what to do with `reply`, the decoded answer to attempt `attempt`.
    /// `retry_after` is the server's `Retry-After` (see
    /// [`HttpResponse::retry_after`](crate::wire::http::HttpResponse::retry_after)); it replaces the
    /// backoff of any retry. The body type tells the method: a POST ([`crate::PostResponse`])
    /// is never retried.
    pub fn decide<T: ReplyBody>(
        &self,
        reply: Reply<T>,
        retry_after: Option<Duration>,
        attempt: Attempt,
    ) -> Action<T> {
        let fault = match reply {
            Reply::Body(body) => return Action::Done(body),
            Reply::Envelope(entry) => return Action::Fail(RequestError::Rejected(entry)),
            Reply::Fault(fault) => fault,
        };
        let last_attempt = attempt.number >= self.max_attempts;
        let class = classify(&fault);
        if matches!(class, Class::Retry) && !T::METHOD.is_idempotent() {
            return Action::Fail(if stored_nothing(&fault) {
                RequestError::NotStored(fault)
            } else {
                RequestError::OutcomeUnknown(fault)
            });
        }
        match class {
            Class::Fail(error) => Action::Fail(error(fault)),
            Class::Reauthenticate if last_attempt => {
                Action::Fail(RequestError::Unauthorized(fault))
            }
            Class::Reauthenticate => Action::Reauthenticate(fault),
            Class::Retry if last_attempt => Action::Fail(RequestError::RetriesExhausted {
                attempts: attempt.number,
                last: fault,
            }),
            Class::Retry => match retry_after {
                Some(wait) if wait > self.max_retry_after => {
                    Action::Fail(RequestError::WaitTooLong {
                        retry_after: wait,
                        fault,
                    })
                }
                Some(wait) => retry(wait, attempt.now, fault),
                None => retry(self.backoff(attempt), attempt.now, fault),
            },
        }
    }

    /// The backoff after attempt `attempt.number`: `base × 2^(n−1)` capped at `max_delay`,
    /// then equal jitter: half of it plus a random part of the other half.
    pub fn backoff(&self, attempt: Attempt) -> Duration {
        let exponent = attempt.number.saturating_sub(1);
        let factor = 2_u32.checked_pow(exponent).unwrap_or(u32::MAX);
        let capped = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let half = capped / 2;
        let spread = u64::try_from(capped.saturating_sub(half).as_nanos()).unwrap_or(u64::MAX);
        let jitter = attempt
            .random
            .checked_rem(spread.saturating_add(1))
            .unwrap_or(0);
        half + Duration::from_nanos(jitter)
    }
}

fn retry<T>(delay: Duration, now: SystemTime, cause: Fault) -> Action<T> {
    Action::Retry {
        delay,
        at: now.checked_add(delay).unwrap_or(now),
        cause,
    }
}

/// Whether a temporary failure certainly came before the server stored anything: 702 (TAFST2
/// could not be opened), 408 (the request was not read) or 429 (the request was not served).
fn stored_nothing(fault: &Fault) -> bool {
    match fault.fault_code() {
        Some(code) => code == FaultCode::TableUnavailable,
        None => matches!(fault.status, 408 | 429),
    }
}

fn classify(fault: &Fault) -> Class {
    if let Some(code) = fault.fault_code() {
        return if code.is_retryable() {
            Class::Retry
        } else {
            Class::Fail(RequestError::InvalidRequest)
        };
    }
    match fault.status {
        401 => Class::Reauthenticate,
        408 | 409 | 429 | 500 | 502 | 504 => Class::Retry,
        400 => Class::Fail(RequestError::BadRequest),
        403 | 503 => Class::Fail(RequestError::NoPermission),
        422 => Class::Fail(RequestError::Unprocessable),
        _ => Class::Fail(RequestError::UnexpectedStatus),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(number: u32, random: u64) -> Attempt {
        Attempt {
            number,
            now: SystemTime::UNIX_EPOCH,
            random,
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_bounded_jitter() {
        let policy = StatusPolicy::default();
        assert_eq!(policy.backoff(at(1, 0)), Duration::from_millis(500));
        assert_eq!(
            policy.backoff(at(1, u64::MAX)),
            Duration::from_millis(500) + Duration::from_nanos(u64::MAX % 500_000_001)
        );
        assert_eq!(policy.backoff(at(3, 0)), Duration::from_secs(2));
        assert_eq!(policy.backoff(at(40, 0)), Duration::from_secs(30));
        assert_eq!(
            policy.backoff(at(40, 30_000_000_000)),
            Duration::from_mins(1)
        );
        assert_eq!(policy.backoff(at(0, 0)), Duration::from_millis(500));
    }
}

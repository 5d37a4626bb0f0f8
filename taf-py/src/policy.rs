//! The core's status policy: what to do with an answer (done, retry, log in again, give up).

use std::time::{Duration, SystemTime};

use pyo3::prelude::*;
use taf_core::{
    Action, Attempt, DeleteResponse, ErrorEntry, Fault, GetPage, PostResponse, RequestError,
    StatusPolicy,
};
use taf_core::{HttpResponse, Method, ReplyBody};

use crate::errors::{decode_error, invalid_argument, raise};
use crate::page::PyGetPage;
use crate::reply::{PyDeleteResponse, PyErrorEntry, PyFault, PyPostResponse};

/// A method's body type and the Python object it becomes.
trait PyBody: ReplyBody {
    fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

impl PyBody for GetPage {
    fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyGetPage::from(self))?.into_any())
    }
}

impl PyBody for PostResponse {
    fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyPostResponse::from(self))?.into_any())
    }
}

impl PyBody for DeleteResponse {
    fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyDeleteResponse::from(self))?.into_any())
    }
}

/// The policy's decision on one answer.
#[pyclass(name = "Decision", module = "totvs_taf", frozen)]
pub(crate) struct PyDecision {
    /// `"done"`, `"retry"`, `"reauthenticate"` or `"fail"`.
    #[pyo3(get)]
    action: &'static str,
    /// The method's body (`GetPage`, `PostResponse`, `DeleteResponse`) when done.
    #[pyo3(get)]
    value: Option<Py<PyAny>>,
    /// Seconds to wait before sending the same request again (retry).
    #[pyo3(get)]
    delay: Option<f64>,
    /// The fault that caused a retry or asks to log in again.
    #[pyo3(get)]
    fault: Option<Py<PyFault>>,
    /// The `RequestError` to raise when giving up (fail; reauthenticate for a caller whose
    /// credentials cannot change).
    #[pyo3(get)]
    error: Option<Py<PyAny>>,
}

#[pymethods]
impl PyDecision {
    fn __repr__(&self) -> String {
        match self.delay {
            Some(delay) => format!("Decision({:?}, delay={delay:.3})", self.action),
            None => format!("Decision({:?})", self.action),
        }
    }
}

/// Retry limits: capped exponential backoff with equal jitter, attempts in all (the first send
/// included) and the longest `Retry-After` honoured; durations in seconds. `decide` applies the
/// rules of the core (TOTVS REST statuses, faults 701–705, HTTP 200 envelopes); a POST is
/// never retried.
#[pyclass(name = "StatusPolicy", module = "totvs_taf", frozen)]
pub(crate) struct PyStatusPolicy(StatusPolicy);

fn seconds(py: Python<'_>, field: &str, value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        invalid_argument(
            py,
            field,
            format!("{field} must be a number of seconds ≥ 0, not {value}"),
        )
    })
}

/// The `RequestError` exception for a failure, with its fault or envelope attached.
fn request_error(py: Python<'_>, error: &RequestError) -> PyResult<Py<PyAny>> {
    let (fault, entry): (Option<&Fault>, Option<&ErrorEntry>) = match error {
        RequestError::Rejected(entry) => (None, Some(entry)),
        RequestError::InvalidRequest(fault)
        | RequestError::BadRequest(fault)
        | RequestError::Unauthorized(fault)
        | RequestError::NoPermission(fault)
        | RequestError::Unprocessable(fault)
        | RequestError::UnexpectedStatus(fault)
        | RequestError::OutcomeUnknown(fault)
        | RequestError::NotStored(fault)
        | RequestError::WaitTooLong { fault, .. }
        | RequestError::RetriesExhausted { last: fault, .. } => (Some(fault), None),
        _ => (None, None),
    };
    let exception = raise(
        py,
        "RequestError",
        error.to_string(),
        error.code(),
        "",
        None,
    )
    .into_value(py);
    let instance = exception.bind(py);
    instance.setattr("status", fault.map_or(200, |fault| fault.status))?;
    instance.setattr(
        "fault",
        fault
            .map(|fault| Py::new(py, PyFault::from(fault.clone())))
            .transpose()?,
    )?;
    instance.setattr(
        "entry",
        entry
            .map(|entry| Py::new(py, PyErrorEntry::from(entry.clone())))
            .transpose()?,
    )?;
    Ok(exception.into_any())
}

impl PyStatusPolicy {
    fn decide_as<T: PyBody>(
        &self,
        py: Python<'_>,
        response: &HttpResponse,
        attempt: Attempt,
    ) -> PyResult<PyDecision> {
        let reply = response
            .reply::<T>()
            .map_err(|error| decode_error(py, &error))?;
        let mut decision = PyDecision {
            action: "done",
            value: None,
            delay: None,
            fault: None,
            error: None,
        };
        match self
            .0
            .decide(reply, response.retry_after(attempt.now), attempt)
        {
            Action::Done(body) => decision.value = Some(body.into_py(py)?),
            Action::Retry { delay, cause, .. } => {
                decision.action = "retry";
                decision.delay = Some(delay.as_secs_f64());
                decision.fault = Some(Py::new(py, PyFault::from(cause))?);
            }
            Action::Reauthenticate(fault) => {
                decision.action = "reauthenticate";
                decision.error = Some(request_error(
                    py,
                    &RequestError::Unauthorized(fault.clone()),
                )?);
                decision.fault = Some(Py::new(py, PyFault::from(fault))?);
            }
            Action::Fail(error) => {
                decision.action = "fail";
                decision.error = Some(request_error(py, &error)?);
            }
        }
        Ok(decision)
    }
}

#[pymethods]
impl PyStatusPolicy {
    #[new]
    #[pyo3(signature = (*, base_delay=1.0, max_delay=60.0, max_attempts=6, max_retry_after=600.0))]
    fn new(
        py: Python<'_>,
        base_delay: f64,
        max_delay: f64,
        max_attempts: u32,
        max_retry_after: f64,
    ) -> PyResult<Self> {
        if max_attempts == 0 {
            return Err(invalid_argument(
                py,
                "max_attempts",
                "max_attempts counts the first send: at least 1".to_owned(),
            ));
        }
        Ok(Self({
            let mut set_up = StatusPolicy::default();
            set_up.base_delay = seconds(py, "base_delay", base_delay)?;
            set_up.max_delay = seconds(py, "max_delay", max_delay)?;
            set_up.max_attempts = max_attempts;
            set_up.max_retry_after = seconds(py, "max_retry_after", max_retry_after)?;
            set_up
        }))
    }

    /// Backoff before the first retry, in seconds (doubled for each later one).
    #[getter]
    fn base_delay(&self) -> f64 {
        self.0.base_delay.as_secs_f64()
    }

    /// Cap of the backoff, in seconds.
    #[getter]
    fn max_delay(&self) -> f64 {
        self.0.max_delay.as_secs_f64()
    }

    /// Attempts in all, the first send included.
    #[getter]
    fn max_attempts(&self) -> u32 {
        self.0.max_attempts
    }

    /// Longest `Retry-After` honoured, in seconds.
    #[getter]
    fn max_retry_after(&self) -> f64 {
        self.0.max_retry_after.as_secs_f64()
    }

    /// Decides what to do with the answer (`status`, `body`, the `Retry-After` header if any)
    /// to attempt number `attempt` (1 for the first send) of a `method` request. `random` is
    /// any random number (it spreads the retries of many clients); `now` is Unix seconds, the
    /// current time by default. Raises `DecodeError` for a body that cannot be read.
    #[pyo3(signature = (method, status, body, *, attempt=1, retry_after=None, random=0, now=None))]
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        py: Python<'_>,
        method: &str,
        status: u16,
        body: &[u8],
        attempt: u32,
        retry_after: Option<&str>,
        random: u64,
        now: Option<f64>,
    ) -> PyResult<PyDecision> {
        let now = match now {
            Some(now) => SystemTime::UNIX_EPOCH + seconds(py, "now", now)?,
            None => SystemTime::now(),
        };
        let mut response = HttpResponse::new(status, body);
        if let Some(value) = retry_after {
            response.headers.insert("Retry-After", value);
        }
        let attempt = Attempt {
            number: attempt.max(1),
            now,
            random,
        };
        match Method::from_name(&method.to_ascii_uppercase()) {
            Some(Method::Get) => self.decide_as::<GetPage>(py, &response, attempt),
            Some(Method::Post) => self.decide_as::<PostResponse>(py, &response, attempt),
            Some(Method::Delete) => self.decide_as::<DeleteResponse>(py, &response, attempt),
            None => Err(invalid_argument(
                py,
                "method",
                format!("{method:?} is not GET, POST or DELETE"),
            )),
        }
    }

    /// The backoff after attempt `attempt`, in seconds: `base × 2^(n−1)` capped, then equal
    /// jitter drawn from `random`.
    #[pyo3(signature = (attempt, *, random=0))]
    fn backoff(&self, attempt: u32, random: u64) -> f64 {
        self.0
            .backoff(Attempt {
                number: attempt,
                now: SystemTime::UNIX_EPOCH,
                random,
            })
            .as_secs_f64()
    }

    fn __repr__(&self) -> String {
        format!(
            "StatusPolicy(base_delay={}, max_delay={}, max_attempts={}, max_retry_after={})",
            self.base_delay(),
            self.max_delay(),
            self.0.max_attempts,
            self.max_retry_after()
        )
    }
}

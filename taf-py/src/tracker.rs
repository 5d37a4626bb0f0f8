//! The core's tracker: follows the keys of a ticket with GET passes until each is terminal.

use pyo3::prelude::*;
use taf_core::catalog::RecordStatus;
use taf_core::{KeyState, Outcome, PagingConfig, PostRequest, Report, Tracker, Wire};

use crate::convert::{optional_enum, with_body};
use crate::errors::{decode_error, paging_error};
use crate::page::PyGetPage;
use crate::query::PyGetQuery;
use crate::reply::PyPostResponse;

/// Where one key stands. `kind` is `"unseen"`, `"waiting"`, `"in_progress"`, `"done"` or
/// `"missing"`; a done key has an `outcome`: `"processed"` (with its final `status`),
/// `"rejected"` (with the TAFXERP `error_code`), `"deleted"` or `"result_missing"`.
#[pyclass(name = "KeyState", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyKeyState(KeyState);

impl PyKeyState {
    /// The TAF record's status, final or moving, when the state has one.
    fn record_status(&self) -> Option<RecordStatus> {
        match &self.0 {
            KeyState::Done(Outcome::Processed(status)) => Some(*status),
            KeyState::InProgress(status) => *status,
            _ => None,
        }
    }
}

#[pymethods]
impl PyKeyState {
    /// The state's name.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0 {
            KeyState::Unseen => "unseen",
            KeyState::Waiting => "waiting",
            KeyState::InProgress(_) => "in_progress",
            KeyState::Done(_) => "done",
            KeyState::Missing => "missing",
        }
    }

    /// How a done key ended, `None` otherwise.
    #[getter]
    fn outcome(&self) -> Option<&'static str> {
        match &self.0 {
            KeyState::Done(Outcome::Processed(_)) => Some("processed"),
            KeyState::Done(Outcome::Rejected { .. }) => Some("rejected"),
            KeyState::Done(Outcome::Deleted) => Some("deleted"),
            KeyState::Done(Outcome::ResultMissing) => Some("result_missing"),
            _ => None,
        }
    }

    /// The TAF record's `RecordStatus` (final when processed, moving when in progress).
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_enum(
            py,
            "RecordStatus",
            self.record_status().map(RecordStatus::code),
        )
    }

    /// The TAFXERP `errorCode` of a rejected key.
    #[getter]
    fn error_code(&self) -> Option<&str> {
        match &self.0 {
            KeyState::Done(Outcome::Rejected { error_code }) => Some(error_code),
            _ => None,
        }
    }

    /// Whether polling can stop for this key.
    #[getter]
    fn is_terminal(&self) -> bool {
        self.0.is_terminal()
    }

    fn __repr__(&self) -> String {
        let outcome = self
            .outcome()
            .map(|outcome| format!(", outcome={outcome:?}"));
        let status = self
            .record_status()
            .map(|status| format!(", status={:?}", status.code()));
        let code = self
            .error_code()
            .map(|code| format!(", error_code={code:?}"));
        format!(
            "KeyState({:?}{}{}{})",
            self.kind(),
            outcome.unwrap_or_default(),
            status.unwrap_or_default(),
            code.unwrap_or_default()
        )
    }
}

/// The state of every tracked key after a pass, in POST order.
#[pyclass(name = "TrackReport", module = "totvs_taf", frozen)]
pub(crate) struct PyTrackReport(Report);

#[pymethods]
impl PyTrackReport {
    /// Every key with its state (terminal or not), in POST order.
    #[getter]
    fn states(&self) -> Vec<(String, PyKeyState)> {
        let done = self
            .0
            .done
            .iter()
            .map(|(key, outcome)| (key.clone(), KeyState::Done(outcome.clone())));
        let missing = self
            .0
            .missing
            .iter()
            .map(|key| (key.clone(), KeyState::Missing));
        self.0
            .pending
            .iter()
            .cloned()
            .chain(done)
            .chain(missing)
            .map(|(key, state)| (key, PyKeyState(state)))
            .collect()
    }

    /// Keys still moving.
    #[getter]
    fn pending(&self) -> Vec<String> {
        self.0.pending.iter().map(|(key, _)| key.clone()).collect()
    }

    /// Keys that ended.
    #[getter]
    fn done(&self) -> Vec<String> {
        self.0.done.iter().map(|(key, _)| key.clone()).collect()
    }

    /// Keys the server does not have.
    #[getter]
    fn missing(&self) -> Vec<String> {
        self.0.missing.clone()
    }

    /// Complete passes so far.
    #[getter]
    fn passes(&self) -> u32 {
        self.0.passes
    }

    /// Whether every key is terminal.
    #[getter]
    fn is_complete(&self) -> bool {
        self.0.is_complete()
    }

    fn __repr__(&self) -> String {
        format!(
            "TrackReport(passes={}, pending={}, done={}, missing={})",
            self.0.passes,
            self.0.pending.len(),
            self.0.done.len(),
            self.0.missing.len()
        )
    }
}

/// Follows `keys` of the ticket `query` searches (a `GetQuery` with `ticket_code`, the branch
/// and options to send) until each is terminal. Drive it like a `Paginator`: `next_query()`,
/// fetch, `handle_page(page)`, until `next_query()` is `None` (the pass ended: read
/// `report()`); the next `next_query()` starts another pass, from the first page that still
/// held a key in progress. Guards raise `PagingError` and abandon the pass.
#[pyclass(name = "Tracker", module = "totvs_taf")]
pub(crate) struct PyTracker {
    tracker: Tracker,
    /// A pass just ended: the next `next_query()` answers `None` once.
    pass_ended: bool,
}

impl From<Tracker> for PyTracker {
    fn from(tracker: Tracker) -> Self {
        Self {
            tracker,
            pass_ended: false,
        }
    }
}

#[pymethods]
impl PyTracker {
    #[new]
    #[pyo3(signature = (query, keys, *, max_pages=10_000))]
    #[allow(clippy::needless_pass_by_value)] // pyo3 hands sequence arguments over as a Vec
    fn new(
        py: Python<'_>,
        query: &PyGetQuery,
        keys: Vec<String>,
        max_pages: u32,
    ) -> PyResult<Self> {
        Tracker::with_config(
            query.inner().clone(),
            keys.into_iter().map(|key| (key, false)),
            PagingConfig::with_max_pages(max_pages),
        )
        .map(Self::from)
        .map_err(|error| paging_error(py, &error))
    }

    /// Tracks the keys `response` accepted from the POST `body`, searching its ticket and first
    /// branch (keys posted to the integration queue count as waiting while TAF re-queues them).
    #[staticmethod]
    fn from_post(
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        response: &PyPostResponse,
    ) -> PyResult<Self> {
        let request =
            with_body(py, body, PostRequest::decode)?.map_err(|error| decode_error(py, &error))?;
        Tracker::from_post(&request, response.inner())
            .map(Self::from)
            .map_err(|error| paging_error(py, &error))
    }

    /// The GET to send next: `None` once when a pass just ended (the call after it starts the
    /// next pass), and for good once every key is terminal.
    fn next_query(&mut self) -> Option<PyGetQuery> {
        if std::mem::take(&mut self.pass_ended) {
            return None;
        }
        self.tracker.next_query().map(PyGetQuery::from)
    }

    /// Takes the page that answered `next_query()`.
    fn handle_page(&mut self, py: Python<'_>, page: &PyGetPage) -> PyResult<()> {
        let passes = self.tracker.passes();
        self.tracker
            .handle_page(page.page().clone())
            .map_err(|error| paging_error(py, &error))?;
        self.pass_ended = self.tracker.passes() != passes;
        Ok(())
    }

    /// The state of `key` (matched trimmed), `None` if it is not tracked.
    fn state(&self, key: &str) -> Option<PyKeyState> {
        self.tracker.state(key).cloned().map(PyKeyState)
    }

    /// Whether every key is terminal.
    #[getter]
    fn is_complete(&self) -> bool {
        self.tracker.is_complete()
    }

    /// Every key's state after the last page handled.
    fn report(&self) -> PyTrackReport {
        PyTrackReport(self.tracker.report())
    }

    fn __repr__(&self) -> String {
        let report = self.tracker.report();
        format!(
            "Tracker(passes={}, pending={}, complete={})",
            report.passes,
            report.pending.len(),
            report.is_complete()
        )
    }
}

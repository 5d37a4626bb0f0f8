//! A POST whose answer does not say what was stored, and the GET that finds out.

use pyo3::prelude::*;
use taf_core::{PostRequest, UnknownOutcome, Wire};

use crate::convert::{to_raw, with_body};
use crate::errors::decode_error;
use crate::query::PyGetQuery;

/// A POST that may have stored some, all or none of its items: its answer was empty or
/// unreadable (a crashed worker), or a 500/502/504. Never send the lote again as it is: run
/// `query` (every page), then `split` the keys found.
#[pyclass(name = "UnknownOutcome", module = "totvs_taf", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyUnknownOutcome(UnknownOutcome);

#[pymethods]
impl PyUnknownOutcome {
    /// The outcome of posting `body` (`bytes` or `str`, the lote as sent). Raises
    /// `DecodeError` when it is not a lote.
    #[new]
    fn new(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Self> {
        let request =
            with_body(py, body, PostRequest::decode)?.map_err(|error| decode_error(py, &error))?;
        Ok(Self(UnknownOutcome::new(&request)))
    }

    /// Whether a POST answered with `status` and `body` leaves its outcome unknown: a 2xx
    /// answer that is empty or not a POST answer. (A non-2xx answer to a POST other than 702,
    /// 408 or 429 leaves it unknown as well.)
    #[staticmethod]
    fn follows(py: Python<'_>, status: u16, body: &Bound<'_, PyAny>) -> PyResult<bool> {
        with_body(py, body, |bytes| UnknownOutcome::follows(status, bytes))
    }

    /// The lote's `ticketCode`.
    #[getter]
    fn ticket_code(&self) -> &str {
        &self.0.ticket_code
    }

    /// The keys the search can see (items of the first item's branch), in lote order.
    #[getter]
    fn keys(&self) -> Vec<String> {
        self.0.keys.iter().map(|(key, _)| key.clone()).collect()
    }

    /// Keys of items sent with another branch, which the search cannot see.
    #[getter]
    fn unchecked(&self) -> Vec<String> {
        self.0.unchecked.clone()
    }

    /// The search GET: the ticket, filtered on the first branch, from RECNO 1.
    #[getter]
    fn query(&self) -> PyGetQuery {
        self.0.query().into()
    }

    /// Which keys the server holds, given the `registryKey` (the `id`) of every item the
    /// search's pages held: `{"stored": [...], "not_stored": [...], "unchecked": [...]}`.
    /// Send only `not_stored` again.
    #[allow(clippy::needless_pass_by_value)] // pyo3 passes the list owned
    fn split<'py>(&self, py: Python<'py>, found: Vec<String>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0.split_found(found.iter().map(String::as_str)))
    }

    fn __repr__(&self) -> String {
        format!(
            "UnknownOutcome(ticket_code={:?}, keys={})",
            self.0.ticket_code,
            self.0.keys.len()
        )
    }
}

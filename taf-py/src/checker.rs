//! A preflight that remembers: lotes checked in order, each seeing the keys the lotes before it
//! left pending (as `taf send` checks its files), and what a lote body holds.

use pyo3::prelude::*;
use taf_core::event::SchemaRules;
use taf_core::preflight::Preflight;
use taf_core::{PostRequest, Wire};

use crate::convert::with_body;
use crate::errors::decode_error;
use crate::preflight::{PyVerdict, checker, on_every_core};

/// The server's set-up and its pending XML keys, for checking several lotes in order: the
/// arguments are those of `preflight()`. `check(body)` predicts the answer to one lote;
/// `record(body)` adds what the server would leave pending after storing it (its accepted XML
/// keys), so the next `check` predicts 813 for a repeated key.
#[pyclass(name = "Preflight", module = "totvs_taf")]
pub(crate) struct PyPreflight(Preflight);

#[pymethods]
impl PyPreflight {
    /// The arguments are those of `preflight()`: eSocial events are validated against their
    /// layout's schema unless `schema` is false.
    #[new]
    #[pyo3(signature = (*, branches=None, pending=None, layout="simplified", queue_rule=false, missing_columns=None, schema=true, require_signature=false, partial=false))]
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)] // Python keyword arguments
    pub(crate) fn new(
        py: Python<'_>,
        branches: Option<Vec<(String, String)>>,
        pending: Option<Vec<(String, String, String)>>,
        layout: &str,
        queue_rule: bool,
        missing_columns: Option<Vec<String>>,
        schema: bool,
        require_signature: bool,
        partial: bool,
    ) -> PyResult<Self> {
        let mut preflight = checker(py, branches, pending, layout, queue_rule, missing_columns)?;
        preflight.schema = SchemaRules::default();
        preflight.schema.validate = schema;
        preflight.schema.require_signature = require_signature;
        preflight.schema.partial = partial;
        Ok(Self(preflight))
    }

    /// The server's verdict on a POST body, against the pending keys recorded so far.
    pub(crate) fn check(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
        let checker = &self.0;
        with_body(py, body, |bytes| {
            PyVerdict(on_every_core(checker.chunked_body(bytes)))
        })
    }

    /// Records the lote as stored: its accepted XML keys become pending.
    fn record(&mut self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<()> {
        let checker = &mut self.0;
        with_body(py, body, |bytes| checker.add_pending_lote(bytes))
    }

    /// How many XML keys are pending.
    #[getter]
    fn pending_count(&self) -> usize {
        self.0.pending.len()
    }

    fn __repr__(&self) -> String {
        format!("Preflight(pending={})", self.0.pending.len())
    }
}

/// What a lote body holds: `(ticket_code, keys)`, the `registryKey` of every item in order
/// (empty for an item without one). Raises `DecodeError` for a body that is not a lote.
#[pyfunction]
pub(crate) fn lote_summary(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(String, Vec<String>)> {
    let request =
        with_body(py, body, PostRequest::decode)?.map_err(|error| decode_error(py, &error))?;
    let keys = request
        .lote
        .into_iter()
        .map(|item| item.registry_key.unwrap_or_default())
        .collect();
    Ok((request.ticket_code, keys))
}

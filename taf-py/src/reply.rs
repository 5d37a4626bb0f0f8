//! Decoding server answers: POST and DELETE bodies, envelopes and faults.

use pyo3::prelude::*;
use taf_core::{DeleteResponse, FaultBody, GetPage, KeyOutcome, PostResponse, Reply};

use crate::convert::{py_enum, to_json, to_raw, with_body};
use crate::errors::decode_error;
use crate::page::PyGetPage;

/// A `{"coderr", "description"}` pair: a POST item error, or the HTTP 200 envelope (803, 811).
#[pyclass(name = "ErrorEntry", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyErrorEntry {
    /// `coderr`.
    #[pyo3(get)]
    code: u32,
    /// The server's text, in its language.
    #[pyo3(get)]
    description: String,
}

impl From<taf_core::ErrorEntry> for PyErrorEntry {
    fn from(entry: taf_core::ErrorEntry) -> Self {
        Self {
            code: entry.code,
            description: entry.description,
        }
    }
}

#[pymethods]
impl PyErrorEntry {
    fn __repr__(&self) -> String {
        format!(
            "ErrorEntry(code={}, description={:?})",
            self.code, self.description
        )
    }
}

/// A non-2xx answer that is not an envelope: faults 701–705 or anything else.
#[pyclass(name = "Fault", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyFault(taf_core::Fault);

#[pymethods]
impl PyFault {
    /// The HTTP status.
    #[getter]
    fn status(&self) -> u16 {
        self.0.status
    }

    /// The numeric code, when the body has one.
    #[getter]
    fn code(&self) -> Option<i64> {
        self.0.code()
    }

    /// The message, or the raw body text.
    #[getter]
    fn message(&self) -> &str {
        self.0.message()
    }

    /// The body shape, a `FaultShape`.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let shape = match self.0.body {
            FaultBody::Classic { .. } => "classic",
            FaultBody::Modern { .. } => "modern",
            FaultBody::Raw(_) => "raw",
        };
        py_enum(py, "FaultShape", shape)
    }

    fn __repr__(&self) -> String {
        let code = self
            .0
            .code()
            .map_or_else(|| "None".to_owned(), |code| code.to_string());
        format!(
            "Fault(status={}, code={code}, message={:?})",
            self.0.status,
            self.0.message()
        )
    }
}

/// One entry of a POST answer: the key as sent and what happened to it.
#[pyclass(name = "KeyResult", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyKeyResult(taf_core::KeyResult);

#[pymethods]
impl PyKeyResult {
    /// The `registryKey` exactly as sent.
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }

    /// Whether the server stored the item.
    #[getter]
    fn accepted(&self) -> bool {
        self.0.is_accepted()
    }

    /// The errors of a rejected item (one, or none when the row lock failed).
    #[getter]
    fn errors(&self) -> Vec<PyErrorEntry> {
        match &self.0.outcome {
            KeyOutcome::Accepted => Vec::new(),
            KeyOutcome::Rejected { errors } => errors.iter().cloned().map(Into::into).collect(),
        }
    }

    fn __repr__(&self) -> String {
        match self.0.error() {
            None if self.0.is_accepted() => {
                format!("KeyResult(key={:?}, accepted=True)", self.0.key)
            }
            None => format!("KeyResult(key={:?}, accepted=False)", self.0.key),
            Some(error) => format!(
                "KeyResult(key={:?}, accepted=False, code={})",
                self.0.key, error.code
            ),
        }
    }
}

/// The HTTP 200 answer to a POST: one result per lote item.
#[pyclass(name = "PostResponse", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyPostResponse(PostResponse);

#[pymethods]
impl PyPostResponse {
    /// The root `ticketCode` as sent.
    #[getter]
    fn ticket_code(&self) -> &str {
        &self.0.ticket_code
    }

    /// Every item's result, in lote order.
    #[getter]
    fn results(&self) -> Vec<PyKeyResult> {
        self.0.results.iter().cloned().map(PyKeyResult).collect()
    }

    /// `keyAmount`: the number of items, accepted or not.
    #[getter]
    fn key_amount(&self) -> usize {
        self.0.key_amount()
    }

    /// The canonical JSON of the answer.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    /// The answer as plain Python values (untrimmed wire values).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0)
    }

    fn __len__(&self) -> usize {
        self.0.results.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "PostResponse(ticket_code={:?}, key_amount={}, accepted={})",
            self.0.ticket_code,
            self.0.key_amount(),
            self.0.accepted().count()
        )
    }
}

/// The answer to a DELETE.
#[pyclass(name = "DeleteResponse", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyDeleteResponse {
    /// Whether the server reported success.
    #[pyo3(get)]
    success: bool,
}

#[pymethods]
impl PyDeleteResponse {
    fn __repr__(&self) -> String {
        let success = if self.success { "True" } else { "False" };
        format!("DeleteResponse(success={success})")
    }
}

/// Turns a decoded reply into the Python object for its body, envelope or fault.
fn reply_into_py<T>(
    py: Python<'_>,
    reply: Reply<T>,
    body: impl FnOnce(T) -> PyResult<Py<PyAny>>,
) -> PyResult<Py<PyAny>> {
    match reply {
        Reply::Body(value) => body(value),
        Reply::Envelope(entry) => Ok(Py::new(py, PyErrorEntry::from(entry))?.into_any()),
        Reply::Fault(fault) => Ok(Py::new(py, PyFault(fault))?.into_any()),
    }
}

/// Decodes the answer to a POST: a `PostResponse`, an `ErrorEntry` envelope or a `Fault`.
#[pyfunction]
pub(crate) fn decode_post(
    py: Python<'_>,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let reply = with_body(py, body, |bytes| {
        Reply::<PostResponse>::decode(status, bytes)
    })?
    .map_err(|error| decode_error(py, &error))?;
    reply_into_py(py, reply, |response| {
        Ok(Py::new(py, PyPostResponse(response))?.into_any())
    })
}

/// Decodes the answer to a GET: a `GetPage`, an `ErrorEntry` envelope or a `Fault`.
#[pyfunction]
pub(crate) fn decode_get(
    py: Python<'_>,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let reply = with_body(py, body, |bytes| Reply::<GetPage>::decode(status, bytes))?
        .map_err(|error| decode_error(py, &error))?;
    reply_into_py(py, reply, |page| {
        Ok(Py::new(py, PyGetPage::from(page))?.into_any())
    })
}

/// Decodes the answer to a DELETE: a `DeleteResponse`, an `ErrorEntry` envelope or a `Fault`.
#[pyfunction]
pub(crate) fn decode_delete(
    py: Python<'_>,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let reply = with_body(py, body, |bytes| {
        Reply::<DeleteResponse>::decode(status, bytes)
    })?
    .map_err(|error| decode_error(py, &error))?;
    reply_into_py(py, reply, |response| {
        Ok(Py::new(
            py,
            PyDeleteResponse {
                success: response.success,
            },
        )?
        .into_any())
    })
}

impl From<taf_core::Fault> for PyFault {
    fn from(fault: taf_core::Fault) -> Self {
        Self(fault)
    }
}

impl PyPostResponse {
    /// The decoded answer.
    pub(crate) fn inner(&self) -> &PostResponse {
        &self.0
    }
}

impl From<PostResponse> for PyPostResponse {
    fn from(response: PostResponse) -> Self {
        Self(response)
    }
}

impl From<DeleteResponse> for PyDeleteResponse {
    fn from(response: DeleteResponse) -> Self {
        Self {
            success: response.success,
        }
    }
}

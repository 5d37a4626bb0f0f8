//! Request encoders: GET query strings, POST and DELETE bodies.

use pyo3::prelude::*;
use pyo3::types::PyMapping;
use taf_core::catalog::LoteField;
use taf_core::{DeleteRequest, GetQuery, LoteItem, PostRequest, Wire};

use crate::errors::{decode_error, invalid_argument};

/// The eight GET parameters; `None` leaves a parameter out of the query string.
#[pyclass(name = "GetQuery", module = "totvs_taf", eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyGetQuery(GetQuery);

impl PyGetQuery {
    /// The wrapped query.
    pub(crate) fn inner(&self) -> &GetQuery {
        &self.0
    }
}

impl From<GetQuery> for PyGetQuery {
    fn from(query: GetQuery) -> Self {
        Self(query)
    }
}

#[pymethods]
impl PyGetQuery {
    #[new]
    #[pyo3(signature = (*, ticket_code=None, registry_key=None, start_rec_no=Some(1), search_mode=None, source_branch=None, query_elements=None, lot_quantity=None, return_ret_response=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        ticket_code: Option<String>,
        registry_key: Option<String>,
        start_rec_no: Option<i64>,
        search_mode: Option<i64>,
        source_branch: Option<String>,
        query_elements: Option<i64>,
        lot_quantity: Option<i64>,
        return_ret_response: Option<bool>,
    ) -> Self {
        Self(GetQuery {
            ticket_code,
            registry_key,
            start_rec_no,
            search_mode,
            source_branch,
            query_elements,
            lot_quantity,
            return_ret_response,
        })
    }

    /// Parses a query string as the server would.
    #[staticmethod]
    fn from_query_string(py: Python<'_>, query: &str) -> PyResult<Self> {
        GetQuery::from_query_string(query)
            .map(Self)
            .map_err(|error| decode_error(py, &error))
    }

    /// The percent-encoded query string, parameters in the service's order.
    fn to_query_string(&self) -> String {
        self.0.to_query_string()
    }

    /// `ticketCode`.
    #[getter]
    fn ticket_code(&self) -> Option<&str> {
        self.0.ticket_code.as_deref()
    }

    /// `registryKey`.
    #[getter]
    fn registry_key(&self) -> Option<&str> {
        self.0.registry_key.as_deref()
    }

    /// `startRecNo`.
    #[getter]
    fn start_rec_no(&self) -> Option<i64> {
        self.0.start_rec_no
    }

    /// `searchMode`.
    #[getter]
    fn search_mode(&self) -> Option<i64> {
        self.0.search_mode
    }

    /// `sourceBranch`.
    #[getter]
    fn source_branch(&self) -> Option<&str> {
        self.0.source_branch.as_deref()
    }

    /// `queryElements`.
    #[getter]
    fn query_elements(&self) -> Option<i64> {
        self.0.query_elements
    }

    /// `lotQuantity`.
    #[getter]
    fn lot_quantity(&self) -> Option<i64> {
        self.0.lot_quantity
    }

    /// `returnRetResponse`.
    #[getter]
    fn return_ret_response(&self) -> Option<bool> {
        self.0.return_ret_response
    }

    fn __repr__(&self) -> String {
        format!("GetQuery({:?})", self.0.to_query_string())
    }
}

/// Encodes a POST body. Each item maps wire tags (`sourceBranch`, `messageType`, ...) to
/// string values; tags are written in the server's order, `sourceBranch` first.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands sequence arguments over as a Vec
pub(crate) fn encode_post_request(
    py: Python<'_>,
    ticket_code: String,
    lote: Vec<Bound<'_, PyMapping>>,
) -> PyResult<String> {
    let mut items = Vec::with_capacity(lote.len());
    for (index, mapping) in lote.iter().enumerate() {
        let mut item = LoteItem::default();
        for entry in mapping.items()?.iter() {
            let (tag, value): (String, String) = entry.extract().map_err(|_| {
                invalid_argument(
                    py,
                    &format!("lote[{index}]"),
                    "lote items map tag strings to value strings".to_owned(),
                )
            })?;
            let field = LoteField::from_tag(&tag).ok_or_else(|| {
                invalid_argument(
                    py,
                    &format!("lote[{index}].{tag}"),
                    format!("{tag:?} is not a lote item field"),
                )
            })?;
            item.set(field, Some(value));
        }
        items.push(item);
    }
    Ok(PostRequest {
        ticket_code,
        lote: items,
    }
    .encode())
}

/// Encodes a DELETE body for these tickets.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands sequence arguments over as a Vec
pub(crate) fn encode_delete_request(tickets: Vec<String>) -> String {
    DeleteRequest::new(tickets).encode()
}

//! The paginator for Python: the caller's HTTP library fetches, the paginator decides.

use pyo3::prelude::*;
use taf_core::{GetPage, PageEvent, Paginator, PagingConfig, Reply};

use crate::convert::with_body;
use crate::errors::{decode_error, paging_error};
use crate::page::{PyGetPage, item_into_py};
use crate::query::PyGetQuery;

/// Extra copies of one record that a key-only search repeated (reported once, never dropped).
#[pyclass(name = "Duplicate", module = "totvs_taf", frozen)]
pub(crate) struct PyDuplicate {
    /// The identifier the record and its copies carry.
    #[pyo3(get)]
    id: String,
    /// The extra copies, as items.
    #[pyo3(get)]
    copies: Vec<Py<PyAny>>,
}

#[pymethods]
impl PyDuplicate {
    fn __repr__(&self) -> String {
        format!("Duplicate(id={:?}, copies={})", self.id, self.copies.len())
    }
}

/// Walks every page of a search: ask `next_query()`, fetch it with any HTTP library, give the
/// answer to `handle_response(status, body)`, then take `events()`; stop when `next_query()`
/// returns `None`. Guards raise `PagingError` (pages that do not advance, shrinking
/// `maxRecNo`, too many pages, ...).
#[pyclass(name = "Paginator", module = "totvs_taf")]
pub(crate) struct PyPaginator(Paginator);

#[pymethods]
impl PyPaginator {
    #[new]
    #[pyo3(signature = (query, *, max_pages=10_000))]
    fn new(py: Python<'_>, query: &PyGetQuery, max_pages: u32) -> PyResult<Self> {
        Paginator::with_config(
            query.inner().clone(),
            PagingConfig::with_max_pages(max_pages),
        )
        .map(Self)
        .map_err(|error| paging_error(py, &error))
    }

    /// The GET to send next, or `None` once finished.
    fn next_query(&self) -> Option<PyGetQuery> {
        self.0.next_query().map(PyGetQuery::from)
    }

    /// Takes the HTTP answer to `next_query()`; an envelope or fault raises `PagingError`.
    fn handle_response(
        &mut self,
        py: Python<'_>,
        status: u16,
        body: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let reply = with_body(py, body, |bytes| Reply::<GetPage>::decode(status, bytes))?
            .map_err(|error| decode_error(py, &error))?;
        self.0
            .handle_reply(reply)
            .map_err(|error| paging_error(py, &error))
    }

    /// Takes a page already decoded (the value of a `StatusPolicy` decision).
    fn handle_page(&mut self, py: Python<'_>, page: &PyGetPage) -> PyResult<()> {
        self.0
            .handle_page(page.page().clone())
            .map_err(|error| paging_error(py, &error))
    }

    /// Drains what the last page produced: items, `Duplicate` reports and the not-found item.
    fn events(&mut self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        let mut events = Vec::new();
        while let Some(event) = self.0.poll_event() {
            events.push(match event {
                PageEvent::Item(item) => item_into_py(py, &item)?,
                PageEvent::NotFound(item) => item_into_py(py, &taf_core::Item::NotFound(item))?,
                PageEvent::Duplicate(duplicate) => Py::new(
                    py,
                    PyDuplicate {
                        id: duplicate.id.value().to_owned(),
                        copies: duplicate
                            .copies
                            .iter()
                            .map(|item| item_into_py(py, item))
                            .collect::<PyResult<_>>()?,
                    },
                )?
                .into_any(),
            });
        }
        Ok(events)
    }

    /// Whether every page was read.
    #[getter]
    fn is_finished(&self) -> bool {
        self.0.is_finished()
    }

    /// Pages read so far.
    #[getter]
    fn pages(&self) -> u32 {
        self.0.cursor().pages()
    }

    /// Records delivered so far.
    #[getter]
    fn records(&self) -> u64 {
        self.0.cursor().records()
    }

    /// Extra copies reported so far.
    #[getter]
    fn duplicates(&self) -> u64 {
        self.0.cursor().duplicates()
    }

    /// The saved position as JSON, for `Paginator.resume`.
    fn cursor_json(&self) -> PyResult<String> {
        crate::convert::to_json(self.0.cursor())
    }

    /// Continues a search from `cursor_json()`.
    #[staticmethod]
    #[pyo3(signature = (cursor_json, *, max_pages=10_000))]
    fn resume(py: Python<'_>, cursor_json: &str, max_pages: u32) -> PyResult<Self> {
        let cursor = serde_json::from_str(cursor_json).map_err(|error| {
            crate::errors::invalid_argument(py, "cursor_json", error.to_string())
        })?;
        Paginator::resume(cursor, PagingConfig::with_max_pages(max_pages))
            .map(Self)
            .map_err(|error| paging_error(py, &error))
    }

    fn __repr__(&self) -> String {
        format!(
            "Paginator(pages={}, records={}, finished={})",
            self.0.cursor().pages(),
            self.0.cursor().records(),
            self.0.is_finished()
        )
    }
}

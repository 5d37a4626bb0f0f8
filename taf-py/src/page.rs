//! GET pages, exposed lazily: items become Python objects only when they are read.

use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyStopIteration};
use pyo3::prelude::*;
use taf_core::{GetPage, Item, ItemId, StreamingError};

use crate::convert::{optional_enum, py_enum, to_json, to_raw};

/// The HTTP 200 answer to a GET.
#[pyclass(name = "GetPage", module = "totvs_taf", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyGetPage(Arc<GetPage>);

impl PyGetPage {
    /// The decoded page.
    pub(crate) fn page(&self) -> &GetPage {
        &self.0
    }
}

impl From<GetPage> for PyGetPage {
    fn from(page: GetPage) -> Self {
        Self(Arc::new(page))
    }
}

#[pymethods]
impl PyGetPage {
    /// `type`: a `KeyKind`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "KeyKind", self.0.kind.wire_name())
    }

    /// `code`: the searched value as sent.
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }

    /// RECNO of the last item on the page.
    #[getter]
    fn last_rec_no(&self) -> i64 {
        self.0.last_rec_no
    }

    /// Highest RECNO matching the search.
    #[getter]
    fn max_rec_no(&self) -> i64 {
        self.0.max_rec_no
    }

    /// Whether this is the final page.
    #[getter]
    fn is_last(&self) -> bool {
        self.0.is_last()
    }

    /// Whether the page is the single not-found item.
    #[getter]
    fn is_not_found(&self) -> bool {
        self.0.is_not_found()
    }

    /// The items, as a lazy sequence.
    #[getter]
    fn items(&self) -> PyItems {
        PyItems(Arc::clone(&self.0))
    }

    /// The canonical JSON of the page.
    fn to_json(&self) -> PyResult<String> {
        to_json(&*self.0)
    }

    /// The page as plain Python values (untrimmed wire values).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &*self.0)
    }

    fn __len__(&self) -> usize {
        self.0.items.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "GetPage(kind={:?}, code={:?}, items={}, last_rec_no={}, max_rec_no={})",
            self.0.kind.wire_name(),
            self.0.code,
            self.0.items.len(),
            self.0.last_rec_no,
            self.0.max_rec_no
        )
    }
}

/// The items of a page: a read-only sequence that builds each item on access.
#[pyclass(name = "Items", module = "totvs_taf", frozen, sequence)]
pub(crate) struct PyItems(Arc<GetPage>);

#[pymethods]
impl PyItems {
    fn __len__(&self) -> usize {
        self.0.items.len()
    }

    fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Py<PyAny>> {
        let len = self.0.items.len();
        let position = if index < 0 {
            len.checked_sub(index.unsigned_abs())
        } else {
            Some(index.unsigned_abs())
        };
        match position.and_then(|position| self.0.items.get(position)) {
            Some(item) => item_into_py(py, item),
            None => Err(PyIndexError::new_err("item index out of range")),
        }
    }

    fn __iter__(&self) -> PyItemIterator {
        PyItemIterator {
            page: Arc::clone(&self.0),
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// Iterator over a page's items.
#[pyclass(name = "ItemIterator", module = "totvs_taf", frozen)]
pub(crate) struct PyItemIterator {
    page: Arc<GetPage>,
    next: std::sync::atomic::AtomicUsize,
}

#[pymethods]
impl PyItemIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let index = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match self.page.items.get(index) {
            Some(item) => item_into_py(py, item),
            None => Err(PyStopIteration::new_err(())),
        }
    }
}

pub(crate) fn item_into_py(py: Python<'_>, item: &Item) -> PyResult<Py<PyAny>> {
    Ok(match item {
        Item::Processed(item) => Py::new(py, PyProcessedItem(item.clone()))?.into_any(),
        Item::Pending(item) => Py::new(py, PyPendingItem(item.clone()))?.into_any(),
        Item::NotFound(item) => Py::new(py, PyNotFoundItem(item.clone()))?.into_any(),
    })
}

/// A government (RET) error of a record.
#[pyclass(name = "StreamingError", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyStreamingError {
    /// `streamingErrorCode`.
    #[pyo3(get)]
    code: String,
    /// `streamingErrorDetail`, untrimmed.
    #[pyo3(get)]
    detail: String,
}

#[pymethods]
impl PyStreamingError {
    fn __repr__(&self) -> String {
        format!(
            "StreamingError(code={:?}, detail={:?})",
            self.code, self.detail
        )
    }
}

fn streaming_errors(errors: &[StreamingError]) -> Vec<PyStreamingError> {
    errors
        .iter()
        .map(|error| PyStreamingError {
            code: error.code.clone(),
            detail: error.detail.clone(),
        })
        .collect()
}

fn id_kind<'py>(py: Python<'py>, id: &ItemId) -> PyResult<Bound<'py, PyAny>> {
    py_enum(py, "KeyKind", id.kind().wire_name())
}

/// Variant A: processed and integrated.
#[pyclass(name = "ProcessedItem", module = "totvs_taf", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyProcessedItem(taf_core::ProcessedItem);

#[pymethods]
impl PyProcessedItem {
    /// The item's `description`.
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }

    /// Which key `id` is: a `KeyKind`.
    #[getter]
    fn id_kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        id_kind(py, &self.0.id)
    }

    /// The row's other key (its ticket in a key search, its key otherwise).
    #[getter]
    fn id(&self) -> &str {
        self.0.id.value()
    }

    /// Raw `statusCode` (may be `" "` or `""`).
    #[getter]
    fn status_code(&self) -> &str {
        &self.0.status_code
    }

    /// The `RecordStatus` (`" "` and `""` are both `INTEGRATED`, as the server reads them), or
    /// `None` for a code outside the table. Whether polling can stop is `is_final`.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_enum(
            py,
            "RecordStatus",
            self.0.status().map(taf_core::catalog::RecordStatus::code),
        )
    }

    /// Whether the record will change no more by itself: a final status (1, 3, 4, 7), a direct
    /// deletion, or an empty `statusCode` (code 000026, or the record is gone).
    #[getter]
    fn is_final(&self) -> bool {
        self.0.is_final()
    }

    /// `statusDescription`, or `None` when the server's rewrite replaced it.
    #[getter]
    fn status_description(&self) -> Option<&str> {
        self.0.status_description.as_deref()
    }

    /// `active`.
    #[getter]
    fn active(&self) -> bool {
        self.0.active
    }

    /// Raw `receiptNumber`, possibly padded.
    #[getter]
    fn receipt_number(&self) -> &str {
        &self.0.receipt_number
    }

    /// The receipt, trimmed; `None` when blank.
    #[getter]
    fn receipt(&self) -> Option<&str> {
        self.0.receipt()
    }

    /// The `DeleteType` of an exclusion, or `None`.
    #[getter]
    fn delete_type<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let code = self.0.delete_type().map(|kind| match kind {
            taf_core::DeleteType::Exclusion => "1",
            taf_core::DeleteType::Direct => "0",
        });
        optional_enum(py, "DeleteType", code)
    }

    /// Government errors.
    #[getter]
    fn streaming_errors(&self) -> Vec<PyStreamingError> {
        streaming_errors(&self.0.streaming_errors)
    }

    /// Raw `xmlRetResponse` (base64).
    #[getter]
    fn xml_ret_response(&self) -> &str {
        &self.0.xml_ret_response
    }

    /// The government return XML, decoded from base64 (twice if needed), or `None`.
    fn ret_response_xml(&self) -> Option<String> {
        self.0.ret_response_xml()
    }

    /// The item as plain Python values (untrimmed wire values).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProcessedItem(id={:?}, status_code={:?}, receipt={:?})",
            self.0.id.value(),
            self.0.status_code,
            self.0.receipt()
        )
    }
}

/// Variant B: stored but not processed OK (waiting, or integrated with an error).
#[pyclass(name = "PendingItem", module = "totvs_taf", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyPendingItem(taf_core::PendingItem);

#[pymethods]
impl PyPendingItem {
    /// The item's `description`.
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }

    /// Which key `id` is: a `KeyKind`.
    #[getter]
    fn id_kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        id_kind(py, &self.0.id)
    }

    /// The row's other key.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.value()
    }

    /// TAFXERP `errorCode`; empty while waiting.
    #[getter]
    fn error_code(&self) -> &str {
        &self.0.error_code
    }

    /// The text of that code.
    #[getter]
    fn error_description(&self) -> &str {
        &self.0.error_description
    }

    /// TAF's detail.
    #[getter]
    fn error_detail(&self) -> &str {
        &self.0.error_detail
    }

    /// Whether the item still waits for the integration job.
    #[getter]
    fn is_waiting(&self) -> bool {
        self.0.is_waiting()
    }

    /// Whether TAF marked the row processed but holds no result for it ("Registro não
    /// encontrado na tabela TAFXERP."): final, nothing changes by polling.
    #[getter]
    fn is_result_missing(&self) -> bool {
        self.0.is_result_missing()
    }

    /// Whether the item will change no more by itself (for a record posted without the
    /// integration queue): not waiting, and not back in TAF's queue (flag "F").
    #[getter]
    fn is_final(&self) -> bool {
        self.0.is_final()
    }

    /// The `Disposition` of a known TAFXERP error, or `None`.
    #[getter]
    fn error_disposition<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let disposition = self.0.error().map(|error| match error.disposition() {
            taf_core::catalog::Disposition::Queue => "queue",
            taf_core::catalog::Disposition::Reject => "reject",
        });
        optional_enum(py, "Disposition", disposition)
    }

    /// An English paraphrase of a known TAFXERP error, or `None`.
    #[getter]
    fn error_meaning(&self) -> Option<&'static str> {
        self.0.error().map(taf_core::catalog::XerpError::meaning)
    }

    /// The stored `Priority`, or `None`.
    #[getter]
    fn priority<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_enum(
            py,
            "Priority",
            self.0.priority().map(taf_core::catalog::Priority::code),
        )
    }

    /// Stored `registryPriority`, raw.
    #[getter]
    fn registry_priority(&self) -> &str {
        &self.0.registry_priority
    }

    /// Stored `integrationQueue`.
    #[getter]
    fn integration_queue(&self) -> &str {
        &self.0.integration_queue
    }

    /// Stored `erpOwner`.
    #[getter]
    fn erp_owner(&self) -> &str {
        &self.0.erp_owner
    }

    /// Stored `registryPredecessor`.
    #[getter]
    fn registry_predecessor(&self) -> &str {
        &self.0.registry_predecessor
    }

    /// Stored `transferBranch`.
    #[getter]
    fn transfer_branch(&self) -> &str {
        &self.0.transfer_branch
    }

    /// Stored `complement`.
    #[getter]
    fn complement(&self) -> &str {
        &self.0.complement
    }

    /// Government errors (normally empty here).
    #[getter]
    fn streaming_errors(&self) -> Vec<PyStreamingError> {
        streaming_errors(&self.0.streaming_errors)
    }

    /// Raw `xmlRetResponse`.
    #[getter]
    fn xml_ret_response(&self) -> &str {
        &self.0.xml_ret_response
    }

    /// The item as plain Python values (untrimmed wire values).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "PendingItem(id={:?}, description={:?}, error_code={:?})",
            self.0.id.value(),
            self.0.description,
            self.0.error_code
        )
    }
}

/// Variant C: nothing matched; `id` is the searched value (the server swaps the field name).
#[pyclass(name = "NotFoundItem", module = "totvs_taf", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyNotFoundItem(taf_core::NotFoundItem);

#[pymethods]
impl PyNotFoundItem {
    /// The item's `description`.
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }

    /// The wire field the value came in: a `KeyKind` (swapped by the server).
    #[getter]
    fn id_kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        id_kind(py, &self.0.id)
    }

    /// The searched value.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.value()
    }

    /// The item as plain Python values.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("NotFoundItem(id={:?})", self.0.id.value())
    }
}

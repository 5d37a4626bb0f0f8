//! Small conversions shared by the wrappers: enums, canonical JSON, body arguments, and the
//! Python classes and functions they reach, each imported once per interpreter.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString};
use serde::Serialize;

use crate::errors::invalid_argument;

/// Named attributes of a Python module, imported together on first use and kept, so a call
/// that needs one costs a scan of a short list instead of an import and an attribute lookup.
pub(crate) struct Imported {
    module: &'static str,
    names: &'static [&'static str],
    loaded: PyOnceLock<Vec<Py<PyAny>>>,
}

impl Imported {
    /// The attributes `names` of `module` (imported when first needed).
    pub(crate) const fn new(module: &'static str, names: &'static [&'static str]) -> Self {
        Self {
            module,
            names,
            loaded: PyOnceLock::new(),
        }
    }

    /// The attribute `name`; a name not listed is a `RuntimeError` (a bug of this crate).
    pub(crate) fn get<'py>(&self, py: Python<'py>, name: &str) -> PyResult<&Bound<'py, PyAny>> {
        let loaded = self.loaded.get_or_try_init(py, || {
            let module = py.import(self.module)?;
            self.names
                .iter()
                .map(|name| module.getattr(*name).map(Bound::unbind))
                .collect::<PyResult<Vec<_>>>()
        })?;
        self.names
            .iter()
            .position(|listed| *listed == name)
            .and_then(|index| loaded.get(index))
            .map(|attribute| attribute.bind(py))
            .ok_or_else(|| {
                pyo3::exceptions::PyRuntimeError::new_err(format!(
                    "{}.{name} is not among the attributes taf-py imports",
                    self.module
                ))
            })
    }
}

/// The enum classes of `totvs_taf._enums` the wrappers return.
static ENUMS: Imported = Imported::new(
    "totvs_taf._enums",
    &[
        "DeleteType",
        "Disposition",
        "FaultShape",
        "KeyKind",
        "Priority",
        "ProcessStatus",
        "RecordStatus",
        "Severity",
        "Step",
    ],
);

/// `json.loads`, which turns canonical JSON into Python objects.
static JSON: Imported = Imported::new("json", &["loads"]);

/// `totvs_taf._enums.<name>(value)`.
pub(crate) fn py_enum<'py>(
    py: Python<'py>,
    name: &str,
    value: &str,
) -> PyResult<Bound<'py, PyAny>> {
    ENUMS.get(py, name)?.call1((value,))
}

/// `Some(enum member)` for a present value, `None` otherwise.
pub(crate) fn optional_enum<'py>(
    py: Python<'py>,
    name: &str,
    value: Option<&str>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    value.map(|value| py_enum(py, name, value)).transpose()
}

/// The canonical JSON of a model value.
pub(crate) fn to_json(value: &impl Serialize) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|error| pyo3::exceptions::PyRuntimeError::new_err(error.to_string()))
}

/// The canonical JSON of a model value as Python objects (`dict`, `list`, ...), untrimmed.
pub(crate) fn to_raw<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    JSON.get(py, "loads")?.call1((to_json(value)?,))
}

/// Runs `decode` over a `bytes` or `str` argument with the GIL released.
pub(crate) fn with_body<T: Send>(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    decode: impl FnOnce(&[u8]) -> T + Send,
) -> PyResult<T> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        let bytes = bytes.as_bytes();
        Ok(py.detach(|| decode(bytes)))
    } else if let Ok(text) = body.cast::<PyString>() {
        let text = text.to_cow()?;
        Ok(py.detach(|| decode(text.as_bytes())))
    } else {
        Err(invalid_argument(
            py,
            "body",
            format!("body must be bytes or str, not {}", body.get_type().name()?),
        ))
    }
}

//! Small conversions shared by the wrappers: enums, canonical JSON, body arguments.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde::Serialize;

use crate::errors::invalid_argument;

/// `totvs_taf._enums.<name>(value)`.
pub(crate) fn py_enum<'py>(
    py: Python<'py>,
    name: &str,
    value: &str,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("totvs_taf._enums")?
        .getattr(name)?
        .call1((value,))
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
    py.import("json")?
        .getattr("loads")?
        .call1((to_json(value)?,))
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

//! Raising the Python exceptions of `totvs_taf._errors` from Rust errors.

use pyo3::prelude::*;

use crate::convert::Imported;

/// The exception classes of `totvs_taf._errors` raised from Rust.
static ERRORS: Imported = Imported::new(
    "totvs_taf._errors",
    &[
        "DecodeError",
        "LiveError",
        "PagingError",
        "RequestError",
        "TafError",
        "ValidationError",
    ],
);

/// Builds an instance of `totvs_taf._errors.<class>` with its code, field and position.
pub(crate) fn raise(
    py: Python<'_>,
    class: &str,
    message: String,
    code: &str,
    field: &str,
    position: Option<usize>,
) -> PyErr {
    let instance = ERRORS
        .get(py, class)
        .and_then(|class| class.call1((message, code, field, position)));
    match instance {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// A `totvs_taf.DecodeError` for a decoder failure.
pub(crate) fn decode_error(py: Python<'_>, error: &taf_core::DecodeError) -> PyErr {
    raise(
        py,
        "DecodeError",
        error.to_string(),
        error.kind().code(),
        error.field(),
        Some(error.offset()),
    )
}

/// A `totvs_taf.TafError` for bad arguments, naming the field.
pub(crate) fn invalid_argument(py: Python<'_>, field: &str, message: String) -> PyErr {
    raise(py, "TafError", message, "invalid_argument", field, None)
}

/// A `totvs_taf.PagingError` for a paginator guard, with its stable code.
pub(crate) fn paging_error(py: Python<'_>, error: &taf_core::PagingError) -> PyErr {
    raise(py, "PagingError", error.to_string(), error.code(), "", None)
}

/// A `totvs_taf.ValidationError` for input that cannot become a request.
pub(crate) fn validation_error(py: Python<'_>, message: &str, code: &str, field: &str) -> PyErr {
    raise(py, "ValidationError", message.to_owned(), code, field, None)
}

/// A `totvs_taf.LiveError` for a Live response that is a fault or cannot be used; `code` is
/// the kind (`invalid_access_key` means: fetch a new key).
pub(crate) fn raise_live(py: Python<'_>, error: &live_core::LiveError) -> PyErr {
    raise(
        py,
        "LiveError",
        error.to_string(),
        error.code(),
        error.element(),
        usize::try_from(error.offset()).ok(),
    )
}

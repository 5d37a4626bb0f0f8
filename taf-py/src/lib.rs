//! The `totvs_taf._native` extension module.
//!
//! Only `__version__` exists so far; the Python API arrives with the Python wheel issue.

use pyo3::prelude::*;

/// The extension module: exposes the crate version as `__version__`.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))
}

//! eSocial schema validation: `validate_event` and the schema findings of a verdict.

use esocial_schema::{Finding, Options, Report};
use pyo3::prelude::*;

use crate::convert::py_enum;

/// One schema finding: line, element path, rule, value and a fix.
#[pyclass(name = "SchemaFinding", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PySchemaFinding(pub(crate) Finding);

#[pymethods]
impl PySchemaFinding {
    /// `Severity.ERROR`, or `Severity.WARNING` for a partial event's missing element.
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "Severity", self.0.severity.as_str())
    }

    /// 1-based line where libxml2 reports it.
    #[getter]
    fn line(&self) -> u32 {
        self.0.line
    }

    /// Element path, `/eSocial/evtRemun/dmDev[2]/ideDmDev`.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }

    /// The rule broken: `maxLength 30`, `pattern \d{8}`, `expected codIncCP`, ...
    #[getter]
    fn rule(&self) -> String {
        self.0.rule.to_string()
    }

    /// The offending value, when there is one.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.0.value.as_deref()
    }

    /// What is wrong and how to fix it.
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "SchemaFinding(line={}, path='{}', rule='{}')",
            self.0.line, self.0.path, self.0.rule
        )
    }
}

/// The outcome of validating one event: its event, layout and `Id`, and every finding.
#[pyclass(name = "SchemaReport", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PySchemaReport(Report);

#[pymethods]
impl PySchemaReport {
    /// The event element (`evtRemun`), when the root namespace names a known event.
    #[getter]
    fn event(&self) -> Option<&'static str> {
        self.0.event
    }

    /// The layout (`S-1.3`), when known.
    #[getter]
    fn layout(&self) -> Option<&'static str> {
        self.0.layout.map(|layout| layout.name)
    }

    /// The event element's `Id`, as written.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.0.id.as_deref()
    }

    /// Every finding, in document order.
    #[getter]
    fn findings(&self) -> Vec<PySchemaFinding> {
        self.0
            .findings
            .iter()
            .cloned()
            .map(PySchemaFinding)
            .collect()
    }

    /// Whether findings were cut at the per-event limit.
    #[getter]
    fn truncated(&self) -> bool {
        self.0.truncated
    }

    /// Whether no error was found (a partial event's warnings allowed).
    #[getter]
    fn is_valid(&self) -> bool {
        self.0.is_valid()
    }

    fn __repr__(&self) -> String {
        let quoted =
            |text: Option<&str>| text.map_or_else(|| "None".to_owned(), |t| format!("'{t}'"));
        format!(
            "SchemaReport(event={}, layout={}, valid={}, findings={})",
            quoted(self.0.event),
            quoted(self.0.layout.map(|layout| layout.name)),
            if self.0.is_valid() { "True" } else { "False" },
            self.0.findings.len()
        )
    }
}

/// Validates one eSocial event (UTF-8 `bytes`) against the schema of the layout and event its
/// root namespace names: well-formedness, elements, values. `require_signature` makes
/// `ds:Signature` required as the XSD does; `partial` reports missing required elements as
/// warnings. Runs with the GIL released; never raises for bad XML (that is a finding).
#[pyfunction]
#[pyo3(signature = (event, *, require_signature=false, partial=false))]
pub(crate) fn validate_event(
    py: Python<'_>,
    event: &[u8],
    require_signature: bool,
    partial: bool,
) -> PySchemaReport {
    let options = Options {
        require_signature,
        partial,
        ..Options::default()
    };
    PySchemaReport(py.detach(|| esocial_schema::validate(event, &options)))
}

//! Preflight verdicts, the lote builder and event sniffing.

use std::ffi::CString;
use std::num::NonZeroUsize;
use std::thread;

use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use taf_core::catalog::LoteField;
use taf_core::event::{SniffLimits, sniff};
use taf_core::preflight::{
    ChunkFindings, ChunkedCheck, Finding, Preflight, ServerRules, TargetLayout, Verdict,
};
use taf_core::{BranchMap, LoteBuilder, Source, Wire};

use crate::checker::PyPreflight;
use crate::convert::{py_enum, to_json};
use crate::errors::{invalid_argument, validation_error};
use crate::schema::PySchemaFinding;

/// One finding: where, which code, what the server does, how to fix it.
#[pyclass(name = "Finding", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyFinding(Finding);

#[pymethods]
impl PyFinding {
    /// Index of the `lote[]` item, `None` for the whole request.
    #[getter]
    fn item(&self) -> Option<usize> {
        self.0.item
    }

    /// The JSON key concerned, `None` for the whole body.
    #[getter]
    fn field(&self) -> Option<&'static str> {
        self.0.field
    }

    /// The code: "800"…"814", "701"…"705", or a check "W01"…"W23".
    #[getter]
    fn code(&self) -> String {
        self.0.code.to_string()
    }

    /// `Severity.ERROR` or `Severity.WARNING`.
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "Severity", self.0.severity.as_str())
    }

    /// What happens (the server's own text for server codes).
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// What to change.
    #[getter]
    fn fix(&self) -> &str {
        &self.0.fix
    }

    /// Where it surfaces: `Step.POST` (the answer), `Step.INTEGRATION` (TAF's job),
    /// `Step.GOVERNMENT` (schema) or `Step.UNREPORTED` (lost silently, or a later GET fails).
    #[getter]
    fn step<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "Step", self.0.step.as_str())
    }

    /// The schema finding of a W23 finding (line, path, rule, value), `None` otherwise.
    #[getter]
    fn schema(&self) -> Option<PySchemaFinding> {
        self.0.schema.clone().map(PySchemaFinding)
    }

    fn __repr__(&self) -> String {
        let item = self
            .0
            .item
            .map_or_else(|| "None".to_owned(), |item| item.to_string());
        let field = self
            .0
            .field
            .map_or_else(|| "None".to_owned(), |field| format!("'{field}'"));
        format!(
            "Finding(item={item}, field={field}, code='{}', message='{}')",
            self.0.code, self.0.message
        )
    }
}

/// What the server would answer to a POST, and every finding.
#[pyclass(name = "Verdict", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyVerdict(pub(crate) Verdict);

#[pymethods]
impl PyVerdict {
    /// The HTTP status the server would send.
    #[getter]
    fn status(&self) -> u16 {
        self.0.answer.status()
    }

    /// The body the server would send, byte for byte, with values JSON-escaped (the server
    /// writes them raw); empty when its worker would crash.
    #[getter]
    fn body(&self) -> String {
        self.0.answer.body()
    }

    /// Every finding, request-level first, then by item.
    #[getter]
    fn findings(&self) -> Vec<PyFinding> {
        self.0.findings.iter().cloned().map(PyFinding).collect()
    }

    /// Whether every item is accepted and nothing deserves a warning.
    #[getter]
    fn is_clean(&self) -> bool {
        self.0.is_clean()
    }

    /// 0 clean, 1 warnings only, 2 when anything would be rejected.
    #[getter]
    fn exit_code(&self) -> u8 {
        self.0.exit_code()
    }

    /// The verdict as canonical JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Verdict(status={}, findings={}, exit_code={})",
            self.0.answer.status(),
            self.0.findings.len(),
            self.0.exit_code()
        )
    }
}

fn target_layout(py: Python<'_>, layout: &str) -> PyResult<TargetLayout> {
    match layout {
        "simplified" => Ok(TargetLayout::Simplified),
        "unknown" => Ok(TargetLayout::Unknown),
        "legacy" => Ok(TargetLayout::Legacy),
        other => Err(invalid_argument(
            py,
            "layout",
            format!("layout must be \"simplified\", \"unknown\" or \"legacy\", not {other:?}"),
        )),
    }
}

/// The server's verdict on a POST body (`bytes` or `str`, exactly as it would be sent).
///
/// `branches` lists the `(group, branch)` pairs registered on the server; without them the
/// branches are unknown, so 803 and 812 are not predicted (warning W22); `pending`
/// lists `(branch, registry_type, key)` of XML rows already pending on the server (813);
/// `layout` is the target TAF's eSocial layout for the 814 hypothesis; `queue_rule` turns on
/// the 807 hypothesis; `missing_columns` names tags whose column the server lacks (808).
/// eSocial events are validated against their layout's schema (W23, step government) unless
/// `schema` is false; `require_signature` and `partial` are as in `validate_event`.
/// Runs with the GIL released; the events of a large lote are checked on every core.
#[pyfunction]
#[pyo3(signature = (body, *, branches=None, pending=None, layout="simplified", queue_rule=false, missing_columns=None, schema=true, require_signature=false, partial=false))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)] // Python keyword arguments
pub(crate) fn preflight(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    branches: Option<Vec<(String, String)>>,
    pending: Option<Vec<(String, String, String)>>,
    layout: &str,
    queue_rule: bool,
    missing_columns: Option<Vec<String>>,
    schema: bool,
    require_signature: bool,
    partial: bool,
) -> PyResult<PyVerdict> {
    PyPreflight::new(
        py,
        branches,
        pending,
        layout,
        queue_rule,
        missing_columns,
        schema,
        require_signature,
        partial,
    )?
    .check(py, body)
}

/// The verdict of `check`, its chunks shared among the machine's cores (the core never starts a
/// thread; this runs with the GIL released). A chunk whose thread could not start or panicked
/// is checked again by the merge, on this thread.
pub(crate) fn on_every_core(check: ChunkedCheck<'_>) -> Verdict {
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let chunks = check.chunks(cores);
    if chunks.len() <= 1 {
        return check.merge([]);
    }
    let parts: Vec<ChunkFindings> = thread::scope(|scope| {
        let check = &check;
        let workers: Vec<_> = chunks
            .into_iter()
            .filter_map(|range| {
                thread::Builder::new()
                    .spawn_scoped(scope, move || check.check_chunk(range))
                    .ok()
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    check.merge(parts)
}

/// The core checker for the arguments of [`preflight`].
pub(crate) fn checker(
    py: Python<'_>,
    branches: Option<Vec<(String, String)>>,
    pending: Option<Vec<(String, String, String)>>,
    layout: &str,
    queue_rule: bool,
    missing_columns: Option<Vec<String>>,
) -> PyResult<Preflight> {
    let missing_columns = missing_columns
        .unwrap_or_default()
        .iter()
        .map(|tag| {
            LoteField::from_tag(tag).ok_or_else(|| {
                invalid_argument(
                    py,
                    "missing_columns",
                    format!("{tag:?} is not a lote field"),
                )
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let mut preflight = Preflight::new({
        let mut set_up =
            ServerRules::new(branches.map_or_else(BranchMap::default, BranchMap::from_pairs));
        set_up.layout = target_layout(py, layout)?;
        set_up.queue_rule = queue_rule;
        set_up.missing_columns = missing_columns;
        set_up
    });
    for (branch, registry_type, key) in pending.unwrap_or_default() {
        preflight.pending.add(&branch, &registry_type, &key);
    }
    Ok(preflight)
}

/// Builds POST bodies from events (XML or TXT `bytes`), returned as `bytes` ready to send.
///
/// Types are detected from the events; keys come from `keys` (one per event, `None` to derive
/// it) or from each XML event's `Id`. Lotes are split by `max_items` and `max_bytes`. Runs with
/// the GIL released. Raises `ValidationError` naming the event's index. Issues a `UserWarning`
/// for what the server accepts but loses (a blank `ticket_code`: no GET by ticket finds it).
#[pyfunction]
#[pyo3(signature = (events, *, ticket_code, source_branch, keys=None, priority=None, queue=false, max_items=None, max_bytes=None))]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)] // pyo3 passes owned lists
pub(crate) fn build_lotes<'py>(
    py: Python<'py>,
    events: Vec<Bound<'py, PyBytes>>,
    ticket_code: String,
    source_branch: String,
    keys: Option<Vec<Option<String>>>,
    priority: Option<String>,
    queue: bool,
    max_items: Option<usize>,
    max_bytes: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyBytes>>> {
    let keys = keys.unwrap_or_default();
    if !keys.is_empty() && keys.len() != events.len() {
        return Err(invalid_argument(
            py,
            "keys",
            format!("{} keys for {} events", keys.len(), events.len()),
        ));
    }
    let mut builder = LoteBuilder::new(ticket_code, source_branch);
    builder.priority = priority;
    builder.queue = queue;
    builder.max_items = max_items;
    builder.max_bytes = max_bytes;
    for finding in builder.warnings() {
        let message = CString::new(format!(
            "{} {}: {}",
            finding.code,
            finding.field.unwrap_or_default(),
            finding.message
        ))
        .unwrap_or_default();
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
    }
    let events: Vec<&[u8]> = events.iter().map(PyBytesMethods::as_bytes).collect();
    let built = py.detach(|| {
        let sources = events.iter().enumerate().map(|(index, &bytes)| Source {
            registry_key: keys.get(index).and_then(Option::as_deref),
            ..Source::new(bytes)
        });
        if builder.max_items.is_none() && builder.max_bytes.is_none() {
            // One lote: streamed into its body, each message encoded once, straight in place.
            let mut body = Vec::new();
            builder.write_to(sources, &mut body).map(|_| vec![body])
        } else {
            builder.build(sources).map(|lotes| {
                lotes
                    .iter()
                    .map(|lote| lote.encode().into_bytes())
                    .collect::<Vec<_>>()
            })
        }
    });
    match built {
        Ok(bodies) => Ok(bodies.iter().map(|body| PyBytes::new(py, body)).collect()),
        Err(error) => Err(validation_error(
            py,
            error.detail(),
            "build_error",
            &format!("events[{}]", error.index()),
        )),
    }
}

/// What an event is: `{"root", "namespace", "element", "id", "version", "code", "declaration"}`
/// as a dict. Raises `ValidationError` for XML that is malformed or has a DOCTYPE.
#[pyfunction]
pub(crate) fn sniff_event<'py>(py: Python<'py>, event: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let info = py
        .detach(|| sniff(event, SniffLimits::default()))
        .map_err(|error| validation_error(py, &error.to_string(), error.code(), "event"))?;
    crate::convert::to_raw(py, &info)
}

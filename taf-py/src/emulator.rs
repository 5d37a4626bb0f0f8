//! The TAF emulator in-process, so Python tests need no server.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use taf_core::emulator::{Clock, Config, Emulator, Tables};
use taf_core::preflight::ServerRules;
use taf_core::server::JobReport;
use taf_core::{BranchMap, Credentials, Headers, HttpRequest, Method};

use crate::convert::to_json;
use crate::errors::invalid_argument;

/// The WSTAFST2 server model: `handle(method, url, body)` answers as the real server would.
#[pyclass(name = "Emulator", module = "totvs_taf")]
pub(crate) struct PyEmulator(Emulator);

#[pymethods]
impl PyEmulator {
    /// `branches` lists `(group, branch)` pairs; the default is T1:0100, T1:0101 and T2:0200.
    /// With `user` and `password`, requests need HTTP Basic authentication.
    #[new]
    #[pyo3(signature = (*, branches=None, user=None, password=None))]
    fn new(
        branches: Option<Vec<(String, String)>>,
        user: Option<String>,
        password: Option<String>,
    ) -> Self {
        let branches = branches.map_or_else(BranchMap::sample, BranchMap::from_pairs);
        Self(Emulator::new({
            let mut set_up = Config::new(ServerRules::new(branches));
            set_up.credentials = user.zip(password).map(Credentials::from);
            set_up
        }))
    }

    /// Answers one request: returns `(status, body)`. `url` is the request target
    /// (`/rest/wstafst2?…`) or an absolute URL.
    #[pyo3(signature = (method, url, body=b"".as_slice(), authorization=None))]
    fn handle<'py>(
        &mut self,
        py: Python<'py>,
        method: &str,
        url: &str,
        body: &[u8],
        authorization: Option<&str>,
    ) -> PyResult<(u16, Bound<'py, PyBytes>)> {
        let method = Method::from_name(&method.to_ascii_uppercase()).ok_or_else(|| {
            invalid_argument(
                py,
                "method",
                format!("{method:?} is not GET, POST or DELETE"),
            )
        })?;
        let mut headers = Headers::new();
        if let Some(value) = authorization {
            headers.insert("Authorization", value);
        }
        let response = self.0.handle(&HttpRequest {
            method,
            url: url.to_owned(),
            headers,
            body: body.to_vec(),
        });
        Ok((response.status, PyBytes::new(py, &response.body)))
    }

    /// Runs the integration job over every pending row.
    fn process(&mut self, py: Python<'_>) -> PyJobReport {
        py.detach(|| PyJobReport(self.0.process()))
    }

    /// Runs the government step: integrated records become transmitted with a receipt.
    fn transmit(&mut self) -> PyJobReport {
        PyJobReport(self.0.transmit())
    }

    /// Sets the server's clock (stamped on rows posted without a date or time) from Unix
    /// seconds.
    fn set_clock(&mut self, unix_seconds: u64) {
        self.0.clock = Clock::from_unix_seconds(unix_seconds);
    }

    /// The tables as JSON (a snapshot to restore with `load_state_json`).
    fn state_json(&self) -> PyResult<String> {
        to_json(&self.0.tables)
    }

    /// Replaces the tables with a snapshot from `state_json`.
    fn load_state_json(&mut self, py: Python<'_>, state: &str) -> PyResult<()> {
        let tables: Tables = serde_json::from_str(state)
            .map_err(|error| invalid_argument(py, "state", error.to_string()))?;
        self.0.tables = tables;
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("Emulator(rows={})", self.0.tables.st2().len())
    }
}

/// What a job run did: rows handled and how many ended in error.
#[pyclass(name = "JobReport", module = "totvs_taf", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyJobReport(JobReport);

#[pymethods]
impl PyJobReport {
    /// Rows (or records) handled.
    #[getter]
    fn handled(&self) -> usize {
        self.0.handled
    }

    /// Of those, how many failed.
    #[getter]
    fn failed(&self) -> usize {
        self.0.failed
    }

    fn __repr__(&self) -> String {
        format!(
            "JobReport(handled={}, failed={})",
            self.0.handled, self.0.failed
        )
    }
}

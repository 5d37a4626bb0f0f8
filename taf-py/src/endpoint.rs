//! Where the service lives: the core `Endpoint` and the requests it builds.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use taf_core::{Credentials, DeleteRequest, Endpoint, HttpRequest, PostRequest};

use crate::convert::with_body;
use crate::errors::invalid_argument;
use crate::query::PyGetQuery;

/// A request ready to send with any HTTP library: method, URL, headers and body.
#[pyclass(name = "HttpRequest", module = "totvs_taf", frozen)]
pub(crate) struct PyHttpRequest(HttpRequest);

#[pymethods]
impl PyHttpRequest {
    /// `GET`, `POST` or `DELETE`.
    #[getter]
    fn method(&self) -> &'static str {
        self.0.method.as_str()
    }

    /// The absolute URL, query included.
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// The headers (an `Authorization` value carries the credentials).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let headers = PyDict::new(py);
        for (name, value) in self.0.headers.iter() {
            headers.set_item(name, value)?;
        }
        Ok(headers)
    }

    /// The body; empty for GET.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.body)
    }

    fn __repr__(&self) -> String {
        format!(
            "HttpRequest({} {}, {} body bytes)",
            self.0.method.as_str(),
            self.0.url,
            self.0.body.len()
        )
    }
}

/// A WSTAFST2 endpoint. `url` is the service URL as the CLI's `--url` reads it: a URL without
/// a path gets `/rest/WSTAFST2`, a trailing `/` is dropped. With `user`, every request carries
/// HTTP Basic credentials (the password never appears in a repr).
#[pyclass(name = "Endpoint", module = "totvs_taf", frozen)]
pub(crate) struct PyEndpoint(Endpoint);

#[pymethods]
impl PyEndpoint {
    #[new]
    #[pyo3(signature = (url, *, user=None, password=None))]
    fn new(
        py: Python<'_>,
        url: &str,
        user: Option<&str>,
        password: Option<&str>,
    ) -> PyResult<Self> {
        let endpoint = Endpoint::from_service_url(url).map_err(|error| {
            crate::errors::validation_error(py, &error.to_string(), error.code(), "url")
        })?;
        Ok(Self(match user {
            Some(user) => {
                endpoint.with_credentials(Credentials::basic(user, password.unwrap_or_default()))
            }
            None => endpoint,
        }))
    }

    /// The service URL, without a query.
    #[getter]
    fn url(&self) -> String {
        self.0.url()
    }

    /// The GET of `query`.
    fn get(&self, query: &PyGetQuery) -> PyHttpRequest {
        PyHttpRequest(self.0.get(query.inner()))
    }

    /// The POST of a lote body (`bytes` or `str`), sent exactly as given.
    fn post(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<PyHttpRequest> {
        let mut request = self.0.post(&PostRequest::default());
        request.body = with_body(py, body, <[u8]>::to_vec)?;
        Ok(PyHttpRequest(request))
    }

    /// The DELETE of whole tickets, routed by `source_branch`.
    #[pyo3(signature = (tickets, *, source_branch=None))]
    #[allow(clippy::needless_pass_by_value)] // pyo3 hands sequence arguments over as a Vec
    fn delete(
        &self,
        py: Python<'_>,
        tickets: Vec<String>,
        source_branch: Option<&str>,
    ) -> PyResult<PyHttpRequest> {
        if tickets.is_empty() {
            return Err(invalid_argument(
                py,
                "tickets",
                "a DELETE names at least one ticket".to_owned(),
            ));
        }
        let request = DeleteRequest::new(tickets);
        Ok(PyHttpRequest(self.0.delete(&request, source_branch)))
    }

    fn __repr__(&self) -> String {
        format!("Endpoint({:?})", self.0.url())
    }
}

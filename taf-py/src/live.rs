//! `totvs_taf.live`: the Totvs Live connector's requests, parsers, `process_status` and the
//! capsule contract.

use live_core::capsule::{Capsule, CustomerInput, Found, StatusInput, StoresInput, read_input};
use live_core::request::{
    self, Confirmation, Identification, Login, Payload, StatusQuery, StoresQuery,
};
use live_core::session::{Call, Finished, Outcome, Output, Session};
use live_core::{
    ErrorMessage, LiveError, LiveRequest, LocalTime, OutboundTicket, Parser, ProcessStatus,
    ProcessStatusPolicy, StatusItem, process_status, ticket_number,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::convert::{py_enum, to_raw};
use crate::errors::{invalid_argument, raise_live};

/// An HTTP POST to the connector: send `body` to `url` with `headers`.
#[pyclass(name = "LiveRequest", module = "totvs_taf.live", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyLiveRequest(LiveRequest);

#[pymethods]
impl PyLiveRequest {
    /// The operation's name (`ConsultarStatusTicketLC_Integracao`, ...).
    #[getter]
    fn operation(&self) -> &'static str {
        self.0.operation.name()
    }

    /// Always "POST".
    #[getter]
    fn method(&self) -> &'static str {
        self.0.method()
    }

    /// The endpoint URL.
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// `Content-Type` and `SOAPAction`.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let headers = PyDict::new(py);
        for (name, value) in self.0.headers() {
            headers.set_item(name, value)?;
        }
        Ok(headers)
    }

    /// The SOAP envelope, UTF-8.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.body.as_bytes())
    }

    /// The Rust `Debug` form: no body (it holds `Senha` or `Chave`), no password in the URL.
    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// One document's status in a ticket.
#[pyclass(
    name = "StatusItem",
    module = "totvs_taf.live",
    frozen,
    eq,
    from_py_object
)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyStatusItem(StatusItem);

#[pymethods]
impl PyStatusItem {
    #[new]
    #[pyo3(signature = (situacao_processamento=None, detalhe_situacao=None, numero_sequencia=None))]
    fn new(
        situacao_processamento: Option<String>,
        detalhe_situacao: Option<String>,
        numero_sequencia: Option<String>,
    ) -> Self {
        Self(StatusItem {
            numero_sequencia,
            situacao_processamento,
            detalhe_situacao,
        })
    }

    /// `NumeroSequencia`.
    #[getter]
    fn numero_sequencia(&self) -> Option<&str> {
        self.0.numero_sequencia.as_deref()
    }

    /// `SituacaoProcessamento`, raw.
    #[getter]
    fn situacao_processamento(&self) -> Option<&str> {
        self.0.situacao_processamento.as_deref()
    }

    /// `DetalheSituacao`; `None` when `i:nil`.
    #[getter]
    fn detalhe_situacao(&self) -> Option<&str> {
        self.0.detalhe_situacao.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "StatusItem(situacao_processamento={:?}, detalhe_situacao={:?}, numero_sequencia={:?})",
            self.0.situacao_processamento, self.0.detalhe_situacao, self.0.numero_sequencia
        )
    }
}

/// An outbound ticket: header strings and documents (dicts in document order).
#[pyclass(name = "OutboundTicket", module = "totvs_taf.live", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyOutboundTicket(OutboundTicket);

#[pymethods]
impl PyOutboundTicket {
    /// `Numero`: the ticket to confirm.
    #[getter]
    fn numero(&self) -> Option<&str> {
        self.0.numero.as_deref()
    }

    /// `Data`, as sent.
    #[getter]
    fn data(&self) -> Option<&str> {
        self.0.data.as_deref()
    }

    /// `Hora`, as sent.
    #[getter]
    fn hora(&self) -> Option<&str> {
        self.0.hora.as_deref()
    }

    /// `CodigoSistemaSatelite`, as sent.
    #[getter]
    fn codigo_sistema_satelite(&self) -> Option<&str> {
        self.0.codigo_sistema_satelite.as_deref()
    }

    /// The documents under `Documentos`.
    #[getter]
    fn documentos<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_raw(py, &self.0.documentos)
    }

    fn __repr__(&self) -> String {
        format!(
            "OutboundTicket(numero={:?}, documentos={})",
            self.0.numero,
            self.0.documentos.len()
        )
    }
}

/// `ConsultarStatusTicketLC_Integracao`.
#[pyfunction]
#[pyo3(signature = (url, *, chave, codigo_sistema_satelite, numero_ticket, parar_processamento_com_erro=None))]
pub(crate) fn status_request(
    url: &str,
    chave: String,
    codigo_sistema_satelite: String,
    numero_ticket: String,
    parar_processamento_com_erro: Option<bool>,
) -> PyLiveRequest {
    PyLiveRequest(request::ticket_status(
        url,
        &StatusQuery {
            chave,
            codigo_sistema_satelite,
            numero_ticket,
            parar_processamento_com_erro,
        },
    ))
}

/// `ObterChaveAcessoLC_Integracao`.
#[pyfunction]
#[pyo3(signature = (url, *, codigo_sistema_satelite, usuario, senha))]
pub(crate) fn access_key_request(
    url: &str,
    codigo_sistema_satelite: String,
    usuario: String,
    senha: String,
) -> PyLiveRequest {
    PyLiveRequest(request::access_key(
        url,
        &Login {
            codigo_sistema_satelite,
            usuario,
            senha,
        },
    ))
}

/// `RecuperarLojasLC_Integracao_Xml`: the document in `parameter` (`xmlIdentificacao`),
/// `retornaTodasLojas` only when given; `payload` is "cdata" or "escaped".
#[pyfunction]
#[pyo3(signature = (url, *, chave, codigo_sistema_satelite, retorna_todas_lojas=None, data=None, hora=None, payload="cdata", parameter=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn stores_request(
    py: Python<'_>,
    url: &str,
    chave: String,
    codigo_sistema_satelite: String,
    retorna_todas_lojas: Option<bool>,
    data: Option<String>,
    hora: Option<String>,
    payload: &str,
    parameter: Option<String>,
) -> PyResult<PyLiveRequest> {
    let payload = match payload {
        "cdata" => Payload::Cdata,
        "escaped" => Payload::Escaped,
        other => {
            return Err(invalid_argument(
                py,
                "payload",
                format!("payload must be \"cdata\" or \"escaped\", not {other:?}"),
            ));
        }
    };
    let defaults = StoresQuery::new(Identification {
        chave,
        codigo_sistema_satelite,
        data,
        hora,
    });
    let mut query = defaults;
    query.all_stores = retorna_todas_lojas;
    query.payload = payload;
    if let Some(parameter) = parameter {
        query.parameter = parameter;
    }
    Ok(PyLiveRequest(request::stores(url, &query)))
}

/// `RecuperarClienteLC_Integracao`.
#[pyfunction]
#[pyo3(signature = (url, *, chave, codigo_sistema_satelite, data=None, hora=None))]
pub(crate) fn customer_request(
    url: &str,
    chave: String,
    codigo_sistema_satelite: String,
    data: Option<String>,
    hora: Option<String>,
) -> PyLiveRequest {
    PyLiveRequest(request::customers(
        url,
        &Identification {
            chave,
            codigo_sistema_satelite,
            data,
            hora,
        },
    ))
}

/// `ConfirmarTicketLC_Integracao`; ticket "0" or blank raises `LiveError` (`invalid_input`).
#[pyfunction]
#[pyo3(signature = (url, *, chave, codigo_sistema_satelite, numero_ticket))]
pub(crate) fn confirm_request(
    py: Python<'_>,
    url: &str,
    chave: String,
    codigo_sistema_satelite: String,
    numero_ticket: String,
) -> PyResult<PyLiveRequest> {
    parsed(
        py,
        request::confirm_ticket(
            url,
            &Confirmation {
                chave,
                codigo_sistema_satelite,
                numero_ticket,
            },
        ),
    )
    .map(PyLiveRequest)
}

fn parsed<T>(py: Python<'_>, result: Result<T, LiveError>) -> PyResult<T> {
    result.map_err(|error| raise_live(py, &error))
}

/// Every status item of a `ConsultarStatusTicketLC_Integracao` answer.
#[pyfunction]
pub(crate) fn parse_status(py: Python<'_>, body: &[u8]) -> PyResult<Vec<PyStatusItem>> {
    let items = parsed(py, py.detach(|| Parser::default().status(body)))?;
    Ok(items.into_iter().map(PyStatusItem).collect())
}

/// The key of an `ObterChaveAcessoLC_Integracao` answer.
#[pyfunction]
pub(crate) fn parse_access_key(py: Python<'_>, body: &[u8]) -> PyResult<String> {
    parsed(py, Parser::default().access_key(body))
}

/// The stores ticket of a `RecuperarLojasLC_Integracao_Xml` answer.
#[pyfunction]
pub(crate) fn parse_stores(py: Python<'_>, body: &[u8]) -> PyResult<PyOutboundTicket> {
    parsed(py, py.detach(|| Parser::default().stores(body))).map(PyOutboundTicket)
}

/// The customers ticket of a `RecuperarClienteLC_Integracao` answer.
#[pyfunction]
pub(crate) fn parse_customers(py: Python<'_>, body: &[u8]) -> PyResult<PyOutboundTicket> {
    parsed(py, py.detach(|| Parser::default().customers(body))).map(PyOutboundTicket)
}

/// Checks a `ConfirmarTicketLC_Integracao` answer (raises `LiveError` otherwise).
#[pyfunction]
pub(crate) fn parse_confirmation(py: Python<'_>, body: &[u8]) -> PyResult<()> {
    parsed(py, Parser::default().confirmation(body))
}

fn process_status_policy(
    py: Python<'_>,
    error_message: &str,
    empty: &str,
) -> PyResult<ProcessStatusPolicy> {
    let error_message = match error_message {
        "non_blank_detail" => ErrorMessage::NonBlankDetail,
        "never" => ErrorMessage::Never,
        other => {
            return Err(invalid_argument(
                py,
                "error_message",
                format!("error_message must be \"non_blank_detail\" or \"never\", not {other:?}"),
            ));
        }
    };
    let empty = match empty {
        "ERROR" => ProcessStatus::Error,
        "SUCCESS" => ProcessStatus::Success,
        "PROCESSING" => ProcessStatus::Processing,
        other => {
            return Err(invalid_argument(
                py,
                "empty",
                format!("empty must be \"ERROR\", \"SUCCESS\" or \"PROCESSING\", not {other:?}"),
            ));
        }
    };
    Ok(ProcessStatusPolicy::new(error_message, empty))
}

/// The capsules' `processStatus` over every item.
#[pyfunction(name = "process_status")]
#[pyo3(signature = (items, *, error_message="non_blank_detail", empty="ERROR"))]
pub(crate) fn py_process_status<'py>(
    py: Python<'py>,
    items: Vec<PyStatusItem>,
    error_message: &str,
    empty: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let policy = process_status_policy(py, error_message, empty)?;
    let items: Vec<StatusItem> = items.into_iter().map(|item| item.0).collect();
    py_enum(py, "ProcessStatus", process_status(&items, policy).name())
}

/// A capsule's output JSON for `operation` (`"consultar_status"`, `"recuperar_lojas"` or
/// `"recuperar_cliente"`): `input` is the capsule's input JSON, `http_status` and `body` the
/// connector's answer, `now_millis` the error output's timestamp.
#[pyfunction]
#[pyo3(signature = (operation, input, http_status, body, now_millis, *, numeric=false, error_message="non_blank_detail", empty="ERROR", stores_found="ticket"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn capsule(
    py: Python<'_>,
    operation: &str,
    input: &str,
    http_status: u16,
    body: &[u8],
    now_millis: u64,
    numeric: bool,
    error_message: &str,
    empty: &str,
    stores_found: &str,
) -> PyResult<String> {
    let stores_found = match stores_found {
        "ticket" => Found::Ticket,
        "documents" => Found::Documents,
        other => {
            return Err(invalid_argument(
                py,
                "stores_found",
                format!("stores_found must be \"ticket\" or \"documents\", not {other:?}"),
            ));
        }
    };
    let mut capsule = Capsule::default();
    capsule.policy = process_status_policy(py, error_message, empty)?;
    capsule.numeric = numeric;
    capsule.stores_found = stores_found;
    let bad_input = |error: LiveError| invalid_argument(py, "input", error.to_string());
    let output = match operation {
        "consultar_status" => {
            let input: StatusInput = read_input(input).map_err(bad_input)?;
            capsule.ticket_status(&input, http_status, body, now_millis)
        }
        "recuperar_lojas" => {
            let input: StoresInput = read_input(input).map_err(bad_input)?;
            capsule.stores(&input, http_status, body, now_millis)
        }
        "recuperar_cliente" => {
            let input: CustomerInput = read_input(input).map_err(bad_input)?;
            capsule.customers(&input, http_status, body, now_millis)
        }
        other => {
            return Err(invalid_argument(
                py,
                "operation",
                format!("unknown capsule operation {other:?}"),
            ));
        }
    };
    Ok(output.json)
}

/// The inbound ticket number for a local time: `0` + `YYMMDDHHMMSS` + milliseconds.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub(crate) fn ticket_number_of(
    py: Python<'_>,
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    millisecond: u16,
) -> PyResult<String> {
    ticket_number(LocalTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        millisecond,
    })
    .map_err(|error| invalid_argument(py, error.element(), error.to_string()))
}

/// The end of a session's call: the operation, whether the key was renewed, the last answer
/// (status and body), and the value (`value()`, which raises `LiveError` when the call failed).
#[pyclass(name = "Finished", module = "totvs_taf.live", frozen)]
pub(crate) struct PyFinished(Finished);

#[pymethods]
impl PyFinished {
    /// The operation's name (`RecuperarClienteLC_Integracao`, ...).
    #[getter]
    fn operation(&self) -> &'static str {
        self.0.operation.name()
    }

    /// Whether a new key was fetched because the connector refused the previous one.
    #[getter]
    fn renewed(&self) -> bool {
        self.0.renewed
    }

    /// The HTTP status of the last answer (0 when nothing was sent).
    #[getter]
    fn status(&self) -> u16 {
        self.0.status
    }

    /// The body of the last answer, as received.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.body)
    }

    /// Whether the call gave its value.
    #[getter]
    fn ok(&self) -> bool {
        self.0.result.is_ok()
    }

    /// The value: the key (`str`), the status items, the ticket, or `None` (confirmation);
    /// raises `LiveError` when the call failed (`invalid_access_key` after the one renewal,
    /// `http_status`, `no_login`, ...).
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.0.result {
            Ok(Outcome::Key(key)) => Ok(key.into_pyobject(py)?.into_any()),
            Ok(Outcome::Status(items)) => Ok(items
                .iter()
                .map(|item| PyStatusItem(item.clone()))
                .collect::<Vec<_>>()
                .into_pyobject(py)?
                .into_any()),
            Ok(Outcome::Ticket(ticket)) => {
                Ok(Bound::new(py, PyOutboundTicket(ticket.clone()))?.into_any())
            }
            Ok(_) => Ok(py.None().into_bound(py)),
            Err(error) => Err(raise_live(py, error)),
        }
    }

    fn __repr__(&self) -> String {
        let result = match &self.0.result {
            Ok(_) => "ok".to_owned(),
            Err(error) => error.code().to_owned(),
        };
        format!(
            "Finished(operation={:?}, result={result:?}, renewed={}, status={})",
            self.0.operation.name(),
            self.0.renewed,
            self.0.status
        )
    }
}

/// The Live session (live-core's sans-IO state machine): fetch a key, send, renew the key once
/// when the connector refuses it, judge by fault before HTTP status. The caller does the HTTP:
/// `start(...)`, then `poll()` until it gives a `Finished`, sending each `LiveRequest` it gives
/// and feeding the answer to `handle_response`.
#[pyclass(name = "Session", module = "totvs_taf.live")]
pub(crate) struct PySession {
    session: Session,
    satellite: String,
}

#[pymethods]
impl PySession {
    #[new]
    #[pyo3(signature = (url, *, codigo_sistema_satelite, usuario=None, senha=None, chave=None))]
    fn new(
        url: &str,
        codigo_sistema_satelite: String,
        usuario: Option<String>,
        senha: Option<String>,
        chave: Option<String>,
    ) -> Self {
        let login = usuario.map(|usuario| Login {
            codigo_sistema_satelite: codigo_sistema_satelite.clone(),
            usuario,
            senha: senha.unwrap_or_default(),
        });
        Self {
            session: Session::new(url, login, chave),
            satellite: codigo_sistema_satelite,
        }
    }

    /// The key the session holds; `None` before one is fetched or after it was refused.
    #[getter]
    fn chave(&self) -> Option<&str> {
        self.session.key()
    }

    /// Starts a call, abandoning any in progress: `operation` is `"access_key"`,
    /// `"ticket_status"` (with `numero_ticket`), `"stores"` (optional `retorna_todas_lojas`),
    /// `"customers"` or `"confirm_ticket"` (with `numero_ticket`).
    #[pyo3(signature = (operation, *, numero_ticket=None, retorna_todas_lojas=None))]
    fn start(
        &mut self,
        py: Python<'_>,
        operation: &str,
        numero_ticket: Option<&str>,
        retorna_todas_lojas: Option<bool>,
    ) -> PyResult<()> {
        let satellite = self.satellite.as_str();
        let ticket = || {
            numero_ticket.ok_or_else(|| {
                invalid_argument(
                    py,
                    "numero_ticket",
                    format!("{operation} needs numero_ticket"),
                )
            })
        };
        let call = match operation {
            "access_key" => Call::AccessKey,
            "ticket_status" => Call::ticket_status(satellite, ticket()?),
            "stores" => {
                let mut query = StoresQuery::new(Identification::new(satellite));
                query.all_stores = retorna_todas_lojas;
                Call::Stores(query)
            }
            "customers" => Call::customers(Identification::new(satellite)),
            "confirm_ticket" => Call::confirm_ticket(satellite, ticket()?),
            other => {
                return Err(invalid_argument(
                    py,
                    "operation",
                    format!(
                        "operation must be access_key, ticket_status, stores, customers or confirm_ticket, not {other:?}"
                    ),
                ));
            }
        };
        self.session.start(call);
        Ok(())
    }

    /// The next output: a `LiveRequest` to send, the `Finished` call, or `None` while an
    /// answer is awaited (or before `start`).
    fn poll<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(match self.session.poll_output() {
            Some(Output::Transmit(request)) => {
                Some(Bound::new(py, PyLiveRequest(request))?.into_any())
            }
            Some(Output::Finished(finished)) => {
                Some(Bound::new(py, PyFinished(finished))?.into_any())
            }
            None => None,
            Some(other) => {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
                    "a session output this version does not know: {other:?}"
                )));
            }
        })
    }

    /// Feeds the answer to the request last polled; raises `LiveError` (`no_request`) when no
    /// request is waiting for one.
    fn handle_response(&mut self, py: Python<'_>, status: u16, body: &[u8]) -> PyResult<()> {
        parsed(py, self.session.handle_response(status, body.to_vec()))
    }

    fn __repr__(&self) -> String {
        format!("Session(codigo_sistema_satelite={:?})", self.satellite)
    }
}

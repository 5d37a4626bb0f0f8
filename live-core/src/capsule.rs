//! The Digibee "Totvs Live" capsule contract: JSON inputs, success and error outputs (spec §6).
//!
//! Identifiers, dates and times stay strings by default, so no leading zero is lost; the
//! stores capsule can render the Digibee numeric forms instead ([`Capsule::numeric`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::LiveError;
use crate::operation::Operation;
use crate::request::{self, Identification, LiveRequest, Payload, StatusQuery};
use crate::response::{Field, OutboundTicket, Parser, StatusItem};
use crate::status::{ProcessStatus, StatusPolicy, process_status};

/// Input of the Query Ticket Status capsule.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusInput {
    /// `chaveAcesso`.
    pub chave_acesso: String,
    /// `codigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `numeroTicket`: the inbound ticket.
    pub numero_ticket: String,
    /// `manter`: any JSON value, echoed byte for byte.
    #[serde(default)]
    pub manter: Option<Box<RawValue>>,
}

/// Input of the Retrieve Stores capsule.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoresInput {
    /// `retornaTodasLojas`: the string `"true"` or `"false"`.
    pub retorna_todas_lojas: String,
    /// `chaveAcesso`.
    pub chave_acesso: String,
    /// `codigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `manter`: any JSON value, echoed byte for byte.
    #[serde(default)]
    pub manter: Option<Box<RawValue>>,
}

/// Input of the Retrieve Customer capsule.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    /// `chaveAcesso`.
    pub chave_acesso: String,
    /// `codigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `manter`: any JSON value, echoed byte for byte.
    #[serde(default)]
    pub manter: Option<Box<RawValue>>,
}

/// Reads a capsule input; the error names the field and the position.
pub fn read_input<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(json)
}

impl StatusInput {
    /// The SOAP request for this input.
    pub fn request(&self, url: &str) -> LiveRequest {
        request::consultar_status_ticket(
            url,
            &StatusQuery {
                chave: self.chave_acesso.clone(),
                codigo_sistema_satelite: self.codigo_sistema_satelite.clone(),
                numero_ticket: self.numero_ticket.clone(),
                parar_processamento_com_erro: None,
            },
        )
    }
}

impl StoresInput {
    /// The SOAP request for this input (`retornaTodasLojas` other than "true", any case, means
    /// false).
    pub fn request(&self, url: &str) -> LiveRequest {
        request::recuperar_lojas(
            url,
            &Identification {
                chave: self.chave_acesso.clone(),
                codigo_sistema_satelite: self.codigo_sistema_satelite.clone(),
                data: None,
                hora: None,
            },
            self.retorna_todas_lojas.trim().eq_ignore_ascii_case("true"),
            Payload::Cdata,
        )
    }
}

impl CustomerInput {
    /// The SOAP request for this input.
    pub fn request(&self, url: &str) -> LiveRequest {
        request::recuperar_cliente(
            url,
            &Identification {
                chave: self.chave_acesso.clone(),
                codigo_sistema_satelite: self.codigo_sistema_satelite.clone(),
                data: None,
                hora: None,
            },
        )
    }
}

/// Why a capsule call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The HTTP status was not 2xx (and the body held no SOAP fault).
    Http(u16),
    /// The response was a fault or could not be used.
    Response(LiveError),
}

/// A capsule's output: the JSON it emits and, for the error output, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapsuleOutput {
    /// The output document.
    pub json: String,
    /// `None` for the success output.
    pub failure: Option<Failure>,
}

/// The capsules' behaviour: the parser, the `processStatus` policy and the numeric option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capsule {
    /// Parses the responses.
    pub parser: Parser,
    /// The `processStatus` knobs.
    pub policy: StatusPolicy,
    /// Render the stores capsule's `data`, `hora`, `codigoSistemaSatelite` and
    /// `numeroTicketSaida` as JSON numbers, as Digibee does (lossy: `01062019` → `1062019`).
    pub numeric: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusSuccess<'a> {
    encontrou_registros: bool,
    status: u16,
    process_status: ProcessStatus,
    items: &'a [StatusItem],
    numero_ticket: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    manter: Option<&'a RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StoresSuccess<'a> {
    encontrou_registros: bool,
    status: u16,
    data: Value,
    hora: Value,
    codigo_sistema_satelite: Value,
    numero_ticket_saida: Value,
    lojas: &'a [Field],
    #[serde(skip_serializing_if = "Option::is_none")]
    manter: Option<&'a RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CustomerSuccess<'a> {
    encontrou_registros: bool,
    status: u16,
    data: Value,
    hora: Value,
    numero_ticket_saida: Value,
    codigo_sistema_satelite: Value,
    clientes: &'a [Field],
    #[serde(skip_serializing_if = "Option::is_none")]
    manter: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct CapsuleError<'a> {
    timestamp: u64,
    error: &'a str,
    code: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    manter: Option<&'a RawValue>,
}

impl Capsule {
    /// Query Ticket Status: the success output, or the error output stamped `now_millis`.
    pub fn consultar_status(
        &self,
        input: &StatusInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        let operation = Operation::ConsultarStatusTicket;
        match Self::answer(http_status, body, |bytes| self.parser.status(bytes)) {
            Ok(items) => success(&StatusSuccess {
                encontrou_registros: !items.is_empty(),
                status: http_status,
                process_status: process_status(&items, self.policy),
                items: &items,
                numero_ticket: &input.numero_ticket,
                manter,
            }),
            Err(failure) => error(operation, failure, now_millis, manter),
        }
    }

    /// Retrieve Stores: the success output, or the error output stamped `now_millis`.
    pub fn recuperar_lojas(
        &self,
        input: &StoresInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        match Self::answer(http_status, body, |bytes| self.parser.lojas(bytes)) {
            Ok(ticket) => {
                let field = |value: &Option<String>| Self::render(value.as_ref(), self.numeric);
                success(&StoresSuccess {
                    encontrou_registros: !ticket.documentos.is_empty(),
                    status: http_status,
                    data: field(&ticket.data),
                    hora: field(&ticket.hora),
                    codigo_sistema_satelite: field(&ticket.codigo_sistema_satelite),
                    numero_ticket_saida: field(&ticket.numero),
                    lojas: &ticket.documentos,
                    manter,
                })
            }
            Err(failure) => error(Operation::RecuperarLojas, failure, now_millis, manter),
        }
    }

    /// Retrieve Customer: the success output (no documents is still a success), or the error
    /// output stamped `now_millis`.
    pub fn recuperar_cliente(
        &self,
        input: &CustomerInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        match Self::answer(http_status, body, |bytes| self.parser.cliente(bytes)) {
            Ok(OutboundTicket {
                numero,
                data,
                hora,
                codigo_sistema_satelite,
                documentos,
            }) => success(&CustomerSuccess {
                encontrou_registros: !documentos.is_empty(),
                status: http_status,
                data: Self::render(data.as_ref(), false),
                hora: Self::render(hora.as_ref(), false),
                numero_ticket_saida: Self::render(numero.as_ref(), false),
                codigo_sistema_satelite: Self::render(codigo_sistema_satelite.as_ref(), false),
                clientes: &documentos,
                manter,
            }),
            Err(failure) => error(Operation::RecuperarCliente, failure, now_millis, manter),
        }
    }

    /// The parsed answer; a fault in the body wins over the HTTP status (WCF sends faults
    /// with HTTP 500).
    fn answer<T>(
        http_status: u16,
        body: &[u8],
        parse: impl FnOnce(&[u8]) -> Result<T, LiveError>,
    ) -> Result<T, Failure> {
        match parse(body) {
            Ok(_) if !(200..300).contains(&http_status) => Err(Failure::Http(http_status)),
            Ok(value) => Ok(value),
            Err(error)
                if error.kind == crate::LiveErrorKind::UnexpectedResponse
                    && !(200..300).contains(&http_status) =>
            {
                Err(Failure::Http(http_status))
            }
            Err(error) => Err(Failure::Response(error)),
        }
    }

    /// A header value: a string, `null` when absent, or a number in numeric mode when it is
    /// all digits and fits.
    fn render(value: Option<&String>, numeric: bool) -> Value {
        match value {
            None => Value::Null,
            Some(text) if numeric => text
                .parse::<u64>()
                .ok()
                .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
                .map_or_else(|| Value::String(text.clone()), Value::from),
            Some(text) => Value::String(text.clone()),
        }
    }
}

fn success(output: &impl Serialize) -> CapsuleOutput {
    CapsuleOutput {
        json: serde_json::to_string(output).unwrap_or_default(),
        failure: None,
    }
}

fn error(
    operation: Operation,
    failure: Failure,
    now_millis: u64,
    manter: Option<&RawValue>,
) -> CapsuleOutput {
    let output = CapsuleError {
        timestamp: now_millis,
        error: operation.capsule_error().unwrap_or_default(),
        code: 500,
        manter,
    };
    CapsuleOutput {
        json: serde_json::to_string(&output).unwrap_or_default(),
        failure: Some(failure),
    }
}

//! The Digibee "Totvs Live" capsule contract: JSON inputs, success and error outputs (spec §6).
//!
//! Identifiers, dates and times stay strings by default, so no leading zero is lost; the
//! stores capsule can render the Digibee numeric forms instead ([`Capsule::numeric`]).
//!
//! `encontrouRegistros` of the stores capsule: Digibee's documentation shows `true` with
//! `"lojas": []`, so it cannot mean "documents non-empty" there; by default it means "the
//! answer carried a ticket" (a `Numero` other than blank or "0", the number Protheus never
//! confirms). [`Capsule::stores_found`] picks the other reading ([`Found::Documents`]). The
//! customers capsule's example (`false` with `"clientes": []`) fits "documents non-empty",
//! which it always uses; the status capsule's is "items non-empty".

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{LiveError, LiveErrorKind, judge};
use crate::operation::Operation;
use crate::request::{Identification, StatusQuery, StoresQuery};
use crate::response::{Field, OutboundTicket, Parser, StatusItem};
use crate::session::Call;
use crate::status::{ProcessStatus, ProcessStatusPolicy, process_status};

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

/// Reads a capsule input; the error ([`LiveErrorKind::InvalidInput`]) names the field and the
/// position.
pub fn read_input<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, LiveError> {
    serde_json::from_str(json).map_err(|error| {
        LiveError::new(
            LiveErrorKind::InvalidInput,
            byte_offset(json, error.line(), error.column()),
            error.to_string(),
        )
    })
}

/// The byte offset of a 1-based line and column (`serde_json`'s position of an error).
fn byte_offset(text: &str, line: usize, column: usize) -> u64 {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    u64::try_from(line_start + column.saturating_sub(1)).unwrap_or(u64::MAX)
}

impl StatusInput {
    /// The call for this input, to make through a [`Session`](crate::session::Session).
    pub fn call(&self) -> Call {
        Call::TicketStatus(StatusQuery {
            chave: self.chave_acesso.clone(),
            codigo_sistema_satelite: self.codigo_sistema_satelite.clone(),
            numero_ticket: self.numero_ticket.clone(),
            parar_processamento_com_erro: None,
        })
    }
}

impl StoresInput {
    /// The call for this input (`retornaTodasLojas` other than "true", any case, means false).
    pub fn call(&self) -> Call {
        Call::Stores(StoresQuery {
            all_stores: Some(self.retorna_todas_lojas.trim().eq_ignore_ascii_case("true")),
            ..StoresQuery::new(self.identification())
        })
    }

    fn identification(&self) -> Identification {
        Identification {
            chave: self.chave_acesso.clone(),
            ..Identification::new(&self.codigo_sistema_satelite)
        }
    }
}

impl CustomerInput {
    /// The call for this input.
    pub fn call(&self) -> Call {
        Call::Customers(Identification {
            chave: self.chave_acesso.clone(),
            ..Identification::new(&self.codigo_sistema_satelite)
        })
    }
}

/// A capsule's output: the JSON it emits and, for the error output, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapsuleOutput {
    /// The output document.
    pub json: String,
    /// `None` for the success output.
    pub failure: Option<LiveError>,
}

/// What the stores capsule's `encontrouRegistros` says (module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Found {
    /// The answer carried a ticket: a `Numero` other than blank or "0" (default).
    #[default]
    Ticket,
    /// The ticket holds at least one document.
    Documents,
}

impl Found {
    /// Whether `ticket` counts as found.
    pub fn of(self, ticket: &OutboundTicket) -> bool {
        match self {
            Self::Ticket => ticket
                .numero
                .as_deref()
                .map(str::trim)
                .is_some_and(|numero| !numero.is_empty() && numero != "0"),
            Self::Documents => !ticket.documentos.is_empty(),
        }
    }
}

/// The capsules' behaviour: the parser, the `processStatus` policy, the numeric option and
/// the stores capsule's `encontrouRegistros` reading. Fields may be added: start from
/// `Capsule::default()` and set the fields to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Capsule {
    /// Parses the responses.
    pub parser: Parser,
    /// The `processStatus` knobs.
    pub policy: ProcessStatusPolicy,
    /// Render the stores capsule's `data`, `hora`, `codigoSistemaSatelite` and
    /// `numeroTicketSaida` as JSON numbers, as Digibee does (lossy: `01062019` → `1062019`).
    pub numeric: bool,
    /// What the stores capsule's `encontrouRegistros` means.
    pub stores_found: Found,
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
    pub fn ticket_status(
        &self,
        input: &StatusInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        let operation = Operation::TicketStatus;
        match judge(http_status, self.parser.status(body)) {
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
    pub fn stores(
        &self,
        input: &StoresInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        match judge(http_status, self.parser.stores(body)) {
            Ok(ticket) => {
                let field = |value: &Option<String>| Self::render(value.as_ref(), self.numeric);
                success(&StoresSuccess {
                    encontrou_registros: self.stores_found.of(&ticket),
                    status: http_status,
                    data: field(&ticket.data),
                    hora: field(&ticket.hora),
                    codigo_sistema_satelite: field(&ticket.codigo_sistema_satelite),
                    numero_ticket_saida: field(&ticket.numero),
                    lojas: &ticket.documentos,
                    manter,
                })
            }
            Err(failure) => error(Operation::Stores, failure, now_millis, manter),
        }
    }

    /// Retrieve Customer: the success output (no documents is still a success), or the error
    /// output stamped `now_millis`.
    pub fn customers(
        &self,
        input: &CustomerInput,
        http_status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        let manter = input.manter.as_deref();
        match judge(http_status, self.parser.customers(body)) {
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
            Err(failure) => error(Operation::Customers, failure, now_millis, manter),
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
    failure: LiveError,
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

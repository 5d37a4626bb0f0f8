//! The Totvs Live connector: request builders (as `taf_http_request` values), parsers,
//! `processStatus` and ticket numbers (the capsule contract is in `live_capsule`).

use std::ffi::c_char;

use live_core::request::{self, Confirmation, Identification, Login, StatusQuery, StoresQuery};
use live_core::{
    ErrorMessage, LiveError, LiveErrorKind, LiveRequest, LocalTime, Parser, ProcessStatus,
    ProcessStatusPolicy, StatusItem, process_status, ticket_number,
};
use taf_core::HttpRequest;

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::request::taf_http_request;
use crate::result::taf_result;
use crate::{input, output};

/// A Live operation.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_live_operation {
    /// `ObterChaveAcessoLC_Integracao`.
    AccessKey = 0,
    /// `ConsultarStatusTicketLC_Integracao`.
    Status = 1,
    /// `RecuperarLojasLC_Integracao_Xml`.
    Stores = 2,
    /// `RecuperarClienteLC_Integracao`.
    Customers = 3,
    /// `ConfirmarTicketLC_Integracao`.
    Confirm = 4,
}

impl taf_live_operation {
    /// The operation with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    pub(crate) fn from_number(number: u32) -> Result<Self, CallError> {
        match number {
            0 => Ok(Self::AccessKey),
            1 => Ok(Self::Status),
            2 => Ok(Self::Stores),
            3 => Ok(Self::Customers),
            4 => Ok(Self::Confirm),
            _ => Err(CallError::not_a_value_of("taf_live_operation", number)),
        }
    }
}

/// The capsules' `processStatus`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_process_status {
    /// Some document is still waiting.
    Processing = 0,
    /// Nothing waits and something failed.
    Error = 1,
    /// Every document was processed cleanly.
    Success = 2,
}

impl taf_process_status {
    /// The `processStatus` with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    pub(crate) fn from_number(number: u32) -> Result<ProcessStatus, CallError> {
        match number {
            0 => Ok(ProcessStatus::Processing),
            1 => Ok(ProcessStatus::Error),
            2 => Ok(ProcessStatus::Success),
            _ => Err(CallError::not_a_value_of("taf_process_status", number)),
        }
    }
}

/// The parsed status items of a `ConsultarStatusTicketLC_Integracao` answer.
pub struct taf_live_status {
    _private: [u8; 0],
}

impl Handle for taf_live_status {
    type Inner = Vec<StatusItem>;
}

/// The request arguments of every operation; unused ones are ignored. Each text and its
/// length follow the pointer rules: NULL with length 0 is empty, NULL with a length is
/// refused with `TAF_RESULT_NULL_ARGUMENT`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct taf_live_args {
    /// `Chave` (every operation but the access key).
    pub chave: *const c_char,
    /// Its length.
    pub chave_len: usize,
    /// `CodigoSistemaSatelite`.
    pub codigo: *const c_char,
    /// Its length.
    pub codigo_len: usize,
    /// `NumeroTicket` (status, confirm).
    pub ticket: *const c_char,
    /// Its length.
    pub ticket_len: usize,
    /// `Usuario` (access key).
    pub usuario: *const c_char,
    /// Its length.
    pub usuario_len: usize,
    /// `Senha` (access key).
    pub senha: *const c_char,
    /// Its length.
    pub senha_len: usize,
    /// `RetornaTodasLojas` (stores).
    pub all_stores: bool,
}

/// The text at `ptr`: empty for NULL with length 0, `TAF_RESULT_NULL_ARGUMENT` for NULL with
/// a length.
///
/// # Safety
/// `ptr` is NULL or readable for `len` bytes.
unsafe fn text_or_empty(ptr: *const c_char, len: usize) -> Result<String, CallError> {
    // SAFETY: forwarded from the caller.
    Ok(unsafe { input::text(ptr, len) }?.to_owned())
}

/// Builds the SOAP request of `operation` (a `taf_live_operation` value) for `url` as an HTTP
/// request to free with `taf_http_request_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation); the
/// pointers inside `args` too.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_request(
    operation: u32,
    url: *const c_char,
    url_len: usize,
    args: *const taf_live_args,
    out: *mut *mut taf_http_request,
) -> taf_result {
    guard(|| {
        let operation = taf_live_operation::from_number(operation)?;
        // SAFETY: `url` and `args` follow the pointer rules.
        let (url, args) = unsafe { (input::text(url, url_len)?, args.as_ref()) };
        let args = args.ok_or(CallError::bare(taf_result::NullArgument))?;
        // SAFETY: the pointers inside `args` follow the pointer rules.
        let (chave, codigo, ticket) = unsafe {
            (
                text_or_empty(args.chave, args.chave_len)?,
                text_or_empty(args.codigo, args.codigo_len)?,
                text_or_empty(args.ticket, args.ticket_len)?,
            )
        };
        let identification = || Identification {
            chave: chave.clone(),
            codigo_sistema_satelite: codigo.clone(),
            data: None,
            hora: None,
        };
        let built = match operation {
            taf_live_operation::AccessKey => {
                // SAFETY: the pointers inside `args` follow the pointer rules.
                let (usuario, senha) = unsafe {
                    (
                        text_or_empty(args.usuario, args.usuario_len)?,
                        text_or_empty(args.senha, args.senha_len)?,
                    )
                };
                request::access_key(
                    url,
                    &Login {
                        codigo_sistema_satelite: codigo.clone(),
                        usuario,
                        senha,
                    },
                )
            }
            taf_live_operation::Status => request::ticket_status(
                url,
                &StatusQuery {
                    chave: chave.clone(),
                    codigo_sistema_satelite: codigo.clone(),
                    numero_ticket: ticket.clone(),
                    parar_processamento_com_erro: None,
                },
            ),
            taf_live_operation::Stores => request::stores(
                url,
                &StoresQuery::new(identification()).with_all_stores(args.all_stores),
            ),
            taf_live_operation::Customers => request::customers(url, &identification()),
            taf_live_operation::Confirm => request::confirm_ticket(
                url,
                &Confirmation {
                    chave: chave.clone(),
                    codigo_sistema_satelite: codigo.clone(),
                    numero_ticket: ticket.clone(),
                },
            )
            .map_err(|error| live_failure(&error))?,
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, http_request(built)?) }
    })
}

/// A Live request as the library's HTTP request value, through the `http` crate's request
/// (live-core and taf-core each convert to and from it); an invalid URL is an invalid argument.
pub(crate) fn http_request(live: LiveRequest) -> Result<HttpRequest, CallError> {
    let invalid = |error: String| CallError::new(taf_result::InvalidArgument, error);
    let request = live
        .into_http()
        .map_err(|error| invalid(error.to_string()))?;
    HttpRequest::try_from(request).map_err(|error| invalid(error.to_string()))
}

/// The result code of a Live failure.
pub(crate) fn live_failure(error: &LiveError) -> CallError {
    let code = match error.kind() {
        LiveErrorKind::InvalidAccessKey => taf_result::InvalidAccessKey,
        LiveErrorKind::TooLarge
        | LiveErrorKind::TooDeep
        | LiveErrorKind::Doctype
        | LiveErrorKind::Malformed => taf_result::DecodeError,
        LiveErrorKind::InvalidInput => taf_result::InvalidArgument,
        LiveErrorKind::NoLogin | LiveErrorKind::NoRequest => taf_result::InvalidState,
        // Faults, unexpected answers, HTTP failures and kinds added later.
        _ => taf_result::LiveFault,
    };
    CallError::new(code, error.to_string())
}

/// Parses a status answer into a handle to free with `taf_live_status_free`. Faults give
/// `TAF_RESULT_LIVE_FAULT` or `TAF_RESULT_INVALID_ACCESS_KEY`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_parse(
    body: *const u8,
    len: usize,
    out: *mut *mut taf_live_status,
) -> taf_result {
    guard(|| {
        // SAFETY: `body` follows the pointer rules.
        let body = unsafe { input::bytes(body, len) }?;
        let items = Parser::default()
            .status(body)
            .map_err(|error| live_failure(&error))?;
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, items) }
    })
}

/// Stores the number of status items at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_count(
    status: *const taf_live_status,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(status)?.len()) }
    })
}

/// Which text of a status item to read.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_live_status_field {
    /// `SituacaoProcessamento`, raw.
    Situacao = 0,
    /// `DetalheSituacao` (`TAF_RESULT_ABSENT` when `i:nil`).
    Detalhe = 1,
    /// `NumeroSequencia`.
    NumeroSequencia = 2,
}

impl taf_live_status_field {
    /// The field with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<Self, CallError> {
        match number {
            0 => Ok(Self::Situacao),
            1 => Ok(Self::Detalhe),
            2 => Ok(Self::NumeroSequencia),
            _ => Err(CallError::not_a_value_of("taf_live_status_field", number)),
        }
    }
}

/// Writes a text (`field`, a `taf_live_status_field` value) of status item `index`;
/// `TAF_RESULT_ABSENT` when the member is absent or nil.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_text(
    status: *const taf_live_status,
    index: usize,
    field: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        let field = taf_live_status_field::from_number(field)?;
        // SAFETY: `status` follows the pointer rules.
        let items = unsafe { handle::get(status) }?;
        let item = items.get(index).ok_or_else(|| {
            CallError::new(
                taf_result::OutOfRange,
                format!("item {index} of {}", items.len()),
            )
        })?;
        let text = match field {
            taf_live_status_field::Situacao => &item.situacao_processamento,
            taf_live_status_field::Detalhe => &item.detalhe_situacao,
            taf_live_status_field::NumeroSequencia => &item.numero_sequencia,
        };
        let text = text.as_deref().ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, text) }
    })
}

/// Stores the ticket's `processStatus` at `out`: `detail_is_error` says whether a non-blank
/// detail on a processed item counts as an error (the default reading), `empty` (a
/// `taf_process_status` value) what a ticket without items yields.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_process_status(
    status: *const taf_live_status,
    detail_is_error: bool,
    empty: u32,
    out: *mut taf_process_status,
) -> taf_result {
    guard(|| {
        let policy =
            process_status_policy(detail_is_error, taf_process_status::from_number(empty)?);
        // SAFETY: `status` follows the pointer rules.
        let items = unsafe { handle::get(status) }?;
        let verdict = match process_status(items, policy) {
            ProcessStatus::Processing => taf_process_status::Processing,
            ProcessStatus::Error => taf_process_status::Error,
            ProcessStatus::Success => taf_process_status::Success,
            other => return Err(CallError::no_c_value("taf_process_status", &other)),
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { output::set(out, verdict) }
    })
}

/// The `processStatus` policy of the C parameters and of the bridge's `detailIsError` and
/// `empty`: `detail_is_error` picks the error-message reading, `empty` what a ticket without
/// items yields.
pub(crate) fn process_status_policy(
    detail_is_error: bool,
    empty: ProcessStatus,
) -> ProcessStatusPolicy {
    let error_message = if detail_is_error {
        ErrorMessage::NonBlankDetail
    } else {
        ErrorMessage::Never
    };
    ProcessStatusPolicy::new(error_message, empty)
}

/// Frees parsed status items; NULL is a no-op.
///
/// # Safety
/// `status` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_status_free(status: *mut taf_live_status) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(status) });
}

/// Writes what an answer to `operation` (a `taf_live_operation` value) holds: the key (access key), the ticket as JSON (stores, customers),
/// the status items as JSON (status), or nothing (confirm). Faults give
/// `TAF_RESULT_LIVE_FAULT` or `TAF_RESULT_INVALID_ACCESS_KEY`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_parse(
    operation: u32,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        let operation = taf_live_operation::from_number(operation)?;
        // SAFETY: `body` follows the pointer rules.
        let body = unsafe { input::bytes(body, body_len) }?;
        let parser = Parser::default();
        let fail = |error: LiveError| live_failure(&error);
        let text = match operation {
            taf_live_operation::AccessKey => parser.access_key(body).map_err(fail)?,
            taf_live_operation::Status => json(&parser.status(body).map_err(fail)?)?,
            taf_live_operation::Stores => json(&parser.stores(body).map_err(fail)?)?,
            taf_live_operation::Customers => json(&parser.customers(body).map_err(fail)?)?,
            taf_live_operation::Confirm => {
                parser.confirmation(body).map_err(fail)?;
                String::new()
            }
        };
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &text) }
    })
}

/// `value` as JSON text.
pub(crate) fn json(value: &impl serde::Serialize) -> Result<String, CallError> {
    serde_json::to_string(value)
        .map_err(|error| CallError::new(taf_result::Panic, error.to_string()))
}

/// Writes the inbound ticket number of a local time: `0` + `YYMMDDHHMMSS` + milliseconds.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_ticket_number(
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    millisecond: u16,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        let number = ticket_number(LocalTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            millisecond,
        })
        .map_err(|error| CallError::new(taf_result::InvalidArgument, error.to_string()))?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &number) }
    })
}

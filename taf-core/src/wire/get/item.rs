//! The three kinds of GET item (spec §4.4): processed, accepted-not-processed, not found.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::catalog::{Priority, RecordStatus, XerpError};
use crate::wire::KeyKind;
use crate::wire::json::{Reader, push_escaped};
use crate::wire::messages;
use crate::wire::text::{all_trim, decode_text};
use crate::wire::{DecodeError, DecodeErrorKind};

/// The identifier an item carries: the other key of the search (the row's TAFTICKET in key
/// mode, its TAFKEY otherwise), except in [`NotFoundItem`] where the server swaps them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemId {
    /// `"ticketCode" : "…"`.
    TicketCode(String),
    /// `"registryKey" : "…"`.
    RegistryKey(String),
}

impl ItemId {
    /// An identifier of the given kind.
    pub fn new(kind: KeyKind, value: impl Into<String>) -> Self {
        match kind {
            KeyKind::TicketCode => Self::TicketCode(value.into()),
            KeyKind::RegistryKey => Self::RegistryKey(value.into()),
        }
    }

    /// Which key the identifier names.
    pub fn kind(&self) -> KeyKind {
        match self {
            Self::TicketCode(_) => KeyKind::TicketCode,
            Self::RegistryKey(_) => KeyKind::RegistryKey,
        }
    }

    /// The identifier's value.
    pub fn value(&self) -> &str {
        match self {
            Self::TicketCode(value) | Self::RegistryKey(value) => value,
        }
    }

    fn encode_into(&self, out: &mut String) {
        out.push_str(",\"");
        out.push_str(self.kind().wire_name());
        out.push_str("\" : \"");
        push_escaped(out, self.value());
        out.push('"');
    }
}

/// One `streamingErrors[]` entry: a government (RET) error of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamingError {
    /// `streamingErrorCode`: zero-padded to three digits when it comes from TAF's table V2H.
    #[serde(rename = "streamingErrorCode")]
    pub code: String,
    /// `streamingErrorDetail`: may carry trailing spaces.
    #[serde(rename = "streamingErrorDetail")]
    pub detail: String,
}

/// `deleteType` of a processed exclusion (S-3000 or S-3500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeleteType {
    /// "1": the S-3000 record exists and is or was transmitted.
    Exclusion,
    /// "0": the target was never transmitted, so TAF deleted it directly.
    Direct,
}

/// Variant A: the record was processed and integrated (`proccessed` true).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessedItem {
    /// "Registro Processado." in Portuguese installations.
    pub description: String,
    /// The row's other key.
    #[serde(flatten)]
    pub id: ItemId,
    /// Raw `statusCode`: `" "` for a blank status, `""` when TAF could not position the record
    /// or on TAFXERP code 000026. See [`ProcessedItem::status`].
    pub status_code: String,
    /// `statusDescription`; `None` when the server's `MV_TAFWSCT` rewrite replaced it with a
    /// second, empty `receiptNumber`.
    pub status_description: Option<String>,
    /// `active`: false when a newer version superseded this record.
    pub active: bool,
    /// Raw `receiptNumber`, possibly padded; see [`ProcessedItem::receipt`].
    pub receipt_number: String,
    /// Raw `deleteType`, present only for exclusions; see [`ProcessedItem::delete_type`].
    pub delete_type: Option<String>,
    /// Government errors (filled for status 3, and others depending on the query).
    pub streaming_errors: Vec<StreamingError>,
    /// Raw `xmlRetResponse` (base64, sometimes twice); see [`ProcessedItem::ret_response_xml`].
    pub xml_ret_response: String,
}

impl ProcessedItem {
    /// The TAF record status, read as the server reads it for `statusDescription` (trimmed, so
    /// `" "` and `""` are both [`RecordStatus::Integrated`]); `None` for a code outside the
    /// table. Whether polling can stop is [`ProcessedItem::is_final`].
    pub fn status(&self) -> Option<RecordStatus> {
        RecordStatus::from_code(&self.status_code)
    }

    /// Whether the record will change no more by itself: a final status (1, 3, 4, 7), a direct
    /// deletion (`deleteType` "0"), or an empty `statusCode`, which the server sends on TAFXERP
    /// code 000026 (direct deletion) and when the TAF record no longer exists.
    pub fn is_final(&self) -> bool {
        self.status_code.is_empty()
            || self.delete_type() == Some(DeleteType::Direct)
            || self.status().is_some_and(RecordStatus::is_final)
    }

    /// The government receipt, trimmed; `None` when blank.
    pub fn receipt(&self) -> Option<&str> {
        Some(self.receipt_number.trim()).filter(|receipt| !receipt.is_empty())
    }

    /// The exclusion kind, for S-3000/S-3500 records.
    pub fn delete_type(&self) -> Option<DeleteType> {
        match self.delete_type.as_deref().map(str::trim) {
            Some("1") => Some(DeleteType::Exclusion),
            Some("0") => Some(DeleteType::Direct),
            _ => None,
        }
    }

    /// The government return XML; see [`decode_ret_response`].
    pub fn ret_response_xml(&self) -> Option<String> {
        decode_ret_response(&self.xml_ret_response)
    }
}

/// Variant B: the item is stored but not processed OK (`success` true, `proccessed` false):
/// waiting for the integration job, or integrated with an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingItem {
    /// "Aguardando Processamento", "Registro Inconsistente.", a single space, ...
    pub description: String,
    /// The row's other key.
    #[serde(flatten)]
    pub id: ItemId,
    /// TAFXERP `TAFCODERR`, trimmed; empty while waiting. See [`PendingItem::error`].
    pub error_code: String,
    /// The text of that code.
    pub error_description: String,
    /// TAF's detail (`TAFERR`); the server turns CR LF into a newline.
    pub error_detail: String,
    /// Stored priority; empty while no TAFXERP row exists.
    pub registry_priority: String,
    /// Stored queue flag ("F", "R" or empty); forced empty for TAFXERP status 7 and 9.
    pub integration_queue: String,
    /// Stored `erpOwner`.
    pub erp_owner: String,
    /// Stored `registryPredecessor`.
    pub registry_predecessor: String,
    /// Stored `transferBranch`.
    pub transfer_branch: String,
    /// Stored `complement`.
    pub complement: String,
    /// Government errors (normally empty in this variant).
    pub streaming_errors: Vec<StreamingError>,
    /// Raw `xmlRetResponse` (normally empty, possibly stale from an earlier item).
    pub xml_ret_response: String,
}

impl PendingItem {
    /// The TAFXERP error, when `errorCode` is one of 000001–000032.
    pub fn error(&self) -> Option<XerpError> {
        XerpError::from_code(&self.error_code)
    }

    /// Whether the item is still waiting for the integration job (no TAFXERP result yet, and
    /// not [`PendingItem::is_result_missing`]).
    pub fn is_waiting(&self) -> bool {
        self.error_code.trim().is_empty() && !self.is_result_missing()
    }

    /// Whether TAFST2 marks the row processed (status 3, final whatever the outcome) but TAFXERP
    /// holds no result for it: the description "Registro não encontrado na tabela TAFXERP."
    /// (spec §4.4, variant B). Nothing will change on its own. The text is the Portuguese one;
    /// installations answering in another language are not recognised.
    pub fn is_result_missing(&self) -> bool {
        self.error_code.trim().is_empty() && self.description.trim() == messages::NOT_IN_TAFXERP
    }

    /// Whether the item will change no more by itself, for a record posted without the
    /// integration queue: final unless it is waiting, or its stored queue flag is "F" (back in
    /// TAF's queue). A result TAF lost ([`PendingItem::is_result_missing`]) is final. For
    /// records posted with `integrationQueue` "1", a [`Tracker`](crate::Tracker) also waits
    /// through the errors TAF re-queues.
    pub fn is_final(&self) -> bool {
        !self.is_waiting() && all_trim(&self.integration_queue) != "F"
    }

    /// The stored priority, when it is a valid code.
    pub fn priority(&self) -> Option<Priority> {
        Priority::from_code(&self.registry_priority)
    }

    /// The government return XML; see [`decode_ret_response`].
    pub fn ret_response_xml(&self) -> Option<String> {
        decode_ret_response(&self.xml_ret_response)
    }
}

/// Variant C: nothing matched the search; always the only item of its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotFoundItem {
    /// "Registro não encontrado não localizado. …" in Portuguese installations.
    pub description: String,
    /// The server swaps the field name: a key search answers `ticketCode : <the key>` and a
    /// ticket search `registryKey : <the ticket>`. [`ItemId::value`] is the searched value.
    #[serde(flatten)]
    pub id: ItemId,
}

/// One GET item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "variant", rename_all = "snake_case")]
pub enum Item {
    /// Variant A.
    Processed(ProcessedItem),
    /// Variant B.
    Pending(PendingItem),
    /// Variant C.
    NotFound(NotFoundItem),
}

impl Item {
    /// The identifier the item carries.
    pub fn id(&self) -> &ItemId {
        match self {
            Self::Processed(item) => &item.id,
            Self::Pending(item) => &item.id,
            Self::NotFound(item) => &item.id,
        }
    }

    /// The item's `description`.
    pub fn description(&self) -> &str {
        match self {
            Self::Processed(item) => &item.description,
            Self::Pending(item) => &item.description,
            Self::NotFound(item) => &item.description,
        }
    }

    /// Appends the item in the server's exact layout.
    pub(crate) fn encode_into(&self, out: &mut String) {
        match self {
            Self::Processed(item) => {
                out.push_str("{ \"success\" : true ,\"proccessed\" : true ,\"description\" : \"");
                push_escaped(out, &item.description);
                out.push('"');
                item.id.encode_into(out);
                push_field(out, "statusCode", &item.status_code);
                match &item.status_description {
                    Some(description) => push_field(out, "statusDescription", description),
                    None => push_field(out, "receiptNumber", ""),
                }
                out.push_str(if item.active {
                    ",\"active\" : true"
                } else {
                    ",\"active\" : false"
                });
                push_field(out, "receiptNumber", &item.receipt_number);
                if let Some(delete_type) = &item.delete_type {
                    push_field(out, "deleteType", delete_type);
                }
                push_tail(out, &item.streaming_errors, &item.xml_ret_response);
            }
            Self::Pending(item) => {
                out.push_str("{ \"success\" : true ,\"proccessed\" : false ,\"description\" : \"");
                push_escaped(out, &item.description);
                out.push_str("\" ");
                item.id.encode_into(out);
                for (name, value) in [
                    ("errorCode", &item.error_code),
                    ("errorDescription", &item.error_description),
                    ("errorDetail", &item.error_detail),
                    ("registryPriority", &item.registry_priority),
                    ("integrationQueue", &item.integration_queue),
                    ("erpOwner", &item.erp_owner),
                    ("registryPredecessor", &item.registry_predecessor),
                    ("transferBranch", &item.transfer_branch),
                    ("complement", &item.complement),
                ] {
                    push_field(out, name, value);
                }
                push_tail(out, &item.streaming_errors, &item.xml_ret_response);
            }
            Self::NotFound(item) => {
                out.push_str("{ \"success\" : false,\"proccessed\" : false ,\"description\" : \"");
                push_escaped(out, &item.description);
                out.push('"');
                item.id.encode_into(out);
                out.push('}');
            }
        }
    }

    /// Reads an item, choosing the variant from `success` and `proccessed`.
    pub(crate) fn read(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.value_start();
        let mut parts = Parts::default();
        reader.object(|reader, key, _| parts.read_field(reader, &key))?;
        parts.into_item(start)
    }
}

/// `,"name" : "value"` with the value escaped.
fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\" : \"");
    push_escaped(out, value);
    out.push('"');
}

/// The `streamingErrors` array, `xmlRetResponse` and the closing brace of variants A and B.
fn push_tail(out: &mut String, errors: &[StreamingError], xml_ret_response: &str) {
    out.push_str(",\"streamingErrors\" : [");
    for (index, error) in errors.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str("{\"streamingErrorCode\" : \"");
        push_escaped(out, &error.code);
        out.push_str("\",\"streamingErrorDetail\" : \"");
        push_escaped(out, &error.detail);
        out.push_str("\"}");
    }
    out.push(']');
    push_field(out, "xmlRetResponse", xml_ret_response);
    out.push('}');
}

/// Decodes `xmlRetResponse`: base64, then base64 again while the result does not look like XML
/// (the server may encode an already-encoded value). `None` when empty or not decodable to XML.
pub fn decode_ret_response(raw: &str) -> Option<String> {
    const MAX_LAYERS: usize = 4;
    let mut current = raw.to_owned();
    for _ in 0..MAX_LAYERS {
        let compact: String = current.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return None;
        }
        let bytes = STANDARD.decode(compact).ok()?;
        current = decode_text(&bytes).0.into_owned();
        if current.trim_start().starts_with('<') {
            return Some(current);
        }
    }
    None
}

/// Fields of an item as read, before the variant is known.
#[derive(Default)]
struct Parts {
    success: Option<bool>,
    processed: Option<bool>,
    active: Option<bool>,
    description: Option<String>,
    ticket_code: Option<String>,
    registry_key: Option<String>,
    status_code: Option<String>,
    status_description: Option<String>,
    receipt_number: Option<String>,
    delete_type: Option<String>,
    error_code: Option<String>,
    error_description: Option<String>,
    error_detail: Option<String>,
    registry_priority: Option<String>,
    integration_queue: Option<String>,
    erp_owner: Option<String>,
    registry_predecessor: Option<String>,
    transfer_branch: Option<String>,
    complement: Option<String>,
    streaming_errors: Vec<StreamingError>,
    xml_ret_response: Option<String>,
}

impl Parts {
    fn read_field(&mut self, reader: &mut Reader<'_>, key: &str) -> Result<(), DecodeError> {
        let slot = match key {
            "success" => return set_bool(&mut self.success, reader, key),
            "proccessed" | "processed" => return set_bool(&mut self.processed, reader, key),
            "active" => return set_bool(&mut self.active, reader, key),
            "streamingErrors" => {
                self.streaming_errors = read_streaming_errors(reader)
                    .map_err(|error| error.within("streamingErrors"))?;
                return Ok(());
            }
            "description" => &mut self.description,
            "ticketCode" => &mut self.ticket_code,
            "registryKey" => &mut self.registry_key,
            "statusCode" => &mut self.status_code,
            "statusDescription" => &mut self.status_description,
            "receiptNumber" => &mut self.receipt_number,
            "deleteType" => &mut self.delete_type,
            "errorCode" => &mut self.error_code,
            "errorDescription" => &mut self.error_description,
            "errorDetail" => &mut self.error_detail,
            "registryPriority" => &mut self.registry_priority,
            "integrationQueue" => &mut self.integration_queue,
            "erpOwner" => &mut self.erp_owner,
            "registryPredecessor" => &mut self.registry_predecessor,
            "transferBranch" => &mut self.transfer_branch,
            "complement" => &mut self.complement,
            "xmlRetResponse" => &mut self.xml_ret_response,
            _ => return reader.skip_value(),
        };
        *slot = Some(reader.string_of(key)?);
        Ok(())
    }

    fn into_item(self, start: usize) -> Result<Item, DecodeError> {
        let id = match (self.ticket_code, self.registry_key) {
            (Some(ticket), None) => ItemId::TicketCode(ticket),
            (None, Some(key)) => ItemId::RegistryKey(key),
            (None, None) => return Err(DecodeError::missing("ticketCode|registryKey", start)),
            (Some(_), Some(_)) => {
                return Err(DecodeError::new(
                    DecodeErrorKind::InvalidValue,
                    start,
                    "the item carries both ticketCode and registryKey",
                ));
            }
        };
        let description = self.description.unwrap_or_default();
        let xml_ret_response = self.xml_ret_response.unwrap_or_default();
        let success = self
            .success
            .ok_or_else(|| DecodeError::missing("success", start))?;
        if !success {
            return Ok(Item::NotFound(NotFoundItem { description, id }));
        }
        let processed = self
            .processed
            .ok_or_else(|| DecodeError::missing("proccessed", start))?;
        if processed {
            return Ok(Item::Processed(ProcessedItem {
                description,
                id,
                status_code: self
                    .status_code
                    .ok_or_else(|| DecodeError::missing("statusCode", start))?,
                status_description: self.status_description,
                active: self
                    .active
                    .ok_or_else(|| DecodeError::missing("active", start))?,
                receipt_number: self
                    .receipt_number
                    .ok_or_else(|| DecodeError::missing("receiptNumber", start))?,
                delete_type: self.delete_type,
                streaming_errors: self.streaming_errors,
                xml_ret_response,
            }));
        }
        Ok(Item::Pending(PendingItem {
            description,
            id,
            error_code: self.error_code.unwrap_or_default(),
            error_description: self.error_description.unwrap_or_default(),
            error_detail: self.error_detail.unwrap_or_default(),
            registry_priority: self.registry_priority.unwrap_or_default(),
            integration_queue: self.integration_queue.unwrap_or_default(),
            erp_owner: self.erp_owner.unwrap_or_default(),
            registry_predecessor: self.registry_predecessor.unwrap_or_default(),
            transfer_branch: self.transfer_branch.unwrap_or_default(),
            complement: self.complement.unwrap_or_default(),
            streaming_errors: self.streaming_errors,
            xml_ret_response,
        }))
    }
}

fn set_bool(
    slot: &mut Option<bool>,
    reader: &mut Reader<'_>,
    key: &str,
) -> Result<(), DecodeError> {
    *slot = Some(reader.boolean_of(key)?);
    Ok(())
}

fn read_streaming_errors(reader: &mut Reader<'_>) -> Result<Vec<StreamingError>, DecodeError> {
    let mut errors = Vec::new();
    reader.array(|reader, index| {
        let start = reader.value_start();
        let mut code = None;
        let mut detail = None;
        reader
            .object(|reader, key, _| {
                match key.as_ref() {
                    "streamingErrorCode" => code = Some(reader.string_of("streamingErrorCode")?),
                    "streamingErrorDetail" => {
                        detail = Some(reader.string_of("streamingErrorDetail")?);
                    }
                    _ => reader.skip_value()?,
                }
                Ok(())
            })
            .and_then(|()| {
                errors.push(StreamingError {
                    code: code
                        .take()
                        .ok_or_else(|| DecodeError::missing("streamingErrorCode", start))?,
                    detail: detail.take().unwrap_or_default(),
                });
                Ok(())
            })
            .map_err(|error| error.within(&format!("[{index}]")))
    })?;
    Ok(errors)
}

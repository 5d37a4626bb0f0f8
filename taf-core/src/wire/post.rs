//! POST `/rest/WSTAFST2`: the lote request and the per-key response (spec §3).

use serde::{Deserialize, Serialize};

use crate::catalog::LoteField;
use crate::wire::ErrorEntry;
use crate::wire::json::{JsonKind, Reader, push_escaped, push_string};
use crate::wire::{DecodeError, DecodeErrorKind};
use crate::wire::{Wire, read_text};

/// A POST body: a ticket and its lote of items.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostRequest {
    /// `ticketCode`: groups the lote for later GET and DELETE (TAFTICKET, 36 characters).
    pub ticket_code: String,
    /// `lote`: the items, processed in order, each committed on its own.
    pub lote: Vec<LoteItem>,
}

/// One `lote[]` item. Every field is optional here because the server distinguishes an absent
/// tag from an empty one (800 versus 801, default priority versus 805); [`LoteItem::new`] sets
/// the six required fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)] // each field is documented on its `LoteField`
pub struct LoteItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_sequential: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_queue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erp_owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_predecessor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complement: Option<String>,
}

impl LoteItem {
    /// An item with the six required fields; `integration_message` is the base64 text.
    pub fn new(
        source_branch: impl Into<String>,
        message_type: impl Into<String>,
        message_sequential: impl Into<String>,
        registry_type: impl Into<String>,
        registry_key: impl Into<String>,
        integration_message: impl Into<String>,
    ) -> Self {
        Self {
            source_branch: Some(source_branch.into()),
            message_type: Some(message_type.into()),
            message_sequential: Some(message_sequential.into()),
            registry_type: Some(registry_type.into()),
            registry_key: Some(registry_key.into()),
            integration_message: Some(integration_message.into()),
            ..Self::default()
        }
    }

    /// Returns the item with `field` set to `value`.
    #[must_use]
    pub fn with(mut self, field: LoteField, value: impl Into<String>) -> Self {
        *self.slot_mut(field) = Some(value.into());
        self
    }

    /// The value of `field`, if the tag is present.
    pub fn get(&self, field: LoteField) -> Option<&str> {
        let slot = match field {
            LoteField::SourceBranch => &self.source_branch,
            LoteField::MessageType => &self.message_type,
            LoteField::MessageSequential => &self.message_sequential,
            LoteField::RegistryType => &self.registry_type,
            LoteField::RegistryKey => &self.registry_key,
            LoteField::IntegrationMessage => &self.integration_message,
            LoteField::IntegrationDate => &self.integration_date,
            LoteField::IntegrationTime => &self.integration_time,
            LoteField::RegistryPriority => &self.registry_priority,
            LoteField::IntegrationQueue => &self.integration_queue,
            LoteField::ErpOwner => &self.erp_owner,
            LoteField::RegistryPredecessor => &self.registry_predecessor,
            LoteField::TransferBranch => &self.transfer_branch,
            LoteField::Complement => &self.complement,
        };
        slot.as_deref()
    }

    /// Sets or removes `field`.
    pub fn set(&mut self, field: LoteField, value: Option<String>) {
        *self.slot_mut(field) = value;
    }

    fn slot_mut(&mut self, field: LoteField) -> &mut Option<String> {
        match field {
            LoteField::SourceBranch => &mut self.source_branch,
            LoteField::MessageType => &mut self.message_type,
            LoteField::MessageSequential => &mut self.message_sequential,
            LoteField::RegistryType => &mut self.registry_type,
            LoteField::RegistryKey => &mut self.registry_key,
            LoteField::IntegrationMessage => &mut self.integration_message,
            LoteField::IntegrationDate => &mut self.integration_date,
            LoteField::IntegrationTime => &mut self.integration_time,
            LoteField::RegistryPriority => &mut self.registry_priority,
            LoteField::IntegrationQueue => &mut self.integration_queue,
            LoteField::ErpOwner => &mut self.erp_owner,
            LoteField::RegistryPredecessor => &mut self.registry_predecessor,
            LoteField::TransferBranch => &mut self.transfer_branch,
            LoteField::Complement => &mut self.complement,
        }
    }

    /// Present fields with their values, in the canonical order (`sourceBranch` first).
    pub fn fields(&self) -> impl Iterator<Item = (LoteField, &str)> {
        LoteField::ALL
            .into_iter()
            .filter_map(|field| self.get(field).map(|value| (field, value)))
    }

    /// Writes the item as compact JSON, present fields only, in the canonical order.
    ///
    /// `sourceBranch` comes first and is followed by a comma whenever another field follows:
    /// the server finds the branch with a text scan that cuts at the first comma (spec §3.2).
    pub fn encode_into(&self, out: &mut String) {
        out.push('{');
        self.encode_fields_into(out, false);
        out.push('}');
    }

    /// Writes the present fields as `"tag":"value"` pairs in the canonical order, without
    /// braces; `after_field` says whether a pair precedes them (so a comma goes first).
    /// Returns whether anything was written.
    pub(crate) fn encode_fields_into(&self, out: &mut String, after_field: bool) -> bool {
        let mut written = false;
        for (field, value) in self.fields() {
            if written || after_field {
                out.push(',');
            }
            push_string(out, field.tag());
            out.push(':');
            push_string(out, value);
            written = true;
        }
        written
    }

    /// Reads an item the way the server's JSON objects work: keys without regard to case, `null`
    /// as absent, unknown keys ignored, a repeated key keeping its last value.
    fn read(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        ItemSlots::read(reader)?.into_item()
    }
}

/// A lote item as the server's JSON object holds it: each of the fourteen tags absent, a string,
/// or some other JSON value (on which the real worker crashes when it reaches it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ItemSlots {
    slots: [Option<Slot>; 14],
}

/// A present tag's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A JSON string.
    Text(String),
    /// Any other JSON value but `null`: its kind and where it starts.
    Other {
        /// The JSON kind (`number`, `object`, ...).
        kind: &'static str,
        /// Byte offset of the value.
        offset: usize,
    },
}

impl ItemSlots {
    /// Reads one `lote[]` object.
    pub(crate) fn read(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut slots = Self::default();
        reader.object(|reader, key, _| {
            let Some(field) = LoteField::from_tag(&key) else {
                return reader.skip_value();
            };
            let offset = reader.value_start();
            let slot = match reader.peek_kind()? {
                JsonKind::Null => {
                    reader.skip_value()?;
                    None
                }
                JsonKind::String => Some(Slot::Text(reader.string_of(field.tag())?)),
                other => {
                    reader.skip_value()?;
                    Some(Slot::Other {
                        kind: other.name(),
                        offset,
                    })
                }
            };
            slots.set(field, slot);
            Ok(())
        })?;
        Ok(slots)
    }

    /// The value of `field`; `None` when the tag is absent or `null`.
    pub(crate) fn get(&self, field: LoteField) -> Option<&Slot> {
        self.slots.get(field as usize).and_then(Option::as_ref)
    }

    fn set(&mut self, field: LoteField, slot: Option<Slot>) {
        if let Some(place) = self.slots.get_mut(field as usize) {
            *place = slot;
        }
    }

    /// The typed item; a value that is not a string is an error naming the field.
    pub(crate) fn into_item(self) -> Result<LoteItem, DecodeError> {
        let mut item = LoteItem::default();
        for (field, slot) in LoteField::ALL.into_iter().zip(self.slots) {
            match slot {
                None => {}
                Some(Slot::Text(text)) => item.set(field, Some(text)),
                Some(Slot::Other { kind, offset }) => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::UnexpectedType,
                        offset,
                        format!("expected a string, found {kind}"),
                    )
                    .within(field.tag()));
                }
            }
        }
        Ok(item)
    }
}

impl Wire for PostRequest {
    /// `{"ticketCode":"…","lote":[…]}`, compact.
    fn encode_into(&self, out: &mut String) {
        out.push_str("{\"ticketCode\":");
        push_string(out, &self.ticket_code);
        out.push_str(",\"lote\":[");
        for (index, item) in self.lote.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            item.encode_into(out);
        }
        out.push_str("]}");
    }

    /// Root keys are matched without regard to case. A missing `ticketCode` or `lote`, or one of
    /// the wrong type, is an error: the real server's worker crashes on those.
    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        read_text(text, |reader| {
            let start = reader.value_start();
            let mut ticket_code = None;
            let mut lote = None;
            reader.object(|reader, key, _| {
                if key.eq_ignore_ascii_case("ticketCode") {
                    ticket_code = Some(reader.string_of("ticketCode")?);
                } else if key.eq_ignore_ascii_case("lote") {
                    let mut items = Vec::new();
                    reader
                        .array(|reader, index| {
                            items.push(
                                LoteItem::read(reader)
                                    .map_err(|error| error.within(&format!("[{index}]")))?,
                            );
                            Ok(())
                        })
                        .map_err(|error| error.within("lote"))?;
                    lote = Some(items);
                } else {
                    reader.skip_value()?;
                }
                Ok(())
            })?;
            Ok(Self {
                ticket_code: ticket_code
                    .ok_or_else(|| DecodeError::missing("ticketCode", start))?,
                lote: lote.ok_or_else(|| DecodeError::missing("lote", start))?,
            })
        })
    }
}

/// What the server did with one item: accepted, or rejected with its errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum KeyOutcome {
    /// `"success" : true`: stored in TAFST2 as pending.
    Accepted,
    /// `"success" : false`: rolled back. The server lists exactly one error, or none when the
    /// row lock failed.
    Rejected {
        /// The `error[]` entries.
        errors: Vec<ErrorEntry>,
    },
}

/// One entry of the response's `registryKey[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyResult {
    /// The item's `registryKey` exactly as sent (not trimmed).
    pub key: String,
    /// Accepted or rejected.
    #[serde(flatten)]
    pub outcome: KeyOutcome,
}

impl KeyResult {
    /// An accepted key.
    pub fn accepted(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            outcome: KeyOutcome::Accepted,
        }
    }

    /// A key rejected with one error.
    pub fn rejected(key: impl Into<String>, error: ErrorEntry) -> Self {
        Self {
            key: key.into(),
            outcome: KeyOutcome::Rejected {
                errors: vec![error],
            },
        }
    }

    /// Whether the server stored the item.
    pub fn is_accepted(&self) -> bool {
        self.outcome == KeyOutcome::Accepted
    }

    /// The first error of a rejected item.
    pub fn error(&self) -> Option<&ErrorEntry> {
        match &self.outcome {
            KeyOutcome::Accepted => None,
            KeyOutcome::Rejected { errors } => errors.first(),
        }
    }
}

/// The HTTP 200 answer to a lote: one result per item, in lote order.
///
/// `keyAmount` is not stored: the server always sends the number of items, so the encoder
/// writes `results.len()` and the decoder checks it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostResponse {
    /// The root `ticketCode` exactly as sent.
    pub ticket_code: String,
    /// `registryKey[]`: every item, failed ones included.
    pub results: Vec<KeyResult>,
}

impl PostResponse {
    /// `keyAmount`: the number of items in the lote, accepted or not.
    pub fn key_amount(&self) -> usize {
        self.results.len()
    }

    /// The results of the accepted items.
    pub fn accepted(&self) -> impl Iterator<Item = &KeyResult> {
        self.results.iter().filter(|result| result.is_accepted())
    }

    /// The results of the rejected items.
    pub fn rejected(&self) -> impl Iterator<Item = &KeyResult> {
        self.results.iter().filter(|result| !result.is_accepted())
    }
}

impl Wire for PostResponse {
    /// The server's layout: `{"ticketCode" : "T1","registryKey" : […], "keyAmount" : N }`.
    fn encode_into(&self, out: &mut String) {
        out.push_str("{\"ticketCode\" : \"");
        push_escaped(out, &self.ticket_code);
        out.push_str("\",\"registryKey\" : [");
        for (index, result) in self.results.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str("{\"key\" : \"");
            push_escaped(out, &result.key);
            out.push('"');
            match &result.outcome {
                KeyOutcome::Accepted => out.push_str(",\"success\" : true"),
                KeyOutcome::Rejected { errors } => {
                    out.push_str(",\"success\" : false,\"error\" : [");
                    for (index, error) in errors.iter().enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        error.encode_item_into(out);
                    }
                    out.push(']');
                }
            }
            out.push('}');
        }
        out.push_str("], \"keyAmount\" : ");
        out.push_str(&self.results.len().to_string());
        out.push_str(" }");
    }

    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        read_text(text, |reader| {
            let start = reader.value_start();
            let mut ticket_code = None;
            let mut results = None;
            let mut key_amount = None;
            reader.object(|reader, key, _| {
                match key.as_ref() {
                    "ticketCode" => ticket_code = Some(reader.string_of("ticketCode")?),
                    "registryKey" => {
                        let mut list = Vec::new();
                        reader
                            .array(|reader, index| {
                                list.push(
                                    read_key_result(reader)
                                        .map_err(|error| error.within(&format!("[{index}]")))?,
                                );
                                Ok(())
                            })
                            .map_err(|error| error.within("registryKey"))?;
                        results = Some(list);
                    }
                    "keyAmount" => {
                        key_amount = Some((reader.value_start(), reader.integer_of("keyAmount")?));
                    }
                    _ => reader.skip_value()?,
                }
                Ok(())
            })?;
            let results = results.ok_or_else(|| DecodeError::missing("registryKey", start))?;
            let (amount_at, amount) =
                key_amount.ok_or_else(|| DecodeError::missing("keyAmount", start))?;
            if usize::try_from(amount).ok() != Some(results.len()) {
                return Err(DecodeError::new(
                    DecodeErrorKind::InvalidValue,
                    amount_at,
                    format!(
                        "keyAmount is {amount} but registryKey lists {} items",
                        results.len()
                    ),
                )
                .within("keyAmount"));
            }
            Ok(Self {
                ticket_code: ticket_code
                    .ok_or_else(|| DecodeError::missing("ticketCode", start))?,
                results,
            })
        })
    }
}

fn read_key_result(reader: &mut Reader<'_>) -> Result<KeyResult, DecodeError> {
    let start = reader.value_start();
    let mut key = None;
    let mut success = None;
    let mut errors = Vec::new();
    reader.object(|reader, name, _| {
        match name.as_ref() {
            "key" => key = Some(reader.string_of("key")?),
            "success" => success = Some(reader.boolean_of("success")?),
            "error" => {
                errors.clear();
                reader
                    .array(|reader, index| {
                        errors.push(
                            ErrorEntry::read(reader)
                                .map_err(|error| error.within(&format!("[{index}]")))?,
                        );
                        Ok(())
                    })
                    .map_err(|error| error.within("error"))?;
            }
            _ => reader.skip_value()?,
        }
        Ok(())
    })?;
    let key = key.ok_or_else(|| DecodeError::missing("key", start))?;
    let outcome = match success {
        Some(true) if errors.is_empty() => KeyOutcome::Accepted,
        Some(true) => {
            return Err(DecodeError::new(
                DecodeErrorKind::InvalidValue,
                start,
                "success is true but errors are listed",
            ));
        }
        Some(false) => KeyOutcome::Rejected { errors },
        None => return Err(DecodeError::missing("success", start)),
    };
    Ok(KeyResult { key, outcome })
}

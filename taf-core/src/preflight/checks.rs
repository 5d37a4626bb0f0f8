//! The silent-failure checks: what the server accepts without a word, or reports in a way that
//! hides the cause (spec, "Implementation guidance").

use std::collections::HashSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::finding::{Check, Finding, FindingCode, Severity};
use crate::catalog::{LoteField, TICKET_CODE_MAX_LEN};
use crate::event::{
    EventKind, Family, Reading, SchemaRules, SniffLimits, catalogue, is_refusal, read_event,
};
use crate::server::{TargetLayout, is_date};
use crate::wire::text::all_trim;
use crate::wire::text::decode_text;
use crate::wire::{LoteItem, PostRequest};

/// What the checks need to know beyond the lote.
pub(crate) struct Context<'a> {
    /// The branch the server's text scan finds.
    pub(crate) scanned_branch: Option<&'a str>,
    /// The target layout: W09 only when it is unknown.
    pub(crate) layout: TargetLayout,
    /// Whether 807 is already an error (then no W05 warning).
    pub(crate) queue_rule: bool,
    /// Bounds for reading events.
    pub(crate) limits: SniffLimits,
    /// How eSocial events are checked against their schema.
    pub(crate) schema: SchemaRules,
    /// The builder's reading of each item's event, by item index (empty when the lote was not
    /// built here): an item with one is not decoded and read again.
    pub(crate) readings: &'a [Option<Reading>],
}

/// A warning finding.
fn warning(
    item: Option<usize>,
    field: Option<LoteField>,
    check: Check,
    message: String,
    fix: &str,
) -> Finding {
    Finding {
        item,
        field: Some(field.map_or("ticketCode", LoteField::tag)),
        code: FindingCode::Check(check),
        severity: Severity::Warning,
        message,
        fix: fix.to_owned(),
        step: check.step(),
        schema: None,
    }
}

/// The warnings about a `ticketCode`: blank (no GET can find the records), too long,
/// characters that break the echo, an apostrophe that breaks every GET by ticket.
pub(crate) fn ticket_warnings(ticket_code: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut warn =
        |check, message, fix: &str| findings.push(warning(None, None, check, message, fix));
    if all_trim(ticket_code).is_empty() {
        warn(
            Check::BlankTicket,
            "the server stores the lote under a blank ticketCode, but a GET by a blank ticketCode counts it as absent: no GET by ticket can find these records".to_owned(),
            "give every lote a ticketCode",
        );
    }
    value_warnings(ticket_code, TICKET_CODE_MAX_LEN, &mut warn);
    if ticket_code.contains('\'') {
        warn(
            Check::Apostrophe,
            APOSTROPHE_TO_GET.to_owned(),
            "remove the apostrophe",
        );
    }
    findings
}

/// What an apostrophe in a ticket or key does.
const APOSTROPHE_TO_GET: &str = "the server puts it into the SQL of every GET unescaped: each GET by this value fails with a server error instead of an answer";

/// The request-level warnings of a lote: its ticket, and the branch the server's text scan
/// reads (`scanned`) when it differs from the first item's.
pub(crate) fn request_warnings(request: &PostRequest, scanned: Option<&str>) -> Vec<Finding> {
    let mut findings = ticket_warnings(&request.ticket_code);
    if let (Some(first), Some(scanned)) = (request.lote.first(), scanned) {
        let parsed = first.source_branch.as_deref().map(all_trim);
        if parsed.is_some_and(|parsed| parsed != scanned) {
            findings.push(warning(
                Some(0),
                Some(LoteField::SourceBranch),
                Check::BranchScanTrap,
                format!(
                    "the server's text scan reads the branch as '{scanned}', not '{}'",
                    parsed.unwrap_or_default()
                ),
                "write sourceBranch first in the first item, followed directly by a comma, and keep commas out of it",
            ));
        }
    }
    findings
}

/// For each item, whether an earlier XML item of the lote has its key (the one rule across
/// items among the warnings; computed in one cheap pass before the items are checked).
pub(crate) fn shared_keys(request: &PostRequest) -> Vec<bool> {
    let mut xml_keys = HashSet::new();
    request
        .lote
        .iter()
        .map(|item| xml_key(item).is_some_and(|key| !xml_keys.insert(key)))
        .collect()
}

/// The warnings of consecutive items, the first of which has index `first` in the lote.
pub(crate) fn chunk_warnings(
    first: usize,
    items: &[LoteItem],
    shares_key: &[bool],
    context: &Context<'_>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut schema = Vec::new();
    for (offset, (item, &shares_key)) in items.iter().zip(shares_key).enumerate() {
        let index = first + offset;
        let reading = context.readings.get(index).and_then(Option::as_ref);
        item_warnings(
            item,
            shares_key,
            Message { reading, context },
            &mut |field, check, message, fix| {
                findings.push(warning(Some(index), Some(field), check, message, fix));
            },
            &mut schema,
        );
        findings.extend(schema.drain(..).map(|found| schema_finding(index, found)));
    }
    findings
}

/// A schema finding as a [`Check::Schema`] finding of item `item`: an error (the government
/// rejects the event), or a warning (a partial event's missing element, an unknown layout).
fn schema_finding(item: usize, found: esocial_schema::Finding) -> Finding {
    let unknown = found.rule == esocial_schema::Rule::UnknownSchema;
    let severity = match found.severity {
        esocial_schema::Severity::Error if !unknown => Severity::Error,
        _ => Severity::Warning,
    };
    let value = found
        .value
        .as_ref()
        .map(|value| format!(" (value {value:?})"))
        .unwrap_or_default();
    let outcome = if unknown {
        "no schema is known for it, so it was not validated"
    } else if severity == Severity::Error {
        "the government rejects the event after TAF transmits it (statusCode \"3\")"
    } else {
        "TAF must already hold it, or the government rejects the event"
    };
    Finding {
        item: Some(item),
        field: Some(LoteField::IntegrationMessage.tag()),
        code: FindingCode::Check(Check::Schema),
        severity,
        message: format!(
            "line {}: {} breaks {}{value}: {outcome}",
            found.line, found.path, found.rule
        ),
        fix: found.message.clone(),
        step: Check::Schema.step(),
        schema: Some(found),
    }
}

/// What reading an item's message needs: the builder's reading, if any, and the context.
#[derive(Clone, Copy)]
struct Message<'r, 'c> {
    reading: Option<&'r Reading>,
    context: &'r Context<'c>,
}

type Warn<'w> = dyn FnMut(LoteField, Check, String, &str) + 'w;

/// Where the schema findings of an event go.
type SchemaSink = Vec<esocial_schema::Finding>;

/// Length, escaping and apostrophe checks shared by every echoed value.
fn value_warnings(value: &str, max: usize, warn: &mut dyn FnMut(Check, String, &str)) {
    let length = value.chars().count();
    if length > max {
        warn(
            Check::TooLong,
            format!("{length} characters; the column keeps {max} and the rest is lost silently"),
            "shorten the value",
        );
    }
    if let Some(bad) = value
        .chars()
        .find(|&c| c == '"' || c == '\\' || c.is_control())
    {
        warn(
            Check::UnescapedCharacter,
            format!("{bad:?} is echoed unescaped and makes the server's JSON invalid"),
            "remove quotes, backslashes, line breaks and other control characters",
        );
    }
}

/// Branch, type and key of an XML item as 813 compares them: the item is XML when its
/// one-character TAFCODMSG is "2", and values compare as CHAR columns (trailing spaces aside).
fn xml_key(item: &LoteItem) -> Option<(&str, &str, &str)> {
    let column = |field| item.get(field).unwrap_or_default().trim_end_matches(' ');
    item.get(LoteField::MessageType)
        .is_some_and(|kind| kind.starts_with('2'))
        .then(|| {
            (
                column(LoteField::SourceBranch),
                column(LoteField::RegistryType),
                column(LoteField::RegistryKey),
            )
        })
}

fn item_warnings(
    item: &LoteItem,
    shares_key: bool,
    read: Message<'_, '_>,
    warn: &mut Warn<'_>,
    schema: &mut SchemaSink,
) {
    let context = read.context;
    for (field, value) in item.fields() {
        if field == LoteField::IntegrationMessage {
            continue;
        }
        let max = field
            .max_len()
            .filter(|_| is_free_text(field))
            .unwrap_or(usize::MAX);
        value_warnings(value, max, &mut |check, message, fix| {
            warn(field, check, message, fix);
        });
        // In sourceBranch and registryType the POST itself crashes (an error, from `process`).
        if value.contains('\'') && field == LoteField::RegistryKey {
            warn(
                field,
                Check::Apostrophe,
                APOSTROPHE_TO_GET.to_owned(),
                "remove the apostrophe",
            );
        }
    }
    let trimmed = |field| item.get(field).map(all_trim);
    if let Some(queue) = item.get(LoteField::IntegrationQueue)
        && !context.queue_rule
        && queue != "1"
        && !matches!(all_trim(queue), "" | "0")
    {
        warn(
            LoteField::IntegrationQueue,
            Check::QueueNotStored,
            format!("integrationQueue '{queue}' is stored blank: only \"1\" means use the queue"),
            "send \"1\" to use the integration queue, or omit the tag",
        );
    }
    if trimmed(LoteField::MessageType) == Some("12") {
        warn(
            LoteField::MessageType,
            Check::MessageType12,
            "messageType \"12\" passes the check and is stored as \"1\" (TXT)".to_owned(),
            "send \"1\" for TXT or \"2\" for XML",
        );
    }
    if let (Some(branch), Some(first)) = (trimmed(LoteField::SourceBranch), context.scanned_branch)
        && branch != first
        && !first.is_empty()
        && branch.starts_with(first)
    {
        warn(
            LoteField::SourceBranch,
            Check::BranchPrefix,
            format!(
                "branch '{branch}' begins with the first branch '{first}', so the server does not validate it"
            ),
            "send items of other branches in their own lote",
        );
    }
    if let Some(date) =
        trimmed(LoteField::IntegrationDate).filter(|date| !date.is_empty() && !is_date(date))
    {
        warn(
            LoteField::IntegrationDate,
            Check::InvalidDate,
            format!("'{date}' is not a YYYYMMDD date; it is stored as an empty date"),
            "send YYYYMMDD, or omit the tag for the server's date",
        );
    }
    if let Some(time) =
        trimmed(LoteField::IntegrationTime).filter(|time| !time.is_empty() && !is_time(time))
    {
        warn(
            LoteField::IntegrationTime,
            Check::InvalidTime,
            format!("'{time}' is not HH:MM:SS"),
            "send HH:MM:SS, or omit the tag for the server's time",
        );
    }
    let is_xml = trimmed(LoteField::MessageType) == Some("2");
    if shares_key {
        warn(
            LoteField::RegistryKey,
            Check::SharedXmlKey,
            "an earlier XML item of this lote has the same branch, type and key: this one gets 813"
                .to_owned(),
            "give each XML its own key, or send later parts after the first is processed",
        );
    }
    if let Some(message) = item.get(LoteField::IntegrationMessage) {
        let kind = MessageKind {
            registry_type: trimmed(LoteField::RegistryType).unwrap_or_default(),
            is_xml,
            is_txt: trimmed(LoteField::MessageType) == Some("1"),
        };
        message_warnings(message, &kind, read, warn, schema);
    }
}

/// Fields whose only rule is their column size (the others have validators or own checks).
fn is_free_text(field: LoteField) -> bool {
    matches!(
        field,
        LoteField::SourceBranch
            | LoteField::MessageSequential
            | LoteField::RegistryType
            | LoteField::RegistryKey
            | LoteField::ErpOwner
            | LoteField::RegistryPredecessor
            | LoteField::TransferBranch
            | LoteField::Complement
    )
}

fn is_time(value: &str) -> bool {
    let parts: Vec<&str> = value.split(':').collect();
    let number = |part: &&str| {
        (part.len() == 2)
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts
        .iter()
        .map(number)
        .collect::<Option<Vec<u32>>>()
        .as_deref()
    {
        Some([hours, minutes, seconds]) => *hours < 24 && *minutes < 60 && *seconds < 60,
        _ => false,
    }
}

/// What an item says its message is.
struct MessageKind<'a> {
    registry_type: &'a str,
    is_xml: bool,
    is_txt: bool,
}

fn message_warnings(
    message: &str,
    kind: &MessageKind<'_>,
    read: Message<'_, '_>,
    warn: &mut Warn<'_>,
    schema: &mut SchemaSink,
) {
    let field = LoteField::IntegrationMessage;
    let registry_type = kind.registry_type;
    // The builder encoded the message itself, so only a message it did not read is decoded.
    let bytes = if read.reading.is_some() {
        Vec::new()
    } else if let Ok(bytes) = STANDARD.decode(message.trim()) {
        bytes
    } else {
        warn(
            field,
            Check::InvalidBase64,
            "not valid base64: the server stores garbage without an error".to_owned(),
            "encode the event bytes with standard, padded base64",
        );
        return;
    };
    if registry_type.starts_with("R-") {
        warn(
            LoteField::RegistryType,
            Check::ReinfEvent,
            "EFD-Reinf events pass the POST but the integration job handles them as eSocial and fails".to_owned(),
            "send Reinf data through TAF's fiscal TXT layouts",
        );
    }
    if catalogue::by_code(registry_type).is_some_and(|spec| spec.kind == Some(EventKind::Totaliser))
    {
        warn(
            LoteField::RegistryType,
            Check::Totaliser,
            format!(
                "{registry_type} is a totaliser the government returns; employers do not send it"
            ),
            "do not post totaliser events",
        );
    }
    let context = read.context;
    if kind.is_xml {
        let owned;
        let reading = match read.reading {
            Some(reading) => reading,
            None => match read_event(&bytes, context.limits, &context.schema) {
                Ok(reading) => {
                    owned = reading;
                    &owned
                }
                Err(error) => {
                    warn(field, Check::MalformedEvent, refused(&error), MALFORMED_FIX);
                    return;
                }
            },
        };
        xml_warnings(reading, registry_type, context, warn, schema);
    } else if kind.is_txt && read.reading.is_none() {
        txt_warnings(&bytes, registry_type, warn);
    }
}

/// The W17 message.
fn refused(what: &dyn std::fmt::Display) -> String {
    format!("the event XML is refused: {what}")
}

/// The W17 fix.
const MALFORMED_FIX: &str = "send a well-formed XML event without DOCTYPE";

fn xml_warnings(
    reading: &Reading,
    registry_type: &str,
    context: &Context<'_>,
    warn: &mut Warn<'_>,
    schema: &mut SchemaSink,
) {
    let field = LoteField::IntegrationMessage;
    if let Some(what) = &reading.refused {
        warn(field, Check::MalformedEvent, refused(what), MALFORMED_FIX);
        return;
    }
    let info = &reading.info;
    match &info.declaration {
        Some(declaration) if !declaration.is_stripped_by_server() => warn(
            field,
            Check::XmlDeclaration,
            format!("the declaration {} stays in the stored message and the job fails (000001)", declaration.text),
            "send no declaration, or exactly <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        ),
        None if reading.declares_utf8 => warn(
            field,
            Check::XmlDeclaration,
            "the text holds ENCODING=\"UTF-8\" without a declaration: the server cuts the first tag".to_owned(),
            "add the UTF-8 declaration or remove that text",
        ),
        _ => {}
    }
    if info.family() == Some(Family::Reinf) && !registry_type.starts_with("R-") {
        warn(
            field,
            Check::ReinfEvent,
            "an EFD-Reinf document: the integration job handles it as eSocial and fails".to_owned(),
            "send Reinf data through TAF's fiscal TXT layouts",
        );
    }
    if let Some(spec) = catalogue::by_code(registry_type) {
        let matches = info.family() == Some(spec.family())
            && info
                .element
                .as_deref()
                .is_some_and(|element| spec.elements.contains(&element));
        if !matches {
            warn(
                field,
                Check::RootMismatch,
                format!(
                    "the event is <{}><{}>, but {registry_type} needs <{}> under the root; the job fails (000001/000009)",
                    info.root,
                    info.element.as_deref().unwrap_or("?"),
                    spec.element()
                ),
                "set registryType to the event's code, or send the right event",
            );
        }
        if context.layout == TargetLayout::Unknown
            && spec.family() == Family::ESocial
            && !spec.is_sesmt()
            && info
                .version
                .as_ref()
                .is_some_and(crate::event::LayoutVersion::is_simplified)
        {
            warn(
                field,
                Check::LegacyLayout,
                format!(
                    "an S-1.x event for {registry_type}: a TAF still on layout 2.5 answers 814"
                ),
                "check the target TAF's layout (MV_TAFVLES) before sending",
            );
        }
    }
    if info.element.is_some() && info.id.as_ref().is_none_or(|id| id.chars().count() != 36) {
        warn(
            field,
            Check::EventId,
            format!(
                "the event's Id is {:?}; the schemas require 36 characters",
                info.id.as_deref().unwrap_or("absent")
            ),
            "give the event element an Id of 36 characters (ID + type + number + timestamp + sequence)",
        );
    }
    if let Some(report) = &reading.schema {
        schema.extend(
            report
                .findings
                .iter()
                .filter(|finding| !is_refusal(&finding.rule))
                .cloned(),
        );
    }
}

fn txt_warnings(bytes: &[u8], registry_type: &str, warn: &mut Warn<'_>) {
    let (text, _) = decode_text(bytes);
    let mut lines = text.split_inclusive('\n').peekable();
    let register = text
        .trim_start_matches('|')
        .split('|')
        .next()
        .unwrap_or_default();
    let mut problem = (register != registry_type).then(|| {
        format!("the first register is '{register}' but registryType is '{registry_type}'; the job fails (000001)")
    });
    while let Some(line) = lines.next() {
        let body = line.trim_end_matches(['\r', '\n']);
        let last = lines.peek().is_none();
        if body.is_empty() && last {
            break;
        }
        if !body.starts_with('|') || !body.ends_with('|') {
            problem.get_or_insert_with(|| {
                format!("line {body:?} does not start and end with '|': its last character is lost")
            });
        } else if !line.ends_with("\r\n") {
            problem.get_or_insert_with(|| format!("line {body:?} does not end with CRLF"));
        }
    }
    if let Some(message) = problem {
        warn(
            LoteField::IntegrationMessage,
            Check::TxtLayout,
            message,
            "write every TXT line as |REGISTER|field|...| followed by CRLF",
        );
    }
}

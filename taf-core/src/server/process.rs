//! The POST method as the server runs it (spec §3.2–§3.6): request-level checks, then each item
//! through 813 and the field walk, committing the items that pass into a store.

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use serde::{Deserialize, Serialize};

use super::rules::{self, PendingIndex, RegistryTypes};
use crate::calendar;
use crate::catalog::{LoteField, TICKET_CODE_MAX_LEN};
use crate::server::BranchMap;
use crate::wire::ErrorEntry;
use crate::wire::Fault;
use crate::wire::json::{JsonKind, Reader};
use crate::wire::text::all_trim;
use crate::wire::{ItemSlots, KeyResult, LoteItem, PostRequest, PostResponse, Slot};
use crate::wire::{Wire, body_text, read_text};

/// The server's set-up that decides a POST's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ServerRules {
    /// Registered branches by company group. To the emulator an empty map means no branch is
    /// registered (803 for every one); to the [`Preflight`](crate::preflight::Preflight) it means the
    /// branches are unknown: the branch rules are not predicted and the verdict says so
    /// ([`Check::BranchesUnknown`](crate::preflight::Check::BranchesUnknown)).
    pub branches: BranchMap,
    /// The `keyTafJob` map is missing: a later item with another branch gets 810.
    pub branch_map_missing: bool,
    /// Columns the server's TAFST2 lacks (808 when their tag is present).
    pub missing_columns: Vec<LoteField>,
    /// What the 804 check accepts.
    pub registry_types: RegistryTypes,
    /// Apply the 807 hypothesis (invalid `integrationQueue`). Off by default: no known build
    /// has this check.
    pub queue_rule: bool,
    /// The target TAF's eSocial layout, which decides the 814 hypothesis.
    pub layout: TargetLayout,
}

impl ServerRules {
    /// The default rules with these registered branches.
    pub fn new(branches: BranchMap) -> Self {
        Self {
            branches,
            ..Self::default()
        }
    }
}

/// Which eSocial layout the target TAF runs (`MV_TAFVLES`), for the 814 hypothesis (spec §6,
/// `esocial-domain.md` §2.1): a TAF still on layout 2.5 accepted S-1.x XML only for SESMT events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TargetLayout {
    /// S-1.x for every event, as current TAF runs: no 814, no warning (the default).
    #[default]
    Simplified,
    /// Unknown: accept, but warn about S-1.x non-SESMT events ([`Check::LegacyLayout`](crate::preflight::Check::LegacyLayout)).
    Unknown,
    /// Layout 2.5 with the 814 check: S-1.x non-SESMT events are rejected with 814.
    Legacy,
}

/// A TAFST2 row as the POST writes it, after the server's transforms and column truncation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRow {
    /// TAFFIL.
    pub branch: String,
    /// TAFCODMSG (one character: "12" is stored as "1").
    pub message_type: String,
    /// TAFSEQ.
    pub sequential: String,
    /// TAFTPREG.
    pub registry_type: String,
    /// TAFKEY (100 characters at most).
    pub key: String,
    /// `integrationMessage` as sent (base64); [`NewRow::stored_message`] gives TAFMSG.
    pub integration_message: String,
    /// TAFTICKET (36 characters at most).
    pub ticket: String,
    /// TAFDATA: `None` for the server's date; an empty string for a value that is not a date.
    pub date: Option<String>,
    /// TAFHORA: `None` for the server's time.
    pub time: Option<String>,
    /// TAFPRIORIT: "5" when the tag is absent.
    pub priority: String,
    /// TAFSTQUEUE: "F" for "1", else blank.
    pub queue: String,
    /// TAFOWNER.
    pub owner: String,
    /// TAFREGPRED.
    pub predecessor: String,
    /// TAFFILTRAN.
    pub transfer_branch: String,
    /// TAFCOMP.
    pub complement: String,
}

impl NewRow {
    /// TAFMSG: the message decoded without validation (invalid base64 becomes whatever a
    /// lenient decoder makes of it, or the text itself), then, when the text contains
    /// `ENCODING="UTF-8"`, cut after the first `>` and stripped of every CR and LF.
    pub fn stored_message(&self) -> Vec<u8> {
        stored_message(&self.integration_message)
    }
}

/// Where the POST commits accepted items; it also answers 813's question.
pub trait St2Store: PendingIndex {
    /// Commits a row as pending.
    fn insert(&mut self, row: NewRow);
}

/// The server's worker failing on input it does not expect (a missing key, branch or type, a
/// value that is not a string, an apostrophe in the SQL of the 813 check): an empty answer,
/// and the items before it stay committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crash {
    /// The item being processed, `None` before the first.
    pub item: Option<usize>,
    /// The JSON key whose value crashed it.
    pub field: &'static str,
    /// What the worker met.
    pub detail: String,
}

/// What the server answers to a POST.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PostAnswer {
    /// A framework fault, HTTP 500 (704 empty body, 705 not JSON).
    Fault(Fault),
    /// A business-error envelope, HTTP 200 (803, 811): nothing was stored.
    Envelope(ErrorEntry),
    /// The per-key answer, HTTP 200, whatever became of the items.
    Keys(PostResponse),
    /// The worker crashed: the POST keeps its default and answers HTTP 200 with an empty body
    /// (spec §1.2, the best inference); the items before the crash stay stored.
    WorkerCrash(Crash),
}

impl PostAnswer {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Self::Fault(fault) => fault.status,
            Self::Envelope(_) | Self::Keys(_) | Self::WorkerCrash(_) => 200,
        }
    }

    /// The body, in the server's layout with values JSON-escaped (the server writes them
    /// raw). A crash answers an empty body.
    pub fn body(&self) -> String {
        match self {
            Self::Fault(fault) => fault.encode_body(),
            Self::Envelope(entry) => entry.encode(),
            Self::Keys(response) => response.encode(),
            Self::WorkerCrash(_) => String::new(),
        }
    }

    /// The per-key answer, when the request got that far.
    pub fn keys(&self) -> Option<&PostResponse> {
        match self {
            Self::Keys(response) => Some(response),
            _ => None,
        }
    }
}

/// A processed POST: the answer, the field each rejected item failed on, and the branch the
/// text scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// What the server sends back.
    pub answer: PostAnswer,
    /// `(item, field)` of every rejected item, in lote order.
    pub rejected: Vec<(usize, LoteField)>,
    /// What `WSGetPostFil` extracted (`None` when `sourceBranch` does not occur).
    pub scanned_branch: Option<String>,
    /// The lote as parsed, when it is one (every value a string).
    pub request: Option<PostRequest>,
}

/// Runs a POST body through the server's processing, committing accepted items into `store`.
pub fn process(body: &[u8], server: &ServerRules, store: &mut impl St2Store) -> Processed {
    let scanned_branch = rules::scan_source_branch(body);
    let answer = |answer| Processed {
        answer,
        rejected: Vec::new(),
        scanned_branch: scanned_branch.clone(),
        request: None,
    };
    if let Err(fault) = rules::empty_body(body) {
        return answer(PostAnswer::Fault(fault));
    }
    let lote = body_text(body)
        .ok()
        .and_then(|text| read_text(&text, RawLote::read).ok());
    let empty_lote = lote.as_ref().is_some_and(RawLote::is_empty);
    if let Err(envelope) = rules::request_branch(scanned_branch.as_deref(), &server.branches)
        && !(scanned_branch.is_none() && empty_lote)
    {
        return Processed {
            request: lote.and_then(RawLote::into_request),
            ..answer(PostAnswer::Envelope(envelope))
        };
    }
    let Some(lote) = lote else {
        return answer(PostAnswer::Fault(rules::parse_failure()));
    };
    let first_branch = scanned_branch.clone().unwrap_or_default();
    let mut run = Run {
        server,
        first_branch: &first_branch,
        rejected: Vec::new(),
    };
    let answer = run.raw(&lote, store);
    Processed {
        answer,
        rejected: run.rejected,
        request: lote.into_request(),
        scanned_branch,
    }
}

/// Runs a typed lote through the server's processing, as [`process`] runs its encoding
/// ([`PostRequest::encode`]), without encoding or parsing it.
pub fn process_request(
    request: &PostRequest,
    server: &ServerRules,
    store: &mut impl St2Store,
) -> Processed {
    let scanned_branch = rules::scan_source_branch(scan_prefix(request).as_bytes());
    let answer = match rules::request_branch(scanned_branch.as_deref(), &server.branches) {
        Err(envelope) if !(scanned_branch.is_none() && request.lote.is_empty()) => {
            Some(PostAnswer::Envelope(envelope))
        }
        _ => None,
    };
    let first_branch = scanned_branch.clone().unwrap_or_default();
    let mut run = Run {
        server,
        first_branch: &first_branch,
        rejected: Vec::new(),
    };
    let answer = answer
        .unwrap_or_else(|| run.items(&request.ticket_code, request.lote.iter().map(Some), store));
    Processed {
        answer,
        rejected: run.rejected,
        scanned_branch,
        request: None,
    }
}

/// The start of a typed lote's encoding, far enough for the branch scan: the scan ends at the
/// first comma after the first `sourceBranch`, which the canonical encoding writes right after
/// the first item's branch value whenever another field follows it.
fn scan_prefix(request: &PostRequest) -> String {
    let mut prefix = String::from("{\"ticketCode\":");
    crate::wire::json::push_string(&mut prefix, &request.ticket_code);
    prefix.push_str(",\"lote\":[");
    match request.lote.first() {
        Some(first) if first.fields().nth(1).is_some() && first.source_branch.is_some() => {
            prefix.push_str("{\"sourceBranch\":");
            crate::wire::json::push_string(
                &mut prefix,
                first.source_branch.as_deref().unwrap_or_default(),
            );
            prefix.push(',');
        }
        _ => return request.encode(),
    }
    prefix
}

/// The root as `FWJsonDeserialize` leaves it: anything the worker then trips over is kept as
/// found, so the crash happens where the server's would.
struct RawLote {
    ticket: Option<Slot>,
    lote: Option<Result<Vec<Option<ItemSlots>>, &'static str>>,
}

impl RawLote {
    /// The typed lote, when every value is a string.
    fn into_request(self) -> Option<PostRequest> {
        let Some(Slot::Text(ticket_code)) = self.ticket else {
            return None;
        };
        let lote = self
            .lote?
            .ok()?
            .into_iter()
            .map(|item| item?.into_item().ok())
            .collect::<Option<Vec<LoteItem>>>()?;
        Some(PostRequest { ticket_code, lote })
    }

    /// Whether `lote` is an empty array: with no item there is no `sourceBranch` to scan, and
    /// the server still answers the empty per-key list (spec P-20).
    fn is_empty(&self) -> bool {
        matches!(&self.lote, Some(Ok(items)) if items.is_empty())
    }

    fn read(reader: &mut Reader<'_>) -> Result<Self, crate::DecodeError> {
        let mut lote = Self {
            ticket: None,
            lote: None,
        };
        if reader.peek_kind()? != JsonKind::Object {
            reader.skip_value()?;
            return Ok(lote);
        }
        reader.object(|reader, key, _| {
            let kind = reader.peek_kind()?;
            let offset = reader.value_start();
            if key.eq_ignore_ascii_case("ticketCode") {
                lote.ticket = match kind {
                    JsonKind::String => Some(Slot::Text(reader.string_of("ticketCode")?)),
                    JsonKind::Null => {
                        reader.skip_value()?;
                        None
                    }
                    other => {
                        reader.skip_value()?;
                        Some(Slot::Other {
                            kind: other.name(),
                            offset,
                        })
                    }
                };
            } else if key.eq_ignore_ascii_case("lote") && kind == JsonKind::Array {
                let mut items = Vec::new();
                reader.array(|reader, _| {
                    if reader.peek_kind()? == JsonKind::Object {
                        items.push(Some(ItemSlots::read(reader)?));
                    } else {
                        reader.skip_value()?;
                        items.push(None);
                    }
                    Ok(())
                })?;
                lote.lote = Some(Ok(items));
            } else if key.eq_ignore_ascii_case("lote") {
                reader.skip_value()?;
                lote.lote = (kind != JsonKind::Null).then_some(Err(kind.name()));
            } else {
                reader.skip_value()?;
            }
            Ok(())
        })?;
        Ok(lote)
    }
}

/// A present tag's value, borrowed.
enum SlotRef<'a> {
    Text(&'a str),
    Other(&'static str),
}

/// What the walk reads of an item: a parsed JSON object or a typed item.
trait ItemView {
    /// The value of `field`, `None` when absent.
    fn slot(&self, field: LoteField) -> Option<SlotRef<'_>>;
}

impl ItemView for ItemSlots {
    fn slot(&self, field: LoteField) -> Option<SlotRef<'_>> {
        self.get(field).map(|slot| match slot {
            Slot::Text(text) => SlotRef::Text(text),
            Slot::Other { kind, .. } => SlotRef::Other(kind),
        })
    }
}

impl ItemView for LoteItem {
    fn slot(&self, field: LoteField) -> Option<SlotRef<'_>> {
        self.get(field).map(SlotRef::Text)
    }
}

/// How one item ended.
enum ItemEnd {
    Stored,
    Rejected(LoteField, ErrorEntry),
    Crashed(&'static str, String),
}

struct Run<'a> {
    server: &'a ServerRules,
    first_branch: &'a str,
    rejected: Vec<(usize, LoteField)>,
}

impl Run<'_> {
    fn raw(&mut self, lote: &RawLote, store: &mut impl St2Store) -> PostAnswer {
        let crash = |field, detail: String| {
            PostAnswer::WorkerCrash(Crash {
                item: None,
                field,
                detail,
            })
        };
        let ticket = match &lote.ticket {
            Some(Slot::Text(ticket)) => ticket,
            Some(Slot::Other { kind, .. }) => {
                return crash("ticketCode", format!("ticketCode is {kind}"));
            }
            None => return crash("ticketCode", "ticketCode is absent".to_owned()),
        };
        match &lote.lote {
            Some(Ok(items)) => self.items(ticket, items.iter().map(Option::as_ref), store),
            Some(Err(kind)) => crash("lote", format!("lote is {kind}")),
            None => crash("lote", "lote is absent".to_owned()),
        }
    }

    /// Every item in order; `None` stands for an element that is not an object.
    fn items<'i, I: ItemView + 'i>(
        &mut self,
        ticket: &str,
        items: impl Iterator<Item = Option<&'i I>>,
        store: &mut impl St2Store,
    ) -> PostAnswer {
        let crash = |item, field, detail: String| {
            PostAnswer::WorkerCrash(Crash {
                item: Some(item),
                field,
                detail,
            })
        };
        let mut results = Vec::new();
        for (index, item) in items.enumerate() {
            let Some(item) = item else {
                return crash(index, "lote", "the item is not an object".to_owned());
            };
            let Some(SlotRef::Text(key)) = item.slot(LoteField::RegistryKey) else {
                return crash(
                    index,
                    "registryKey",
                    "registryKey is absent or not a string".to_owned(),
                );
            };
            match self.item(item, ticket, store) {
                ItemEnd::Stored => results.push(KeyResult::accepted(key)),
                ItemEnd::Rejected(field, entry) => {
                    self.rejected.push((index, field));
                    results.push(KeyResult::rejected(key, entry));
                }
                ItemEnd::Crashed(field, detail) => return crash(index, field, detail),
            }
        }
        PostAnswer::Keys(PostResponse {
            ticket_code: ticket.to_owned(),
            results,
        })
    }

    /// 813 first, then the walk over the fourteen fields; the first failure ends the item.
    fn item(&self, item: &impl ItemView, ticket: &str, store: &mut impl St2Store) -> ItemEnd {
        let text = |field| match item.slot(field) {
            Some(SlotRef::Text(value)) => Some(value),
            _ => None,
        };
        let (Some(branch), Some(registry_type), Some(key)) = (
            text(LoteField::SourceBranch),
            text(LoteField::RegistryType),
            text(LoteField::RegistryKey),
        ) else {
            let field = [LoteField::SourceBranch, LoteField::RegistryType]
                .into_iter()
                .find(|&field| text(field).is_none())
                .unwrap_or(LoteField::RegistryKey);
            return ItemEnd::Crashed(
                field.tag(),
                format!("{} is absent or not a string", field.tag()),
            );
        };
        if let Some(field) = rules::breaks_key_check(branch, registry_type) {
            return ItemEnd::Crashed(
                field.tag(),
                format!(
                    "the apostrophe in {} breaks the SQL of the 813 check",
                    field.tag()
                ),
            );
        }
        if let Err(entry) = rules::key_pending(branch, registry_type, key, store) {
            return ItemEnd::Rejected(LoteField::RegistryKey, entry);
        }
        for field in LoteField::ALL {
            let value = match item.slot(field) {
                None => None,
                Some(SlotRef::Text(value)) => Some(value),
                Some(SlotRef::Other(kind)) => {
                    return ItemEnd::Crashed(field.tag(), format!("{} is {kind}", field.tag()));
                }
            };
            if let Err(entry) = self.field(field, value, registry_type) {
                return ItemEnd::Rejected(field, entry);
            }
        }
        store.insert(new_row(&text, ticket));
        ItemEnd::Stored
    }

    /// One step of the walk: presence, column, blank check, then the field's validator.
    fn field(
        &self,
        field: LoteField,
        value: Option<&str>,
        registry_type: &str,
    ) -> Result<(), ErrorEntry> {
        rules::present(field, value)?;
        let Some(value) = value else {
            return Ok(());
        };
        rules::column_exists(field, &self.server.missing_columns)?;
        rules::not_blank(field, value)?;
        match field {
            LoteField::SourceBranch => rules::item_branch(
                value,
                self.first_branch,
                (!self.server.branch_map_missing).then_some(&self.server.branches),
            ),
            LoteField::MessageType => rules::message_type(value),
            LoteField::RegistryType => rules::registry_type(value, &self.server.registry_types),
            LoteField::IntegrationMessage if self.server.layout == TargetLayout::Legacy => {
                rules::layout_version(value, registry_type)
            }
            LoteField::RegistryPriority => rules::priority(value),
            LoteField::IntegrationQueue if self.server.queue_rule => rules::queue(value),
            _ => Ok(()),
        }
    }
}

/// The row an accepted item becomes.
fn new_row<'a>(text: &impl Fn(LoteField) -> Option<&'a str>, ticket: &str) -> NewRow {
    let column = |field: LoteField| {
        let value = text(field).unwrap_or_default();
        truncate(value, field.max_len().unwrap_or(usize::MAX))
    };
    NewRow {
        branch: column(LoteField::SourceBranch),
        message_type: column(LoteField::MessageType),
        sequential: column(LoteField::MessageSequential),
        registry_type: column(LoteField::RegistryType),
        key: column(LoteField::RegistryKey),
        integration_message: text(LoteField::IntegrationMessage)
            .unwrap_or_default()
            .to_owned(),
        ticket: truncate(ticket, TICKET_CODE_MAX_LEN),
        date: text(LoteField::IntegrationDate)
            .filter(|date| !all_trim(date).is_empty())
            .map(|date| {
                if is_date(all_trim(date)) {
                    all_trim(date).to_owned()
                } else {
                    String::new()
                }
            }),
        time: text(LoteField::IntegrationTime)
            .filter(|time| !all_trim(time).is_empty())
            .map(|time| truncate(time, 8)),
        priority: text(LoteField::RegistryPriority)
            .map_or_else(|| "5".to_owned(), |priority| all_trim(priority).to_owned()),
        queue: if text(LoteField::IntegrationQueue) == Some("1") {
            "F".to_owned()
        } else {
            String::new()
        },
        owner: column(LoteField::ErpOwner),
        predecessor: column(LoteField::RegistryPredecessor),
        transfer_branch: column(LoteField::TransferBranch),
        complement: column(LoteField::Complement),
    }
}

/// The first `max` characters, as a character column keeps them.
pub(crate) fn truncate(value: &str, max: usize) -> String {
    value.chars().take(max).collect()
}

/// Whether `value` is a calendar date `YYYYMMDD` (what `STOD` turns into a date).
pub(crate) fn is_date(value: &str) -> bool {
    if value.len() != 8 || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        value
            .get(range)
            .and_then(|digits| digits.parse::<u32>().ok())
            .unwrap_or_default()
    };
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    year > 0 && calendar::is_valid(i64::from(year), month, day)
}

/// See [`NewRow::stored_message`].
fn stored_message(base64: &str) -> Vec<u8> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let cleaned: String = base64.chars().filter(|c| !c.is_whitespace()).collect();
    let decoded = STANDARD
        .decode(&cleaned)
        .or_else(|_| LENIENT.decode(&cleaned))
        .unwrap_or_else(|_| base64.as_bytes().to_vec());
    if !declares_utf8(&decoded) {
        return decoded;
    }
    let after = decoded
        .iter()
        .position(|&byte| byte == b'>')
        .and_then(|end| decoded.get(end + 1..))
        .unwrap_or_default();
    after
        .iter()
        .copied()
        .filter(|&byte| byte != b'\r' && byte != b'\n')
        .collect()
}

/// Whether `text` contains `ENCODING="UTF-8"` without regard to ASCII case: the test the
/// server applies to the decoded message. Only the `=` signs are candidates, found by a
/// vectorised byte search.
pub(crate) fn declares_utf8(text: &[u8]) -> bool {
    const BEFORE: &[u8] = b"ENCODING";
    const AFTER: &[u8] = b"=\"UTF-8\"";
    memchr::memchr_iter(b'=', text).any(|at| {
        at.checked_sub(BEFORE.len())
            .and_then(|start| text.get(start..at))
            .is_some_and(|before| before.eq_ignore_ascii_case(BEFORE))
            && text
                .get(at..at + AFTER.len())
                .is_some_and(|after| after.eq_ignore_ascii_case(AFTER))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf8_declaration_and_line_breaks_go_other_declarations_stay() {
        let p22 = STANDARD
            .encode("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<eSocial>\r\n<x/></eSocial>");
        assert_eq!(stored_message(&p22), b"<eSocial><x/></eSocial>");
        let single = "<?xml version='1.0' encoding='UTF-8'?>\r\n<eSocial/>";
        assert_eq!(stored_message(&STANDARD.encode(single)), single.as_bytes());
        assert_eq!(stored_message("not base64!"), b"not base64!");
    }

    #[test]
    fn the_utf8_test_ignores_case_and_needs_double_quotes() {
        assert!(declares_utf8(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assert!(declares_utf8(b"ENCODING=\"UTF-8\""));
        assert!(!declares_utf8(b"encoding='UTF-8'"));
        assert!(!declares_utf8(b"encoding=\"UTF-16\" = x"));
        assert!(!declares_utf8(b"=\"UTF-8\""));
    }

    #[test]
    fn dates_follow_the_calendar() {
        assert!(is_date("20240229") && is_date("20250101"));
        assert!(!is_date("20250229") && !is_date("202501") && !is_date("2025AB01"));
        assert!(!is_date("20251301") && !is_date("20250100"));
    }
}

//! GET: the validation chain, row selection (`consultaRegs`, `TAFLastRcN`) and item layout
//! (`setItensResponse`) of spec §4.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::catalog::{XerpError, status_description};
use std::cell::RefCell;

use crate::server::{PageCutter, Row};
use crate::server::{Selection, St2Row, St2Status, Store, XerpRow};
use crate::wire::Fault;
use crate::wire::messages;
use crate::wire::text::all_trim;
use crate::wire::{
    GetPage, GetQuery, Item, ItemId, KeyKind, PendingItem, ProcessedItem, StreamingError,
};
/// How the emulated database answers `searchMode=2` (spec §4.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Database {
    /// Microsoft SQL Server, `PostgreSQL` and the like: a newest TAFXERP row that failed hides the key.
    #[default]
    Other,
    /// Oracle: the newest valid TAFXERP row joins every occurrence of the key.
    Oracle,
}

/// One row the query selected, with the TAFXERP row it joined (if any).
struct Candidate {
    row: St2Row,
    xerp: Option<XerpRow>,
}

/// How many TAFST2 rows a GET asks the store for at a time.
const BATCH: usize = 128;

/// Answers a GET whose branch was already accepted: the page the cutter makes of the selected
/// rows, rendered only as far as the cutter reads them, or fault 701/703. The outer error: the
/// store failed.
pub(crate) fn answer<S: Store>(
    store: &S,
    query: &GetQuery,
    database: Database,
    double_base64: bool,
    cutter: &mut PageCutter,
) -> Result<Result<GetPage, Fault>, S::Error> {
    let filter = Filter::new(query);
    let max_rec_no = store.max_rec_no(&filter.selection, filter.start, filter.search == Some(2))?;
    let failure = RefCell::new(None);
    let reads = Reads {
        store,
        failure: &failure,
    };
    let kind = query.selection().unwrap_or(KeyKind::TicketCode);
    let flags = Flags::new(query, double_base64);
    let page = {
        let candidates = filter.candidates(reads, database);
        let rows = candidates
            .map(|candidate| Row::new(candidate.row.recno, render(reads, &candidate, kind, flags)));
        cutter.cut_with_max(query, rows, max_rec_no)
    };
    match failure.into_inner() {
        Some(error) => Err(error),
        None => Ok(page),
    }
}

/// The store's reads during a lazy page: the first failure is kept, and reads after it find
/// nothing.
struct Reads<'a, S: Store> {
    store: &'a S,
    failure: &'a RefCell<Option<S::Error>>,
}

impl<S: Store> Clone for Reads<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Store> Copy for Reads<'_, S> {}

impl<S: Store> Reads<'_, S> {
    /// The value read, or `fallback` when the store failed now or before.
    fn read<T>(self, fallback: T, read: impl FnOnce(&S) -> Result<T, S::Error>) -> T {
        if self.failure.borrow().is_some() {
            return fallback;
        }
        read(self.store).unwrap_or_else(|error| {
            *self.failure.borrow_mut() = Some(error);
            fallback
        })
    }
}

/// Whether the query's SQL fails: the ticket, key and branch go into it unescaped (spec §4.3,
/// §7 quirk 19), so a `'` in any of them breaks the statement and the worker.
pub(crate) fn breaks_sql(query: &GetQuery) -> bool {
    [
        &query.ticket_code,
        &query.registry_key,
        &query.source_branch,
    ]
    .into_iter()
    .any(|value| value.as_deref().is_some_and(|value| value.contains('\'')))
}

/// The row filters of a query, and whether `searchMode` applies (it needs a `registryKey`).
struct Filter {
    selection: Selection,
    start: i64,
    search: Option<i64>,
}

impl Filter {
    fn new(query: &GetQuery) -> Self {
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(all_trim)
                .filter(|value| !value.is_empty())
                .map(str::to_owned)
        };
        let key = given(&query.registry_key);
        Self {
            search: query.search_mode.filter(|_| key.is_some()),
            selection: Selection {
                ticket: given(&query.ticket_code),
                key,
                branch: given(&query.source_branch),
            },
            start: query.start_rec_no.unwrap_or(i64::MIN),
        }
    }

    /// The selected TAFST2 rows from `startRecNo` on, fetched from the store a batch at a time.
    fn rows<'a, S: Store>(&'a self, reads: Reads<'a, S>) -> impl Iterator<Item = St2Row> + 'a {
        let mut next = Some(self.start);
        std::iter::from_fn(move || {
            let from = next?;
            let batch = reads.read(Vec::new(), |store| {
                store.st2_rows(&self.selection, from, BATCH)
            });
            next = batch
                .last()
                .filter(|_| batch.len() == BATCH)
                .map(|row| row.recno + 1);
            (!batch.is_empty()).then_some(batch)
        })
        .flatten()
    }

    /// `consultaRegs`: the selected rows in ascending RECNO, each joined with its TAFXERP rows.
    /// Lazy without `searchMode`, so a page reads only the rows the cutter takes.
    fn candidates<'a, S: Store>(
        &'a self,
        reads: Reads<'a, S>,
        database: Database,
    ) -> Box<dyn Iterator<Item = Candidate> + 'a> {
        let key_only = self.selection.ticket.is_none();
        let all = self.rows(reads).flat_map(move |row| {
            let joined = self.joined(reads, &row, key_only, database);
            if joined.is_empty() {
                vec![Candidate { row, xerp: None }]
            } else {
                joined
                    .into_iter()
                    .map(|xerp| Candidate {
                        row: row.clone(),
                        xerp: Some(xerp),
                    })
                    .collect()
            }
        });
        let Some(search) = self.search else {
            return Box::new(all);
        };
        let mut candidates: Vec<Candidate> = all
            .filter(|candidate| {
                search != 2
                    || candidate.row.status == St2Status::Processed
                        && candidate.xerp.as_ref().is_some_and(XerpRow::is_integrated)
            })
            .collect();
        let newest = candidates.iter().map(|candidate| candidate.row.recno).max();
        candidates.retain(|candidate| Some(candidate.row.recno) == newest);
        candidates.truncate(1);
        Box::new(candidates.into_iter())
    }

    /// The TAFXERP rows a TAFST2 row joins: only processed rows join; key-only searches join
    /// every ticket of the key; searchMode in key-only mode keeps the newest row of the key.
    fn joined<S: Store>(
        &self,
        reads: Reads<'_, S>,
        row: &St2Row,
        key_only: bool,
        database: Database,
    ) -> Vec<XerpRow> {
        if row.status != St2Status::Processed {
            return Vec::new();
        }
        let ticket = (!key_only).then_some(row.ticket.as_str());
        let of_key = reads
            .read(Vec::new(), |store| store.xerp_rows(&row.key, ticket))
            .into_iter();
        match (key_only, self.search) {
            (true, Some(1)) => of_key.max_by_key(|xerp| xerp.recno).into_iter().collect(),
            (true, Some(_)) => match database {
                Database::Oracle => of_key
                    .filter(XerpRow::is_integrated)
                    .max_by_key(|xerp| xerp.recno)
                    .into_iter()
                    .collect(),
                Database::Other => of_key
                    .max_by_key(|xerp| xerp.recno)
                    .filter(XerpRow::is_integrated)
                    .into_iter()
                    .collect(),
            },
            (true, None) | (false, _) => of_key.collect(),
        }
    }
}

/// The query switches that shape items.
#[derive(Clone, Copy)]
struct Flags {
    return_ret_response: bool,
    query_elements: bool,
    double_base64: bool,
}

impl Flags {
    fn new(query: &GetQuery, double_base64: bool) -> Self {
        Self {
            return_ret_response: query.return_ret_response == Some(true),
            query_elements: query.query_elements != Some(0),
            double_base64,
        }
    }

    /// Whether RET errors are looked up for a record of this raw status (a substring test, so a
    /// blank status qualifies as the server's does).
    fn looks_up_ret(self, status: &str) -> bool {
        let allowed = if self.return_ret_response { "3|4" } else { "3" };
        (self.return_ret_response || self.query_elements) && allowed.contains(status.trim())
    }
}

fn render<S: Store>(
    reads: Reads<'_, S>,
    candidate: &Candidate,
    kind: KeyKind,
    flags: Flags,
) -> Item {
    let row = &candidate.row;
    let id = match kind {
        KeyKind::RegistryKey => ItemId::TicketCode(all_trim(&row.ticket).to_owned()),
        KeyKind::TicketCode => ItemId::RegistryKey(all_trim(&row.key).to_owned()),
    };
    match &candidate.xerp {
        Some(xerp) if xerp.is_integrated() => Item::Processed(processed(reads, xerp, id, flags)),
        Some(xerp) => Item::Pending(rejected(row, xerp, id)),
        None => {
            let description = match row.status {
                St2Status::Pending | St2Status::Processing => messages::AWAITING_PROCESSING,
                St2Status::Processed => messages::NOT_IN_TAFXERP,
            };
            Item::Pending(empty_pending(description, id))
        }
    }
}

fn processed<S: Store>(
    reads: Reads<'_, S>,
    xerp: &XerpRow,
    id: ItemId,
    flags: Flags,
) -> ProcessedItem {
    let direct_deletion =
        XerpError::from_code(&xerp.error_code) == Some(XerpError::DIRECT_DELETION);
    let record = reads.read(None, |store| store.record(&xerp.alias, xerp.taf_recno));
    let record = record.as_ref();
    let (status_code, receipt_number, active) = match record {
        Some(_) if direct_deletion => (String::new(), String::new(), false),
        Some(record) => (
            record.status.clone(),
            record.receipt.clone(),
            record.active != "2",
        ),
        None => (String::new(), String::new(), false),
    };
    let delete_type = match (record, xerp.alias.as_str()) {
        (Some(_), "CMJ") => Some("1".to_owned()),
        (None, "CMJ" | "V7J") if xerp.taf_recno == 0 => Some("0".to_owned()),
        _ => None,
    };
    let (streaming_errors, xml_ret_response) = match record {
        Some(record) if flags.looks_up_ret(&status_code) => {
            let xml = if flags.return_ret_response && !record.return_xml.is_empty() {
                let once = STANDARD.encode(&record.return_xml);
                if flags.double_base64 {
                    STANDARD.encode(once)
                } else {
                    once
                }
            } else {
                String::new()
            };
            (record.errors.iter().map(v2h_error).collect(), xml)
        }
        _ => (Vec::new(), String::new()),
    };
    ProcessedItem {
        description: messages::PROCESSED.to_owned(),
        id,
        status_description: Some(status_description(&status_code).to_owned()),
        status_code,
        active,
        receipt_number,
        delete_type,
        streaming_errors,
        xml_ret_response,
    }
}

/// A V2H error as `GetErroTSS` writes it: the code left-padded with zeros to three digits, the
/// detail as stored.
fn v2h_error(error: &StreamingError) -> StreamingError {
    let code = all_trim(&error.code);
    StreamingError {
        code: if code.bytes().all(|byte| byte.is_ascii_digit()) {
            format!("{code:0>3}")
        } else {
            code.to_owned()
        },
        detail: error.detail.clone(),
    }
}

fn rejected(row: &St2Row, xerp: &XerpRow, id: ItemId) -> PendingItem {
    let status = all_trim(&xerp.status);
    let description = if status == "9" {
        messages::INCONSISTENT
    } else {
        messages::OTHER_XERP_STATUS
    };
    let queue = if matches!(status, "9" | "7") {
        ""
    } else {
        all_trim(&row.queue)
    };
    let column = |value: &str| all_trim(value).to_owned();
    PendingItem {
        description: description.to_owned(),
        id,
        error_code: column(&xerp.error_code),
        // `TAFCodErr()`'s Portuguese texts are not in the spec: nothing is invented.
        error_description: String::new(),
        error_detail: all_trim(&xerp.error_detail).replace("\r\n", "\n"),
        registry_priority: column(&row.priority),
        integration_queue: queue.to_owned(),
        erp_owner: column(&row.owner),
        registry_predecessor: column(&row.predecessor),
        transfer_branch: column(&row.transfer_branch),
        complement: column(&row.complement),
        streaming_errors: Vec::new(),
        xml_ret_response: String::new(),
    }
}

fn empty_pending(description: &str, id: ItemId) -> PendingItem {
    PendingItem {
        description: description.to_owned(),
        id,
        error_code: String::new(),
        error_description: String::new(),
        error_detail: String::new(),
        registry_priority: String::new(),
        integration_queue: String::new(),
        erp_owner: String::new(),
        registry_predecessor: String::new(),
        transfer_branch: String::new(),
        complement: String::new(),
        streaming_errors: Vec::new(),
        xml_ret_response: String::new(),
    }
}

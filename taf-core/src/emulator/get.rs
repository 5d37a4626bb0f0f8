//! GET: the validation chain, row selection (`consultaRegs`, `TAFLastRcN`) and item layout
//! (`setItensResponse`) of spec §4.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::catalog::{XerpError, status_description};
use crate::emulator::Config;
use crate::emulator::tables::{St2Row, St2Status, Tables, XerpRow};
use crate::fault::Fault;
use crate::get::{
    GetPage, GetQuery, Item, ItemId, KeyKind, PendingItem, ProcessedItem, StreamingError,
};
use crate::messages;
use crate::paging::{PageCutter, Row};
use crate::preflight::rules::all_trim;
use crate::text::same_char;

/// How the emulated database answers `searchMode=2` (spec §4.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Database {
    /// Microsoft SQL Server, `PostgreSQL` and the like: a newest TAFXERP row that failed hides the key.
    #[default]
    Other,
    /// Oracle: the newest valid TAFXERP row joins every occurrence of the key.
    Oracle,
}

/// One row the query selected, with the TAFXERP row it joined (if any).
struct Candidate<'a> {
    row: &'a St2Row,
    xerp: Option<&'a XerpRow>,
}

/// Answers a GET whose branch was already accepted: the page the cutter makes of the selected
/// rows, rendered only as far as the cutter reads them, or fault 701/703.
pub(crate) fn answer(
    tables: &Tables,
    query: &GetQuery,
    config: &Config,
    cutter: &mut PageCutter,
) -> Result<GetPage, Fault> {
    let filter = Filter::new(query);
    let max_rec_no = filter.max_rec_no(tables);
    let candidates = filter.candidates(tables, config.database);
    let kind = query.selection().unwrap_or(KeyKind::TicketCode);
    let flags = Flags::new(query, config.quirks.double_base64);
    let rows = candidates
        .map(|candidate| Row::new(candidate.row.recno, render(tables, &candidate, kind, flags)));
    cutter.cut_with_max(query, rows, max_rec_no)
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
struct Filter<'q> {
    ticket: Option<&'q str>,
    key: Option<&'q str>,
    branch: Option<&'q str>,
    start: i64,
    search: Option<i64>,
}

impl<'q> Filter<'q> {
    fn new(query: &'q GetQuery) -> Self {
        let given = |value: &'q Option<String>| {
            value
                .as_deref()
                .map(all_trim)
                .filter(|value| !value.is_empty())
        };
        let key = given(&query.registry_key);
        Self {
            ticket: given(&query.ticket_code),
            key,
            branch: given(&query.source_branch),
            start: query.start_rec_no.unwrap_or(i64::MIN),
            search: query.search_mode.filter(|_| key.is_some()),
        }
    }

    fn selects(&self, row: &St2Row) -> bool {
        row.recno >= self.start
            && self
                .ticket
                .is_none_or(|ticket| same_char(&row.ticket, ticket))
            && self.key.is_none_or(|key| same_char(&row.key, key))
            && self
                .branch
                .is_none_or(|branch| same_char(&row.branch, branch))
    }

    /// `TAFLastRcN`: the highest RECNO matching the filters; in searchMode 2 only rows whose own
    /// TAFXERP row (joined on key and ticket) is valid count.
    fn max_rec_no(&self, tables: &Tables) -> i64 {
        self.rows_from_start(tables)
            .rev()
            .filter(|row| self.selects(row))
            .filter(|row| {
                self.search != Some(2)
                    || row.status == St2Status::Processed
                        && tables.xerp.iter().any(|xerp| {
                            same_char(&xerp.key, &row.key)
                                && same_char(&xerp.ticket, &row.ticket)
                                && xerp.is_integrated()
                        })
            })
            .map(|row| row.recno)
            .next()
            .unwrap_or(0)
    }

    /// The TAFST2 rows from `startRecNo` on (the table is in ascending RECNO).
    fn rows_from_start<'t>(&self, tables: &'t Tables) -> std::slice::Iter<'t, St2Row> {
        let first = tables.st2.partition_point(|row| row.recno < self.start);
        tables.st2.get(first..).unwrap_or_default().iter()
    }

    /// `consultaRegs`: the selected rows in ascending RECNO, each joined with its TAFXERP rows.
    /// Lazy without `searchMode`, so a page reads only the rows the cutter takes.
    fn candidates<'t>(
        &'t self,
        tables: &'t Tables,
        database: Database,
    ) -> Box<dyn Iterator<Item = Candidate<'t>> + 't> {
        let key_only = self.ticket.is_none();
        let all = self
            .rows_from_start(tables)
            .filter(|row| self.selects(row))
            .flat_map(move |row| {
                let joined = self.joined(tables, row, key_only, database);
                let bare = joined.is_empty().then_some(Candidate { row, xerp: None });
                bare.into_iter()
                    .chain(joined.into_iter().map(move |xerp| Candidate {
                        row,
                        xerp: Some(xerp),
                    }))
            });
        let Some(search) = self.search else {
            return Box::new(all);
        };
        let mut candidates: Vec<Candidate<'t>> = all
            .filter(|candidate| {
                search != 2
                    || candidate.row.status == St2Status::Processed
                        && candidate.xerp.is_some_and(XerpRow::is_integrated)
            })
            .collect();
        let newest = candidates.iter().map(|candidate| candidate.row.recno).max();
        candidates.retain(|candidate| Some(candidate.row.recno) == newest);
        candidates.truncate(1);
        Box::new(candidates.into_iter())
    }

    /// The TAFXERP rows a TAFST2 row joins: only processed rows join; key-only searches join
    /// every ticket of the key; searchMode in key-only mode keeps the newest row of the key.
    fn joined<'t>(
        &self,
        tables: &'t Tables,
        row: &St2Row,
        key_only: bool,
        database: Database,
    ) -> Vec<&'t XerpRow> {
        if row.status != St2Status::Processed {
            return Vec::new();
        }
        let of_key = tables
            .xerp
            .iter()
            .filter(|xerp| same_char(&xerp.key, &row.key));
        match (key_only, self.search) {
            (true, Some(1)) => of_key.max_by_key(|xerp| xerp.recno).into_iter().collect(),
            (true, Some(_)) => match database {
                Database::Oracle => of_key
                    .filter(|xerp| xerp.is_integrated())
                    .max_by_key(|xerp| xerp.recno)
                    .into_iter()
                    .collect(),
                Database::Other => of_key
                    .max_by_key(|xerp| xerp.recno)
                    .filter(|xerp| xerp.is_integrated())
                    .into_iter()
                    .collect(),
            },
            (true, None) => of_key.collect(),
            (false, _) => of_key
                .filter(|xerp| same_char(&xerp.ticket, &row.ticket))
                .collect(),
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

fn render(tables: &Tables, candidate: &Candidate<'_>, kind: KeyKind, flags: Flags) -> Item {
    let row = candidate.row;
    let id = match kind {
        KeyKind::RegistryKey => ItemId::TicketCode(all_trim(&row.ticket).to_owned()),
        KeyKind::TicketCode => ItemId::RegistryKey(all_trim(&row.key).to_owned()),
    };
    match candidate.xerp {
        Some(xerp) if xerp.is_integrated() => Item::Processed(processed(tables, xerp, id, flags)),
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

fn processed(tables: &Tables, xerp: &XerpRow, id: ItemId, flags: Flags) -> ProcessedItem {
    let direct_deletion =
        XerpError::from_code(&xerp.error_code) == Some(XerpError::DIRECT_DELETION);
    let record = tables.record(&xerp.alias, xerp.taf_recno);
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

//! What a search found, record by record, for people (table rows and a summary line) and
//! machines (JSON), and its counts.

use serde_json::{Map, Value, json};
use taf_core::catalog::{RecordStatus, XerpError};
use taf_core::{Item, KeyKind, PageEvent, PendingItem, ProcessedItem};

use crate::exit::Exit;
use crate::output::{Style, Tone, plural, thousands};
use crate::table::Cell;

/// One record as the table shows it.
struct Record<'a> {
    id: &'a str,
    state: String,
    standing: Exit,
    status: &'a str,
    receipt: &'a str,
    error: String,
}

impl<'a> Record<'a> {
    fn of(item: &'a Item) -> Self {
        match item {
            Item::Processed(item) => Self::processed(item),
            Item::Pending(item) => Self::pending(item),
            Item::NotFound(item) => Self {
                id: item.id.value(),
                state: "not found".to_owned(),
                standing: Exit::Rejected,
                status: "",
                receipt: "",
                error: String::new(),
            },
        }
    }

    fn processed(item: &'a ProcessedItem) -> Self {
        let (state, standing) = match item.status() {
            // The server sends "" for a direct deletion or a record it cannot position.
            None if item.status_code.is_empty() => ("deleted".to_owned(), Exit::Clean),
            None => (
                format!("status {}", item.status_code.trim()),
                Exit::Attention,
            ),
            Some(status) => (status_name(status).to_owned(), standing_of(status)),
        };
        let error = item
            .streaming_errors
            .iter()
            .map(|error| format!("{} {}", error.code.trim(), error.detail.trim()))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            id: item.id.value(),
            state,
            standing,
            status: item.status_code.trim(),
            receipt: item.receipt().unwrap_or_default(),
            error,
        }
    }

    fn pending(item: &'a PendingItem) -> Self {
        let (state, standing) = if item.is_waiting() {
            ("waiting", Exit::Attention)
        } else if item.error().is_some_and(XerpError::is_success) {
            ("deleted", Exit::Clean)
        } else if item.integration_queue.trim() == "F" {
            ("queued again", Exit::Attention)
        } else {
            ("error", Exit::Rejected)
        };
        let head = [item.error_code.trim(), item.error_description.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let error = match item.error_detail.trim() {
            "" => head,
            detail if head.is_empty() => detail.to_owned(),
            detail => format!("{head}: {detail}"),
        };
        Self {
            id: item.id.value(),
            state: state.to_owned(),
            standing,
            status: "",
            receipt: "",
            error,
        }
    }

    fn tone(&self) -> Tone {
        match self.standing {
            Exit::Clean => Tone::Good,
            Exit::Attention => Tone::Notice,
            Exit::Rejected => Tone::Bad,
        }
    }
}

fn status_name(status: RecordStatus) -> &'static str {
    match status {
        RecordStatus::Integrated => "integrated",
        RecordStatus::Valid => "valid",
        RecordStatus::Invalid => "invalid in TAF",
        RecordStatus::Transmitted => "transmitted",
        RecordStatus::Inconsistent => "rejected by government",
        RecordStatus::Authorized => "authorized",
        RecordStatus::ExclusionRequested => "exclusion requested",
        RecordStatus::Excluded => "excluded",
    }
}

fn standing_of(status: RecordStatus) -> Exit {
    match status {
        RecordStatus::Authorized | RecordStatus::Excluded => Exit::Clean,
        RecordStatus::Invalid | RecordStatus::Inconsistent => Exit::Rejected,
        RecordStatus::Integrated
        | RecordStatus::Valid
        | RecordStatus::Transmitted
        | RecordStatus::ExclusionRequested => Exit::Attention,
    }
}

/// The table's header; the first column is the other key of the search (`KEY` for a ticket
/// search, `TICKET` for a key search).
pub(crate) fn header(searched: KeyKind) -> Vec<&'static str> {
    let id = match searched {
        KeyKind::TicketCode => "KEY",
        KeyKind::RegistryKey => "TICKET",
    };
    vec![id, "STATE", "STATUS", "RECEIPT", "ERROR"]
}

/// One record as a table row.
pub(crate) fn row(item: &Item) -> Vec<Cell> {
    let record = Record::of(item);
    vec![
        Cell::plain(record.id),
        Cell::new(&record.state, record.tone()),
        Cell::plain(record.status),
        Cell::plain(record.receipt),
        Cell::new(&record.error, Tone::Bad),
    ]
}

/// One record as JSON: its state and the item as decoded.
pub(crate) fn to_json(item: &Item) -> Value {
    let record = Record::of(item);
    json!({
        "id": record.id,
        "state": record.state,
        "statusCode": record.status,
        "receipt": record.receipt,
        "error": record.error,
        "item": item,
    })
}

/// Most distinct states a summary names; the rest are counted together.
const MAX_STATES: usize = 16;

/// What a search found, counted as the pages go by: the records themselves are not kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Tally {
    /// Pages fetched.
    pages: u32,
    /// Records seen.
    records: usize,
    /// Extra copies of records (key-only searches).
    duplicates: usize,
    /// Whether the server found nothing.
    not_found: bool,
    /// Records per state, in order of first appearance (at most [`MAX_STATES`]).
    states: Vec<(String, Tone, usize)>,
    /// Records in states beyond the first [`MAX_STATES`].
    other_states: usize,
    /// The worst standing of any record.
    worst: Option<Exit>,
}

impl Tally {
    /// Counts the events of one page.
    pub(crate) fn add(&mut self, events: &[PageEvent]) {
        self.pages = self.pages.saturating_add(1);
        for event in events {
            match event {
                PageEvent::Item(item) => self.count(&Record::of(item)),
                PageEvent::Duplicate(copies) => self.duplicates += copies.count(),
                PageEvent::NotFound(_) => self.not_found = true,
            }
        }
    }

    fn count(&mut self, record: &Record<'_>) {
        self.records += 1;
        self.worst = self.worst.max(Some(record.standing));
        let known = self.states.len();
        match self
            .states
            .iter_mut()
            .find(|(state, _, _)| *state == record.state)
        {
            Some((_, _, count)) => *count += 1,
            None if known < MAX_STATES => {
                self.states.push((record.state.clone(), record.tone(), 1));
            }
            None => self.other_states += 1,
        }
    }

    /// `1,200 records in 3 pages: 1,000 authorized, 200 waiting`, or `nothing found`.
    pub(crate) fn summary(&self, style: Style) -> String {
        if self.not_found {
            return style.paint(Tone::Bad, "nothing found");
        }
        let mut states: Vec<String> = self
            .states
            .iter()
            .map(|(state, tone, count)| {
                style.paint(*tone, &format!("{} {state}", thousands(*count)))
            })
            .collect();
        if self.other_states > 0 {
            states.push(format!("{} in other states", thousands(self.other_states)));
        }
        let duplicates = if self.duplicates > 0 {
            format!(
                ", and {} extra copies of records",
                thousands(self.duplicates)
            )
        } else {
            String::new()
        };
        format!(
            "{} in {}: {}{duplicates}",
            plural(self.records, "record"),
            plural(usize::try_from(self.pages).unwrap_or(usize::MAX), "page"),
            states.join(", ")
        )
    }

    /// 2 when anything is in error or nothing was found, 1 when records are still moving,
    /// else 0.
    pub(crate) fn exit(&self) -> Exit {
        if self.not_found {
            Exit::Rejected
        } else {
            self.worst.unwrap_or(Exit::Clean)
        }
    }

    /// The counts as JSON fields.
    pub(crate) fn to_json(&self) -> Map<String, Value> {
        let mut fields = Map::new();
        fields.insert("pages".to_owned(), self.pages.into());
        fields.insert("duplicates".to_owned(), self.duplicates.into());
        fields.insert("notFound".to_owned(), self.not_found.into());
        fields.insert("exitCode".to_owned(), self.exit().code().into());
        fields
    }
}

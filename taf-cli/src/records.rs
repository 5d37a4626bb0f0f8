//! What a search found, for people (a table and a summary line) and machines (JSON).

use serde_json::{Value, json};
use taf_core::catalog::{RecordStatus, XerpError};
use taf_core::{Item, KeyKind, PendingItem, ProcessedItem};

use crate::client::Listing;
use crate::exit::Exit;
use crate::output::{Style, Tone, plural, thousands};
use crate::table::{Cell, Table};

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

/// The records as a table; the first column is the other key of the search (`KEY` for a ticket
/// search, `TICKET` for a key search).
pub(crate) fn table(listing: &Listing, searched: KeyKind) -> Table {
    let id = match searched {
        KeyKind::TicketCode => "KEY",
        KeyKind::RegistryKey => "TICKET",
    };
    let mut table = Table::new(vec![id, "STATE", "STATUS", "RECEIPT", "ERROR"]);
    for item in &listing.items {
        let record = Record::of(item);
        table.push(vec![
            Cell::plain(record.id),
            Cell::new(&record.state, record.tone()),
            Cell::plain(record.status),
            Cell::plain(record.receipt),
            Cell::new(&record.error, Tone::Bad),
        ]);
    }
    table
}

/// `1,200 records in 3 pages: 1,000 authorized, 200 waiting`, or `nothing found`.
pub(crate) fn summary(listing: &Listing, style: Style) -> String {
    if listing.not_found {
        return style.paint(Tone::Bad, "nothing found");
    }
    let mut states: Vec<(String, Tone, usize)> = Vec::new();
    for item in &listing.items {
        let record = Record::of(item);
        match states
            .iter_mut()
            .find(|(state, _, _)| *state == record.state)
        {
            Some((_, _, count)) => *count += 1,
            None => states.push((record.state.clone(), record.tone(), 1)),
        }
    }
    let states: Vec<String> = states
        .iter()
        .map(|(state, tone, count)| style.paint(*tone, &format!("{} {state}", thousands(*count))))
        .collect();
    let duplicates = if listing.duplicates > 0 {
        format!(
            ", and {} extra copies of records",
            thousands(listing.duplicates)
        )
    } else {
        String::new()
    };
    format!(
        "{} in {}: {}{duplicates}",
        plural(listing.items.len(), "record"),
        plural(usize::try_from(listing.pages).unwrap_or(usize::MAX), "page"),
        states.join(", ")
    )
}

/// 2 when anything is in error or nothing was found, 1 when records are still moving, else 0.
pub(crate) fn exit(listing: &Listing) -> Exit {
    let worst = listing
        .items
        .iter()
        .map(|item| Record::of(item).standing)
        .max()
        .unwrap_or(Exit::Clean);
    if listing.not_found {
        Exit::Rejected
    } else {
        worst
    }
}

/// The listing as JSON: counts, and every record with its state and the item as decoded.
pub(crate) fn to_json(listing: &Listing) -> Value {
    let records: Vec<Value> = listing
        .items
        .iter()
        .map(|item| {
            let record = Record::of(item);
            json!({
                "id": record.id,
                "state": record.state,
                "statusCode": record.status,
                "receipt": record.receipt,
                "error": record.error,
                "item": item,
            })
        })
        .collect();
    json!({
        "pages": listing.pages,
        "records": records,
        "duplicates": listing.duplicates,
        "notFound": listing.not_found,
        "exitCode": exit(listing).code(),
    })
}

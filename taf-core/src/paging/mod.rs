//! Paging through GET results (spec §4.6): the server's cut of one page ([`PageCutter`]) and the
//! client's state machine that walks every page of a search ([`Paginator`]).

mod cursor;
mod cutter;
mod dedup;
mod error;
mod paginator;

pub use cursor::Cursor;
pub(crate) use cutter::check_query;
pub use cutter::{DEFAULT_LOT_QUANTITY, PAGE_BUDGET, PageCutter, Row};
pub use dedup::Duplicate;
pub use error::PagingError;
pub use paginator::{Event, Paginator, PagingConfig};

use crate::get::{GetQuery, KeyKind};

/// Whether the server answers `query` with at most one row: `searchMode` with a non-blank
/// `registryKey` (TOP 1 and the loop's early exit, spec §4.6–4.7). With only a ticket,
/// `searchMode` changes nothing.
pub(crate) fn is_single_row(query: &GetQuery) -> bool {
    query.search_mode.is_some()
        && query
            .registry_key
            .as_deref()
            .is_some_and(|key| !crate::preflight::rules::all_trim(key).is_empty())
}

/// The searched value the page echoes in `code`: the ticket when one is given, else the key,
/// exactly as sent.
pub(crate) fn searched_code(query: &GetQuery, kind: KeyKind) -> String {
    match kind {
        KeyKind::TicketCode => query.ticket_code.clone(),
        KeyKind::RegistryKey => query.registry_key.clone(),
    }
    .unwrap_or_default()
}

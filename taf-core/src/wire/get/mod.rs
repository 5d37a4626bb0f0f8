//! GET `/rest/WSTAFST2`: the query, the page and its items (spec §4).

mod item;
mod page;
mod query;

use serde::{Deserialize, Serialize};

pub use item::{
    DeleteType, Item, ItemId, NotFoundItem, PendingItem, ProcessedItem, StreamingError,
    decode_ret_response,
};
pub use page::GetPage;
pub(crate) use page::encode_head;
pub use query::{GetQuery, SearchMode};

/// Which key a search or an identifier is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyKind {
    /// `ticketCode`.
    TicketCode,
    /// `registryKey`.
    RegistryKey,
}

impl KeyKind {
    /// The name on the wire.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::TicketCode => "ticketCode",
            Self::RegistryKey => "registryKey",
        }
    }

    /// The other kind.
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::TicketCode => Self::RegistryKey,
            Self::RegistryKey => Self::TicketCode,
        }
    }

    fn from_wire_name(name: &str) -> Option<Self> {
        match name {
            "ticketCode" => Some(Self::TicketCode),
            "registryKey" => Some(Self::RegistryKey),
            _ => None,
        }
    }
}

/// Whether the server answers `query` with at most one row: `searchMode` with a non-blank
/// `registryKey` (TOP 1 and the loop's early exit, spec §4.6–4.7). With only a ticket,
/// `searchMode` changes nothing.
pub(crate) fn is_single_row(query: &GetQuery) -> bool {
    query.search_mode.is_some()
        && query
            .registry_key
            .as_deref()
            .is_some_and(|key| !crate::wire::text::all_trim(key).is_empty())
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

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

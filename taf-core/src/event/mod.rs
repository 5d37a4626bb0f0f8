//! eSocial and EFD-Reinf events: the catalogue of codes and a one-pass sniffer that reads what
//! an event is without building a tree (`esocial-domain.md` §1–§2), and the one read a lote
//! makes of each event (head, well-formedness and schema).

pub mod catalogue;
mod read;
mod sniff;

pub use catalogue::{EventKind, EventSpec, Family};
pub(crate) use read::is_refusal;
pub use read::{Reading, SchemaRules, read_event};
pub use sniff::{
    Declaration, EventInfo, LayoutVersion, SniffError, SniffErrorKind, SniffLimits, sniff,
    sniff_head,
};

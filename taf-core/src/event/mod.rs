//! eSocial and EFD-Reinf events: the catalogue of codes and a one-pass sniffer that reads what
//! an event is without building a tree (`esocial-domain.md` §1–§2).

pub mod catalogue;
mod sniff;

pub use catalogue::{EventKind, EventSpec, Family};
pub use sniff::{
    Declaration, EventInfo, LayoutVersion, SniffError, SniffErrorKind, SniffLimits, sniff,
    sniff_head,
};

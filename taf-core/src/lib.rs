//! Sans-IO model of the TOTVS TAF `WSTAFST2` REST service.
//!
//! ERP integrators post eSocial events to TAF through `WSTAFST2` (POST), poll what became of
//! them (GET, paged) and delete whole tickets (DELETE). This crate holds typed models of every
//! message, exact encoders (requests in the canonical order; responses byte for byte in the
//! real server's layout, but always valid JSON) and tolerant decoders that accept every quirk of
//! the real server: Windows-1252 bodies, padded values, the swapped identifier of the not-found
//! item, repeated `receiptNumber` keys, raw control characters, the broken DELETE bodies.
//!
//! The crate does no IO: it never opens a socket, reads a file or a clock.
//!
//! ```
//! use taf_core::{GetPage, Item, Reply, Wire};
//!
//! let body = br#"{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K1","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 10,"maxRecNo" : 10}"#;
//! let Reply::Body(page) = Reply::<GetPage>::decode(200, body)? else { panic!("not a page") };
//! assert!(page.is_last());
//! let Item::Pending(item) = &page.items[0] else { panic!("not pending") };
//! assert!(item.is_waiting());
//! assert_eq!(page.encode().as_bytes(), body);
//! # Ok::<(), taf_core::DecodeError>(())
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod branches;
pub mod catalog;
mod delete;
pub mod emulator;
mod error;
pub mod event;
mod fault;
mod get;
pub mod http;
mod json;
mod lote;
pub mod messages;
mod paging;
mod policy;
mod post;
pub mod preflight;
mod reply;
pub mod text;
mod tracker;
mod unknown_outcome;
mod wire;

pub use branches::BranchMap;
pub use delete::{DeleteRequest, DeleteResponse};
pub use error::{DecodeError, DecodeErrorKind};
pub use fault::{Fault, FaultBody};
pub use get::{
    DeleteType, GetPage, GetQuery, Item, ItemId, KeyKind, NotFoundItem, PendingItem, ProcessedItem,
    SearchMode, StreamingError, decode_ret_response,
};
pub use lote::{BuildError, BuildErrorKind, LoteBuilder, ReadLote, Source};
pub use paging::{
    Cursor, DEFAULT_LOT_QUANTITY, Duplicate, Event, PAGE_BUDGET, PageCutter, Paginator,
    PagingConfig, PagingError, Row,
};
pub use policy::{Action, Attempt, RequestError, StatusPolicy};
pub use post::{KeyOutcome, KeyResult, LoteItem, PostRequest, PostResponse};
pub use reply::{ErrorEntry, Reply, ReplyError};
pub use tracker::{KeyState, Outcome, Report, TrackError, Tracker};
pub use unknown_outcome::{StoredKeys, UnknownOutcome};
pub use wire::{MAX_BODY_BYTES, MAX_LOTE_BYTES, MAX_LOTE_ITEMS, Wire};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

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

mod calendar;
pub mod catalog;
pub mod client;
pub mod emulator;
pub mod event;
pub mod preflight;
pub mod server;
pub mod wire;

pub use client::{
    Action, Attempt, BuildError, BuildErrorKind, Cursor, DEFAULT_SERVICE_PATH, Duplicate, Endpoint,
    EndpointError, Event, KeyState, LoteBuilder, Outcome, Paginator, PagingConfig, PagingError,
    ReadLote, Report, RequestError, Source, StatusPolicy, StoredKeys, TrackError, Tracker,
    UnknownOutcome,
};
pub use server::{BranchMap, DEFAULT_LOT_QUANTITY, PAGE_BUDGET, PageCutter, Row};
pub use wire::http::{Credentials, Headers, HttpRequest, HttpResponse, JSON_CONTENT_TYPE, Method};
pub use wire::{
    DecodeError, DecodeErrorKind, DeleteRequest, DeleteResponse, DeleteType, ErrorEntry, Fault,
    FaultBody, GetPage, GetQuery, Item, ItemId, KeyKind, KeyOutcome, KeyResult, LoteItem,
    MAX_BODY_BYTES, MAX_LOTE_BYTES, MAX_LOTE_ITEMS, NotFoundItem, PendingItem, PostRequest,
    PostResponse, ProcessedItem, Reply, ReplyBody, ReplyError, SearchMode, StreamingError, Wire,
    decode_ret_response,
};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

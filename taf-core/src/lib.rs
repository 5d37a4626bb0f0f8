//! Sans-IO model of the TOTVS TAF `WSTAFST2` REST service.
//!
//! ERP integrators post eSocial events to TAF through `WSTAFST2` (POST), poll what became of
//! them (GET, paged) and delete whole tickets (DELETE). This crate holds typed models of every
//! message, exact encoders (requests in the canonical order; responses byte for byte in the
//! real server's layout, but always valid JSON) and tolerant decoders that accept every quirk of
//! the real server: Windows-1252 bodies, padded values, the swapped identifier of the not-found
//! item, repeated `receiptNumber` keys, raw control characters, the broken DELETE bodies.
//!
//! The crate does no IO: it never opens a socket, reads a file or a clock, and never starts a
//! thread.
//!
//! # Layout: one module per role
//!
//! - [`wire`]: what travels, known to both sides. Every message with its exact encoder and
//!   tolerant decoder ([`Wire`]), the answer of each method as a [`Reply`] (body, business-error
//!   envelope or [`Fault`]), decode errors, the server's texts ([`wire::messages`]), text
//!   decoding ([`wire::text`]), the JSON reader and writer, and the HTTP values
//!   ([`wire::http`]: request, response, headers, Basic [`Credentials`], written and checked in
//!   one place).
//! - [`client`]: what a program that talks to the server needs beyond the messages: the
//!   [`Endpoint`] that builds requests, the [`LoteBuilder`], the [`StatusPolicy`] (retry or not),
//!   [`UnknownOutcome`], the [`Paginator`] and the [`Tracker`]. State machines only; the caller
//!   sends.
//! - [`server`]: the service's own algorithms: POST processing over an
//!   [`St2Store`](server::St2Store) and the single rules it is made of, the [`PageCutter`], the
//!   GET and DELETE answers, the integration job, and the [`Store`](server::Store) trait the
//!   tables sit behind.
//! - [`emulator`]: a whole server built on [`server`]: configuration, fault injection
//!   ([`emulator::Quirks`]), the clock, the in-memory [`emulator::Tables`] and one `handle`
//!   for an HTTP request. It stays a sibling of `server` rather than a part of it: `server` holds
//!   what the real service does, `emulator` what only a test double needs (injected failures,
//!   a settable clock, tables in memory), and `taf-store` gives it `SQLite` tables through the
//!   same [`Store`](server::Store).
//! - [`preflight`]: predictions built on `server`: the answer [`server::process`] gives a lote
//!   (the code the emulator's POST runs), plus the silent-failure checks. A lote can be checked
//!   in chunks ([`preflight::ChunkedCheck`]) that a caller may run on threads.
//! - [`catalog`]: the codes and fields the other modules name (lote fields, 800–814, 701–705,
//!   statuses, priorities, TAFXERP errors).
//! - [`event`]: what is inside a lote item: the eSocial/Reinf event catalogue, the one-pass
//!   sniffer and the one read of an event (head, well-formedness, schema). A module of its own
//!   because all three roles read events: the lote builder, the preflight and the server's job.
//!
//! The messages, replies and HTTP values of [`wire`] and the types of [`client`] are also
//! re-exported here, at the crate root, with the few of [`server`] a client meets
//! ([`BranchMap`], [`PageCutter`], [`Row`]); the others keep their module's name
//! (`catalog::ServerCode`, `event::EventKind`, `preflight::Preflight`, `emulator::Emulator`).
//!
//! Enums that list what may grow (error kinds, check and server codes, set-up choices) are
//! `#[non_exhaustive]`; enums that are the shape of a message on the wire (an item, a reply, a
//! fault body) are not, so a `match` on them stays exhaustive.
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
    EndpointError, KeyState, LoteBuilder, Outcome, PageEvent, Paginator, PagingConfig, PagingError,
    ReadItem, ReadLote, Report, RequestError, Source, StatusPolicy, StoredKeys, TrackError,
    Tracker, UnknownOutcome,
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

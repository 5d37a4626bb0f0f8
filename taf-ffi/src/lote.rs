//! `taf_lote_builder`: POST bodies from XML and TXT events, and `taf_event_sniff`.

use std::ffi::c_char;

use taf_core::event::{SniffLimits, sniff};
use taf_core::{LoteBuilder, Source, Wire};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// One event added to a builder: its bytes and optional key and type.
struct Added {
    bytes: Vec<u8>,
    key: Option<String>,
    registry_type: Option<String>,
}

/// The builder's settings, the events added so far and the lotes last built.
pub(crate) struct Builder {
    settings: LoteBuilder,
    events: Vec<Added>,
    lotes: Vec<String>,
}

/// A lote builder for one ticket and branch.
pub struct taf_lote_builder {
    _private: [u8; 0],
}

impl Handle for taf_lote_builder {
    type Inner = Builder;
}

/// Creates a builder for `ticket` on `branch` (keys from event Ids, no split); free it with
/// `taf_lote_builder_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_new(
    ticket: *const c_char,
    ticket_len: usize,
    branch: *const c_char,
    branch_len: usize,
    out: *mut *mut taf_lote_builder,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (ticket, branch) = unsafe {
            (
                input::text(ticket, ticket_len)?,
                input::text(branch, branch_len)?,
            )
        };
        let builder = Builder {
            settings: LoteBuilder::new(ticket, branch),
            events: Vec::new(),
            lotes: Vec::new(),
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, builder) }
    })
}

/// Sets `registryPriority` for every item (NULL with length 0 for none), `integrationQueue`
/// "1" when `queue`, and the most items per lote (0 for no split).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_set_options(
    builder: *mut taf_lote_builder,
    priority: *const c_char,
    priority_len: usize,
    queue: bool,
    max_items: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (builder, priority) = unsafe {
            (
                handle::get_mut(builder)?,
                input::optional_text(priority, priority_len)?,
            )
        };
        builder.settings.priority = priority.map(str::to_owned);
        builder.settings.queue = queue;
        builder.settings.max_items = (max_items > 0).then_some(max_items);
        Ok(())
    })
}

/// Adds an event (copied): `key` and `registry_type` may be NULL with length 0 to derive them
/// from the event.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_add_event(
    builder: *mut taf_lote_builder,
    event: *const u8,
    event_len: usize,
    key: *const c_char,
    key_len: usize,
    registry_type: *const c_char,
    registry_type_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (builder, bytes, key, registry_type) = unsafe {
            (
                handle::get_mut(builder)?,
                input::bytes(event, event_len)?,
                input::optional_text(key, key_len)?,
                input::optional_text(registry_type, registry_type_len)?,
            )
        };
        builder.events.push(Added {
            bytes: bytes.to_vec(),
            key: key.map(str::to_owned),
            registry_type: registry_type.map(str::to_owned),
        });
        Ok(())
    })
}

/// Builds the lotes of every event added and stores how many there are at `count`. Fails with
/// `TAF_RESULT_INVALID_ARGUMENT` naming the event that cannot become an item.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_build(
    builder: *mut taf_lote_builder,
    count: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let builder = unsafe { handle::get_mut(builder) }?;
        let sources = builder.events.iter().map(|event| Source {
            bytes: &event.bytes,
            registry_type: event.registry_type.as_deref(),
            registry_key: event.key.as_deref(),
        });
        let lotes = builder
            .settings
            .build(sources)
            .map_err(|error| CallError::new(taf_result::InvalidArgument, error.to_string()))?;
        builder.lotes = lotes.iter().map(Wire::encode).collect();
        // SAFETY: `count` follows the pointer rules.
        unsafe { output::set(count, builder.lotes.len()) }
    })
}

/// Writes the POST body of lote `index` of the last build.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_lote(
    builder: *const taf_lote_builder,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let lotes = &unsafe { handle::get(builder) }?.lotes;
        let lote = lotes.get(index).ok_or_else(|| {
            CallError::new(
                taf_result::OutOfRange,
                format!("lote {index} of {}", lotes.len()),
            )
        })?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, lote) }
    })
}

/// Frees a builder; NULL is a no-op.
///
/// # Safety
/// `builder` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_lote_builder_free(builder: *mut taf_lote_builder) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(builder) });
}

/// Writes what an event is as JSON (root, namespace, element, id, version, code, declaration).
/// Fails with `TAF_RESULT_DECODE_ERROR` for malformed XML or a DOCTYPE.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_sniff(
    event: *const u8,
    event_len: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let bytes = unsafe { input::bytes(event, event_len) }?;
        let info = sniff(bytes, SniffLimits::default())
            .map_err(|error| CallError::new(taf_result::DecodeError, error.to_string()))?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::json(buf, len, written, &info) }
    })
}

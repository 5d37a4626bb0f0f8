//! `taf_event`: one output of a paginator (a record, extra copies of one, or not found).

use std::ffi::c_char;

use taf_core::{Item, PageEvent};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::item::taf_item;
use crate::output;
use crate::result::taf_result;

/// A paginator output, owned by the caller; free it with `taf_event_free`.
pub struct taf_event {
    _private: [u8; 0],
}

/// An event, with its not-found item kept as an item so it can be lent as a `taf_item`.
pub(crate) struct Polled {
    event: PageEvent,
    not_found: Option<Item>,
}

impl From<PageEvent> for Polled {
    fn from(event: PageEvent) -> Self {
        let not_found = match &event {
            PageEvent::NotFound(item) => Some(Item::NotFound(item.clone())),
            PageEvent::Item(_) | PageEvent::Duplicate(_) => None,
        };
        Self { event, not_found }
    }
}

impl Handle for taf_event {
    type Inner = Polled;
}

/// What a paginator hands out.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_event_kind {
    /// One record (a processed or pending item).
    Item = 0,
    /// Extra copies of the record delivered just before (key-only searches).
    Duplicate = 1,
    /// The search matched nothing; the paginator has finished.
    NotFound = 2,
}

/// The copies of a duplicate event, or `TAF_RESULT_INVALID_STATE`.
fn copies(polled: &Polled) -> Result<&[Item], CallError> {
    match &polled.event {
        PageEvent::Duplicate(duplicate) => Ok(&duplicate.copies),
        PageEvent::Item(_) | PageEvent::NotFound(_) => Err(CallError::new(
            taf_result::InvalidState,
            "only a duplicate event has copies",
        )),
    }
}

/// Stores the event's kind at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_get_kind(
    event: *const taf_event,
    out: *mut taf_event_kind,
) -> taf_result {
    guard(|| {
        // SAFETY: `event` and `out` follow the pointer rules.
        let polled = unsafe { handle::get(event) }?;
        let kind = match polled.event {
            PageEvent::Item(_) => taf_event_kind::Item,
            PageEvent::Duplicate(_) => taf_event_kind::Duplicate,
            PageEvent::NotFound(_) => taf_event_kind::NotFound,
        };
        // SAFETY: as above.
        unsafe { output::set(out, kind) }
    })
}

/// Stores a borrowed handle to the item of an `ITEM` or `NOT_FOUND` event at `out`; it lives
/// as long as the event. `TAF_RESULT_INVALID_STATE` for a duplicate event.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_item(
    event: *const taf_event,
    out: *mut *const taf_item,
) -> taf_result {
    guard(|| {
        // SAFETY: `event` and `out` follow the pointer rules.
        let polled = unsafe { handle::get(event) }?;
        let item = match &polled.event {
            PageEvent::Item(item) => Some(item),
            PageEvent::NotFound(_) => polled.not_found.as_ref(),
            PageEvent::Duplicate(_) => None,
        }
        .ok_or(CallError::new(
            taf_result::InvalidState,
            "a duplicate event has copies, not an item",
        ))?;
        // SAFETY: as above.
        unsafe { handle::lend(out, item) }
    })
}

/// Stores the number of extra copies of a `DUPLICATE` event at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_copy_count(
    event: *const taf_event,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `event` and `out` follow the pointer rules.
        let copies = copies(unsafe { handle::get(event) }?)?;
        // SAFETY: as above.
        unsafe { output::set(out, copies.len()) }
    })
}

/// Stores a borrowed handle to copy `index` of a `DUPLICATE` event at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_copy(
    event: *const taf_event,
    index: usize,
    out: *mut *const taf_item,
) -> taf_result {
    guard(|| {
        // SAFETY: `event` and `out` follow the pointer rules.
        let copies = copies(unsafe { handle::get(event) }?)?;
        let copy = copies.get(index).ok_or_else(|| {
            CallError::new(
                taf_result::OutOfRange,
                format!("copy {index} of {}", copies.len()),
            )
        })?;
        // SAFETY: as above.
        unsafe { handle::lend(out, copy) }
    })
}

/// Writes the event's canonical JSON (`{"item":…}`, `{"duplicate":…}` or `{"not_found":…}`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_to_json(
    event: *const taf_event,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `event`, `buf` and `written` follow the pointer rules.
        unsafe { output::json(buf, len, written, &handle::get(event)?.event) }
    })
}

/// Frees an event (and invalidates its borrowed items); NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_event_free(event: *mut taf_event) {
    // SAFETY: `event` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(event) });
}

//! `taf_item`: one GET item, borrowed from the page or event that holds it.

use std::ffi::c_char;

use taf_core::{Item, KeyKind};

use crate::error::CallError;
use crate::guard::guard;
use crate::handle::{self, Handle};
use crate::output;
use crate::result::taf_result;

/// One GET item (processed, pending or not found). Borrowed: it lives as long as the
/// `taf_get_page` or `taf_event` it came from and is never freed.
pub struct taf_item {
    _private: [u8; 0],
}

impl Handle for taf_item {
    type Inner = Item;
}

/// The three kinds of GET item (spec §4.4).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_item_kind {
    /// Variant A: processed and integrated (`proccessed` true).
    Processed = 0,
    /// Variant B: stored, waiting for the integration job or integrated with an error.
    Pending = 1,
    /// Variant C: nothing matched the search.
    NotFound = 2,
}

/// Which key a search or an identifier is about.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_key_kind {
    /// `ticketCode`.
    TicketCode = 0,
    /// `registryKey`.
    RegistryKey = 1,
}

impl From<KeyKind> for taf_key_kind {
    fn from(kind: KeyKind) -> Self {
        match kind {
            KeyKind::TicketCode => Self::TicketCode,
            KeyKind::RegistryKey => Self::RegistryKey,
        }
    }
}

/// Runs `read` on the item behind `item` and writes its text into the caller's buffer.
///
/// # Safety
/// `item`, `buf` and `written` follow the pointer rules.
unsafe fn write_text(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
    read: impl FnOnce(&Item) -> Result<&str, CallError>,
) -> taf_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let item = unsafe { handle::get(item) }?;
        // SAFETY: forwarded from the caller.
        unsafe { output::text(buf, len, written, read(item)?) }
    })
}

/// `TAF_RESULT_ABSENT` with the item kind that lacks the field.
fn absent(field: &str) -> CallError {
    CallError::new(
        taf_result::Absent,
        format!("this kind of item has no {field}"),
    )
}

/// Stores the item's kind at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_get_kind(
    item: *const taf_item,
    out: *mut taf_item_kind,
) -> taf_result {
    guard(|| {
        // SAFETY: `item` and `out` follow the pointer rules.
        let item = unsafe { handle::get(item) }?;
        let kind = match item {
            Item::Processed(_) => taf_item_kind::Processed,
            Item::Pending(_) => taf_item_kind::Pending,
            Item::NotFound(_) => taf_item_kind::NotFound,
        };
        // SAFETY: as above.
        unsafe { output::set(out, kind) }
    })
}

/// Stores which key the item's identifier is at `out`: the search's other key (`registryKey`
/// in a ticket search), swapped in a not-found item.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_id_kind(
    item: *const taf_item,
    out: *mut taf_key_kind,
) -> taf_result {
    guard(|| {
        // SAFETY: `item` and `out` follow the pointer rules.
        let item = unsafe { handle::get(item) }?;
        // SAFETY: as above.
        unsafe { output::set(out, item.id().kind().into()) }
    })
}

/// Writes the item's identifier: the registry key in a ticket search, the ticket in a key
/// search, the searched value in a not-found item.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_id(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(item, buf, len, written, |item| Ok(item.id().value())) }
}

/// Writes the item's `description`, as the server sent it.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_description(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe { write_text(item, buf, len, written, |item| Ok(item.description())) }
}

/// Writes a processed item's raw `statusCode` (`" "` for a blank status, `""` when TAF could
/// not position the record); `TAF_RESULT_ABSENT` for other items.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_status_code(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_text(item, buf, len, written, |item| match item {
            Item::Processed(item) => Ok(&item.status_code),
            Item::Pending(_) | Item::NotFound(_) => Err(absent("statusCode")),
        })
    }
}

/// Writes a pending item's `errorCode` (empty while waiting); `TAF_RESULT_ABSENT` for other
/// items.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_error_code(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_text(item, buf, len, written, |item| match item {
            Item::Pending(item) => Ok(&item.error_code),
            Item::Processed(_) | Item::NotFound(_) => Err(absent("errorCode")),
        })
    }
}

/// Writes a processed item's government receipt, trimmed; `TAF_RESULT_ABSENT` when blank or
/// for other items.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_receipt(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_text(item, buf, len, written, |item| match item {
            Item::Processed(item) => item.receipt().ok_or(absent("receipt")),
            Item::Pending(_) | Item::NotFound(_) => Err(absent("receiptNumber")),
        })
    }
}

/// Writes the item's canonical JSON (the core model's layout, tagged by `variant`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_item_to_json(
    item: *const taf_item,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `item`, `buf` and `written` follow the pointer rules.
        unsafe { output::json(buf, len, written, handle::get(item)?) }
    })
}

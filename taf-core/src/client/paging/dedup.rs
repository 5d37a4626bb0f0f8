//! Copies of one row in key-only searches, told apart from distinct rows that look alike.
//!
//! # The rule
//!
//! Items carry no RECNO, so a copy cannot be recognised by its RECNO. What is known:
//!
//! - The server repeats a TAFST2 row only in key-only searches without `searchMode`: that join
//!   ignores the ticket, so a processed row appears once per TAFXERP row of its key (spec §4.3,
//!   quirk 10, test G-25). In every other mode each row appears once and nothing is collapsed,
//!   so two rows of one key in one ticket (multi-part or resent messages) stay two records.
//! - Rows come in ascending RECNO, so the copies of a row are adjacent, carry the same
//!   identifier (the row's ticket) and each shows a different TAFXERP row: a processed item or
//!   a pending one with an error code. A row without a TAFXERP row (still waiting) has no copies.
//! - Pages cover disjoint RECNO ranges (`startRecNo = lastRecNo + 1`), so copies never span
//!   pages. (Copies past a page boundary are skipped by the server itself, spec §4.6; the record
//!   was already delivered.)
//!
//! So, within one page of a key-only search, an item is a copy of the record before it when
//! both carry the same identifier, both show a TAFXERP result, and the item differs from the
//! record's first item and from every copy seen so far. An item equal to one already seen
//! starts a new record: a second row of the same ticket joins the same TAFXERP rows again. When
//! in doubt the rule errs towards delivering an item, never towards hiding a row.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::PageEvent;
use crate::wire::{Item, ItemId};

/// Extra copies of one record that a key-only search repeated, reported once per record.
/// The record itself (its first copy) was delivered just before as an
/// [`PageEvent::Item`](crate::PageEvent::Item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The identifier the record and its copies carry.
    pub id: ItemId,
    /// The extra copies in page order, each joined with another TAFXERP row.
    pub copies: Vec<Item>,
}

impl Duplicate {
    /// How many extra copies there were.
    pub fn count(&self) -> usize {
        self.copies.len()
    }
}

/// What one page added: records delivered and extra copies reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) records: u64,
    pub(crate) duplicates: u64,
}

/// Appends the events of one page's items to `out`, collapsing copies when `collapse` is set.
pub(crate) fn push_items(items: Vec<Item>, collapse: bool, out: &mut VecDeque<PageEvent>) -> Tally {
    let mut tally = Tally::default();
    // Index in `out` of the current record's item, and its copies so far.
    let mut run: Option<(usize, Vec<Item>)> = None;
    for item in items {
        if collapse
            && let Some((at, copies)) = &mut run
            && let Some(PageEvent::Item(first)) = out.get(*at)
            && is_copy(first, copies, &item)
        {
            copies.push(item);
            continue;
        }
        close(run.take(), out, &mut tally);
        run = Some((out.len(), Vec::new()));
        out.push_back(PageEvent::Item(item));
        tally.records += 1;
    }
    close(run, out, &mut tally);
    tally
}

fn close(run: Option<(usize, Vec<Item>)>, out: &mut VecDeque<PageEvent>, tally: &mut Tally) {
    let Some((at, copies)) = run else { return };
    if copies.is_empty() {
        return;
    }
    let Some(PageEvent::Item(first)) = out.get(at) else {
        return;
    };
    let id = first.id().clone();
    tally.duplicates += u64::try_from(copies.len()).unwrap_or(u64::MAX);
    out.push_back(PageEvent::Duplicate(Duplicate { id, copies }));
}

fn is_copy(first: &Item, copies: &[Item], item: &Item) -> bool {
    item.id() == first.id()
        && shows_xerp_row(first)
        && shows_xerp_row(item)
        && item != first
        && !copies.contains(item)
}

/// Whether the item shows a joined TAFXERP row: processed, or pending with an error code.
fn shows_xerp_row(item: &Item) -> bool {
    match item {
        Item::Processed(_) => true,
        Item::Pending(pending) => !pending.is_waiting(),
        Item::NotFound(_) => false,
    }
}

//! [`Tables`], the in-memory store that keeps the rows of TAFST2, TAFXERP and the TAF records
//! with the indexes the server's lookups use.
//!
//! `Tables` serialises as plain rows (`st2`, `xerp`, `records`, the three `last_*_recno`
//! counters), so a test can snapshot and restore a state; the indexes are rebuilt on load.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::convert::Infallible;

use serde::{Deserialize, Serialize};

use crate::server::{
    JobResult, Selection, St2Row, St2Status, Store, TafRecord, XerpRow, char_value,
};

/// The emulated database in memory: the three tables, their RECNO sequences and the indexes
/// the emulator's lookups use, so no request scans a whole table.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    st2: BTreeMap<i64, St2Row>,
    xerp: BTreeMap<i64, XerpRow>,
    /// Keyed by `(recno, alias)`: creation order, as the sequence numbers records.
    records: BTreeMap<(i64, String), TafRecord>,
    last_st2_recno: i64,
    last_xerp_recno: i64,
    last_record_recno: i64,
    index: Index,
}

/// Equal rows and counters (the indexes follow from the rows).
impl PartialEq for Tables {
    fn eq(&self, other: &Self) -> bool {
        self.st2 == other.st2
            && self.xerp == other.xerp
            && self.records == other.records
            && self.last_st2_recno == other.last_st2_recno
            && self.last_xerp_recno == other.last_xerp_recno
            && self.last_record_recno == other.last_record_recno
    }
}

impl Eq for Tables {}

/// Lookups derived from the rows (values as `CHAR` columns compare them).
#[derive(Debug, Clone, Default)]
struct Index {
    st2_by_ticket: HashMap<String, BTreeSet<i64>>,
    st2_by_key: HashMap<String, BTreeSet<i64>>,
    /// `(branch, registry type, key)` of XML rows pending or in processing, with their count.
    pending_xml: HashMap<(String, String, String), usize>,
    ticket_bytes: HashMap<String, usize>,
    /// TAFST2 rows with status pending.
    pending: BTreeSet<i64>,
    xerp_by_key: HashMap<String, BTreeSet<i64>>,
    xerp_by_ticket: HashMap<String, BTreeSet<i64>>,
    xerp_by_record: HashMap<(String, i64), BTreeSet<i64>>,
    /// Receipts (trimmed) with their count, and how many records carry one.
    receipts: HashMap<String, usize>,
    receipts_issued: usize,
    /// `(recno, alias)` of records whose status is blank.
    untransmitted: BTreeSet<(i64, String)>,
}

fn link<K: std::hash::Hash + Eq>(map: &mut HashMap<K, BTreeSet<i64>>, key: K, recno: i64) {
    map.entry(key).or_default().insert(recno);
}

fn unlink<K: std::hash::Hash + Eq>(map: &mut HashMap<K, BTreeSet<i64>>, key: &K, recno: i64) {
    if let Some(set) = map.get_mut(key) {
        set.remove(&recno);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

/// Adds `by` to the count of `key` (or takes it away), dropping counts that reach zero.
fn count<K: std::hash::Hash + Eq>(map: &mut HashMap<K, usize>, key: K, add: bool, by: usize) {
    use std::collections::hash_map::Entry;
    match map.entry(key) {
        Entry::Occupied(entry) if !add && *entry.get() <= by => {
            entry.remove();
        }
        Entry::Occupied(mut entry) if !add => *entry.get_mut() -= by,
        Entry::Occupied(mut entry) => *entry.get_mut() += by,
        Entry::Vacant(entry) if add && by > 0 => {
            entry.insert(by);
        }
        Entry::Vacant(_) => {}
    }
}

fn pending_xml_key(row: &St2Row) -> Option<(String, String, String)> {
    (row.message_type == "2" && matches!(row.status, St2Status::Pending | St2Status::Processing))
        .then(|| {
            (
                char_value(&row.branch).to_owned(),
                char_value(&row.registry_type).to_owned(),
                char_value(&row.key).to_owned(),
            )
        })
}

impl Index {
    fn st2(&mut self, row: &St2Row, add: bool) {
        let ticket = char_value(&row.ticket).to_owned();
        let key = char_value(&row.key).to_owned();
        if add {
            link(&mut self.st2_by_ticket, ticket.clone(), row.recno);
            link(&mut self.st2_by_key, key, row.recno);
        } else {
            unlink(&mut self.st2_by_ticket, &ticket, row.recno);
            unlink(&mut self.st2_by_key, &key, row.recno);
        }
        count(&mut self.ticket_bytes, ticket, add, row.message.len());
        if let Some(pending) = pending_xml_key(row) {
            count(&mut self.pending_xml, pending, add, 1);
        }
        if row.status == St2Status::Pending {
            if add {
                self.pending.insert(row.recno);
            } else {
                self.pending.remove(&row.recno);
            }
        }
    }

    fn xerp(&mut self, row: &XerpRow, add: bool) {
        let key = char_value(&row.key).to_owned();
        let ticket = char_value(&row.ticket).to_owned();
        let record = (row.alias.clone(), row.taf_recno);
        if add {
            link(&mut self.xerp_by_key, key, row.recno);
            link(&mut self.xerp_by_ticket, ticket, row.recno);
            link(&mut self.xerp_by_record, record, row.recno);
        } else {
            unlink(&mut self.xerp_by_key, &key, row.recno);
            unlink(&mut self.xerp_by_ticket, &ticket, row.recno);
            unlink(&mut self.xerp_by_record, &record, row.recno);
        }
    }

    fn record(&mut self, record: &TafRecord, add: bool) {
        let receipt = record.receipt.trim();
        if !receipt.is_empty() {
            count(&mut self.receipts, receipt.to_owned(), add, 1);
            self.receipts_issued = if add {
                self.receipts_issued + 1
            } else {
                self.receipts_issued.saturating_sub(1)
            };
        }
        if record.status.trim().is_empty() {
            let id = (record.recno, record.alias.clone());
            if add {
                self.untransmitted.insert(id);
            } else {
                self.untransmitted.remove(&id);
            }
        }
    }
}

impl Tables {
    /// TAFST2 in ascending RECNO.
    pub fn st2(&self) -> impl DoubleEndedIterator<Item = &St2Row> + ExactSizeIterator {
        self.st2.values()
    }

    /// TAFXERP in ascending RECNO.
    pub fn xerp(&self) -> impl DoubleEndedIterator<Item = &XerpRow> + ExactSizeIterator {
        self.xerp.values()
    }

    /// The TAF records in creation order.
    pub fn records(&self) -> impl DoubleEndedIterator<Item = &TafRecord> + ExactSizeIterator {
        self.records.values()
    }

    /// The last RECNO used in TAFST2, TAFXERP and the record tables.
    pub fn last_recnos(&self) -> (i64, i64, i64) {
        (
            self.last_st2_recno,
            self.last_xerp_recno,
            self.last_record_recno,
        )
    }

    /// Stores a TAFST2 row under its own RECNO (replacing a row with that number); later
    /// inserts number after it.
    pub fn push_st2(&mut self, row: St2Row) {
        self.last_st2_recno = self.last_st2_recno.max(row.recno);
        if let Some(old) = self.st2.remove(&row.recno) {
            self.index.st2(&old, false);
        }
        self.index.st2(&row, true);
        self.st2.insert(row.recno, row);
    }

    /// Stores a TAFXERP row under its own RECNO (replacing a row with that number).
    pub fn push_xerp(&mut self, row: XerpRow) {
        self.last_xerp_recno = self.last_xerp_recno.max(row.recno);
        if let Some(old) = self.xerp.remove(&row.recno) {
            self.index.xerp(&old, false);
        }
        self.index.xerp(&row, true);
        self.xerp.insert(row.recno, row);
    }

    /// Stores a TAF record (replacing the one with the same alias and number).
    pub fn push_record(&mut self, record: TafRecord) {
        self.last_record_recno = self.last_record_recno.max(record.recno);
        let id = (record.recno, record.alias.clone());
        if let Some(old) = self.records.remove(&id) {
            self.index.record(&old, false);
        }
        self.index.record(&record, true);
        self.records.insert(id, record);
    }

    /// Changes TAFST2 row `recno`, if it exists (its RECNO stays).
    pub fn edit_st2(&mut self, recno: i64, edit: impl FnOnce(&mut St2Row)) {
        if let Some(mut row) = self.remove_st2(recno) {
            edit(&mut row);
            row.recno = recno;
            self.push_st2(row);
        }
    }

    /// Changes TAFXERP row `recno`, if it exists (its RECNO stays).
    pub fn edit_xerp(&mut self, recno: i64, edit: impl FnOnce(&mut XerpRow)) {
        if let Some(mut row) = self.xerp.remove(&recno) {
            self.index.xerp(&row, false);
            edit(&mut row);
            row.recno = recno;
            self.push_xerp(row);
        }
    }

    /// Changes record `alias`/`recno`, if it exists (its alias and number stay).
    pub fn edit_record(&mut self, alias: &str, recno: i64, edit: impl FnOnce(&mut TafRecord)) {
        if let Some(mut record) = self.remove_record(alias, recno) {
            edit(&mut record);
            alias.clone_into(&mut record.alias);
            record.recno = recno;
            self.push_record(record);
        }
    }

    fn remove_st2(&mut self, recno: i64) -> Option<St2Row> {
        let row = self.st2.remove(&recno)?;
        self.index.st2(&row, false);
        Some(row)
    }

    fn remove_record(&mut self, alias: &str, recno: i64) -> Option<TafRecord> {
        let record = self.records.remove(&(recno, alias.to_owned()))?;
        self.index.record(&record, false);
        Some(record)
    }

    /// The selected rows from `from` on, through the narrowest index.
    fn selected<'a>(
        &'a self,
        selection: &'a Selection,
        from: i64,
    ) -> impl DoubleEndedIterator<Item = &'a St2Row> + 'a {
        let indexed = match (&selection.ticket, &selection.key) {
            (Some(ticket), _) => Some(self.index.st2_by_ticket.get(char_value(ticket))),
            (None, Some(key)) => Some(self.index.st2_by_key.get(char_value(key))),
            (None, None) => None,
        };
        let recnos: Box<dyn DoubleEndedIterator<Item = i64> + 'a> = match indexed {
            Some(Some(set)) => Box::new(set.range(from..).copied()),
            Some(None) => Box::new(std::iter::empty()),
            None => Box::new(self.st2.range(from..).map(|(&recno, _)| recno)),
        };
        recnos
            .filter_map(|recno| self.st2.get(&recno))
            .filter(|row| selection.selects(row))
    }

    /// The TAFXERP rows of `key` (and `ticket`), through the key index.
    fn xerp_of<'a>(
        &'a self,
        key: &str,
        ticket: Option<&'a str>,
    ) -> impl Iterator<Item = &'a XerpRow> + 'a {
        self.index
            .xerp_by_key
            .get(char_value(key))
            .into_iter()
            .flatten()
            .filter_map(|recno| self.xerp.get(recno))
            .filter(move |row| {
                ticket.is_none_or(|ticket| char_value(ticket) == char_value(&row.ticket))
            })
    }
}

impl Store for Tables {
    type Error = Infallible;

    fn begin(&self) -> Result<(), Infallible> {
        Ok(())
    }

    fn commit(&self) -> Result<(), Infallible> {
        Ok(())
    }

    fn rollback(&self) {}

    fn is_pending(&self, branch: &str, registry_type: &str, key: &str) -> Result<bool, Infallible> {
        Ok(self.index.pending_xml.contains_key(&(
            char_value(branch).to_owned(),
            char_value(registry_type).to_owned(),
            char_value(key).to_owned(),
        )))
    }

    fn ticket_message_bytes(&self, ticket: &str) -> Result<usize, Infallible> {
        Ok(self
            .index
            .ticket_bytes
            .get(char_value(ticket))
            .copied()
            .unwrap_or_default())
    }

    fn insert_st2(&mut self, mut row: St2Row) -> Result<i64, Infallible> {
        row.recno = self.last_st2_recno + 1;
        let recno = row.recno;
        self.push_st2(row);
        Ok(recno)
    }

    fn max_rec_no(
        &self,
        selection: &Selection,
        start: i64,
        integrated_only: bool,
    ) -> Result<i64, Infallible> {
        Ok(self
            .selected(selection, start)
            .rev()
            .find(|row| {
                !integrated_only
                    || row.status == St2Status::Processed
                        && self
                            .xerp_of(&row.key, Some(&row.ticket))
                            .any(XerpRow::is_integrated)
            })
            .map_or(0, |row| row.recno))
    }

    fn st2_rows(
        &self,
        selection: &Selection,
        from: i64,
        limit: usize,
    ) -> Result<Vec<St2Row>, Infallible> {
        Ok(self
            .selected(selection, from)
            .take(limit)
            .cloned()
            .collect())
    }

    fn xerp_rows(&self, key: &str, ticket: Option<&str>) -> Result<Vec<XerpRow>, Infallible> {
        Ok(self.xerp_of(key, ticket).cloned().collect())
    }

    fn record(&self, alias: &str, recno: i64) -> Result<Option<TafRecord>, Infallible> {
        Ok(self.records.get(&(recno, alias.to_owned())).cloned())
    }

    fn delete_ticket(&mut self, ticket: &str) -> Result<usize, Infallible> {
        let ticket = char_value(ticket);
        let results = self
            .index
            .xerp_by_ticket
            .get(ticket)
            .cloned()
            .unwrap_or_default();
        for recno in results {
            if let Some(row) = self.xerp.remove(&recno) {
                self.index.xerp(&row, false);
                self.remove_record(&row.alias, row.taf_recno);
            }
        }
        let rows = self
            .index
            .st2_by_ticket
            .get(ticket)
            .cloned()
            .unwrap_or_default();
        for &recno in &rows {
            self.remove_st2(recno);
        }
        Ok(rows.len())
    }

    fn first_pending(&self) -> Result<Option<St2Row>, Infallible> {
        Ok(self
            .index
            .pending
            .first()
            .and_then(|recno| self.st2.get(recno))
            .cloned())
    }

    fn integrated_cleanly(&self, key: &str) -> Result<bool, Infallible> {
        Ok(self
            .xerp_of(key, None)
            .any(|row| row.is_integrated() && row.error_code.is_empty()))
    }

    fn has_receipt(&self, receipt: &str) -> Result<bool, Infallible> {
        Ok(self.index.receipts.contains_key(receipt.trim()))
    }

    fn complete(&mut self, recno: i64, result: JobResult) -> Result<(), Infallible> {
        let JobResult { mut xerp, record } = result;
        if let Some(mut record) = record {
            self.last_record_recno += 1;
            record.recno = self.last_record_recno;
            xerp.taf_recno = record.recno;
            self.push_record(record);
        }
        self.last_xerp_recno += 1;
        xerp.recno = self.last_xerp_recno;
        self.push_xerp(xerp);
        self.edit_st2(recno, |row| row.status = St2Status::Processed);
        Ok(())
    }

    fn next_untransmitted(
        &self,
        after: Option<(i64, &str)>,
    ) -> Result<Option<TafRecord>, Infallible> {
        use std::ops::Bound::{Excluded, Unbounded};
        let lower = after.map_or(Unbounded, |(recno, alias)| {
            Excluded((recno, alias.to_owned()))
        });
        Ok(self
            .index
            .untransmitted
            .range((lower, Unbounded))
            .next()
            .and_then(|id| self.records.get(id))
            .cloned())
    }

    fn key_of_record(&self, alias: &str, recno: i64) -> Result<Option<String>, Infallible> {
        Ok(self
            .index
            .xerp_by_record
            .get(&(alias.to_owned(), recno))
            .and_then(BTreeSet::first)
            .and_then(|recno| self.xerp.get(recno))
            .map(|row| row.key.trim().to_owned()))
    }

    fn receipts_issued(&self) -> Result<usize, Infallible> {
        Ok(self.index.receipts_issued)
    }

    fn update_record(&mut self, record: &TafRecord) -> Result<(), Infallible> {
        self.push_record(record.clone());
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Infallible> {
        *self = Self::default();
        Ok(())
    }
}

/// The rows and counters of [`Tables`], as a snapshot holds them.
#[derive(Serialize)]
struct SnapshotOut<'a> {
    st2: Vec<&'a St2Row>,
    xerp: Vec<&'a XerpRow>,
    records: Vec<&'a TafRecord>,
    last_st2_recno: i64,
    last_xerp_recno: i64,
    last_record_recno: i64,
}

/// A snapshot read back.
#[derive(Deserialize)]
struct SnapshotIn {
    st2: Vec<St2Row>,
    xerp: Vec<XerpRow>,
    records: Vec<TafRecord>,
    last_st2_recno: i64,
    last_xerp_recno: i64,
    last_record_recno: i64,
}

impl Serialize for Tables {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SnapshotOut {
            st2: self.st2().collect(),
            xerp: self.xerp().collect(),
            records: self.records().collect(),
            last_st2_recno: self.last_st2_recno,
            last_xerp_recno: self.last_xerp_recno,
            last_record_recno: self.last_record_recno,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Tables {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let snapshot = SnapshotIn::deserialize(deserializer)?;
        let mut tables = Self::default();
        snapshot
            .st2
            .into_iter()
            .for_each(|row| tables.push_st2(row));
        snapshot
            .xerp
            .into_iter()
            .for_each(|row| tables.push_xerp(row));
        snapshot
            .records
            .into_iter()
            .for_each(|record| tables.push_record(record));
        tables.last_st2_recno = tables.last_st2_recno.max(snapshot.last_st2_recno);
        tables.last_xerp_recno = tables.last_xerp_recno.max(snapshot.last_xerp_recno);
        tables.last_record_recno = tables.last_record_recno.max(snapshot.last_record_recno);
        Ok(tables)
    }
}

//! How the emulator reaches its tables: the [`Store`] trait.
//!
//! The algorithms (POST, GET, DELETE, the job) live in the emulator and ask the store only for
//! what they need, by index: a POST item costs one 813 lookup and one insert whatever the size
//! of the tables. [`super::Tables`] keeps everything in memory; `taf serve --state` puts the
//! same tables in `SQLite`.
//!
//! Values are compared as the server's `CHAR` columns compare them: trailing spaces do not
//! count ([`char_value`]).

use super::rows::{St2Row, TafRecord, XerpRow};

/// The TAFST2 rows a GET selects, besides `R_E_C_N_O_ >= startRecNo`. Every value given is
/// compared without trailing spaces; a GET always gives a ticket or a key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// TAFTICKET.
    pub ticket: Option<String>,
    /// TAFKEY.
    pub key: Option<String>,
    /// TAFFIL.
    pub branch: Option<String>,
}

impl Selection {
    /// Whether `row` is selected (its `R_E_C_N_O_` aside).
    pub fn selects(&self, row: &St2Row) -> bool {
        let equal = |wanted: &Option<String>, stored: &str| {
            wanted
                .as_deref()
                .is_none_or(|wanted| char_value(wanted) == char_value(stored))
        };
        equal(&self.ticket, &row.ticket)
            && equal(&self.key, &row.key)
            && equal(&self.branch, &row.branch)
    }
}

/// What the integration job made of one TAFST2 row: its TAFXERP result and, when it became a
/// TAF record, that record. The store numbers both (`R_E_C_N_O_` of the result, the record's
/// number, which the result's TAFRECNO then carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobResult {
    /// The TAFXERP row; its `recno` (and `taf_recno` when `record` is given) are assigned.
    pub xerp: XerpRow,
    /// The new record; its `recno` is assigned.
    pub record: Option<TafRecord>,
}

/// The emulator's tables. Reads take `&self`, writes `&mut self`. A store that can fail (a
/// database) says why in [`Store::Error`]; the emulator answers HTTP 500 then, never 200.
///
/// [`Store::begin`] and [`Store::commit`] bracket a unit of work that must be atomic: one POST
/// item (its 813 lookup and its insert), one row of the job, one record of the government step.
pub trait Store {
    /// Why an operation failed.
    type Error: std::error::Error;

    /// Opens a unit of work; until [`Store::commit`], what it read stays true for it.
    fn begin(&self) -> Result<(), Self::Error>;
    /// Makes the unit of work durable.
    fn commit(&self) -> Result<(), Self::Error>;
    /// Abandons the unit of work (after a failure inside it).
    fn rollback(&self);

    /// 813: whether an XML row (`TAFCODMSG '2'`) pending or in processing has this branch,
    /// registry type and key.
    fn is_pending(&self, branch: &str, registry_type: &str, key: &str)
    -> Result<bool, Self::Error>;
    /// How many TAFMSG bytes the rows of `ticket` hold.
    fn ticket_message_bytes(&self, ticket: &str) -> Result<usize, Self::Error>;
    /// Appends a TAFST2 row with the next `R_E_C_N_O_` (the row's own is ignored) and returns it.
    fn insert_st2(&mut self, row: St2Row) -> Result<i64, Self::Error>;

    /// `TAFLastRcN`: the highest `R_E_C_N_O_ >= start` selected; with `integrated_only`, only a
    /// processed row whose own TAFXERP result (same key and ticket) is integrated counts. 0 when
    /// none is.
    fn max_rec_no(
        &self,
        selection: &Selection,
        start: i64,
        integrated_only: bool,
    ) -> Result<i64, Self::Error>;
    /// At most `limit` selected rows with `R_E_C_N_O_ >= from`, in ascending `R_E_C_N_O_`.
    fn st2_rows(
        &self,
        selection: &Selection,
        from: i64,
        limit: usize,
    ) -> Result<Vec<St2Row>, Self::Error>;
    /// The TAFXERP rows of `key` (of `ticket` too when given), in ascending `R_E_C_N_O_`.
    fn xerp_rows(&self, key: &str, ticket: Option<&str>) -> Result<Vec<XerpRow>, Self::Error>;
    /// The record `alias`/`recno` (`seekTAF`), if it exists.
    fn record(&self, alias: &str, recno: i64) -> Result<Option<TafRecord>, Self::Error>;

    /// Removes every TAFST2 and TAFXERP row of `ticket` (given as `AllTrim` left it: spaces
    /// trimmed, tabs and line breaks kept) and the records its results point at; returns how
    /// many TAFST2 rows went.
    fn delete_ticket(&mut self, ticket: &str) -> Result<usize, Self::Error>;

    /// The pending TAFST2 row (`TAFSTATUS '1'`) with the lowest `R_E_C_N_O_`.
    fn first_pending(&self) -> Result<Option<St2Row>, Self::Error>;
    /// Whether a TAFXERP result of `key` is integrated without an error code.
    fn integrated_cleanly(&self, key: &str) -> Result<bool, Self::Error>;
    /// Whether a record carries the government receipt `receipt`.
    fn has_receipt(&self, receipt: &str) -> Result<bool, Self::Error>;
    /// Marks TAFST2 row `recno` processed and stores what the job made of it.
    fn complete(&mut self, recno: i64, result: JobResult) -> Result<(), Self::Error>;

    /// The first record after `after` (`(recno, alias)` order) whose status is blank: integrated,
    /// awaiting transmission.
    fn next_untransmitted(
        &self,
        after: Option<(i64, &str)>,
    ) -> Result<Option<TafRecord>, Self::Error>;
    /// The `registryKey` of the TAFXERP result that created record `alias`/`recno`.
    fn key_of_record(&self, alias: &str, recno: i64) -> Result<Option<String>, Self::Error>;
    /// How many records carry a receipt.
    fn receipts_issued(&self) -> Result<usize, Self::Error>;
    /// Replaces the record with the same alias and number.
    fn update_record(&mut self, record: &TafRecord) -> Result<(), Self::Error>;

    /// Empties every table and restarts the numbering.
    fn clear(&mut self) -> Result<(), Self::Error>;
}

/// A value as a `CHAR` column compares it: without trailing spaces.
pub fn char_value(value: &str) -> &str {
    value.trim_end_matches(' ')
}

/// Runs `work` as one unit of work: committed when it succeeds, rolled back when it fails.
pub(crate) fn atomically<S: Store, T>(
    store: &mut S,
    work: impl FnOnce(&mut S) -> Result<T, S::Error>,
) -> Result<T, S::Error> {
    store.begin()?;
    match work(store).and_then(|value| store.commit().map(|()| value)) {
        Ok(value) => Ok(value),
        Err(error) => {
            store.rollback();
            Err(error)
        }
    }
}

//! The emulator's reads and writes as SQL over the tables of [`crate::schema`].

use rusqlite::{OptionalExtension, Row, params};
use taf_core::StreamingError;
use taf_core::emulator::Tables;
use taf_core::server::{
    JobResult, Selection, St2Row, St2Status, Store, TafRecord, XerpRow, char_value,
};

use crate::{SqliteStore, StoreError};

const ST2_COLUMNS: &str = "R_E_C_N_O_, TAFFIL, TAFCODMSG, TAFSEQ, TAFTPREG, TAFKEY, TAFMSG, \
    TAFSTATUS, TAFTICKET, TAFDATA, TAFHORA, TAFPRIORIT, TAFSTQUEUE, TAFOWNER, TAFREGPRED, \
    TAFFILTRAN, TAFCOMP";

const XERP_COLUMNS: &str =
    "R_E_C_N_O_, TAFKEY, TAFTICKET, TAFALIAS, TAFRECNO, TAFSTATUS, TAFCODERR, TAFERR";

const RECORD_COLUMNS: &str = "R_E_C_N_O_, ALIAS, FILIAL, STATUS, ATIVO, PROTUL, XMLRET";

/// The records a ticket's results point at.
const RECORDS_OF_TICKET: &str =
    "(R_E_C_N_O_, ALIAS) IN (SELECT TAFRECNO, TAFALIAS FROM TAFXERP WHERE rtrim(TAFTICKET) = ?1)";

fn status_code(status: St2Status) -> &'static str {
    match status {
        St2Status::Pending => "1",
        St2Status::Processing => "2",
        St2Status::Processed => "3",
    }
}

fn st2_row(row: &Row<'_>) -> rusqlite::Result<St2Row> {
    let status: String = row.get(7)?;
    Ok(St2Row {
        recno: row.get(0)?,
        branch: row.get(1)?,
        message_type: row.get(2)?,
        sequential: row.get(3)?,
        registry_type: row.get(4)?,
        key: row.get(5)?,
        message: row.get(6)?,
        status: match status.as_str() {
            "1" => St2Status::Pending,
            "2" => St2Status::Processing,
            _ => St2Status::Processed,
        },
        ticket: row.get(8)?,
        date: row.get(9)?,
        time: row.get(10)?,
        priority: row.get(11)?,
        queue: row.get(12)?,
        owner: row.get(13)?,
        predecessor: row.get(14)?,
        transfer_branch: row.get(15)?,
        complement: row.get(16)?,
    })
}

fn xerp_row(row: &Row<'_>) -> rusqlite::Result<XerpRow> {
    Ok(XerpRow {
        recno: row.get(0)?,
        key: row.get(1)?,
        ticket: row.get(2)?,
        alias: row.get(3)?,
        taf_recno: row.get(4)?,
        status: row.get(5)?,
        error_code: row.get(6)?,
        error_detail: row.get(7)?,
    })
}

fn record_row(row: &Row<'_>) -> rusqlite::Result<TafRecord> {
    Ok(TafRecord {
        recno: row.get(0)?,
        alias: row.get(1)?,
        branch: row.get(2)?,
        status: row.get(3)?,
        active: row.get(4)?,
        receipt: row.get(5)?,
        errors: Vec::new(),
        return_xml: row.get(6)?,
    })
}

/// The `WHERE` terms of a selection (parameters `?1` ticket, `?2` key, `?3` branch, `?4` the
/// lowest RECNO), written so the ticket and key indexes serve them.
fn selection_terms(selection: &Selection) -> String {
    let mut terms = String::from("R_E_C_N_O_ >= ?4");
    for (given, term) in [
        (&selection.ticket, " AND rtrim(TAFTICKET) = ?1"),
        (&selection.key, " AND rtrim(TAFKEY) = ?2"),
        (&selection.branch, " AND rtrim(TAFFIL) = ?3"),
    ] {
        if given.is_some() {
            terms.push_str(term);
        }
    }
    terms
}

/// The selection's values as parameters `?1`–`?3` (unused ones are bound and ignored).
fn selection_values(selection: &Selection) -> [&str; 3] {
    fn value(given: Option<&String>) -> &str {
        char_value(given.map_or("", String::as_str))
    }
    [
        value(selection.ticket.as_ref()),
        value(selection.key.as_ref()),
        value(selection.branch.as_ref()),
    ]
}

impl SqliteStore {
    /// Adds one to sequence `name` and returns the new value.
    fn next(&self, name: &str) -> rusqlite::Result<i64> {
        self.connection
            .prepare_cached("UPDATE SEQUENCES SET LAST = LAST + 1 WHERE NAME = ?1 RETURNING LAST")?
            .query_row([name], |row| row.get(0))
    }

    /// Moves the receipt count by `by`.
    fn count_receipts(&self, by: i64) -> rusqlite::Result<()> {
        if by != 0 {
            self.connection
                .prepare_cached("UPDATE SEQUENCES SET LAST = LAST + ?1 WHERE NAME = 'RECEIPTS'")?
                .execute([by])?;
        }
        Ok(())
    }

    /// Writes a record and its government errors (replacing what it had).
    fn put_record(&self, record: &TafRecord) -> rusqlite::Result<()> {
        self.connection
            .prepare_cached(&format!(
                "INSERT OR REPLACE INTO TAFRECORDS ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ))?
            .execute(params![
                record.recno,
                record.alias,
                record.branch,
                record.status,
                record.active,
                record.receipt,
                record.return_xml
            ])?;
        self.connection
            .prepare_cached("DELETE FROM V2H WHERE ALIAS = ?1 AND RECNO = ?2")?
            .execute(params![record.alias, record.recno])?;
        let mut insert = self.connection.prepare_cached(
            "INSERT INTO V2H (ALIAS, RECNO, V2H_SEQ, V2H_CODERR, V2H_DCERRO) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (sequence, error) in (1_i64..).zip(&record.errors) {
            insert.execute(params![
                record.alias,
                record.recno,
                sequence,
                error.code,
                error.detail
            ])?;
        }
        Ok(())
    }

    /// Runs `work` in a transaction of its own unless one is open.
    fn in_transaction<T>(
        &self,
        work: impl FnOnce(&Self) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        if !self.connection.is_autocommit() {
            return Ok(work(self)?);
        }
        self.begin()?;
        match work(self) {
            Ok(value) => {
                self.commit()?;
                Ok(value)
            }
            Err(error) => {
                self.rollback();
                Err(error.into())
            }
        }
    }
}

impl SqliteStore {
    /// Copies in-memory tables (an earlier `taf serve` JSON state) into this empty database,
    /// keeping every `R_E_C_N_O_` and counter, in one transaction. Returns how many TAFST2
    /// rows came in; refuses a database that already holds rows.
    pub fn import(&mut self, tables: &Tables) -> Result<usize, ImportError> {
        let held: i64 = self
            .connection
            .query_row(
                "SELECT (SELECT COUNT(*) FROM TAFST2) + (SELECT COUNT(*) FROM TAFXERP) \
             + (SELECT COUNT(*) FROM TAFRECORDS)",
                [],
                |row| row.get(0),
            )
            .map_err(StoreError::from)?;
        if held > 0 {
            return Err(ImportError::NotEmpty);
        }
        Ok(self.in_transaction(|store| {
            for row in tables.st2() {
                store.put_st2(row.recno, row)?;
            }
            for row in tables.xerp() {
                store.put_xerp(row)?;
            }
            for record in tables.records() {
                store.put_record(record)?;
                store.count_receipts(has_receipt(&record.receipt))?;
            }
            let (st2, xerp, records) = tables.last_recnos();
            let mut sequence = store
                .connection
                .prepare_cached("UPDATE SEQUENCES SET LAST = ?2 WHERE NAME = ?1")?;
            sequence.execute(params!["TAFST2", st2])?;
            sequence.execute(params!["TAFXERP", xerp])?;
            sequence.execute(params!["TAFRECORDS", records])?;
            Ok(tables.st2().len())
        })?)
    }

    /// Inserts a TAFST2 row under `recno` and counts its message bytes for its ticket.
    fn put_st2(&self, recno: i64, row: &St2Row) -> rusqlite::Result<()> {
        self.connection
            .prepare_cached(&format!(
                "INSERT INTO TAFST2 ({ST2_COLUMNS}) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
            ))?
            .execute(params![
                recno,
                row.branch,
                row.message_type,
                row.sequential,
                row.registry_type,
                row.key,
                row.message,
                status_code(row.status),
                row.ticket,
                row.date,
                row.time,
                row.priority,
                row.queue,
                row.owner,
                row.predecessor,
                row.transfer_branch,
                row.complement
            ])?;
        self.connection
            .prepare_cached(
                "INSERT INTO TICKETS (TAFTICKET, MSGBYTES) VALUES (?1, ?2) \
                 ON CONFLICT (TAFTICKET) DO UPDATE SET MSGBYTES = MSGBYTES + ?2",
            )?
            .execute(params![
                char_value(&row.ticket),
                i64::try_from(row.message.len()).unwrap_or(i64::MAX)
            ])?;
        Ok(())
    }

    /// Inserts a TAFXERP row under its own `R_E_C_N_O_`.
    fn put_xerp(&self, xerp: &XerpRow) -> rusqlite::Result<()> {
        self.connection
            .prepare_cached(&format!(
                "INSERT INTO TAFXERP ({XERP_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ))?
            .execute(params![
                xerp.recno,
                xerp.key,
                xerp.ticket,
                xerp.alias,
                xerp.taf_recno,
                xerp.status,
                xerp.error_code,
                xerp.error_detail
            ])?;
        Ok(())
    }
}

/// Why tables could not be imported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The database already holds rows.
    #[error("the database already holds rows; import into a new --state file")]
    NotEmpty,
    /// `SQLite` failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn has_receipt(receipt: &str) -> i64 {
    i64::from(!receipt.trim().is_empty())
}

impl Store for SqliteStore {
    type Error = StoreError;

    fn begin(&self) -> Result<(), StoreError> {
        Ok(self.connection.execute_batch("BEGIN IMMEDIATE")?)
    }

    fn commit(&self) -> Result<(), StoreError> {
        Ok(self.connection.execute_batch("COMMIT")?)
    }

    fn rollback(&self) {
        if !self.connection.is_autocommit() {
            // A failed rollback leaves nothing to undo: SQLite rolled back already.
            let _ = self.connection.execute_batch("ROLLBACK");
        }
    }

    fn is_pending(&self, branch: &str, registry_type: &str, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .prepare_cached(
                "SELECT 1 FROM TAFST2 WHERE TAFCODMSG = '2' AND TAFSTATUS IN ('1', '2') \
                 AND rtrim(TAFFIL) = ?1 AND rtrim(TAFTPREG) = ?2 AND rtrim(TAFKEY) = ?3 LIMIT 1",
            )?
            .exists(params![
                char_value(branch),
                char_value(registry_type),
                char_value(key)
            ])?)
    }

    fn ticket_message_bytes(&self, ticket: &str) -> Result<usize, StoreError> {
        let bytes: Option<i64> = self
            .connection
            .prepare_cached("SELECT MSGBYTES FROM TICKETS WHERE TAFTICKET = ?1")?
            .query_row([char_value(ticket)], |row| row.get(0))
            .optional()?;
        Ok(usize::try_from(bytes.unwrap_or_default()).unwrap_or_default())
    }

    fn insert_st2(&mut self, row: St2Row) -> Result<i64, StoreError> {
        self.in_transaction(|store| {
            let recno = store.next("TAFST2")?;
            store.put_st2(recno, &row)?;
            Ok(recno)
        })
    }

    fn max_rec_no(
        &self,
        selection: &Selection,
        start: i64,
        integrated_only: bool,
    ) -> Result<i64, StoreError> {
        let integrated = if integrated_only {
            " AND TAFSTATUS = '3' AND EXISTS (SELECT 1 FROM TAFXERP X \
             WHERE rtrim(X.TAFKEY) = rtrim(TAFST2.TAFKEY) \
             AND rtrim(X.TAFTICKET) = rtrim(TAFST2.TAFTICKET) \
             AND trim(X.TAFSTATUS) IN ('1', '2', '3'))"
        } else {
            ""
        };
        let [ticket, key, branch] = selection_values(selection);
        let max: Option<i64> = self
            .connection
            .prepare_cached(&format!(
                "SELECT MAX(R_E_C_N_O_) FROM TAFST2 WHERE {}{integrated}",
                selection_terms(selection)
            ))?
            .query_row(params![ticket, key, branch, start], |row| row.get(0))?;
        Ok(max.unwrap_or_default())
    }

    fn st2_rows(
        &self,
        selection: &Selection,
        from: i64,
        limit: usize,
    ) -> Result<Vec<St2Row>, StoreError> {
        let [ticket, key, branch] = selection_values(selection);
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {ST2_COLUMNS} FROM TAFST2 WHERE {} ORDER BY R_E_C_N_O_ LIMIT ?5",
            selection_terms(selection)
        ))?;
        let rows = statement.query_map(
            params![
                ticket,
                key,
                branch,
                from,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            st2_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn xerp_rows(&self, key: &str, ticket: Option<&str>) -> Result<Vec<XerpRow>, StoreError> {
        let ticket_term = if ticket.is_some() {
            " AND rtrim(TAFTICKET) = ?2"
        } else {
            ""
        };
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {XERP_COLUMNS} FROM TAFXERP WHERE rtrim(TAFKEY) = ?1{ticket_term} \
             ORDER BY R_E_C_N_O_"
        ))?;
        let ticket = char_value(ticket.unwrap_or_default());
        let rows = if ticket_term.is_empty() {
            statement.query_map([char_value(key)], xerp_row)?
        } else {
            statement.query_map([char_value(key), ticket], xerp_row)?
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn record(&self, alias: &str, recno: i64) -> Result<Option<TafRecord>, StoreError> {
        let record = self
            .connection
            .prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM TAFRECORDS WHERE R_E_C_N_O_ = ?1 AND ALIAS = ?2"
            ))?
            .query_row(params![recno, alias], record_row)
            .optional()?;
        let Some(mut record) = record else {
            return Ok(None);
        };
        let mut errors = self.connection.prepare_cached(
            "SELECT V2H_CODERR, V2H_DCERRO FROM V2H WHERE ALIAS = ?1 AND RECNO = ?2 ORDER BY V2H_SEQ",
        )?;
        record.errors = errors
            .query_map(params![alias, recno], |row| {
                Ok(StreamingError {
                    code: row.get(0)?,
                    detail: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(record))
    }

    fn delete_ticket(&mut self, ticket: &str) -> Result<usize, StoreError> {
        let ticket = char_value(ticket);
        self.in_transaction(|store| {
            let connection = &store.connection;
            let receipts: i64 = connection
                .prepare_cached(&format!(
                    "SELECT COUNT(*) FROM TAFRECORDS WHERE trim(PROTUL) <> '' AND {RECORDS_OF_TICKET}"
                ))?
                .query_row([ticket], |row| row.get(0))?;
            store.count_receipts(-receipts)?;
            connection
                .prepare_cached(
                    "DELETE FROM V2H WHERE (ALIAS, RECNO) IN \
                     (SELECT TAFALIAS, TAFRECNO FROM TAFXERP WHERE rtrim(TAFTICKET) = ?1)",
                )?
                .execute([ticket])?;
            connection
                .prepare_cached(&format!("DELETE FROM TAFRECORDS WHERE {RECORDS_OF_TICKET}"))?
                .execute([ticket])?;
            connection
                .prepare_cached("DELETE FROM TAFXERP WHERE rtrim(TAFTICKET) = ?1")?
                .execute([ticket])?;
            connection
                .prepare_cached("DELETE FROM TICKETS WHERE TAFTICKET = ?1")?
                .execute([ticket])?;
            connection
                .prepare_cached("DELETE FROM TAFST2 WHERE rtrim(TAFTICKET) = ?1")?
                .execute([ticket])
        })
    }

    fn first_pending(&self) -> Result<Option<St2Row>, StoreError> {
        Ok(self
            .connection
            .prepare_cached(&format!(
                "SELECT {ST2_COLUMNS} FROM TAFST2 WHERE TAFSTATUS = '1' ORDER BY R_E_C_N_O_ LIMIT 1"
            ))?
            .query_row([], st2_row)
            .optional()?)
    }

    fn integrated_cleanly(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .prepare_cached(
                "SELECT 1 FROM TAFXERP WHERE rtrim(TAFKEY) = ?1 \
                 AND trim(TAFSTATUS) IN ('1', '2', '3') AND TAFCODERR = '' LIMIT 1",
            )?
            .exists([char_value(key)])?)
    }

    fn has_receipt(&self, receipt: &str) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .prepare_cached(
                "SELECT 1 FROM TAFRECORDS WHERE trim(PROTUL) <> '' AND trim(PROTUL) = ?1 LIMIT 1",
            )?
            .exists([receipt.trim()])?)
    }

    fn complete(&mut self, recno: i64, result: JobResult) -> Result<(), StoreError> {
        let JobResult { mut xerp, record } = result;
        self.in_transaction(|store| {
            if let Some(mut record) = record {
                record.recno = store.next("TAFRECORDS")?;
                xerp.taf_recno = record.recno;
                store.put_record(&record)?;
                store.count_receipts(has_receipt(&record.receipt))?;
            }
            xerp.recno = store.next("TAFXERP")?;
            store.put_xerp(&xerp)?;
            store
                .connection
                .prepare_cached("UPDATE TAFST2 SET TAFSTATUS = '3' WHERE R_E_C_N_O_ = ?1")?
                .execute([recno])?;
            Ok(())
        })
    }

    fn next_untransmitted(
        &self,
        after: Option<(i64, &str)>,
    ) -> Result<Option<TafRecord>, StoreError> {
        let (recno, alias) = after.unwrap_or((i64::MIN, ""));
        let found = self
            .connection
            .prepare_cached(
                "SELECT R_E_C_N_O_, ALIAS FROM TAFRECORDS WHERE trim(STATUS) = '' \
                 AND (R_E_C_N_O_, ALIAS) > (?1, ?2) ORDER BY R_E_C_N_O_, ALIAS LIMIT 1",
            )?
            .query_row(params![recno, alias], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })
            .optional()?;
        match found {
            Some((recno, alias)) => self.record(&alias, recno),
            None => Ok(None),
        }
    }

    fn key_of_record(&self, alias: &str, recno: i64) -> Result<Option<String>, StoreError> {
        let key: Option<String> = self
            .connection
            .prepare_cached(
                "SELECT TAFKEY FROM TAFXERP WHERE TAFALIAS = ?1 AND TAFRECNO = ?2 \
                 ORDER BY R_E_C_N_O_ LIMIT 1",
            )?
            .query_row(params![alias, recno], |row| row.get(0))
            .optional()?;
        Ok(key.map(|key| key.trim().to_owned()))
    }

    fn receipts_issued(&self) -> Result<usize, StoreError> {
        let issued: i64 = self
            .connection
            .prepare_cached("SELECT LAST FROM SEQUENCES WHERE NAME = 'RECEIPTS'")?
            .query_row([], |row| row.get(0))?;
        Ok(usize::try_from(issued).unwrap_or_default())
    }

    fn update_record(&mut self, record: &TafRecord) -> Result<(), StoreError> {
        self.in_transaction(|store| {
            let before: Option<String> = store
                .connection
                .prepare_cached(
                    "SELECT PROTUL FROM TAFRECORDS WHERE R_E_C_N_O_ = ?1 AND ALIAS = ?2",
                )?
                .query_row(params![record.recno, record.alias], |row| row.get(0))
                .optional()?;
            store.count_receipts(
                has_receipt(&record.receipt) - before.as_deref().map_or(0, has_receipt),
            )?;
            store.put_record(record)
        })
    }

    fn clear(&mut self) -> Result<(), StoreError> {
        self.in_transaction(|store| {
            store.connection.execute_batch(
                "DELETE FROM TAFST2; DELETE FROM TAFXERP; DELETE FROM TAFRECORDS; DELETE FROM V2H; \
                 DELETE FROM TICKETS; UPDATE SEQUENCES SET LAST = 0;",
            )
        })
    }
}

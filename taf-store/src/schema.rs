//! The database's layout: tables and columns named after the server's, the indexes the
//! emulator's lookups use, and how a file is recognised as an emulator database.

use rusqlite::{Connection, OptionalExtension};

use crate::OpenError;

/// `PRAGMA application_id` of an emulator database: "TAFE".
pub const APPLICATION_ID: i32 = 0x5441_4645;

/// `PRAGMA user_version`: the layout this build writes.
pub const SCHEMA_VERSION: i32 = 1;

/// Layout version 1.
const CREATE: &str = "
CREATE TABLE TAFST2 (
    R_E_C_N_O_ INTEGER PRIMARY KEY,
    TAFFIL     TEXT NOT NULL,
    TAFCODMSG  TEXT NOT NULL,
    TAFSEQ     TEXT NOT NULL,
    TAFTPREG   TEXT NOT NULL,
    TAFKEY     TEXT NOT NULL,
    TAFMSG     BLOB NOT NULL,
    TAFSTATUS  TEXT NOT NULL,
    TAFTICKET  TEXT NOT NULL,
    TAFDATA    TEXT NOT NULL,
    TAFHORA    TEXT NOT NULL,
    TAFPRIORIT TEXT NOT NULL,
    TAFSTQUEUE TEXT NOT NULL,
    TAFOWNER   TEXT NOT NULL,
    TAFREGPRED TEXT NOT NULL,
    TAFFILTRAN TEXT NOT NULL,
    TAFCOMP    TEXT NOT NULL
);
CREATE INDEX TAFST2_TICKET ON TAFST2 (rtrim(TAFTICKET), R_E_C_N_O_);
CREATE INDEX TAFST2_KEY ON TAFST2 (rtrim(TAFKEY), R_E_C_N_O_);
CREATE INDEX TAFST2_PENDING_XML ON TAFST2 (rtrim(TAFFIL), rtrim(TAFTPREG), rtrim(TAFKEY))
    WHERE TAFCODMSG = '2' AND TAFSTATUS IN ('1', '2');
CREATE INDEX TAFST2_PENDING ON TAFST2 (R_E_C_N_O_) WHERE TAFSTATUS = '1';
CREATE TABLE TAFXERP (
    R_E_C_N_O_ INTEGER PRIMARY KEY,
    TAFKEY     TEXT NOT NULL,
    TAFTICKET  TEXT NOT NULL,
    TAFALIAS   TEXT NOT NULL,
    TAFRECNO   INTEGER NOT NULL,
    TAFSTATUS  TEXT NOT NULL,
    TAFCODERR  TEXT NOT NULL,
    TAFERR     TEXT NOT NULL
);
CREATE INDEX TAFXERP_KEY ON TAFXERP (rtrim(TAFKEY), R_E_C_N_O_);
CREATE INDEX TAFXERP_TICKET ON TAFXERP (rtrim(TAFTICKET));
CREATE INDEX TAFXERP_RECORD ON TAFXERP (TAFALIAS, TAFRECNO, R_E_C_N_O_);
CREATE TABLE TAFRECORDS (
    R_E_C_N_O_ INTEGER NOT NULL,
    ALIAS      TEXT NOT NULL,
    FILIAL     TEXT NOT NULL,
    STATUS     TEXT NOT NULL,
    ATIVO      TEXT NOT NULL,
    PROTUL     TEXT NOT NULL,
    XMLRET     TEXT NOT NULL,
    PRIMARY KEY (R_E_C_N_O_, ALIAS)
) WITHOUT ROWID;
CREATE INDEX TAFRECORDS_PROTUL ON TAFRECORDS (trim(PROTUL)) WHERE trim(PROTUL) <> '';
CREATE INDEX TAFRECORDS_WAITING ON TAFRECORDS (R_E_C_N_O_, ALIAS) WHERE trim(STATUS) = '';
CREATE TABLE V2H (
    ALIAS      TEXT NOT NULL,
    RECNO      INTEGER NOT NULL,
    V2H_SEQ    INTEGER NOT NULL,
    V2H_CODERR TEXT NOT NULL,
    V2H_DCERRO TEXT NOT NULL,
    PRIMARY KEY (ALIAS, RECNO, V2H_SEQ)
) WITHOUT ROWID;
CREATE TABLE TICKETS (
    TAFTICKET TEXT PRIMARY KEY,
    MSGBYTES  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE SEQUENCES (
    NAME TEXT PRIMARY KEY,
    LAST INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO SEQUENCES (NAME, LAST)
    VALUES ('TAFST2', 0), ('TAFXERP', 0), ('TAFRECORDS', 0), ('RECEIPTS', 0);
";

/// Checks, before anything is written, that the database is an emulator database of this
/// layout (or an empty one, which it then lays out).
pub(crate) fn prepare(connection: &Connection) -> Result<(), OpenError> {
    let application_id: i32 =
        connection.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let version: i32 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let has_tables = connection
        .query_row("SELECT 1 FROM sqlite_master LIMIT 1", [], |row| {
            row.get::<_, i32>(0)
        })
        .optional()?
        .is_some();
    match (application_id, version) {
        (0, 0) if !has_tables => {
            connection.execute_batch(&format!(
                "BEGIN IMMEDIATE; {CREATE} PRAGMA application_id = {APPLICATION_ID}; \
                 PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))?;
            Ok(())
        }
        (APPLICATION_ID, SCHEMA_VERSION) => Ok(()),
        (APPLICATION_ID, newer) if newer > SCHEMA_VERSION => Err(OpenError::Newer {
            found: newer,
            supported: SCHEMA_VERSION,
        }),
        (APPLICATION_ID, older) => Err(OpenError::Older {
            found: older,
            supported: SCHEMA_VERSION,
        }),
        (other, _) => Err(OpenError::Foreign {
            application_id: other,
        }),
    }
}

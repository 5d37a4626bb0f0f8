//! The TAF emulator's tables in `SQLite`: [`SqliteStore`] is the emulator's
//! [`taf_core::server::Store`] over an ordinary database file that the `sqlite3` shell opens.
//!
//! Tables and columns are named after the server's (`TAFST2`, `TAFXERP`, …; see
//! `taf-cli/README.md`). The file carries `PRAGMA application_id` [`schema::APPLICATION_ID`] and
//! `PRAGMA user_version` [`schema::SCHEMA_VERSION`]: a file that is not an emulator database,
//! or one of another layout, is refused before anything is written to it. The journal is WAL;
//! each unit of work the emulator brackets (one POST item, one job row) is its own
//! transaction, so what was acknowledged was committed.
//!
//! Layout: [`schema`] holds the tables, their indexes and how a file is recognised; `rows`
//! holds the emulator's reads and writes as SQL; this file holds [`SqliteStore`] itself
//! (opening, transactions, the import of the old JSON state).

mod rows;
pub mod schema;

pub use rows::ImportError;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How far a commit goes before it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Durability {
    /// `synchronous=NORMAL`: a commit survives the process being killed; a power cut may lose
    /// the last commits (WAL's usual setting).
    #[default]
    Process,
    /// `synchronous=FULL`: every commit reaches the disk before it returns.
    Disk,
}

/// Why a database could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The file is the JSON state of earlier `taf serve --state` versions.
    #[error(
        "{path} holds an emulator state in the JSON format of earlier taf versions, not an SQLite \
         database; it was left untouched (start with a new file, or import it with --import)"
    )]
    JsonState {
        /// The file.
        path: PathBuf,
    },
    /// The file exists and is not an `SQLite` database.
    #[error("{path} is not an SQLite database; it was left untouched")]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },
    /// An `SQLite` database that another program made.
    #[error("not an emulator database (application_id {application_id:#x}); it was left untouched")]
    Foreign {
        /// Its `PRAGMA application_id`.
        application_id: i32,
    },
    /// An emulator database of a newer layout.
    #[error("emulator database of layout {found}, newer than this taf's {supported}; refused")]
    Newer {
        /// Its `PRAGMA user_version`.
        found: i32,
        /// The layout this build writes.
        supported: i32,
    },
    /// An emulator database of a layout this build cannot migrate.
    #[error("emulator database of layout {found}, which this taf ({supported}) cannot migrate")]
    Older {
        /// Its `PRAGMA user_version`.
        found: i32,
        /// The layout this build writes.
        supported: i32,
    },
    /// `SQLite` failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The lock timeout could not be set.
    #[error("cannot set the lock timeout: {0}")]
    Lock(String),
    /// [`SqliteStore::open_another`] on a store in memory.
    #[error("the store is not over a database file")]
    InMemory,
    /// Tables could not be imported into the database.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A failed read or write: the emulator answers 500.
#[derive(Debug, thiserror::Error)]
#[error("SQLite: {0}")]
pub struct StoreError(#[from] rusqlite::Error);

/// The emulator's tables in one `SQLite` connection. Open one per worker thread: `SQLite` lets
/// readers run beside the writer, and writers take turns per transaction.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
}

/// How long a writer waits for another's transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Page cache of each connection, in KiB as `PRAGMA cache_size` takes a negative number: the
/// upper levels of the indexes of a million rows stay in it (`SQLite`'s default is 2 MiB).
const CACHE_KIB: i64 = -16 * 1024;

/// The first bytes of every `SQLite` database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

impl SqliteStore {
    /// Opens (or creates) the database at `path`. An existing file must be an emulator
    /// database of this layout (or empty); anything else is refused and left untouched. While
    /// this store is open, open further connections to the file with [`Self::open_another`].
    pub fn open(path: &Path, durability: Durability) -> Result<Self, OpenError> {
        refuse_foreign_file(path)?;
        Self::open_checked(path, durability)
    }

    /// Another connection to the database file this store has open (one per worker thread).
    /// The file was checked when this store opened it and is not read again: opening and
    /// closing any other handle to it would drop every lock this process holds on it (POSIX
    /// locks belong to the process), and another program could then truncate the WAL under
    /// this store's readers.
    pub fn open_another(&self, durability: Durability) -> Result<Self, OpenError> {
        let path = self
            .connection
            .path()
            .filter(|path| !path.is_empty())
            .ok_or(OpenError::InMemory)?;
        Self::open_checked(Path::new(path), durability)
    }

    /// Opens the database at `path`, already known to be an emulator database or empty.
    fn open_checked(path: &Path, durability: Durability) -> Result<Self, OpenError> {
        let store = Self::over(Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?)?;
        store
            .connection
            .pragma_update(None, "journal_mode", "WAL")?;
        store.connection.pragma_update(
            None,
            "synchronous",
            match durability {
                Durability::Process => "NORMAL",
                Durability::Disk => "FULL",
            },
        )?;
        Ok(store)
    }

    /// An in-memory database named `name`, shared by every store of this process opened with
    /// the same name (one per worker thread), gone when the last one closes.
    pub fn open_memory(name: &str) -> Result<Self, OpenError> {
        Self::over(Connection::open_with_flags(
            format!("file:/{name}?vfs=memdb"),
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?)
    }

    /// The store over a connection already open (to a file, to memory, or with a trace
    /// installed): its database must be an emulator database of this layout, or empty.
    pub fn over(connection: Connection) -> Result<Self, OpenError> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        schema::prepare(&connection)?;
        connection.pragma_update(None, "cache_size", CACHE_KIB)?;
        Ok(Self { connection })
    }

    /// How long a write waits for a lock another connection or program holds before it fails
    /// (30 seconds unless set).
    pub fn wait_for_locks(&self, timeout: Duration) -> Result<(), StoreError> {
        Ok(self.connection.busy_timeout(timeout)?)
    }

    /// The connection, for reading the tables directly.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }
}

/// Refuses, without writing to it, a file that exists, is not empty and is not an `SQLite`
/// database.
fn refuse_foreign_file(path: &Path) -> Result<(), OpenError> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
    match std::fs::File::open(path) {
        Ok(file) => file
            .take(SQLITE_MAGIC.len() as u64)
            .read_to_end(&mut head)
            .map_err(|source| OpenError::Read {
                path: path.to_owned(),
                source,
            })?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(OpenError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    if head.is_empty() || head == SQLITE_MAGIC {
        Ok(())
    } else if head.trim_ascii_start().starts_with(b"{") {
        Err(OpenError::JsonState {
            path: path.to_owned(),
        })
    } else {
        Err(OpenError::NotSqlite {
            path: path.to_owned(),
        })
    }
}

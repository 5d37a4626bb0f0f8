//! The threads that run requests against the tables: each owns an emulator over its own
//! database connection, so requests run side by side and `SQLite` orders their writes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use taf_core::emulator::{Clock, Config, Emulator};
use taf_core::server::JobReport;
use taf_core::{Fault, FaultBody, HttpRequest, HttpResponse, Method};
use taf_store::{Durability, OpenError, SqliteStore, StoreError};
use tokio::sync::oneshot;

/// Where the tables live.
#[derive(Debug, Clone)]
pub(crate) enum Storage {
    /// In an in-memory database that goes with the server.
    Memory,
    /// In an `SQLite` file, kept across restarts.
    File {
        /// The database file.
        path: PathBuf,
        /// How far each commit goes.
        durability: Durability,
        /// How long a write waits for a lock another program holds.
        lock_timeout: Duration,
    },
}

/// Numbers the in-memory databases of this process.
static MEMORY_DATABASES: AtomicU64 = AtomicU64::new(0);

impl Storage {
    /// A name under which connections open the same database.
    fn place(&self) -> Place {
        match self {
            Self::Memory => Place::Memory(format!(
                "taf-emulator-{}-{}",
                std::process::id(),
                MEMORY_DATABASES.fetch_add(1, Ordering::Relaxed)
            )),
            Self::File {
                path,
                durability,
                lock_timeout,
            } => Place::File(path.clone(), *durability, *lock_timeout),
        }
    }
}

/// One database, as each connection opens it.
enum Place {
    Memory(String),
    File(PathBuf, Durability, Duration),
}

impl Place {
    /// `count` connections (at least one). Only the first checks the file: the others open it
    /// through `SQLite` alone (see [`SqliteStore::open_another`]).
    fn connect(&self, count: usize) -> Result<Vec<SqliteStore>, OpenError> {
        let mut stores: Vec<SqliteStore> = Vec::with_capacity(count.max(1));
        for _ in 0..count.max(1) {
            let store = match (self, stores.first()) {
                (Self::Memory(name), _) => SqliteStore::open_memory(name)?,
                (Self::File(path, durability, _), None) => SqliteStore::open(path, *durability)?,
                (Self::File(_, durability, _), Some(first)) => first.open_another(*durability)?,
            };
            if let Self::File(_, _, lock_timeout) = self {
                store
                    .wait_for_locks(*lock_timeout)
                    .map_err(|error| OpenError::Lock(error.to_string()))?;
            }
            stores.push(store);
        }
        Ok(stores)
    }
}

/// A request for a worker, and where its answer goes.
pub(crate) struct Job {
    /// The HTTP method as sent.
    pub(crate) method: String,
    /// The request, its method aside.
    pub(crate) request: HttpRequest,
    /// Where the answer goes: the response and how long to hold it back.
    pub(crate) reply: oneshot::Sender<(HttpResponse, u64)>,
}

/// The worker threads; they stop when the pool is dropped and their queue empties.
pub(crate) struct Pool {
    jobs: Option<Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Opens `threads` connections to `storage` (an error before any thread starts) and starts a
    /// worker on each.
    pub(crate) fn start(
        config: &Config,
        storage: &Storage,
        threads: usize,
    ) -> Result<Self, OpenError> {
        let stores = storage.place().connect(threads)?;
        let (jobs, queue) = channel();
        let queue = Arc::new(Mutex::new(queue));
        let threads = stores
            .into_iter()
            .map(|store| {
                let emulator = Emulator::with_store(config.clone(), store);
                let queue = Arc::clone(&queue);
                thread::spawn(move || work(emulator, &queue))
            })
            .collect();
        Ok(Self {
            jobs: Some(jobs),
            threads,
        })
    }

    /// Where to send jobs.
    pub(crate) fn sender(&self) -> Option<Sender<Job>> {
        self.jobs.clone()
    }

    /// Lets the workers finish the queued jobs and waits for them.
    pub(crate) fn stop(mut self) {
        self.jobs = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// A worker: takes jobs until the queue closes. The queue's lock is held only to take a job.
fn work(mut emulator: Emulator<SqliteStore>, queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else {
            return;
        };
        let answer = answer(&mut emulator, &job.method, &job.request);
        let _ = job.reply.send(answer);
    }
}

/// Runs one request: a control endpoint, or the service.
fn answer(
    emulator: &mut Emulator<SqliteStore>,
    method: &str,
    request: &HttpRequest,
) -> (HttpResponse, u64) {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    emulator.clock = Clock::from_unix_seconds(seconds);
    let target = request.path_and_query();
    let path = target.split('?').next().unwrap_or_default();
    let control = match (method, path) {
        ("POST", "/_emulator/process") => Some(emulator.run_job().map(job_answer)),
        ("POST", "/_emulator/transmit") => Some(emulator.run_transmission().map(job_answer)),
        ("POST", "/_emulator/reset") => Some(
            emulator
                .reset()
                .map(|()| json(200, b"{\"reset\":true}".to_vec())),
        ),
        _ => None,
    };
    match (control, Method::from_name(method)) {
        (Some(Ok(response)), _) => (response, 0),
        (Some(Err(error)), _) => (storage_failure(&error), 0),
        (None, Some(_)) => {
            let served = emulator.handle(request);
            let delay = served.delay_millis;
            (served.into_http(), delay)
        }
        (None, None) => (fault(405, "Method not allowed."), 0),
    }
}

/// A job's report as JSON: `{"handled":N,"failed":M}`.
fn job_answer(report: JobReport) -> HttpResponse {
    json(200, serde_json::to_vec(&report).unwrap_or_default())
}

fn storage_failure(error: &StoreError) -> HttpResponse {
    fault(500, &format!("Storage failure: {error}"))
}

/// A JSON answer.
pub(crate) fn json(status: u16, body: Vec<u8>) -> HttpResponse {
    let mut response = HttpResponse::new(status, body);
    response.headers.insert("Content-Type", "application/json");
    response
}

/// A classic framework fault `{"errorCode":N,"errorMessage":"…"}` with `status` as its code.
pub(crate) fn fault(status: u16, message: &str) -> HttpResponse {
    let body = Fault {
        status,
        body: FaultBody::Classic {
            code: i64::from(status),
            message: message.to_owned(),
        },
    }
    .encode_body();
    json(status, body.into_bytes())
}

impl std::fmt::Display for Storage {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Memory => formatter.write_str("in memory"),
            Self::File { path, .. } => write!(formatter, "{}", path.display()),
        }
    }
}

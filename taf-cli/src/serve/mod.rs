//! `taf serve`: the emulator behind hyper (HTTP/1.1 on a tokio runtime), its tables in `SQLite`
//! (a file with `--state`, in memory otherwise), requests run by a pool of worker threads.

mod front;
mod workers;

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use clap::{Args, ValueEnum};
use taf_core::Credentials;
use taf_core::emulator::{Config, Tables};
use taf_core::preflight::ServerRules;
use taf_store::{Durability, OpenError, SqliteStore};
use tokio::sync::watch;

pub(crate) use front::Limits;
use workers::Pool;
pub(crate) use workers::Storage;

use crate::exit::{CliError, Exit};
use crate::files;
use crate::server_rules::{branch_map, parse_branch};

/// Options of `taf serve`.
#[derive(Debug, Args)]
#[command(after_help = "\
Control endpoints: POST /_emulator/process runs the integration job, POST /_emulator/transmit \
the government step (both answer {\"handled\":N,\"failed\":M}), POST /_emulator/reset empties \
the tables, GET /_emulator/health answers {\"status\":\"ok\"}. With --user, every endpoint \
needs the credentials.")]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8085")]
    addr: SocketAddr,
    /// A registered branch, as GROUP:BRANCH (repeatable). Default: T1:0100, T1:0101, T2:0200.
    #[arg(long = "branch", value_name = "GROUP:BRANCH", value_parser = parse_branch)]
    branches: Vec<(String, String)>,
    /// Require HTTP Basic authentication with this user (on every endpoint).
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// The password for --user (or set `TAF_PASSWORD`; ignored without --user).
    #[arg(long, env = "TAF_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Keep the tables in this `SQLite` database across restarts (created when missing; a file
    /// that is not an emulator database is refused and left untouched).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Before serving, copy the tables of a JSON state file of earlier taf versions into the
    /// new (empty) --state database, keeping every RECNO.
    #[arg(long, value_name = "JSON", requires = "state")]
    import: Option<PathBuf>,
    /// How far each commit goes with --state before the answer: `normal` survives a killed
    /// process, `full` also a power cut (slower).
    #[arg(long, value_enum, default_value_t = Sync::Normal)]
    sync: Sync,
    /// Seconds a write waits with --state for a lock another program holds on the database
    /// before the request fails with HTTP 500.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    lock_timeout: f64,
    /// Worker threads running requests at once, each with its own database connection.
    #[arg(long, default_value_t = 4)]
    threads: usize,
    /// Most connections open at once; further clients wait to be accepted.
    #[arg(long, default_value_t = Limits::default().connections)]
    max_connections: usize,
    /// Seconds a client may take to send its headers or body, or stay idle between requests.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    read_timeout: u64,
}

/// `--sync` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Sync {
    /// `SQLite` `synchronous=NORMAL` in WAL mode.
    Normal,
    /// `SQLite` `synchronous=FULL`.
    Full,
}

/// The emulator served over HTTP, until [`Server::stop`].
pub(crate) struct Server {
    address: SocketAddr,
    stop: Arc<watch::Sender<bool>>,
    front: JoinHandle<()>,
    pool: Pool,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free one) and serves an emulator set up by `config`
    /// over `storage`, with `threads` workers.
    pub(crate) fn start(
        addr: SocketAddr,
        config: &Config,
        storage: &Storage,
        threads: usize,
        limits: Limits,
    ) -> Result<Self, CliError> {
        let listen_error = |detail: String| CliError::Listen { addr, detail };
        let pool = Pool::start(config, storage, threads).map_err(|source| CliError::State {
            storage: storage.clone(),
            source,
        })?;
        let listener = TcpListener::bind(addr).map_err(|error| listen_error(error.to_string()))?;
        let address = listener
            .local_addr()
            .map_err(|error| listen_error(error.to_string()))?;
        listener
            .set_nonblocking(true)
            .map_err(|error| listen_error(error.to_string()))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| listen_error(error.to_string()))?;
        let (stop, stopped) = watch::channel(false);
        let jobs = pool
            .sender()
            .ok_or_else(|| listen_error("no worker".to_owned()))?;
        let config = config.clone();
        let front = thread::spawn(move || {
            let served = runtime.block_on(front::serve(listener, config, limits, jobs, stopped));
            if let Err(error) = served {
                let _ = writeln!(io::stderr(), "taf: {error}");
            }
        });
        Ok(Self {
            address,
            stop: Arc::new(stop),
            front,
            pool,
        })
    }

    /// The address it listens on.
    pub(crate) fn address(&self) -> SocketAddr {
        self.address
    }

    /// A function that stops the server (for Ctrl-C).
    fn stopper(&self) -> impl Fn() + Send + 'static {
        let stop = Arc::clone(&self.stop);
        move || {
            let _ = stop.send(true);
        }
    }

    /// Waits until the server stops: no new connection, queued requests finished.
    fn wait(self) {
        let _ = self.front.join();
        self.pool.stop();
    }

    /// Stops the server and waits for it.
    pub(crate) fn stop(self) {
        self.stopper()();
        self.wait();
    }
}

pub(crate) fn run(args: &ServeArgs) -> Result<Exit, CliError> {
    let mut config = Config::new(ServerRules::new(branch_map(&args.branches)));
    config.credentials = args
        .user
        .clone()
        .zip(args.password.clone())
        .map(Credentials::from);
    let storage = match &args.state {
        Some(path) => Storage::File {
            path: path.clone(),
            durability: match args.sync {
                Sync::Normal => Durability::Process,
                Sync::Full => Durability::Disk,
            },
            lock_timeout: Duration::try_from_secs_f64(args.lock_timeout)
                .unwrap_or(Duration::from_secs(30)),
        },
        None => Storage::Memory,
    };
    if let (
        Some(json),
        Storage::File {
            path, durability, ..
        },
    ) = (&args.import, &storage)
    {
        import(json, path, *durability, &storage)?;
    }
    let limits = Limits {
        connections: args.max_connections,
        read_timeout: Duration::from_secs(args.read_timeout.max(1)),
        ..Limits::default()
    };
    let server = Server::start(args.addr, &config, &storage, args.threads, limits)?;
    ctrlc::set_handler(server.stopper())?;
    let _ = writeln!(io::stdout(), "listening on http://{}", server.address());
    server.wait();
    let _ = writeln!(io::stderr(), "stopped");
    Ok(Exit::Clean)
}

/// Copies the JSON state `json` into the database at `path`.
fn import(
    json: &Path,
    path: &Path,
    durability: Durability,
    storage: &Storage,
) -> Result<(), CliError> {
    let tables: Tables =
        serde_json::from_slice(&files::read(json)?).map_err(|source| CliError::Json {
            path: json.to_owned(),
            what: "an emulator state",
            source,
        })?;
    let state_error = |source| CliError::State {
        storage: storage.clone(),
        source,
    };
    let mut store = SqliteStore::open(path, durability).map_err(state_error)?;
    let rows = store
        .import(&tables)
        .map_err(|error| state_error(OpenError::Import(error)))?;
    let _ = writeln!(
        io::stderr(),
        "imported {rows} TAFST2 rows from {}",
        json.display()
    );
    Ok(())
}

//! `taf serve`: the emulator behind a small synchronous HTTP server.

use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;
use taf_core::PageCutter;
use taf_core::emulator::{Clock, Config, Emulator, JobReport, Tables};
use taf_core::http::{Headers, HttpRequest, HttpResponse, Method};
use taf_core::preflight::ServerRules;

use crate::exit::{CliError, Exit};
use crate::files;
use crate::server_rules::{branch_map, parse_branch};

/// Options of `taf serve`.
#[derive(Debug, Args)]
#[command(after_help = "\
Control endpoints: POST /_emulator/process runs the integration job, POST /_emulator/transmit \
the government step (both answer {\"handled\":N,\"failed\":M}), POST /_emulator/reset empties \
the tables, GET /_emulator/health answers {\"status\":\"ok\"}.")]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8085")]
    addr: SocketAddr,
    /// A registered branch, as GROUP:BRANCH (repeatable). Default: T1:0100, T1:0101, T2:0200.
    #[arg(long = "branch", value_name = "GROUP:BRANCH", value_parser = parse_branch)]
    branches: Vec<(String, String)>,
    /// Require HTTP Basic authentication with this user.
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// The password for --user (or set `TAF_PASSWORD`; ignored without --user).
    #[arg(long, env = "TAF_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Keep the tables in this file across restarts (written atomically).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Worker threads serving requests concurrently.
    #[arg(long, default_value_t = 4)]
    threads: usize,
}

/// Shared server state: the emulator and where to persist it.
struct Shared {
    emulator: Mutex<Emulator>,
    state: Option<PathBuf>,
}

/// The emulator served over HTTP by worker threads, until [`Server::stop`].
pub(crate) struct Server {
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    address: SocketAddr,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free one) and serves `emulator` with `threads`
    /// workers, saving its tables to `state` after every change when given.
    pub(crate) fn start(
        addr: SocketAddr,
        emulator: Emulator,
        state: Option<PathBuf>,
        threads: usize,
    ) -> Result<Self, CliError> {
        let listen_error = |detail: String| CliError::Listen { addr, detail };
        let http =
            tiny_http::Server::http(addr).map_err(|error| listen_error(error.to_string()))?;
        let address = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| listen_error("not an IP address".to_owned()))?;
        let http = Arc::new(http);
        let shared = Arc::new(Shared {
            emulator: Mutex::new(emulator),
            state,
        });
        let workers = (0..threads.max(1))
            .map(|_| {
                let http = Arc::clone(&http);
                let shared = Arc::clone(&shared);
                thread::spawn(move || {
                    while let Ok(request) = http.recv() {
                        serve_one(&shared, request);
                    }
                })
            })
            .collect();
        Ok(Self {
            http,
            workers,
            address,
        })
    }

    /// The address it listens on.
    pub(crate) fn address(&self) -> SocketAddr {
        self.address
    }

    /// A function that makes every worker stop after its current request (for Ctrl-C).
    fn stopper(&self) -> impl Fn() + Send + 'static {
        let http = Arc::clone(&self.http);
        let workers = self.workers.len();
        move || {
            for _ in 0..workers {
                http.unblock();
            }
        }
    }

    /// Waits until the workers stop.
    fn wait(self) {
        for worker in self.workers {
            let _ = worker.join();
        }
    }

    /// Stops the workers and waits for them.
    pub(crate) fn stop(self) {
        self.stopper()();
        self.wait();
    }
}

pub(crate) fn run(args: &ServeArgs) -> Result<Exit, CliError> {
    let mut emulator = Emulator::new(Config {
        rules: ServerRules {
            branches: branch_map(&args.branches),
            ..ServerRules::default()
        },
        credentials: args.user.clone().zip(args.password.clone()),
        ..Config::default()
    });
    if let Some(path) = args.state.as_deref().filter(|path| path.exists()) {
        emulator.tables = load(path)?;
    }
    let server = Server::start(args.addr, emulator, args.state.clone(), args.threads)?;
    ctrlc::set_handler(server.stopper())?;
    println!("listening on http://{}", server.address());
    server.wait();
    eprintln!("stopped");
    Ok(Exit::Clean)
}

/// Sets the emulator's clock from the system's, as each request finds it.
fn set_clock(emulator: &mut Emulator) {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    emulator.clock = Clock::from_unix_seconds(seconds);
}

fn serve_one(shared: &Shared, mut request: tiny_http::Request) {
    let method = request.method().as_str().to_owned();
    let target = request.url().to_owned();
    let mut headers = Headers::new();
    for header in request.headers() {
        headers.append(header.field.as_str().as_str(), header.value.as_str());
    }
    let mut body = Vec::new();
    let limit = u64::try_from(Config::default().max_body_bytes).unwrap_or(u64::MAX);
    let response = if let Err(error) = request.as_reader().take(limit + 1).read_to_end(&mut body) {
        HttpResponse::new(400, format!("cannot read the body: {error}"))
    } else {
        let mut emulator = shared
            .emulator
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        set_clock(&mut emulator);
        let response = match (
            control(&mut emulator, &method, &target),
            Method::from_name(&method),
        ) {
            (Some(response), _) => response,
            (None, Some(method)) => {
                let served = emulator.handle(&HttpRequest {
                    method,
                    url: target.clone(),
                    headers,
                    body,
                });
                if served.delay_millis > 0 {
                    thread::sleep(Duration::from_millis(served.delay_millis));
                }
                served.into_http()
            }
            (None, None) => HttpResponse::new(
                405,
                "{\"errorCode\":405,\"errorMessage\":\"Method not allowed.\"}",
            ),
        };
        let saved = shared
            .state
            .as_deref()
            .filter(|_| method != "GET")
            .map(|path| save(path, &emulator.tables));
        if let Some(Err(error)) = saved {
            eprintln!("taf: {error}");
        }
        response
    };
    let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (name, value) in response.headers.iter() {
        if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
            reply = reply.with_header(header);
        }
    }
    if let Err(error) = request.respond(reply) {
        eprintln!("taf: cannot answer {method} {target}: {error}");
    }
}

/// The `/_emulator/` control endpoints.
fn control(emulator: &mut Emulator, method: &str, target: &str) -> Option<HttpResponse> {
    let path = target.split('?').next().unwrap_or_default();
    match (method, path) {
        ("GET", "/_emulator/health") => Some(HttpResponse::new(200, "{\"status\":\"ok\"}")),
        ("POST", "/_emulator/process") => Some(job_answer(emulator.process())),
        ("POST", "/_emulator/transmit") => Some(job_answer(emulator.transmit())),
        ("POST", "/_emulator/reset") => {
            emulator.tables = Tables::default();
            emulator.cutter = PageCutter::default();
            Some(HttpResponse::new(200, "{\"reset\":true}"))
        }
        _ => None,
    }
}

/// A job's report as JSON: `{"handled":N,"failed":M}`.
fn job_answer(report: JobReport) -> HttpResponse {
    let mut response = HttpResponse::new(200, serde_json::to_vec(&report).unwrap_or_default());
    response.headers.insert("Content-Type", "application/json");
    response
}

fn load(path: &Path) -> Result<Tables, CliError> {
    serde_json::from_slice(&files::read(path)?).map_err(|source| CliError::Json {
        path: path.to_owned(),
        what: "an emulator state",
        source,
    })
}

/// Writes the tables to a temporary file beside `path`, then renames it over `path`, so a crash
/// never leaves a torn file.
fn save(path: &Path, tables: &Tables) -> Result<(), CliError> {
    let text = serde_json::to_vec(tables).map_err(|error| CliError::Write {
        path: path.to_owned(),
        source: error.into(),
    })?;
    let temporary = path.with_extension("tmp");
    files::write(&temporary, &text)?;
    std::fs::rename(&temporary, path).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}

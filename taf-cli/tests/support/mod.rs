//! Helpers of the `taf` tests: running the binary, fixtures, and a `taf serve` child.

#![allow(dead_code, unreachable_pub)] // each test file uses its own part

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

/// The `taf` binary, without `TAF_PASSWORD` from the environment.
pub fn taf() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_taf"));
    command.env_remove("TAF_PASSWORD");
    command
}

/// Runs `taf` with `args`.
pub fn run(args: &[&str]) -> Output {
    taf().args(args).output().expect("taf runs")
}

/// The exit code, with the output on failure to make the assertion readable.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("taf exits with a code")
}

/// The standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the target's temporary folder.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// A lote fixture of this crate's tests.
pub fn lote(name: &str) -> String {
    path(&["taf-cli", "tests", "fixtures", name])
}

/// A sample event of the workspace.
pub fn event(name: &str) -> String {
    path(&["tests", "fixtures", "events", name])
}

fn path(parts: &[&str]) -> String {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.pop();
    path.extend(parts);
    path.to_string_lossy().into_owned()
}

/// A `taf serve` child on a free loopback port, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Starts `taf serve --addr 127.0.0.1:0` with `args` and reads the address it prints.
    pub fn start(args: &[&str]) -> Self {
        Self::spawn(taf(), args)
    }

    /// Starts `command` (a `taf` command) as `taf serve --addr 127.0.0.1:0 ARGS`.
    pub fn spawn(mut command: Command, args: &[&str]) -> Self {
        let mut child = command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("taf serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("taf serve prints its address");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Self { child, base }
    }

    /// The service URL.
    pub fn url(&self) -> String {
        format!("{}/rest/wstafst2", self.base)
    }

    /// POSTs to a control endpoint and returns the body.
    pub fn control(&self, path: &str) -> String {
        ureq::post(format!("{}{path}", self.base))
            .send_empty()
            .expect("the control endpoint answers")
            .body_mut()
            .read_to_string()
            .expect("a text body")
    }
}

impl Server {
    /// Kills the server with SIGKILL, as a crash would, and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every registry key listed under `ticket` on branch 0100, through all its pages of 25.
pub fn keys_of(agent: &ureq::Agent, url: &str, ticket: &str) -> Vec<String> {
    let mut pager = taf_core::Paginator::new(
        taf_core::GetQuery::by_ticket(ticket)
            .branch("0100")
            .lot_quantity(25),
    )
    .expect("a valid query");
    let mut keys = Vec::new();
    while let Some(query) = pager.next_query() {
        let body = agent
            .get(format!("{url}?{}", query.to_query_string()))
            .call()
            .expect("GET answers")
            .body_mut()
            .read_to_vec()
            .expect("a body");
        let Ok(taf_core::Reply::Body(page)) =
            taf_core::Reply::<taf_core::GetPage>::decode(200, &body)
        else {
            panic!("not a page: {}", String::from_utf8_lossy(&body));
        };
        pager.handle_page(page).expect("pages add up");
        while let Some(event) = pager.poll_event() {
            match event {
                taf_core::PageEvent::Item(taf_core::Item::Pending(item)) => {
                    keys.push(item.id.value().to_owned());
                }
                taf_core::PageEvent::Item(taf_core::Item::Processed(item)) => {
                    keys.push(item.id.value().to_owned());
                }
                _ => {}
            }
        }
    }
    keys
}

//! `taf status` and `taf watch` against a hostile server that keeps sending new records with
//! large keys: the commands end (deadline or cap) with a clear error, and their memory stays
//! bounded. The server reads the client's peak RSS (`VmHWM`) from /proc at every request, and
//! stops feeding it once it passes the bound, so a client that hoards pages fails instead of
//! exhausting the machine.

mod fake;
mod support;

use std::fs;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use fake::Fake;
use support::{code, stderr, stdout, taf};

/// Records per page the hostile server sends.
const PER_PAGE: u64 = 500;
/// Peak RSS a client may reach, in kB: a few pages' worth, not the whole ticket.
const BOUND_KB: u64 = 120 * 1024;

/// The client's peak resident memory (`VmHWM`) in kB, while it runs.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `startRecNo` of a GET.
fn start_rec_no(target: &str) -> u64 {
    target
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("startRecNo="))
        .and_then(|value| value.parse().ok())
        .unwrap_or(1)
}

/// A page of ticket T1 from `start`: `PER_PAGE` waiting records whose keys have `key_len`
/// characters; `last` says whether the ticket ends there, else a million more records wait.
fn page(start: u64, key_len: usize, last: bool) -> Vec<u8> {
    let end = start + PER_PAGE - 1;
    let items: Vec<String> = (start..=end)
        .map(|rec_no| {
            format!(r#"{{"success":true,"proccessed":false,"registryKey":"{rec_no:0>key_len$}"}}"#)
        })
        .collect();
    let max = if last { end } else { end + 1_000_000 };
    format!(
        r#"{{"type":"ticketCode","code":"T1","lastRecNo":{end},"maxRecNo":{max},"items":[{}]}}"#,
        items.join(",")
    )
    .into_bytes()
}

/// A server that never stops adding records of `key_len` characters, watching the memory of
/// the client whose pid is set in the returned cell; past [`BOUND_KB`] it ends the ticket.
fn endless(key_len: usize) -> (Fake, Arc<AtomicU32>, Arc<AtomicU64>) {
    let pid = Arc::new(AtomicU32::new(0));
    let peak = Arc::new(AtomicU64::new(0));
    let server = {
        let (pid, peak) = (Arc::clone(&pid), Arc::clone(&peak));
        Fake::start(move |seen, _| {
            let used = peak_kb(pid.load(Ordering::SeqCst)).unwrap_or(0);
            peak.fetch_max(used, Ordering::SeqCst);
            (
                200,
                page(start_rec_no(&seen.target), key_len, used > BOUND_KB),
            )
        })
    };
    (server, pid, peak)
}

/// Runs `taf ARGS --url URL` with its standard output discarded, telling the server its pid.
fn run_against(server: &Fake, pid: &AtomicU32, args: &[&str]) -> std::process::Output {
    let child = taf()
        .args(args)
        .args(["--url", &server.url])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("taf starts");
    pid.store(child.id(), Ordering::SeqCst);
    child.wait_with_output().expect("taf ends")
}

#[test]
fn status_streams_pages_and_stops_at_its_deadline() {
    // 500 records of 8 KB keys per page: 4 MB a page, without end.
    let (server, pid, peak) = endless(8 * 1024);
    let output = run_against(
        &server,
        &pid,
        &["status", "--ticket", "T1", "--deadline", "4"],
    );
    let pages = server.count("GET");
    let peak = peak.load(Ordering::SeqCst);
    eprintln!("taf status: {pages} pages of 4 MB, peak RSS {peak} kB");
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("stopped at the --deadline of 4 s"),
        "{}",
        stderr(&output)
    );
    assert!(pages >= 2, "only {pages} pages were asked for");
    assert!(
        peak > 0 && peak <= BOUND_KB,
        "peak RSS {peak} kB over {pages} pages"
    );
}

#[test]
fn status_json_stays_a_document_when_the_deadline_stops_it() {
    let (server, _, _) = endless(40);
    let output = taf()
        .args(["status", "--ticket", "T1", "--deadline", "1", "--json"])
        .args(["--lot-quantity", "500", "--url", &server.url])
        .output()
        .expect("taf runs");
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", stdout(&output)));
    let records = json["records"].as_array().map_or(0, Vec::len);
    let pages = json["pages"].as_u64().expect("pages");
    assert_eq!(
        u64::try_from(records).expect("fits"),
        pages * PER_PAGE,
        "every record of every page"
    );
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|error| error.contains("--deadline")),
        "{}",
        json["error"]
    );
}

#[test]
fn watch_refuses_keys_longer_than_tafkey_at_the_first_page() {
    let (server, pid, _) = endless(8 * 1024);
    let output = run_against(&server, &pid, &["watch", "--ticket", "T1"]);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("registryKey of 8,192 characters; TAFKEY holds 100"),
        "{}",
        stderr(&output)
    );
    assert_eq!(server.count("GET"), 1, "nothing after the first page");
}

#[test]
fn watch_keeps_at_most_max_keys_and_stops_at_its_deadline() {
    let (server, pid, peak) = endless(100);
    let capped = run_against(
        &server,
        &pid,
        &["watch", "--ticket", "T1", "--max-keys", "1000"],
    );
    assert_eq!(code(&capped), 4, "{}", stderr(&capped));
    assert!(
        stderr(&capped).contains("more than 1,000 records, more than taf watch follows"),
        "{}",
        stderr(&capped)
    );
    assert_eq!(
        server.count("GET"),
        3,
        "two pages fill the cap, the third breaks it"
    );

    // Keys that stay waiting: only the deadline can end the polling, however fast the machine
    // (endless pages could fill the default --max-keys first).
    let waiting = waiting_server();
    let timed = taf()
        .args(["watch", "--ticket", "T1", "--every", "1", "--deadline", "3"])
        .args(["--url", &waiting.url])
        .output()
        .expect("taf runs");
    assert_eq!(code(&timed), 4, "{}", stderr(&timed));
    assert!(
        stderr(&timed).contains("stopped at the --deadline of 3 s"),
        "{}",
        stderr(&timed)
    );
    let peak = peak.load(Ordering::SeqCst);
    assert!(peak > 0 && peak <= BOUND_KB, "peak RSS {peak} kB");
}

/// Two keys that stay waiting: every pass is one page, and polling never ends by itself.
fn waiting_server() -> Fake {
    Fake::start(|_, _| {
        let body = r#"{"type":"ticketCode","code":"T1","lastRecNo":2,"maxRecNo":2,"items":[
            {"success":true,"proccessed":false,"registryKey":"K1"},
            {"success":true,"proccessed":false,"registryKey":"K2"}]}"#;
        (200, body.as_bytes().to_vec())
    })
}

#[test]
fn watch_every_0_waits_the_minimum_interval_between_passes() {
    let server = waiting_server();
    let output = taf()
        .args([
            "watch",
            "--ticket",
            "T1",
            "--every",
            "0",
            "--give-up-after",
            "2",
        ])
        .args(["--json", "--url", &server.url])
        .output()
        .expect("taf runs");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--every 0 s is raised to the minimum of 1 s"),
        "{}",
        stderr(&output)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    // Passes at least 1 s apart within 2 s: at most 3, however fast the machine.
    let passes = json["passes"].as_u64().expect("passes");
    assert!((1..=3).contains(&passes), "{passes} passes");
    // The first listing, the passes and the final listing: nothing else.
    assert_eq!(
        u64::try_from(server.count("GET")).expect("fits"),
        passes + 2
    );
}

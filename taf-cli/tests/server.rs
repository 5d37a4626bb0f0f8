//! `taf serve` as a server: its `SQLite` file survives restarts and crashes, never acknowledges
//! what it did not commit, refuses files it did not make, checks credentials on every endpoint,
//! and stays available to other clients when some stall or send oversized requests.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use support::{Server, code, keys_of, run, stderr};
use taf_core::{GetQuery, LoteBuilder, Source, Wire};

const EVENT: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

/// An agent that returns every status as a response, with a bound on waiting for an answer.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_mins(1)))
        .build()
        .into()
}

/// A fresh directory under the test target's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("a scratch directory");
    directory
}

/// A `taf serve --state DIR/taf.db EXTRA...` on a fresh scratch directory, and the file.
fn served_on(name: &str, extra: &[&str]) -> (Server, PathBuf) {
    let state = scratch(name).join("taf.db");
    let mut args = vec!["--state", state.to_str().expect("UTF-8 path")];
    args.extend_from_slice(extra);
    (Server::start(&args), state)
}

/// The body of a lote of `keys` on branch 0100.
fn lote(ticket: &str, keys: &[String]) -> String {
    LoteBuilder::new(ticket, "0100")
        .build(keys.iter().map(|key| Source::new(EVENT).with_key(key)))
        .expect("a lote")
        .first()
        .expect("one lote")
        .encode()
}

/// POSTs `body`: the status and the body of the answer (`None` when there is no answer).
fn post(agent: &ureq::Agent, url: &str, body: &str, auth: Option<&str>) -> Option<(u16, String)> {
    let mut request = agent.post(url).header("Content-Type", "application/json");
    if let Some(auth) = auth {
        request = request.header("Authorization", auth);
    }
    let mut response = request.send(body).ok()?;
    let status = response.status().as_u16();
    Some((status, response.body_mut().read_to_string().ok()?))
}

/// How often each key occurs.
fn counts(keys: Vec<String>) -> HashMap<String, usize> {
    let mut found = HashMap::new();
    for key in keys {
        *found.entry(key).or_default() += 1;
    }
    found
}

/// Runs the `sqlite3` shell read-only on `database`; its output lines.
fn sqlite3(database: &Path, sql: &str) -> Vec<String> {
    let output = Command::new("sqlite3")
        .args(["-readonly", "-separator", "|"])
        .arg(database)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell runs (make test installs it: apt package sqlite3)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_restart_on_the_same_file_keeps_rows_results_records_and_numbering() {
    let directory = scratch("restart");
    let state = directory.join("taf.db");
    let state_arg = state.to_str().expect("UTF-8 path");
    let agent = agent();
    let keys: Vec<String> = (0..30).map(|n| format!("R-{n}")).collect();
    let before = {
        let server = Server::start(&["--state", state_arg]);
        let (status, _) =
            post(&agent, &server.url(), &lote("T-R", &keys), None).expect("an answer");
        assert_eq!(status, 200);
        assert_eq!(
            server.control("/_emulator/process"),
            r#"{"handled":30,"failed":0}"#
        );
        assert_eq!(
            server.control("/_emulator/transmit"),
            r#"{"handled":30,"failed":0}"#
        );
        let query = GetQuery::by_ticket("T-R").branch("0100");
        agent
            .get(format!("{}?{}", server.url(), query.to_query_string()))
            .call()
            .expect("GET answers")
            .body_mut()
            .read_to_string()
            .expect("a body")
    };
    let server = Server::start(&["--state", state_arg]);
    let query = GetQuery::by_ticket("T-R").branch("0100");
    let after = agent
        .get(format!("{}?{}", server.url(), query.to_query_string()))
        .call()
        .expect("GET answers")
        .body_mut()
        .read_to_string()
        .expect("a body");
    assert_eq!(after, before, "the same page, receipts included");
    assert!(after.contains("1.2.0000000000000000030"), "{after}");
    let (_, answer) = post(
        &agent,
        &server.url(),
        &lote("T-R2", &["R-next".to_owned()]),
        None,
    )
    .expect("an answer");
    assert!(answer.contains("\"success\" : true"), "{answer}");
    drop(server);
    assert_eq!(
        sqlite3(&state, "SELECT MAX(R_E_C_N_O_), COUNT(*) FROM TAFST2"),
        ["31|31"],
        "numbering goes on after a restart"
    );
}

#[test]
fn a_killed_server_loses_no_acknowledged_key_and_duplicates_none() {
    let directory = scratch("sigkill");
    let state = directory.join("taf.db");
    let state_arg = state.to_str().expect("UTF-8 path");
    let mut server = Server::start(&["--state", state_arg]);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stopped = Arc::new(AtomicBool::new(false));
    let poster = {
        let url = server.url();
        let acknowledged = Arc::clone(&acknowledged);
        let stopped = Arc::clone(&stopped);
        thread::spawn(move || {
            let agent = agent();
            for lote_number in 0.. {
                let keys: Vec<String> = (0..40)
                    .map(|item| format!("K-{lote_number}-{item}"))
                    .collect();
                match post(&agent, &url, &lote("T-KILL", &keys), None) {
                    Some((200, answer)) if !answer.contains("\"success\" : false") => {
                        acknowledged.lock().expect("not poisoned").extend(keys);
                    }
                    Some((status, answer)) => panic!("HTTP {status}: {answer}"),
                    None => break,
                }
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
            }
        })
    };
    while acknowledged.lock().expect("not poisoned").len() < 400 {
        thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    stopped.store(true, Ordering::Relaxed);
    poster
        .join()
        .expect("the poster stops at the first unanswered POST");
    let acknowledged = acknowledged.lock().expect("not poisoned").clone();

    let server = Server::start(&["--state", state_arg]);
    let found = counts(keys_of(&agent(), &server.url(), "T-KILL"));
    for key in &acknowledged {
        assert!(found.contains_key(key), "acknowledged {key} was lost");
    }
    let duplicated: Vec<_> = found.iter().filter(|(_, count)| **count > 1).collect();
    assert!(duplicated.is_empty(), "duplicated: {duplicated:?}");
    assert!(
        found.len() - acknowledged.len() < 40,
        "only the lote in flight may hold keys that were not acknowledged"
    );
}

#[test]
fn sixteen_clients_post_and_page_at_once_and_every_key_is_found_once() {
    let (server, state) = served_on("sixteen", &["--threads", "4"]);
    let clients: Vec<_> = (0..16)
        .map(|client| {
            let url = server.url();
            thread::spawn(move || {
                let agent = agent();
                let ticket = format!("LOAD16-{client}");
                let mut posted = Vec::new();
                for lote_number in 0..6 {
                    let keys: Vec<String> = (0..25)
                        .map(|item| format!("C{client}-L{lote_number}-I{item}"))
                        .collect();
                    let (status, answer) =
                        post(&agent, &url, &lote(&ticket, &keys), None).expect("an answer");
                    assert_eq!(status, 200, "{answer}");
                    assert!(!answer.contains("\"success\" : false"), "{answer}");
                    posted.extend(keys);
                    assert_eq!(keys_of(&agent, &url, &ticket).len(), posted.len());
                }
                (ticket, posted)
            })
        })
        .collect();
    let agent = agent();
    for client in clients {
        let (ticket, posted) = client.join().expect("the client succeeds");
        let found = counts(keys_of(&agent, &server.url(), &ticket));
        assert_eq!(found.len(), posted.len(), "{ticket}");
        for key in &posted {
            assert_eq!(found.get(key), Some(&1), "{key} of {ticket}");
        }
    }
    drop(server);
    assert_eq!(
        sqlite3(
            &state,
            "SELECT COUNT(*), COUNT(DISTINCT TAFKEY) FROM TAFST2"
        ),
        ["2400|2400"]
    );
}

#[test]
fn the_sqlite3_shell_reads_what_the_emulator_stored() {
    let (server, state) = served_on("shell", &[]);
    let agent = agent();
    let keys: Vec<String> = ["A'1", "B 2", "C-3"].map(str::to_owned).to_vec();
    let (status, _) =
        post(&agent, &server.url(), &lote("T-SHELL", &keys), None).expect("an answer");
    assert_eq!(status, 200);
    server.control("/_emulator/process");
    let listed = keys_of(&agent, &server.url(), "T-SHELL");
    drop(server);
    let rows = sqlite3(
        &state,
        "SELECT TAFKEY, TAFTICKET, TAFFIL, TAFCODMSG, TAFTPREG, TAFSTATUS FROM TAFST2 \
         ORDER BY R_E_C_N_O_",
    );
    let expected: Vec<String> = keys
        .iter()
        .map(|key| format!("{key}|T-SHELL|0100|2|S-1010|3"))
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(
        listed, keys,
        "GET lists what the table holds, in RECNO order"
    );
    let results = sqlite3(
        &state,
        "SELECT X.TAFKEY, X.TAFSTATUS, X.TAFALIAS, R.STATUS FROM TAFXERP X \
         JOIN TAFRECORDS R ON R.ALIAS = X.TAFALIAS AND R.R_E_C_N_O_ = X.TAFRECNO \
         ORDER BY X.R_E_C_N_O_",
    );
    assert_eq!(
        results,
        keys.iter()
            .map(|key| format!("{key}|1|C8R| "))
            .collect::<Vec<_>>()
    );
    let message = sqlite3(
        &state,
        "SELECT CAST(TAFMSG AS TEXT) FROM TAFST2 WHERE R_E_C_N_O_ = 1",
    );
    assert!(message.concat().contains("<evtTabRubrica") || message.concat().contains("<eSocial"));
    assert_eq!(
        sqlite3(
            &state,
            "PRAGMA application_id; PRAGMA user_version; PRAGMA journal_mode"
        ),
        ["1413563973", "1", "wal"]
    );
}

/// `taf serve --state PATH` exits 3 with `message` and leaves the file as it was.
fn refused_untouched(path: &Path, message: &str) {
    let before = std::fs::read(path).expect("the file exists");
    let refused = run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--state",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&refused), 3, "{}", stderr(&refused));
    assert!(stderr(&refused).contains(message), "{}", stderr(&refused));
    assert_eq!(std::fs::read(path).expect("still there"), before);
}

#[test]
fn files_that_are_not_emulator_databases_are_refused_and_left_untouched() {
    let directory = scratch("refuse");
    let notes = directory.join("notes.txt");
    std::fs::write(&notes, "not a database").expect("written");
    refused_untouched(&notes, "is not an SQLite database");

    let old = directory.join("old.json");
    let tables = r#"{"st2":[{"recno":7,"branch":"0100","message_type":"2","sequential":"001","registry_type":"S-1010","key":"OLD-1","message":[],"status":"pending","ticket":"T-OLD","date":"20260101","time":"10:00:00","priority":"5","queue":"","owner":"","predecessor":"","transfer_branch":"","complement":""}],"xerp":[],"records":[],"last_st2_recno":7,"last_xerp_recno":0,"last_record_recno":0}"#;
    std::fs::write(&old, tables).expect("written");
    refused_untouched(&old, "JSON format of earlier taf versions");

    let migrated = directory.join("new.db");
    let server = Server::start(&[
        "--state",
        migrated.to_str().unwrap(),
        "--import",
        old.to_str().unwrap(),
    ]);
    assert_eq!(keys_of(&agent(), &server.url(), "T-OLD"), ["OLD-1"]);
    let (_, answer) = post(
        &agent(),
        &server.url(),
        &lote("T-OLD", &["OLD-1".to_owned()]),
        None,
    )
    .expect("an answer");
    assert!(
        answer.contains("\"coderr\" : 813"),
        "still pending after the import: {answer}"
    );
    drop(server);
    assert_eq!(
        sqlite3(&migrated, "SELECT R_E_C_N_O_, TAFKEY FROM TAFST2"),
        ["7|OLD-1"]
    );
    let again = run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--state",
        migrated.to_str().unwrap(),
        "--import",
        old.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&again),
        3,
        "a second import into a full database is refused"
    );
    assert!(
        stderr(&again).contains("already holds rows"),
        "{}",
        stderr(&again)
    );

    let newer = directory.join("newer.db");
    let created = Command::new("sqlite3")
        .arg(&newer)
        .arg(
            "PRAGMA application_id = 1413563973; PRAGMA user_version = 9; CREATE TABLE TAFST2 (X);",
        )
        .status()
        .expect("sqlite3 runs");
    assert!(created.success());
    refused_untouched(&newer, "layout 9, newer");
}

#[test]
fn a_write_that_fails_is_a_500_and_stores_nothing_of_it() {
    let (server, state) = served_on("locked", &["--lock-timeout", "1"]);
    let agent = agent();
    let mut holder = Command::new("sqlite3")
        .arg(&state)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sqlite3 runs");
    let mut input = holder.stdin.take().expect("piped");
    input
        .write_all(b"BEGIN IMMEDIATE;\nSELECT 'locked';\n")
        .expect("written");
    let mut line = String::new();
    let mut answers = BufReader::new(holder.stdout.take().expect("piped"));
    answers.read_line(&mut line).expect("sqlite3 answers");
    assert_eq!(line.trim(), "locked");
    let keys = vec!["LOCKED-1".to_owned(), "LOCKED-2".to_owned()];
    let (status, answer) =
        post(&agent, &server.url(), &lote("T-LOCK", &keys), None).expect("an answer");
    assert_eq!(status, 500, "{answer}");
    assert!(answer.contains("Storage failure"), "{answer}");
    let control = agent
        .post(format!("{}/_emulator/reset", server.base))
        .send_empty()
        .expect("an answer");
    assert_eq!(
        control.status().as_u16(),
        500,
        "a reset that cannot write is no success"
    );
    // The lock ends; the shell stays open until the checks end.
    input
        .write_all(b"ROLLBACK;\nSELECT 'free';\n")
        .expect("written");
    line.clear();
    answers.read_line(&mut line).expect("sqlite3 answers");
    assert_eq!(line.trim(), "free");
    assert!(
        keys_of(&agent, &server.url(), "T-LOCK").is_empty(),
        "nothing of the failed lote"
    );
    let (status, answer) =
        post(&agent, &server.url(), &lote("T-LOCK", &keys), None).expect("an answer");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(keys_of(&agent, &server.url(), "T-LOCK"), keys);
    input.write_all(b".quit\n").expect("written");
    drop(input);
    holder.wait().expect("sqlite3 ends");
}

#[test]
fn every_endpoint_wants_the_credentials_before_the_body() {
    let server = Server::start(&["--user", "erp", "--password", "s3cret"]);
    let agent = agent();
    let keys = vec!["AUTH-1".to_owned()];
    let (status, _) = post(
        &agent,
        &server.url(),
        &lote("T-AUTH", &keys),
        Some("basic ZXJwOnMzY3JldA=="),
    )
    .expect("an answer");
    assert_eq!(status, 200, "the scheme is case-insensitive");
    for path in [
        "/_emulator/reset",
        "/_emulator/process",
        "/_emulator/transmit",
    ] {
        let response = agent
            .post(format!("{}{path}", server.base))
            .send_empty()
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 401, "{path}");
        assert_eq!(
            response
                .headers()
                .get("WWW-Authenticate")
                .and_then(|value| value.to_str().ok()),
            Some("Basic realm=\"WSTAFST2\"")
        );
    }
    let wrong = agent
        .post(format!("{}/_emulator/reset", server.base))
        .header("Authorization", "Basic ZXJwOnMzY3JldA")
        .send_empty()
        .expect("an answer");
    assert_eq!(
        wrong.status().as_u16(),
        401,
        "a prefix of the token is not the token"
    );
    let query = GetQuery::by_ticket("T-AUTH").branch("0100");
    let page = agent
        .get(format!("{}?{}", server.url(), query.to_query_string()))
        .header("Authorization", "BASIC ZXJwOnMzY3JldA==")
        .call()
        .expect("an answer")
        .body_mut()
        .read_to_string()
        .expect("a body");
    assert!(page.contains("AUTH-1"), "the reset was refused: {page}");

    // A client announcing a body without credentials gets its 401 without sending the body.
    let mut stream =
        TcpStream::connect(server.base.trim_start_matches("http://")).expect("connects");
    stream
        .write_all(b"POST /_emulator/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n")
        .expect("written");
    assert!(status_line(&mut stream).contains(" 401 "));
}

/// The status line of the answer on `stream`.
fn status_line(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    let mut head = [0_u8; 64];
    let read = stream.read(&mut head).unwrap_or(0);
    String::from_utf8_lossy(&head[..read])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn stalled_and_oversized_requests_do_not_hold_up_other_clients() {
    let server = Server::start(&["--threads", "2", "--read-timeout", "2"]);
    let address = server.base.trim_start_matches("http://").to_owned();
    let stalled: Vec<TcpStream> = (0..8)
        .map(|n| {
            let mut stream = TcpStream::connect(&address).expect("connects");
            let head: &[u8] = if n % 2 == 0 {
                b"POST /rest/wstafst2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"tick"
            } else {
                b"GET /rest/wstafst2?startRecNo=1 HTTP/1.1\r\nHost: x\r\nX-Slow: "
            };
            stream.write_all(head).expect("written");
            stream
        })
        .collect();
    let agent = agent();
    let keys = vec!["FREE-1".to_owned()];
    let (status, answer) =
        post(&agent, &server.url(), &lote("T-FREE", &keys), None).expect("an answer");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(keys_of(&agent, &server.url(), "T-FREE"), keys);

    let mut huge = TcpStream::connect(&address).expect("connects");
    let mut head = b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    head.extend(std::iter::repeat_n(b'a', 100_000));
    head.extend_from_slice(b"\r\n\r\n");
    huge.write_all(&head).expect("written");
    assert!(status_line(&mut huge).contains(" 431 "));

    let mut announced = TcpStream::connect(&address).expect("connects");
    announced
        .write_all(
            b"POST /rest/wstafst2 HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n",
        )
        .expect("written");
    assert!(
        status_line(&mut announced).contains(" 413 "),
        "refused before the body"
    );

    for mut stream in stalled {
        let line = status_line(&mut stream);
        assert!(
            line.is_empty() || line.contains(" 408 "),
            "a stalled connection is closed or told it timed out: {line:?}"
        );
    }
}

#[test]
fn clients_racing_with_the_same_keys_get_each_key_accepted_once() {
    let (server, state) = served_on("race", &["--threads", "4"]);
    let keys: Vec<String> = (0..30).map(|n| format!("SAME-{n}")).collect();
    let racers: Vec<_> = (0..8)
        .map(|racer| {
            let url = server.url();
            let body = lote(&format!("T-RACE-{racer}"), &keys);
            thread::spawn(move || {
                let (status, answer) = post(&agent(), &url, &body, None).expect("an answer");
                assert_eq!(status, 200, "{answer}");
                answer.matches("\"success\" : true").count()
            })
        })
        .collect();
    let accepted: usize = racers
        .into_iter()
        .map(|racer| racer.join().expect("the racer succeeds"))
        .sum();
    assert_eq!(accepted, keys.len(), "813 lets each pending key in once");
    drop(server);
    assert_eq!(
        sqlite3(
            &state,
            "SELECT COUNT(*), COUNT(DISTINCT TAFKEY) FROM TAFST2"
        ),
        ["30|30"]
    );
}

#[test]
fn the_servers_crashes_reach_http_with_the_file_store() {
    let (server, state) = served_on("crash", &[]);
    let agent = agent();
    let keys: Vec<String> = ["K1", "K2", "K3"].map(str::to_owned).to_vec();
    // An apostrophe in registryType breaks the SQL of the 813 check: the worker dies on K2.
    let clean = lote("T-CRASH", &keys);
    let at = clean.match_indices(r#""registryType":"S-1010""#).nth(1);
    let (at, _) = at.expect("a second item");
    let body = format!(
        "{}{}",
        &clean[..at],
        clean[at..].replacen("S-1010", "S-10'10", 1)
    );
    let answer = post(&agent, &server.url(), &body, None).expect("an answer");
    assert_eq!(answer, (200, String::new()), "an empty body, HTTP 200");
    assert_eq!(
        sqlite3(&state, "SELECT TAFKEY FROM TAFST2 ORDER BY R_E_C_N_O_"),
        ["K1"],
        "the item before the crash is committed, none after it"
    );
    // An apostrophe in a GET value breaks its SQL: an empty 500.
    let mut response = agent
        .get(format!(
            "{}?startRecNo=1&registryKey=K'1&sourceBranch=0100",
            server.url()
        ))
        .call()
        .expect("GET answers");
    assert_eq!(response.status().as_u16(), 500);
    assert_eq!(response.body_mut().read_to_string().expect("a body"), "");
    // DELETE trims spaces only: a TAB makes another ticket; spaces around it are trimmed.
    let delete = |ticket: &str| {
        agent
            .delete(format!("{}?sourceBranch=0100", server.url()))
            .force_send_body()
            .send(serde_json::json!({"deleteTicket": [{"ticketCode": ticket}]}).to_string())
            .expect("DELETE answers")
            .status()
            .as_u16()
    };
    assert_eq!(delete("T-CRASH\t"), 200);
    assert_eq!(keys_of(&agent, &server.url(), "T-CRASH"), ["K1"]);
    assert_eq!(delete(" T-CRASH "), 200);
    assert!(keys_of(&agent, &server.url(), "T-CRASH").is_empty());
}

/// Every worker's connection keeps the server's lock on the database file. Opening and closing
/// another handle to the file after the first connection (as checking each connection's file
/// header did) drops every POSIX lock the process holds on it; another program could then
/// take the file over and truncate the WAL under the server's readers (seen as
/// `SQLITE_IOERR_SHORT_READ` after a write had waited for a lock).
#[cfg(target_os = "linux")]
#[test]
fn the_server_keeps_its_lock_on_the_database_file() {
    use std::os::unix::fs::MetadataExt;
    let (server, state) = served_on("lock-kept", &["--threads", "3"]);
    assert!(keys_of(&agent(), &server.url(), "T-NONE").is_empty());
    let inode = std::fs::metadata(&state).expect("the database").ino();
    let locks = std::fs::read_to_string("/proc/locks").expect("/proc/locks");
    let held = locks.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.get(1) == Some(&"POSIX")
            && fields.get(4) == Some(&server.pid().to_string().as_str())
            && fields
                .get(5)
                .and_then(|device_inode| device_inode.rsplit(':').next())
                == Some(inode.to_string().as_str())
    });
    assert!(
        held,
        "no lock of the server on {}:\n{locks}",
        state.display()
    );
}

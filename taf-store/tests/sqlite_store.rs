//! The `SQLite` store against the in-memory one: the same requests get the same bytes; a file
//! keeps everything across a reopen; files that are not emulator databases are refused and
//! left as they were.

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::emulator::{Config, Emulator};
use taf_core::preflight::ServerRules;
use taf_core::server::{Rejection, Scenario, Store};
use taf_core::{BranchMap, DeleteRequest, Endpoint, GetQuery, HttpRequest, LoteItem, PostRequest};
use taf_store::{Durability, OpenError, SqliteStore};

const S1010: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");
const S2220: &[u8] = include_bytes!("../../tests/fixtures/events/s2220.xml");
const T005: &[u8] = include_bytes!("../../tests/fixtures/events/t005.txt");

fn config() -> Config {
    let mut config = Config::new(ServerRules::new(BranchMap::default().with("G1", "B1")));
    config.scenario = Scenario::rejecting(vec![Rejection::new("K3", "123", "Rejeitado")]);
    config
}

fn endpoint() -> Endpoint {
    Endpoint::new("http://taf.example").unwrap()
}

fn lote(ticket: &str, items: &[(&str, &str, &[u8])]) -> HttpRequest {
    endpoint().post(&PostRequest {
        ticket_code: ticket.to_owned(),
        lote: items
            .iter()
            .map(|(kind, key, message)| {
                let message_type = if kind.starts_with('T') { "1" } else { "2" };
                LoteItem::new(
                    "B1",
                    message_type,
                    "001",
                    *kind,
                    *key,
                    STANDARD.encode(message),
                )
            })
            .collect(),
    })
}

fn get(query: GetQuery) -> HttpRequest {
    endpoint().get(&query.branch("B1"))
}

/// A script that goes through every store operation, with a job step where `None` stands.
fn script() -> Vec<Option<HttpRequest>> {
    let by_key = |key: &str, mode: Option<i64>| {
        let mut query = GetQuery::by_key(key);
        query.search_mode = mode;
        Some(get(query))
    };
    vec![
        Some(lote(
            "T1",
            &[
                ("S-1010", "K1", S1010),
                ("S-1010", "K1 ", S1010),
                ("S-2220", "K2", S1010),
            ],
        )),
        Some(lote("T2", &[("S-2220", "K3", S2220), ("T005", "K4", T005)])),
        Some(get(GetQuery::by_ticket("T1"))),
        None,
        Some(lote("T3", &[("S-1010", "K1", S1010)])),
        None,
        Some(get(GetQuery::by_ticket("T1"))),
        by_key("K1", None),
        by_key("K1", Some(1)),
        by_key("K1", Some(2)),
        Some(get(GetQuery::by_ticket("T2"))),
        Some(endpoint().delete(&DeleteRequest::new(["T3"]), Some("B1"))),
        by_key("K1", Some(2)),
        Some(get(GetQuery::by_ticket("T3"))),
        // Fidelity: a quote in a key goes out raw; an apostrophe in a registry type crashes
        // the worker after the items before it (an empty body); one in a GET value breaks the
        // SQL (an empty 500); DELETE trims spaces only and compares as a CHAR column.
        Some(lote(
            "T4 ",
            &[
                ("S-1010", "K\"5", S1010),
                ("S-10'10", "K6", S1010),
                ("S-1010", "K7", S1010),
            ],
        )),
        Some(get(GetQuery::by_ticket("T4"))),
        by_key("K'5", None),
        Some(endpoint().delete(&DeleteRequest::new(["T4\t"]), Some("B1"))),
        Some(get(GetQuery::by_ticket("T4"))),
        Some(endpoint().delete(&DeleteRequest::new([" T4 "]), Some("B1"))),
        Some(get(GetQuery::by_ticket("T4"))),
    ]
}

/// Every answer of the script, and the job reports, as text.
fn run<S: Store>(emulator: &mut Emulator<S>) -> Vec<String> {
    script()
        .into_iter()
        .map(|step| {
            if let Some(request) = step {
                let response = emulator.handle(&request);
                format!(
                    "{} {}",
                    response.status,
                    String::from_utf8_lossy(&response.body)
                )
            } else {
                let job = emulator.run_job().map_err(|error| error.to_string());
                let sent = emulator
                    .run_transmission()
                    .map_err(|error| error.to_string());
                format!("{job:?} {sent:?}")
            }
        })
        .collect()
}

#[test]
fn sqlite_answers_what_memory_answers() {
    let expected = run(&mut Emulator::new(config()));
    let store = SqliteStore::open_memory("differential").unwrap();
    let actual = run(&mut Emulator::with_store(config(), store));
    for (step, (expected, actual)) in expected.iter().zip(&actual).enumerate() {
        assert_eq!(expected, actual, "step {step}");
    }
    assert_eq!(expected.len(), actual.len());
    assert!(
        expected[3].contains("handled: 4, failed: 1"),
        "{}",
        expected[3]
    );
    assert_eq!(
        expected[14], "200 ",
        "the crashed POST answers an empty body"
    );
    assert!(
        expected[15].contains(r#""registryKey" : "K"5""#),
        "{}",
        expected[15]
    );
    assert!(!expected[15].contains("K7"), "{}", expected[15]);
    assert_eq!(expected[16], "500 ", "an apostrophe breaks the GET's SQL");
    assert_eq!(
        expected[18], expected[15],
        "a ticket with a TAB is another ticket"
    );
    assert!(!expected[20].contains("K\"5"), "{}", expected[20]);
}

#[test]
fn a_reopened_file_keeps_every_table_and_counter() {
    let directory = tempdir("reopen");
    let path = directory.join("state.db");
    let before = {
        let mut emulator = Emulator::with_store(
            config(),
            SqliteStore::open(&path, Durability::Process).unwrap(),
        );
        run(&mut emulator)
    };
    let store = SqliteStore::open(&path, Durability::Disk).unwrap();
    let mut emulator = Emulator::with_store(config(), store);
    let mut memory = Emulator::new(config());
    assert_eq!(run(&mut memory), before);
    for query in [GetQuery::by_key("K1"), GetQuery::by_ticket("T2")] {
        let request = get(query);
        assert_eq!(emulator.handle(&request), memory.handle(&request));
    }
    let next = emulator.handle(&lote("T9", &[("S-1010", "K9", S1010)]));
    assert_eq!(next.status, 200);
    let recnos: Vec<i64> = emulator
        .tables
        .connection()
        .prepare("SELECT R_E_C_N_O_ FROM TAFST2 ORDER BY 1")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        recnos,
        [1, 2, 3, 4, 7],
        "numbering goes on after the deleted rows 5 (T3) and 6 (T4)"
    );
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let directory = std::env::temp_dir().join(format!("taf-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn refused(path: &Path) -> OpenError {
    let before = std::fs::read(path).unwrap();
    let error = SqliteStore::open(path, Durability::Process).unwrap_err();
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} was changed",
        path.display()
    );
    error
}

#[test]
fn files_that_are_not_emulator_databases_are_refused_untouched() {
    let directory = tempdir("refuse");
    let json = directory.join("state.json");
    std::fs::write(
        &json,
        serde_json::to_vec(&Emulator::new(config()).tables).unwrap(),
    )
    .unwrap();
    assert!(matches!(refused(&json), OpenError::JsonState { .. }));
    let text = directory.join("notes.txt");
    std::fs::write(&text, "my notes").unwrap();
    assert!(matches!(refused(&text), OpenError::NotSqlite { .. }));

    let foreign = directory.join("other.db");
    let other = rusqlite::Connection::open(&foreign).unwrap();
    other
        .execute_batch("CREATE TABLE T (X); INSERT INTO T VALUES (1);")
        .unwrap();
    drop(other);
    assert!(matches!(
        refused(&foreign),
        OpenError::Foreign { application_id: 0 }
    ));

    let newer = directory.join("newer.db");
    drop(SqliteStore::open(&newer, Durability::Process).unwrap());
    let connection = rusqlite::Connection::open(&newer).unwrap();
    connection.pragma_update(None, "user_version", 2).unwrap();
    connection
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    drop(connection);
    let error = refused(&newer);
    assert!(
        matches!(
            error,
            OpenError::Newer {
                found: 2,
                supported: 1
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("newer"));
}

#[test]
fn every_lookup_goes_through_an_index() {
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    let mut connection = rusqlite::Connection::open_in_memory().unwrap();
    let statements = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&statements);
    connection
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(statement, _) = event
                    && let Some(sql) = statement.expanded_sql()
                {
                    sink.lock().unwrap().push(sql);
                }
            }),
        )
        .unwrap();
    let mut emulator = Emulator::with_store(config(), SqliteStore::over(connection).unwrap());
    run(&mut emulator);
    let mut run_statements: Vec<String> = statements.lock().unwrap().clone();
    run_statements.sort();
    run_statements.dedup();
    let searched: Vec<&String> = run_statements
        .iter()
        .filter(|sql| {
            sql.contains(" WHERE ")
                && ["SELECT", "UPDATE", "DELETE", "INSERT"]
                    .iter()
                    .any(|verb| sql.starts_with(verb))
        })
        .collect();
    assert!(searched.len() > 20, "{searched:#?}");
    for sql in searched {
        let connection = emulator.tables.connection();
        let mut plan = connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let details: Vec<String> = plan
            .query_map([], |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Only the partial indexes of pending rows and of records awaiting transmission are
        // walked whole: they hold just the rows the job is about to take.
        for detail in &details {
            assert!(
                !detail.starts_with("SCAN")
                    || ["TAFST2_PENDING", "TAFRECORDS_WAITING"]
                        .iter()
                        .any(|partial| detail.contains(partial)),
                "{sql}\nscans a whole table or index: {details:?}"
            );
        }
    }
}

//! POST cost through the emulator, in process, over the `SQLite` file store and the in-memory
//! store: a 500-item lote into tables of 0, 100,000 and 1,000,000 rows (the time must not grow
//! with the tables), and lotes of 2,000 to 50,000 items into empty tables (the time must grow
//! linearly with the items).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use taf_core::emulator::{Config, Emulator};
use taf_core::preflight::ServerRules;
use taf_core::server::{St2Row, St2Status, Store};
use taf_core::{BranchMap, Endpoint, HttpRequest, LoteItem, PostRequest};
use taf_store::{Durability, SqliteStore};

const EVENT: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

/// Numbers keys and files across the whole run, so every posted key is new.
static SERIAL: AtomicU64 = AtomicU64::new(0);

fn config() -> Config {
    Config::new(ServerRules::new(BranchMap::sample()))
}

/// A POST of `items` new keys.
fn lote(items: usize) -> HttpRequest {
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    let message = STANDARD.encode(EVENT);
    let request = PostRequest {
        ticket_code: format!("BENCH-{serial}"),
        lote: (0..items)
            .map(|item| {
                LoteItem::new(
                    "0100",
                    "2",
                    "001",
                    "S-1010",
                    format!("B{serial}-{item}"),
                    message.clone(),
                )
            })
            .collect(),
    };
    Endpoint::new("http://taf.example")
        .unwrap_or_else(|_| unreachable!())
        .post(&request)
}

/// An emulator over a database file that is removed when it is dropped.
struct FileEmulator {
    emulator: Option<Emulator<SqliteStore>>,
    path: PathBuf,
}

impl Drop for FileEmulator {
    fn drop(&mut self) {
        self.emulator = None;
        remove(&self.path);
    }
}

fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// A database file holding `rows` processed TAFST2 rows over 1,000 tickets (written by SQL,
/// not through the emulator).
fn sqlite_with(rows: i64) -> FileEmulator {
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("taf-bench-{}-{serial}.db", std::process::id()));
    remove(&path);
    let store = SqliteStore::open(&path, Durability::Process).unwrap_or_else(|_| unreachable!());
    let message = String::from_utf8_lossy(EVENT).replace('\'', "''");
    let filled = store.connection().execute_batch(&format!(
        "BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
         INSERT INTO TAFST2 SELECT i, '0100', '2', '001', 'S-1010', 'FILL-' || i,
             CAST('{message}' AS BLOB), '3', 'FILL-T' || (i % 1000), '20260101', '10:00:00', '5',
             '', '', '', '', '' FROM n WHERE {rows} > 0;
         INSERT INTO TICKETS SELECT TAFTICKET, SUM(length(TAFMSG)) FROM TAFST2 GROUP BY TAFTICKET;
         UPDATE SEQUENCES SET LAST = {rows} WHERE NAME = 'TAFST2';
         COMMIT;"
    ));
    filled.unwrap_or_else(|error| panic!("fill: {error}"));
    FileEmulator {
        emulator: Some(Emulator::with_store(config(), store)),
        path,
    }
}

/// In-memory tables holding `rows` processed TAFST2 rows over 1,000 tickets.
fn memory_with(rows: i64) -> Emulator {
    let mut emulator = Emulator::new(config());
    for recno in 1..=rows {
        emulator.tables.push_st2(St2Row {
            recno,
            branch: "0100".into(),
            message_type: "2".into(),
            sequential: "001".into(),
            registry_type: "S-1010".into(),
            key: format!("FILL-{recno}"),
            message: EVENT.to_vec(),
            status: St2Status::Processed,
            ticket: format!("FILL-T{}", recno % 1000),
            date: "20260101".into(),
            time: "10:00:00".into(),
            priority: "5".into(),
            queue: String::new(),
            owner: String::new(),
            predecessor: String::new(),
            transfer_branch: String::new(),
            complement: String::new(),
        });
    }
    emulator
}

/// POSTs `request` and checks every item was accepted.
fn post<S: Store>(emulator: &mut Emulator<S>, request: &HttpRequest, items: usize) {
    let response = emulator.handle(request);
    assert_eq!(response.status, 200);
    let accepted = String::from_utf8_lossy(&response.body)
        .matches("\"success\" : true")
        .count();
    assert_eq!(accepted, items, "every item accepted");
}

fn by_table_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("post 500 items by table size");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(500));
    for rows in [0_i64, 100_000, 1_000_000] {
        let mut sqlite = sqlite_with(rows);
        if let Some(emulator) = sqlite.emulator.as_mut() {
            group.bench_function(BenchmarkId::new("sqlite file", rows), |b| {
                b.iter_batched(
                    || lote(500),
                    |request| post(emulator, &request, 500),
                    BatchSize::PerIteration,
                );
            });
        }
        drop(sqlite);
        let mut memory = memory_with(rows);
        group.bench_function(BenchmarkId::new("memory", rows), |b| {
            b.iter_batched(
                || lote(500),
                |request| post(&mut memory, &request, 500),
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

fn by_lote_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("post by lote size");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for items in [2_000_usize, 10_000, 50_000] {
        group.throughput(Throughput::Elements(items as u64));
        group.bench_function(BenchmarkId::new("sqlite file", items), |b| {
            b.iter_batched(
                || (sqlite_with(0), lote(items)),
                |(mut file, request)| {
                    if let Some(emulator) = file.emulator.as_mut() {
                        post(emulator, &request, items);
                    }
                    file
                },
                BatchSize::PerIteration,
            );
        });
        group.bench_function(BenchmarkId::new("memory", items), |b| {
            b.iter_batched(
                || (Emulator::new(config()), lote(items)),
                |(mut emulator, request)| {
                    post(&mut emulator, &request, items);
                    emulator
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, by_table_size, by_lote_size);
criterion_main!(benches);

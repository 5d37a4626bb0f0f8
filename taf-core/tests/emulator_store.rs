//! The emulator over its storage trait: a store that fails is never acknowledged, and the
//! in-memory indexes follow the rows through POST, the job, DELETE and a snapshot.

use std::cell::Cell;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::emulator::{Config, Emulator, Tables};
use taf_core::preflight::ServerRules;
use taf_core::server::{JobResult, Selection, St2Row, Store, TafRecord, XerpRow};
use taf_core::{BranchMap, DeleteRequest, Endpoint, LoteItem, PostRequest};

const S1010: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

fn config() -> Config {
    Config::new(ServerRules::new(BranchMap::default().with("G1", "B1")))
}

fn lote(ticket: &str, keys: &[&str]) -> PostRequest {
    PostRequest {
        ticket_code: ticket.to_owned(),
        lote: keys
            .iter()
            .map(|key| LoteItem::new("B1", "2", "001", "S-1010", *key, STANDARD.encode(S1010)))
            .collect(),
    }
}

fn endpoint() -> Endpoint {
    Endpoint::new("http://taf.example").unwrap()
}

fn post<S: Store>(emulator: &mut Emulator<S>, request: &PostRequest) -> (u16, String) {
    let response = emulator.handle(&endpoint().post(request));
    (response.status, String::from_utf8(response.body).unwrap())
}

/// A disk that fills up: in-memory tables whose inserts fail after `room` rows.
struct FullDisk {
    tables: Tables,
    room: Cell<usize>,
}

#[derive(Debug, thiserror::Error)]
#[error("disk full")]
struct DiskFull;

fn never<T>(result: Result<T, std::convert::Infallible>) -> T {
    result.unwrap_or_else(|never| match never {})
}

impl Store for FullDisk {
    type Error = DiskFull;
    fn begin(&self) -> Result<(), DiskFull> {
        Ok(())
    }
    fn commit(&self) -> Result<(), DiskFull> {
        Ok(())
    }
    fn rollback(&self) {}
    fn is_pending(&self, branch: &str, kind: &str, key: &str) -> Result<bool, DiskFull> {
        Ok(never(self.tables.is_pending(branch, kind, key)))
    }
    fn ticket_message_bytes(&self, ticket: &str) -> Result<usize, DiskFull> {
        Ok(never(self.tables.ticket_message_bytes(ticket)))
    }
    fn insert_st2(&mut self, row: St2Row) -> Result<i64, DiskFull> {
        let room = self.room.get().checked_sub(1).ok_or(DiskFull)?;
        self.room.set(room);
        Ok(never(self.tables.insert_st2(row)))
    }
    fn max_rec_no(&self, selection: &Selection, start: i64, only: bool) -> Result<i64, DiskFull> {
        Ok(never(self.tables.max_rec_no(selection, start, only)))
    }
    fn st2_rows(&self, s: &Selection, from: i64, limit: usize) -> Result<Vec<St2Row>, DiskFull> {
        Ok(never(self.tables.st2_rows(s, from, limit)))
    }
    fn xerp_rows(&self, key: &str, ticket: Option<&str>) -> Result<Vec<XerpRow>, DiskFull> {
        Ok(never(self.tables.xerp_rows(key, ticket)))
    }
    fn record(&self, alias: &str, recno: i64) -> Result<Option<TafRecord>, DiskFull> {
        Ok(never(self.tables.record(alias, recno)))
    }
    fn delete_ticket(&mut self, _: &str) -> Result<usize, DiskFull> {
        Err(DiskFull)
    }
    fn first_pending(&self) -> Result<Option<St2Row>, DiskFull> {
        Ok(never(self.tables.first_pending()))
    }
    fn integrated_cleanly(&self, key: &str) -> Result<bool, DiskFull> {
        Ok(never(self.tables.integrated_cleanly(key)))
    }
    fn has_receipt(&self, receipt: &str) -> Result<bool, DiskFull> {
        Ok(never(self.tables.has_receipt(receipt)))
    }
    fn complete(&mut self, _: i64, _: JobResult) -> Result<(), DiskFull> {
        Err(DiskFull)
    }
    fn next_untransmitted(
        &self,
        after: Option<(i64, &str)>,
    ) -> Result<Option<TafRecord>, DiskFull> {
        Ok(never(self.tables.next_untransmitted(after)))
    }
    fn key_of_record(&self, alias: &str, recno: i64) -> Result<Option<String>, DiskFull> {
        Ok(never(self.tables.key_of_record(alias, recno)))
    }
    fn receipts_issued(&self) -> Result<usize, DiskFull> {
        Ok(never(self.tables.receipts_issued()))
    }
    fn update_record(&mut self, record: &TafRecord) -> Result<(), DiskFull> {
        never(self.tables.update_record(record));
        Ok(())
    }
    fn clear(&mut self) -> Result<(), DiskFull> {
        never(self.tables.clear());
        Ok(())
    }
}

#[test]
fn a_failed_write_is_a_500_and_the_items_before_it_stay() {
    let store = FullDisk {
        tables: Tables::default(),
        room: Cell::new(2),
    };
    let mut emulator = Emulator::with_store(config(), store);
    let (status, body) = post(&mut emulator, &lote("T1", &["K1", "K2", "K3", "K4"]));
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("Storage failure: disk full"), "{body}");
    let keys: Vec<&str> = emulator
        .tables
        .tables
        .st2()
        .map(|row| row.key.as_str())
        .collect();
    assert_eq!(keys, ["K1", "K2"]);
    let delete = endpoint().delete(&DeleteRequest::new(["T1"]), Some("B1"));
    assert_eq!(emulator.handle(&delete).status, 500);
    assert_eq!(
        emulator
            .run_job()
            .map_err(|error| error.to_string())
            .unwrap_err(),
        "disk full"
    );
}

#[test]
fn the_pending_index_follows_post_job_delete_and_snapshots() {
    let mut emulator = Emulator::new(config());
    let accepted = r#""success" : true"#;
    let pending = r#""coderr" : 813"#;
    let (_, body) = post(&mut emulator, &lote("T1", &["K1", "K1 "]));
    assert!(body.contains(pending), "{body}");
    let restored: Tables =
        serde_json::from_str(&serde_json::to_string(&emulator.tables).unwrap()).unwrap();
    assert_eq!(restored, emulator.tables);
    emulator.tables = restored;
    assert!(
        post(&mut emulator, &lote("T2", &["K1"]))
            .1
            .contains(pending)
    );
    assert_eq!(emulator.process().handled, 1);
    assert!(
        post(&mut emulator, &lote("T2", &["K1"]))
            .1
            .contains(accepted)
    );
    assert_eq!(
        never(emulator.tables.ticket_message_bytes("T2")),
        emulator.tables.st2().last().unwrap().message.len()
    );
    let delete = endpoint().delete(&DeleteRequest::new(["T2"]), Some("B1"));
    assert_eq!(emulator.handle(&delete).status, 200);
    assert_eq!(never(emulator.tables.ticket_message_bytes("T2")), 0);
    assert!(!never(emulator.tables.is_pending("B1", "S-1010", "K1")));
    assert_eq!(emulator.tables.st2().len(), 1);
    assert_eq!(emulator.tables.xerp().len(), 1);
    assert_eq!(emulator.transmit().handled, 1);
    let record = emulator.tables.records().next().unwrap();
    assert!(never(emulator.tables.has_receipt(&record.receipt)));
    assert_eq!(
        emulator.transmit().handled,
        0,
        "a record is transmitted once"
    );
}

//! POST against the emulator: the stored rows of the spec's POST cases, the full cycle through
//! the job and the government step, and a property: the emulator answers exactly what the
//! preflight predicts.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use taf_core::catalog::LoteField;
use taf_core::emulator::{Config, Emulator, St2Status};
use taf_core::http::Endpoint;
use taf_core::preflight::{PendingKeys, Preflight, ServerRules};
use taf_core::{BranchMap, DeleteRequest, GetPage, GetQuery, Item, LoteItem, PostRequest, Wire};

const S1010: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

fn rules() -> ServerRules {
    ServerRules {
        branches: BranchMap::default().with("G1", "B1").with("G2", "B2"),
        ..ServerRules::default()
    }
}

fn emulator() -> Emulator {
    Emulator::new(Config {
        rules: rules(),
        ..Config::default()
    })
}

fn endpoint() -> Endpoint {
    Endpoint::new("http://taf.example:8080").unwrap()
}

fn post(emulator: &mut Emulator, request: &PostRequest) -> (u16, String) {
    let response = emulator.handle(&endpoint().post(request));
    (response.status, String::from_utf8(response.body).unwrap())
}

fn item(key: &str) -> LoteItem {
    LoteItem::new("B1", "2", "001", "S-1010", key, STANDARD.encode(S1010))
}

fn lote(ticket: &str, items: Vec<LoteItem>) -> PostRequest {
    PostRequest {
        ticket_code: ticket.to_owned(),
        lote: items,
    }
}

fn page(emulator: &mut Emulator, ticket: &str) -> GetPage {
    let query = GetQuery {
        source_branch: Some("B1".to_owned()),
        ..GetQuery::by_ticket(ticket)
    };
    let response = emulator.handle(&endpoint().get(&query));
    assert_eq!(response.status, 200);
    GetPage::decode(&response.body).unwrap()
}

#[test]
fn p06_stores_a_pending_row_with_the_defaults() {
    let mut emulator = emulator();
    emulator.clock.date = "20261123".to_owned();
    let (status, body) = post(&mut emulator, &lote("T1", vec![item("K1")]));
    assert_eq!(status, 200);
    assert_eq!(
        body,
        r#"{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : true}], "keyAmount" : 1 }"#
    );
    let row = &emulator.tables.st2[0];
    assert_eq!(row.status, St2Status::Pending);
    assert_eq!(
        (
            row.ticket.as_str(),
            row.priority.as_str(),
            row.queue.as_str()
        ),
        ("T1", "5", "")
    );
    assert_eq!(
        (row.date.as_str(), row.message.as_slice()),
        ("20261123", S1010)
    );
}

#[test]
fn p14_p22_transforms_and_truncation() {
    let mut emulator = emulator();
    let declared = STANDARD
        .encode("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<eSocial>\r\n<x/></eSocial>");
    let items = vec![
        item("K1").with(LoteField::IntegrationQueue, "1"),
        item("K2").with(LoteField::IntegrationQueue, "F"),
        item("K3").with(LoteField::IntegrationMessage, declared),
        item(&"K".repeat(120)),
    ];
    post(&mut emulator, &lote(&"T".repeat(40), items));
    let rows = &emulator.tables.st2;
    assert_eq!((rows[0].queue.as_str(), rows[1].queue.as_str()), ("F", ""));
    assert_eq!(rows[2].message, b"<eSocial><x/></eSocial>");
    assert_eq!((rows[3].key.len(), rows[3].ticket.len()), (100, 36));
}

#[test]
fn p15_813_lasts_while_the_first_part_is_pending() {
    let mut emulator = emulator();
    post(&mut emulator, &lote("T1", vec![item("K1")]));
    let (_, body) = post(&mut emulator, &lote("T2", vec![item("K1")]));
    assert!(body.contains(r#""coderr" : 813"#), "{body}");
    emulator.process();
    let (_, body) = post(&mut emulator, &lote("T3", vec![item("K1")]));
    assert!(body.contains(r#""success" : true"#), "{body}");
}

#[test]
fn full_cycle_post_process_transmit_delete() {
    let mut emulator = emulator();
    let wrong_root = item("K2").with(LoteField::RegistryType, "S-2220");
    post(&mut emulator, &lote("T1", vec![item("K1"), wrong_root]));
    let waiting = page(&mut emulator, "T1");
    assert!(
        waiting
            .items
            .iter()
            .all(|item| matches!(item, Item::Pending(p) if p.is_waiting()))
    );
    let report = emulator.process();
    assert_eq!((report.handled, report.failed), (2, 1));
    let integrated = page(&mut emulator, "T1");
    let Item::Processed(k1) = &integrated.items[0] else {
        panic!("{:?}", integrated.items[0])
    };
    assert_eq!(
        (k1.status_code.as_str(), k1.receipt_number.as_str()),
        (" ", "")
    );
    let Item::Pending(k2) = &integrated.items[1] else {
        panic!("{:?}", integrated.items[1])
    };
    assert_eq!(k2.error_code, "000001");
    assert_eq!(emulator.transmit().handled, 1);
    let transmitted = page(&mut emulator, "T1");
    let Item::Processed(k1) = &transmitted.items[0] else {
        panic!()
    };
    assert_eq!(k1.status_code, "4");
    assert_eq!(k1.receipt_number, "1.2.0000000000000000001");
    let delete = DeleteRequest {
        tickets: vec!["T1".to_owned()],
    };
    let response = emulator.handle(&endpoint().delete(&delete, Some("B1")));
    assert_eq!(response.status, 200);
    let gone = page(&mut emulator, "T1");
    assert!(matches!(gone.items.as_slice(), [Item::NotFound(_)]));
    assert!(emulator.tables.records.is_empty());
}

#[test]
fn predecessors_must_integrate_first() {
    let mut emulator = emulator();
    let dependent = item("K2").with(LoteField::RegistryPredecessor, "K9");
    post(&mut emulator, &lote("T1", vec![dependent]));
    emulator.process();
    let query = GetQuery {
        source_branch: Some("B1".to_owned()),
        search_mode: Some(1),
        ..GetQuery::by_key("K2")
    };
    let page = GetPage::decode(&emulator.handle(&endpoint().get(&query)).body).unwrap();
    let Item::Pending(k2) = &page.items[0] else {
        panic!()
    };
    assert_eq!(k2.error_code, "000030");
}

fn arb_item() -> impl Strategy<Value = LoteItem> {
    let pick = |values: &'static [&'static str]| proptest::sample::select(values);
    (
        pick(&["B1", "B2", "BX", "", " B1", "B1,2", "B\"1", "sourceBranch"]),
        pick(&["1", "2", "3", "12", ""]),
        pick(&["001", "", "002"]),
        pick(&["S-1010", "S-9999", "T005", "T999", "S-2220"]),
        pick(&["K1", "K2", "K3"]),
        proptest::option::of(pick(&["0", "5", "9", ""])),
        proptest::option::of(pick(&["1", "F", ""])),
        any::<bool>(),
    )
        .prop_map(
            |(branch, kind, seq, registry, key, priority, queue, message)| {
                let mut item =
                    LoteItem::new(branch, kind, seq, registry, key, STANDARD.encode(S1010));
                item.set(LoteField::RegistryPriority, priority.map(str::to_owned));
                item.set(LoteField::IntegrationQueue, queue.map(str::to_owned));
                if !message {
                    item.set(LoteField::IntegrationMessage, None);
                }
                item
            },
        )
}

proptest! {
    #[test]
    fn the_emulator_answers_what_the_preflight_predicts(
        first in lote_strategy(), second in lote_strategy()
    ) {
        let mut emulator = emulator();
        let mut preflight = Preflight::new(rules());
        for request in [first, second] {
            let verdict = preflight.check(&request);
            let rows_before = emulator.tables.st2.len();
            let response = emulator.handle(&endpoint().post(&request));
            prop_assert_eq!(response.status, verdict.answer.status());
            prop_assert_eq!(String::from_utf8(response.body).unwrap(), verdict.answer.body());
            // The emulator's pending rows are the preflight's pending keys for the next lote.
            preflight.pending = PendingKeys::default();
            for row in &emulator.tables.st2 {
                if row.message_type == "2" {
                    preflight.pending.add(&row.branch, &row.registry_type, &row.key);
                }
            }
            // A lote the preflight calls clean is stored whole.
            if verdict.is_clean() {
                prop_assert_eq!(emulator.tables.st2.len() - rows_before, request.lote.len());
            }
        }
    }
}

fn lote_strategy() -> impl Strategy<Value = PostRequest> {
    (
        proptest::sample::select(&["T1", "T\"1", "a sourceBranch, b"][..]),
        proptest::collection::vec(arb_item(), 0..6),
    )
        .prop_map(|(ticket, items)| lote(ticket, items))
}

#[test]
fn the_clock_reads_unix_time_as_a_utc_calendar() {
    use taf_core::emulator::Clock;
    let at = |seconds| {
        let clock = Clock::from_unix_seconds(seconds);
        (clock.date, clock.time)
    };
    assert_eq!(at(0), ("19700101".to_owned(), "00:00:00".to_owned()));
    assert_eq!(
        at(951_782_400),
        ("20000229".to_owned(), "00:00:00".to_owned())
    );
    assert_eq!(
        at(1_795_398_245),
        ("20261123".to_owned(), "01:44:05".to_owned())
    );
}

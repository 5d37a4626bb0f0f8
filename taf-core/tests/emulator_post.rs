//! POST against the emulator: the stored rows of the spec's POST cases, the full cycle through
//! the job and the government step, and a property: the emulator answers exactly what the
//! preflight predicts.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use taf_core::catalog::LoteField;
use taf_core::emulator::{Config, Emulator};
use taf_core::preflight::{PendingKeys, Preflight, ServerRules};
use taf_core::server::St2Status;
use taf_core::{
    BranchMap, DeleteRequest, Endpoint, GetPage, GetQuery, Item, LoteItem, PostRequest, Wire,
};

const S1010: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

fn rules() -> ServerRules {
    ServerRules::new(BranchMap::default().with("G1", "B1").with("G2", "B2"))
}

fn emulator() -> Emulator {
    Emulator::new(Config::new(rules()))
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
    let row = emulator.tables.st2().next().expect("a row");
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
    let rows: Vec<_> = emulator.tables.st2().collect();
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
    assert!(emulator.tables.records().len() == 0);
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
        // The preflight's predicted body has its values JSON-escaped; the emulator's escaped
        // switch writes the same bytes (by default it writes them raw, as the server does).
        let mut emulator = emulator();
        emulator.config.quirks.escaped = true;
        let mut preflight = Preflight::new(rules());
        for request in [first, second] {
            let verdict = preflight.check(&request);
            let rows_before = emulator.tables.st2().len();
            let response = emulator.handle(&endpoint().post(&request));
            prop_assert_eq!(response.status, verdict.answer.status());
            prop_assert_eq!(String::from_utf8(response.body).unwrap(), verdict.answer.body());
            // The emulator's pending rows are the preflight's pending keys for the next lote.
            preflight.pending = PendingKeys::default();
            for row in emulator.tables.st2() {
                if row.message_type == "2" {
                    preflight.pending.add(&row.branch, &row.registry_type, &row.key);
                }
            }
            // A lote the preflight calls clean is stored whole.
            if verdict.is_clean() {
                prop_assert_eq!(emulator.tables.st2().len() - rows_before, request.lote.len());
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

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn get_all(emulator: &mut Emulator, ticket: &str, lot_quantity: i64) -> Vec<Item> {
    use taf_core::{PageEvent, Paginator};
    let mut pager = Paginator::new(
        GetQuery::by_ticket(ticket)
            .branch("B1")
            .lot_quantity(lot_quantity),
    )
    .unwrap();
    let mut items = Vec::new();
    while let Some(query) = pager.next_query() {
        let response = emulator.handle(&endpoint().get(&query));
        assert_eq!(response.status, 200);
        pager
            .handle_page(GetPage::decode(&response.body).unwrap())
            .unwrap();
        while let Some(event) = pager.poll_event() {
            match event {
                PageEvent::Item(item) => items.push(item),
                PageEvent::NotFound(item) => items.push(Item::NotFound(item)),
                PageEvent::Duplicate(_) => panic!("no duplicates in ticket mode"),
            }
        }
    }
    items
}

#[test]
fn end_to_end_with_the_paginator() {
    use taf_core::{LoteBuilder, Source};
    let mut emulator = emulator();
    let (s1010, s2220, s3000, t005) = (
        fixture("s1010.xml"),
        fixture("s2220.xml"),
        fixture("s3000.xml"),
        fixture("t005.txt"),
    );
    let lotes = LoteBuilder::new("T9", "B1")
        .build([
            Source::new(&s1010),
            Source::new(&s2220),
            Source::new(&s3000),
            Source::new(&t005).with_key("UN"),
        ])
        .unwrap();
    let (status, body) = post(&mut emulator, &lotes[0]);
    assert_eq!(
        (status, body.matches("\"success\" : true").count()),
        (200, 4)
    );
    emulator.process();
    emulator.transmit();
    let items = get_all(&mut emulator, "T9", 2);
    let summary: Vec<(String, String, String, Option<String>)> = items
        .iter()
        .map(|item| match item {
            Item::Processed(done) => (
                done.id.value().to_owned(),
                done.status_code.clone(),
                done.receipt_number.clone(),
                done.delete_type.clone(),
            ),
            other => panic!("not processed: {other:?}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "ID1112223330000002025061014300000001".to_owned(),
                "4".to_owned(),
                "1.2.0000000000000000001".to_owned(),
                None
            ),
            (
                "ID1112223330000002025061014300500002".to_owned(),
                "4".to_owned(),
                "1.2.0000000000000000002".to_owned(),
                None
            ),
            // The S-3000 excludes an event never transmitted: a direct deletion.
            (
                "ID1112223330000002025061509000000004".to_owned(),
                String::new(),
                String::new(),
                Some("0".to_owned())
            ),
            // TXT fiscal data is integrated, never transmitted.
            ("UN".to_owned(), " ".to_owned(), String::new(), None),
        ]
    );
    let response = emulator.handle(&endpoint().delete(
        &DeleteRequest {
            tickets: vec!["T9".to_owned()],
        },
        Some("B1"),
    ));
    assert_eq!(response.status, 200);
    assert!(matches!(
        get_all(&mut emulator, "T9", 2).as_slice(),
        [Item::NotFound(_)]
    ));
}

#[test]
fn undeclared_encodings_fail_in_the_job_and_rejections_come_from_the_scenario() {
    use taf_core::server::{Rejection, Scenario};
    let mut emulator = Emulator::new({
        let mut set_up = Config::new(rules());
        set_up.scenario =
            Scenario::rejecting(vec![Rejection::new("K2", "539", "Evento duplicado.")]);
        set_up
    });
    let latin = [
        b"<?xml version='1.0' encoding='ISO-8859-1'?>".as_slice(),
        S1010,
    ]
    .concat();
    let items = vec![
        item("K1").with(LoteField::IntegrationMessage, STANDARD.encode(latin)),
        item("K2"),
    ];
    post(&mut emulator, &lote("T1", items));
    assert_eq!(emulator.process().failed, 1);
    assert_eq!(emulator.transmit().failed, 1);
    let page = page(&mut emulator, "T1");
    let Item::Pending(k1) = &page.items[0] else {
        panic!("{:?}", page.items[0])
    };
    assert_eq!(k1.error_code, "000001");
    let Item::Processed(k2) = &page.items[1] else {
        panic!("{:?}", page.items[1])
    };
    assert_eq!(k2.status_code, "3");
    assert_eq!(k2.streaming_errors[0].code, "539");
}

#[test]
fn limits_give_a_clear_fault() {
    let mut emulator = Emulator::new({
        let mut set_up = Config::new(rules());
        set_up.max_lote_items = 2;
        set_up
    });
    let (status, body) = post(
        &mut emulator,
        &lote("T1", vec![item("K1"), item("K2"), item("K3")]),
    );
    assert_eq!(
        (status, body.as_str()),
        (
            413,
            r#"{"errorCode":413,"errorMessage":"Lote of 3 items exceeds the limit of 2."}"#
        )
    );
    assert!(emulator.tables.st2().len() == 0);
    let mut emulator = Emulator::new({
        let mut set_up = Config::new(rules());
        set_up.max_ticket_bytes = S1010.len() + 10;
        set_up
    });
    assert_eq!(post(&mut emulator, &lote("T1", vec![item("K1")])).0, 200);
    assert_eq!(post(&mut emulator, &lote("T1", vec![item("K2")])).0, 413);
    assert_eq!(post(&mut emulator, &lote("T2", vec![item("K2")])).0, 200);
}

/// The POST conformance cases through the emulator's HTTP interface, status and body bytes.
#[test]
fn post_conformance_cases_byte_for_byte() {
    const ENV803: &str = r#"{"coderr" : 803,"description" : "O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas."}"#;
    let item_json = |fields: &str| format!(r#"{{"ticketCode":"T1","lote":[{{{fields}}}]}}"#);
    let base = r#""messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg==""#;
    let error = |code: u32, text: &str| {
        format!(
            r#"{{"ticketCode" : "T1","registryKey" : [{{"key" : "K1","success" : false,"error" : [{{"coderr" : {code}, "description" : "{text}"}}]}}], "keyAmount" : 1 }}"#
        )
    };
    let ok = r#"{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : true}], "keyAmount" : 1 }"#.to_owned();
    let cases: Vec<(&str, String, u16, String)> = vec![
        ("P-01", String::new(), 500, r#"{"errorCode":704,"errorMessage":"Arquivo vazio."}"#.to_owned()),
        ("P-02", item_json(&format!(r#""sourceBranch":"",{base}"#)), 200, r#"{"coderr" : 811,"description" : "Não foi possível identificar a filial sourceBranch (TAFFIL)  no corpo da mensagem."}"#.to_owned()),
        ("P-03", item_json(&format!(r#""sourceBranch":"BX",{base}"#)), 200, ENV803.to_owned()),
        ("P-04", r#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1", oops"#.to_owned(), 500, r#"{"errorCode":705,"errorMessage":"Erro ao realizar parser da mensagem"}"#.to_owned()),
        ("P-05", item_json(&format!(r#"{base},"sourceBranch":"B1""#)), 200, ENV803.to_owned()),
        ("P-06", item_json(&format!(r#""sourceBranch":"B1",{base}"#)), 200, ok.clone()),
        ("P-07", item_json(&format!(r#""sourceBranch":"B1",{}"#, base.replace(r#""messageType":"2""#, r#""messageType":"3""#))), 200, error(802, "O valor do campo TAFCODMSG (messageType)  deve ser 1 ou 2 (1=txt/2=xml).")),
        ("P-08", item_json(&format!(r#""sourceBranch":"B1",{}"#, base.replace(r#""messageType":"2""#, r#""messageType":"12""#))), 200, ok.clone()),
        ("P-09", item_json(&format!(r#""sourceBranch":"B1",{}"#, base.replace(r#""messageSequential":"001""#, r#""messageSequential":"""#))), 200, error(801, "Campo TAFSEQ (messageSequential)  é Obrigatório.")),
        ("P-10", item_json(r#""sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1""#), 200, error(800, "Campo TAFMSG (integrationMessage) não relacionado na estrutura do arquivo.")),
        ("P-11", item_json(&format!(r#""sourceBranch":"B1",{}"#, base.replace("S-1010", "S-9999"))), 200, error(804, "Layout S-9999 campo TAFTPREG (registryType) Inválido.")),
        ("P-12", item_json(&format!(r#""sourceBranch":"B1",{base},"registryPriority":"9""#)), 200, error(805, "Codigo de Prioridade invalido! Codigo enviado: '9'. Codigos validos: 0 - Urgente, 1 - Prioridade Critica, 2 - Prioridade Alta, 3 - Prioridade Media, 4 - Prioridade Baixa, 5 - Nao Prioritario")),
        ("P-13", item_json(&format!(r#""sourceBranch":"B1",{base},"registryPriority":"""#)), 200, error(805, "Codigo de Prioridade invalido! Codigo enviado: ''. Codigos validos: 0 - Urgente, 1 - Prioridade Critica, 2 - Prioridade Alta, 3 - Prioridade Media, 4 - Prioridade Baixa, 5 - Nao Prioritario")),
        ("P-20", r#"{"ticketCode":"T1","lote":[]}"#.to_owned(), 200, r#"{"ticketCode" : "T1","registryKey" : [], "keyAmount" : 0 }"#.to_owned()),
    ];
    for (case, body, status, expected) in cases {
        let mut emulator = emulator();
        let request = taf_core::HttpRequest {
            method: taf_core::Method::Post,
            url: "/rest/WSTAFST2".to_owned(),
            headers: taf_core::Headers::new(),
            body: body.into_bytes(),
        };
        let response = emulator.handle(&request);
        assert_eq!(
            (response.status, String::from_utf8(response.body).unwrap()),
            (status, expected),
            "{case}"
        );
    }
}

#[test]
fn a_crashed_worker_answers_an_empty_body_after_storing_the_items_before_it() {
    let mut emulator = emulator();
    let body = br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="},{"sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","integrationMessage":"PGE+PC9hPg=="},{"sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K3","integrationMessage":"PGE+PC9hPg=="}]}"#;
    let mut request = endpoint().post(&lote("T1", Vec::new()));
    request.body = body.to_vec();
    let response = emulator.handle(&request);
    assert_eq!((response.status, response.body.as_slice()), (200, &b""[..]));
    let keys: Vec<&str> = emulator.tables.st2().map(|row| row.key.as_str()).collect();
    assert_eq!(
        keys,
        ["K1"],
        "the item before the crash is stored, none after it"
    );
    assert!(taf_core::UnknownOutcome::follows(
        response.status,
        &response.body
    ));
}

#[test]
fn an_apostrophe_in_the_branch_or_type_crashes_the_worker() {
    let mut emulator = Emulator::new(Config::new(ServerRules::new(
        BranchMap::default().with("G1", "B1").with("G1", "B'1"),
    )));
    let request = lote(
        "T1",
        vec![
            item("K1"),
            item("K2").with(LoteField::SourceBranch, "B'1"),
            item("K3"),
        ],
    );
    assert_eq!(post(&mut emulator, &request), (200, String::new()));
    assert_eq!(emulator.tables.st2().len(), 1);
    let typed = lote(
        "T2",
        vec![item("K4").with(LoteField::RegistryType, "S-10'10")],
    );
    assert_eq!(post(&mut emulator, &typed), (200, String::new()));
    // The key's apostrophe is doubled by the server: the POST stores it.
    let (status, body) = post(&mut emulator, &lote("T3", vec![item("K'5")]));
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"{"key" : "K'5","success" : true}"#),
        "{body}"
    );
}

#[test]
fn only_exactly_1_is_stored_as_queue_f() {
    let mut emulator = emulator();
    let queues = ["1", " 1", "1 ", "F"];
    let items = queues
        .iter()
        .enumerate()
        .map(|(index, queue)| item(&format!("K{index}")).with(LoteField::IntegrationQueue, *queue))
        .collect();
    post(&mut emulator, &lote("T1", items));
    let stored: Vec<&str> = emulator
        .tables
        .st2()
        .map(|row| row.queue.as_str())
        .collect();
    assert_eq!(stored, ["F", "", "", ""]);
}

#[test]
fn the_813_check_compares_keys_as_char_columns() {
    let mut emulator = emulator();
    post(&mut emulator, &lote("T1", vec![item("K1")]));
    let (_, body) = post(&mut emulator, &lote("T2", vec![item("K1  ")]));
    assert!(body.contains(r#""coderr" : 813"#), "{body}");
    let (_, body) = post(&mut emulator, &lote("T3", vec![item(" K1")]));
    assert!(
        body.contains(r#""success" : true"#),
        "a leading space counts: {body}"
    );
}

#[test]
fn the_government_step_rejects_a_schema_invalid_event_as_tss_does() {
    use taf_core::server::{Rejection, SCHEMA_ERROR_CODE, Scenario};
    let mut config = Config::new(rules());
    // The scenario would reject K2 with its own error: the schema error comes first.
    config.scenario = Scenario::rejecting(vec![Rejection::new("K2", "539", "Evento duplicado.")]);
    let mut emulator = Emulator::new(config);
    let invalid = String::from_utf8(S1010.to_vec())
        .unwrap()
        .replace("<natRubr>1000</natRubr>", "<natRubr>10000</natRubr>")
        .replace("<tpRubr>1</tpRubr>", "<tpRubr>9</tpRubr>");
    let bad = |key| item(key).with(LoteField::IntegrationMessage, STANDARD.encode(&invalid));
    post(&mut emulator, &lote("T1", vec![item("K1"), bad("K2")]));
    // The POST and the integration job accept it: only the government step refuses it.
    assert_eq!(emulator.process().failed, 0);
    let report = emulator.transmit();
    assert_eq!((report.handled, report.failed), (2, 1));
    let page = page(&mut emulator, "T1");
    let Item::Processed(k1) = &page.items[0] else {
        panic!("{:?}", page.items[0])
    };
    assert_eq!(k1.status_code, "4");
    assert!(k1.streaming_errors.is_empty());
    let Item::Processed(k2) = &page.items[1] else {
        panic!("{:?}", page.items[1])
    };
    assert_eq!(k2.status_code, "3");
    assert_eq!(k2.streaming_errors.len(), 2, "{:?}", k2.streaming_errors);
    let dadosrubrica = "/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica";
    for (error, element) in k2.streaming_errors.iter().zip(["natRubr", "tpRubr"]) {
        assert_eq!(error.code, SCHEMA_ERROR_CODE);
        assert!(
            error.detail.contains(&format!("{dadosrubrica}/{element}")),
            "{}",
            error.detail
        );
    }
    assert!(k2.streaming_errors[0].detail.contains("value '10000'"));
}

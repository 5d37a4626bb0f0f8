//! Lote build with preflight, and full pagination through the emulator.
//!
//! `lote_build`: 10,000 eSocial events of 1 KB, 20 KB and 200 KB become a POST body and get
//! the preflight verdict (base64, event sniffing, every rule and check; and, in one pass with
//! the build, the eSocial schema validation as well), beside what users
//! would otherwise write (`serde_json` with owned `String`s and `base64` into a new `String` per
//! field, no validation) and beside memcpy of the same event bytes (the physical bound).
//!
//! `paginate`: 100,000 pending records of one ticket paged through the in-process emulator by
//! the paginator (pages of 500), request encode and page decode included.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Serialize;
use taf_core::emulator::{Config, Emulator};
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::server::{St2Row, St2Status};
use taf_core::{
    BranchMap, Endpoint, GetPage, GetQuery, LoteBuilder, PageEvent, Paginator, Source, Wire,
};

const EVENTS: usize = 10_000;

/// An S-1200 remuneration event (valid against S-1.3) of about `size` bytes with a unique `Id`:
/// as many `dmDev` as it takes, each with up to 90 `itensRemun` (the schema allows 200).
fn event(size: usize, index: usize) -> Vec<u8> {
    let head = format!(
        "<eSocial xmlns=\"http://www.esocial.gov.br/schema/evt/evtRemun/v_S_01_03_00\"><evtRemun Id=\"ID1112223330000002025061014{index:09}\"><ideEvento><indRetif>1</indRetif><indApuracao>1</indApuracao><perApur>2025-06</perApur><tpAmb>2</tpAmb><procEmi>1</procEmi><verProc>ERP-1.0.0</verProc></ideEvento><ideEmpregador><tpInsc>1</tpInsc><nrInsc>11222333</nrInsc></ideEmpregador><ideTrabalhador><cpfTrab>11144477735</cpfTrab></ideTrabalhador>"
    );
    let open = |devolution: usize| {
        format!(
            "<dmDev><ideDmDev>{index}-{devolution}</ideDmDev><codCateg>101</codCateg><infoPerApur><ideEstabLot><tpInsc>1</tpInsc><nrInsc>11222333000181</nrInsc><codLotacao>LOT01</codLotacao><remunPerApur><matricula>000123</matricula>"
        )
    };
    let close = "</remunPerApur></ideEstabLot></infoPerApur></dmDev>";
    let tail = "</evtRemun></eSocial>";
    let item = "<itensRemun><codRubr>1001</codRubr><ideTabRubr>RUBR01</ideTabRubr><vrRubr>1234.56</vrRubr></itensRemun>";
    let mut xml = head;
    let mut devolution = 0;
    xml.push_str(&open(devolution));
    let mut items = 0;
    while xml.len() + close.len() + tail.len() + item.len() <= size {
        if items == 90 {
            devolution += 1;
            items = 0;
            xml.push_str(close);
            xml.push_str(&open(devolution));
        }
        xml.push_str(item);
        items += 1;
    }
    xml.push_str(close);
    xml.push_str(tail);
    xml.into_bytes()
}

/// The careful plain implementation: owned strings, base64 per field, `serde_json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NaiveItem {
    source_branch: String,
    message_type: String,
    message_sequential: String,
    registry_type: String,
    registry_key: String,
    integration_message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NaiveLote {
    ticket_code: String,
    lote: Vec<NaiveItem>,
}

fn naive(events: &[Vec<u8>]) -> String {
    let lote = NaiveLote {
        ticket_code: "T1".to_owned(),
        lote: events
            .iter()
            .enumerate()
            .map(|(index, bytes)| NaiveItem {
                source_branch: "0100".to_owned(),
                message_type: "2".to_owned(),
                message_sequential: "001".to_owned(),
                registry_type: "S-1200".to_owned(),
                registry_key: format!("K{index}"),
                integration_message: STANDARD.encode(bytes),
            })
            .collect(),
    };
    serde_json::to_string(&lote).unwrap_or_default()
}

fn lote_build(c: &mut Criterion) {
    let preflight = Preflight::new(ServerRules::new(BranchMap::sample()));
    // Today's preflight: the base64 decoded and the XML parsed a second time, no schema.
    let mut without_schema = preflight.clone();
    without_schema.schema.validate = false;
    let builder = LoteBuilder::new("T1", "0100");
    let mut group = c.benchmark_group("lote_build");
    group.sample_size(10);
    for size in [1_024, 20 * 1_024, 200 * 1_024] {
        let count = if size > 100_000 { EVENTS / 10 } else { EVENTS };
        let events: Vec<Vec<u8>> = (0..count).map(|index| event(size, index)).collect();
        let report = esocial_schema::validate(&events[0], &esocial_schema::Options::default());
        assert!(report.is_valid(), "the bench event is invalid: {report:?}");
        let total: usize = events.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(total as u64));
        let label = format!("{}KB x {count}", size / 1024);
        group.bench_function(BenchmarkId::new("taf-core build+preflight", &label), |b| {
            b.iter(|| {
                let lotes = builder
                    .build(events.iter().map(|bytes| Source::new(bytes)))
                    .unwrap_or_default();
                let verdicts: Vec<_> = lotes
                    .iter()
                    .map(|lote| without_schema.check(lote))
                    .collect();
                black_box(verdicts)
            });
        });
        group.bench_function(
            BenchmarkId::new("taf-core build+preflight+schema, one pass", &label),
            |b| {
                b.iter(|| {
                    let lotes = builder
                        .build_read(events.iter().map(|bytes| Source::new(bytes)))
                        .unwrap_or_default();
                    let verdicts: Vec<_> = lotes
                        .iter()
                        .map(|lote| preflight.check_read(&lote.request, &lote.readings))
                        .collect();
                    black_box(verdicts)
                });
            },
        );
        group.bench_function(BenchmarkId::new("naive serde_json+base64", &label), |b| {
            b.iter(|| black_box(naive(black_box(&events))));
        });
        group.bench_function(BenchmarkId::new("memcpy", &label), |b| {
            b.iter(|| {
                let mut copy = Vec::with_capacity(total);
                for bytes in &events {
                    copy.extend_from_slice(bytes);
                }
                black_box(copy)
            });
        });
    }
    group.finish();
}

fn paginate(c: &mut Criterion) {
    const RECORDS: i64 = 100_000;
    let mut emulator = Emulator::new(Config::new(ServerRules::new(BranchMap::sample())));
    for recno in 1..=RECORDS {
        emulator.tables.push_st2(St2Row {
            recno,
            branch: "0100".into(),
            message_type: "2".into(),
            sequential: "001".into(),
            registry_type: "S-1200".into(),
            key: format!("ID1112223330000002025061014{recno:010}"),
            message: Vec::new(),
            status: St2Status::Pending,
            ticket: "T1".into(),
            date: "20261123".into(),
            time: "10:00:00".into(),
            priority: "5".into(),
            queue: String::new(),
            owner: String::new(),
            predecessor: String::new(),
            transfer_branch: String::new(),
            complement: String::new(),
        });
    }
    let endpoint = Endpoint::new("http://taf.example").unwrap_or_else(|_| unreachable!());
    let mut group = c.benchmark_group("paginate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(RECORDS as u64));
    group.bench_function("100k records through the emulator", |b| {
        b.iter(|| {
            let Ok(mut pager) = Paginator::new(GetQuery::by_ticket("T1").branch("0100")) else {
                return 0;
            };
            let mut items = 0;
            while let Some(query) = pager.next_query() {
                let response = emulator.handle(&endpoint.get(&query));
                let Ok(page) = GetPage::decode(&response.body) else {
                    break;
                };
                if pager.handle_page(page).is_err() {
                    break;
                }
                while let Some(event) = pager.poll_event() {
                    if let PageEvent::Item(_) = event {
                        items += 1;
                    }
                }
            }
            black_box(items)
        });
    });
    group.finish();
}

criterion_group!(benches, lote_build, paginate);
criterion_main!(benches);

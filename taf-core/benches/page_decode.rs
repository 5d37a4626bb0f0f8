//! GET page decode: an 850,000-byte page of 500 items of each variant, decoded by taf-core,
//! by a plain `serde_json` implementation with owned strings (what users would write), and copied
//! with memcpy (the physical bound). Criterion reports throughput for all three side by side.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use taf_core::{
    GetPage, Item, ItemId, KeyKind, NotFoundItem, PendingItem, ProcessedItem, Reply,
    StreamingError, Wire,
};

const ITEMS: usize = 500;
const PAGE_BYTES: usize = 850_000;

/// Filler text of `len` bytes that looks like the server's long fields.
fn filler(len: usize, seed: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..len)
        .map(|i| char::from(ALPHABET[(i * 7 + seed * 13) % ALPHABET.len()]))
        .collect()
}

fn processed(index: usize, padding: usize) -> Item {
    Item::Processed(ProcessedItem {
        description: "Registro Processado.".into(),
        id: ItemId::RegistryKey(format!("ID11122233300000020250610143{index:08}")),
        status_code: "3".into(),
        status_description: Some("Registro Transmitido com inconsistência(s).".into()),
        active: true,
        receipt_number: "1.2.0000000000123456789".into(),
        delete_type: None,
        streaming_errors: vec![StreamingError {
            code: "001".into(),
            detail: "Vinculo do trabalhador nao localizado.   ".into(),
        }],
        xml_ret_response: filler(padding, index),
    })
}

fn pending(index: usize, padding: usize) -> Item {
    Item::Pending(PendingItem {
        description: "Registro Inconsistente.".into(),
        id: ItemId::RegistryKey(format!("ID11122233300000020250610143{index:08}")),
        error_code: "000009".into(),
        error_description: "Registro não integrado".into(),
        error_detail: filler(padding, index),
        registry_priority: "5".into(),
        integration_queue: String::new(),
        erp_owner: "RM".into(),
        registry_predecessor: String::new(),
        transfer_branch: String::new(),
        complement: String::new(),
        streaming_errors: Vec::new(),
        xml_ret_response: String::new(),
    })
}

fn not_found(index: usize, padding: usize) -> Item {
    Item::NotFound(NotFoundItem {
        description: filler(padding, index),
        id: ItemId::TicketCode(format!("K{index:08}")),
    })
}

/// A page of `ITEMS` items built by `make`, padded so the whole page is about `PAGE_BYTES`.
fn page(make: fn(usize, usize) -> Item) -> String {
    let bare = GetPage {
        kind: KeyKind::TicketCode,
        code: "T1".into(),
        items: (0..ITEMS).map(|i| make(i, 0)).collect(),
        last_rec_no: 500,
        max_rec_no: 900,
    };
    let padding = PAGE_BYTES.saturating_sub(bare.encode().len()) / ITEMS;
    GetPage {
        items: (0..ITEMS).map(|i| make(i, padding)).collect(),
        ..bare
    }
    .encode()
}

/// What a careful user writes with `serde_json`: every field an owned `String`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct NaivePage {
    #[serde(rename = "type")]
    kind: String,
    code: String,
    items: Vec<NaiveItem>,
    #[serde(rename = "lastRecNo")]
    last_rec_no: i64,
    #[serde(rename = "maxRecNo")]
    max_rec_no: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct NaiveItem {
    success: bool,
    proccessed: bool,
    description: String,
    ticket_code: Option<String>,
    registry_key: Option<String>,
    status_code: Option<String>,
    status_description: Option<String>,
    active: Option<bool>,
    receipt_number: Option<String>,
    delete_type: Option<String>,
    error_code: Option<String>,
    error_description: Option<String>,
    error_detail: Option<String>,
    registry_priority: Option<String>,
    integration_queue: Option<String>,
    erp_owner: Option<String>,
    registry_predecessor: Option<String>,
    transfer_branch: Option<String>,
    complement: Option<String>,
    #[serde(default)]
    streaming_errors: Vec<NaiveStreamingError>,
    xml_ret_response: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct NaiveStreamingError {
    streaming_error_code: String,
    streaming_error_detail: String,
}

fn bench_page_decode(c: &mut Criterion) {
    for (variant, make) in [
        ("processed", processed as fn(usize, usize) -> Item),
        ("pending", pending),
        ("not_found", not_found),
    ] {
        let body = page(make);
        let bytes = body.as_bytes();
        assert!(matches!(
            Reply::<GetPage>::decode(200, bytes),
            Ok(Reply::Body(page)) if page.items.len() == ITEMS
        ));
        let mut group = c.benchmark_group(format!("page_decode/{variant}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("taf_core", |b| {
            b.iter(|| Reply::<GetPage>::decode(200, black_box(bytes)));
        });
        group.bench_function("serde_json_owned", |b| {
            b.iter(|| serde_json::from_slice::<NaivePage>(black_box(bytes)));
        });
        group.bench_function("memcpy", |b| b.iter(|| black_box(bytes).to_vec()));
        group.finish();
    }
}

criterion_group!(benches, bench_page_decode);
criterion_main!(benches);

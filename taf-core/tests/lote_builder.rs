//! The lote builder on the sample events: detection, keys, streaming equals building, splits,
//! errors, and a clean preflight verdict on what it builds.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::event::SniffErrorKind;
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::{BranchMap, BuildErrorKind, LoteBuilder, Source, Wire};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn builds_items_from_xml_and_txt_with_detected_types_and_keys() {
    let (s1010, s2220, s3000, t005) = (
        fixture("s1010.xml"),
        fixture("s2220.xml"),
        fixture("s3000.xml"),
        fixture("t005.txt"),
    );
    let builder = LoteBuilder::new("T1", "0100");
    let sources = [
        Source::new(&s1010),
        Source::new(&s2220),
        Source::new(&s3000),
        Source::new(&t005).with_key("UN"),
    ];
    let lotes = builder.build(sources).unwrap();
    assert_eq!(lotes.len(), 1);
    let items = &lotes[0].lote;
    let summary: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|item| {
            (
                item.message_type.as_deref().unwrap(),
                item.registry_type.as_deref().unwrap(),
                item.registry_key.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2", "S-1010", "ID1112223330000002025061014300000001"),
            ("2", "S-2220", "ID1112223330000002025061014300500002"),
            ("2", "S-3000", "ID1112223330000002025061509000000004"),
            ("1", "T005", "UN"),
        ]
    );
    for (item, original) in items.iter().zip([&s1010, &s2220, &s3000, &t005]) {
        assert_eq!(
            &STANDARD
                .decode(item.integration_message.as_deref().unwrap())
                .unwrap(),
            original
        );
        assert_eq!(item.message_sequential.as_deref(), Some("001"));
        assert_eq!(item.registry_priority, None);
    }
    let preflight = Preflight::new(ServerRules::new(BranchMap::sample()));
    let verdict = preflight.check(&lotes[0]);
    assert!(verdict.is_clean(), "{:?}", verdict.findings);
}

#[test]
fn streaming_writes_the_same_bytes_as_building() {
    let (s1010, s2220) = (fixture("s1010.xml"), fixture("s2220.xml"));
    let mut builder = LoteBuilder::new("T\"1", "0100");
    builder.priority = Some("2".to_owned());
    builder.queue = true;
    let sources = [
        Source::new(&s1010),
        Source::new(&s2220).with_key("K2").with_type("S-2220"),
    ];
    let mut streamed = Vec::new();
    assert_eq!(builder.write_to(sources, &mut streamed).unwrap(), 2);
    let built = builder.build(sources).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), built[0].encode());
    assert_eq!(built[0].lote[1].integration_queue.as_deref(), Some("1"));
    let mut empty = Vec::new();
    builder.write_to([], &mut empty).unwrap();
    assert_eq!(empty, br#"{"ticketCode":"T\"1","lote":[]}"#);
}

#[test]
fn splits_by_items_and_by_bytes() {
    let event = fixture("s1010.xml");
    let sources: Vec<Source<'_>> = ["K1", "K2", "K3", "K4", "K5"]
        .iter()
        .map(|key| Source::new(&event).with_key(key))
        .collect();
    let mut builder = LoteBuilder::new("T1", "0100");
    builder.max_items = Some(2);
    let sizes: Vec<usize> = builder
        .build(sources.clone())
        .unwrap()
        .iter()
        .map(|lote| lote.lote.len())
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    builder.max_items = None;
    let one = builder.build(sources[..1].to_vec()).unwrap()[0]
        .encode()
        .len();
    builder.max_bytes = Some(one * 2);
    let lotes = builder.build(sources.clone()).unwrap();
    assert!(lotes.len() >= 3 && lotes.iter().all(|lote| lote.encode().len() <= one * 2));
    assert_eq!(lotes.iter().map(|lote| lote.lote.len()).sum::<usize>(), 5);
}

#[test]
fn errors_name_the_event() {
    let builder = LoteBuilder::new("T1", "0100");
    let (good, t005) = (fixture("s1010.xml"), fixture("t005.txt"));
    let error = builder
        .build([Source::new(&good), Source::new(b"hello")])
        .unwrap_err();
    assert_eq!(error.index(), 1);
    assert_eq!(error.kind(), BuildErrorKind::UnknownFormat);
    assert_eq!(error.code(), "unknown_format");
    assert_eq!(
        error.to_string(),
        "event 1: the event is neither XML nor TXT"
    );
    let error = builder.build([Source::new(&t005)]).unwrap_err();
    assert_eq!(error.kind(), BuildErrorKind::MissingKey);
    let error = builder
        .build([Source::new(b"<!DOCTYPE x><eSocial/>")])
        .unwrap_err();
    assert_eq!(error.kind(), BuildErrorKind::Sniff);
    let sniffed = error.sniff_error().expect("the sniff error");
    assert_eq!(sniffed.kind(), SniffErrorKind::Doctype);
    assert_eq!(sniffed.code(), "doctype");
    assert_eq!(error.detail(), sniffed.to_string());
    assert!(std::error::Error::source(&error).is_some());
    let error = builder
        .build([Source::new(b"<eSocial><evtNovo Id=\"x\"/></eSocial>")])
        .unwrap_err();
    assert_eq!(error.kind(), BuildErrorKind::UnknownEvent);
    assert_eq!(
        error.detail(),
        "cannot tell the registryType of <evtNovo>; give it explicitly"
    );
    assert!(error.sniff_error().is_none());
    let mut no_ids = builder.clone();
    no_ids.key_from_id = false;
    assert_eq!(
        no_ids.build([Source::new(&good)]).unwrap_err().kind(),
        BuildErrorKind::MissingKey
    );
    let failing = FailingWriter;
    let error = builder.write_to([Source::new(&good)], failing).unwrap_err();
    assert_eq!((error.kind(), error.code()), (BuildErrorKind::Io, "io"));
    assert!(error.detail().starts_with("cannot write the lote: "));
}

/// A writer that always fails.
struct FailingWriter;

impl std::io::Write for FailingWriter {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk full"))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_blank_ticket_code_is_built_but_warned_about() {
    use taf_core::preflight::{Check, FindingCode};
    let blank = LoteBuilder::new("  ", "0100");
    let codes: Vec<FindingCode> = blank
        .warnings()
        .iter()
        .map(|finding| finding.code)
        .collect();
    assert_eq!(codes, [FindingCode::Check(Check::BlankTicket)]);
    assert!(LoteBuilder::new("T1", "0100").warnings().is_empty());
    // The server accepts it, so the builder still builds.
    let built = blank
        .build([Source::new(b"|T001|x|\r\n")
            .with_type("T001")
            .with_key("K1")])
        .unwrap();
    assert_eq!(built.len(), 1);
}

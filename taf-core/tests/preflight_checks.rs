//! Event sniffing on the sample events, and one test per silent-failure check: each builds an
//! item the server accepts (or rejects for another reason) and asserts the check's code.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::catalog::LoteField;
use taf_core::event::{LayoutVersion, SniffErrorKind, SniffLimits, sniff};
use taf_core::preflight::{
    Check, FindingCode, PendingKeys, Preflight, ServerRules, Severity, Step, TargetLayout,
};
use taf_core::{BranchMap, BuildErrorKind, LoteBuilder, LoteItem, PostRequest, Source, Wire};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn preflight() -> Preflight {
    Preflight::new(ServerRules::new(
        BranchMap::default().with("G1", "01").with("G1", "0101"),
    ))
}

fn xml(key: &str, event: &[u8]) -> LoteItem {
    LoteItem::new("01", "2", "001", "S-1010", key, STANDARD.encode(event))
}

fn checks_of(
    preflight: &Preflight,
    ticket: &str,
    items: Vec<LoteItem>,
) -> Vec<(Option<usize>, Check)> {
    let request = PostRequest {
        ticket_code: ticket.to_owned(),
        lote: items,
    };
    preflight
        .check(&request)
        .findings
        .into_iter()
        .filter_map(|finding| match finding.code {
            FindingCode::Check(check) => Some((finding.item, check)),
            _ => None,
        })
        .collect()
}

fn checks(items: Vec<LoteItem>) -> Vec<Check> {
    checks_of(&preflight(), "T1", items)
        .into_iter()
        .map(|(_, check)| check)
        .collect()
}

#[test]
fn sample_events_sniff_to_their_codes_and_versions() {
    let cases = [
        ("s1010.xml", "S-1010", "evtTabRubrica", Some("v_S_01_03_00")),
        ("s2220.xml", "S-2220", "evtMonit", Some("v_S_01_03_00")),
        ("s3000.xml", "S-3000", "evtExclusao", Some("v_S_01_03_00")),
        ("r1000.xml", "R-1000", "evtInfoContri", Some("v2_01_02")),
        (
            "seed_s1010_v1_1.xml",
            "S-1010",
            "evtTabRubrica",
            Some("1.1"),
        ),
        ("seed_s2100.xml", "S-2100", "evtCadInicial", None),
    ];
    for (name, code, element, version) in cases {
        let info = sniff(&fixture(name), SniffLimits::default()).expect(name);
        assert_eq!(info.code, Some(code), "{name}");
        assert_eq!(info.element.as_deref(), Some(element), "{name}");
        assert_eq!(
            info.version.as_ref().map(LayoutVersion::as_str),
            version,
            "{name}"
        );
        assert!(info.namespace_consistent(), "{name}");
        assert!(info.declaration.is_none(), "{name}");
    }
    let s1010 = sniff(&fixture("s1010.xml"), SniffLimits::default()).unwrap();
    assert_eq!(
        s1010.id.as_deref(),
        Some("ID1112223330000002025061014300000001")
    );
    assert!(s1010.version.unwrap().is_simplified());
    let r1000 = sniff(&fixture("r1000.xml"), SniffLimits::default()).unwrap();
    assert_eq!(
        r1000.id.as_deref(),
        Some("ID1112223330000002025061014301000003")
    );
    assert!(matches!(r1000.version, Some(LayoutVersion::Numbered(_))));
}

#[test]
fn sniffing_refuses_doctype_depth_size_and_malformed_input() {
    let limits = SniffLimits::default();
    let kind = |bytes: &[u8], limits| sniff(bytes, limits).map(|_| ()).unwrap_err().kind();
    assert_eq!(
        kind(b"<!DOCTYPE x [<!ENTITY a \"b\">]><eSocial/>", limits),
        SniffErrorKind::Doctype
    );
    let deep = "<a>".repeat(100) + &"</a>".repeat(100);
    assert_eq!(kind(deep.as_bytes(), limits), SniffErrorKind::TooDeep);
    let mut tiny = limits;
    tiny.max_bytes = 10;
    assert_eq!(kind(&fixture("s1010.xml"), tiny), SniffErrorKind::TooLarge);
    assert_eq!(
        kind(b"<eSocial><evtX></eSocial>", limits),
        SniffErrorKind::Malformed
    );
    assert_eq!(kind(b"<a/><b/>", limits), SniffErrorKind::Malformed);
    assert_eq!(
        kind(b"<a>&undeclared;</a>", limits),
        SniffErrorKind::Malformed
    );
    assert_eq!(kind(b"   ", limits), SniffErrorKind::NoRoot);
    let declared = sniff(
        b"<?xml version='1.0' encoding='ISO-8859-1'?><eSocial>\xe9</eSocial>",
        limits,
    )
    .unwrap();
    let declaration = declared.declaration.unwrap();
    assert_eq!(declaration.encoding.as_deref(), Some("ISO-8859-1"));
    assert!(!declaration.is_stripped_by_server());
}

#[test]
fn clean_events_have_no_finding() {
    assert_eq!(checks(vec![xml("K1", &fixture("s1010.xml"))]), []);
    let txt = LoteItem::new(
        "01",
        "1",
        "001",
        "T005",
        "K2",
        STANDARD.encode(fixture("t005.txt")),
    );
    assert_eq!(checks(vec![txt]), []);
}

#[test]
fn w01_invalid_base64() {
    let item = xml("K1", b"").with(LoteField::IntegrationMessage, "not base64!");
    assert_eq!(checks(vec![item]), [Check::InvalidBase64]);
}

#[test]
fn w02_values_longer_than_their_columns() {
    let long_key = "K".repeat(101);
    assert_eq!(
        checks(vec![xml(&long_key, &fixture("s1010.xml"))]),
        [Check::TooLong]
    );
    let found = checks_of(
        &preflight(),
        &"T".repeat(37),
        vec![xml("K1", &fixture("s1010.xml"))],
    );
    assert_eq!(found, [(None, Check::TooLong)]);
    let seq = xml("K1", &fixture("s1010.xml")).with(LoteField::MessageSequential, "0001");
    assert_eq!(checks(vec![seq]), [Check::TooLong]);
}

#[test]
fn w03_unescaped_characters() {
    // CR and LF too: the POST echoes the key raw, and a raw line break inside a JSON string
    // makes the answer invalid (only GET error details get the `\n` of `retiraQuebra`).
    for bad in ["K\\1", "K\t1", "K\"1", "K\r\n1", "K\n1", "K\r1"] {
        assert_eq!(
            checks(vec![xml(bad, &fixture("s1010.xml"))]),
            [Check::UnescapedCharacter],
            "{bad:?}"
        );
    }
    assert_eq!(
        checks_of(&preflight(), "T\n1", vec![xml("K1", &fixture("s1010.xml"))]),
        [(None, Check::UnescapedCharacter)]
    );
}

#[test]
fn w04_branch_scan_trap() {
    let body = format!(
        r#"{{"ticketCode":"T1","lote":[{{"messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"{}","sourceBranch":"01"}}]}}"#,
        STANDARD.encode(fixture("s1010.xml"))
    );
    let verdict = preflight().check_body(body.as_bytes());
    assert!(
        verdict
            .findings
            .iter()
            .any(|f| f.code == FindingCode::Check(Check::BranchScanTrap))
    );
}

#[test]
fn w05_queue_values_that_are_not_stored() {
    // Only exactly "1" is stored as "F": " 1" and "1 " are stored blank too.
    for queue in ["F", "2", "S", " 1", "1 "] {
        let item = xml("K1", &fixture("s1010.xml")).with(LoteField::IntegrationQueue, queue);
        assert_eq!(checks(vec![item]), [Check::QueueNotStored], "{queue:?}");
    }
    for queue in ["1", "0", "", " "] {
        let item = xml("K1", &fixture("s1010.xml")).with(LoteField::IntegrationQueue, queue);
        assert_eq!(checks(vec![item]), [], "{queue:?}");
    }
}

#[test]
fn w06_xml_parts_sharing_a_key() {
    let found = checks_of(
        &preflight(),
        "T1",
        vec![
            xml("K1", &fixture("s1010.xml")),
            xml("K1", &fixture("s1010.xml")),
        ],
    );
    assert_eq!(found, [(Some(1), Check::SharedXmlKey)]);
    // 813 compares CHAR columns: a trailing space does not make another key, a leading one does.
    let found = checks_of(
        &preflight(),
        "T1",
        vec![
            xml("K1", &fixture("s1010.xml")),
            xml("K1 ", &fixture("s1010.xml")),
            xml(" K1", &fixture("s1010.xml")),
        ],
    );
    assert_eq!(found, [(Some(1), Check::SharedXmlKey)]);
}

#[test]
fn w07_declarations_the_server_keeps() {
    let event = fixture("s1010.xml");
    let with = |declaration: &str| [declaration.as_bytes(), &event].concat();
    assert_eq!(
        checks(vec![xml(
            "K1",
            &with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        )]),
        []
    );
    for declaration in [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        "<?xml version=\"1.0\"?>",
    ] {
        assert_eq!(
            checks(vec![xml("K1", &with(declaration))]),
            [Check::XmlDeclaration],
            "{declaration}"
        );
    }
}

#[test]
fn w08_event_element_not_matching_registry_type() {
    let item = xml("K1", &fixture("s1010.xml")).with(LoteField::RegistryType, "S-2220");
    assert_eq!(checks(vec![item]), [Check::RootMismatch]);
}

#[test]
fn w09_simplified_layout_on_an_unknown_target() {
    let mut preflight = preflight();
    preflight.server.layout = TargetLayout::Unknown;
    let found = checks_of(&preflight, "T1", vec![xml("K1", &fixture("s1010.xml"))]);
    assert_eq!(found, [(Some(0), Check::LegacyLayout)]);
    let sesmt = xml("K2", &fixture("s2220.xml")).with(LoteField::RegistryType, "S-2220");
    assert_eq!(checks_of(&preflight, "T1", vec![sesmt]), []);
}

#[test]
fn w10_reinf_events() {
    let item = xml("K1", &fixture("r1000.xml")).with(LoteField::RegistryType, "R-1000");
    assert_eq!(checks(vec![item]), [Check::ReinfEvent]);
}

#[test]
fn a_large_lote_reports_each_warning_at_its_own_item_in_order() {
    // Enough items for several chunks.
    let event = fixture("s1010.xml");
    let items: Vec<LoteItem> = (0..1_000)
        .map(|index| match index % 7 {
            0 => xml(&format!("K'{index}"), &event),
            3 => xml("SHARED", &event),
            _ => xml(&format!("K{index}"), &event),
        })
        .collect();
    let expected: Vec<(Option<usize>, Check)> = (0..1_000)
        .filter_map(|index| match index % 7 {
            0 => Some((Some(index), Check::Apostrophe)),
            3 if index > 3 => Some((Some(index), Check::SharedXmlKey)),
            _ => None,
        })
        .collect();
    assert_eq!(checks_of(&preflight(), "T1", items), expected);
}

/// A lote whose verdict depends on the items' order: keys shared with earlier items (W08, and
/// the server's 813 for a key an earlier XML item left pending), rejected items (80x errors
/// before warnings of the same item), a ticket warning and a branch-scan warning on item 0.
fn ordered_lote() -> PostRequest {
    let event = fixture("s1010.xml");
    let lote = (0..700)
        .map(|index| match index % 11 {
            0 => xml("SHARED", &event),
            4 => xml(&format!("K'{index}"), &event),
            6 => xml(&format!("K{index}"), &event).with(LoteField::MessageType, "9"),
            9 => xml(&format!("K{}", index - 1), &event),
            _ => xml(&format!("K{index}"), &event),
        })
        .collect();
    PostRequest {
        ticket_code: "T\"1".to_owned(),
        lote,
    }
}

#[test]
fn a_lote_checked_in_chunks_gets_the_one_shot_verdict() {
    let request = ordered_lote();
    let mut preflight = preflight();
    preflight.pending = {
        let mut pending = PendingKeys::default();
        pending.add("01", "S-1010", "K1");
        pending
    };
    let one_shot = preflight.check(&request);
    let codes = |check| {
        one_shot
            .findings
            .iter()
            .filter(|finding| finding.code == FindingCode::Check(check))
            .count()
    };
    assert!(codes(Check::SharedXmlKey) > 60 && codes(Check::Apostrophe) > 60);
    assert!(one_shot.has_errors());

    let chunked = preflight.chunked(&request, &[]);
    assert_eq!(chunked.len(), 700);
    let ranges = chunked.chunks(4);
    assert_eq!(ranges.len(), 4);
    assert_eq!(ranges.first().map(|range| range.start), Some(0));
    assert_eq!(ranges.last().map(|range| range.end), Some(700));
    assert!(ranges.windows(2).all(|pair| pair[0].end == pair[1].start));
    // Chunks merged in reverse order, as threads may finish.
    let mut parts: Vec<_> = ranges
        .iter()
        .map(|range| chunked.check_chunk(range.clone()))
        .collect();
    parts.reverse();
    assert_eq!(chunked.merge(parts), one_shot);

    // Odd cuts across the shared keys, one chunk lost and one given twice: still every item once.
    let chunked = preflight.chunked(&request, &[]);
    let parts =
        [0..13, 13..350, 13..350, 600..700, 351..600].map(|range| chunked.check_chunk(range));
    assert_eq!(chunked.merge(parts), one_shot);
    // No chunk at all: the merge checks everything itself.
    assert_eq!(preflight.chunked(&request, &[]).merge([]), one_shot);

    // From the raw body, as `check_body`.
    let body = request.encode();
    let chunked = preflight.chunked_body(body.as_bytes());
    let parts: Vec<_> = chunked
        .chunks(3)
        .into_iter()
        .map(|range| chunked.check_chunk(range))
        .collect();
    assert_eq!(chunked.merge(parts), preflight.check_body(body.as_bytes()));
}

#[test]
fn small_lotes_and_non_lotes_make_one_chunk_or_none() {
    let request = PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![xml("K1", &fixture("s1010.xml")); 100],
    };
    let preflight = preflight();
    let chunked = preflight.chunked(&request, &[]);
    let whole = 0..100;
    assert_eq!(chunked.chunks(8), vec![whole.clone()]);
    assert_eq!(chunked.chunks(0), vec![whole]);
    let not_a_lote = preflight.chunked_body(b"{");
    assert!(not_a_lote.is_empty());
    assert!(not_a_lote.chunks(4).is_empty());
    assert_eq!(not_a_lote.merge([]), preflight.check_body(b"{"));
}

#[test]
fn w11_apostrophes_in_sql_values() {
    assert_eq!(
        checks(vec![xml("K'1", &fixture("s1010.xml"))]),
        [Check::Apostrophe]
    );
    // A ticket with an apostrophe breaks every GET by ticket.
    assert_eq!(
        checks_of(&preflight(), "T'1", vec![xml("K1", &fixture("s1010.xml"))]),
        [(None, Check::Apostrophe)]
    );
}

#[test]
fn apostrophes_in_the_branch_or_type_crash_the_post_an_error() {
    // TafChkKey puts sourceBranch and registryType into its SQL unescaped (spec §3.3 step 2,
    // quirk 19): the worker fails, an empty answer, and the item before it stays stored.
    let preflight = Preflight::new(ServerRules::new(
        BranchMap::default().with("G1", "01").with("G1", "0'1"),
    ));
    for (field, value) in [
        (LoteField::SourceBranch, "0'1"),
        (LoteField::RegistryType, "S-1'010"),
    ] {
        let request = PostRequest {
            ticket_code: "T1".to_owned(),
            lote: vec![
                xml("K1", &fixture("s1010.xml")),
                xml("K2", &fixture("s1010.xml")).with(field, value),
            ],
        };
        let verdict = preflight.check(&request);
        assert_eq!(
            (verdict.answer.status(), verdict.answer.body()),
            (200, String::new())
        );
        let errors: Vec<_> = verdict
            .findings
            .iter()
            .filter(|finding| finding.severity == taf_core::preflight::Severity::Error)
            .map(|finding| (finding.item, finding.field, finding.code))
            .collect();
        assert_eq!(
            errors,
            [(
                Some(1),
                Some(field.tag()),
                FindingCode::Check(Check::WorkerCrash)
            )]
        );
        assert!(
            !verdict
                .findings
                .iter()
                .any(|finding| finding.code == FindingCode::Check(Check::Apostrophe)),
            "an error, not also a warning"
        );
    }
}

#[test]
fn w21_blank_ticket_code() {
    for ticket in ["", "   "] {
        assert_eq!(
            checks_of(&preflight(), ticket, vec![xml("K1", &fixture("s1010.xml"))]),
            [(None, Check::BlankTicket)],
            "{ticket:?}"
        );
    }
}

#[test]
fn w22_without_branches_the_branch_rules_are_not_predicted() {
    let unknown = Preflight::default();
    let request = PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![
            xml("K1", &fixture("s1010.xml")).with(LoteField::SourceBranch, "0100"),
            xml("K2", &fixture("s1010.xml")).with(LoteField::SourceBranch, "0999"),
        ],
    };
    let verdict = unknown.check(&request);
    // No 803 or 812 is invented: both items are predicted as stored, and the verdict says why.
    assert_eq!(
        verdict.answer.keys().map(|keys| keys.accepted().count()),
        Some(2)
    );
    assert_eq!(verdict.exit_code(), 1);
    let codes: Vec<_> = verdict
        .findings
        .iter()
        .map(|finding| (finding.item, finding.code))
        .collect();
    assert_eq!(codes, [(None, FindingCode::Check(Check::BranchesUnknown))]);
    // An empty branch is still 811: that is the body's fault, not the server's set-up.
    let blank = PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![xml("K1", &fixture("s1010.xml")).with(LoteField::SourceBranch, "")],
    };
    assert!(unknown.check(&blank).answer.body().contains("811"));
    // A lote posted earlier leaves its XML items pending under the same assumption.
    let mut posted = Preflight::default();
    posted.add_pending_lote(taf_core::Wire::encode(&request).as_bytes());
    assert_eq!(posted.pending.len(), 2);
    assert!(
        posted
            .check(&request)
            .answer
            .body()
            .contains("\"coderr\" : 813")
    );
    // With branches given, the rules apply again.
    let known = Preflight::new(ServerRules::new(BranchMap::default().with("G1", "0100")));
    assert!(
        known
            .check(&request)
            .answer
            .body()
            .contains("\"coderr\" : 803")
    );
}

#[test]
fn w12_message_type_12() {
    let item = xml("K1", &fixture("s1010.xml")).with(LoteField::MessageType, "12");
    assert_eq!(checks(vec![item]), [Check::MessageType12]);
}

#[test]
fn w13_branch_prefix_is_not_validated() {
    let second = xml("K2", &fixture("s1010.xml")).with(LoteField::SourceBranch, "0101");
    let found = checks_of(
        &preflight(),
        "T1",
        vec![xml("K1", &fixture("s1010.xml")), second],
    );
    assert_eq!(found, [(Some(1), Check::BranchPrefix)]);
}

#[test]
fn w14_w15_dates_and_times() {
    let item = xml("K1", &fixture("s1010.xml"))
        .with(LoteField::IntegrationDate, "20250231")
        .with(LoteField::IntegrationTime, "25:00:00");
    assert_eq!(checks(vec![item]), [Check::InvalidDate, Check::InvalidTime]);
    let good = xml("K1", &fixture("s1010.xml"))
        .with(LoteField::IntegrationDate, "20250228")
        .with(LoteField::IntegrationTime, "23:59:59");
    assert_eq!(checks(vec![good]), []);
}

#[test]
fn w16_txt_layout() {
    let txt = |text: &str, register: &str| {
        LoteItem::new("01", "1", "001", register, "K1", STANDARD.encode(text))
    };
    assert_eq!(checks(vec![txt("|T005|UN|UNIDADE|\r\n", "T005")]), []);
    assert_eq!(
        checks(vec![txt("|T005|UN|UNIDADE\r\n", "T005")]),
        [Check::TxtLayout]
    );
    assert_eq!(
        checks(vec![txt("|T005|UN|UNIDADE|\n", "T005")]),
        [Check::TxtLayout]
    );
    assert_eq!(
        checks(vec![txt("|T007|UN|UNIDADE|\r\n", "T005")]),
        [Check::TxtLayout]
    );
}

#[test]
fn w17_malformed_events() {
    assert_eq!(
        checks(vec![xml("K1", b"<eSocial><evtTabRubrica>")]),
        [Check::MalformedEvent]
    );
    assert_eq!(
        checks(vec![xml("K1", b"<!DOCTYPE a><eSocial/>")]),
        [Check::MalformedEvent]
    );
}

#[test]
fn w18_event_id() {
    let event = String::from_utf8(fixture("s1010.xml"))
        .unwrap()
        .replace("ID1112223330000002025061014300000001", "ID1");
    // The schema's Id pattern says the same to the government (W23, an error).
    assert_eq!(
        checks(vec![xml("K1", event.as_bytes())]),
        [Check::Schema, Check::EventId]
    );
}

#[test]
fn w19_totalisers() {
    let event = b"<eSocial xmlns=\"http://www.esocial.gov.br/schema/evt/evtBasesTrab/v_S_01_03_00\"><evtBasesTrab Id=\"ID1112223330000002025061014300000009\"/></eSocial>";
    let item = xml("K1", event).with(LoteField::RegistryType, "S-5001");
    // An empty evtBasesTrab also breaks its schema (W23).
    assert_eq!(checks(vec![item]), [Check::Schema, Check::Totaliser]);
}

#[test]
fn sniff_head_labels_an_event_without_reading_it_all() {
    use taf_core::event::sniff_head;
    let truncated = &fixture("s2220.xml")[..200];
    let info = sniff_head(truncated, SniffLimits::default()).unwrap();
    assert_eq!(
        (info.code, info.id.as_deref()),
        (Some("S-2220"), Some("ID1112223330000002025061014300500002"))
    );
    assert_eq!(
        sniff(truncated, SniffLimits::default()).unwrap_err().kind(),
        SniffErrorKind::Malformed
    );
    assert_eq!(
        sniff_head(b"<!DOCTYPE a><eSocial/>", SniffLimits::default())
            .unwrap_err()
            .kind(),
        SniffErrorKind::Doctype
    );
}

#[test]
fn a_prefixed_root_keeps_its_namespace() {
    let xml = br#"<es:eSocial xmlns:es="http://www.esocial.gov.br/schema/evt/evtMonit/v_S_01_02_00" xmlns="urn:other"><es:evtMonit Id="ID1112223330000002025061014300500002"/></es:eSocial>"#;
    let info = sniff(xml, SniffLimits::default()).unwrap();
    assert_eq!(
        info.namespace.as_deref(),
        Some("http://www.esocial.gov.br/schema/evt/evtMonit/v_S_01_02_00")
    );
    assert_eq!(
        (info.code, info.version.map(|v| v.to_string())),
        (Some("S-2220"), Some("v_S_01_02_00".to_owned()))
    );
}

/// The s1010 fixture with `from` replaced by `to`.
fn s1010_with(from: &str, to: &str) -> Vec<u8> {
    let event = String::from_utf8(fixture("s1010.xml")).unwrap();
    assert!(event.contains(from), "{from}");
    event.replacen(from, to, 1).into_bytes()
}

#[test]
fn w23_schema_errors_are_errors_the_government_reports() {
    let overlong = s1010_with(
        "<dscRubr>SALARIO BASE MENSAL</dscRubr>",
        &format!("<dscRubr>{}</dscRubr>", "A".repeat(101)),
    );
    let request = PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![xml("K1", &fixture("s1010.xml")), xml("K2", &overlong)],
    };
    let verdict = preflight().check(&request);
    assert_eq!(verdict.findings.len(), 1, "{:?}", verdict.findings);
    let finding = &verdict.findings[0];
    assert_eq!(finding.item, Some(1));
    assert_eq!(finding.code, FindingCode::Check(Check::Schema));
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.step, Step::Government);
    let schema = finding.schema.as_ref().expect("the schema finding");
    assert_eq!(
        schema.path,
        "/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica/dscRubr"
    );
    assert_eq!(schema.rule.to_string(), "maxLength 100");
    assert_eq!(schema.value.as_deref(), Some("A".repeat(101).as_str()));
    // The POST itself accepts both items: only the government rejects the second.
    assert!(
        verdict
            .answer
            .keys()
            .is_some_and(|keys| keys.rejected().next().is_none())
    );
    assert_eq!(verdict.exit_code(), 2);
    let mut off = preflight();
    off.schema.validate = false;
    assert!(off.check(&request).findings.is_empty());
}

#[test]
fn w23_partial_events_and_the_signature_follow_the_schema_rules() {
    let partial_event = s1010_with("<natRubr>1000</natRubr>", "");
    let complete = checks_of(&preflight(), "T1", vec![xml("K1", &partial_event)]);
    assert_eq!(complete, [(Some(0), Check::Schema)]);
    let mut partial = preflight();
    partial.schema.partial = true;
    let verdict = partial.check(&PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![xml("K1", &partial_event)],
    });
    assert_eq!(verdict.findings.len(), 1);
    assert_eq!(verdict.findings[0].severity, Severity::Warning);
    assert_eq!(verdict.exit_code(), 1);
    let mut signed = preflight();
    signed.schema.require_signature = true;
    let found = checks_of(&signed, "T1", vec![xml("K1", &fixture("s1010.xml"))]);
    assert_eq!(found, [(Some(0), Check::Schema)]);
}

#[test]
fn every_finding_says_where_it_surfaces() {
    assert_eq!(Check::SharedXmlKey.step(), Step::Post);
    assert_eq!(Check::XmlDeclaration.step(), Step::Integration);
    assert_eq!(Check::Schema.step(), Step::Government);
    assert_eq!(Check::TooLong.step(), Step::Unreported);
    let verdict = preflight().check(&PostRequest {
        ticket_code: "T1".to_owned(),
        lote: vec![LoteItem::new("01", "9", "001", "S-1010", "K1", "PGEvPg==")],
    });
    assert!(
        verdict
            .findings
            .iter()
            .any(|finding| matches!(finding.code, FindingCode::Server(_))
                && finding.step == Step::Post),
        "{:?}",
        verdict.findings
    );
}

#[test]
fn the_builders_reading_gives_the_same_verdict_without_a_second_read() {
    let events = [
        fixture("s1010.xml"),
        s1010_with("<tpRubr>1</tpRubr>", "<tpRubr>9</tpRubr>"),
        b"<eSocial><evtTabRubrica Id=\"ID1112223330000002025061014300000003\">".to_vec(),
        fixture("s2220.xml"),
        fixture("t005.txt"),
    ];
    let mut builder = LoteBuilder::new("T1", "01");
    builder.max_items = Some(3);
    let sources = || {
        events.iter().map(|bytes| {
            let source = Source::new(bytes);
            if bytes.starts_with(b"|") {
                source.with_key("T5")
            } else {
                source
            }
        })
    };
    let read = builder.build_read(sources()).unwrap();
    let built = builder.build(sources()).unwrap();
    assert_eq!(read.len(), 2);
    let preflight = preflight();
    let mut codes = Vec::new();
    for (read, built) in read.iter().zip(&built) {
        assert_eq!(&read.request, built);
        assert_eq!(read.readings.len(), built.lote.len());
        let verdict = preflight.check_read(&read.request, &read.readings);
        assert_eq!(verdict, preflight.check(built));
        codes.extend(
            verdict
                .findings
                .iter()
                .map(|finding| (finding.item, finding.code)),
        );
    }
    assert!(
        codes.contains(&(Some(1), FindingCode::Check(Check::Schema))),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Some(2), FindingCode::Check(Check::MalformedEvent))),
        "{codes:?}"
    );
    // The TXT event has no reading: the preflight reads it from the lote.
    assert!(read[1].readings[1].is_none());
}

#[test]
fn events_read_one_by_one_and_assembled_give_the_lotes_of_build_read() {
    fn source(bytes: &[u8]) -> Source<'_> {
        if bytes.starts_with(b"|") {
            Source::new(bytes).with_key("T5")
        } else {
            Source::new(bytes)
        }
    }
    let events = [
        fixture("s1010.xml"),
        s1010_with("<tpRubr>1</tpRubr>", "<tpRubr>9</tpRubr>"),
        fixture("s2220.xml"),
        fixture("t005.txt"),
    ];
    let mut builder = LoteBuilder::new("T1", "01");
    builder.max_items = Some(3);
    // Read in reverse order (as threads may finish), then put back in order.
    let mut items: Vec<_> = events
        .iter()
        .rev()
        .map(|bytes| builder.read_item(&source(bytes)))
        .collect();
    items.reverse();
    let assembled = builder.assemble(items).unwrap();
    assert_eq!(
        assembled,
        builder
            .build_read(events.iter().map(|bytes| source(bytes)))
            .unwrap()
    );
    assert_eq!(assembled.len(), 2);
    // An error keeps its event's index: the TXT event without its key is the fourth.
    let error = builder
        .assemble(
            events
                .iter()
                .map(|bytes| builder.read_item(&Source::new(bytes))),
        )
        .unwrap_err();
    assert_eq!(
        (error.index(), error.kind()),
        (3, BuildErrorKind::MissingKey)
    );
}

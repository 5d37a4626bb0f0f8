//! The spec's GET and DELETE conformance cases (§11) against the emulator, comparing the HTTP
//! status and the body bytes.

use taf_core::emulator::{Config, Emulator, Quirks};
use taf_core::preflight::ServerRules;
use taf_core::server::{Database, St2Row, St2Status, TafRecord, XerpRow};
use taf_core::{BranchMap, GetPage, Headers, HttpRequest, Item, Method, StreamingError, Wire};

fn request(method: Method, url: &str, authorization: Option<&str>, body: &[u8]) -> HttpRequest {
    let mut headers = Headers::new();
    if let Some(value) = authorization {
        headers.insert("Authorization", value);
    }
    HttpRequest {
        method,
        url: url.to_owned(),
        headers,
        body: body.to_vec(),
    }
}

const ENV803: &str = r#"{"coderr" : 803,"description" : "O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas."}"#;
const WAITING_K1: &str = r#"{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K1","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}"#;

/// The RECNO of the first TAFST2 row.
fn first_st2(server: &Emulator) -> i64 {
    server.tables.st2().next().map_or(0, |row| row.recno)
}

/// The RECNO of the first TAFXERP row.
fn first_xerp(server: &Emulator) -> i64 {
    server.tables.xerp().next().map_or(0, |row| row.recno)
}

/// The alias and number of the first record.
fn first_record(server: &Emulator) -> (String, i64) {
    server
        .tables
        .records()
        .next()
        .map(|record| (record.alias.clone(), record.recno))
        .unwrap_or_default()
}

fn emulator() -> Emulator {
    Emulator::new(Config::new(ServerRules::new(
        BranchMap::default().with("G1", "B1").with("G2", "B2"),
    )))
}

fn st2(recno: i64, ticket: &str, key: &str, status: St2Status) -> St2Row {
    St2Row {
        recno,
        branch: "B1".into(),
        message_type: "2".into(),
        sequential: "001".into(),
        registry_type: "S-2220".into(),
        key: key.into(),
        message: b"<eSocial/>".to_vec(),
        status,
        ticket: ticket.into(),
        date: "20250610".into(),
        time: "14:30:00".into(),
        priority: "5".into(),
        queue: String::new(),
        owner: String::new(),
        predecessor: String::new(),
        transfer_branch: String::new(),
        complement: String::new(),
    }
}

fn xerp(recno: i64, ticket: &str, key: &str, status: &str, alias: &str, taf_recno: i64) -> XerpRow {
    XerpRow {
        recno,
        key: key.into(),
        ticket: ticket.into(),
        alias: alias.into(),
        taf_recno,
        status: status.into(),
        error_code: String::new(),
        error_detail: String::new(),
    }
}

fn record(alias: &str, recno: i64, status: &str, active: &str, receipt: &str) -> TafRecord {
    TafRecord {
        alias: alias.into(),
        recno,
        branch: "B1".into(),
        status: status.into(),
        active: active.into(),
        receipt: receipt.into(),
        errors: Vec::new(),
        return_xml: String::new(),
    }
}

fn get(emulator: &mut Emulator, query: &str) -> (u16, String) {
    let response = emulator.handle(&request(
        Method::Get,
        &format!("/rest/WSTAFST2?{query}"),
        None,
        b"",
    ));
    (response.status, String::from_utf8(response.body).unwrap())
}

fn page(emulator: &mut Emulator, query: &str) -> GetPage {
    let (status, body) = get(emulator, query);
    assert_eq!(status, 200, "{body}");
    GetPage::decode(body.as_bytes()).unwrap()
}

fn fault(code: u32, message: &str) -> (u16, String) {
    (
        500,
        format!(r#"{{"errorCode":{code},"errorMessage":"{message}"}}"#),
    )
}

#[test]
fn g01_to_g06_validation_order() {
    let mut server = emulator();
    let missing_start = fault(701, "É obrigatório o envio do parâmetro startRecNo");
    let missing_keys = fault(
        701,
        "É obrigatório o envio do parâmetro ticketCode ou registryKey",
    );
    assert_eq!(
        get(&mut server, "ticketCode=T1&sourceBranch=B1"),
        missing_start
    );
    assert_eq!(
        get(&mut server, "startRecNo=1&sourceBranch=B1"),
        missing_keys
    );
    assert_eq!(
        get(&mut server, "sourceBranch=B1&searchMode=9"),
        missing_start
    );
    assert_eq!(
        get(
            &mut server,
            "startRecNo=1&ticketCode=T1&searchMode=0&sourceBranch=B1"
        ),
        fault(
            703,
            "O parâmetro searchMode deve ser preenchido com 1 ou 2."
        )
    );
    assert_eq!(
        get(
            &mut server,
            "startRecNo=1&ticketCode=%20%20%20&sourceBranch=B1"
        ),
        missing_keys
    );
    assert_eq!(
        get(&mut server, "ticketCode=T1&sourceBranch=BX"),
        (200, ENV803.to_owned())
    );
}

#[test]
fn g07_to_g09_not_found_swaps_the_identifier_and_both_keys_mean_ticket_mode() {
    let mut server = emulator();
    assert_eq!(
        get(&mut server, "startRecNo=1&ticketCode=T404&sourceBranch=B1").1,
        r#"{ "type" : "ticketCode","code" : "T404","items" : [{ "success" : false,"proccessed" : false ,"description" : "Registro não encontrado não localizado. Verifique os parâmetros utilizados para a busca.","registryKey" : "T404"}],"lastRecNo" : 0,"maxRecNo" : 0}"#
    );
    assert_eq!(
        get(&mut server, "startRecNo=1&registryKey=K404&sourceBranch=B1").1,
        r#"{ "type" : "registryKey","code" : "K404","items" : [{ "success" : false,"proccessed" : false ,"description" : "Registro não encontrado não localizado. Verifique os parâmetros utilizados para a busca.","ticketCode" : "K404"}],"lastRecNo" : 0,"maxRecNo" : 0}"#
    );
    server
        .tables
        .push_st2(st2(10, "T1", "K1", St2Status::Pending));
    assert_eq!(
        get(
            &mut server,
            "startRecNo=1&ticketCode=T1&registryKey=K1&sourceBranch=B1"
        )
        .1,
        format!(
            r#"{{ "type" : "ticketCode","code" : "T1","items" : [{WAITING_K1}],"lastRecNo" : 10,"maxRecNo" : 10}}"#
        )
    );
}

#[test]
fn g10_to_g13_accepted_but_not_processed() {
    let mut server = emulator();
    server
        .tables
        .push_st2(st2(10, "T1", "K1", St2Status::Pending));
    assert_eq!(
        get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1").1,
        format!(
            r#"{{ "type" : "ticketCode","code" : "T1","items" : [{WAITING_K1}],"lastRecNo" : 10,"maxRecNo" : 10}}"#
        )
    );

    server
        .tables
        .edit_st2(first_st2(&server), |row| row.status = St2Status::Processed);
    let Item::Pending(item) =
        &page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1").items[0]
    else {
        panic!("expected variant B")
    };
    assert_eq!(
        item.description,
        "Registro não encontrado na tabela TAFXERP."
    );

    server
        .tables
        .edit_st2(first_st2(&server), |row| row.queue = "F".into());
    server
        .tables
        .edit_st2(first_st2(&server), |row| row.priority = "2".into());
    let mut failed = xerp(1, "T1", "K1", "9", "CM6", 0);
    failed.error_code = "000123".into();
    failed.error_detail = "a\r\nb".into();
    server.tables.push_xerp(failed);
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(body.contains(r#""description" : "Registro Inconsistente." ,"registryKey" : "K1","errorCode" : "000123","errorDescription" : "","errorDetail" : "a\nb","registryPriority" : "2","integrationQueue" : """#), "{body}");

    server
        .tables
        .edit_xerp(first_xerp(&server), |row| row.status = "7".into());
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(body.contains(r#""description" : " " ,"#), "{body}");
    assert!(body.contains(r#""integrationQueue" : """#), "{body}");

    server
        .tables
        .edit_xerp(first_xerp(&server), |row| row.status = "4".into());
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(
        body.contains(r#""integrationQueue" : "F""#),
        "queue kept for status 4: {body}"
    );
}

fn processed_fixture(alias: &str, status: &str, active: &str) -> Emulator {
    let mut server = emulator();
    server
        .tables
        .push_st2(st2(10, "T1", "K1", St2Status::Processed));
    server.tables.push_xerp(xerp(1, "T1", "K1", "1", alias, 7));
    server
        .tables
        .push_record(record(alias, 7, status, active, "1.2.0000000000000000001"));
    server
}

#[test]
fn g14_to_g18_processed_items() {
    let mut server = processed_fixture("C9V", "4", "1");
    assert_eq!(
        get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1").1,
        r#"{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : true ,"description" : "Registro Processado.","registryKey" : "K1","statusCode" : "4","statusDescription" : "Registro Transmitido Válido.","active" : true,"receiptNumber" : "1.2.0000000000000000001","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 10,"maxRecNo" : 10}"#
    );

    let mut blank = processed_fixture("C9V", " ", "1");
    let (_, body) = get(&mut blank, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(
        body.contains(r#""statusCode" : " ","statusDescription" : "Registro Integrado""#),
        "{body}"
    );

    let mut exclusion = processed_fixture("CMJ", "4", "1");
    let (_, body) = get(&mut exclusion, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(
        body.contains(
            r#""receiptNumber" : "1.2.0000000000000000001","deleteType" : "1","streamingErrors""#
        ),
        "{body}"
    );

    let mut direct = processed_fixture("C9V", "4", "1");
    direct
        .tables
        .edit_xerp(first_xerp(&direct), |row| row.error_code = "000026".into());
    let (_, body) = get(&mut direct, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(
        body.contains(r#""statusCode" : "","#)
            && body.contains(r#""active" : false,"receiptNumber" : "","#),
        "{body}"
    );

    let mut superseded = processed_fixture("C9V", "4", "2");
    let (_, body) = get(
        &mut superseded,
        "startRecNo=1&ticketCode=T1&sourceBranch=B1",
    );
    assert!(body.contains(r#""active" : false"#), "{body}");
}

fn five_waiting_rows() -> Emulator {
    let mut server = emulator();
    for recno in 10..=14 {
        server
            .tables
            .push_st2(st2(recno, "T1", &format!("K{recno}"), St2Status::Pending));
    }
    server
}

fn recnos_of(page: &GetPage) -> Vec<String> {
    page.items
        .iter()
        .map(|item| item.id().value().to_owned())
        .collect()
}

#[test]
fn g19_g20_g22_paging_by_count_and_start() {
    let mut server = five_waiting_rows();
    let first = page(
        &mut server,
        "startRecNo=1&ticketCode=T1&lotQuantity=2&sourceBranch=B1",
    );
    assert_eq!(
        (recnos_of(&first), first.last_rec_no, first.max_rec_no),
        (vec!["K10".into(), "K11".into()], 11, 14)
    );
    let second = page(
        &mut server,
        "startRecNo=12&ticketCode=T1&lotQuantity=2&sourceBranch=B1",
    );
    assert_eq!(
        (recnos_of(&second), second.last_rec_no),
        (vec!["K12".into(), "K13".into()], 13)
    );
    let third = page(
        &mut server,
        "startRecNo=14&ticketCode=T1&lotQuantity=2&sourceBranch=B1",
    );
    assert_eq!(
        (recnos_of(&third), third.last_rec_no, third.max_rec_no),
        (vec!["K14".into()], 14, 14)
    );

    assert_eq!(
        get(
            &mut server,
            "startRecNo=1&ticketCode=T1&lotQuantity=0&sourceBranch=B1"
        )
        .1,
        r#"{ "type" : "ticketCode","code" : "T1","items" : [],"lastRecNo" : 14,"maxRecNo" : 14}"#
    );
    let from_13 = page(&mut server, "startRecNo=13&ticketCode=T1&sourceBranch=B1");
    assert_eq!(
        (recnos_of(&from_13), from_13.max_rec_no),
        (vec!["K13".into(), "K14".into()], 14)
    );
}

/// Four processed rows of ticket T1 whose TAFXERP result (status 9) has this TAFERR.
fn four_failed_rows(detail: &str) -> Emulator {
    let mut server = emulator();
    for recno in 1..=4 {
        let key = format!("K{recno}");
        server
            .tables
            .push_st2(st2(recno, "T1", &key, St2Status::Processed));
        let mut failed = xerp(recno, "T1", &key, "9", "CM6", 0);
        failed.error_code = "000009".into();
        detail.clone_into(&mut failed.error_detail);
        server.tables.push_xerp(failed);
    }
    server
}

#[test]
fn g21_the_byte_budget_is_checked_before_each_item() {
    let mut server = four_failed_rows(&"x".repeat(300_000));
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    let page = GetPage::decode(body.as_bytes()).unwrap();
    assert_eq!(
        (page.items.len(), page.last_rec_no, page.max_rec_no),
        (3, 3, 4)
    );
    assert!(body.len() > 850_000);
}

fn two_tickets_for_k1() -> Emulator {
    let mut server = emulator();
    server
        .tables
        .push_st2(st2(10, "T1", "K1", St2Status::Processed));
    server
        .tables
        .push_st2(st2(20, "T2", "K1", St2Status::Processed));
    server.tables.push_xerp(xerp(1, "T1", "K1", "1", "C8B", 7));
    let mut failed = xerp(2, "T2", "K1", "9", "C8B", 0);
    failed.error_code = "000009".into();
    server.tables.push_xerp(failed);
    server
        .tables
        .push_record(record("C8B", 7, "4", "1", "1.2.0000000000000000007"));
    server
}

#[test]
fn g23_to_g25_search_modes_and_key_only_duplicates() {
    let mut server = two_tickets_for_k1();
    let last = page(
        &mut server,
        "startRecNo=1&registryKey=K1&searchMode=1&sourceBranch=B1",
    );
    assert_eq!((last.items.len(), last.last_rec_no), (1, 20));
    assert!(matches!(&last.items[0], Item::Pending(item) if item.id.value() == "T2"));

    let valid = page(
        &mut server,
        "startRecNo=1&registryKey=K1&searchMode=2&sourceBranch=B1",
    );
    assert!(valid.is_not_found());
    assert_eq!((valid.last_rec_no, valid.max_rec_no), (0, 10));

    server.config.database = Database::Oracle;
    let oracle = page(
        &mut server,
        "startRecNo=1&registryKey=K1&searchMode=2&sourceBranch=B1",
    );
    assert_eq!(
        (oracle.items.len(), oracle.last_rec_no, oracle.max_rec_no),
        (1, 20, 10)
    );
    assert!(
        matches!(&oracle.items[0], Item::Processed(item) if item.receipt() == Some("1.2.0000000000000000007"))
    );

    let all = page(&mut server, "startRecNo=1&registryKey=K1&sourceBranch=B1");
    let kinds: Vec<&str> = all
        .items
        .iter()
        .map(|item| match item {
            Item::Processed(_) => "A",
            Item::Pending(_) => "B",
            Item::NotFound(_) => "C",
        })
        .collect();
    assert_eq!(kinds, ["A", "B", "A", "B"]);
    assert_eq!((all.last_rec_no, all.max_rec_no), (20, 20));
}

#[test]
fn g26_query_elements_controls_streaming_errors() {
    let mut server = processed_fixture("C9V", "3", "1");
    let (alias, recno) = first_record(&server);
    server.tables.edit_record(&alias, recno, |record| {
        record.errors = vec![StreamingError {
            code: "001".into(),
            detail: "Erro de schema   ".into(),
        }];
    });
    let (_, body) = get(
        &mut server,
        "startRecNo=1&ticketCode=T1&sourceBranch=B1&queryElements=0",
    );
    assert!(body.contains(r#""streamingErrors" : [],"#), "{body}");
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(body.contains(r#""streamingErrors" : [{"streamingErrorCode" : "001","streamingErrorDetail" : "Erro de schema   "}]"#), "{body}");
}

#[test]
fn g27_sticky_lot_quantity_is_an_option() {
    let mut server = five_waiting_rows();
    page(
        &mut server,
        "startRecNo=1&ticketCode=T1&lotQuantity=1&sourceBranch=B1",
    );
    assert_eq!(
        page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1")
            .items
            .len(),
        5
    );
    server.config.sticky_lot_quantity = true;
    page(
        &mut server,
        "startRecNo=1&ticketCode=T1&lotQuantity=1&sourceBranch=B1",
    );
    assert_eq!(
        page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1")
            .items
            .len(),
        1
    );
}

fn delete(server: &mut Emulator, query: &str, body: &str) -> (u16, String) {
    let response = server.handle(&request(
        Method::Delete,
        &format!("/rest/wstafst2?{query}"),
        None,
        body.as_bytes(),
    ));
    (response.status, String::from_utf8(response.body).unwrap())
}

#[test]
fn d01_to_d04_delete() {
    let mut server = processed_fixture("C9V", "4", "1");
    assert_eq!(
        delete(&mut server, "sourceBranch=B1", "{}"),
        fault(704, "Campo deleteTicket não declarado na raiz do arquivo.")
    );
    assert_eq!(
        delete(&mut server, "sourceBranch=B1", "not json"),
        fault(704, "Campo deleteTicket não declarado na raiz do arquivo.")
    );
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=B1",
            r#"{"deleteTicket":[{"ticketCode":"T1"},{"foo":"x"}]}"#
        ),
        fault(
            704,
            "Campo ticketCode não informado ou incorreto na posição 2 do arquivo."
        )
    );
    // A null ticketCode is an absent one (its ADVPL type is "U").
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=B1",
            r#"{"deleteTicket":[{"ticketCode":null}]}"#
        ),
        fault(
            704,
            "Campo ticketCode não informado ou incorreto na posição 1 do arquivo."
        )
    );
    // D-04 by default: the envelope, then the bare fragment (invalid JSON).
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=BX",
            r#"{"deleteTicket":[{"ticketCode":"T1"}]}"#
        ),
        (500, format!("{ENV803}\"success\" : false"))
    );
    assert_eq!(
        server.tables.st2().len(),
        1,
        "a refused DELETE deletes nothing"
    );
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=B1",
            r#"{"deleteTicket":[{"ticketCode":"T1"}]}"#
        ),
        (200, r#"{"success" : true}"#.to_owned())
    );
    assert!(
        server.tables.st2().len() == 0
            && server.tables.xerp().len() == 0
            && server.tables.records().len() == 0
    );
    assert!(page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1").is_not_found());
}

#[test]
fn service_name_is_matched_without_case_and_auth_is_optional() {
    let mut server = emulator();
    let found = server.handle(&request(
        Method::Get,
        "/rest/WsTafSt2?startRecNo=1&ticketCode=T1&sourceBranch=B1",
        None,
        b"",
    ));
    assert_eq!(found.status, 200);
    assert_eq!(
        server
            .handle(&request(Method::Get, "/rest/other", None, b""))
            .status,
        404
    );
    server.config.credentials = Some(taf_core::Credentials::basic("admin", "secret"));
    let query = "/rest/wstafst2?startRecNo=1&ticketCode=T1&sourceBranch=B1";
    assert_eq!(
        server
            .handle(&request(Method::Get, query, None, b""))
            .status,
        401
    );
    assert_eq!(
        server
            .handle(&request(
                Method::Get,
                query,
                Some("Basic YWRtaW46c2VjcmV0"),
                b""
            ))
            .status,
        200
    );
    assert_eq!(
        server
            .handle(&request(
                Method::Get,
                query,
                Some("Basic YWRtaW46d3Jvbmc="),
                b""
            ))
            .status,
        401
    );
}

#[test]
fn modern_fault_shape_is_an_option() {
    let mut server = emulator();
    server.config.modern_faults = true;
    assert_eq!(
        get(&mut server, "ticketCode=T1&sourceBranch=B1"),
        (
            500,
            r#"{"code":701,"message":"É obrigatório o envio do parâmetro startRecNo"}"#.to_owned()
        )
    );
}

#[test]
fn quirks_reproduce_the_real_servers_broken_outputs() {
    let mut server = processed_fixture("C9V", "4", "1");
    let (alias, recno) = first_record(&server);
    server.tables.edit_record(&alias, recno, |record| {
        record.return_xml = "<retornoEvento/>".into();
    });
    server.config.quirks.cp1252 = true;
    let response = server.handle(&request(
        Method::Get,
        "/rest/wstafst2?startRecNo=1&ticketCode=T1&sourceBranch=B1",
        None,
        b"",
    ));
    assert!(
        String::from_utf8(response.body.clone()).is_err(),
        "cp1252 body is not UTF-8"
    );
    let decoded = taf_core::Reply::<GetPage>::decode(200, &response.body).unwrap();
    let taf_core::Reply::Body(cp1252_page) = decoded else {
        panic!("expected a page")
    };
    assert!(
        matches!(&cp1252_page.items[0], Item::Processed(item) if item.status_description.as_deref() == Some("Registro Transmitido Válido."))
    );

    server.config.quirks = Quirks::default();
    server.config.quirks.double_base64 = true;
    let page = page(
        &mut server,
        "startRecNo=1&ticketCode=T1&sourceBranch=B1&returnRetResponse=true",
    );
    let Item::Processed(item) = &page.items[0] else {
        panic!("expected variant A")
    };
    assert_ne!(item.xml_ret_response, base64_of("<retornoEvento/>"));
    assert_eq!(item.ret_response_xml().as_deref(), Some("<retornoEvento/>"));

    // D-04 answers the server's broken bytes by default (d01_to_d04_delete); the switch only
    // makes them tidier.
    server.config.quirks = Quirks::default();
    server.config.quirks.tidy_delete = true;
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=BX",
            r#"{"deleteTicket":[{"ticketCode":"T1"}]}"#
        ),
        (500, ENV803.to_owned())
    );
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[test]
fn unescaped_values_break_the_json_like_the_real_server() {
    let mut server = emulator();
    server
        .tables
        .push_st2(st2(10, "T1", "K\"1", St2Status::Pending));
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(body.contains(r#""registryKey" : "K"1","#), "{body}");
    assert!(GetPage::decode(body.as_bytes()).is_err());
    server.config.quirks.escaped = true;
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert!(body.contains(r#""registryKey" : "K\"1","#), "{body}");
    assert!(GetPage::decode(body.as_bytes()).is_ok());
}

#[test]
fn seeded_failures_are_repeatable() {
    use taf_core::emulator::{FailureRule, InjectedFailure};
    let run = || {
        let mut server = five_waiting_rows();
        server.config.quirks.failures =
            Some(FailureRule::new(42, 3, InjectedFailure::TableUnavailable));
        (0..30)
            .map(|_| get(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1").0)
            .collect::<Vec<u16>>()
    };
    let statuses = run();
    assert_eq!(statuses, run());
    assert!(statuses.contains(&500) && statuses.contains(&200));

    let mut slow = five_waiting_rows();
    slow.config.quirks.failures = Some(FailureRule::new(
        1,
        1,
        InjectedFailure::Slow { millis: 250 },
    ));
    let response = slow.handle(&request(
        Method::Get,
        "/rest/wstafst2?startRecNo=1&ticketCode=T1&sourceBranch=B1",
        None,
        b"",
    ));
    assert_eq!((response.status, response.delay_millis), (200, 250));
}

#[test]
fn the_page_budget_counts_the_characters_the_server_counts() {
    // G-21 with 300,000 quotes per TAFERR: the server counts each `"` once (it does not escape
    // them), so three items fit before the check, as with plain letters. Counting the escaped
    // `\"` twice would stop after two.
    let mut server = four_failed_rows(&"\"é".repeat(150_000));
    server.config.quirks.escaped = true;
    let page = page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert_eq!((page.items.len(), page.last_rec_no), (3, 3));
}

#[test]
fn get_items_trim_spaces_only_pad_v2h_codes_and_invent_no_text() {
    let mut server = processed_fixture("C9V", "3", "1");
    let (alias, recno) = first_record(&server);
    server.tables.edit_record(&alias, recno, |record| {
        record.errors = vec![
            StreamingError {
                code: "7".into(),
                detail: "Falha no esquema ".into(),
            },
            StreamingError {
                code: " 123".into(),
                detail: String::new(),
            },
        ];
    });
    let mut failed = xerp(2, "T2", "K2", "9", "", 0);
    failed.error_code = "000007".into();
    failed.error_detail = "\t a\r\nb \r\n ".into();
    server.tables.push_xerp(failed);
    let mut row = st2(11, "T2", "K2", St2Status::Processed);
    row.priority = "\t2".into();
    server.tables.push_st2(row);
    server.config.quirks.escaped = true;
    let processed = page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    let Item::Processed(item) = &processed.items[0] else {
        panic!("expected variant A")
    };
    let codes: Vec<&str> = item
        .streaming_errors
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(codes, ["007", "123"]);
    assert_eq!(item.streaming_errors[0].detail, "Falha no esquema ");
    let (_, body) = get(&mut server, "startRecNo=1&ticketCode=T2&sourceBranch=B1");
    // AllTrim removes spaces only: the TAB and the CR LF at the ends stay (CR LF as `\n`);
    // TAFCodErr's text is not in the spec, so errorDescription is empty.
    assert!(
        body.contains(r#""errorCode" : "000007","errorDescription" : "","errorDetail" : "\t a\nb \n","registryPriority" : "\t2","#),
        "{body}"
    );
}

#[test]
fn keys_and_tickets_compare_as_char_columns_in_get_and_delete() {
    let mut server = emulator();
    // Stored with trailing spaces, as a CHAR column pads them.
    server
        .tables
        .push_st2(st2(10, "T1   ", "K1   ", St2Status::Pending));
    let by_ticket = page(&mut server, "startRecNo=1&ticketCode=T1&sourceBranch=B1");
    assert_eq!(by_ticket.items.len(), 1);
    assert!(matches!(&by_ticket.items[0], Item::Pending(item) if item.id.value() == "K1"));
    let by_key = page(&mut server, "startRecNo=1&registryKey=K1&sourceBranch=B1");
    assert!(matches!(&by_key.items[0], Item::Pending(_)));
    // A leading space does count.
    let leading = page(
        &mut server,
        "startRecNo=1&registryKey=%20K1x&sourceBranch=B1",
    );
    assert!(matches!(&leading.items[0], Item::NotFound(_)));
    assert_eq!(
        delete(
            &mut server,
            "sourceBranch=B1",
            r#"{"deleteTicket":[{"ticketCode":"T1"}]}"#
        ),
        (200, r#"{"success" : true}"#.to_owned())
    );
    assert!(
        server.tables.st2().len() == 0,
        "the padded ticket is deleted"
    );
}

#[test]
fn an_apostrophe_in_a_get_value_breaks_the_servers_sql() {
    let mut server = emulator();
    server
        .tables
        .push_st2(st2(10, "T1", "K1", St2Status::Pending));
    for query in [
        "startRecNo=1&ticketCode=T'1&sourceBranch=B1",
        "startRecNo=1&registryKey=K'1&sourceBranch=B1",
    ] {
        assert_eq!(get(&mut server, query), (500, String::new()), "{query}");
    }
    // The checks before the SQL still answer first.
    assert_eq!(
        get(&mut server, "ticketCode=T'1&sourceBranch=B1").0,
        500,
        "701"
    );
    assert!(
        get(&mut server, "ticketCode=T'1&sourceBranch=B1")
            .1
            .contains("701")
    );
    assert_eq!(
        get(&mut server, "startRecNo=1&ticketCode=T'1&sourceBranch=B'X"),
        (200, ENV803.to_owned())
    );
}

#[test]
fn the_config_debug_output_hides_the_password() {
    let mut config = Config::default();
    config.credentials = Some(taf_core::Credentials::basic("admin", "s3cr3t-pw"));
    let shown = format!("{config:?}");
    assert!(
        shown.contains("admin") && shown.contains("<redacted>"),
        "{shown}"
    );
    assert!(!shown.contains("s3cr3t-pw"), "{shown}");
    let emulator = Emulator::new(config);
    assert!(!format!("{emulator:?}").contains("s3cr3t-pw"));
}

#[test]
fn a_tab_is_not_blank_to_alltrim() {
    // AllTrim removes spaces only: a ticketCode of one TAB is a search (not found), not 701.
    let mut server = emulator();
    let page = page(&mut server, "startRecNo=1&ticketCode=%09&sourceBranch=B1");
    assert!(matches!(&page.items[0], Item::NotFound(item) if item.id.value() == "\t"));
}

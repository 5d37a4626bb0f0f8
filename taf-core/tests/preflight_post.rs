//! The spec's POST conformance cases (P-01 … P-24) through the verdict API, and one test per
//! silent-failure check.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::catalog::LoteField;
use taf_core::preflight::{
    Check, FindingCode, Preflight, ServerRules, Severity, TargetLayout, Verdict,
};
use taf_core::server::PostAnswer;
use taf_core::{BranchMap, LoteItem, PostRequest};

const ENV803: &str = r#"{"coderr" : 803,"description" : "O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas."}"#;
const S1010: &str = include_str!("../../tests/fixtures/events/s1010.xml");
const S2220: &str = include_str!("../../tests/fixtures/events/s2220.xml");

fn preflight() -> Preflight {
    Preflight::new(ServerRules::new(
        BranchMap::default().with("G1", "B1").with("G2", "B2"),
    ))
}

fn xml_item(key: &str) -> LoteItem {
    LoteItem::new("B1", "2", "001", "S-1010", key, STANDARD.encode(S1010))
}

fn lote(items: Vec<LoteItem>) -> PostRequest {
    PostRequest {
        ticket_code: "T1".to_owned(),
        lote: items,
    }
}

fn body(verdict: &Verdict) -> String {
    verdict.answer.body()
}

fn server_codes(verdict: &Verdict) -> Vec<(Option<usize>, String)> {
    verdict
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| (finding.item, finding.code.to_string()))
        .collect()
}

fn checks(verdict: &Verdict) -> Vec<Check> {
    verdict
        .findings
        .iter()
        .filter_map(|finding| match finding.code {
            FindingCode::Check(check) => Some(check),
            _ => None,
        })
        .collect()
}

fn single_error(verdict: &Verdict) -> String {
    let keys = verdict.answer.keys().expect("a per-key answer");
    let errors: Vec<_> = keys.results.iter().filter_map(|r| r.error()).collect();
    assert_eq!(errors.len(), 1, "{}", body(verdict));
    format!("{} {}", errors[0].code, errors[0].description)
}

#[test]
fn p01_empty_body_is_fault_704() {
    let verdict = preflight().check_body(b"");
    assert_eq!(verdict.answer.status(), 500);
    assert_eq!(
        body(&verdict),
        r#"{"errorCode":704,"errorMessage":"Arquivo vazio."}"#
    );
    assert_eq!(server_codes(&verdict), [(None, "704".to_owned())]);
}

#[test]
fn p02_empty_branch_is_envelope_811() {
    let verdict = preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="}]}"#);
    assert_eq!(verdict.answer.status(), 200);
    assert_eq!(
        body(&verdict),
        r#"{"coderr" : 811,"description" : "Não foi possível identificar a filial sourceBranch (TAFFIL)  no corpo da mensagem."}"#
    );
}

#[test]
fn p03_unknown_branch_is_envelope_803() {
    let verdict = preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"BX","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="}]}"#);
    assert_eq!(
        (verdict.answer.status(), body(&verdict)),
        (200, ENV803.to_owned())
    );
}

#[test]
fn p04_broken_json_after_a_valid_branch_is_fault_705() {
    let verdict =
        preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1", oops"#);
    assert_eq!(verdict.answer.status(), 500);
    assert_eq!(
        body(&verdict),
        r#"{"errorCode":705,"errorMessage":"Erro ao realizar parser da mensagem"}"#
    );
    // Broken JSON with an unknown branch never reaches the parser.
    let verdict =
        preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"BX", oops"#);
    assert_eq!(body(&verdict), ENV803);
}

#[test]
fn p05_branch_as_last_key_is_803_with_the_scan_trap_explained() {
    let verdict = preflight().check_body(br#"{"ticketCode":"T1","lote":[{"messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg==","sourceBranch":"B1"}]}"#);
    assert_eq!(body(&verdict), ENV803);
    assert!(checks(&verdict).contains(&Check::BranchScanTrap));
}

#[test]
fn p06_valid_item_is_accepted_byte_for_byte() {
    let verdict = preflight().check(&lote(vec![xml_item("K1")]));
    assert_eq!(
        body(&verdict),
        r#"{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : true}], "keyAmount" : 1 }"#
    );
    assert!(verdict.is_clean(), "{:?}", verdict.findings);
    assert_eq!(verdict.exit_code(), 0);
}

#[test]
fn p07_message_type_3_is_802() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::MessageType, "3"),
    ]));
    assert_eq!(
        body(&verdict),
        r#"{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : false,"error" : [{"coderr" : 802, "description" : "O valor do campo TAFCODMSG (messageType)  deve ser 1 ou 2 (1=txt/2=xml)."}]}], "keyAmount" : 1 }"#
    );
    assert_eq!(server_codes(&verdict), [(Some(0), "802".to_owned())]);
    assert_eq!(verdict.findings[0].field, Some("messageType"));
}

#[test]
fn p08_message_type_12_passes_with_a_warning() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::MessageType, "12"),
    ]));
    assert!(verdict.answer.keys().unwrap().results[0].is_accepted());
    assert_eq!(checks(&verdict), [Check::MessageType12]);
    assert_eq!(verdict.exit_code(), 1);
}

#[test]
fn p09_blank_sequential_is_801() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::MessageSequential, ""),
    ]));
    assert_eq!(
        single_error(&verdict),
        "801 Campo TAFSEQ (messageSequential)  é Obrigatório."
    );
}

#[test]
fn p10_absent_message_is_800() {
    let mut item = xml_item("K1");
    item.set(LoteField::IntegrationMessage, None);
    let verdict = preflight().check(&lote(vec![item]));
    assert_eq!(
        single_error(&verdict),
        "800 Campo TAFMSG (integrationMessage) não relacionado na estrutura do arquivo."
    );
}

#[test]
fn p11_unknown_layout_is_804_and_t999_passes() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::RegistryType, "S-9999"),
    ]));
    assert_eq!(
        single_error(&verdict),
        "804 Layout S-9999 campo TAFTPREG (registryType) Inválido."
    );
    let txt = LoteItem::new(
        "B1",
        "1",
        "001",
        "T999",
        "K9",
        STANDARD.encode("|T999|T005|UN|\r\n"),
    );
    let verdict = preflight().check(&lote(vec![txt]));
    assert!(verdict.answer.keys().unwrap().results[0].is_accepted());
}

#[test]
fn p12_p13_priority_rules() {
    let text = |sent: &str| {
        format!(
            "805 Codigo de Prioridade invalido! Codigo enviado: '{sent}'. Codigos validos: 0 - Urgente, 1 - Prioridade Critica, 2 - Prioridade Alta, 3 - Prioridade Media, 4 - Prioridade Baixa, 5 - Nao Prioritario"
        )
    };
    let nine = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::RegistryPriority, "9"),
    ]));
    assert_eq!(single_error(&nine), text("9"));
    let empty = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::RegistryPriority, ""),
    ]));
    assert_eq!(single_error(&empty), text(""));
    assert!(preflight().check(&lote(vec![xml_item("K1")])).is_clean());
}

#[test]
fn p14_queue_f_is_accepted_but_stored_blank() {
    let one = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::IntegrationQueue, "1"),
    ]));
    assert!(one.is_clean());
    let f = preflight().check(&lote(vec![
        xml_item("K1").with(LoteField::IntegrationQueue, "F"),
    ]));
    assert!(f.answer.keys().unwrap().results[0].is_accepted());
    assert_eq!(checks(&f), [Check::QueueNotStored]);
}

#[test]
fn p15_second_xml_part_with_the_same_key_is_813() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1"),
        xml_item("K1").with(LoteField::MessageSequential, "002"),
    ]));
    let keys = verdict.answer.keys().unwrap();
    assert!(keys.results[0].is_accepted());
    assert_eq!(keys.key_amount(), 2);
    assert_eq!(
        single_error(&verdict),
        "813 O TAFKEY K1 já existe na TAFST2 e encontra-se pendente de processamento ou em processamento."
    );
    assert!(checks(&verdict).contains(&Check::SharedXmlKey));
}

#[test]
fn p16_txt_parts_with_the_same_key_both_pass() {
    let txt = || {
        LoteItem::new(
            "B1",
            "1",
            "001",
            "T005",
            "K1",
            "fFQwMDV8VU58VU5JREFERXx8DQo=",
        )
    };
    let verdict = preflight().check(&lote(vec![
        txt(),
        txt().with(LoteField::MessageSequential, "002"),
    ]));
    assert!(
        verdict
            .answer
            .keys()
            .unwrap()
            .results
            .iter()
            .all(taf_core::KeyResult::is_accepted)
    );
    assert!(verdict.is_clean(), "{:?}", verdict.findings);
}

#[test]
fn p17_first_failure_wins() {
    let item = xml_item("K1")
        .with(LoteField::MessageType, "3")
        .with(LoteField::RegistryType, "S-9999");
    let verdict = preflight().check(&lote(vec![item]));
    assert!(single_error(&verdict).starts_with("802 "));
}

#[test]
fn p18_other_group_is_812_and_unknown_branch_is_803() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1"),
        xml_item("K2").with(LoteField::SourceBranch, "B2"),
    ]));
    assert_eq!(
        single_error(&verdict),
        "812 Código da Filial ERP B2 não pertence ao mesmo Grupo de Empresas no TAF considerando os registros integrados anteriormente neste lote."
    );
    let verdict = preflight().check(&lote(vec![
        xml_item("K1"),
        xml_item("K2").with(LoteField::SourceBranch, "BX"),
    ]));
    assert_eq!(
        single_error(&verdict),
        "803 O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas."
    );
}

#[test]
fn p19_813_precedes_every_field_rule() {
    let mut preflight = preflight();
    preflight.pending.add("B1", "S-1010", "K1");
    let verdict = preflight.check(&lote(vec![
        xml_item("K1").with(LoteField::MessageType, "3"),
    ]));
    assert!(single_error(&verdict).starts_with("813 "));
    assert_eq!(verdict.findings[0].field, Some("registryKey"));
}

#[test]
fn p20_empty_lote() {
    let verdict = preflight().check(&lote(vec![]));
    assert_eq!(
        body(&verdict),
        r#"{"ticketCode" : "T1","registryKey" : [], "keyAmount" : 0 }"#
    );
}

#[test]
fn p21_items_are_independent() {
    let verdict = preflight().check(&lote(vec![
        xml_item("K1"),
        xml_item("K2").with(LoteField::RegistryType, "S-9999"),
        xml_item("K3"),
    ]));
    let keys = verdict.answer.keys().unwrap();
    let accepted: Vec<bool> = keys
        .results
        .iter()
        .map(taf_core::KeyResult::is_accepted)
        .collect();
    assert_eq!(accepted, [true, false, true]);
    assert_eq!(server_codes(&verdict), [(Some(1), "804".to_owned())]);
}

#[test]
fn p23_missing_column_is_808() {
    let mut preflight = preflight();
    preflight.server.missing_columns = vec![LoteField::Complement];
    let verdict = preflight.check(&lote(vec![xml_item("K1").with(LoteField::Complement, "x")]));
    assert_eq!(
        single_error(&verdict),
        "808 Estrutura da tabela TAFST2 esta desatualizada. Campo: TAFCOMP (complement) nao existe na estrutura."
    );
}

#[test]
fn p24_quote_in_key_is_flagged() {
    let verdict = preflight().check(&lote(vec![xml_item("K\"1")]));
    assert!(verdict.answer.keys().unwrap().results[0].is_accepted());
    assert_eq!(checks(&verdict), [Check::UnescapedCharacter]);
}

#[test]
fn branch_map_missing_gives_810_for_another_branch() {
    let mut preflight = preflight();
    preflight.server.branch_map_missing = true;
    let verdict = preflight.check(&lote(vec![
        xml_item("K1"),
        xml_item("K2").with(LoteField::SourceBranch, "B2"),
    ]));
    assert!(single_error(&verdict).starts_with("810 Chave keyTafJob"));
}

#[test]
fn hypotheses_807_and_814_are_off_by_default_and_apply_when_on() {
    let queue = lote(vec![xml_item("K1").with(LoteField::IntegrationQueue, "7")]);
    assert!(preflight().check(&queue).answer.keys().unwrap().results[0].is_accepted());
    let mut strict = preflight();
    strict.server.queue_rule = true;
    assert!(
        single_error(&strict.check(&queue))
            .starts_with("807 Código de Fila inválido! Código enviado: '7'")
    );
    let s1010 = lote(vec![xml_item("K1")]);
    assert_eq!(checks(&preflight().check(&s1010)), [] as [Check; 0]);
    let mut unknown = preflight();
    unknown.server.layout = TargetLayout::Unknown;
    assert_eq!(checks(&unknown.check(&s1010)), [Check::LegacyLayout]);
    let legacy = {
        let mut legacy = preflight();
        legacy.server.layout = TargetLayout::Legacy;
        legacy.check(&s1010)
    };
    assert!(
        single_error(&legacy)
            == "814 O Xml Contido no campo TAFMSG (integrationMessage) está em desacordo com as versões suportadas pelo TAF. Integração da Versão 1.0 disponível apenas para eventos SESMT."
    );
    let sesmt = LoteItem::new("B1", "2", "001", "S-2220", "K2", STANDARD.encode(S2220));
    let mut legacy = preflight();
    legacy.server.layout = TargetLayout::Legacy;
    assert!(legacy.check(&lote(vec![sesmt])).is_clean());
}

#[test]
fn worker_crashes_keep_earlier_items_and_report_the_field() {
    let verdict = preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="},{"sourceBranch":"B1","messageType":2,"messageSequential":"001","registryType":"S-1010","registryKey":"K2","integrationMessage":"PGE+PC9hPg=="}]}"#);
    let PostAnswer::WorkerCrash(crash) = &verdict.answer else {
        panic!("expected a crash, got {:?}", verdict.answer)
    };
    assert_eq!((crash.item, crash.field), (Some(1), "messageType"));
    // The POST keeps its default: HTTP 200 with an empty body (spec §1.2), no invented text.
    assert_eq!(
        (verdict.answer.status(), verdict.answer.body()),
        (200, String::new())
    );
    assert_eq!(verdict.exit_code(), 2);
    // A field after the failing one is never reached: a plain 803 instead of a crash.
    let verdict = preflight().check_body(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="},{"sourceBranch":"BX","messageType":"2","messageSequential":"001","registryType":"S-1010","registryKey":"K2","integrationMessage":"PGE+PC9hPg==","complement":7}]}"#);
    assert!(single_error(&verdict).starts_with("803 "));
}

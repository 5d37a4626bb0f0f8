//! The 32 test cases of the Totvs Live spec (§10), in order.

use live_core::capsule::{Capsule, CustomerInput, StatusInput, StoresInput, read_input};
use live_core::request::{self, Confirmation, Identification, Login, StatusQuery, StoresQuery};
use live_core::{
    ErrorMessage, LiveErrorKind, LocalTime, Operation, Parser, ProcessStatus, ProcessStatusPolicy,
    StatusItem, process_status, ticket_number,
};
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use std::fmt::Write as _;

const URL: &str = "http://live.example/LiveConnector/FacadeIntegracao.svc";
const OBJECTS: &str =
    "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects";

/// Every element of a document as (namespace, local name, depth, text).
fn elements(xml: &str) -> Vec<(String, String, usize, String)> {
    let mut reader = NsReader::from_str(xml);
    let mut out: Vec<(String, String, usize, String)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let (resolved, event) = reader.read_resolved_event().unwrap();
        let namespace = match resolved {
            ResolveResult::Bound(ns) => ns.0.to_owned(),
            _ => String::new(),
        };
        match event {
            Event::Start(start) => {
                out.push((
                    namespace,
                    start.local_name().into_inner().to_owned(),
                    open.len(),
                    String::new(),
                ));
                open.push(out.len() - 1);
            }
            Event::Empty(start) => {
                out.push((
                    namespace,
                    start.local_name().into_inner().to_owned(),
                    open.len(),
                    String::new(),
                ));
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(text) => {
                if let Some(&index) = open.last() {
                    out[index].3.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(&index) = open.last() {
                    out[index].3.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(&index) = open.last() {
                    let c = match &*reference {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unexpected entity {other}"),
                    };
                    out[index].3.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn status_query(ticket: &str) -> StatusQuery {
    StatusQuery {
        chave: "b3c02efe-9e54-49a9-95b4-3af8f9475392".into(),
        codigo_sistema_satelite: "220000251".into(),
        numero_ticket: ticket.into(),
        parar_processamento_com_erro: None,
    }
}

/// A status response with the given items (status, detail: None = nil), data-contract prefix
/// `prefix`.
fn status_response(prefix: &str, items: &[(&str, Option<&str>)]) -> String {
    let mut body = String::new();
    for (index, (status, detail)) in items.iter().enumerate() {
        let detail = match detail {
            Some(text) => format!("<{prefix}:DetalheSituacao>{text}</{prefix}:DetalheSituacao>"),
            None => format!("<{prefix}:DetalheSituacao i:nil=\"true\"/>"),
        };
        let _ = write!(
            body,
            "<{prefix}:LC_StatusTicket>{detail}<{prefix}:NumeroSequencia>{}</{prefix}:NumeroSequencia><{prefix}:SituacaoProcessamento>{status}</{prefix}:SituacaoProcessamento></{prefix}:LC_StatusTicket>",
            index + 1
        );
    }
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"><ConsultarStatusTicketLC_IntegracaoResult xmlns:{prefix}="{OBJECTS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">{body}</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"#
    )
}

fn verdict(items: &[(&str, Option<&str>)]) -> (Vec<StatusItem>, ProcessStatus) {
    let parsed = Parser::default()
        .status(status_response("a", items).as_bytes())
        .unwrap();
    let status = process_status(&parsed, ProcessStatusPolicy::default());
    (parsed, status)
}

fn fault(message: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher">a:InternalServiceFault</faultcode><faultstring xml:lang="pt-BR">{message}</faultstring></s:Fault></s:Body></s:Envelope>"#
    )
}

fn status_input(manter: &str) -> StatusInput {
    read_input(&format!(
        r#"{{"chaveAcesso":"c827c0cb-df3b-4872-8153-755f9c57e903","codigoSistemaSatelite":"000000000","numeroTicket":"0999999999999999"{manter}}}"#
    ))
    .unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn case_01_status_envelope() {
    let call = request::ticket_status(URL, &status_query("0191211140546677"));
    let found = elements(&call.body);
    let envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        (envelope, "Envelope")
    );
    let body: Vec<_> = found
        .iter()
        .filter(|e| e.2 >= 2)
        .map(|e| (e.0.as_str(), e.1.as_str(), e.3.as_str()))
        .collect();
    assert_eq!(
        body,
        [
            (
                "http://LiveConnector/",
                "ConsultarStatusTicketLC_Integracao",
                ""
            ),
            ("http://LiveConnector/", "parametro", ""),
            (OBJECTS, "Chave", "b3c02efe-9e54-49a9-95b4-3af8f9475392"),
            (OBJECTS, "CodigoSistemaSatelite", "220000251"),
            (OBJECTS, "NumeroTicket", "0191211140546677"),
        ]
    );
    assert!(call.body.contains("xmlns:liv=\"http://LiveConnector/\""));
    assert!(call.body.contains(&format!("xmlns:ren1=\"{OBJECTS}\"")));
    assert!(call.body.contains(
        "<soapenv:Body><liv:ConsultarStatusTicketLC_Integracao><liv:parametro><ren1:Chave>"
    ));
    assert_eq!((call.method(), call.url.as_str()), ("POST", URL));
}

#[test]
fn case_02_soap_action() {
    let call = request::ticket_status(URL, &status_query("0191211140546677"));
    assert_eq!(
        call.soap_action,
        "http://LiveConnector/IFacadeIntegracao/ConsultarStatusTicketLC_Integracao"
    );
    assert_eq!(
        call.headers(),
        [
            ("Content-Type", "text/xml; charset=utf-8"),
            (
                "SOAPAction",
                "http://LiveConnector/IFacadeIntegracao/ConsultarStatusTicketLC_Integracao"
            ),
        ]
    );
}

#[test]
fn case_03_optional_flag() {
    let without = request::ticket_status(URL, &status_query("0"));
    assert!(!without.body.contains("PararProcessamentoComErro"));
    let with = request::ticket_status(
        URL,
        &StatusQuery {
            parar_processamento_com_erro: Some(true),
            ..status_query("0")
        },
    );
    let found = elements(&with.body);
    let last = found.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1.as_str(), last.3.as_str()),
        (OBJECTS, "PararProcessamentoComErro", "true")
    );
    assert!(with.body.contains(
        "<ren1:PararProcessamentoComErro>true</ren1:PararProcessamentoComErro></liv:parametro>"
    ));
}

#[test]
fn case_04_leading_zeros() {
    for ticket in ["0999999999999999", "0201211340546960"] {
        let call = request::ticket_status(URL, &status_query(ticket));
        assert!(
            call.body
                .contains(&format!("<ren1:NumeroTicket>{ticket}</ren1:NumeroTicket>"))
        );
    }
}

#[test]
fn case_05_escaping() {
    let call = request::ticket_status(
        URL,
        &StatusQuery {
            codigo_sistema_satelite: "A&B<1".into(),
            ..status_query("0")
        },
    );
    assert!(
        call.body
            .contains("<ren1:CodigoSistemaSatelite>A&amp;B&lt;1</ren1:CodigoSistemaSatelite>")
    );
}

#[test]
fn case_06_ticket_number() {
    let time = LocalTime {
        year: 2019,
        month: 12,
        day: 11,
        hour: 14,
        minute: 5,
        second: 46,
        millisecond: 677,
    };
    assert_eq!(ticket_number(time).unwrap(), "0191211140546677");
    let t1 = LocalTime {
        year: 2020,
        month: 12,
        day: 11,
        hour: 13,
        minute: 40,
        second: 54,
        millisecond: 960,
    };
    assert_eq!(ticket_number(t1).unwrap(), "0201211134054960");
    let bad = ticket_number(LocalTime { month: 13, ..time }).unwrap_err();
    assert_eq!(
        (bad.kind(), bad.element()),
        (LiveErrorKind::InvalidInput, "month")
    );
    assert_eq!(bad.detail(), "month 13 is out of range");
}

#[test]
fn case_07_access_key() {
    let call = request::access_key(
        URL,
        &Login {
            codigo_sistema_satelite: "220000251".into(),
            usuario: "user".into(),
            senha: "p&ss".into(),
        },
    );
    let body: Vec<_> = elements(&call.body)
        .into_iter()
        .filter(|e| e.2 >= 2)
        .map(|e| (e.0, e.1, e.3))
        .collect();
    let live = "http://LiveConnector/".to_owned();
    assert_eq!(
        body,
        [
            (
                live.clone(),
                "ObterChaveAcessoLC_Integracao".into(),
                String::new()
            ),
            (
                live.clone(),
                "CodigoSistemaSatelite".into(),
                "220000251".into()
            ),
            (live.clone(), "Usuario".into(), "user".into()),
            (live.clone(), "Senha".into(), "p&ss".into()),
            (live, "PersisteChave".into(), "true".into()),
        ]
    );
    assert_eq!(
        call.soap_action,
        "http://LiveConnector/IFacadeIntegracao/ObterChaveAcessoLC_Integracao"
    );
    let response = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ObterChaveAcessoLC_IntegracaoResponse xmlns="http://LiveConnector/"><ObterChaveAcessoLC_IntegracaoResult>c827c0cb-df3b-4872-8153-755f9c57e903</ObterChaveAcessoLC_IntegracaoResult></ObterChaveAcessoLC_IntegracaoResponse></s:Body></s:Envelope>"#;
    assert_eq!(
        Parser::default().access_key(response).unwrap(),
        "c827c0cb-df3b-4872-8153-755f9c57e903"
    );
    assert!(
        !format!(
            "{:?}",
            Login {
                codigo_sistema_satelite: "1".into(),
                usuario: "u".into(),
                senha: "secret".into()
            }
        )
        .contains("secret")
    );
}

#[test]
fn case_08_processed_is_success() {
    let (items, status) = verdict(&[("Processado", None)]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].detalhe_situacao, None);
    assert_eq!(status, ProcessStatus::Success);
    let output = Capsule::default().ticket_status(
        &status_input(""),
        200,
        status_response("a", &[("Processado", None)]).as_bytes(),
        1,
    );
    let value = json(&output.json);
    assert_eq!(value["encontrouRegistros"], true);
    assert_eq!(value["processStatus"], "SUCCESS");
}

#[test]
fn case_09_10_waiting() {
    assert_eq!(
        verdict(&[("AguardandoProcessamento", None)]).1,
        ProcessStatus::Processing
    );
    assert_eq!(
        verdict(&[("EmProcessamento", None)]).1,
        ProcessStatus::Processing
    );
}

#[test]
fn case_11_error_keeps_its_message() {
    let (items, status) = verdict(&[("ComErro", Some("Produto não cadastrado"))]);
    assert_eq!(status, ProcessStatus::Error);
    assert_eq!(
        items[0].detalhe_situacao.as_deref(),
        Some("Produto não cadastrado")
    );
}

#[test]
fn case_12_13_14_precedence() {
    assert_eq!(
        verdict(&[("Processado", None), ("AguardandoProcessamento", None)]).1,
        ProcessStatus::Processing
    );
    assert_eq!(
        verdict(&[("Processado", None), ("ComErro", None)]).1,
        ProcessStatus::Error
    );
    assert_eq!(
        verdict(&[("ComErro", None), ("EmProcessamento", None)]).1,
        ProcessStatus::Processing
    );
}

#[test]
fn case_15_processed_with_message() {
    let (items, status) = verdict(&[("Processado", Some("Erro ao gravar"))]);
    assert_eq!(status, ProcessStatus::Error);
    let protheus = ProcessStatusPolicy::new(ErrorMessage::Never, ProcessStatus::Error);
    assert_eq!(process_status(&items, protheus), ProcessStatus::Success);
}

#[test]
fn case_16_display_forms() {
    assert_eq!(
        verdict(&[("Aguardando Confirmação", None)]).1,
        ProcessStatus::Processing
    );
    assert_eq!(
        verdict(&[("Aguardando Processamento", None)]).1,
        ProcessStatus::Processing
    );
    assert_eq!(verdict(&[("processado", None)]).1, ProcessStatus::Success);
    assert_eq!(verdict(&[("Com Erro", None)]).1, ProcessStatus::Error);
}

#[test]
fn case_17_unknown_or_empty() {
    assert_eq!(verdict(&[("Cancelado", None)]).1, ProcessStatus::Error);
    assert_eq!(verdict(&[("", None)]).1, ProcessStatus::Error);
}

#[test]
fn case_18_no_items() {
    let (items, status) = verdict(&[]);
    assert!(items.is_empty());
    assert_eq!(status, ProcessStatus::Error);
    let lenient = ProcessStatusPolicy::new(ErrorMessage::NonBlankDetail, ProcessStatus::Success);
    assert_eq!(process_status(&items, lenient), ProcessStatus::Success);
    let output = Capsule::default().ticket_status(
        &status_input(""),
        200,
        status_response("a", &[]).as_bytes(),
        1,
    );
    assert_eq!(json(&output.json)["encontrouRegistros"], false);
    assert_eq!(json(&output.json)["processStatus"], "ERROR");
}

#[test]
fn case_19_prefix_independence() {
    let items = [("Processado", None), ("ComErro", Some("x"))];
    let a = Parser::default()
        .status(status_response("a", &items).as_bytes())
        .unwrap();
    let b = Parser::default()
        .status(status_response("b", &items).as_bytes())
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
}

#[test]
fn case_20_nil_detail() {
    let (items, status) = verdict(&[("Processado", None)]);
    assert_eq!(items[0].detalhe_situacao, None);
    assert_eq!(status, ProcessStatus::Success);
    let output = Capsule::default().ticket_status(
        &status_input(""),
        200,
        status_response("a", &[("Processado", None)]).as_bytes(),
        1,
    );
    assert_eq!(
        json(&output.json)["items"][0]["detalheSituacao"],
        serde_json::Value::Null
    );
}

#[test]
fn case_21_all_items_count() {
    let (items, status) = verdict(&[("Processado", None), ("ComErro", None)]);
    assert_eq!(items.len(), 2);
    assert_ne!(status, ProcessStatus::Success);
}

#[test]
fn case_22_invalid_key_fault() {
    let body = fault("Chave de Acesso Inválida");
    let error = Parser::default().status(body.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::InvalidAccessKey);
    assert!(error.is_invalid_access_key());
    assert_eq!(error.fault_code(), Some("a:InternalServiceFault"));
    let output = Capsule::default().ticket_status(
        &status_input(r#","manter":{"a":[1,2]}"#),
        500,
        body.as_bytes(),
        1_559_243_275_088,
    );
    assert_eq!(
        output.json,
        r#"{"timestamp":1559243275088,"error":"Não foi possível consultar ticket.","code":500,"manter":{"a":[1,2]}}"#
    );
    assert!(matches!(output.failure, Some(ref e) if e.kind() == LiveErrorKind::InvalidAccessKey));
    let other = Parser::default()
        .status(fault("Erro interno").as_bytes())
        .unwrap_err();
    assert_eq!(other.kind(), LiveErrorKind::Fault);
}

#[test]
fn case_23_not_xml_or_no_result() {
    let capsule = Capsule::default();
    let output = capsule.ticket_status(&status_input(""), 200, b"<html>oops", 7);
    assert_eq!(
        json(&output.json)["error"],
        "Não foi possível consultar ticket."
    );
    let no_result = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"/></s:Body></s:Envelope>"#;
    let output = capsule.ticket_status(&status_input(""), 200, no_result, 7);
    assert!(matches!(output.failure, Some(ref e) if e.kind() == LiveErrorKind::UnexpectedResponse));
    assert_eq!(json(&output.json)["code"], 500);
}

#[test]
fn case_24_25_recuperar_failures() {
    let capsule = Capsule::default();
    let stores: StoresInput =
        read_input(r#"{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"1"}"#)
            .unwrap();
    let output = capsule.stores(&stores, 500, b"", 9);
    assert_eq!(
        output.json,
        r#"{"timestamp":9,"error":"Não foi possível recuperar lojas.","code":500}"#
    );
    let customers: CustomerInput =
        read_input(r#"{"chaveAcesso":"k","codigoSistemaSatelite":"1"}"#).unwrap();
    let output = capsule.customers(&customers, 500, b"", 9);
    assert_eq!(
        output.json,
        r#"{"timestamp":9,"error":"Não foi possível recuperar clientes.","code":500}"#
    );
}

#[test]
fn case_26_error_json_keys() {
    let output = Capsule::default().ticket_status(
        &status_input(r#","manter":"x""#),
        500,
        fault("boom").as_bytes(),
        3,
    );
    let value = json(&output.json);
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    let mut expected = vec!["code", "error", "manter", "timestamp"];
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn case_27_manter_echo() {
    let body = status_response("a", &[("Processado", None)]);
    let capsule = Capsule::default();
    let with = capsule.ticket_status(
        &status_input(r#","manter": {"a":[1, 2]}"#),
        200,
        body.as_bytes(),
        1,
    );
    assert!(
        with.json.ends_with(r#","manter":{"a":[1, 2]}}"#),
        "{}",
        with.json
    );
    let error = capsule.ticket_status(&status_input(r#","manter": {"a":[1, 2]}"#), 200, b"x", 1);
    assert!(error.json.ends_with(r#","manter":{"a":[1, 2]}}"#));
    let without = capsule.ticket_status(&status_input(""), 200, body.as_bytes(), 1);
    assert!(!without.json.contains("manter"));
}

#[test]
fn case_28_numero_ticket_echo() {
    let body = status_response("a", &[("Processado", None)]);
    let output = Capsule::default().ticket_status(&status_input(""), 200, body.as_bytes(), 1);
    assert_eq!(json(&output.json)["numeroTicket"], "0999999999999999");
    assert!(output.json.starts_with(
        r#"{"encontrouRegistros":true,"status":200,"processStatus":"SUCCESS","items":[{"#
    ));
}

fn stores_response(inner: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/"><RecuperarLojasLC_Integracao_XmlResult>{inner}</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>"#
    )
}

#[test]
fn case_29_xml_result_second_parse() {
    let inner = "&lt;Tk&gt;&lt;Numero&gt;999999999999&lt;/Numero&gt;&lt;Data&gt;30052019&lt;/Data&gt;&lt;Hora&gt;191120&lt;/Hora&gt;&lt;CodigoSistemaSatelite&gt;000000123&lt;/CodigoSistemaSatelite&gt;&lt;Documentos&gt;&lt;LC_Loja&gt;&lt;Nome&gt;A &amp;amp; B&lt;/Nome&gt;&lt;/LC_Loja&gt;&lt;/Documentos&gt;&lt;/Tk&gt;";
    let ticket = Parser::default()
        .stores(stores_response(inner).as_bytes())
        .unwrap();
    assert_eq!(ticket.numero.as_deref(), Some("999999999999"));
    assert_eq!(ticket.codigo_sistema_satelite.as_deref(), Some("000000123"));
    assert_eq!(ticket.documentos.len(), 1);
    assert_eq!(
        ticket.documentos[0]
            .get("Nome")
            .and_then(live_core::Field::as_text),
        Some("A & B")
    );
}

#[test]
fn case_30_stores_dates_string_and_numeric() {
    let inner = "&lt;Tk&gt;&lt;Numero&gt;999999999999&lt;/Numero&gt;&lt;Data&gt;01062019&lt;/Data&gt;&lt;Hora&gt;091120&lt;/Hora&gt;&lt;CodigoSistemaSatelite&gt;999999999&lt;/CodigoSistemaSatelite&gt;&lt;Documentos&gt;&lt;LC_Loja&gt;&lt;Codigo&gt;1&lt;/Codigo&gt;&lt;/LC_Loja&gt;&lt;/Documentos&gt;&lt;/Tk&gt;";
    let input: StoresInput = read_input(
        r#"{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"999999999"}"#,
    )
    .unwrap();
    let strings = Capsule::default().stores(&input, 200, stores_response(inner).as_bytes(), 1);
    assert_eq!(
        strings.json,
        r#"{"encontrouRegistros":true,"status":200,"data":"01062019","hora":"091120","codigoSistemaSatelite":"999999999","numeroTicketSaida":"999999999999","lojas":[{"Codigo":"1"}]}"#
    );
    let mut numeric = Capsule::default();
    numeric.numeric = true;
    let numeric = numeric.stores(&input, 200, stores_response(inner).as_bytes(), 1);
    assert_eq!(
        numeric.json,
        r#"{"encontrouRegistros":true,"status":200,"data":1062019,"hora":91120,"codigoSistemaSatelite":999999999,"numeroTicketSaida":999999999999,"lojas":[{"Codigo":"1"}]}"#
    );
}

fn customer_response(result: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RecuperarClienteLC_IntegracaoResponse xmlns="http://LiveConnector/"><RecuperarClienteLC_IntegracaoResult xmlns:a="{OBJECTS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">{result}</RecuperarClienteLC_IntegracaoResult></RecuperarClienteLC_IntegracaoResponse></s:Body></s:Envelope>"#
    )
}

#[test]
fn case_31_no_customers_is_still_success() {
    let body = customer_response(
        "<a:CodigoSistemaSatelite>999999999</a:CodigoSistemaSatelite><a:Data>5/30/2019</a:Data><a:Hora>4:04 PM</a:Hora><a:Numero>999999999999</a:Numero>",
    );
    let input: CustomerInput =
        read_input(r#"{"chaveAcesso":"k","codigoSistemaSatelite":"999999999"}"#).unwrap();
    let output = Capsule::default().customers(&input, 200, body.as_bytes(), 1);
    assert_eq!(output.failure, None);
    let value = json(&output.json);
    assert_eq!(
        (value["encontrouRegistros"].clone(), value["status"].clone()),
        (json("false"), json("200"))
    );
    assert_eq!(value["clientes"], json("[]"));
}

#[test]
fn case_32_key_orders() {
    let body = customer_response(
        "<a:CodigoSistemaSatelite>999999999</a:CodigoSistemaSatelite><a:Data>5/30/2019</a:Data><a:Documentos><a:LC_ClienteSaida><a:Nome>ANA</a:Nome><a:Email i:nil=\"true\"/></a:LC_ClienteSaida></a:Documentos><a:Hora>4:04 PM</a:Hora><a:Numero>999999999999</a:Numero>",
    );
    let input: CustomerInput =
        read_input(r#"{"chaveAcesso":"k","codigoSistemaSatelite":"999999999","manter":1}"#)
            .unwrap();
    let output = Capsule::default().customers(&input, 200, body.as_bytes(), 1);
    assert_eq!(
        output.json,
        r#"{"encontrouRegistros":true,"status":200,"data":"5/30/2019","hora":"4:04 PM","numeroTicketSaida":"999999999999","codigoSistemaSatelite":"999999999","clientes":[{"Nome":"ANA","Email":null}],"manter":1}"#
    );
}

#[test]
fn confirmation_and_recuperar_requests() {
    let confirm = request::confirm_ticket(
        URL,
        &Confirmation {
            chave: "k".into(),
            codigo_sistema_satelite: "1".into(),
            numero_ticket: "999".into(),
        },
    )
    .unwrap();
    assert!(confirm.body.contains("<liv:confirmacaoTicket><ren1:Chave>k</ren1:Chave><ren1:CodigoSistemaSatelite>1</ren1:CodigoSistemaSatelite><ren1:NumeroTicket>999</ren1:NumeroTicket><ren1:SituacaoTicketSaida>EnvioConfirmado</ren1:SituacaoTicketSaida></liv:confirmacaoTicket>"));
    let ok = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConfirmarTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"/></s:Body></s:Envelope>"#;
    assert!(Parser::default().confirmation(ok).is_ok());
    assert_eq!(
        Operation::Stores.soap_action(),
        "http://LiveConnector/IFacadeIntegracao/RecuperarLojasLC_Integracao_Xml"
    );
    let identification = Identification {
        chave: "k".into(),
        codigo_sistema_satelite: "1".into(),
        data: None,
        hora: None,
    };
    let stores = request::stores(URL, &StoresQuery::new(identification));
    assert!(stores.body.contains("<liv:codigoSistemaSatelite>1</liv:codigoSistemaSatelite><liv:xmlIdentificacao><![CDATA[<?xml version='1.0' encoding='UTF-8'?><LC_Identificacao><Chave>k</Chave><CodigoSistemaSatelite>1</CodigoSistemaSatelite></LC_Identificacao>]]></liv:xmlIdentificacao></liv:RecuperarLojasLC_Integracao_Xml>"));
}

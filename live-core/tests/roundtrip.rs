//! Every builder's values survive a parse, whatever they hold (`&`, `<`, `]]>`, accents), and
//! no input makes a parser panic.

use live_core::capsule::{Capsule, StatusInput, read_input};
use live_core::request::{
    self, Confirmation, Identification, Login, Payload, StatusQuery, StoresQuery,
};
use live_core::{Limits, LiveErrorKind, Parser};
use proptest::prelude::*;
use quick_xml::NsReader;
use quick_xml::events::Event;

const URL: &str = "http://live.example/LiveConnector/FacadeIntegracao.svc";

/// The text of every leaf element, by local name, in document order.
fn leaves(xml: &str) -> Vec<(String, String)> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<(String, String, bool)> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(start) => {
                if let Some(parent) = stack.last_mut() {
                    parent.2 = true;
                }
                stack.push((
                    start.local_name().into_inner().to_owned(),
                    String::new(),
                    false,
                ));
            }
            Event::Empty(start) => {
                out.push((start.local_name().into_inner().to_owned(), String::new()));
            }
            Event::Text(text) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push(match &*reference {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("entity {other}"),
                    });
                }
            }
            Event::End(_) => {
                let (name, text, has_children) = stack.pop().expect("balanced");
                if !has_children {
                    out.push((name, text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn value_of<'a>(found: &'a [(String, String)], name: &str) -> Option<&'a str> {
    found
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("A&B<1>]]>\"'".to_owned()),
        Just("]]>]]>".to_owned()),
        "[ -~àçãé]{0,20}",
    ]
}

proptest! {
    #[test]
    fn status_and_confirmation_values_survive(chave in text(), codigo in text(), ticket in text()) {
        let query = StatusQuery { chave: chave.clone(), codigo_sistema_satelite: codigo.clone(), numero_ticket: ticket.clone(), parar_processamento_com_erro: Some(false) };
        let found = leaves(&request::ticket_status(URL, &query).body);
        prop_assert_eq!(value_of(&found, "Chave"), Some(chave.as_str()));
        prop_assert_eq!(value_of(&found, "CodigoSistemaSatelite"), Some(codigo.as_str()));
        prop_assert_eq!(value_of(&found, "NumeroTicket"), Some(ticket.as_str()));
        prop_assert_eq!(value_of(&found, "PararProcessamentoComErro"), Some("false"));
        let confirmation = Confirmation { chave: chave.clone(), codigo_sistema_satelite: codigo, numero_ticket: ticket.clone() };
        let confirmed = request::confirm_ticket(URL, &confirmation);
        let refused = ticket.trim().is_empty() || ticket.trim() == "0";
        prop_assert_eq!(confirmed.is_err(), refused);
        prop_assume!(!refused);
        let found = leaves(&confirmed.unwrap().body);
        prop_assert_eq!(value_of(&found, "Chave"), Some(chave.as_str()));
        prop_assert_eq!(value_of(&found, "NumeroTicket"), Some(ticket.as_str()));
    }

    #[test]
    fn key_and_customer_values_survive(codigo in text(), usuario in text(), senha in text(), data in proptest::option::of(text())) {
        let credentials = Login { codigo_sistema_satelite: codigo.clone(), usuario: usuario.clone(), senha: senha.clone() };
        let found = leaves(&request::access_key(URL, &credentials).body);
        prop_assert_eq!(value_of(&found, "Usuario"), Some(usuario.as_str()));
        prop_assert_eq!(value_of(&found, "Senha"), Some(senha.as_str()));
        let identification = Identification { chave: usuario, codigo_sistema_satelite: codigo.clone(), data: data.clone(), hora: None };
        let found = leaves(&request::customers(URL, &identification).body);
        prop_assert_eq!(value_of(&found, "CodigoSistemaSatelite"), Some(codigo.as_str()));
        prop_assert_eq!(value_of(&found, "Data"), data.as_deref());
    }

    #[test]
    fn stores_document_survives_both_payloads(chave in text(), codigo in text(), all in any::<bool>()) {
        let identification = Identification { chave: chave.clone(), codigo_sistema_satelite: codigo.clone(), data: Some("20250601".into()), hora: Some("120000".into()) };
        for payload in [Payload::Cdata, Payload::Escaped] {
            let mut query = StoresQuery::new(identification.clone()).with_all_stores(all);
            query.payload = payload;
            let outer = leaves(&request::stores(URL, &query).body);
            prop_assert_eq!(value_of(&outer, "codigoSistemaSatelite"), Some(codigo.as_str()));
            prop_assert_eq!(value_of(&outer, "retornaTodasLojas"), Some(if all { "true" } else { "false" }));
            let document = value_of(&outer, "xmlIdentificacao").unwrap_or_default().to_owned();
            let inner = leaves(&document);
            prop_assert_eq!(value_of(&inner, "Chave"), Some(chave.as_str()));
            prop_assert_eq!(value_of(&inner, "CodigoSistemaSatelite"), Some(codigo.as_str()));
            prop_assert_eq!(value_of(&inner, "Data"), Some("20250601"));
        }
    }

    #[test]
    fn parsers_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let parser = Parser::default();
        let _ = parser.status(&bytes);
        let _ = parser.stores(&bytes);
        let _ = parser.customers(&bytes);
        let _ = parser.access_key(&bytes);
        let _ = parser.confirmation(&bytes);
    }

    #[test]
    fn parsers_never_panic_on_mutated_responses(cut in 0usize..600, byte in any::<u8>(), at in 0usize..600) {
        let valid = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"><ConsultarStatusTicketLC_IntegracaoResult xmlns:a="http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:X><a:DetalheSituacao i:nil="true"/><a:NumeroSequencia>1</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:X></ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"#;
        let mut bytes = valid.as_bytes().to_vec();
        if at < bytes.len() {
            bytes[at] = byte;
        }
        bytes.truncate(cut.max(1));
        let parser = Parser::default();
        let _ = parser.status(&bytes);
        let input: StatusInput = read_input(r#"{"chaveAcesso":"k","codigoSistemaSatelite":"1","numeroTicket":"0"}"#).unwrap();
        let output = Capsule::default().ticket_status(&input, 200, &bytes, 1);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&output.json).is_ok());
    }
}

#[test]
fn hostile_documents_are_refused() {
    let parser = Parser::default();
    let doctype = br#"<!DOCTYPE s [<!ENTITY e "x">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>"#;
    assert_eq!(
        parser.status(doctype).unwrap_err().kind(),
        LiveErrorKind::Doctype
    );
    let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
    assert_eq!(
        parser.status(deep.as_bytes()).unwrap_err().kind(),
        LiveErrorKind::TooDeep
    );
    let small = Parser::new(Limits::new(10, 64));
    assert_eq!(
        small.status(&[b' '; 11]).unwrap_err().kind(),
        LiveErrorKind::TooLarge
    );
    assert_eq!(
        parser.status(b"<a>&custom;</a>").unwrap_err().kind(),
        LiveErrorKind::Malformed
    );
    assert_eq!(
        parser.status(b"\xff\xfe").unwrap_err().kind(),
        LiveErrorKind::Malformed
    );
    // An _Xml result whose inner document carries a DOCTYPE is refused too.
    let inner = "&lt;!DOCTYPE x&gt;&lt;Tk/&gt;";
    let stores = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/"><RecuperarLojasLC_Integracao_XmlResult>{inner}</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>"#
    );
    let error = parser.stores(stores.as_bytes()).unwrap_err();
    assert_eq!(
        (error.kind(), error.element()),
        (
            LiveErrorKind::Doctype,
            "RecuperarLojasLC_Integracao_XmlResult"
        )
    );
}

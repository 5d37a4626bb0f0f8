//! What the public Protheus sources (RMI: `RmiBusLiveObj`, `RMISTATUSLIVE`) show about the
//! connector, issue 14: the `_Xml` parameter and document, `&#xD;` in inner documents, the
//! refused key in a 200 answer, the confirmation, the status tokens; and the stores capsule's
//! `encontrouRegistros` choice.

mod common;

use common::{URL, answer, stores_answer};
use live_core::capsule::{Capsule, Found, StoresInput, read_input};
use live_core::request::{self, Confirmation, Identification, Login, Payload, StoresQuery};
use live_core::{
    LiveErrorKind, Operation, Parser, ProcessStatus, ProcessStatusPolicy, Situation, StatusItem,
    is_invalid_key_message, process_status,
};

fn identification() -> Identification {
    Identification {
        chave: "c827c0cb-df3b-4872-8153-755f9c57e903".into(),
        ..Identification::new("220000251")
    }
}

#[test]
fn stores_sends_xml_identificacao_with_key_and_satellite_only() {
    assert_eq!(Operation::Stores.xml_parameter(), Some("xmlIdentificacao"));
    assert_eq!(Operation::Customers.xml_parameter(), None);
    let request = request::stores(URL, &StoresQuery::new(identification()));
    let expected = "<liv:RecuperarLojasLC_Integracao_Xml>\
        <liv:codigoSistemaSatelite>220000251</liv:codigoSistemaSatelite>\
        <liv:xmlIdentificacao><![CDATA[<?xml version='1.0' encoding='UTF-8'?>\
        <LC_Identificacao><Chave>c827c0cb-df3b-4872-8153-755f9c57e903</Chave>\
        <CodigoSistemaSatelite>220000251</CodigoSistemaSatelite></LC_Identificacao>]]>\
        </liv:xmlIdentificacao></liv:RecuperarLojasLC_Integracao_Xml>";
    assert!(request.body.contains(expected), "{}", request.body);
    assert!(!request.body.contains("Data"));
    assert!(!request.body.contains("Hora"));
    assert!(!request.body.contains("<liv:identificacao>"));
}

#[test]
fn the_parameter_name_is_the_callers_to_change() {
    let mut query = StoresQuery::new(identification()).with_all_stores(true);
    query.parameter = "identificacao".into();
    query.payload = Payload::Escaped;
    let body = request::stores(URL, &query).body;
    assert!(body.contains("<liv:identificacao>&lt;?xml"), "{body}");
    assert!(body.contains(
        "&lt;/LC_Identificacao&gt;</liv:identificacao><liv:retornaTodasLojas>true</liv:retornaTodasLojas>"
    ));
}

#[test]
fn carriage_returns_escaped_in_an_inner_document_are_read() {
    // The inner document as a .NET writer leaves it: every CR written `&#xD;`, between the
    // lines, inside a value and after the root.
    let inner = "<?xml version=\"1.0\"?>&#xD;\n<LC_TicketLojaSaida>&#xD;\n\
        <Numero>000000000123</Numero>&#xD;\n<Documentos>&#xD;\n\
        <LC_Loja><Nome>Loja&#xD;\nCentro</Nome></LC_Loja>&#xD;\n</Documentos>&#xD;\n\
        </LC_TicketLojaSaida>&#xD;\n";
    let ticket = Parser::default()
        .stores(stores_answer(inner).as_bytes())
        .unwrap();
    assert_eq!(ticket.numero.as_deref(), Some("000000000123"));
    assert_eq!(ticket.documentos.len(), 1);
    assert_eq!(
        ticket.documentos[0]
            .get("Nome")
            .and_then(live_core::Field::as_text),
        Some("Loja\r\nCentro")
    );
}

#[test]
fn an_lc_retorno_refusing_the_key_in_a_200_answer_is_an_invalid_key() {
    let inner = "<LC_Retorno>CHAVE DE ACESSO INVÁLIDA OU EXPIRADA</LC_Retorno>";
    let error = Parser::default()
        .stores(stores_answer(inner).as_bytes())
        .unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::InvalidAccessKey);
    assert_eq!(error.element(), "LC_Retorno");
    assert!(error.detail().starts_with("CHAVE DE ACESSO"));

    let status = answer(
        "ConsultarStatusTicketLC_Integracao",
        "<a:LC_Retorno>Chave de acesso inválida</a:LC_Retorno>",
    );
    let error = Parser::default().status(status.as_bytes()).unwrap_err();
    assert!(error.is_invalid_access_key());

    let capsule = Capsule::default().stores(
        &read_input::<StoresInput>(
            r#"{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"1"}"#,
        )
        .unwrap(),
        200,
        stores_answer(inner).as_bytes(),
        5,
    );
    assert!(
        capsule
            .json
            .contains("\"error\":\"Não foi possível recuperar lojas.\"")
    );
    assert!(capsule.failure.unwrap().is_invalid_access_key());

    // Any other return text is not a refusal.
    let fine = stores_answer(
        "<LC_TicketLojaSaida><Numero>1</Numero><LC_Retorno>PROCESSAMENTO REALIZADO COM SUCESSO</LC_Retorno></LC_TicketLojaSaida>",
    );
    assert!(Parser::default().stores(fine.as_bytes()).is_ok());
}

#[test]
fn the_key_text_is_compared_upper_cased() {
    // `ſ` (long s) upper-cases to `S`: Protheus' Upper() comparison matches it, a lower-cased
    // one does not.
    assert!(is_invalid_key_message("chave de aceſso inválida"));
    assert!(is_invalid_key_message("Erro: Chave de Acesso Inválida"));
    assert!(!is_invalid_key_message("Chave de acesso expirada"));
}

#[test]
fn confirmation_sends_envio_confirmado_and_never_ticket_zero() {
    let confirmation = |ticket: &str| Confirmation {
        chave: "k".into(),
        codigo_sistema_satelite: "1".into(),
        numero_ticket: ticket.into(),
    };
    let body = request::confirm_ticket(URL, &confirmation("000000000123"))
        .unwrap()
        .body;
    assert!(body.contains(
        "<ren1:NumeroTicket>000000000123</ren1:NumeroTicket><ren1:SituacaoTicketSaida>EnvioConfirmado</ren1:SituacaoTicketSaida>"
    ));
    for refused in ["0", " 0 ", "", "  "] {
        let error = request::confirm_ticket(URL, &confirmation(refused)).unwrap_err();
        assert_eq!(error.kind(), LiveErrorKind::InvalidInput, "{refused:?}");
        assert_eq!(error.element(), "NumeroTicket");
    }
}

#[test]
fn status_tokens_follow_protheus() {
    let cases = [
        ("Processado", Situation::Processed),
        ("processado", Situation::Processed),
        // PROCESSADO is tested first, as Protheus does.
        ("ProcessadoComErro", Situation::Processed),
        ("AguardandoProcessamento", Situation::Waiting),
        ("Aguardando Confirmação", Situation::Waiting),
        ("EmProcessamento", Situation::Waiting),
        ("  emprocessamento ", Situation::Waiting),
        // Upper-cased, not stripped: the spaced form is not EMPROCESSAMENTO.
        ("Em Processamento", Situation::Error),
        ("ComErro", Situation::Error),
        ("Cancelado", Situation::Error),
        ("", Situation::Error),
    ];
    for (status, expected) in cases {
        assert_eq!(Situation::of(Some(status)), expected, "{status:?}");
    }
    assert_eq!(Situation::of(None), Situation::Error);
    let item = StatusItem {
        situacao_processamento: Some("Em Processamento".into()),
        ..StatusItem::default()
    };
    assert_eq!(
        process_status(&[item], ProcessStatusPolicy::default()),
        ProcessStatus::Error
    );
}

#[test]
fn encontrou_registros_of_the_stores_capsule_is_a_choice() {
    let input: StoresInput =
        read_input(r#"{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"1"}"#)
            .unwrap();
    let found = |capsule: Capsule, numero: &str| {
        let inner = format!("<LC_TicketLojaSaida><Numero>{numero}</Numero></LC_TicketLojaSaida>");
        let output = capsule.stores(&input, 200, stores_answer(&inner).as_bytes(), 1);
        let value: serde_json::Value = serde_json::from_str(&output.json).unwrap();
        assert_eq!(value["lojas"], serde_json::json!([]));
        value["encontrouRegistros"].as_bool().unwrap()
    };
    // Digibee's example: a ticket without stores, encontrouRegistros true.
    assert!(found(Capsule::default(), "999999999999"));
    assert!(!found(Capsule::default(), "0"));
    let mut documents = Capsule::default();
    documents.stores_found = Found::Documents;
    assert!(!found(documents, "999999999999"));
}

#[test]
fn debug_never_shows_a_secret() {
    let login = Login {
        codigo_sistema_satelite: "1".into(),
        usuario: "ana".into(),
        senha: "s3cr3t-pass".into(),
    };
    let request = request::access_key("https://ana:url-pass@live.example/Live.svc?wsdl", &login);
    assert!(request.body.contains("<Senha>s3cr3t-pass</Senha>"));
    let shown = format!("{request:?} {request:#?} {login:?}");
    assert!(!shown.contains("s3cr3t-pass"), "{shown}");
    assert!(!shown.contains("url-pass"), "{shown}");
    assert!(shown.contains("https://<redacted>@live.example/Live.svc?wsdl"));
    assert!(shown.contains("ObterChaveAcessoLC_Integracao"));
    let keyed = request::stores(URL, &StoresQuery::new(identification()));
    assert!(!format!("{keyed:?}").contains("c827c0cb"));
}

//! The clean accessors over raw wire values: trimmed, typed and decoded views.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::catalog::{Disposition, FaultCode, Priority, RecordStatus, ServerCode};
use taf_core::{
    DeleteType, GetPage, Item, ItemId, KeyKind, PostResponse, Reply, ReplyError, Wire,
    decode_ret_response,
};

const RET: &str = "<eSocial><retornoEvento Id=\"ID1\"><recibo><nrRecibo>1.2.3</nrRecibo></recibo></retornoEvento></eSocial>";

fn processed_page(status: &str, receipt: &str, delete_type: Option<&str>, xml: &str) -> GetPage {
    let delete_type = delete_type.map_or(String::new(), |d| format!(",\"deleteType\" : \"{d}\""));
    let body = format!(
        "{{ \"type\" : \"registryKey\",\"code\" : \"K1\",\"items\" : [{{ \"success\" : true ,\"proccessed\" : true ,\"description\" : \"Registro Processado.\",\"ticketCode\" : \"T1\",\"statusCode\" : \"{status}\",\"statusDescription\" : \"x\",\"active\" : true,\"receiptNumber\" : \"{receipt}\"{delete_type},\"streamingErrors\" : [],\"xmlRetResponse\" : \"{xml}\"}}],\"lastRecNo\" : 7,\"maxRecNo\" : 9}}"
    );
    GetPage::decode(body.as_bytes()).unwrap()
}

#[test]
fn processed_items_expose_typed_status_trimmed_receipt_and_delete_type() {
    let page = processed_page("4", "1.2.0000000000000000001   ", Some("1"), "");
    let Item::Processed(item) = &page.items[0] else {
        panic!("expected a processed item")
    };
    assert_eq!(item.status(), Some(RecordStatus::Authorized));
    assert!(item.is_final());
    assert_eq!(item.receipt(), Some("1.2.0000000000000000001"));
    assert_eq!(item.receipt_number, "1.2.0000000000000000001   ");
    assert_eq!(item.delete_type(), Some(DeleteType::Exclusion));
    assert_eq!(item.id, ItemId::TicketCode("T1".into()));
    assert!(!page.is_last());

    let blank = processed_page(" ", "", Some("0"), "");
    let Item::Processed(item) = &blank.items[0] else {
        panic!("expected a processed item")
    };
    assert_eq!(item.status(), Some(RecordStatus::Integrated));
    assert_eq!(item.receipt(), None);
    assert_eq!(item.delete_type(), Some(DeleteType::Direct));
    assert!(
        item.is_final(),
        "a direct deletion is final whatever its status"
    );

    // " " and "" read alike, as the server's own statusDescription does; an empty statusCode
    // (code 000026, or the record is gone) is final, a blank one is still moving.
    let unpositioned = processed_page("", "", None, "");
    let Item::Processed(item) = &unpositioned.items[0] else {
        panic!("expected a processed item")
    };
    assert_eq!(item.status(), Some(RecordStatus::Integrated));
    assert_eq!(item.delete_type(), None);
    assert!(item.is_final());
    let moving = processed_page(" ", "", None, "");
    let Item::Processed(item) = &moving.items[0] else {
        panic!("expected a processed item")
    };
    assert!(!item.is_final());
}

#[test]
fn ret_response_is_decoded_once_or_twice_until_it_is_xml() {
    let once = STANDARD.encode(RET);
    let twice = STANDARD.encode(&once);
    assert_eq!(decode_ret_response(&once).as_deref(), Some(RET));
    assert_eq!(decode_ret_response(&twice).as_deref(), Some(RET));
    let page = processed_page("3", "", None, &twice);
    let Item::Processed(item) = &page.items[0] else {
        panic!("expected a processed item")
    };
    assert_eq!(item.ret_response_xml().as_deref(), Some(RET));
    assert_eq!(decode_ret_response(""), None);
    assert_eq!(decode_ret_response("not base64!"), None);
    assert_eq!(decode_ret_response(&STANDARD.encode("plain text")), None);
}

#[test]
fn pending_items_expose_the_xerp_error_and_priority() {
    let body = r#"{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." ,"registryKey" : "K1","errorCode" : "000007","errorDescription" : "","errorDetail" : "","registryPriority" : "2","integrationQueue" : "F","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""},{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K2","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 11,"maxRecNo" : 11}"#;
    let page = GetPage::decode(body.as_bytes()).unwrap();
    let [Item::Pending(failed), Item::Pending(waiting)] = page.items.as_slice() else {
        panic!("expected two pending items")
    };
    let error = failed.error().unwrap();
    assert_eq!(error.disposition(), Disposition::Queue);
    assert!(!failed.is_waiting());
    assert_eq!(failed.priority(), Some(Priority::High));
    assert!(!failed.is_final(), "queue flag F: back in TAF's queue");
    assert!(waiting.is_waiting());
    assert!(!waiting.is_final());
    assert_eq!(waiting.error(), None);
    assert_eq!(waiting.priority(), None);
    assert_eq!(page.items[1].id().kind(), KeyKind::RegistryKey);
    assert!(page.is_last());
}

#[test]
fn a_rejected_item_and_a_lost_result_are_final() {
    let body = r#"{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." ,"registryKey" : "K1","errorCode" : "000009","errorDescription" : "","errorDetail" : "","registryPriority" : "5","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""},{ "success" : true ,"proccessed" : false ,"description" : "Registro não encontrado na tabela TAFXERP." ,"registryKey" : "K2","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 11,"maxRecNo" : 11}"#;
    let page = GetPage::decode(body.as_bytes()).unwrap();
    let [Item::Pending(rejected), Item::Pending(lost)] = page.items.as_slice() else {
        panic!("expected two pending items")
    };
    assert!(rejected.is_final());
    assert!(lost.is_result_missing() && !lost.is_waiting() && lost.is_final());
}

#[test]
fn not_found_page_is_last_whatever_max_rec_no_says() {
    let body = r#"{ "type" : "registryKey","code" : "K1","items" : [{ "success" : false,"proccessed" : false ,"description" : "x","ticketCode" : "K1"}],"lastRecNo" : 0,"maxRecNo" : 10}"#;
    let page = GetPage::decode(body.as_bytes()).unwrap();
    assert!(page.is_not_found());
    assert!(page.is_last());
    assert_eq!(page.items[0].id().value(), "K1");
}

#[test]
fn replies_convert_to_results_with_typed_codes() {
    let envelope = br#"{"coderr" : 811,"description" : "x"}"#;
    let reply = Reply::<PostResponse>::decode(200, envelope).unwrap();
    let Err(ReplyError::Envelope(entry)) = reply.into_result() else {
        panic!("expected an envelope")
    };
    assert_eq!(entry.server_code(), Some(ServerCode::BranchNotIdentified));

    let fault = br#"{"errorCode":702,"errorMessage":"Erro na Criacao/Abertura da tabela TAFST2."}"#;
    let reply = Reply::<PostResponse>::decode(500, fault).unwrap();
    let Err(ReplyError::Fault(fault)) = reply.clone().into_result() else {
        panic!("expected a fault")
    };
    assert_eq!(fault.fault_code(), Some(FaultCode::TableUnavailable));
    assert_eq!(
        fault.to_string(),
        "HTTP 500 fault 702: Erro na Criacao/Abertura da tabela TAFST2."
    );
    assert!(reply.body().is_none());

    let raw = Reply::<PostResponse>::decode(502, b" Bad gateway \n").unwrap();
    let Reply::Fault(fault) = raw else {
        panic!("expected a fault")
    };
    assert_eq!((fault.code(), fault.message()), (None, "Bad gateway"));
}

#[test]
fn a_2xx_body_that_is_not_the_expected_message_is_an_error_not_a_fault() {
    let error = Reply::<GetPage>::decode(200, b"<html>proxy</html>").unwrap_err();
    assert_eq!(error.kind().code(), "syntax");
    assert_eq!(error.offset(), 0);
}

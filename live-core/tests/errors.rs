//! The crate's one error type: capsule inputs that are not JSON, the judgement of an answer by
//! fault before HTTP status, and what an error shows.

mod common;

use common::{answer, fault};
use live_core::capsule::{StatusInput, read_input};
use live_core::{LiveErrorKind, Parser, judge};

#[test]
fn a_bad_capsule_input_names_the_field_and_the_byte() {
    let text = "{\n  \"chaveAcesso\": \"k\",\n  \"codigoSistemaSatelite\": 7\n}";
    let error = read_input::<StatusInput>(text).unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::InvalidInput);
    assert_eq!(error.code(), "invalid_input");
    // serde_json stops at the 7: line 3, column 28, which is byte 51.
    assert_eq!(error.offset(), 51);
    assert_eq!(&text[51..52], "7");
    assert!(error.detail().contains("invalid type"), "{error}");
    let missing = read_input::<StatusInput>(r#"{"chaveAcesso":"k"}"#).unwrap_err();
    assert!(
        missing.detail().contains("codigoSistemaSatelite"),
        "{missing}"
    );
}

#[test]
fn judge_decides_by_fault_before_http_status() {
    let parser = Parser::default();
    let ok = answer("ConfirmarTicketLC_Integracao", "");
    assert!(judge(200, parser.confirmation(ok.as_bytes())).is_ok());
    let http = judge(500, parser.confirmation(ok.as_bytes())).unwrap_err();
    assert_eq!(
        (http.kind(), http.http_status()),
        (LiveErrorKind::HttpStatus, Some(500))
    );
    let failed = fault("Erro interno");
    let by_fault = judge(500, parser.confirmation(failed.as_bytes())).unwrap_err();
    assert_eq!(by_fault.kind(), LiveErrorKind::Fault);
    assert_eq!(by_fault.http_status(), None);
    let garbage = judge(404, parser.confirmation(b"<html>")).unwrap_err();
    assert_eq!(garbage.kind(), LiveErrorKind::HttpStatus);
    let unreadable = judge(200, parser.confirmation(b"<html>")).unwrap_err();
    assert_eq!(unreadable.kind(), LiveErrorKind::Malformed);
}

#[test]
fn an_error_shows_its_code_element_and_detail() {
    let error = Parser::default()
        .status(fault("Erro interno").as_bytes())
        .unwrap_err();
    assert_eq!(error.to_string(), "fault in Fault: Erro interno");
    assert_eq!(error.fault_code(), Some("a:InternalServiceFault"));
    let http = judge::<()>(503, Err(error)).unwrap_err();
    assert_eq!(http.to_string(), "fault in Fault: Erro interno");
    let malformed = Parser::default().status(b"<a><b></a>").unwrap_err();
    assert!(
        malformed.to_string().starts_with("malformed at byte "),
        "{malformed}"
    );
}

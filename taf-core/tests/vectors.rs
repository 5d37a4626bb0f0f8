//! Runs the language-neutral vectors in `tests/vectors/` against the decoders and encoders.

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use taf_core::{
    DecodeError, DeleteRequest, DeleteResponse, GetPage, GetQuery, PostRequest, PostResponse,
    Reply, Wire,
};

fn load(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let cases = document["cases"].as_array().unwrap().clone();
    assert!(!cases.is_empty(), "{name} has no cases");
    cases
}

fn text(case: &Value, key: &str) -> String {
    case[key].as_str().unwrap().to_owned()
}

fn body_bytes(case: &Value) -> Vec<u8> {
    match case.get("body_base64") {
        Some(encoded) => STANDARD.decode(encoded.as_str().unwrap()).unwrap(),
        None => text(case, "body").into_bytes(),
    }
}

fn encode_reply<T: Wire>(reply: &Reply<T>) -> String {
    match reply {
        Reply::Body(body) => body.encode(),
        Reply::Envelope(entry) => entry.encode(),
        Reply::Fault(fault) => fault.encode_body(),
    }
}

/// Decoding gives the expected canonical model; for exact cases, encoding the model gives the
/// body back byte for byte.
fn check_reply<T>(case: &Value, decoded: Result<Reply<T>, DecodeError>)
where
    T: Wire + Serialize + DeserializeOwned,
{
    let id = text(case, "id");
    let decoded = decoded.unwrap_or_else(|error| panic!("{id}: {error}"));
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        case["reply"],
        "{id}: decoded model"
    );
    if case["exact"] == true {
        let model: Reply<T> = serde_json::from_value(case["reply"].clone()).unwrap();
        assert_eq!(
            encode_reply(&model),
            text(case, "body"),
            "{id}: encoded bytes"
        );
    }
}

#[test]
fn responses_decode_to_their_models_and_encode_back_exactly() {
    for case in &load("responses.json") {
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let body = body_bytes(case);
        match case["method"].as_str().unwrap() {
            "POST" => check_reply(case, Reply::<PostResponse>::decode(status, &body)),
            "GET" => check_reply(case, Reply::<GetPage>::decode(status, &body)),
            "DELETE" => check_reply(case, Reply::<DeleteResponse>::decode(status, &body)),
            other => panic!("unknown method {other}"),
        }
    }
}

fn check_request<T>(case: &Value, decoded: Result<T, DecodeError>, encode: impl Fn(&T) -> String)
where
    T: Serialize + DeserializeOwned,
{
    let id = text(case, "id");
    let decoded = decoded.unwrap_or_else(|error| panic!("{id}: {error}"));
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        case["model"],
        "{id}: decoded model"
    );
    if case["exact"] == true {
        let model: T = serde_json::from_value(case["model"].clone()).unwrap();
        assert_eq!(encode(&model), text(case, "body"), "{id}: encoded bytes");
    }
}

#[test]
fn requests_decode_to_their_models_and_encode_back_exactly() {
    for case in &load("requests.json") {
        let body = text(case, "body");
        match case["kind"].as_str().unwrap() {
            "post_request" => {
                check_request(case, PostRequest::decode(body.as_bytes()), Wire::encode);
            }
            "delete_request" => {
                check_request(case, DeleteRequest::decode(body.as_bytes()), Wire::encode);
            }
            "get_query" => check_request(
                case,
                GetQuery::from_query_string(&body),
                GetQuery::to_query_string,
            ),
            other => panic!("unknown kind {other}"),
        }
    }
}

#[test]
fn malformed_inputs_fail_with_kind_field_and_offset() {
    for case in &load("decode_errors.json") {
        let id = text(case, "id");
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let body = text(case, "body");
        let bytes = body.as_bytes();
        let error = match case["kind"].as_str().unwrap() {
            "post_reply" => Reply::<PostResponse>::decode(status, bytes).map(drop),
            "get_reply" => Reply::<GetPage>::decode(status, bytes).map(drop),
            "post_request" => PostRequest::decode(bytes).map(drop),
            "delete_request" => DeleteRequest::decode(bytes).map(drop),
            "get_query" => GetQuery::from_query_string(&body).map(drop),
            other => panic!("unknown kind {other}"),
        }
        .expect_err(&id);
        let expected = &case["error"];
        assert_eq!(
            error.kind().code(),
            expected["kind"],
            "{id}: kind ({error})"
        );
        assert_eq!(error.field(), expected["field"], "{id}: field ({error})");
        assert_eq!(
            error.offset() as u64,
            expected["offset"].as_u64().unwrap(),
            "{id}: offset ({error})"
        );
    }
}

//! The JSON layout contract (docs/json-contract.md): what the C `*_to_json` functions and the
//! ADVPL bridge write, from fixed inputs, equals the checked-in vectors under
//! `tests/vectors/json-contract/`, field names, nesting, types and enum spellings included.
//!
//! A renamed Rust field or enum variant changes an output here and fails this test instead
//! of a C, Python or ADVPL program. On a mismatch the test writes what the code produced to
//! `target/json-contract/` (same layout as the vector file) and names the cases that differ;
//! a deliberate layout change is a contract change: review that file against the docs before
//! copying it over the vector.

#![allow(unsafe_code)]

use std::collections::BTreeMap;
use std::ffi::{c_char, c_int};
use std::path::{Path, PathBuf};
use std::ptr;

use serde_json::{Value, json};
use taf::advpl::ExecInClientDLL;
use taf::emulator::{
    taf_emulator, taf_emulator_add_branch, taf_emulator_free, taf_emulator_handle,
    taf_emulator_new, taf_emulator_process, taf_emulator_set_clock, taf_emulator_tables_json,
    taf_emulator_transmit,
};
use taf::endpoint::{taf_endpoint, taf_endpoint_free, taf_endpoint_new};
use taf::endpoint_requests::taf_endpoint_post_request;
use taf::event::{taf_event_free, taf_event_item, taf_event_to_json};
use taf::item::taf_item_to_json;
use taf::live::taf_live_parse;
use taf::live_capsule::{taf_live_capsule, taf_live_capsule_with};
use taf::lote::{
    taf_event_sniff, taf_lote_builder_add_event, taf_lote_builder_build, taf_lote_builder_free,
    taf_lote_builder_lote, taf_lote_builder_new,
};
use taf::paginator::{
    taf_paginator_cursor_json, taf_paginator_free, taf_paginator_handle_response,
    taf_paginator_new, taf_paginator_next_request, taf_paginator_poll,
};
use taf::post::{taf_post_response_decode, taf_post_response_free};
use taf::preflight::{
    taf_preflight_add_branch, taf_preflight_check, taf_preflight_free, taf_preflight_new,
    taf_verdict_free, taf_verdict_to_json,
};
use taf::query::{taf_get_query_free, taf_get_query_new, taf_get_query_set_ticket_code};
use taf::request::{taf_http_request, taf_http_request_free};
use taf::response::{taf_http_response_body, taf_http_response_free, taf_http_response_status};
use taf::result::taf_result;
use taf::tracker::{
    taf_tracker_free, taf_tracker_from_post, taf_tracker_handle_response, taf_tracker_next_request,
    taf_tracker_report_json,
};

const S1010: &str = include_str!("../../tests/fixtures/events/s1010.xml");
const SERVER_CLOCK: u64 = 1_749_566_400; // 2025-06-10 14:40:00 UTC

/// The vector file `name` under `tests/vectors/json-contract/`.
fn vector_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/json-contract")
        .join(name)
}

fn read_vector(name: &str) -> Value {
    let text = std::fs::read_to_string(vector_path(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Fails naming `differing` after writing `actual` to `target/json-contract/<name>`.
fn fail_with(name: &str, actual: &Value, differing: &[String]) {
    if differing.is_empty() {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/json-contract");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut text = serde_json::to_string_pretty(actual).unwrap();
    text.push('\n');
    std::fs::write(&path, text).unwrap();
    panic!(
        "{name}: the JSON of {differing:?} differs from the contract vectors; what the code \
         wrote is in {}",
        path.display()
    );
}

fn ok(result: taf_result) {
    assert_eq!(result, taf_result::Ok);
}

/// What an output function writes, as JSON.
fn output(write: impl Fn(*mut c_char, usize, *mut usize) -> taf_result) -> Value {
    let mut buf = vec![0u8; 1 << 20];
    let mut written = 0;
    ok(write(buf.as_mut_ptr().cast(), buf.len(), &raw mut written));
    serde_json::from_slice(&buf[..written]).unwrap()
}

/// Raw text an output function writes.
fn output_text(write: impl Fn(*mut c_char, usize, *mut usize) -> taf_result) -> String {
    let mut buf = vec![0u8; 1 << 20];
    let mut written = 0;
    ok(write(buf.as_mut_ptr().cast(), buf.len(), &raw mut written));
    String::from_utf8(buf[..written].to_vec()).unwrap()
}

/// Sends `request` (consumed) to the emulator: the answer's status and body.
fn exchange(emulator: *mut taf_emulator, request: *mut taf_http_request) -> (u16, Vec<u8>) {
    let mut response = ptr::null_mut();
    // SAFETY: live handles and a writable out-pointer.
    unsafe {
        ok(taf_emulator_handle(emulator, request, &raw mut response));
        taf_http_request_free(request);
    }
    let mut status = 0;
    let mut body = vec![0u8; 1 << 20];
    let mut written = 0;
    // SAFETY: a live response and writable outputs.
    unsafe {
        ok(taf_http_response_status(response, &raw mut status));
        ok(taf_http_response_body(
            response,
            body.as_mut_ptr(),
            body.len(),
            &raw mut written,
        ));
        taf_http_response_free(response);
    }
    body.truncate(written);
    (status, body)
}

/// The lote of the S-1010 fixture for ticket T1 on branch B1.
fn lote() -> String {
    let mut builder = ptr::null_mut();
    let mut count = 0;
    // SAFETY: inputs of their lengths and writable out-pointers.
    unsafe {
        ok(taf_lote_builder_new(
            c"T1".as_ptr(),
            2,
            c"B1".as_ptr(),
            2,
            &raw mut builder,
        ));
        ok(taf_lote_builder_add_event(
            builder,
            S1010.as_ptr(),
            S1010.len(),
            ptr::null(),
            0,
            ptr::null(),
            0,
        ));
        ok(taf_lote_builder_build(builder, &raw mut count));
    }
    assert_eq!(count, 1);
    // SAFETY: a live builder.
    let body = output_text(|buf, len, written| unsafe {
        taf_lote_builder_lote(builder, 0, buf, len, written)
    });
    // SAFETY: the builder is not used afterwards.
    unsafe { taf_lote_builder_free(builder) };
    body
}

/// The TAF side of the C library: sniffing, preflight, the emulator's tables, the tracker's
/// report, the paginator's events, items and cursor.
fn taf_outputs(cases: &mut BTreeMap<String, Value>) {
    let mut put = |name: &str, value: Value| {
        cases.insert(name.to_owned(), value);
    };
    // SAFETY: the fixture's bytes.
    put(
        "taf_event_sniff",
        output(|buf, len, written| unsafe {
            taf_event_sniff(S1010.as_ptr(), S1010.len(), buf, len, written)
        }),
    );
    let body = lote();

    let mut preflight = ptr::null_mut();
    // SAFETY: inputs of their lengths and writable out-pointers.
    unsafe {
        ok(taf_preflight_new(&raw mut preflight));
        ok(taf_preflight_add_branch(
            preflight,
            c"G1".as_ptr(),
            2,
            c"B1".as_ptr(),
            2,
        ));
    }
    for (name, lote) in [
        ("taf_verdict_to_json.accepted", body.clone()),
        (
            "taf_verdict_to_json.unknown_branch",
            body.replace("\"B1\"", "\"B9\""),
        ),
    ] {
        let mut verdict = ptr::null_mut();
        // SAFETY: a live preflight, the lote's bytes, a writable out-pointer.
        unsafe {
            ok(taf_preflight_check(
                preflight,
                lote.as_ptr(),
                lote.len(),
                &raw mut verdict,
            ));
        }
        // SAFETY: a live verdict.
        put(
            name,
            output(|buf, len, written| unsafe { taf_verdict_to_json(verdict, buf, len, written) }),
        );
        // SAFETY: the verdict is not used afterwards.
        unsafe { taf_verdict_free(verdict) };
    }
    // SAFETY: the preflight is not used afterwards.
    unsafe { taf_preflight_free(preflight) };

    let url = "http://taf.example";
    let (mut emulator, mut endpoint) = (ptr::null_mut(), ptr::null_mut::<taf_endpoint>());
    let mut request = ptr::null_mut();
    // SAFETY: inputs of their lengths and writable out-pointers.
    unsafe {
        ok(taf_emulator_new(&raw mut emulator));
        ok(taf_emulator_add_branch(
            emulator,
            c"G1".as_ptr(),
            2,
            c"B1".as_ptr(),
            2,
        ));
        ok(taf_emulator_set_clock(emulator, SERVER_CLOCK));
        ok(taf_endpoint_new(
            url.as_ptr().cast(),
            url.len(),
            &raw mut endpoint,
        ));
        ok(taf_endpoint_post_request(
            endpoint,
            body.as_ptr(),
            body.len(),
            &raw mut request,
        ));
    }
    let (status, answer) = exchange(emulator, request);
    let mut post = ptr::null_mut();
    let (mut handled, mut failed) = (0, 0);
    let mut tracker = ptr::null_mut();
    // SAFETY: live handles, inputs of their lengths and writable out-pointers.
    unsafe {
        ok(taf_post_response_decode(
            status,
            answer.as_ptr(),
            answer.len(),
            &raw mut post,
        ));
        ok(taf_tracker_from_post(
            body.as_ptr(),
            body.len(),
            post,
            endpoint,
            &raw mut tracker,
        ));
        taf_post_response_free(post);
        ok(taf_emulator_process(
            emulator,
            &raw mut handled,
            &raw mut failed,
        ));
        ok(taf_emulator_transmit(
            emulator,
            &raw mut handled,
            &raw mut failed,
        ));
    }
    // SAFETY: a live emulator.
    put(
        "taf_emulator_tables_json",
        output(|buf, len, written| unsafe {
            taf_emulator_tables_json(emulator, buf, len, written)
        }),
    );

    // SAFETY: a live tracker and a writable out-pointer.
    unsafe { ok(taf_tracker_next_request(tracker, &raw mut request)) };
    let (status, page) = exchange(emulator, request);
    // SAFETY: a live tracker and the page's bytes.
    unsafe {
        ok(taf_tracker_handle_response(
            tracker,
            status,
            page.as_ptr(),
            page.len(),
        ));
    }
    // SAFETY: a live tracker.
    put(
        "taf_tracker_report_json",
        output(|buf, len, written| unsafe { taf_tracker_report_json(tracker, buf, len, written) }),
    );
    // SAFETY: the tracker is not used afterwards.
    unsafe { taf_tracker_free(tracker) };

    let (mut query, mut paginator, mut event, mut item) = (
        ptr::null_mut(),
        ptr::null_mut(),
        ptr::null_mut(),
        ptr::null(),
    );
    // SAFETY: live handles, inputs of their lengths and writable out-pointers.
    unsafe {
        ok(taf_get_query_new(&raw mut query));
        ok(taf_get_query_set_ticket_code(query, c"T1".as_ptr(), 2));
        ok(taf_paginator_new(query, endpoint, 0, &raw mut paginator));
        taf_get_query_free(query);
    }
    // SAFETY: a live paginator.
    put(
        "taf_paginator_cursor_json.start",
        output(|buf, len, written| unsafe {
            taf_paginator_cursor_json(paginator, buf, len, written)
        }),
    );
    // SAFETY: a live paginator and a writable out-pointer.
    unsafe { ok(taf_paginator_next_request(paginator, &raw mut request)) };
    let (status, page) = exchange(emulator, request);
    // SAFETY: live handles, the page's bytes and writable out-pointers.
    unsafe {
        ok(taf_paginator_handle_response(
            paginator,
            status,
            page.as_ptr(),
            page.len(),
        ));
        ok(taf_paginator_poll(paginator, &raw mut event));
        ok(taf_event_item(event, &raw mut item));
    }
    // SAFETY: live handles.
    put(
        "taf_event_to_json.item",
        output(|buf, len, written| unsafe { taf_event_to_json(event, buf, len, written) }),
    );
    // SAFETY: a borrowed item of a live event.
    put(
        "taf_item_to_json.processed",
        output(|buf, len, written| unsafe { taf_item_to_json(item, buf, len, written) }),
    );
    // SAFETY: a live paginator.
    put(
        "taf_paginator_cursor_json.finished",
        output(|buf, len, written| unsafe {
            taf_paginator_cursor_json(paginator, buf, len, written)
        }),
    );
    // SAFETY: none of these is used afterwards.
    unsafe {
        taf_event_free(event);
        taf_paginator_free(paginator);
        taf_endpoint_free(endpoint);
        taf_emulator_free(emulator);
    }
}

const LIVE_STATUS: &str = concat!(
    r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>"#,
    r#"<ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/">"#,
    r#"<ConsultarStatusTicketLC_IntegracaoResult xmlns:a="http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<a:LC_StatusTicket><a:DetalheSituacao i:nil="true"/><a:NumeroSequencia>1</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:LC_StatusTicket>"#,
    r#"<a:LC_StatusTicket><a:DetalheSituacao>CPF invalido</a:DetalheSituacao><a:NumeroSequencia>2</a:NumeroSequencia><a:SituacaoProcessamento>Erro</a:SituacaoProcessamento></a:LC_StatusTicket>"#,
    r#"</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"#,
);

const LIVE_STORES: &str = concat!(
    r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>"#,
    r#"<RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/"><RecuperarLojasLC_Integracao_XmlResult>"#,
    "&lt;LC_TicketSaida&gt;&lt;Numero&gt;0190601120000123&lt;/Numero&gt;&lt;Data&gt;01062019&lt;/Data&gt;",
    "&lt;Hora&gt;120000&lt;/Hora&gt;&lt;CodigoSistemaSatelite&gt;220000251&lt;/CodigoSistemaSatelite&gt;",
    "&lt;Documentos&gt;&lt;LC_Loja&gt;&lt;Codigo&gt;01&lt;/Codigo&gt;&lt;Nome&gt;Loja Centro&lt;/Nome&gt;",
    "&lt;Enderecos&gt;&lt;Endereco&gt;&lt;Cidade&gt;Recife&lt;/Cidade&gt;&lt;/Endereco&gt;&lt;/Enderecos&gt;",
    "&lt;/LC_Loja&gt;&lt;/Documentos&gt;&lt;/LC_TicketSaida&gt;",
    r#"</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>"#,
);

const LIVE_CUSTOMERS: &str = concat!(
    r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>"#,
    r#"<RecuperarClienteLC_IntegracaoResponse xmlns="http://LiveConnector/"><RecuperarClienteLC_IntegracaoResult>"#,
    "&lt;LC_TicketSaida&gt;&lt;Numero&gt;0190601120000124&lt;/Numero&gt;",
    "&lt;Documentos&gt;&lt;LC_Cliente&gt;&lt;Codigo&gt;C1&lt;/Codigo&gt;&lt;Nome&gt;Maria&lt;/Nome&gt;",
    "&lt;/LC_Cliente&gt;&lt;/Documentos&gt;&lt;/LC_TicketSaida&gt;",
    r#"</RecuperarClienteLC_IntegracaoResult></RecuperarClienteLC_IntegracaoResponse></s:Body></s:Envelope>"#,
);

const LIVE_FAULT: &str = concat!(
    r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>"#,
    "<faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inválida</faultstring>",
    "</s:Fault></s:Body></s:Envelope>",
);

const STATUS_INPUT: &str = r#"{"chaveAcesso":"k","codigoSistemaSatelite":"220000251","numeroTicket":"0191211140546677","manter":{"pedido":7}}"#;
const STORES_INPUT: &str = r#"{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"220000251","manter":[1]}"#;
const CUSTOMER_INPUT: &str = r#"{"chaveAcesso":"k","codigoSistemaSatelite":"220000251"}"#;

/// The Live side of the C library: parsed answers and capsule outputs.
fn live_outputs(cases: &mut BTreeMap<String, Value>) {
    for (name, operation, body) in [
        ("taf_live_parse.status", 1, LIVE_STATUS),
        ("taf_live_parse.stores", 2, LIVE_STORES),
        ("taf_live_parse.customers", 3, LIVE_CUSTOMERS),
    ] {
        // SAFETY: the body's bytes.
        let value = output(|buf, len, written| unsafe {
            taf_live_parse(operation, body.as_ptr(), body.len(), buf, len, written)
        });
        cases.insert(name.to_owned(), value);
    }
    for (name, operation, input, status, body) in [
        ("taf_live_capsule.status", 1, STATUS_INPUT, 200, LIVE_STATUS),
        (
            "taf_live_capsule.status_fault",
            1,
            STATUS_INPUT,
            500,
            LIVE_FAULT,
        ),
        ("taf_live_capsule.stores", 2, STORES_INPUT, 200, LIVE_STORES),
        (
            "taf_live_capsule.customers",
            3,
            CUSTOMER_INPUT,
            200,
            LIVE_CUSTOMERS,
        ),
    ] {
        // SAFETY: the input's and the body's bytes.
        let value = output(|buf, len, written| unsafe {
            taf_live_capsule(
                operation,
                input.as_ptr().cast(),
                input.len(),
                status,
                body.as_ptr(),
                body.len(),
                1_559_243_275_088,
                false,
                buf,
                len,
                written,
            )
        });
        cases.insert(name.to_owned(), value);
    }
    // Numeric rendering, "found" meaning documents, processStatus SUCCESS for no item.
    // SAFETY: the input's and the body's bytes.
    let value = output(|buf, len, written| unsafe {
        taf_live_capsule_with(
            2,
            STORES_INPUT.as_ptr().cast(),
            STORES_INPUT.len(),
            200,
            LIVE_STORES.as_ptr(),
            LIVE_STORES.len(),
            0,
            true,
            1,
            false,
            2,
            buf,
            len,
            written,
        )
    });
    cases.insert(
        "taf_live_capsule_with.stores_numeric_documents".to_owned(),
        value,
    );
}

#[test]
fn c_outputs_match_the_contract_vectors() {
    let mut cases = BTreeMap::new();
    taf_outputs(&mut cases);
    live_outputs(&mut cases);
    let expected = read_vector("c.json");
    let expected = expected["cases"].as_object().unwrap();
    let mut differing: Vec<String> = cases
        .iter()
        .filter(|(name, value)| expected.get(name.as_str()) != Some(value))
        .map(|(name, _)| name.clone())
        .collect();
    differing.extend(
        expected
            .keys()
            .filter(|name| !cases.contains_key(name.as_str()))
            .cloned(),
    );
    let mut actual = read_vector("c.json");
    actual["cases"] = json!(cases);
    fail_with("c.json", &actual, &differing);
}

/// The bridge's answer to `command`, as JSON.
fn bridge(command: &Value) -> Value {
    let mut input = serde_json::to_vec(command).unwrap();
    input.push(0);
    let mut answer = vec![0u8; 1 << 20];
    let capacity = c_int::try_from(answer.len()).unwrap();
    // SAFETY: a NUL-terminated input and a writable buffer of `capacity` bytes.
    let written = unsafe {
        ExecInClientDLL(
            1,
            input.as_mut_ptr().cast(),
            answer.as_mut_ptr().cast(),
            capacity,
        )
    };
    let written = usize::try_from(written).unwrap();
    serde_json::from_slice(&answer[..written]).unwrap()
}

#[test]
fn advpl_answers_match_the_contract_vectors() {
    let mut vectors = read_vector("advpl.json");
    let mut differing = Vec::new();
    for case in vectors["cases"].as_array_mut().unwrap() {
        let answer = bridge(&case["command"]);
        if case["answer"] != answer {
            differing.push(case["id"].as_str().unwrap().to_owned());
            case["answer"] = answer;
        }
    }
    fail_with("advpl.json", &vectors, &differing);
}

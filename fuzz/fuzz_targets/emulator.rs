//! The emulator's request handling (GET, POST, DELETE and their preflight) on arbitrary input.
//! Never a panic; every POST answer is the preflight's prediction, and a 200 answer decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taf_core::{BranchMap, Headers, HttpRequest, Method, DeleteResponse, PostResponse, Reply};
use taf_core::emulator::{Config, Emulator};
use taf_core::preflight::{Preflight, ServerRules};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let rules = ServerRules::new(BranchMap::sample());
    let mut emulator = Emulator::new(Config::new(rules.clone()));
    let (method, url, body) = match selector % 3 {
        0 => (Method::Post, "/rest/wstafst2".to_owned(), rest.to_vec()),
        1 => (Method::Delete, "/rest/wstafst2?sourceBranch=0100".to_owned(), rest.to_vec()),
        _ => (
            Method::Get,
            format!("/rest/wstafst2?{}", String::from_utf8_lossy(rest)),
            Vec::new(),
        ),
    };
    let request = HttpRequest {
        method,
        url,
        headers: Headers::new(),
        body,
    };
    let response = emulator.handle(&request);
    match method {
        Method::Post => {
            let verdict = Preflight::new(rules).check_body(rest);
            assert_eq!(response.status, verdict.answer.status());
            assert_eq!(response.body, verdict.answer.body().into_bytes());
            if response.status == 200 {
                assert!(Reply::<PostResponse>::decode(200, &response.body).is_ok());
            }
        }
        Method::Delete if response.status == 200 => {
            assert!(Reply::<DeleteResponse>::decode(200, &response.body).is_ok());
        }
        _ => {}
    }
});

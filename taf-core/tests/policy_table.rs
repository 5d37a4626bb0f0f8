//! The status policy against `tests/vectors/policy.json`: one case per status code and fault.

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use taf_core::{
    Action, Attempt, DeleteResponse, GetPage, HttpResponse, PostResponse, ReplyBody, StatusPolicy,
};

#[derive(Deserialize)]
struct Vectors {
    now_unix_seconds: u64,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    method: String,
    status: u16,
    body: String,
    attempt: u32,
    random: u64,
    retry_after: Option<String>,
    expect: String,
    delay_ms: Option<u64>,
    error: Option<String>,
}

/// The action as the vectors spell it: `done`, `retry 500ms`, `reauthenticate`, `fail code`.
fn decide<T: ReplyBody>(response: &HttpResponse, attempt: Attempt) -> String {
    let reply = response.reply::<T>().expect("the vector bodies decode");
    let retry_after = response.retry_after(attempt.now);
    match StatusPolicy::default().decide(reply, retry_after, attempt) {
        Action::Done(_) => "done".to_owned(),
        Action::Retry { delay, at, .. } => {
            assert_eq!(at, attempt.now + delay);
            format!("retry {}ms", delay.as_millis())
        }
        Action::Reauthenticate(_) => "reauthenticate".to_owned(),
        Action::Fail(error) => {
            assert!(!error.to_string().is_empty());
            format!("fail {}", error.code())
        }
    }
}

#[test]
fn every_status_code_gets_its_action() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/policy.json");
    let text = std::fs::read_to_string(path).expect("the vectors exist");
    let vectors: Vectors = serde_json::from_str(&text).expect("the vectors parse");
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(vectors.now_unix_seconds);
    let mut statuses = Vec::new();
    for case in &vectors.cases {
        let mut response = HttpResponse::new(case.status, case.body.as_bytes());
        if let Some(value) = &case.retry_after {
            response.headers.insert("Retry-After", value.clone());
        }
        let attempt = Attempt {
            number: case.attempt,
            now,
            random: case.random,
        };
        let actual = match case.method.as_str() {
            "GET" => decide::<GetPage>(&response, attempt),
            "POST" => decide::<PostResponse>(&response, attempt),
            _ => decide::<DeleteResponse>(&response, attempt),
        };
        let expected = match (case.expect.as_str(), case.delay_ms, &case.error) {
            ("retry", Some(delay), _) => format!("retry {delay}ms"),
            ("fail", _, Some(code)) => format!("fail {code}"),
            (action, _, _) => action.to_owned(),
        };
        assert_eq!(actual, expected, "case {}", case.id);
        statuses.push(case.status);
    }
    for status in [200, 201, 400, 401, 409, 422, 429, 500, 503] {
        assert!(statuses.contains(&status), "no case for HTTP {status}");
    }
}

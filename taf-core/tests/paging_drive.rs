//! The whole client stack in virtual time: endpoint → in-memory server (with injected
//! failures) → status policy → paginator. The clock only moves by the delays the policy asks
//! for, so the tests assert exact elapsed virtual time; a loop that does not settle fails.

mod paging_support;

use std::collections::VecDeque;
use std::time::{Duration, SystemTime};

use paging_support::{SETTLE_LIMIT, waiting_rows};
use taf_core::catalog::FaultCode;
use taf_core::{
    Action, Attempt, Fault, GetPage, GetQuery, PageCutter, PageEvent, Paginator, RequestError, Row,
    StatusPolicy, Wire,
};
use taf_core::{Credentials, Endpoint, HttpRequest, HttpResponse};

/// A server answering from rows, after serving any scripted answers first.
struct Server {
    rows: Vec<Row>,
    cutter: PageCutter,
    script: VecDeque<HttpResponse>,
    authorization: Option<String>,
}

impl Server {
    fn new(rows: Vec<Row>) -> Self {
        Self {
            rows,
            cutter: PageCutter::new(),
            script: VecDeque::new(),
            authorization: None,
        }
    }

    fn serve(&mut self, request: &HttpRequest) -> HttpResponse {
        if let Some(scripted) = self.script.pop_front() {
            return scripted;
        }
        if let Some(expected) = &self.authorization
            && request.headers.get("authorization") != Some(expected.as_str())
        {
            return HttpResponse::new(401, "Unauthorized");
        }
        let query = GetQuery::from_query_string(request.query()).expect("a valid query string");
        match self.cutter.cut(&query, &self.rows) {
            Ok(page) => HttpResponse::new(200, page.encode()),
            Err(fault) => HttpResponse::new(500, fault.encode_body()),
        }
    }
}

fn fault(code: FaultCode) -> HttpResponse {
    HttpResponse::new(500, Fault::classic(code, "x").encode_body())
}

struct Outcome {
    keys: Vec<String>,
    elapsed: Duration,
    sends: usize,
    result: Result<(), RequestError>,
}

/// The drive loop of a real client, with the IO replaced by `server` and the clock virtual.
fn run(mut endpoint: Endpoint, server: &mut Server, query: GetQuery) -> Outcome {
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let policy = StatusPolicy::default();
    let mut clock = start;
    let mut pager = Paginator::new(query).expect("a valid query");
    let mut outcome = Outcome {
        keys: Vec::new(),
        elapsed: Duration::ZERO,
        sends: 0,
        result: Ok(()),
    };
    'pages: while let Some(query) = pager.next_query() {
        let mut attempt = Attempt::first(clock, 0);
        loop {
            outcome.sends += 1;
            assert!(
                outcome.sends < SETTLE_LIMIT,
                "the drive loop did not settle"
            );
            let response = server.serve(&endpoint.get(&query));
            let reply = response.reply::<GetPage>().expect("decodable");
            match policy.decide(reply, response.retry_after(clock), attempt) {
                Action::Done(page) => {
                    pager.handle_page(page).expect("pages pass the guards");
                    break;
                }
                Action::Retry { at, .. } => clock = at,
                Action::Reauthenticate(_) => {
                    endpoint = endpoint.with_credentials(Credentials::basic("user", "right"));
                }
                Action::Fail(error) => {
                    outcome.result = Err(error);
                    break 'pages;
                }
            }
            attempt = attempt.next(clock, 0);
        }
        while let Some(event) = pager.poll_event() {
            if let PageEvent::Item(item) = event {
                outcome.keys.push(item.id().value().to_owned());
            }
        }
    }
    outcome.elapsed = clock
        .duration_since(start)
        .expect("the clock only moves forward");
    outcome
}

fn endpoint() -> Endpoint {
    Endpoint::new("http://taf.example:8080").expect("a valid URL")
}

#[test]
fn temporary_failures_are_retried_after_exactly_the_policy_delays() {
    let mut server = Server::new(waiting_rows(10..=14));
    server.script.extend([
        fault(FaultCode::TableUnavailable),
        {
            let mut limited = HttpResponse::new(429, "");
            limited.headers.insert("Retry-After", "3");
            limited
        },
        HttpResponse::new(409, ""),
    ]);
    let outcome = run(
        endpoint(),
        &mut server,
        GetQuery::by_ticket("T1").lot_quantity(2),
    );
    assert_eq!(outcome.result, Ok(()));
    assert_eq!(outcome.keys, ["K10", "K11", "K12", "K13", "K14"]);
    // 702 after attempt 1: 0.5 s; 429: Retry-After 3 s; 409 after attempt 3: 2 s.
    assert_eq!(outcome.elapsed, Duration::from_millis(5_500));
    assert_eq!(outcome.sends, 3 + 3);
}

#[test]
fn a_persistent_failure_gives_up_after_the_attempt_budget() {
    let mut server = Server::new(waiting_rows(10..=14));
    server
        .script
        .extend(std::iter::repeat_with(|| HttpResponse::new(500, "down")).take(100));
    let outcome = run(endpoint(), &mut server, GetQuery::by_ticket("T1"));
    let Err(RequestError::RetriesExhausted { attempts, .. }) = outcome.result else {
        panic!("expected retries_exhausted");
    };
    assert_eq!((attempts, outcome.sends), (6, 6));
    assert_eq!(
        outcome.elapsed,
        Duration::from_millis(500 + 1_000 + 2_000 + 4_000 + 8_000)
    );
    assert!(outcome.keys.is_empty());
}

#[test]
fn caller_errors_and_envelopes_fail_at_once() {
    for (answer, code) in [
        (fault(FaultCode::InvalidSearchMode), "invalid_request"),
        (
            HttpResponse::new(200, r#"{"coderr" : 803,"description" : "x"}"#),
            "rejected",
        ),
        (HttpResponse::new(503, ""), "no_permission"),
    ] {
        let mut server = Server::new(waiting_rows(10..=14));
        server.script.push_back(answer);
        let outcome = run(endpoint(), &mut server, GetQuery::by_ticket("T1"));
        assert_eq!(outcome.result.map_err(|error| error.code()), Err(code));
        assert_eq!((outcome.sends, outcome.elapsed), (1, Duration::ZERO));
    }
}

#[test]
fn a_refused_login_is_renewed_and_the_request_sent_again() {
    let mut server = Server::new(waiting_rows(1..=3));
    let right = Endpoint::new("http://h")
        .unwrap()
        .with_credentials(Credentials::basic("user", "right"))
        .get(&GetQuery::by_ticket("T1"));
    server.authorization = right.headers.get("Authorization").map(str::to_owned);
    let wrong = endpoint().with_credentials(Credentials::basic("user", "wrong"));
    let outcome = run(wrong, &mut server, GetQuery::by_ticket("T1"));
    assert_eq!(outcome.result, Ok(()));
    assert_eq!((outcome.keys.len(), outcome.sends), (3, 2));
    assert_eq!(outcome.elapsed, Duration::ZERO);
}

//! The Live session driven against a scripted fake connector: each test lists the requests it
//! expects (operation and key) and the answers the connector gives, and the harness fails when
//! the session sends something else or does not settle.

mod common;

use common::{URL, answer, fault, key_answer, status_answer, stores_answer};
use live_core::request::{Identification, Login};
use live_core::session::{Call, Finished, Outcome, Output, Session};
use live_core::{Limits, LiveErrorKind, LiveRequest, Operation, Parser};

/// One scripted exchange: the operation and key the request must carry, and the answer.
struct Exchange {
    operation: Operation,
    key: Option<&'static str>,
    status: u16,
    body: String,
}

fn exchange(
    operation: Operation,
    key: Option<&'static str>,
    status: u16,
    body: String,
) -> Exchange {
    Exchange {
        operation,
        key,
        status,
        body,
    }
}

/// The connector refusing `key` in a fault (HTTP 500) to a call of `operation`.
fn refusal(operation: Operation, key: &'static str) -> Exchange {
    exchange(operation, Some(key), 500, fault("Chave de Acesso Inválida"))
}

/// The connector giving `key` to a key request.
fn new_key(key: &str) -> Exchange {
    exchange(Operation::AccessKey, None, 200, key_answer(key))
}

/// The call gave a ticket after one renewal of the key.
fn assert_renewed_ticket(finished: &Finished) {
    assert!(
        matches!(finished.result, Ok(Outcome::Ticket(_))),
        "{finished:?}"
    );
    assert!(finished.renewed);
}

fn login() -> Login {
    Login {
        codigo_sistema_satelite: "220000251".into(),
        usuario: "ana".into(),
        senha: "pw".into(),
    }
}

/// The key a request carries, as `Chave` or inside the `_Xml` document.
fn key_of(request: &LiveRequest) -> Option<String> {
    let start = request.body.find("Chave>")? + "Chave>".len();
    let end = start + request.body[start..].find('<')?;
    Some(request.body[start..end].to_owned())
}

/// Drives `call` through `session` against the script; panics when a request differs from the
/// script, when the script runs out, when answers are left over, or when the session does not
/// finish within the script's length plus one.
fn drive(session: &mut Session, call: Call, script: Vec<Exchange>) -> Finished {
    session.start(call);
    let mut script = script.into_iter();
    for _ in 0..=script.len() {
        match session.poll_output() {
            Some(Output::Transmit(request)) => {
                let next = script
                    .next()
                    .unwrap_or_else(|| panic!("unscripted request {request:?}"));
                assert_eq!(request.operation, next.operation, "operation sent");
                assert_eq!(request.url, URL);
                assert_eq!(request.soap_action, next.operation.soap_action());
                if let Some(key) = next.key {
                    assert_eq!(key_of(&request).as_deref(), Some(key), "key sent");
                }
                assert_eq!(session.poll_output(), None, "an answer is awaited");
                session
                    .handle_response(next.status, next.body.into_bytes())
                    .unwrap();
            }
            Some(Output::Finished(finished)) => {
                assert_eq!(script.len(), 0, "the session ended before the script");
                assert_eq!(session.poll_output(), None, "the end is polled once");
                return finished;
            }
            None => panic!("the session is stuck"),
            Some(other) => panic!("an output the drive loop does not know: {other:?}"),
        }
    }
    panic!("the session did not settle")
}

fn customers() -> Call {
    Call::customers(Identification::new("220000251"))
}

fn customers_answer() -> String {
    answer(
        "RecuperarClienteLC_Integracao",
        "<a:CodigoSistemaSatelite>220000251</a:CodigoSistemaSatelite><a:Numero>77</a:Numero>",
    )
}

#[test]
fn without_a_key_it_fetches_one_first() {
    let mut session = Session::new(URL, Some(login()), None);
    let finished = drive(
        &mut session,
        customers(),
        vec![
            new_key("new-key"),
            exchange(
                Operation::Customers,
                Some("new-key"),
                200,
                customers_answer(),
            ),
        ],
    );
    let Ok(Outcome::Ticket(ticket)) = finished.result else {
        panic!("{finished:?}")
    };
    assert_eq!(ticket.numero.as_deref(), Some("77"));
    assert!(!finished.renewed);
    assert_eq!(session.key(), Some("new-key"));
    assert_eq!(finished.status, 200);
    assert_eq!(finished.body, customers_answer().into_bytes());
}

#[test]
fn a_key_that_works_is_used_alone() {
    let mut session = Session::new(URL, Some(login()), Some("old".into()));
    let finished = drive(
        &mut session,
        Call::ticket_status("220000251", "0191211140546677"),
        vec![exchange(
            Operation::TicketStatus,
            Some("old"),
            200,
            status_answer("Processado"),
        )],
    );
    let Ok(Outcome::Status(items)) = finished.result else {
        panic!("{finished:?}")
    };
    assert_eq!(items.len(), 1);
    assert_eq!(session.key(), Some("old"));
}

#[test]
fn a_refused_key_is_renewed_once_and_the_call_sent_again() {
    let mut session = Session::new(URL, Some(login()), Some("old".into()));
    let finished = drive(
        &mut session,
        customers(),
        vec![
            refusal(Operation::Customers, "old"),
            new_key("new"),
            exchange(Operation::Customers, Some("new"), 200, customers_answer()),
        ],
    );
    assert_renewed_ticket(&finished);
    assert_eq!(session.key(), Some("new"));
}

#[test]
fn a_key_refused_in_an_lc_retorno_of_a_200_answer_is_renewed_too() {
    let mut session = Session::new(URL, Some(login()), Some("old".into()));
    let refused = stores_answer("<LC_Retorno>CHAVE DE ACESSO INVALIDA</LC_Retorno>");
    let accepted = stores_answer("<T><Numero>5</Numero></T>");
    let finished = drive(
        &mut session,
        Call::stores(Identification::new("220000251")),
        vec![
            exchange(Operation::Stores, Some("old"), 200, refused),
            new_key("new"),
            exchange(Operation::Stores, Some("new"), 200, accepted),
        ],
    );
    assert_renewed_ticket(&finished);
}

#[test]
fn a_second_refusal_gives_up() {
    let mut session = Session::new(URL, Some(login()), Some("old".into()));
    let finished = drive(
        &mut session,
        customers(),
        vec![
            refusal(Operation::Customers, "old"),
            new_key("new"),
            refusal(Operation::Customers, "new"),
        ],
    );
    let error = finished.result.as_ref().unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::InvalidAccessKey);
    assert!(finished.renewed);
    assert_eq!(finished.status, 500);
    assert_eq!(session.key(), None, "a refused key is forgotten");

    // The next call starts afresh: no key, so it fetches one first.
    let finished = drive(
        &mut session,
        customers(),
        vec![
            new_key("third"),
            exchange(Operation::Customers, Some("third"), 200, customers_answer()),
        ],
    );
    assert!(finished.result.is_ok());
    assert!(!finished.renewed);
}

#[test]
fn without_a_login_a_refusal_ends_the_call() {
    let mut session = Session::new(URL, None, Some("old".into()));
    let finished = drive(
        &mut session,
        customers(),
        vec![refusal(Operation::Customers, "old")],
    );
    assert!(finished.result.unwrap_err().is_invalid_access_key());
    assert!(!finished.renewed);
    assert_eq!(session.key(), None);

    let finished = drive(&mut session, customers(), vec![]);
    assert_eq!(finished.result.unwrap_err().kind(), LiveErrorKind::NoLogin);
    assert_eq!((finished.status, finished.body.len()), (0, 0));
}

#[test]
fn a_fault_is_judged_before_the_http_status() {
    let cases = [
        (500, fault("Erro interno"), LiveErrorKind::Fault),
        (200, fault("Erro interno"), LiveErrorKind::Fault),
        (
            502,
            "<html>Bad gateway</html>".to_owned(),
            LiveErrorKind::HttpStatus,
        ),
        (503, customers_answer(), LiveErrorKind::HttpStatus),
        (200, "<html>oops".to_owned(), LiveErrorKind::Malformed),
    ];
    for (status, body, kind) in cases {
        let mut session = Session::new(URL, None, Some("k".into()));
        let finished = drive(
            &mut session,
            customers(),
            vec![exchange(Operation::Customers, Some("k"), status, body)],
        );
        let error = finished.result.unwrap_err();
        assert_eq!(error.kind(), kind, "HTTP {status}");
        if kind == LiveErrorKind::HttpStatus {
            assert_eq!(error.http_status(), Some(status));
        }
    }
}

#[test]
fn a_failed_key_request_ends_the_call_without_sending_it() {
    let mut session = Session::new(URL, Some(login()), None);
    let finished = drive(
        &mut session,
        customers(),
        vec![exchange(
            Operation::AccessKey,
            None,
            500,
            fault("Usuário ou senha inválidos"),
        )],
    );
    let error = finished.result.unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::Fault);
    assert_eq!(error.detail(), "Usuário ou senha inválidos");
    assert_eq!(finished.operation, Operation::Customers);
}

#[test]
fn the_key_call_returns_the_key() {
    let mut session = Session::new(URL, Some(login()), Some("old".into()));
    let finished = drive(
        &mut session,
        Call::AccessKey,
        vec![exchange(
            Operation::AccessKey,
            None,
            200,
            key_answer("fresh"),
        )],
    );
    assert_eq!(finished.result, Ok(Outcome::Key("fresh".into())));
    assert_eq!(session.key(), Some("fresh"));
}

#[test]
fn ticket_zero_is_never_sent() {
    let mut session = Session::new(URL, None, Some("k".into()));
    let finished = drive(&mut session, Call::confirm_ticket("1", "0"), vec![]);
    assert_eq!(
        finished.result.unwrap_err().kind(),
        LiveErrorKind::InvalidInput
    );
    let finished = drive(
        &mut session,
        Call::confirm_ticket("1", "77"),
        vec![exchange(
            Operation::ConfirmTicket,
            Some("k"),
            200,
            answer("ConfirmarTicketLC_Integracao", ""),
        )],
    );
    assert_eq!(finished.result, Ok(Outcome::Confirmed));
}

#[test]
fn an_answer_nobody_asked_for_is_refused() {
    let mut session = Session::new(URL, None, Some("k".into()));
    let error = session.handle_response(200, Vec::new()).unwrap_err();
    assert_eq!(error.kind(), LiveErrorKind::NoRequest);
    assert_eq!(session.poll_output(), None);
    session.start(customers());
    assert!(matches!(session.poll_output(), Some(Output::Transmit(_))));
    session
        .handle_response(200, customers_answer().into_bytes())
        .unwrap();
    assert_eq!(
        session.handle_response(200, Vec::new()).unwrap_err().kind(),
        LiveErrorKind::NoRequest
    );
    assert!(matches!(session.poll_output(), Some(Output::Finished(_))));
}

#[test]
fn debug_hides_the_key_and_the_passwords() {
    let session = Session::new(
        "https://ana:url-secret@live.example/Facade.svc",
        Some(login()),
        Some("secret-key".into()),
    );
    let shown = format!("{session:?}");
    assert!(!shown.contains("secret-key"), "{shown}");
    assert!(!shown.contains("\"pw\""), "{shown}");
    assert!(!shown.contains("url-secret"), "{shown}");
}

#[test]
fn the_parser_limits_apply_to_every_answer() {
    let small = Parser::new(Limits::new(64, Limits::default().max_depth));
    let mut session = Session::new(URL, None, Some("k".into())).with_parser(small);
    let finished = drive(
        &mut session,
        customers(),
        vec![exchange(
            Operation::Customers,
            Some("k"),
            200,
            customers_answer(),
        )],
    );
    assert_eq!(finished.result.unwrap_err().kind(), LiveErrorKind::TooLarge);
}

//! The ticket tracker: one pass per tick until every accepted key is terminal.

mod paging_support;

use std::convert::Infallible;

use paging_support::{key, pending, processed, rejected, waiting};
use taf_core::catalog::{LoteField, RecordStatus};
use taf_core::{
    GetQuery, KeyResult, KeyState, LoteItem, Outcome, PageCutter, PostRequest, PostResponse, Row,
    Tracker,
};

/// A ticket's rows, changed between ticks by the test.
struct Ticket {
    rows: Vec<Row>,
    cutter: PageCutter,
    starts: Vec<i64>,
}

impl Ticket {
    fn tick(&mut self, tracker: &mut Tracker) -> taf_core::Report {
        let rows = &self.rows;
        let cutter = &mut self.cutter;
        let starts = &mut self.starts;
        tracker
            .poll(|query| {
                starts.push(query.start_rec_no.unwrap_or_default());
                Ok::<_, Infallible>(cutter.cut(query, rows).expect("a valid query"))
            })
            .expect("pages pass the guards")
    }

    fn set(&mut self, rec_no: i64, item: taf_core::Item) {
        if let Some(row) = self.rows.iter_mut().find(|row| row.rec_no == rec_no) {
            row.item = item;
        }
    }
}

#[test]
fn follows_every_key_to_a_terminal_state_one_call_per_tick() {
    let mut ticket = Ticket {
        rows: (1..=4)
            .map(|n| Row::new(n, waiting(key(&format!("K{n}")))))
            .chain([Row::new(5, waiting(key("OTHER")))])
            .collect(),
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    let query = GetQuery::by_ticket("T1").branch("B1").lot_quantity(1);
    let mut tracker = Tracker::new(query, ["K1", "K2", "K3", "K4", "K9 "]).unwrap();

    assert_eq!(tracker.passes(), 0);
    let report = ticket.tick(&mut tracker);
    assert_eq!((report.passes, tracker.passes()), (1, 1));
    assert_eq!(report.missing, ["K9 "]);
    assert_eq!(report.pending.len(), 4);
    assert!(
        report
            .pending
            .iter()
            .all(|(_, state)| *state == KeyState::Waiting)
    );
    assert_eq!(ticket.starts, [1, 2, 3, 4, 5]);

    ticket.set(1, processed(key("K1"), "4", "1.2.3"));
    ticket.set(2, rejected(key("K2"), "000009", "bad"));
    ticket.set(3, processed(key("K3"), "2", ""));
    let report = ticket.tick(&mut tracker);
    assert!(!report.is_complete());
    assert_eq!(
        report.done,
        [
            (
                "K1".to_owned(),
                Outcome::Processed(RecordStatus::Authorized)
            ),
            (
                "K2".to_owned(),
                Outcome::Rejected {
                    error_code: "000009".to_owned()
                }
            )
        ]
    );
    assert_eq!(
        tracker.state("K3"),
        Some(&KeyState::InProgress(Some(RecordStatus::Transmitted)))
    );

    ticket.starts.clear();
    ticket.set(3, processed(key("K3"), "3", ""));
    ticket.set(4, processed(key("K4"), "", ""));
    let report = ticket.tick(&mut tracker);
    // The pass starts at the first page that still held a moving key (RECNO 3).
    assert_eq!(ticket.starts, [3, 4, 5]);
    assert!(report.is_complete());
    assert_eq!(tracker.state("K4"), Some(&KeyState::Done(Outcome::Deleted)));
    assert_eq!(
        tracker.state(" K3"),
        Some(&KeyState::Done(Outcome::Processed(
            RecordStatus::Inconsistent
        )))
    );

    ticket.starts.clear();
    let again = ticket.tick(&mut tracker);
    assert!(ticket.starts.is_empty(), "a complete tracker sends nothing");
    assert_eq!(again, report);
}

#[test]
fn queued_keys_wait_through_errors_taf_requeues() {
    let request = PostRequest {
        ticket_code: "T1".into(),
        lote: ["K1", "K2", "K3"]
            .into_iter()
            .map(|key| {
                let item = LoteItem::new("B1", "2", "001", "S-1010", key, "PGE+");
                if key == "K3" {
                    item
                } else {
                    item.with(LoteField::IntegrationQueue, "1")
                }
            })
            .collect(),
    };
    let response = PostResponse {
        ticket_code: "T1".into(),
        results: vec![
            KeyResult::accepted("K1"),
            KeyResult::accepted("K2"),
            KeyResult::accepted("K3"),
        ],
    };
    let mut tracker = Tracker::from_post(&request, &response).unwrap();
    let mut ticket = Ticket {
        rows: vec![
            // 000007 is re-queued by TAF; 000001 is not; K3 was not queued.
            Row::new(1, rejected(key("K1"), "000007", "")),
            Row::new(2, rejected(key("K2"), "000001", "")),
            Row::new(3, rejected(key("K3"), "000007", "")),
        ],
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    let report = ticket.tick(&mut tracker);
    assert_eq!(report.pending, [("K1".to_owned(), KeyState::Waiting)]);
    assert_eq!(report.done.len(), 2);
    // The direct deletion code is a success; an explicit "R" queue flag rejects.
    ticket.set(1, rejected(key("K1"), "000026", ""));
    ticket.tick(&mut tracker);
    assert_eq!(tracker.state("K1"), Some(&KeyState::Done(Outcome::Deleted)));
    let mut flagged = pending(key("K9"), " ", "000007", "");
    if let taf_core::Item::Pending(item) = &mut flagged {
        item.integration_queue = "R".into();
    }
    let mut single = Tracker::with_config(
        GetQuery::by_ticket("T9"),
        [("K9".to_owned(), true)],
        taf_core::PagingConfig::default(),
    )
    .unwrap();
    let mut other = Ticket {
        rows: vec![Row::new(1, flagged)],
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    assert!(other.tick(&mut single).is_complete());
}

#[test]
fn a_deleted_ticket_leaves_every_key_missing_and_guards_surface() {
    let mut tracker = Tracker::new(GetQuery::by_ticket("T1"), ["K1"]).unwrap();
    let mut empty = Ticket {
        rows: Vec::new(),
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    let report = empty.tick(&mut tracker);
    assert_eq!((report.missing.len(), report.is_complete()), (1, true));

    let mut tracker = Tracker::new(GetQuery::by_ticket("T1"), ["K1"]).unwrap();
    let mut starved = PageCutter::new().with_sticky_lot_quantity(true);
    starved
        .cut(&GetQuery::by_ticket("T1").lot_quantity(0), &[])
        .unwrap();
    let rows = [Row::new(1, waiting(key("K1")))];
    let error = tracker
        .poll(|query| Ok::<_, Infallible>(starved.cut(query, &rows).unwrap()))
        .unwrap_err();
    assert_eq!(error.code(), "empty_page");
    let error = tracker.poll(|_| Err("connection refused")).unwrap_err();
    assert_eq!(
        (error.code(), error.to_string().contains("refused")),
        ("fetch", true)
    );
    assert_eq!(
        Tracker::new(GetQuery::by_key("K1"), ["K1"])
            .unwrap_err()
            .code(),
        "invalid_query"
    );
}

#[test]
fn a_processed_row_without_a_tafxerp_result_is_terminal() {
    // TAFST2 status 3 with no TAFXERP row (spec G-11): the server says so in the description,
    // with an empty errorCode. Polling cannot change it, so the tracker stops.
    let mut ticket = Ticket {
        rows: vec![
            Row::new(
                1,
                pending(
                    key("K1"),
                    "Registro não encontrado na tabela TAFXERP.",
                    "",
                    "",
                ),
            ),
            Row::new(2, waiting(key("K2"))),
        ],
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    let mut tracker = Tracker::new(GetQuery::by_ticket("T1"), ["K1", "K2"]).unwrap();
    let report = ticket.tick(&mut tracker);
    assert_eq!(
        report.done,
        [("K1".to_owned(), Outcome::ResultMissing)],
        "not counted as waiting"
    );
    assert_eq!(report.pending, [("K2".to_owned(), KeyState::Waiting)]);
    ticket.set(2, processed(key("K2"), "4", "1.2.3"));
    assert!(ticket.tick(&mut tracker).is_complete());
}

#[test]
fn an_unknown_post_outcome_is_resolved_by_one_get_pass() {
    let request = PostRequest {
        ticket_code: "T1".into(),
        lote: [("B1", "K1"), ("B1", "K2"), ("B1", "K1"), ("B2", "K3")]
            .into_iter()
            .map(|(branch, key)| LoteItem::new(branch, "2", "001", "S-1010", key, "PGE+"))
            .collect(),
    };
    assert!(taf_core::UnknownOutcome::follows(200, b""));
    assert!(taf_core::UnknownOutcome::follows(200, b"<html>oops"));
    assert!(!taf_core::UnknownOutcome::follows(
        200,
        br#"{"coderr" : 803,"description" : "x"}"#
    ));
    assert!(!taf_core::UnknownOutcome::follows(500, b""));
    let outcome = taf_core::UnknownOutcome::new(&request);
    assert_eq!(outcome.unchecked, ["K3"]);
    let mut tracker = outcome.tracker().unwrap();
    let mut ticket = Ticket {
        rows: vec![Row::new(4, waiting(key("K1")))],
        cutter: PageCutter::new(),
        starts: Vec::new(),
    };
    assert_eq!(outcome.split(&tracker.report()), None, "no pass yet");
    let report = ticket.tick(&mut tracker);
    let split = outcome.split(&report).unwrap();
    assert_eq!(split.stored, ["K1"]);
    assert_eq!(split.not_stored, ["K2"]);
    assert_eq!(split.unchecked, ["K3"]);
    assert_eq!(ticket.starts, [1]);
    // The same answer from the keys a caller's own pass over the pages found.
    assert_eq!(outcome.split_found([" K1 ", "OTHER"]), split);
    assert_eq!(outcome.query(), GetQuery::by_ticket("T1").branch("B1"));
}

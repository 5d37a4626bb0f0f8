//! The spec's paging cases (§11 G-07, G-19…G-22, G-24, G-25, G-27) and every paginator guard.

mod paging_support;

use paging_support::{key, processed, rejected, run, run_with, ticket, waiting, waiting_rows};
use taf_core::Endpoint;
use taf_core::{
    Cursor, ErrorEntry, GetPage, GetQuery, Item, KeyKind, PAGE_BUDGET, PageCutter, PageEvent,
    Paginator, PagingConfig, PagingError, Reply, Row, SearchMode, Wire,
};

fn rec_nos(page: &GetPage, rows: &[Row]) -> Vec<i64> {
    // Items are unique in these fixtures, so an item's RECNO is that of the row rendering it.
    page.items
        .iter()
        .filter_map(|item| rows.iter().find(|row| &row.item == item))
        .map(|row| row.rec_no)
        .collect()
}

#[test]
fn g19_pages_by_count_with_last_rec_no_plus_one() {
    let rows = waiting_rows(10..=14);
    let mut cutter = PageCutter::new();
    let query = GetQuery::by_ticket("T1").branch("B1").lot_quantity(2);
    let mut pager = Paginator::new(query).unwrap();
    let (drive, result) = run(&mut pager, &mut cutter, &rows);
    result.unwrap();
    let starts: Vec<_> = drive.queries.iter().map(|q| q.start_rec_no).collect();
    assert_eq!(starts, [Some(1), Some(12), Some(14)]);
    let shape: Vec<_> = drive
        .pages
        .iter()
        .map(|page| (rec_nos(page, &rows), page.last_rec_no, page.max_rec_no))
        .collect();
    assert_eq!(
        shape,
        [
            (vec![10, 11], 11, 14),
            (vec![12, 13], 13, 14),
            (vec![14], 14, 14)
        ]
    );
    assert_eq!(drive.ids(), ["K10", "K11", "K12", "K13", "K14"]);
    assert!(pager.is_finished());
    assert_eq!((pager.cursor().pages(), pager.cursor().records()), (3, 5));
}

#[test]
fn g20_lot_quantity_zero_gives_an_empty_page_the_paginator_refuses_to_send() {
    let rows = waiting_rows(10..=14);
    let page = PageCutter::new()
        .cut(&GetQuery::by_ticket("T1").lot_quantity(0), &rows)
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!((page.last_rec_no, page.max_rec_no), (14, 14));
    assert!(
        page.encode()
            .contains(r#""items" : [],"lastRecNo" : 14,"maxRecNo" : 14}"#)
    );
    let negative = PageCutter::new()
        .cut(&GetQuery::by_ticket("T1").lot_quantity(-3), &rows)
        .unwrap();
    assert_eq!((negative.items.len(), negative.last_rec_no), (0, 14));
    let refused = Paginator::new(GetQuery::by_ticket("T1").lot_quantity(0)).unwrap_err();
    assert_eq!(refused.code(), "invalid_query");
    // Served anyway (a sticky lotQuantity=0 on the worker), the page is an error, not an end.
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let error = pager.handle_page(page).unwrap_err();
    assert_eq!(
        error,
        PagingError::EmptyPage {
            start_rec_no: 1,
            max_rec_no: 14
        }
    );
    assert_eq!(pager.poll_event(), None);
}

#[test]
fn g21_the_byte_budget_is_checked_before_each_item() {
    let detail = "x".repeat(300_000);
    let rows: Vec<Row> = (1..=4)
        .map(|n| Row::new(100 + n, rejected(key(&format!("K{n}")), "000009", &detail)))
        .collect();
    let mut cutter = PageCutter::new();
    let page = cutter.cut(&GetQuery::by_ticket("T1"), &rows).unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.encode().chars().count() > PAGE_BUDGET);
    assert_eq!((page.last_rec_no, page.max_rec_no), (103, 104));
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let (drive, result) = run(&mut pager, &mut cutter, &rows);
    result.unwrap();
    assert_eq!(drive.pages.len(), 2);
    assert_eq!(drive.ids(), ["K1", "K2", "K3", "K4"]);
}

#[test]
fn the_budget_counts_header_items_and_commas_in_characters() {
    let rows = waiting_rows(1..=3);
    let header = r#"{ "type" : "ticketCode","code" : "T1","items" : ["#
        .chars()
        .count();
    let mut one = String::new();
    GetPage {
        kind: KeyKind::TicketCode,
        code: "T1".into(),
        items: vec![rows[0].item.clone()],
        last_rec_no: 0,
        max_rec_no: 0,
    }
    .encode_into(&mut one);
    let item = one.chars().count() - header - r#"],"lastRecNo" : 0,"maxRecNo" : 0}"#.len();
    let query = GetQuery::by_ticket("T1");
    // Exactly at the budget after one item: the second still goes in (≤), the third does not.
    let at_budget = PageCutter::new()
        .with_budget(header + item)
        .cut(&query, &rows);
    assert_eq!(at_budget.unwrap().items.len(), 2);
    let below = PageCutter::new()
        .with_budget(header + item - 1)
        .cut(&query, &rows);
    assert_eq!(below.unwrap().items.len(), 1);
    // Accented text counts one per character, as in the server's code page.
    let accented = vec![
        Row::new(1, waiting(key("ÇÃ"))),
        Row::new(2, waiting(key("K2"))),
    ];
    let chars = header + item; // "ÇÃ" and "K1" have the same number of characters
    let page = PageCutter::new()
        .with_budget(chars)
        .cut(&query, &accented)
        .unwrap();
    assert_eq!(page.items.len(), 2);
}

#[test]
fn g22_start_rec_no_filters_rows() {
    let rows = waiting_rows(10..=14);
    let page = PageCutter::new()
        .cut(&GetQuery::by_ticket("T1").start(13), &rows)
        .unwrap();
    assert_eq!(rec_nos(&page, &rows), [13, 14]);
    assert_eq!((page.last_rec_no, page.max_rec_no), (14, 14));
    let mut pager = Paginator::new(GetQuery::by_ticket("T1").start(13)).unwrap();
    let (drive, result) = run(&mut pager, &mut PageCutter::new(), &rows);
    result.unwrap();
    assert_eq!(drive.ids(), ["K13", "K14"]);
}

/// G-23/G-25 fixture: K1 in T1 (RECNO 10) and T2 (RECNO 20), both processed; a key-only join
/// pairs each row with both TAFXERP rows (X1 integrated, X2 status 9).
fn g25_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (rec_no, owner) in [(10, "T1"), (20, "T2")] {
        rows.push(Row::new(rec_no, processed(ticket(owner), "4", "1.2.3")));
        rows.push(Row::new(
            rec_no,
            rejected(ticket(owner), "000009", "detail"),
        ));
    }
    rows
}

#[test]
fn g25_key_only_copies_are_delivered_once_and_reported_with_a_counter() {
    let rows = g25_rows();
    let mut cutter = PageCutter::new();
    let page = cutter.cut(&GetQuery::by_key("K1"), &rows).unwrap();
    assert_eq!(
        (page.items.len(), page.last_rec_no, page.max_rec_no),
        (4, 20, 20)
    );
    let mut pager = Paginator::new(GetQuery::by_key("K1")).unwrap();
    let (drive, result) = run(&mut pager, &mut cutter, &rows);
    result.unwrap();
    let shape: Vec<_> = drive
        .events
        .iter()
        .map(|event| match event {
            PageEvent::Item(item) => format!("item {}", item.id().value()),
            PageEvent::Duplicate(dup) => format!("{} copy of {}", dup.count(), dup.id.value()),
            PageEvent::NotFound(_) => "not found".to_owned(),
        })
        .collect();
    assert_eq!(
        shape,
        ["item T1", "1 copy of T1", "item T2", "1 copy of T2"]
    );
    assert_eq!(
        (pager.cursor().records(), pager.cursor().duplicates()),
        (2, 2)
    );
    let Some(PageEvent::Duplicate(dup)) = drive.events.get(1) else {
        panic!()
    };
    assert_eq!(dup.copies, [rows[1].item.clone()]);
}

#[test]
fn repeated_identifiers_are_separate_records_outside_key_only_searches() {
    // Ticket mode: K1 sent twice in T1 (two parts) are two rows, even when identical.
    let rows = vec![
        Row::new(1, waiting(key("K1"))),
        Row::new(2, waiting(key("K1"))),
        Row::new(3, processed(key("K1"), "4", "R")),
        Row::new(4, rejected(key("K1"), "000009", "d")),
    ];
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let (drive, result) = run(&mut pager, &mut PageCutter::new(), &rows);
    result.unwrap();
    assert_eq!(drive.items().len(), 4);
    assert_eq!(pager.cursor().duplicates(), 0);
}

#[test]
fn key_only_rows_of_one_ticket_stay_apart_when_their_copies_repeat() {
    // Two processed rows of K1 in ticket T1 (RECNO 10 and 11) each join X1 and X2, then a
    // waiting row of T1 at RECNO 12: three records, two of them with one copy each.
    let x1 = processed(ticket("T1"), "4", "R1");
    let x2 = rejected(ticket("T1"), "000009", "d");
    let rows = vec![
        Row::new(10, x1.clone()),
        Row::new(10, x2.clone()),
        Row::new(11, x1.clone()),
        Row::new(11, x2.clone()),
        Row::new(12, waiting(ticket("T1"))),
    ];
    let mut pager = Paginator::new(GetQuery::by_key("K1")).unwrap();
    let (drive, result) = run(&mut pager, &mut PageCutter::new(), &rows);
    result.unwrap();
    assert_eq!(drive.items(), [x1.clone(), x1, waiting(ticket("T1"))]);
    assert_eq!(pager.cursor().duplicates(), 2);
}

#[test]
fn g23_g24_search_mode_answers_one_row_even_beyond_max_rec_no() {
    let mut cutter = PageCutter::new();
    let selected = [Row::new(20, processed(ticket("T2"), "4", "R"))];
    let query = GetQuery::by_key("K1").search(SearchMode::Last);
    let page = cutter.cut(&query, &g25_rows()[2..]).unwrap();
    assert_eq!(
        (page.items.len(), page.last_rec_no, page.max_rec_no),
        (1, 20, 20)
    );
    // G-24 on Oracle: one item for RECNO 20 while TAFLastRcN says 10.
    let oracle = GetQuery::by_key("K1").search(SearchMode::LastValid);
    let page = cutter.cut_with_max(&oracle, &selected, 10).unwrap();
    assert_eq!((page.last_rec_no, page.max_rec_no), (20, 10));
    let mut pager = Paginator::new(oracle.clone()).unwrap();
    pager.handle_page(page.clone()).unwrap();
    assert!(pager.is_finished());
    assert!(matches!(pager.poll_event(), Some(PageEvent::Item(_))));
    // The same page outside searchMode is an error.
    let mut plain = Paginator::new(GetQuery::by_key("K1")).unwrap();
    assert_eq!(
        plain.handle_page(page).unwrap_err(),
        PagingError::LastBeyondMax {
            last_rec_no: 20,
            max_rec_no: 10
        }
    );
    // G-24 elsewhere: not found with maxRecNo 10.
    let page = cutter.cut_with_max(&oracle, &[], 10).unwrap();
    assert!(page.is_not_found());
    assert_eq!((page.last_rec_no, page.max_rec_no), (0, 10));
    let mut pager = Paginator::new(oracle).unwrap();
    pager.handle_page(page).unwrap();
    assert!(pager.is_finished());
    assert!(matches!(pager.poll_event(), Some(PageEvent::NotFound(_))));
}

#[test]
fn g07_g08_not_found_ends_the_search_with_the_swapped_identifier() {
    let mut cutter = PageCutter::new();
    let page = cutter
        .cut(&GetQuery::by_ticket("T404").branch("B1"), &[])
        .unwrap();
    assert_eq!(
        page.encode(),
        r#"{ "type" : "ticketCode","code" : "T404","items" : [{ "success" : false,"proccessed" : false ,"description" : "Registro não encontrado não localizado. Verifique os parâmetros utilizados para a busca.","registryKey" : "T404"}],"lastRecNo" : 0,"maxRecNo" : 0}"#
    );
    let page = cutter.cut(&GetQuery::by_key("K404"), &[]).unwrap();
    assert_eq!(page.items[0].id(), &ticket("K404"));
    let mut pager = Paginator::new(GetQuery::by_key("K404")).unwrap();
    let (drive, result) = run(&mut pager, &mut cutter, &[]);
    result.unwrap();
    assert_eq!(drive.queries.len(), 1);
    assert!(matches!(drive.events.as_slice(), [PageEvent::NotFound(_)]));
}

#[test]
fn g27_a_sticky_lot_quantity_pages_later_requests_one_by_one() {
    let rows = waiting_rows(10..=14);
    let mut worker = PageCutter::new().with_sticky_lot_quantity(true);
    worker
        .cut(&GetQuery::by_ticket("OTHER").lot_quantity(1), &rows)
        .unwrap();
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let (drive, result) = run(&mut pager, &mut worker, &rows);
    result.unwrap();
    assert_eq!(drive.pages.len(), 5);
    assert_eq!(drive.ids().len(), 5);
    // Without the legacy switch the same requests get one page.
    let mut fresh = PageCutter::new();
    fresh
        .cut(&GetQuery::by_ticket("OTHER").lot_quantity(1), &rows)
        .unwrap();
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let (drive, _) = run(&mut pager, &mut fresh, &rows);
    assert_eq!(drive.pages.len(), 1);
    // A sticky 0 starves later requests: the paginator reports it instead of finishing.
    worker
        .cut(&GetQuery::by_ticket("OTHER").lot_quantity(0), &rows)
        .unwrap();
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let (_, result) = run(&mut pager, &mut worker, &rows);
    assert_eq!(result.unwrap_err().code(), "empty_page");
}

#[test]
fn the_cutter_raises_the_faults_of_the_case_chain() {
    use taf_core::Fault;
    use taf_core::catalog::FaultCode;
    let mut cutter = PageCutter::new();
    let mut no_start = GetQuery::by_ticket("T1");
    no_start.start_rec_no = None;
    assert_eq!(
        cutter.cut(&no_start, &[]),
        Err(Fault::classic(
            FaultCode::MissingParameter,
            "É obrigatório o envio do parâmetro startRecNo"
        ))
    );
    assert_eq!(
        cutter.cut(&GetQuery::by_ticket("   "), &[]),
        Err(Fault::classic(
            FaultCode::MissingParameter,
            "É obrigatório o envio do parâmetro ticketCode ou registryKey"
        ))
    );
    let mut bad_mode = GetQuery::by_ticket("T1");
    bad_mode.search_mode = Some(0);
    assert_eq!(
        cutter.cut(&bad_mode, &[]),
        Err(Fault::classic(
            FaultCode::InvalidSearchMode,
            "O parâmetro searchMode deve ser preenchido com 1 ou 2."
        ))
    );
}

#[test]
fn every_parameter_travels_with_every_page() {
    let query = GetQuery::by_ticket("T 1")
        .branch("B1")
        .lot_quantity(2)
        .query_elements(false)
        .return_ret_response(true);
    let rows = waiting_rows(10..=14);
    let mut pager = Paginator::new(query.clone()).unwrap();
    let (drive, result) = run(&mut pager, &mut PageCutter::new(), &rows);
    result.unwrap();
    for sent in &drive.queries {
        assert_eq!(
            GetQuery {
                start_rec_no: query.start_rec_no,
                ..sent.clone()
            },
            query
        );
    }
    let endpoint = Endpoint::new("http://h:8080").unwrap();
    assert_eq!(
        endpoint.get(&drive.queries[1]).url,
        "http://h:8080/rest/WSTAFST2?ticketCode=T%201&startRecNo=12&sourceBranch=B1&queryElements=0&lotQuantity=2&returnRetResponse=true"
    );
}

#[test]
fn a_saved_cursor_resumes_where_it_stopped() {
    let rows = waiting_rows(10..=14);
    let mut cutter = PageCutter::new();
    let mut pager = Paginator::new(GetQuery::by_ticket("T1").lot_quantity(2)).unwrap();
    let first = cutter.cut(&pager.next_query().unwrap(), &rows).unwrap();
    pager.handle_page(first).unwrap();
    let saved = serde_json::to_string(pager.cursor()).unwrap();
    let cursor: Cursor = serde_json::from_str(&saved).unwrap();
    assert_eq!((cursor.next_start(), cursor.records()), (12, 2));
    let mut resumed = Paginator::resume(cursor, PagingConfig::default()).unwrap();
    let (drive, result) = run(&mut resumed, &mut cutter, &rows);
    result.unwrap();
    assert_eq!(drive.ids(), ["K12", "K13", "K14"]);
    assert_eq!(
        (resumed.cursor().pages(), resumed.cursor().records()),
        (3, 5)
    );
    // The guards survive the resume: the first page again does not advance... past 11.
    let mut again = Paginator::resume(
        serde_json::from_str(&saved).unwrap(),
        PagingConfig::default(),
    )
    .unwrap();
    let stale = cutter
        .cut(&GetQuery::by_ticket("T1").lot_quantity(2), &rows)
        .unwrap();
    assert_eq!(
        again.handle_page(stale).unwrap_err().code(),
        "not_advancing"
    );
    // A finished cursor has nothing left to ask.
    let done = Paginator::resume(resumed.cursor().clone(), PagingConfig::default()).unwrap();
    assert_eq!(done.next_query(), None);
}

fn page(items: Vec<Item>, last: i64, max: i64) -> GetPage {
    GetPage {
        kind: KeyKind::TicketCode,
        code: "T1".into(),
        items,
        last_rec_no: last,
        max_rec_no: max,
    }
}

fn one() -> Vec<Item> {
    vec![waiting(key("K"))]
}

/// Feeds `pages` to a fresh ticket paginator and returns the first error.
fn first_error(query: GetQuery, config: PagingConfig, answers: Vec<GetPage>) -> PagingError {
    let mut pager = Paginator::with_config(query, config).unwrap();
    let mut answers = answers.into_iter();
    let (_, result) = run_with(&mut pager, |_| answers.next().expect("enough pages"));
    let error = result.unwrap_err();
    assert_eq!(pager.error(), Some(&error));
    assert_eq!(pager.next_query(), None);
    error
}

#[test]
fn each_guard_ends_with_its_typed_error() {
    let ticket = || GetQuery::by_ticket("T1");
    let config = PagingConfig::default();
    let cases = [
        (
            vec![page(one(), 11, 14), page(one(), 11, 14)],
            PagingError::NotAdvancing { last_rec_no: 11 },
        ),
        (
            vec![page(one(), 11, 14), page(one(), 9, 14)],
            PagingError::BelowStart {
                start_rec_no: 12,
                last_rec_no: 9,
            },
        ),
        (
            vec![page(Vec::new(), 11, 14)],
            PagingError::EmptyPage {
                start_rec_no: 1,
                max_rec_no: 14,
            },
        ),
        (
            vec![page(one(), 11, 14), page(one(), 12, 12)],
            PagingError::MaxRecNoShrank {
                previous: 14,
                current: 12,
            },
        ),
        (
            vec![page(one(), 15, 14)],
            PagingError::LastBeyondMax {
                last_rec_no: 15,
                max_rec_no: 14,
            },
        ),
        (
            vec![
                page(one(), 11, 14),
                PageCutter::new().cut(&ticket().start(12), &[]).unwrap(),
            ],
            PagingError::RecordsVanished {
                start_rec_no: 12,
                max_rec_no: 14,
            },
        ),
        (
            vec![page(
                vec![
                    waiting(key("K")),
                    PageCutter::new().cut(&ticket(), &[]).unwrap().items[0].clone(),
                ],
                11,
                14,
            )],
            PagingError::StrayNotFound,
        ),
        (
            vec![GetPage {
                code: "T2".into(),
                ..page(one(), 11, 14)
            }],
            PagingError::UnexpectedSearch {
                expected: "ticketCode:T1".into(),
                found: "ticketCode:T2".into(),
            },
        ),
    ];
    for (pages, expected) in cases {
        assert_eq!(first_error(ticket(), config, pages), expected);
    }
    let budget = PagingConfig::with_max_pages(2);
    let answers = vec![
        page(one(), 11, 14),
        page(one(), 12, 14),
        page(one(), 13, 14),
    ];
    let mut pager = Paginator::with_config(ticket(), budget).unwrap();
    let mut feed = answers.into_iter();
    let (drive, result) = run_with(&mut pager, |_| feed.next().unwrap());
    assert_eq!(result, Err(PagingError::PageBudgetExceeded { pages: 2 }));
    assert_eq!(
        drive.items().len(),
        2,
        "the accepted pages' items are delivered"
    );
}

#[test]
fn misuse_and_replies_are_typed_errors_too() {
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    pager.handle_page(page(one(), 14, 14)).unwrap();
    assert_eq!(
        pager.handle_page(page(one(), 15, 15)),
        Err(PagingError::UnexpectedPage)
    );
    let mut pager = Paginator::new(GetQuery::by_ticket("T1")).unwrap();
    let envelope = ErrorEntry {
        code: 803,
        description: "x".into(),
    };
    let error = pager.handle_reply(Reply::Envelope(envelope)).unwrap_err();
    assert_eq!(error.code(), "reply");
    for bad in [
        GetQuery::default(),
        GetQuery {
            search_mode: Some(3),
            ..GetQuery::by_key("K")
        },
        GetQuery::by_key("K").lot_quantity(-1),
    ] {
        assert_eq!(Paginator::new(bad).unwrap_err().code(), "invalid_query");
    }
}

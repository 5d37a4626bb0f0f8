//! Properties of the paginator driven against the page cutter: over random record sets,
//! budgets, `lotQuantity` values and key-only duplicates every record arrives exactly once, in
//! order, within a bounded number of requests; adversarial pages end with the right error.

mod paging_support;

use paging_support::{key, processed, rejected, ticket, waiting};
use proptest::prelude::*;
use taf_core::{
    Cursor, GetPage, GetQuery, Item, ItemId, PageCutter, PageEvent, Paginator, PagingConfig,
    PagingError, Row,
};

/// One TAFST2 row and the items the server renders for it (several in key-only searches).
#[derive(Debug, Clone)]
struct ModelRow {
    rec_no: i64,
    items: Vec<Item>,
}

#[derive(Debug, Clone)]
struct Fixture {
    key_only: bool,
    rows: Vec<ModelRow>,
    budget: usize,
    lot_quantity: Option<i64>,
    /// Save and restore the cursor (through JSON) after this many pages.
    resume_after: usize,
}

impl Fixture {
    fn query(&self) -> GetQuery {
        let query = if self.key_only {
            GetQuery::by_key("K1")
        } else {
            GetQuery::by_ticket("T1")
        };
        match self.lot_quantity {
            Some(quantity) => query.lot_quantity(quantity),
            None => query,
        }
    }

    fn server_rows(&self) -> Vec<Row> {
        self.rows
            .iter()
            .flat_map(|row| {
                row.items
                    .iter()
                    .map(|item| Row::new(row.rec_no, item.clone()))
            })
            .collect()
    }

    fn cutter(&self) -> PageCutter {
        PageCutter::new().with_budget(self.budget)
    }
}

/// The item a row renders for TAFXERP row `xerp` of the key (distinct per `xerp`).
fn joined(id: ItemId, xerp: usize, rejected_result: bool) -> Item {
    if rejected_result {
        rejected(id, &format!("{:06}", xerp + 1), &format!("detail {xerp}"))
    } else {
        processed(id, "4", &format!("1.2.{xerp}"))
    }
}

fn fixture() -> impl Strategy<Value = Fixture> {
    (
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 1..=3),
        prop::collection::vec((1_i64..=3, 0_usize..3, 0_u8..3), 0..40),
        60_usize..2_500,
        prop::option::of(1_i64..=6),
        0_usize..6,
    )
        .prop_map(
            |(key_only, xerp_rows, specs, budget, lot_quantity, resume_after)| {
                let mut rec_no = 0;
                let rows = specs
                    .into_iter()
                    .map(|(gap, owner, kind)| {
                        rec_no += gap;
                        let items = if key_only {
                            let id = ticket(&format!("T{owner}"));
                            if kind == 0 {
                                vec![waiting(id)]
                            } else {
                                // A processed row joins every TAFXERP row of the key.
                                xerp_rows
                                    .iter()
                                    .enumerate()
                                    .map(|(xerp, &failed)| joined(id.clone(), xerp, failed))
                                    .collect()
                            }
                        } else {
                            let id = key(&format!("K{owner}"));
                            vec![match kind {
                                0 => waiting(id),
                                1 => processed(id, "4", "R"),
                                _ => rejected(id, "000009", "d"),
                            }]
                        };
                        ModelRow { rec_no, items }
                    })
                    .collect();
                Fixture {
                    key_only,
                    rows,
                    budget,
                    lot_quantity,
                    resume_after,
                }
            },
        )
}

/// Drives a paginator against the cutter, resuming from a serialised cursor once.
fn drive(fixture: &Fixture) -> (Vec<PageEvent>, usize, Result<(), PagingError>) {
    let rows = fixture.server_rows();
    let mut cutter = fixture.cutter();
    let mut pager = Paginator::new(fixture.query()).expect("a valid query");
    let mut events = Vec::new();
    let mut requests = 0;
    while let Some(query) = pager.next_query() {
        assert!(requests <= 1_000, "the drive loop did not settle");
        requests += 1;
        let page = cutter.cut(&query, &rows).expect("a valid query");
        if let Err(error) = pager.handle_page(page) {
            return (events, requests, Err(error));
        }
        events.extend(std::iter::from_fn(|| pager.poll_event()));
        if requests == fixture.resume_after {
            let saved = serde_json::to_string(pager.cursor()).expect("serialisable");
            let cursor: Cursor = serde_json::from_str(&saved).expect("deserialisable");
            pager = Paginator::resume(cursor, PagingConfig::default()).expect("resumable");
        }
    }
    (events, requests, Ok(()))
}

/// The genuine pages of a fixture, in order.
fn genuine_pages(fixture: &Fixture) -> Vec<GetPage> {
    let rows = fixture.server_rows();
    let mut cutter = fixture.cutter();
    let mut pager = Paginator::new(fixture.query()).expect("a valid query");
    let mut genuine = Vec::new();
    while let Some(query) = pager.next_query() {
        let page = cutter.cut(&query, &rows).expect("a valid query");
        genuine.push(page.clone());
        pager.handle_page(page).expect("genuine pages pass");
        while pager.poll_event().is_some() {}
    }
    genuine
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_record_arrives_once_in_order_within_bounded_requests(fixture in fixture()) {
        let (events, requests, result) = drive(&fixture);
        prop_assert_eq!(result, Ok(()));
        prop_assert!(requests <= fixture.rows.len().max(1), "{} requests", requests);
        if fixture.rows.is_empty() {
            prop_assert!(matches!(events.as_slice(), [PageEvent::NotFound(_)]));
            return Ok(());
        }
        let mut delivered = Vec::new();
        for event in &events {
            match event {
                PageEvent::Item(item) => delivered.push(item.clone()),
                PageEvent::Duplicate(duplicate) => {
                    // The copies belong to the record just delivered, in the server's order.
                    let row = fixture.rows.get(delivered.len() - 1).expect("a delivered row");
                    prop_assert!(fixture.key_only);
                    prop_assert_eq!(&duplicate.id, row.items[0].id());
                    prop_assert_eq!(&duplicate.copies[..], &row.items[1..=duplicate.count()]);
                }
                PageEvent::NotFound(_) => prop_assert!(false, "not found with rows"),
            }
        }
        let expected: Vec<Item> = fixture.rows.iter().map(|row| row.items[0].clone()).collect();
        prop_assert_eq!(delivered, expected);
    }

    #[test]
    fn adversarial_pages_end_with_the_right_error(
        fixture in fixture(),
        kind in 0_u8..3,
        at in any::<prop::sample::Index>(),
        by in 1_i64..50,
    ) {
        let pages = genuine_pages(&fixture);
        prop_assume!(pages.len() >= 2);
        let at = 1 + at.index(pages.len() - 1);
        let previous = &pages[at - 1];
        let (bad, expected) = match kind {
            0 => (
                previous.clone(),
                PagingError::NotAdvancing { last_rec_no: previous.last_rec_no },
            ),
            1 => {
                let current = previous.max_rec_no - by;
                (
                    GetPage { max_rec_no: current, ..pages[at].clone() },
                    PagingError::MaxRecNoShrank { previous: previous.max_rec_no, current },
                )
            }
            _ => {
                let last_rec_no = pages[at].max_rec_no + by;
                (
                    GetPage { last_rec_no, ..pages[at].clone() },
                    PagingError::LastBeyondMax { last_rec_no, max_rec_no: pages[at].max_rec_no },
                )
            }
        };
        let mut pager = Paginator::new(fixture.query()).expect("a valid query");
        for page in &pages[..at] {
            pager.handle_page(page.clone()).expect("genuine pages pass");
        }
        let delivered = pager.cursor().records();
        prop_assert_eq!(pager.handle_page(bad), Err(expected.clone()));
        prop_assert_eq!(pager.error(), Some(&expected));
        prop_assert_eq!(pager.next_query(), None);
        prop_assert_eq!(pager.cursor().records(), delivered);
    }
}

//! The cutter and the paginator against `tests/vectors/paging_cut.json`.

mod paging_support;

use paging_support::run;
use serde::Deserialize;
use taf_core::{GetQuery, Item, PageCutter, Paginator, Row};

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VectorRow {
    rec_no: i64,
    item: Item,
    fill_error_detail: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    rec_nos: Vec<i64>,
    #[serde(default)]
    not_found: bool,
    last_rec_no: i64,
    max_rec_no: i64,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    rows: Vec<VectorRow>,
    query: String,
    pages: Vec<Page>,
    records: Option<u64>,
    duplicates: Option<u64>,
    paginator_error: Option<String>,
}

fn rows(case: &Case) -> Vec<Row> {
    case.rows
        .iter()
        .map(|row| {
            let mut item = row.item.clone();
            if let (Some(fill), Item::Pending(pending)) = (row.fill_error_detail, &mut item) {
                pending.error_detail = "x".repeat(fill);
            }
            Row::new(row.rec_no, item)
        })
        .collect()
}

#[test]
fn pages_are_cut_and_followed_as_the_vectors_say() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/paging_cut.json"
    );
    let text = std::fs::read_to_string(path).expect("the vectors exist");
    let vectors: Vectors = serde_json::from_str(&text).expect("the vectors parse");
    for case in &vectors.cases {
        let rows = rows(case);
        let mut cutter = PageCutter::new();
        let mut query = GetQuery::from_query_string(&case.query).expect("a valid query");
        for (index, expected) in case.pages.iter().enumerate() {
            let page = cutter.cut(&query, &rows).expect("a valid query");
            let at = format!("{} page {index}", case.id);
            assert_eq!(page.is_not_found(), expected.not_found, "{at}");
            assert_eq!(
                (page.last_rec_no, page.max_rec_no),
                (expected.last_rec_no, expected.max_rec_no),
                "{at}"
            );
            if !expected.not_found {
                // Match each item to its row in order, so repeated rows map one to one.
                let mut remaining = rows.iter();
                let rec_nos: Vec<i64> = page
                    .items
                    .iter()
                    .map(|item| {
                        remaining
                            .by_ref()
                            .find(|row| &row.item == item)
                            .map_or(-1, |row| row.rec_no)
                    })
                    .collect();
                assert_eq!(rec_nos, expected.rec_nos, "{at}");
            }
            query.start_rec_no = Some(page.last_rec_no + 1);
        }
        let start = GetQuery::from_query_string(&case.query).expect("a valid query");
        match (&case.paginator_error, Paginator::new(start)) {
            (Some(code), Err(error)) => assert_eq!(error.code(), code, "{}", case.id),
            (None, Ok(mut pager)) => {
                let (drive, result) = run(&mut pager, &mut PageCutter::new(), &rows);
                result.expect("the pages pass the guards");
                assert_eq!(drive.pages.len(), case.pages.len(), "{}", case.id);
                assert_eq!(Some(pager.cursor().records()), case.records, "{}", case.id);
                assert_eq!(
                    Some(pager.cursor().duplicates()),
                    case.duplicates,
                    "{}",
                    case.id
                );
            }
            (expected, actual) => panic!("{}: expected {expected:?}, got {actual:?}", case.id),
        }
    }
}

//! Item builders and a drive loop shared by the paging tests.
#![allow(dead_code, unreachable_pub)]

use taf_core::{
    GetPage, GetQuery, Item, ItemId, PageCutter, PageEvent, Paginator, PagingError, PendingItem,
    ProcessedItem, Row,
};

/// More requests than this and a drive loop is considered not to settle.
pub const SETTLE_LIMIT: usize = 10_000;

pub fn pending(id: ItemId, description: &str, error_code: &str, detail: &str) -> Item {
    Item::Pending(PendingItem {
        description: description.to_owned(),
        id,
        error_code: error_code.to_owned(),
        error_description: String::new(),
        error_detail: detail.to_owned(),
        registry_priority: String::new(),
        integration_queue: String::new(),
        erp_owner: String::new(),
        registry_predecessor: String::new(),
        transfer_branch: String::new(),
        complement: String::new(),
        streaming_errors: Vec::new(),
        xml_ret_response: String::new(),
    })
}

/// A waiting item (no TAFXERP row yet).
pub fn waiting(id: ItemId) -> Item {
    pending(id, "Aguardando Processamento", "", "")
}

/// A pending item with a TAFXERP error (status 9).
pub fn rejected(id: ItemId, code: &str, detail: &str) -> Item {
    pending(id, "Registro Inconsistente.", code, detail)
}

/// A processed item with a TAF status and receipt.
pub fn processed(id: ItemId, status: &str, receipt: &str) -> Item {
    Item::Processed(ProcessedItem {
        description: "Registro Processado.".to_owned(),
        id,
        status_code: status.to_owned(),
        status_description: Some(taf_core::catalog::status_description(status).to_owned()),
        active: true,
        receipt_number: receipt.to_owned(),
        delete_type: None,
        streaming_errors: Vec::new(),
        xml_ret_response: String::new(),
    })
}

pub fn key(value: &str) -> ItemId {
    ItemId::RegistryKey(value.to_owned())
}

pub fn ticket(value: &str) -> ItemId {
    ItemId::TicketCode(value.to_owned())
}

/// Waiting rows of one ticket at the given RECNOs, keyed `K<recno>`.
pub fn waiting_rows(rec_nos: impl IntoIterator<Item = i64>) -> Vec<Row> {
    rec_nos
        .into_iter()
        .map(|rec_no| Row::new(rec_no, waiting(key(&format!("K{rec_no}")))))
        .collect()
}

/// What a drive produced.
#[derive(Debug, Default)]
pub struct Drive {
    pub events: Vec<PageEvent>,
    pub pages: Vec<GetPage>,
    pub queries: Vec<GetQuery>,
}

impl Drive {
    pub fn items(&self) -> Vec<Item> {
        self.events
            .iter()
            .filter_map(|event| match event {
                PageEvent::Item(item) => Some(item.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn ids(&self) -> Vec<String> {
        self.items()
            .iter()
            .map(|item| item.id().value().to_owned())
            .collect()
    }
}

/// Feeds pages from `answer` until the paginator stops, draining events after each page.
/// Panics if it does not settle within [`SETTLE_LIMIT`] requests.
pub fn run_with(
    pager: &mut Paginator,
    mut answer: impl FnMut(&GetQuery) -> GetPage,
) -> (Drive, Result<(), PagingError>) {
    let mut drive = Drive::default();
    while let Some(query) = pager.next_query() {
        assert!(
            drive.queries.len() < SETTLE_LIMIT,
            "the drive loop did not settle"
        );
        let page = answer(&query);
        drive.queries.push(query);
        drive.pages.push(page.clone());
        let result = pager.handle_page(page);
        drive
            .events
            .extend(std::iter::from_fn(|| pager.poll_event()));
        if result.is_err() {
            return (drive, result);
        }
    }
    (drive, Ok(()))
}

/// Drives `pager` against `cutter` over `rows`.
pub fn run(
    pager: &mut Paginator,
    cutter: &mut PageCutter,
    rows: &[Row],
) -> (Drive, Result<(), PagingError>) {
    run_with(pager, |query| {
        cutter
            .cut(query, rows)
            .expect("the paginator sends valid queries")
    })
}

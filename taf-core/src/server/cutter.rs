//! The server's side of paging (spec §4.6): which selected rows go on one page, and the
//! `lastRecNo`/`maxRecNo` it reports.

use serde::{Deserialize, Serialize};

use std::borrow::Borrow;

use crate::catalog::FaultCode;
use crate::wire::Fault;
use crate::wire::json::server_len;
use crate::wire::messages;
use crate::wire::text::all_trim;
use crate::wire::{GetPage, GetQuery, Item, ItemId, KeyKind, NotFoundItem, encode_head};
use crate::wire::{is_single_row, searched_code};

/// `MAXSIZE_FILE`: the page stops growing once its text passes this many characters.
pub const PAGE_BUDGET: usize = 850_000;

/// `MAXGET_EVENTOS`: items per page when the request has no `lotQuantity`.
pub const DEFAULT_LOT_QUANTITY: i64 = 500;

/// The worker's CASE chain (spec §4.2): 701 without `startRecNo`, 701 without a key, 703 for
/// a `searchMode` other than 1 or 2. Gives `startRecNo` and the search kind.
pub(crate) fn check_query(query: &GetQuery) -> Result<(i64, KeyKind), Fault> {
    let start = query.start_rec_no.ok_or_else(|| {
        Fault::classic(FaultCode::MissingParameter, messages::START_REC_NO_REQUIRED)
    })?;
    let kind = query.selection().ok_or_else(|| {
        Fault::classic(FaultCode::MissingParameter, messages::SEARCH_KEY_REQUIRED)
    })?;
    if query.search_mode.is_some_and(|mode| mode != 1 && mode != 2) {
        return Err(Fault::classic(
            FaultCode::InvalidSearchMode,
            messages::INVALID_SEARCH_MODE,
        ));
    }
    Ok((start, kind))
}

/// One row the server's query selected (`consultaRegs`), rendered as its item. In key-only
/// searches one TAFST2 row can appear several times, once per joined TAFXERP row, all with the
/// same `rec_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The TAFST2 RECNO.
    pub rec_no: i64,
    /// The item the row renders as.
    pub item: Item,
}

impl Row {
    /// A row at `rec_no`.
    pub fn new(rec_no: i64, item: Item) -> Self {
        Self { rec_no, item }
    }
}

/// Cuts pages as a server worker thread does.
///
/// Before each item the worker checks that the text so far (the root header, then each item
/// and its separating comma, counted in characters of the server's code page, as the server
/// writes them: values unescaped, one character per accented letter) is at most the
/// budget **and** that fewer items than `lotQuantity` were emitted; only then it adds the item,
/// so one item may carry the page past 850,000. `lotQuantity` ≤ 0 gives no items.
///
/// `MAXGET_EVENTOS` is a `STATIC` on the server: with
/// [`PageCutter::with_sticky_lot_quantity`] a `lotQuantity` stays in force for later requests
/// that omit it, as on a real worker (test G-27). The cutter is that worker's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageCutter {
    budget: usize,
    sticky: bool,
    lot_quantity: i64,
}

impl Default for PageCutter {
    fn default() -> Self {
        Self {
            budget: PAGE_BUDGET,
            sticky: false,
            lot_quantity: DEFAULT_LOT_QUANTITY,
        }
    }
}

impl PageCutter {
    /// The real server's limits: [`PAGE_BUDGET`] characters, [`DEFAULT_LOT_QUANTITY`] items,
    /// `lotQuantity` applying to its own request only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses another character budget (tests use small ones).
    #[must_use]
    pub fn with_budget(mut self, budget: usize) -> Self {
        self.budget = budget;
        self
    }

    /// Keeps the last `lotQuantity` for later requests without one (the legacy `STATIC`).
    #[must_use]
    pub fn with_sticky_lot_quantity(mut self, sticky: bool) -> Self {
        self.sticky = sticky;
        self
    }

    /// The item limit for a request with `requested` as its `lotQuantity`; remembers it when
    /// sticky.
    pub fn lot_quantity_for(&mut self, requested: Option<i64>) -> i64 {
        match requested {
            Some(quantity) if self.sticky => {
                self.lot_quantity = quantity;
                quantity
            }
            Some(quantity) => quantity,
            None if self.sticky => self.lot_quantity,
            None => DEFAULT_LOT_QUANTITY,
        }
    }

    /// Cuts the page `query` asks for out of `rows`, the rows the server's query selected in
    /// its order (ascending RECNO; for `searchMode` with a key, the one row the database
    /// chose). Rows below `startRecNo` are left out. `maxRecNo` is the highest selected RECNO
    /// from `startRecNo` on (`TAFLastRcN`); see [`PageCutter::cut_with_max`] when the database
    /// computes it differently.
    ///
    /// Fails with the fault the server's CASE chain would raise: 701 without `startRecNo` or
    /// without a key, 703 for a `searchMode` other than 1 or 2.
    pub fn cut(&mut self, query: &GetQuery, rows: &[Row]) -> Result<GetPage, Fault> {
        let start = query.start_rec_no.unwrap_or(i64::MIN);
        let max_rec_no = rows
            .iter()
            .filter(|row| row.rec_no >= start)
            .map(|row| row.rec_no)
            .max()
            .unwrap_or(0);
        self.cut_page(query, rows, max_rec_no)
    }

    /// [`PageCutter::cut`] with a given `maxRecNo`, for the cases where `TAFLastRcN` and the
    /// row query disagree (searchMode 2, spec §4.7: `lastRecNo` may exceed `maxRecNo`, or a
    /// not-found page may carry `maxRecNo` > 0).
    ///
    /// Rows may be rendered lazily: the cutter takes them one at a time and stops reading as
    /// soon as the page is full, so a server can pass every selected row without rendering them.
    pub fn cut_with_max<R: Borrow<Row>>(
        &mut self,
        query: &GetQuery,
        rows: impl IntoIterator<Item = R>,
        max_rec_no: i64,
    ) -> Result<GetPage, Fault> {
        self.cut_page(query, rows, max_rec_no)
    }

    fn cut_page<R: Borrow<Row>>(
        &mut self,
        query: &GetQuery,
        rows: impl IntoIterator<Item = R>,
        max_rec_no: i64,
    ) -> Result<GetPage, Fault> {
        let (start, kind) = check_query(query)?;
        let lot_quantity = self.lot_quantity_for(query.lot_quantity);
        let code = searched_code(query, kind);
        let mut selected = rows
            .into_iter()
            .filter(|row| row.borrow().rec_no >= start)
            .peekable();
        if selected.peek().is_none() || max_rec_no == 0 {
            let searched = all_trim(&code).to_owned();
            return Ok(GetPage {
                kind,
                code,
                items: vec![Item::NotFound(NotFoundItem {
                    description: messages::NOT_FOUND.to_owned(),
                    id: ItemId::new(kind.other(), searched),
                })],
                last_rec_no: 0,
                max_rec_no,
            });
        }
        let mut text = String::new();
        encode_head(kind, &code, &mut text);
        let mut used = server_len(&text);
        let mut page = GetPage {
            kind,
            code,
            items: Vec::new(),
            last_rec_no: max_rec_no,
            max_rec_no,
        };
        for row in selected {
            let row = row.borrow();
            let emitted = page.items.len();
            let full = i64::try_from(emitted).map_or(true, |count| count >= lot_quantity);
            if used > self.budget || full {
                break;
            }
            text.clear();
            if emitted > 0 {
                text.push(',');
            }
            row.item.encode_into(&mut text);
            used = used.saturating_add(server_len(&text));
            page.items.push(row.item.clone());
            page.last_rec_no = row.rec_no;
            if is_single_row(query) {
                break;
            }
        }
        Ok(page)
    }
}

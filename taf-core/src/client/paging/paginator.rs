//! The client's paging state machine (sans-IO).

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::dedup::push_items;
use super::{Cursor, Duplicate, PagingError};
use crate::wire::Reply;
use crate::wire::{GetPage, GetQuery, Item, KeyKind, NotFoundItem};
use crate::wire::{is_single_row, searched_code};

/// Limits of a paginator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PagingConfig {
    /// Most pages one search may take (counted over resumes); more fail with
    /// [`PagingError::PageBudgetExceeded`].
    pub max_pages: u32,
}

impl PagingConfig {
    /// A paginator that stops after `max_pages` pages.
    pub fn with_max_pages(max_pages: u32) -> Self {
        Self { max_pages }
    }
}

impl Default for PagingConfig {
    /// 10,000 pages: five million records at 500 per page.
    fn default() -> Self {
        Self { max_pages: 10_000 }
    }
}

/// What a paginator hands out, in page order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // nearly every event is an item; boxing would allocate per record
pub enum PageEvent {
    /// One record (a processed or pending item).
    Item(Item),
    /// Extra copies of the record delivered just before (key-only searches only; see
    /// [`Duplicate`]).
    Duplicate(Duplicate),
    /// The search matched nothing; the paginator has finished.
    NotFound(NotFoundItem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Fetching,
    Finished,
    Failed(PagingError),
}

/// Walks every page of a GET search: `startRecNo = lastRecNo + 1` until `lastRecNo` reaches
/// `maxRecNo` or the not-found page, refusing answers that would loop forever or lose records.
///
/// # Drive loop
///
/// Feed one input, then drain the outputs, until a terminal state:
///
/// 1. [`Paginator::next_query`] gives the GET to send, or `None` once finished or failed;
/// 2. send it (through [`Endpoint::get`](crate::client::Endpoint::get), with your HTTP client
///    and a [`StatusPolicy`](crate::StatusPolicy) for retries) and feed the page to
///    [`Paginator::handle_page`];
/// 3. drain [`Paginator::poll_event`] until `None`.
///
/// ```
/// use taf_core::{PageEvent, GetPage, GetQuery, PageCutter, Paginator, Row, Wire};
///
/// // An in-memory server: five waiting rows of ticket T1 at RECNO 10..=14.
/// let listing = GetPage::decode(br#"{"type":"ticketCode","code":"T1","lastRecNo":14,"maxRecNo":14,"items":[
///     {"success":true,"proccessed":false,"registryKey":"K10"},
///     {"success":true,"proccessed":false,"registryKey":"K11"},
///     {"success":true,"proccessed":false,"registryKey":"K12"},
///     {"success":true,"proccessed":false,"registryKey":"K13"},
///     {"success":true,"proccessed":false,"registryKey":"K14"}]}"#).expect("valid JSON");
/// let rows: Vec<Row> = (10..).zip(listing.items).map(|(rec_no, item)| Row::new(rec_no, item)).collect();
/// let mut server = PageCutter::new();
///
/// let mut pager = Paginator::new(GetQuery::by_ticket("T1").lot_quantity(2))?;
/// let mut keys = Vec::new();
/// while let Some(query) = pager.next_query() {
///     let page = server.cut(&query, &rows).expect("a valid query"); // the IO goes here
///     pager.handle_page(page)?;
///     while let Some(event) = pager.poll_event() {
///         if let PageEvent::Item(item) = event {
///             keys.push(item.id().value().to_owned());
///         }
///     }
/// }
/// assert!(pager.is_finished());
/// assert_eq!(keys, ["K10", "K11", "K12", "K13", "K14"]);
/// assert_eq!(pager.cursor().pages(), 3);
/// # Ok::<(), taf_core::PagingError>(())
/// ```
///
/// # Guarantees
///
/// Every accepted page advances `startRecNo`, and the number of pages is bounded by
/// [`PagingConfig::max_pages`], so the loop ends. A page is checked before any of its items is
/// handed out; a page that fails a guard yields nothing and leaves the [`Cursor`] where it was.
/// Copies of a record are reported, never dropped silently (see [`Duplicate`]).
///
/// With `searchMode` and a `registryKey` the server answers with one row, so the first page
/// is the last, and `lastRecNo` may exceed `maxRecNo` (searchMode 2 on Oracle, spec §4.7).
#[derive(Debug, Clone)]
pub struct Paginator {
    cursor: Cursor,
    config: PagingConfig,
    kind: KeyKind,
    code: String,
    single_row: bool,
    collapse: bool,
    events: VecDeque<PageEvent>,
    state: State,
}

impl Paginator {
    /// A paginator for `query` from its `startRecNo` (1 when absent), with default limits.
    pub fn new(query: GetQuery) -> Result<Self, PagingError> {
        Self::with_config(query, PagingConfig::default())
    }

    /// A paginator for `query` with the given limits.
    pub fn with_config(mut query: GetQuery, config: PagingConfig) -> Result<Self, PagingError> {
        query.start_rec_no.get_or_insert(1);
        Self::resume(Cursor::start(query), config)
    }

    /// Continues from a saved cursor (see [`Paginator::cursor`]).
    pub fn resume(mut cursor: Cursor, config: PagingConfig) -> Result<Self, PagingError> {
        let query = &mut cursor.query;
        let kind = query.selection().ok_or(PagingError::InvalidQuery(
            "a ticketCode or registryKey is required",
        ))?;
        if query.lot_quantity.is_some_and(|quantity| quantity <= 0) {
            return Err(PagingError::InvalidQuery(
                "lotQuantity must be positive: the server answers an empty page",
            ));
        }
        if query.search_mode.is_some_and(|mode| mode != 1 && mode != 2) {
            return Err(PagingError::InvalidQuery("searchMode must be 1 or 2"));
        }
        query.start_rec_no.get_or_insert(1);
        let code = searched_code(query, kind);
        let single_row = is_single_row(query);
        let collapse = kind == KeyKind::RegistryKey && query.search_mode.is_none();
        let state = if cursor.finished {
            State::Finished
        } else {
            State::Fetching
        };
        Ok(Self {
            cursor,
            config,
            kind,
            code,
            single_row,
            collapse,
            events: VecDeque::new(),
            state,
        })
    }

    /// A fresh paginator for the same search from `start_rec_no` (the query was validated).
    pub(crate) fn restart_at(&self, start_rec_no: i64) -> Self {
        let mut fresh = self.clone();
        fresh.cursor = Cursor::start(GetQuery {
            start_rec_no: Some(start_rec_no),
            ..self.cursor.query.clone()
        });
        fresh.events.clear();
        fresh.state = State::Fetching;
        fresh
    }

    /// The GET to send next; `None` once the search has finished or failed. Asking twice gives
    /// the same query (send it again on a retry).
    pub fn next_query(&self) -> Option<GetQuery> {
        (self.state == State::Fetching).then(|| self.cursor.query.clone())
    }

    /// Takes the page that answered [`Paginator::next_query`], checks it, and queues its
    /// events. On a guard failure the paginator fails for good and nothing of the page is
    /// queued, except for [`PagingError::PageBudgetExceeded`], which comes after the page's
    /// items were queued.
    pub fn handle_page(&mut self, page: GetPage) -> Result<(), PagingError> {
        if self.state != State::Fetching {
            return Err(PagingError::UnexpectedPage);
        }
        match self.check(&page) {
            Err(error) => self.fail(error),
            Ok(()) if page.is_not_found() => {
                self.events
                    .extend(page.items.into_iter().filter_map(|item| match item {
                        Item::NotFound(item) => Some(PageEvent::NotFound(item)),
                        Item::Processed(_) | Item::Pending(_) => None,
                    }));
                self.accept(page.last_rec_no, page.max_rec_no, true);
                Ok(())
            }
            Ok(()) => {
                let tally = push_items(page.items, self.collapse, &mut self.events);
                self.cursor.records += tally.records;
                self.cursor.duplicates += tally.duplicates;
                let last = self.single_row || page.last_rec_no >= page.max_rec_no;
                self.accept(page.last_rec_no, page.max_rec_no, last);
                if !last && self.cursor.pages >= self.config.max_pages {
                    return self.fail(PagingError::PageBudgetExceeded {
                        pages: self.cursor.pages,
                    });
                }
                Ok(())
            }
        }
    }

    /// Takes a decoded answer: the page goes to [`Paginator::handle_page`]; an envelope or a
    /// fault fails the paginator. Decide retries with a [`StatusPolicy`](crate::StatusPolicy)
    /// before calling this if the fault may be temporary.
    pub fn handle_reply(&mut self, reply: Reply<GetPage>) -> Result<(), PagingError> {
        if self.state != State::Fetching {
            return Err(PagingError::UnexpectedPage);
        }
        match reply.into_result() {
            Ok(page) => self.handle_page(page),
            Err(error) => self.fail(PagingError::Reply(error)),
        }
    }

    /// The next output, in page order.
    pub fn poll_event(&mut self) -> Option<PageEvent> {
        self.events.pop_front()
    }

    /// Where the paginator stands; save it to resume later.
    pub fn cursor(&self) -> &Cursor {
        &self.cursor
    }

    /// Whether the search is complete (the outputs may still need draining).
    pub fn is_finished(&self) -> bool {
        self.state == State::Finished
    }

    /// Why the paginator failed, if it did.
    pub fn error(&self) -> Option<&PagingError> {
        match &self.state {
            State::Failed(error) => Some(error),
            State::Fetching | State::Finished => None,
        }
    }

    fn fail(&mut self, error: PagingError) -> Result<(), PagingError> {
        self.state = State::Failed(error.clone());
        Err(error)
    }

    fn accept(&mut self, last_rec_no: i64, max_rec_no: i64, last: bool) {
        let cursor = &mut self.cursor;
        cursor.pages = cursor.pages.saturating_add(1);
        cursor.last_rec_no = Some(last_rec_no);
        cursor.max_rec_no = Some(max_rec_no);
        cursor.query.start_rec_no = Some(last_rec_no.saturating_add(1));
        if last {
            cursor.finished = true;
            self.state = State::Finished;
        }
    }

    /// The guards, in order; see [`PagingError`].
    fn check(&self, page: &GetPage) -> Result<(), PagingError> {
        let start_rec_no = self.cursor.next_start();
        let comparable = self.code.is_ascii() && page.code.is_ascii();
        if page.kind != self.kind || comparable && page.code.trim() != self.code.trim() {
            return Err(PagingError::UnexpectedSearch {
                expected: format!("{}:{}", self.kind.wire_name(), self.code),
                found: format!("{}:{}", page.kind.wire_name(), page.code),
            });
        }
        if page.is_not_found() {
            return match self.cursor.max_rec_no {
                Some(max_rec_no) => Err(PagingError::RecordsVanished {
                    start_rec_no,
                    max_rec_no,
                }),
                None => Ok(()),
            };
        }
        if page
            .items
            .iter()
            .any(|item| matches!(item, Item::NotFound(_)))
        {
            return Err(PagingError::StrayNotFound);
        }
        if page.items.is_empty() {
            return Err(PagingError::EmptyPage {
                start_rec_no,
                max_rec_no: page.max_rec_no,
            });
        }
        if let Some(previous) = self.cursor.max_rec_no
            && page.max_rec_no < previous
        {
            return Err(PagingError::MaxRecNoShrank {
                previous,
                current: page.max_rec_no,
            });
        }
        if self.cursor.last_rec_no == Some(page.last_rec_no) {
            return Err(PagingError::NotAdvancing {
                last_rec_no: page.last_rec_no,
            });
        }
        if page.last_rec_no < start_rec_no {
            return Err(PagingError::BelowStart {
                start_rec_no,
                last_rec_no: page.last_rec_no,
            });
        }
        if !self.single_row && page.last_rec_no > page.max_rec_no {
            return Err(PagingError::LastBeyondMax {
                last_rec_no: page.last_rec_no,
                max_rec_no: page.max_rec_no,
            });
        }
        Ok(())
    }
}

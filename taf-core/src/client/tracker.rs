//! Following the keys a POST accepted until each one is terminal.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Disposition, RecordStatus, XerpError};
use crate::client::{PageEvent, Paginator, PagingConfig, PagingError};
use crate::wire::{DeleteType, GetPage, GetQuery, Item, ItemId, PendingItem, ProcessedItem};
use crate::wire::{PostRequest, PostResponse};

/// The GET that lists a POST's rows: its ticket, filtered on the first item's branch (when
/// not blank), from RECNO 1.
pub(crate) fn ticket_query(request: &PostRequest) -> GetQuery {
    let mut query = GetQuery::by_ticket(request.ticket_code.clone());
    let branch = request
        .lote
        .first()
        .and_then(|item| item.source_branch.clone());
    query.source_branch = branch.filter(|branch| !branch.trim().is_empty());
    query
}

/// How a key ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Processed, with a final TAF status: 1 (TAF validation failed), 3 (government
    /// rejection), 4 (authorized) or 7 (exclusion accepted).
    Processed(RecordStatus),
    /// The integration failed with this TAFXERP code (rejected, or queued with an error that is
    /// not re-queued); the ERP must correct and resend.
    Rejected {
        /// `errorCode`, trimmed.
        error_code: String,
    },
    /// TAFXERP 000026 (direct deletion), or a processed item with an empty `statusCode`, which
    /// the server also sends when it cannot position the TAF record.
    Deleted,
    /// TAFST2 marks the row processed but TAFXERP holds no result ("Registro não encontrado na
    /// tabela TAFXERP."): nothing will change by polling; TAF's integration monitor must be
    /// checked.
    ResultMissing,
}

/// Where a key stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    /// Not seen yet.
    Unseen,
    /// Stored, waiting for the integration job (or back in its queue).
    Waiting,
    /// Integrated; the TAF record is still moving (status blank, 0, 2, 6, or a code outside
    /// the table).
    InProgress(Option<RecordStatus>),
    /// Terminal.
    Done(Outcome),
    /// Absent from a pass that covered it: never stored under this key (a key over 100
    /// characters is stored truncated) or deleted since. Terminal.
    Missing,
}

impl KeyState {
    /// Whether polling can stop for this key.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Done(_) | Self::Missing)
    }

    fn of(item: &Item, queued: bool) -> Option<Self> {
        match item {
            Item::Processed(item) => Some(Self::of_processed(item)),
            Item::Pending(item) => Some(Self::of_pending(item, queued)),
            Item::NotFound(_) => None,
        }
    }

    fn of_processed(item: &ProcessedItem) -> Self {
        if item.status_code.is_empty() || item.delete_type() == Some(DeleteType::Direct) {
            return Self::Done(Outcome::Deleted);
        }
        match item.status() {
            Some(status) if status.is_final() => Self::Done(Outcome::Processed(status)),
            status => Self::InProgress(status),
        }
    }

    fn of_pending(item: &PendingItem, queued: bool) -> Self {
        if item.is_result_missing() {
            return Self::Done(Outcome::ResultMissing);
        }
        if item.is_waiting() {
            return Self::Waiting;
        }
        let error = item.error();
        let requeued = match item.integration_queue.trim() {
            "F" => true,
            "R" => false,
            _ => queued && error.is_some_and(|code| code.disposition() == Disposition::Queue),
        };
        if error.is_some_and(XerpError::is_success) {
            Self::Done(Outcome::Deleted)
        } else if requeued {
            Self::Waiting
        } else {
            Self::Done(Outcome::Rejected {
                error_code: item.error_code.trim().to_owned(),
            })
        }
    }
}

/// The state of every tracked key after a pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Keys still moving, with their state, in POST order.
    pub pending: Vec<(String, KeyState)>,
    /// Keys that ended, with their outcome, in POST order.
    pub done: Vec<(String, Outcome)>,
    /// Keys the server does not have.
    pub missing: Vec<String>,
    /// Complete passes so far.
    pub passes: u32,
}

impl Report {
    /// Whether every key is terminal.
    pub fn is_complete(&self) -> bool {
        self.pending.is_empty()
    }
}

/// A failed tick of [`Tracker::poll`].
#[derive(Debug, thiserror::Error)]
pub enum TrackError<E> {
    /// Fetching a page failed; the next tick continues the same pass.
    #[error("fetching a page failed: {0}")]
    Fetch(#[source] E),
    /// A page failed a paginator guard; the next tick starts the pass again.
    #[error(transparent)]
    Paging(#[from] PagingError),
}

impl<E> TrackError<E> {
    /// A stable, machine-readable code (`fetch`, or the [`PagingError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Fetch(_) => "fetch",
            Self::Paging(error) => error.code(),
        }
    }
}

#[derive(Debug, Clone)]
struct Tracked {
    key: String,
    queued: bool,
    state: KeyState,
    seen: bool,
}

/// Follows the keys of one ticket with GET passes until every key is terminal: processed
/// with a final status, rejected, deleted, or missing.
///
/// Each tick is one pass over the ticket's pages. [`Tracker::poll`] runs a pass with a fetch
/// function; without one, drive it like a [`Paginator`]: [`Tracker::next_query`], send,
/// [`Tracker::handle_page`], until `next_query` is `None`, then read [`Tracker::report`].
///
/// Rows come in RECNO order and a terminal key stays terminal, so each pass after the first
/// starts at the first page that held a key still moving. When a key has several rows in the
/// ticket, the last one (highest RECNO) decides.
#[derive(Debug, Clone)]
pub struct Tracker {
    prototype: Paginator,
    keys: Vec<Tracked>,
    index: HashMap<String, usize>,
    pass: Option<Paginator>,
    first_open_page: Option<i64>,
    resume_from: i64,
    passes: u32,
}

impl Tracker {
    /// Tracks `keys` of the ticket `query` searches (build it with [`GetQuery::by_ticket`], and
    /// the branch and options to send). Keys are matched trimmed, as the server trims them.
    pub fn new<I, S>(query: GetQuery, keys: I) -> Result<Self, PagingError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::with_config(
            query,
            keys.into_iter().map(|key| (key.into(), false)),
            PagingConfig::default(),
        )
    }

    /// Tracks the keys `response` accepted, searching `request`'s ticket and first branch. A key
    /// posted with `integrationQueue` "1" counts as waiting while its error is one TAF
    /// re-queues.
    pub fn from_post(request: &PostRequest, response: &PostResponse) -> Result<Self, PagingError> {
        let query = ticket_query(request);
        let queued = |key: &str| {
            request.lote.iter().any(|item| {
                item.registry_key.as_deref() == Some(key)
                    && item.integration_queue.as_deref() == Some("1")
            })
        };
        let keys = response
            .accepted()
            .map(|result| (result.key.clone(), queued(&result.key)));
        Self::with_config(query, keys, PagingConfig::default())
    }

    /// [`Tracker::new`] with paging limits and a per-key "queued" flag.
    pub fn with_config(
        query: GetQuery,
        keys: impl IntoIterator<Item = (String, bool)>,
        config: PagingConfig,
    ) -> Result<Self, PagingError> {
        if query
            .ticket_code
            .as_deref()
            .is_none_or(|ticket| ticket.trim().is_empty())
        {
            return Err(PagingError::InvalidQuery("a tracker follows a ticketCode"));
        }
        let prototype = Paginator::with_config(query, config)?;
        let mut tracked: Vec<Tracked> = Vec::new();
        let mut index = HashMap::new();
        for (key, queued) in keys {
            let trimmed = key.trim().to_owned();
            if index.contains_key(&trimmed) {
                continue;
            }
            index.insert(trimmed, tracked.len());
            tracked.push(Tracked {
                key,
                queued,
                state: KeyState::Unseen,
                seen: false,
            });
        }
        let resume_from = prototype.cursor().next_start();
        Ok(Self {
            prototype,
            keys: tracked,
            index,
            pass: None,
            first_open_page: None,
            resume_from,
            passes: 0,
        })
    }

    /// The GET to send next in this pass, starting a pass when none is under way; `None` once
    /// every key is terminal.
    pub fn next_query(&mut self) -> Option<GetQuery> {
        if self.pass.is_none() {
            if self.is_complete() {
                return None;
            }
            self.pass = Some(self.prototype.restart_at(self.resume_from));
            self.first_open_page = None;
            for key in &mut self.keys {
                key.seen = false;
            }
        }
        self.pass.as_ref().and_then(Paginator::next_query)
    }

    /// Takes the page that answered [`Tracker::next_query`]. When the page ends the pass, keys
    /// the pass did not see become [`KeyState::Missing`]. A guard failure abandons the pass.
    pub fn handle_page(&mut self, page: GetPage) -> Result<(), PagingError> {
        let Some(pass) = self.pass.as_mut() else {
            return Err(PagingError::UnexpectedPage);
        };
        let page_start = pass.cursor().next_start();
        if let Err(error) = pass.handle_page(page) {
            self.pass = None;
            return Err(error);
        }
        while let Some(event) = pass.poll_event() {
            let PageEvent::Item(item) = event else {
                continue;
            };
            let ItemId::RegistryKey(key) = item.id() else {
                continue;
            };
            let Some(tracked) = self
                .index
                .get(key.trim())
                .and_then(|&at| self.keys.get_mut(at))
            else {
                continue;
            };
            if let Some(state) = KeyState::of(&item, tracked.queued) {
                if !state.is_terminal() && self.first_open_page.is_none() {
                    self.first_open_page = Some(page_start);
                }
                tracked.state = state;
                tracked.seen = true;
            }
        }
        if pass.is_finished() {
            self.finish_pass();
        }
        Ok(())
    }

    fn finish_pass(&mut self) {
        for key in &mut self.keys {
            if !key.seen && !key.state.is_terminal() {
                key.state = KeyState::Missing;
            }
        }
        if let Some(start) = self.first_open_page {
            self.resume_from = start;
        }
        self.passes = self.passes.saturating_add(1);
        self.pass = None;
    }

    /// Runs one tick: a whole pass (or the rest of an interrupted one), fetching pages with
    /// `fetch`, then reports. Does nothing but report once every key is terminal.
    pub fn poll<E>(
        &mut self,
        mut fetch: impl FnMut(&GetQuery) -> Result<GetPage, E>,
    ) -> Result<Report, TrackError<E>> {
        while let Some(query) = self.next_query() {
            let page = fetch(&query).map_err(TrackError::Fetch)?;
            self.handle_page(page)?;
            if self.pass.is_none() {
                break;
            }
        }
        Ok(self.report())
    }

    /// The state of `key` (matched trimmed), if it is tracked.
    pub fn state(&self, key: &str) -> Option<&KeyState> {
        let at = *self.index.get(key.trim())?;
        self.keys.get(at).map(|tracked| &tracked.state)
    }

    /// Whether every key is terminal.
    pub fn is_complete(&self) -> bool {
        self.keys.iter().all(|key| key.state.is_terminal())
    }

    /// Complete passes so far (as [`Report::passes`], without building a report).
    pub fn passes(&self) -> u32 {
        self.passes
    }

    /// Every key's state after the last page handled.
    pub fn report(&self) -> Report {
        let mut report = Report {
            pending: Vec::new(),
            done: Vec::new(),
            missing: Vec::new(),
            passes: self.passes,
        };
        for tracked in &self.keys {
            let key = tracked.key.clone();
            match &tracked.state {
                KeyState::Done(outcome) => report.done.push((key, outcome.clone())),
                KeyState::Missing => report.missing.push(key),
                state => report.pending.push((key, state.clone())),
            }
        }
        report
    }
}

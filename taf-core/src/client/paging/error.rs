//! Why a paginator stopped before the end of a search.

use crate::wire::ReplyError;

/// A paginator failure. Each guard has its own variant and a stable [`PagingError::code`].
/// Items queued before the failure stay valid, and the [`Cursor`](crate::Cursor) still points
/// at the first page not yet accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The query cannot be paged (no key, `lotQuantity` ≤ 0, `searchMode` other than 1 or 2).
    #[error("the query cannot be paged: {0}")]
    InvalidQuery(&'static str),
    /// A page arrived while none was expected (the paginator had finished or failed).
    #[error("no page was expected: the paginator has finished or failed")]
    UnexpectedPage,
    /// The page answers another search than the one sent.
    #[error("the page answers {found:?}, not the search for {expected:?}")]
    UnexpectedSearch {
        /// `type:code` of the search sent.
        expected: String,
        /// `type:code` the page echoes.
        found: String,
    },
    /// The page ends at the same RECNO as the previous one: asking again would loop forever.
    #[error("the page does not advance: lastRecNo is still {last_rec_no}")]
    NotAdvancing {
        /// The repeated `lastRecNo`.
        last_rec_no: i64,
    },
    /// `lastRecNo` is below the `startRecNo` sent: the items cannot come from the requested range.
    #[error("lastRecNo {last_rec_no} is below the requested startRecNo {start_rec_no}")]
    BelowStart {
        /// The `startRecNo` sent.
        start_rec_no: i64,
        /// The `lastRecNo` received.
        last_rec_no: i64,
    },
    /// A page without items although records remain: `lotQuantity` ≤ 0 in force on the server
    /// (possibly left there by another client, spec §4.6 "STATIC").
    #[error("empty page from startRecNo {start_rec_no} although records up to {max_rec_no} remain")]
    EmptyPage {
        /// The `startRecNo` sent.
        start_rec_no: i64,
        /// The `maxRecNo` received.
        max_rec_no: i64,
    },
    /// More pages than [`PagingConfig::max_pages`](crate::PagingConfig::max_pages).
    #[error("the search needs more than {pages} pages")]
    PageBudgetExceeded {
        /// Pages accepted.
        pages: u32,
    },
    /// `maxRecNo` went down between pages: rows were deleted while paging.
    #[error("maxRecNo shrank from {previous} to {current} while paging")]
    MaxRecNoShrank {
        /// The previous page's `maxRecNo`.
        previous: i64,
        /// This page's.
        current: i64,
    },
    /// `lastRecNo` beyond `maxRecNo` outside `searchMode` (where it is a known quirk).
    #[error("lastRecNo {last_rec_no} is beyond maxRecNo {max_rec_no}")]
    LastBeyondMax {
        /// The `lastRecNo` received.
        last_rec_no: i64,
        /// The `maxRecNo` received.
        max_rec_no: i64,
    },
    /// A later page says nothing is found although an earlier page promised more rows.
    #[error("records from startRecNo {start_rec_no} up to {max_rec_no} vanished while paging")]
    RecordsVanished {
        /// The `startRecNo` sent.
        start_rec_no: i64,
        /// The `maxRecNo` the previous page promised.
        max_rec_no: i64,
    },
    /// A not-found item among real items.
    #[error("a not-found item appears among other items")]
    StrayNotFound,
    /// The answer was an envelope or a fault, fed through
    /// [`Paginator::handle_reply`](crate::Paginator::handle_reply).
    #[error(transparent)]
    Reply(#[from] ReplyError),
}

impl PagingError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidQuery(_) => "invalid_query",
            Self::UnexpectedPage => "unexpected_page",
            Self::UnexpectedSearch { .. } => "unexpected_search",
            Self::NotAdvancing { .. } => "not_advancing",
            Self::BelowStart { .. } => "below_start",
            Self::EmptyPage { .. } => "empty_page",
            Self::PageBudgetExceeded { .. } => "page_budget_exceeded",
            Self::MaxRecNoShrank { .. } => "max_rec_no_shrank",
            Self::LastBeyondMax { .. } => "last_beyond_max",
            Self::RecordsVanished { .. } => "records_vanished",
            Self::StrayNotFound => "stray_not_found",
            Self::Reply(_) => "reply",
        }
    }
}

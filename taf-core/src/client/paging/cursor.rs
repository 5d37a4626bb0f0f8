//! Where a paginator stands, as a serialisable value to resume from later.

use serde::{Deserialize, Serialize};

use crate::wire::GetQuery;

/// A paginator's position: the query of the next page (its `startRecNo` is the next start)
/// and what the earlier pages said, so the guards keep working after a resume. Serialise it
/// (with serde) between runs and pass it to [`Paginator::resume`](crate::Paginator::resume).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cursor {
    pub(crate) query: GetQuery,
    pub(crate) pages: u32,
    pub(crate) records: u64,
    pub(crate) duplicates: u64,
    pub(crate) last_rec_no: Option<i64>,
    pub(crate) max_rec_no: Option<i64>,
    pub(crate) finished: bool,
}

impl Cursor {
    /// The cursor of a search that has not fetched a page yet.
    pub(crate) fn start(query: GetQuery) -> Self {
        Self {
            query,
            pages: 0,
            records: 0,
            duplicates: 0,
            last_rec_no: None,
            max_rec_no: None,
            finished: false,
        }
    }

    /// The query of the next page.
    pub fn query(&self) -> &GetQuery {
        &self.query
    }

    /// The `startRecNo` of the next page.
    pub fn next_start(&self) -> i64 {
        self.query.start_rec_no.unwrap_or(1)
    }

    /// Pages accepted so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Records delivered so far (as [`PageEvent::Item`](crate::PageEvent::Item)).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Extra copies of records reported so far (in [`PageEvent::Duplicate`](crate::PageEvent::Duplicate)).
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// `lastRecNo` of the last accepted page.
    pub fn last_rec_no(&self) -> Option<i64> {
        self.last_rec_no
    }

    /// `maxRecNo` of the last accepted page.
    pub fn max_rec_no(&self) -> Option<i64> {
        self.max_rec_no
    }

    /// Whether the search is complete.
    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

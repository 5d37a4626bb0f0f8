//! A POST whose answer does not say what was stored, and the GET that finds out.
//!
//! The server's worker commits each item before it checks the next one (spec §3.3 step 6). When
//! it crashes half-way, the POST answers an empty body (spec §1.2); a proxy may answer 502 or
//! 504 after the server stored everything. Sending the lote again would store its items a
//! second time, so the client must never re-POST on such an answer
//! ([`StatusPolicy`](crate::StatusPolicy) fails with
//! [`RequestError::OutcomeUnknown`](crate::RequestError::OutcomeUnknown) instead of retrying).
//!
//! The drive loop:
//!
//! 1. The answer to a POST is an empty or unreadable 2xx body ([`UnknownOutcome::follows`]),
//!    or the policy failed with `OutcomeUnknown`: build [`UnknownOutcome::new`] from the request.
//! 2. Run one pass of [`UnknownOutcome::tracker`] (GET by ticket; [`Tracker::poll`] or
//!    `next_query`/`handle_page`).
//! 3. [`UnknownOutcome::split`] the tracker's [`Report`]: which keys the server holds, which it
//!    does not. Send only the latter again; keep tracking the former with the same tracker.
//!
//! ```
//! use taf_core::{GetPage, PostRequest, Reply, UnknownOutcome, Wire};
//!
//! let request = PostRequest::decode(br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1","registryKey":"K1"},{"sourceBranch":"B1","registryKey":"K2"}]}"#)?;
//! assert!(UnknownOutcome::follows(200, b""));
//! let outcome = UnknownOutcome::new(&request);
//! let mut tracker = outcome.tracker().expect("the lote has a ticket");
//! // The GET by ticket shows that only K1 was stored before the worker crashed.
//! let page = br#"{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K1","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 7,"maxRecNo" : 7}"#;
//! let report = tracker
//!     .poll(|query| {
//!         assert_eq!(query.ticket_code.as_deref(), Some("T1"));
//!         match Reply::<GetPage>::decode(200, page)? {
//!             Reply::Body(page) => Ok(page),
//!             _ => unreachable!(),
//!         }
//!     })
//!     .map_err(|error: taf_core::TrackError<taf_core::DecodeError>| error.to_string())
//!     .unwrap();
//! let split = outcome.split(&report).expect("one pass is done");
//! assert_eq!(split.stored, ["K1"]);
//! assert_eq!(split.not_stored, ["K2"]);
//! # Ok::<(), taf_core::DecodeError>(())
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::wire::GetQuery;

use super::tracker::ticket_query;
use crate::client::{PagingConfig, PagingError};
use crate::client::{Report, Tracker};
use crate::wire::Reply;
use crate::wire::{PostRequest, PostResponse};

/// A POST that may have stored some, all or none of its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownOutcome {
    /// The lote's `ticketCode`, which the search GET asks for.
    pub ticket_code: String,
    /// The first item's branch, which the search GET filters on (`None` when blank).
    pub source_branch: Option<String>,
    /// The keys of the items sent with that branch, in lote order (each once), with whether
    /// the item asked for the integration queue.
    pub keys: Vec<(String, bool)>,
    /// Keys of items sent with another branch: the search GET cannot see them (it filters on
    /// one branch), so their fate stays unknown.
    pub unchecked: Vec<String>,
}

/// Which keys of the lote the server holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StoredKeys {
    /// Keys the ticket holds: stored (by this POST or an earlier one of the same ticket). Do not
    /// send them again.
    pub stored: Vec<String>,
    /// Keys the ticket does not hold: send them again (a key over 100 characters is stored
    /// truncated, so it is never found under its full value).
    pub not_stored: Vec<String>,
    /// Keys of other branches, which the search could not see.
    pub unchecked: Vec<String>,
}

impl UnknownOutcome {
    /// The outcome of sending `request`, not yet known.
    pub fn new(request: &PostRequest) -> Self {
        let query = ticket_query(request);
        let first = query.source_branch.as_deref().map_or("", str::trim);
        let mut keys: Vec<(String, bool)> = Vec::new();
        let mut unchecked = Vec::new();
        for item in &request.lote {
            let Some(key) = item.registry_key.clone() else {
                continue;
            };
            let branch = item.source_branch.as_deref().map_or("", str::trim);
            if !first.is_empty() && !branch.is_empty() && branch != first {
                unchecked.push(key);
            } else if !keys.iter().any(|(known, _)| known.trim() == key.trim()) {
                let queued = item.integration_queue.as_deref() == Some("1");
                keys.push((key, queued));
            }
        }
        Self {
            ticket_code: request.ticket_code.clone(),
            source_branch: query.source_branch,
            keys,
            unchecked,
        }
    }

    /// Whether a POST answered with `status` and `body` leaves its outcome unknown: a 2xx
    /// answer whose body is empty (a crashed worker, spec §1.2) or not a POST answer at all.
    /// (Non-2xx answers go through the [`StatusPolicy`](crate::StatusPolicy), which reports
    /// [`RequestError::OutcomeUnknown`](crate::RequestError::OutcomeUnknown).)
    pub fn follows(status: u16, body: &[u8]) -> bool {
        (200..300).contains(&status) && Reply::<PostResponse>::decode(status, body).is_err()
    }

    /// The search GET: the lote's ticket, filtered on its first branch, from RECNO 1. Send it
    /// and its following pages (with a [`Paginator`](crate::Paginator)), or let
    /// [`UnknownOutcome::tracker`] drive it.
    pub fn query(&self) -> GetQuery {
        let mut query = GetQuery::by_ticket(self.ticket_code.clone());
        query.source_branch.clone_from(&self.source_branch);
        query
    }

    /// A tracker over the keys this search can see. After its first complete pass,
    /// [`UnknownOutcome::split`] tells which were stored; it can then go on following the
    /// stored ones until they are terminal.
    pub fn tracker(&self) -> Result<Tracker, PagingError> {
        Tracker::with_config(
            self.query(),
            self.keys.iter().cloned(),
            PagingConfig::default(),
        )
    }

    /// Which keys the server holds, from a report of [`UnknownOutcome::tracker`]; `None` until
    /// a whole pass is done (before that, an unseen key may still be on a later page).
    pub fn split(&self, report: &Report) -> Option<StoredKeys> {
        (report.passes > 0)
            .then(|| self.partition(|key| !report.missing.iter().any(|gone| gone == key)))
    }

    /// Which keys the server holds, given the identifier (`registryKey`) of every item on every
    /// page of [`UnknownOutcome::query`]; keys are matched trimmed, as the server trims them.
    pub fn split_found<'a>(&self, found: impl IntoIterator<Item = &'a str>) -> StoredKeys {
        let found: HashSet<&str> = found.into_iter().map(str::trim).collect();
        self.partition(|key| found.contains(key.trim()))
    }

    fn partition(&self, stored: impl Fn(&str) -> bool) -> StoredKeys {
        let (stored, not_stored) = self
            .keys
            .iter()
            .map(|(key, _)| key.clone())
            .partition(|key| stored(key));
        StoredKeys {
            stored,
            not_stored,
            unchecked: self.unchecked.clone(),
        }
    }
}

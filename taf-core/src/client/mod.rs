//! The client's side: building requests (the [`Endpoint`], lotes from
//! events with the [`LoteBuilder`]), deciding what an answer means for the next step (the
//! [`StatusPolicy`], [`UnknownOutcome`]) and walking results (the [`Paginator`] over pages, the
//! [`Tracker`] over keys). Nothing here sends anything: the caller's HTTP client does.

mod endpoint;
mod lote;
mod paging;
mod policy;
mod tracker;
mod unknown_outcome;

pub use endpoint::{DEFAULT_SERVICE_PATH, Endpoint, EndpointError};
pub use lote::{BuildError, BuildErrorKind, LoteBuilder, ReadItem, ReadLote, Source};
pub use paging::{Cursor, Duplicate, PageEvent, Paginator, PagingConfig, PagingError};
pub use policy::{Action, Attempt, RequestError, StatusPolicy};
pub use tracker::{KeyState, Outcome, Report, TrackError, Tracker};
pub use unknown_outcome::{StoredKeys, UnknownOutcome};

//! Walking every page of a search (spec §4.6): the client's [`Paginator`], its [`Cursor`] and
//! the duplicates it drops. The server's side of paging, the page cut, is
//! [`PageCutter`](crate::server::PageCutter).

mod cursor;
mod dedup;
mod error;
mod paginator;

pub use cursor::Cursor;
pub use dedup::Duplicate;
pub use error::PagingError;
pub use paginator::{PageEvent, Paginator, PagingConfig};

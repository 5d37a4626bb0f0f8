//! The server's side: the algorithms of WSTAFST2 as the real service runs them, sans-IO and
//! generic over where the rows live.
//!
//! - POST: [`process`] runs a body through the server's checks in the server's order (704, the
//!   branch scan, 803/811, the item rules 800–814) and hands each accepted item to an
//!   [`St2Store`]; the [`rules`] are the single checks it is made of.
//! - GET: the validation chain, row selection and item layout over a [`Store`], paged by the
//!   [`PageCutter`].
//! - DELETE: the body checks and the branch; the ticket chain is [`Store::delete_ticket`].
//! - The integration job and the government step ([`Scenario`]).
//!
//! The emulator (`crate::emulator`) puts these behind one `handle(request)` with its
//! configuration, fault injection and in-memory tables; the preflight (`crate::preflight`) runs
//! the same POST over the pending keys it knows, so both give one answer.

mod branches;
mod cutter;
mod delete;
mod get;
mod job;
mod process;
mod rows;
pub mod rules;
mod store;

pub use branches::BranchMap;
pub(crate) use cutter::check_query;
pub use cutter::{DEFAULT_LOT_QUANTITY, PAGE_BUDGET, PageCutter, Row};
pub(crate) use delete::{delete_request, unknown_branch};
pub use get::Database;
pub(crate) use get::{answer as get_answer, breaks_sql};
pub use job::{JobReport, Rejection, SCHEMA_ERROR_CODE, Scenario};
pub(crate) use job::{process as run_job, transmit};
pub use process::{
    Crash, NewRow, PostAnswer, Processed, ServerRules, St2Store, TargetLayout, process,
    process_request,
};
pub(crate) use process::{declares_utf8, is_date};
pub use rows::{St2Row, St2Status, TafRecord, XerpRow};
pub use rules::{PendingIndex, RegistryTypes};
pub(crate) use store::atomically;
pub use store::{JobResult, Selection, Store, char_value};

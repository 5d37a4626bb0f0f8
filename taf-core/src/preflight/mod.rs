//! Preflight: the verdict the real server would give a POST, and everything it would not say.
//!
//! [`Preflight::check_body`] runs the body through [`process`](crate::server::process), the
//! same code the emulator's POST runs, so the predicted answer is byte for byte the emulator's
//! (with its values JSON-escaped, as the emulator's `escaped` switch writes them). Then it adds
//! the silent-failure [`Check`]s. Given no branch, the preflight does not invent any: the
//! branch rules are not predicted, and [`Check::BranchesUnknown`] says so. Rules 807 and 814
//! have no code path in the known server source; they are implemented as the documented
//! hypotheses and are off by default ([`ServerRules::queue_rule`], [`ServerRules::layout`]);
//! [`TargetLayout::Unknown`] turns 814 into a [`Check::LegacyLayout`] warning instead.
//!
//! A lote can also be checked in chunks ([`Preflight::chunked`], [`ChunkedCheck`]): the core
//! never starts a thread, and a caller that may (the `taf` command, the Python binding) runs
//! the chunks on its threads and merges them into the same [`Verdict`].
//!
//! ```
//! use taf_core::preflight::{Preflight, ServerRules};
//! use taf_core::BranchMap;
//!
//! let preflight = Preflight::new(ServerRules::new(BranchMap::default().with("G1", "B1")));
//! let body = br#"{"ticketCode":"T1","lote":[{"sourceBranch":"B1","messageType":"3","messageSequential":"001","registryType":"S-1010","registryKey":"K1","integrationMessage":"PGE+PC9hPg=="}]}"#;
//! let verdict = preflight.check_body(body);
//! assert_eq!(verdict.answer.status(), 200);
//! assert!(verdict.answer.body().contains(r#""coderr" : 802"#));
//! assert_eq!(verdict.exit_code(), 2);
//! ```

mod checks;
mod chunks;
mod finding;
mod verdict;

/// The server's set-up the preflight predicts against (defined with the server's algorithms).
pub use crate::server::{ServerRules, TargetLayout};
pub(crate) use checks::ticket_warnings;
pub use chunks::{ChunkFindings, ChunkedCheck, MIN_CHUNK_ITEMS};
pub use finding::{Check, Finding, FindingCode, Severity, Step};
pub use verdict::{PendingKeys, Preflight, Verdict};

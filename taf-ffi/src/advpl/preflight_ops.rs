//! Bridge ops for building lotes and predicting the server's verdict.

use serde::Deserialize;
use taf_core::preflight::{Preflight, ServerRules, TargetLayout};
use taf_core::{BranchMap, LoteBuilder, Source, Wire};

use super::ops::{OpError, to_json};

/// One event of `build_lote`: its text (XML or TXT) and optional key and type.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EventArg {
    text: String,
    key: Option<String>,
    registry_type: Option<String>,
}

/// `build_lote`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Build {
    ticket: String,
    branch: String,
    events: Vec<EventArg>,
    priority: Option<String>,
    #[serde(default)]
    queue: bool,
    max_items: Option<usize>,
}

/// `preflight`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Check {
    body: String,
    branches: Option<Vec<(String, String)>>,
    #[serde(default)]
    pending: Vec<(String, String, String)>,
    #[serde(default)]
    layout: Option<String>,
}

/// `{"lotes": [POST body, ...]}`.
pub(super) fn build_lote(args: Build) -> Result<String, OpError> {
    let mut builder = LoteBuilder::new(args.ticket, args.branch);
    builder.priority = args.priority;
    builder.queue = args.queue;
    builder.max_items = args.max_items;
    let sources = args.events.iter().map(|event| Source {
        bytes: event.text.as_bytes(),
        registry_key: event.key.as_deref(),
        registry_type: event.registry_type.as_deref(),
    });
    let lotes = builder
        .build(sources)
        .map_err(|error| OpError::new("build_error", error.to_string()))?;
    let bodies: Vec<String> = lotes.iter().map(Wire::encode).collect();
    to_json(&serde_json::json!({ "lotes": bodies }))
}

/// The verdict: `{"answer": {...}, "status", "body", "findings": [...], "exitCode"}`.
pub(super) fn preflight(args: Check) -> Result<String, OpError> {
    let layout = match args.layout.as_deref() {
        None | Some("simplified") => TargetLayout::Simplified,
        Some("unknown") => TargetLayout::Unknown,
        Some("legacy") => TargetLayout::Legacy,
        Some(other) => {
            return Err(OpError::new(
                "invalid_args",
                format!("layout {other:?} is not simplified, unknown or legacy"),
            ));
        }
    };
    let mut preflight = Preflight::new({
        let mut set_up =
            ServerRules::new(args.branches.map(BranchMap::from_pairs).unwrap_or_default());
        set_up.layout = layout;
        set_up
    });
    for (branch, registry_type, key) in &args.pending {
        preflight.pending.add(branch, registry_type, key);
    }
    let verdict = preflight.check_body(args.body.as_bytes());
    to_json(&serde_json::json!({
        "status": verdict.answer.status(),
        "body": verdict.answer.body(),
        "exitCode": verdict.exit_code(),
        "findings": verdict.findings,
    }))
}

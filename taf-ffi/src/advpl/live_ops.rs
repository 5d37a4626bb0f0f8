//! Bridge ops for the Totvs Live connector: the status request, the status verdict and the
//! capsule outputs.

use live_core::capsule::{Capsule, CustomerInput, Found, StatusInput, StoresInput};
use live_core::{Parser, ProcessStatus, process_status};
use serde::Deserialize;
use serde_json::Value;

use super::ops::{OpError, to_json};
use crate::live::process_status_policy;

/// `live_status`'s arguments: the connector's answer and the policy knobs.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Status {
    body: String,
    #[serde(default = "yes")]
    detail_is_error: bool,
    #[serde(default)]
    empty: Option<ProcessStatus>,
}

fn yes() -> bool {
    true
}

/// `live_capsule`'s arguments: which capsule, its input JSON, the answer and the time.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CapsuleArgs {
    capsule: String,
    input: Value,
    status: u16,
    #[serde(default)]
    body: String,
    now_unix_ms: u64,
    #[serde(default)]
    numeric: bool,
    /// What the stores capsule's `encontrouRegistros` means: `ticket` (default) or `documents`.
    #[serde(default)]
    stores_found: Option<String>,
    /// The status capsule's `processStatus` rule: a non-blank detail is an error (default).
    #[serde(default = "yes")]
    detail_is_error: bool,
    /// The status capsule's `processStatus` when the answer lists no item (default `ERROR`).
    #[serde(default)]
    empty: Option<ProcessStatus>,
}

/// `{"items": [...], "processStatus": "..."}`; a fault is an op error (`invalid_access_key`
/// means: fetch a new key).
pub(super) fn live_status(args: &Status) -> Result<String, OpError> {
    let items = Parser::default()
        .status(args.body.as_bytes())
        .map_err(|error| OpError::new(error.code(), error.to_string()))?;
    let verdict = process_status(
        &items,
        process_status_policy(
            args.detail_is_error,
            args.empty.unwrap_or(ProcessStatus::Error),
        ),
    );
    to_json(&serde_json::json!({ "items": items, "processStatus": verdict }))
}

/// The capsule's output document itself (success or error JSON).
pub(super) fn live_capsule(args: &CapsuleArgs) -> Result<String, OpError> {
    let stores_found = match args.stores_found.as_deref() {
        None | Some("ticket") => Found::Ticket,
        Some("documents") => Found::Documents,
        Some(other) => {
            return Err(OpError::new(
                "invalid_args",
                format!("storesFound {other:?} is not ticket or documents"),
            ));
        }
    };
    let mut capsule = Capsule::default();
    capsule.numeric = args.numeric;
    capsule.stores_found = stores_found;
    capsule.policy = process_status_policy(
        args.detail_is_error,
        args.empty.unwrap_or(ProcessStatus::Error),
    );
    let input = args.input.to_string();
    let bad = |error: serde_json::Error| OpError::new("invalid_args", error.to_string());
    let body = args.body.as_bytes();
    let output = match args.capsule.as_str() {
        "consultar_status" => capsule.ticket_status(
            &serde_json::from_str::<StatusInput>(&input).map_err(bad)?,
            args.status,
            body,
            args.now_unix_ms,
        ),
        "recuperar_lojas" => capsule.stores(
            &serde_json::from_str::<StoresInput>(&input).map_err(bad)?,
            args.status,
            body,
            args.now_unix_ms,
        ),
        "recuperar_cliente" => capsule.customers(
            &serde_json::from_str::<CustomerInput>(&input).map_err(bad)?,
            args.status,
            body,
            args.now_unix_ms,
        ),
        other => {
            return Err(OpError::new(
                "invalid_args",
                format!(
                    "capsule {other:?} is not consultar_status, recuperar_lojas or recuperar_cliente"
                ),
            ));
        }
    };
    Ok(output.json)
}

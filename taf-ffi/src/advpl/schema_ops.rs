//! Bridge op `validate_event`: an eSocial event checked against its layout's schema.

use esocial_schema::Options;
use serde::Deserialize;
use serde_json::json;

use super::ops::{OpError, to_json};

/// `validate_event`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Validate {
    text: String,
    #[serde(default)]
    require_signature: bool,
    #[serde(default)]
    partial: bool,
}

/// `{"event", "layout", "id", "valid", "truncated", "findings": [{"severity", "line", "path",
/// "rule", "value", "message"}]}`.
pub(super) fn validate_event(args: &Validate) -> Result<String, OpError> {
    let options = Options {
        require_signature: args.require_signature,
        partial: args.partial,
        ..Options::default()
    };
    let report = esocial_schema::validate(args.text.as_bytes(), &options);
    let findings: Vec<_> = report
        .findings
        .iter()
        .map(|finding| {
            json!({
                "severity": finding.severity.as_str(),
                "line": finding.line,
                "path": finding.path,
                "rule": finding.rule.to_string(),
                "value": finding.value,
                "message": finding.message,
            })
        })
        .collect();
    to_json(&json!({
        "event": report.event,
        "layout": report.layout.map(|layout| layout.name),
        "id": report.id,
        "valid": report.is_valid(),
        "truncated": report.truncated,
        "findings": findings,
    }))
}

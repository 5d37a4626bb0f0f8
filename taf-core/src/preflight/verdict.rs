//! The verdict API: a POST body in, the server's answer and every finding out.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::chunks::ChunkedCheck;
use super::finding::{Check, Finding, FindingCode, Severity};
use crate::catalog::{FaultCode, LoteField, ServerCode};
use crate::event::{Reading, SchemaRules, SniffLimits};
use crate::server::BranchMap;
use crate::server::PendingIndex;
use crate::server::{NewRow, PostAnswer, ServerRules, St2Store, process, process_request};
use crate::wire::PostRequest;

/// XML keys already pending on the server: `(branch, registryType, registryKey)`, compared
/// without trailing spaces as the database does.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PendingKeys {
    keys: HashSet<(String, String, String)>,
}

impl PendingKeys {
    /// Records a pending XML row.
    pub fn add(&mut self, branch: &str, registry_type: &str, key: &str) {
        self.keys.insert(normalise(branch, registry_type, key));
    }

    /// How many keys are recorded.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn normalise(branch: &str, registry_type: &str, key: &str) -> (String, String, String) {
    let trim = |value: &str| value.trim_end_matches(' ').to_owned();
    (trim(branch), trim(registry_type), trim(key))
}

impl PendingIndex for PendingKeys {
    fn is_pending(&self, branch: &str, registry_type: &str, key: &str) -> bool {
        self.keys.contains(&normalise(branch, registry_type, key))
    }
}

impl St2Store for PendingKeys {
    fn insert(&mut self, row: NewRow) {
        if row.message_type == "2" {
            self.add(&row.branch, &row.registry_type, &row.key);
        }
    }
}

/// What the server would answer, and every finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The exact answer.
    pub answer: PostAnswer,
    /// Errors (what the server rejects) and warnings (what it loses silently), request-level
    /// findings first, then by item.
    pub findings: Vec<Finding>,
}

impl Verdict {
    /// Whether every item would be accepted and nothing is worth a warning.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
            && self
                .answer
                .keys()
                .is_some_and(|keys| keys.rejected().next().is_none())
    }

    /// Whether the server would reject the request or any item.
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.severity == Severity::Error)
    }

    /// 0 when clean, 1 with warnings only, 2 when anything would be rejected.
    pub fn exit_code(&self) -> u8 {
        if self.has_errors() {
            2
        } else {
            u8::from(!self.findings.is_empty())
        }
    }
}

/// Predicts the server's verdict on POST bodies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Preflight {
    /// The server's set-up.
    pub server: ServerRules,
    /// XML keys already pending on the server (for 813); empty when unknown.
    pub pending: PendingKeys,
    /// Bounds for reading the events inside the lote.
    pub limits: SniffLimits,
    /// How eSocial events are checked against their layout's schema (a schema error is an
    /// error: the government rejects the event).
    pub schema: SchemaRules,
}

impl Preflight {
    /// A preflight against this server set-up, with no pending keys.
    pub fn new(server: ServerRules) -> Self {
        Self {
            server,
            ..Self::default()
        }
    }

    /// The verdict on a typed lote, as [`Wire::encode`](crate::Wire::encode) would send it.
    pub fn check(&self, request: &PostRequest) -> Verdict {
        self.check_read(request, &[])
    }

    /// The verdict on a lote [`LoteBuilder::build_read`](crate::LoteBuilder::build_read)
    /// built, with its readings of the events (by item): those events are not decoded and read
    /// again.
    pub fn check_read(&self, request: &PostRequest, readings: &[Option<Reading>]) -> Verdict {
        self.chunked(request, readings).merge([])
    }

    /// [`Preflight::check_read`] in chunks: the server's answer and the rules across items now,
    /// the per-item checks (the costly part: each event decoded, read and validated) by item
    /// range later, on whatever thread the caller runs them; see [`ChunkedCheck`].
    pub fn chunked<'a>(
        &'a self,
        request: &'a PostRequest,
        readings: &'a [Option<Reading>],
    ) -> ChunkedCheck<'a> {
        let mut pending = self.pending.clone();
        let processed = process_request(request, &self.rules(), &mut pending);
        ChunkedCheck::new(self, processed, Some(request), readings)
    }

    /// The verdict on a raw body, exactly as it would be sent (the server scans the raw text
    /// for the branch before parsing it).
    pub fn check_body(&self, body: &[u8]) -> Verdict {
        self.chunked_body(body).merge([])
    }

    /// [`Preflight::check_body`] in chunks; see [`Preflight::chunked`].
    pub fn chunked_body(&self, body: &[u8]) -> ChunkedCheck<'_> {
        let mut pending = self.pending.clone();
        let processed = process(body, &self.rules(), &mut pending);
        ChunkedCheck::new(self, processed, None, &[])
    }

    /// Records what a lote posted earlier left pending: its XML items the server would store
    /// (judged by the same rules as [`Preflight::check_body`]), so that reusing their keys is
    /// predicted as 813.
    pub fn add_pending_lote(&mut self, body: &[u8]) {
        let rules = self.rules().into_owned();
        process(body, &rules, &mut self.pending);
    }

    /// The rules to judge by. With no branch registered the branches are unknown, not absent:
    /// every branch is taken as registered in one group, so 803 (for a branch the text scan
    /// finds), 810 and 812 are not predicted, and [`Check::BranchesUnknown`] says so.
    fn rules(&self) -> Cow<'_, ServerRules> {
        if self.server.branches.is_empty() {
            Cow::Owned(ServerRules {
                branches: BranchMap::unknown(),
                ..self.server.clone()
            })
        } else {
            Cow::Borrowed(&self.server)
        }
    }
}

/// The error findings the answer itself carries.
pub(super) fn answer_findings(
    answer: &PostAnswer,
    rejected: &[(usize, LoteField)],
) -> Vec<Finding> {
    let error = |item, field, code, message: String, fix: &str| Finding {
        item,
        field,
        code,
        severity: Severity::Error,
        message,
        fix: fix.to_owned(),
        step: code.step(),
        schema: None,
    };
    match answer {
        PostAnswer::Fault(fault) => {
            let code = fault.code().and_then(FaultCode::from_number);
            let fix = match code {
                Some(FaultCode::MissingContent) => "send a lote",
                _ => "send valid JSON",
            };
            code.map(|code| {
                error(
                    None,
                    None,
                    FindingCode::Fault(code),
                    fault.message().to_owned(),
                    fix,
                )
            })
            .into_iter()
            .collect()
        }
        PostAnswer::Envelope(entry) => entry
            .server_code()
            .map(|code| {
                error(
                    None,
                    Some("sourceBranch"),
                    FindingCode::Server(code),
                    entry.description.clone(),
                    fix_for(code),
                )
            })
            .into_iter()
            .collect(),
        PostAnswer::WorkerCrash(crash) => vec![error(
            crash.item,
            Some(crash.field),
            FindingCode::Check(Check::WorkerCrash),
            format!("the server's worker crashes: {}", crash.detail),
            "send every field as a JSON string, and always send sourceBranch, registryType and registryKey",
        )],
        PostAnswer::Keys(response) => rejected
            .iter()
            .zip(response.rejected())
            .filter_map(|(&(item, field), result)| {
                let entry = result.error()?;
                let code = entry.server_code()?;
                Some(error(
                    Some(item),
                    Some(field.tag()),
                    FindingCode::Server(code),
                    entry.description.clone(),
                    fix_for(code),
                ))
            })
            .collect(),
    }
}

/// What to change for each server code.
fn fix_for(code: ServerCode) -> &'static str {
    match code {
        ServerCode::MissingField => "add the tag",
        ServerCode::BlankField => "fill the value",
        ServerCode::InvalidMessageType => "send \"1\" for TXT or \"2\" for XML",
        ServerCode::UnknownBranch | ServerCode::NoCompanyGroups => {
            "use a branch registered in TAF's company complement (C1E), written first in the first item and followed by a comma"
        }
        ServerCode::InvalidLayout => "use a TAF event or layout code such as S-1010, T005 or T999",
        ServerCode::InvalidPriority => "send \"0\" to \"5\", or omit the tag for the default \"5\"",
        ServerCode::InvalidMessage => "encode the event with standard base64",
        ServerCode::InvalidQueue => "send \"1\" to use the queue, or omit the tag",
        ServerCode::OutdatedTable => "omit the tag, or update the server's TAFST2",
        ServerCode::BranchMapMissing => {
            "configure keyTafJob on the server, or send one branch per lote"
        }
        ServerCode::BranchNotIdentified => "fill sourceBranch in the first item",
        ServerCode::OtherCompanyGroup => "send each company group's items in their own lote",
        ServerCode::KeyPending => "wait until the pending record is processed, or use another key",
        ServerCode::UnsupportedVersion => "send this event in the layout the TAF runs",
    }
}

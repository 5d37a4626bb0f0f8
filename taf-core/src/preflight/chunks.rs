//! Checking a lote in chunks: the expensive per-event checks split by item ranges that the
//! caller may run wherever it likes (other threads included: the core never starts one), then
//! one cheap merge into the verdict the one-shot check gives.

use std::ops::Range;

use super::checks::{Context, chunk_warnings, request_warnings, shared_keys};
use super::finding::{Check, Finding, FindingCode, Severity};
use super::verdict::{Preflight, Verdict, answer_findings};
use crate::event::Reading;
use crate::server::Processed;
use crate::wire::PostRequest;

/// Fewest items worth a chunk of their own: below it, starting a thread costs more than the
/// checks it would take over.
pub const MIN_CHUNK_ITEMS: usize = 64;

/// A lote whose server answer and cross-item facts are known, with its per-item checks still to
/// run ([`Preflight::chunked`]). Run [`ChunkedCheck::check_chunk`] on each range of
/// [`ChunkedCheck::chunks`] (it takes `&self`, so chunks may run on several threads at once),
/// then [`ChunkedCheck::merge`] the results: the verdict equals [`Preflight::check_read`]'s.
#[derive(Debug)]
pub struct ChunkedCheck<'a> {
    preflight: &'a Preflight,
    /// The typed lote, when the caller gave one.
    request: Option<&'a PostRequest>,
    readings: &'a [Option<Reading>],
    processed: Processed,
    /// For each item, whether an earlier XML item has its key.
    shares_key: Vec<bool>,
    /// Findings of the answer and of the request as a whole.
    head: Vec<Finding>,
}

/// The findings of the items of one chunk, in item order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkFindings {
    items: Range<usize>,
    findings: Vec<Finding>,
}

impl ChunkFindings {
    /// The items checked.
    pub fn items(&self) -> Range<usize> {
        self.items.clone()
    }

    /// What was found, in item order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

impl<'a> ChunkedCheck<'a> {
    /// Runs the server's processing (already done: `processed`) through the request-level and
    /// cross-item rules.
    pub(crate) fn new(
        preflight: &'a Preflight,
        processed: Processed,
        request: Option<&'a PostRequest>,
        readings: &'a [Option<Reading>],
    ) -> Self {
        let mut head = answer_findings(&processed.answer, &processed.rejected);
        if preflight.server.branches.is_empty() {
            head.push(branches_unknown());
        }
        let typed = request.or(processed.request.as_ref());
        let shares_key = typed.map(shared_keys).unwrap_or_default();
        if let Some(typed) = typed {
            head.extend(request_warnings(typed, processed.scanned_branch.as_deref()));
        }
        Self {
            preflight,
            request,
            readings,
            processed,
            shares_key,
            head,
        }
    }

    /// The lote's items that have per-item checks (none when the body is not a lote).
    pub fn len(&self) -> usize {
        self.shares_key.len()
    }

    /// Whether no item has per-item checks.
    pub fn is_empty(&self) -> bool {
        self.shares_key.is_empty()
    }

    /// Consecutive item ranges covering every item, at most `count` of them and none shorter
    /// than [`MIN_CHUNK_ITEMS`] (one range for a small lote; none for a body that is not a
    /// lote).
    pub fn chunks(&self, count: usize) -> Vec<Range<usize>> {
        let len = self.len();
        let count = count.min(len / MIN_CHUNK_ITEMS).max(1);
        let size = len.div_ceil(count).max(1);
        (0..len)
            .step_by(size)
            .map(|start| start..(start + size).min(len))
            .collect()
    }

    /// The per-item checks of the items in `items` (clamped to the lote).
    pub fn check_chunk(&self, items: Range<usize>) -> ChunkFindings {
        let end = items.end.min(self.len());
        let items = items.start.min(end)..end;
        let findings = match self.request.or(self.processed.request.as_ref()) {
            Some(request) => {
                let context = Context {
                    scanned_branch: self.processed.scanned_branch.as_deref(),
                    layout: self.preflight.server.layout,
                    queue_rule: self.preflight.server.queue_rule,
                    limits: self.preflight.limits,
                    schema: self.preflight.schema,
                    readings: self.readings,
                };
                chunk_warnings(
                    items.start,
                    request.lote.get(items.clone()).unwrap_or_default(),
                    self.shares_key.get(items.clone()).unwrap_or_default(),
                    &context,
                )
            }
            None => Vec::new(),
        };
        ChunkFindings { items, findings }
    }

    /// The verdict. The chunks may come in any order; items no chunk covers are checked here,
    /// and a chunk overlapping one already taken is dropped, so every item counts once.
    pub fn merge(self, chunks: impl IntoIterator<Item = ChunkFindings>) -> Verdict {
        let mut chunks: Vec<ChunkFindings> = chunks.into_iter().collect();
        chunks.sort_by_key(|chunk| (chunk.items.start, chunk.items.end));
        let mut findings = self.head.clone();
        let mut next = 0;
        for chunk in chunks {
            if chunk.items.start < next || chunk.items.end > self.len() {
                continue;
            }
            if chunk.items.start > next {
                findings.extend(self.check_chunk(next..chunk.items.start).findings);
            }
            next = chunk.items.end;
            findings.extend(chunk.findings);
        }
        if next < self.len() {
            findings.extend(self.check_chunk(next..self.len()).findings);
        }
        findings.sort_by_key(|finding| {
            (
                finding.item.map_or(0, |item| item + 1),
                finding.severity == Severity::Warning,
            )
        });
        Verdict {
            answer: self.processed.answer,
            findings,
        }
    }
}

/// W22: no registered branch was given, so the branch rules are not predicted.
fn branches_unknown() -> Finding {
    Finding {
        item: None,
        field: Some("sourceBranch"),
        code: FindingCode::Check(Check::BranchesUnknown),
        severity: Severity::Warning,
        message: "no registered branch was given: whether the server knows the branches (803) and whether they share a company group (812) is not predicted".to_owned(),
        fix: "give the branches registered on the target server (group and branch)".to_owned(),
        step: Check::BranchesUnknown.step(),
        schema: None,
    }
}

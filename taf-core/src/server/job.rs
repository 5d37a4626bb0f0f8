//! The integration job ("Job2") and the government step, driven explicitly.
//!
//! The real job is not in the specified sources; this one applies what TAF is documented to
//! check on a record (`esocial-domain.md` §3.2, §3.9): the event element must be the one TAF
//! maps to `registryType` (`000001` otherwise), a TXT message's first register must be
//! `registryType` (`000001`), Reinf goes through the eSocial path and fails (`000001`), and a
//! `registryPredecessor` must already be integrated without error (status 7, `000030`), a
//! declaration the server did not strip breaks the parse (`000001`), and an S-3000 whose
//! `nrRecEvt` no transmitted record carries is a direct deletion (`000026`, `deleteType` "0").

use quick_xml::Reader;
use quick_xml::events::Event;
use serde::{Deserialize, Serialize};

use super::rows::{St2Row, TafRecord, XerpRow};
use super::store::{JobResult, Selection, Store, atomically};
use crate::event::{Family, SniffLimits, catalogue, sniff};
use crate::wire::StreamingError;
use crate::wire::text::decode_text;

/// What the government step does with particular records (all are accepted otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Scenario {
    /// Records the government rejects: their TAF status becomes "3" (inconsistent) with these
    /// errors instead of "4" with a receipt.
    pub rejections: Vec<Rejection>,
}

/// A government rejection of the record posted under `key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rejection {
    /// The `registryKey` of the event.
    pub key: String,
    /// The government's error code (`streamingErrorCode`, three digits).
    pub code: String,
    /// The error text (`streamingErrorDetail`).
    pub detail: String,
}

impl Scenario {
    /// The government rejects these records and accepts the others.
    pub fn rejecting(rejections: Vec<Rejection>) -> Self {
        Self { rejections }
    }
}

impl Rejection {
    /// The government rejects the record posted under `key` with error `code` and `detail`.
    pub fn new(key: impl Into<String>, code: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            code: code.into(),
            detail: detail.into(),
        }
    }
}

/// What one run of the job or of the government step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JobReport {
    /// Rows or records handled.
    pub handled: usize,
    /// Of those, how many ended in error.
    pub failed: usize,
}

/// Why a row fails in the job: TAFXERP status and error code. TAF's own detail texts
/// (TAFERR) are not in the spec, so the emulator leaves `errorDetail` empty rather than invent
/// them.
struct JobError {
    status: &'static str,
    code: &'static str,
}

/// `000001`: the message cannot be read as its layout.
const STRUCTURE_ERROR: JobError = JobError {
    status: "9",
    code: "000001",
};

/// Processes every pending TAFST2 row in RECNO order, each in its own unit of work: it becomes
/// processed ("3") with a TAFXERP result and, when integrated, a TAF record awaiting
/// transmission.
pub(crate) fn process<S: Store>(store: &mut S) -> Result<JobReport, S::Error> {
    let mut report = JobReport::default();
    while let Some(failed) = atomically(store, |store| {
        let Some(row) = store.first_pending()? else {
            return Ok(None);
        };
        let outcome = integrate(store, &row)?;
        let failed = outcome.is_err();
        let (alias, record, status, error_code) = match outcome {
            Ok(Integrated::DirectDeletion) => ("CMJ".to_owned(), None, "3", "000026"),
            Ok(Integrated::Record(alias)) => {
                let record = TafRecord {
                    alias: alias.clone(),
                    recno: 0,
                    branch: row.branch.clone(),
                    status: " ".to_owned(),
                    active: "1".to_owned(),
                    receipt: String::new(),
                    errors: Vec::new(),
                    return_xml: String::new(),
                };
                (alias, Some(record), "1", "")
            }
            Err(error) => (String::new(), None, error.status, error.code),
        };
        let xerp = XerpRow {
            recno: 0,
            key: row.key.clone(),
            ticket: row.ticket.clone(),
            alias,
            taf_recno: 0,
            status: status.to_owned(),
            error_code: error_code.to_owned(),
            error_detail: String::new(),
        };
        store.complete(row.recno, JobResult { xerp, record })?;
        Ok(Some(failed))
    })? {
        report.handled += 1;
        report.failed += usize::from(failed);
    }
    Ok(report)
}

/// What a row became in TAF.
enum Integrated {
    /// A record of this alias table, awaiting transmission.
    Record(String),
    /// An S-3000 of an event never transmitted: TAF deletes the event itself.
    DirectDeletion,
}

/// What a row integrates into, or why it fails (the outer error: the store failed).
fn integrate<S: Store>(store: &S, row: &St2Row) -> Result<Result<Integrated, JobError>, S::Error> {
    let predecessor = row.predecessor.trim();
    if !predecessor.is_empty() && !store.integrated_cleanly(predecessor)? {
        return Ok(Err(JobError {
            status: "7",
            code: "000030",
        }));
    }
    let excluded = (row.message_type != "1" && registry_code(&row.registry_type) == "S-3000")
        .then(|| element_text(&row.message, "nrRecEvt"))
        .flatten();
    let direct_deletion = match excluded {
        Some(receipt) => !store.has_receipt(&receipt)?,
        None => false,
    };
    Ok(classify(row, direct_deletion))
}

/// The event code `S-xxxx` of a registry type (its last four characters).
fn registry_code(registry_type: &str) -> String {
    let registry_type = registry_type.trim();
    format!(
        "S-{}",
        registry_type
            .get(registry_type.len().saturating_sub(4)..)
            .unwrap_or_default()
    )
}

/// What a row integrates into, given whether an S-3000 in it excludes an event no record
/// carries the receipt of.
fn classify(row: &St2Row, direct_deletion: bool) -> Result<Integrated, JobError> {
    let registry_type = row.registry_type.trim();
    if row.message_type == "1" {
        let (text, _) = decode_text(&row.message);
        let register = text
            .trim_start_matches('|')
            .split('|')
            .next()
            .unwrap_or_default();
        return if register == registry_type {
            Ok(Integrated::Record(registry_type.chars().take(3).collect()))
        } else {
            Err(STRUCTURE_ERROR)
        };
    }
    if decode_text(&row.message)
        .0
        .trim_start()
        .starts_with("<?xml")
    {
        return Err(STRUCTURE_ERROR);
    }
    let info = sniff(&row.message, SniffLimits::default()).map_err(|_| STRUCTURE_ERROR)?;
    let spec = catalogue::by_code(&registry_code(registry_type));
    match (spec, info.family(), info.element.as_deref()) {
        (Some(spec), Some(Family::ESocial), Some(element)) if spec.elements.contains(&element) => {
            if spec.code == "S-3000" && direct_deletion {
                Ok(Integrated::DirectDeletion)
            } else {
                Ok(Integrated::Record(
                    spec.alias.unwrap_or_default().to_owned(),
                ))
            }
        }
        _ => Err(STRUCTURE_ERROR),
    }
}

/// The text of the first element named `name` (local name), if any.
fn element_text(message: &[u8], name: &str) -> Option<String> {
    let (text, _) = decode_text(message);
    let mut reader = Reader::from_str(&text);
    let mut inside = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => inside = start.local_name().into_inner() == name,
            Event::Text(content) if inside => return Some(content.xml10_content().into_owned()),
            Event::End(_) if inside => return Some(String::new()),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The government step: every integrated eSocial record still awaiting transmission (status
/// blank) becomes "4", transmitted and valid, with a receipt `1.2.` + 19 digits, unless its
/// event breaks its layout's schema ("3" with the schema errors, [`SCHEMA_ERROR_CODE`]: TSS
/// validates before it transmits) or the scenario rejects it ("3" with its errors), each record
/// in its own unit of work. Records of TXT layouts are fiscal data that never go to eSocial, so
/// they stay as integrated.
pub(crate) fn transmit<S: Store>(
    store: &mut S,
    scenario: &Scenario,
) -> Result<JobReport, S::Error> {
    let mut report = JobReport::default();
    let mut after: Option<(i64, String)> = None;
    let is_esocial = |alias: &str| {
        catalogue::EVENTS
            .iter()
            .any(|spec| spec.family() == Family::ESocial && spec.alias == Some(alias))
    };
    loop {
        let cursor = after
            .as_ref()
            .map(|(recno, alias)| (*recno, alias.as_str()));
        let step = atomically(store, |store| {
            let Some(mut record) = store.next_untransmitted(cursor)? else {
                return Ok(None);
            };
            let id = (record.recno, record.alias.clone());
            if !is_esocial(&record.alias) {
                return Ok(Some((id, None)));
            }
            let key = store.key_of_record(&record.alias, record.recno)?;
            let schema = match &key {
                Some(key) => message_of(store, &record, key)?
                    .map(|message| schema_errors(&message))
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let rejection = scenario
                .rejections
                .iter()
                .find(|rejection| key.as_deref() == Some(rejection.key.trim()));
            record.status.clear();
            let failed = !schema.is_empty() || rejection.is_some();
            if !schema.is_empty() {
                record.status.push('3');
                record.errors = schema;
            } else if let Some(rejection) = rejection {
                record.status.push('3');
                record.errors = vec![StreamingError {
                    code: rejection.code.clone(),
                    detail: rejection.detail.clone(),
                }];
            } else {
                record.status.push('4');
                record.receipt = format!("1.2.{:019}", store.receipts_issued()? + 1);
            }
            store.update_record(&record)?;
            Ok(Some((id, Some(failed))))
        })?;
        let Some((id, outcome)) = step else {
            return Ok(report);
        };
        after = Some(id);
        if let Some(failed) = outcome {
            report.handled += 1;
            report.failed += usize::from(failed);
        }
    }
}

/// The event record `alias`/`recno` was integrated from: the last XML row of TAFST2 with its
/// key and the ticket of the TAFXERP result that created the record.
fn message_of<S: Store>(
    store: &S,
    record: &TafRecord,
    key: &str,
) -> Result<Option<Vec<u8>>, S::Error> {
    let Some(xerp) = store
        .xerp_rows(key, None)?
        .into_iter()
        .rev()
        .find(|xerp| xerp.alias == record.alias && xerp.taf_recno == record.recno)
    else {
        return Ok(None);
    };
    let selection = Selection {
        ticket: Some(xerp.ticket),
        key: Some(key.to_owned()),
        branch: None,
    };
    let rows = store.st2_rows(&selection, 0, ROWS_PER_KEY)?;
    Ok(rows
        .into_iter()
        .rev()
        .find(|row| row.message_type == "2")
        .map(|row| row.message))
}

/// Most TAFST2 rows of one key and ticket read to find a record's event.
const ROWS_PER_KEY: usize = 1_000;

/// The `streamingErrorCode` of a schema error. The spec gives no code for it: TSS refuses the
/// event before transmitting (TSS document status 3, "schema error", which TAF maps to
/// `statusCode` "3"), so the emulator uses that status, zero-padded to three digits as codes
/// from TAF's error table are.
pub const SCHEMA_ERROR_CODE: &str = "003";

/// The government's schema check of an event, as TSS runs it before transmitting (signature
/// optional: TSS signs the event itself): one streaming error per schema error, whose detail is
/// the finding: `line N: <path>: <rule>, value '<value>': <fix>`. Empty for a valid event.
fn schema_errors(message: &[u8]) -> Vec<StreamingError> {
    let (text, _) = decode_text(message);
    esocial_schema::validate(text.as_bytes(), &esocial_schema::Options::default())
        .errors()
        .map(|finding| {
            let value = finding
                .value
                .as_ref()
                .map(|value| format!(", value '{value}'"))
                .unwrap_or_default();
            let detail = format!(
                "line {}: {}: {}{value}: {}",
                finding.line, finding.path, finding.rule, finding.message
            );
            StreamingError {
                code: SCHEMA_ERROR_CODE.to_owned(),
                detail: unescaped_safe(&detail),
            }
        })
        .collect()
}

/// `text` without what the server's unescaped echo of a detail would break JSON with: `"`
/// becomes `'`, `\` (in patterns) becomes `⧵`, control characters become spaces.
fn unescaped_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            '\\' => '⧵',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_details_survive_the_servers_unescaped_echo() {
        let detail = unescaped_safe("pattern \\d{8}, value \"1\u{7}\"");
        assert_eq!(detail, "pattern ⧵d{8}, value '1 '");
        let mut json = String::new();
        crate::wire::json::push_string(&mut json, &detail);
        assert_eq!(json, format!("\"{detail}\""));
    }
}

//! The integration job ("Job2") and the government step, driven explicitly.
//!
//! The real job is not in the specified sources; this one applies what TAF is documented to
//! check on a record (`esocial-domain.md` §3.2, §3.9): the event element must be the one TAF
//! maps to `registryType` (`000001` otherwise), a TXT message's first register must be
//! `registryType` (`000001`), Reinf goes through the eSocial path and fails (`000001`), and a
//! `registryPredecessor` must already be integrated without error (status 7, `000030`).

use serde::{Deserialize, Serialize};

use super::tables::{St2Row, St2Status, Tables, TafRecord, XerpRow};
use crate::event::{Family, SniffLimits, catalogue, sniff};
use crate::text::decode_text;

/// What one run of the job or of the government step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JobReport {
    /// Rows or records handled.
    pub handled: usize,
    /// Of those, how many ended in error.
    pub failed: usize,
}

/// Why a row fails in the job: TAFXERP status and error code, and the detail text.
struct JobError {
    status: &'static str,
    code: &'static str,
    detail: String,
}

fn structure_error(detail: String) -> JobError {
    JobError {
        status: "9",
        code: "000001",
        detail,
    }
}

/// Processes every pending TAFST2 row in RECNO order: each becomes processed ("3") with a
/// TAFXERP result and, when integrated, a TAF record awaiting transmission.
pub(crate) fn process(tables: &mut Tables) -> JobReport {
    let mut report = JobReport::default();
    let pending: Vec<usize> = (0..tables.st2.len())
        .filter(|&index| {
            tables
                .st2
                .get(index)
                .is_some_and(|row| row.status == St2Status::Pending)
        })
        .collect();
    for index in pending {
        let Some(row) = tables.st2.get(index).cloned() else {
            continue;
        };
        let outcome = integrate(tables, &row);
        report.handled += 1;
        let (alias, taf_recno, status, error_code, error_detail) = match outcome {
            Ok(alias) => {
                tables.last_record_recno += 1;
                tables.records.push(TafRecord {
                    alias: alias.clone(),
                    recno: tables.last_record_recno,
                    branch: row.branch.clone(),
                    status: " ".to_owned(),
                    active: "1".to_owned(),
                    receipt: String::new(),
                    errors: Vec::new(),
                    return_xml: String::new(),
                });
                (alias, tables.last_record_recno, "1", "", String::new())
            }
            Err(error) => {
                report.failed += 1;
                (String::new(), 0, error.status, error.code, error.detail)
            }
        };
        tables.last_xerp_recno += 1;
        let xerp = XerpRow {
            recno: tables.last_xerp_recno,
            key: row.key.clone(),
            ticket: row.ticket.clone(),
            alias,
            taf_recno,
            status: status.to_owned(),
            error_code: error_code.to_owned(),
            error_detail,
        };
        tables.xerp.push(xerp);
        if let Some(row) = tables.st2.get_mut(index) {
            row.status = St2Status::Processed;
        }
    }
    report
}

/// The TAF table alias a row integrates into, or why it fails.
fn integrate(tables: &Tables, row: &St2Row) -> Result<String, JobError> {
    let predecessor = row.predecessor.trim();
    if !predecessor.is_empty()
        && !tables.xerp.iter().any(|xerp| {
            xerp.key.trim() == predecessor && xerp.is_integrated() && xerp.error_code.is_empty()
        })
    {
        return Err(JobError {
            status: "7",
            code: "000030",
            detail: format!("Predecessor {predecessor} not integrated."),
        });
    }
    let registry_type = row.registry_type.trim();
    if row.message_type == "1" {
        let (text, _) = decode_text(&row.message);
        let register = text
            .trim_start_matches('|')
            .split('|')
            .next()
            .unwrap_or_default();
        return if register == registry_type {
            Ok(registry_type.chars().take(3).collect())
        } else {
            Err(structure_error(format!(
                "TXT register {register} does not match {registry_type}."
            )))
        };
    }
    let info = sniff(&row.message, SniffLimits::default())
        .map_err(|error| structure_error(format!("XML parse failure: {error}")))?;
    let spec = catalogue::by_code(&format!(
        "S-{}",
        registry_type
            .get(registry_type.len().saturating_sub(4)..)
            .unwrap_or_default()
    ));
    match (spec, info.family(), info.element.as_deref()) {
        (Some(spec), Some(Family::ESocial), Some(element)) if spec.elements.contains(&element) => {
            Ok(spec.alias.unwrap_or_default().to_owned())
        }
        (Some(spec), _, _) => Err(structure_error(format!(
            "/eSocial/{} not found in the message.",
            spec.element()
        ))),
        (None, _, _) => Err(structure_error(format!(
            "Layout {registry_type} has no integration routine."
        ))),
    }
}

/// The government step: every integrated eSocial record still awaiting transmission (status
/// blank) becomes "4", transmitted and valid, with a receipt `1.2.` + 19 digits. Records of TXT
/// layouts are fiscal data that never go to eSocial, so they stay as integrated.
pub(crate) fn transmit(tables: &mut Tables) -> JobReport {
    let mut report = JobReport::default();
    let mut next = tables
        .records
        .iter()
        .filter(|record| !record.receipt.trim().is_empty())
        .count();
    let is_esocial = |alias: &str| {
        catalogue::EVENTS
            .iter()
            .any(|spec| spec.family() == Family::ESocial && spec.alias == Some(alias))
    };
    for record in &mut tables.records {
        if record.status.trim().is_empty() && is_esocial(&record.alias) {
            next += 1;
            record.status.clear();
            record.status.push('4');
            record.receipt = format!("1.2.{next:019}");
            report.handled += 1;
        }
    }
    report
}

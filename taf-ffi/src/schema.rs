//! `taf_schema_validate` and `taf_schema_report`: an eSocial event checked against its
//! layout's schema, and the step at which a verdict's findings surface.

use std::ffi::c_char;

use esocial_schema::{Finding, Options, Report, Severity};
use taf_core::event::SchemaRules;
use taf_core::preflight::Step;

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::preflight::{finding_at, taf_preflight, taf_severity, taf_verdict, verdict_finding};
use crate::result::taf_result;
use crate::{input, output};

/// The outcome of validating one event: event, layout, `Id` and the findings.
pub struct taf_schema_report {
    _private: [u8; 0],
}

impl Handle for taf_schema_report {
    type Inner = Report;
}

/// Validates one eSocial event (UTF-8 bytes) against the schema its root namespace names:
/// well-formedness, elements and values. `require_signature` makes `ds:Signature` required as
/// the XSD does; `partial` reports missing required elements as warnings. Bad XML is a
/// finding, not a failure. Free the report with `taf_schema_report_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_validate(
    event: *const u8,
    len: usize,
    require_signature: bool,
    partial: bool,
    out: *mut *mut taf_schema_report,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let event = unsafe { input::bytes(event, len) }?;
        let options = Options {
            require_signature,
            partial,
            ..Options::default()
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, esocial_schema::validate(event, &options)) }
    })
}

/// Stores at `out` whether the event has no error (a partial event's warnings allowed).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_is_valid(
    report: *const taf_schema_report,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(report)?.is_valid()) }
    })
}

/// Stores at `out` whether the findings were cut at the per-event limit (100).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_truncated(
    report: *const taf_schema_report,
    out: *mut bool,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(report)?.truncated) }
    })
}

/// What a text accessor of a schema report reads.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_schema_text {
    /// The event element (`evtRemun`); `TAF_RESULT_ABSENT` when no known event is named.
    Event = 0,
    /// The layout (`S-1.3`); `TAF_RESULT_ABSENT` when unknown.
    Layout = 1,
    /// The event element's `Id` as written; `TAF_RESULT_ABSENT` without one.
    Id = 2,
}

impl taf_schema_text {
    /// The accessor with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<Self, CallError> {
        match number {
            0 => Ok(Self::Event),
            1 => Ok(Self::Layout),
            2 => Ok(Self::Id),
            _ => Err(CallError::not_a_value_of("taf_schema_text", number)),
        }
    }
}

/// Writes a text of the report: `which` is a `taf_schema_text` value.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_text(
    report: *const taf_schema_report,
    which: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let report = unsafe { handle::get(report) }?;
        let text = match taf_schema_text::from_number(which)? {
            taf_schema_text::Event => report.event,
            taf_schema_text::Layout => report.layout.map(|layout| layout.name),
            taf_schema_text::Id => report.id.as_deref(),
        };
        let text = text.ok_or(CallError::bare(taf_result::Absent))?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, text) }
    })
}

/// Stores the number of findings at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_finding_count(
    report: *const taf_schema_report,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(report)?.findings.len()) }
    })
}

/// Finding `index` of a report.
///
/// # Safety
/// `report` follows the pointer rules and stays valid for `'a`.
unsafe fn finding<'a>(
    report: *const taf_schema_report,
    index: usize,
) -> Result<&'a Finding, CallError> {
    // SAFETY: forwarded from the caller.
    finding_at(&unsafe { handle::get(report) }?.findings, index)
}

/// Stores finding `index`'s line (1-based, where libxml2 reports it) and severity.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_finding(
    report: *const taf_schema_report,
    index: usize,
    line: *mut u32,
    severity: *mut taf_severity,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let finding = unsafe { finding(report, index) }?;
        let level = match finding.severity {
            Severity::Error => taf_severity::Error,
            // A warning (or a milder severity a later version adds): not a rejection.
            _ => taf_severity::Warning,
        };
        // SAFETY: the outputs follow the pointer rules.
        unsafe {
            output::set(line, finding.line)?;
            output::set(severity, level)
        }
    })
}

/// What a text accessor of a schema finding reads.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_schema_finding_text {
    /// The element path, `/eSocial/evtRemun/dmDev[2]/ideDmDev`.
    Path = 0,
    /// The rule broken: `maxLength 30`, `pattern \d{8}`, `expected codIncCP`, ...
    Rule = 1,
    /// The offending value; `TAF_RESULT_ABSENT` when there is none.
    Value = 2,
    /// What is wrong and how to fix it.
    Message = 3,
}

impl taf_schema_finding_text {
    /// The accessor with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<Self, CallError> {
        match number {
            0 => Ok(Self::Path),
            1 => Ok(Self::Rule),
            2 => Ok(Self::Value),
            3 => Ok(Self::Message),
            _ => Err(CallError::not_a_value_of("taf_schema_finding_text", number)),
        }
    }
}

/// Writes a text of finding `index`: `which` is a `taf_schema_finding_text` value.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_finding_text(
    report: *const taf_schema_report,
    index: usize,
    which: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let finding = unsafe { finding(report, index) }?;
        let text = finding_text(finding, which)?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &text) }
    })
}

/// The text `which` (a `taf_schema_finding_text` value) of a schema finding.
fn finding_text(finding: &Finding, which: u32) -> Result<String, CallError> {
    match taf_schema_finding_text::from_number(which)? {
        taf_schema_finding_text::Path => Ok(finding.path.clone()),
        taf_schema_finding_text::Rule => Ok(finding.rule.to_string()),
        taf_schema_finding_text::Value => finding
            .value
            .clone()
            .ok_or(CallError::bare(taf_result::Absent)),
        taf_schema_finding_text::Message => Ok(finding.message.clone()),
    }
}

/// Frees a report; NULL is a no-op.
///
/// # Safety
/// `report` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_schema_report_free(report: *mut taf_schema_report) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(report) });
}

/// Sets how a preflight checks eSocial events against their schema: `validate` (on by
/// default; a schema error is finding W23, an error at the government step),
/// `require_signature` and `partial` as in `taf_schema_validate`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_set_schema(
    preflight: *mut taf_preflight,
    validate: bool,
    require_signature: bool,
    partial: bool,
) -> taf_result {
    guard(|| {
        // SAFETY: `preflight` follows the pointer rules.
        let preflight = unsafe { handle::get_mut(preflight) }?;
        preflight.schema = {
            let mut set_up = SchemaRules::default();
            set_up.validate = validate;
            set_up.require_signature = require_signature;
            set_up.partial = partial;
            set_up
        };
        Ok(())
    })
}

/// Where a verdict's finding surfaces.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_step {
    /// The POST answer: 800–814, faults 701–705, a crashed worker.
    Post = 0,
    /// TAF's integration job (TAFXERP).
    Integration = 1,
    /// The government (schema; TSS status 3).
    Government = 2,
    /// No step reports it: lost silently, or a later GET fails.
    Unreported = 3,
}

/// Stores at `out` the step at which finding `index` of a verdict surfaces.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_step(
    verdict: *const taf_verdict,
    index: usize,
    out: *mut taf_step,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let step = match unsafe { verdict_finding(verdict, index) }?.step {
            Step::Post => taf_step::Post,
            Step::Integration => taf_step::Integration,
            Step::Government => taf_step::Government,
            Step::Unreported => taf_step::Unreported,
            other => return Err(CallError::no_c_value("taf_step", &other)),
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { output::set(out, step) }
    })
}

/// Writes a text of the schema finding of verdict finding `index` (a W23): `which` is a
/// `taf_schema_finding_text` value; `TAF_RESULT_ABSENT` for a finding that is not W23.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_schema_text(
    verdict: *const taf_verdict,
    index: usize,
    which: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let finding = unsafe { verdict_finding(verdict, index) }?;
        let schema = finding
            .schema
            .as_ref()
            .ok_or(CallError::bare(taf_result::Absent))?;
        let text = finding_text(schema, which)?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &text) }
    })
}

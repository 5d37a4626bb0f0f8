//! `taf_preflight` and `taf_verdict`: the server's verdict on a POST body and every finding.

use std::ffi::c_char;

use taf_core::preflight::{Finding, Preflight, Severity, TargetLayout, Verdict};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::result::taf_result;
use crate::{input, output};

/// The server set-up a verdict depends on: branches, pending keys, target layout, 807.
pub struct taf_preflight {
    _private: [u8; 0],
}

impl Handle for taf_preflight {
    type Inner = Preflight;
}

/// A verdict: the exact answer (status and body) and the findings.
pub struct taf_verdict {
    _private: [u8; 0],
}

impl Handle for taf_verdict {
    type Inner = Verdict;
}

/// The eSocial layout the target TAF runs, for the 814 hypothesis.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_layout {
    /// S-1.x for every event (current TAF): no 814, no warning. The default.
    Simplified = 0,
    /// Unknown: S-1.x non-SESMT events get warning W09.
    Unknown = 1,
    /// Layout 2.5 with the 814 check: S-1.x non-SESMT events are rejected.
    Legacy = 2,
}

impl taf_layout {
    /// The layout with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<TargetLayout, CallError> {
        match number {
            0 => Ok(TargetLayout::Simplified),
            1 => Ok(TargetLayout::Unknown),
            2 => Ok(TargetLayout::Legacy),
            _ => Err(CallError::not_a_value_of("taf_layout", number)),
        }
    }
}

/// How bad a finding is.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_severity {
    /// Accepted, but something is lost or will fail later.
    Warning = 0,
    /// The item or the request is rejected (by the server, or by the government for a schema
    /// error).
    Error = 1,
}

/// Creates a preflight with no branch, no pending key and the default rules; free it with
/// `taf_preflight_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_new(out: *mut *mut taf_preflight) -> taf_result {
    // SAFETY: `out` follows the pointer rules.
    guard(|| unsafe { handle::give(out, Preflight::default()) })
}

/// Registers `branch` in company group `group`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_add_branch(
    preflight: *mut taf_preflight,
    group: *const c_char,
    group_len: usize,
    branch: *const c_char,
    branch_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                preflight,
                (group, group_len),
                (branch, branch_len),
                |preflight, group, branch| preflight.server.branches.insert(group, branch),
            )
        }
    })
}

/// Records an XML row already pending on the server (for 813).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_add_pending(
    preflight: *mut taf_preflight,
    branch: *const c_char,
    branch_len: usize,
    registry_type: *const c_char,
    registry_type_len: usize,
    key: *const c_char,
    key_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (preflight, branch, registry_type, key) = unsafe {
            (
                handle::get_mut(preflight)?,
                input::text(branch, branch_len)?,
                input::text(registry_type, registry_type_len)?,
                input::text(key, key_len)?,
            )
        };
        preflight.pending.add(branch, registry_type, key);
        Ok(())
    })
}

/// Sets the target layout (814; a `taf_layout` value) and whether the 807 hypothesis applies.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_set_rules(
    preflight: *mut taf_preflight,
    layout: u32,
    queue_rule: bool,
) -> taf_result {
    guard(|| {
        // SAFETY: `preflight` follows the pointer rules.
        let preflight = unsafe { handle::get_mut(preflight) }?;
        preflight.server.layout = taf_layout::from_number(layout)?;
        preflight.server.queue_rule = queue_rule;
        Ok(())
    })
}

/// The verdict on a POST body exactly as it would be sent; free it with `taf_verdict_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_check(
    preflight: *const taf_preflight,
    body: *const u8,
    len: usize,
    out: *mut *mut taf_verdict,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let (preflight, body) = unsafe { (handle::get(preflight)?, input::bytes(body, len)?) };
        // SAFETY: `out` follows the pointer rules.
        unsafe { handle::give(out, preflight.check_body(body)) }
    })
}

/// Frees a preflight; NULL is a no-op.
///
/// # Safety
/// `preflight` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_preflight_free(preflight: *mut taf_preflight) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(preflight) });
}

/// Stores the HTTP status the server would send at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_status(
    verdict: *const taf_verdict,
    out: *mut u16,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(verdict)?.answer.status()) }
    })
}

/// Writes the body the server would send, byte for byte.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_body(
    verdict: *const taf_verdict,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::text(buf, len, written, &handle::get(verdict)?.answer.body()) }
    })
}

/// Stores 0 (clean), 1 (warnings only) or 2 (something rejected) at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_exit_code(
    verdict: *const taf_verdict,
    out: *mut u8,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(verdict)?.exit_code()) }
    })
}

/// Stores the number of findings at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_count(
    verdict: *const taf_verdict,
    out: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::set(out, handle::get(verdict)?.findings.len()) }
    })
}

/// Finding `index` of a verdict.
///
/// # Safety
/// `verdict` follows the pointer rules and stays valid for `'a`.
pub(crate) unsafe fn verdict_finding<'a>(
    verdict: *const taf_verdict,
    index: usize,
) -> Result<&'a Finding, CallError> {
    // SAFETY: forwarded from the caller.
    finding_at(&unsafe { handle::get(verdict) }?.findings, index)
}

/// Finding `index` of `findings`, or `TAF_RESULT_OUT_OF_RANGE`.
pub(crate) fn finding_at<T>(findings: &[T], index: usize) -> Result<&T, CallError> {
    findings.get(index).ok_or_else(|| {
        CallError::new(
            taf_result::OutOfRange,
            format!("finding {index} of {}", findings.len()),
        )
    })
}

/// Stores finding `index`'s item at `out`, -1 for the request as a whole.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_item(
    verdict: *const taf_verdict,
    index: usize,
    out: *mut i64,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let item = unsafe { verdict_finding(verdict, index) }?.item;
        let value = item.map_or(-1, |item| i64::try_from(item).unwrap_or(i64::MAX));
        // SAFETY: `out` follows the pointer rules.
        unsafe { output::set(out, value) }
    })
}

/// Stores finding `index`'s severity at `out`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_severity(
    verdict: *const taf_verdict,
    index: usize,
    out: *mut taf_severity,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        let severity = match unsafe { verdict_finding(verdict, index) }?.severity {
            Severity::Warning => taf_severity::Warning,
            Severity::Error => taf_severity::Error,
            other => return Err(CallError::no_c_value("taf_severity", &other)),
        };
        // SAFETY: `out` follows the pointer rules.
        unsafe { output::set(out, severity) }
    })
}

/// What a text accessor of a finding reads.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_finding_text {
    /// The JSON key concerned (`TAF_RESULT_ABSENT` for the whole body).
    Field = 0,
    /// The code: "800"…"814", "701"…"705" or "W01"…"W23".
    Code = 1,
    /// What happens, in the server's words for server codes.
    Message = 2,
    /// What to change.
    Fix = 3,
}

impl taf_finding_text {
    /// The accessor with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<Self, CallError> {
        match number {
            0 => Ok(Self::Field),
            1 => Ok(Self::Code),
            2 => Ok(Self::Message),
            3 => Ok(Self::Fix),
            _ => Err(CallError::not_a_value_of("taf_finding_text", number)),
        }
    }
}

/// Writes a text of finding `index`: `which` is a `taf_finding_text` value.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_finding_text(
    verdict: *const taf_verdict,
    index: usize,
    which: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        let which = taf_finding_text::from_number(which)?;
        // SAFETY: the arguments follow the pointer rules.
        let finding = unsafe { verdict_finding(verdict, index) }?;
        let text = match which {
            taf_finding_text::Field => finding
                .field
                .ok_or(CallError::bare(taf_result::Absent))?
                .to_owned(),
            taf_finding_text::Code => finding.code.to_string(),
            taf_finding_text::Message => finding.message.clone(),
            taf_finding_text::Fix => finding.fix.clone(),
        };
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &text) }
    })
}

/// Writes the verdict as JSON (answer and findings).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_to_json(
    verdict: *const taf_verdict,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe { output::json(buf, len, written, handle::get(verdict)?) }
    })
}

/// Frees a verdict; NULL is a no-op.
///
/// # Safety
/// `verdict` is NULL or an owned handle not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_verdict_free(verdict: *mut taf_verdict) {
    // SAFETY: forwarded from the caller.
    quietly(|| unsafe { handle::free(verdict) });
}

//! The Digibee "Totvs Live" capsule contract: a capsule's output JSON from its input JSON and
//! the connector's answer, with the defaults (`taf_live_capsule`) or every choice the other
//! surfaces offer (`taf_live_capsule_with`).

use std::ffi::c_char;

use live_core::LiveError;
use live_core::capsule::{Capsule, CustomerInput, Found, StatusInput, StoresInput, read_input};

use crate::error::CallError;
use crate::guard::guard;
use crate::live::{process_status_policy, taf_live_operation, taf_process_status};
use crate::result::taf_result;
use crate::{input, output};

/// What the stores capsule's `encontrouRegistros` means.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_stores_found {
    /// The answer carried a ticket: a `Numero` other than blank or "0" (the default).
    Ticket = 0,
    /// The ticket holds at least one document.
    Documents = 1,
}

impl taf_stores_found {
    /// The reading with this numeric value, or `TAF_RESULT_INVALID_ARGUMENT`.
    fn from_number(number: u32) -> Result<Found, CallError> {
        match number {
            0 => Ok(Found::Ticket),
            1 => Ok(Found::Documents),
            _ => Err(CallError::not_a_value_of("taf_stores_found", number)),
        }
    }
}

/// Writes a capsule's output JSON for `operation` (a `taf_live_operation` value: status, stores
/// or customers): `input` is the capsule's input JSON, `status` and `body` the connector's
/// answer, `now_millis` the error output's timestamp, `numeric` the Digibee numeric rendering
/// of the stores capsule. Every other choice is its default (`taf_live_capsule_with` offers
/// them).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_capsule(
    operation: u32,
    input_json: *const c_char,
    input_len: usize,
    status: u16,
    body: *const u8,
    body_len: usize,
    now_millis: u64,
    numeric: bool,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    // SAFETY: forwarded from the caller.
    unsafe {
        taf_live_capsule_with(
            operation,
            input_json,
            input_len,
            status,
            body,
            body_len,
            now_millis,
            numeric,
            taf_stores_found::Ticket as u32,
            true,
            taf_process_status::Error as u32,
            buf,
            len,
            written,
        )
    }
}

/// `taf_live_capsule` with every choice: `stores_found` (a `taf_stores_found` value) is what
/// the stores capsule's `encontrouRegistros` means; `detail_is_error` and `empty` (a
/// `taf_process_status` value) are the status capsule's `processStatus` policy, as
/// `taf_live_status_process_status` takes them. `taf_live_capsule` is this call with
/// `TAF_STORES_FOUND_TICKET`, `true` and `TAF_PROCESS_STATUS_ERROR`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_live_capsule_with(
    operation: u32,
    input_json: *const c_char,
    input_len: usize,
    status: u16,
    body: *const u8,
    body_len: usize,
    now_millis: u64,
    numeric: bool,
    stores_found: u32,
    detail_is_error: bool,
    empty: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        let operation = taf_live_operation::from_number(operation)?;
        let mut capsule = Capsule::default();
        capsule.numeric = numeric;
        capsule.stores_found = taf_stores_found::from_number(stores_found)?;
        capsule.policy =
            process_status_policy(detail_is_error, taf_process_status::from_number(empty)?);
        // SAFETY: the inputs follow the pointer rules.
        let (text, body) = unsafe {
            (
                input::text(input_json, input_len)?,
                input::bytes(body, body_len)?,
            )
        };
        let output = capsule_output(&capsule, operation, text, status, body, now_millis)?;
        // SAFETY: the output follows the pointer rules.
        unsafe { output::text(buf, len, written, &output) }
    })
}

/// The output JSON of `capsule` for `operation`, its input JSON `text` and the answer.
fn capsule_output(
    capsule: &Capsule,
    operation: taf_live_operation,
    text: &str,
    status: u16,
    body: &[u8],
    now_millis: u64,
) -> Result<String, CallError> {
    let bad =
        |error: LiveError| CallError::new(taf_result::InvalidArgument, format!("input: {error}"));
    let output = match operation {
        taf_live_operation::Status => {
            let input: StatusInput = read_input(text).map_err(bad)?;
            capsule.ticket_status(&input, status, body, now_millis)
        }
        taf_live_operation::Stores => {
            let input: StoresInput = read_input(text).map_err(bad)?;
            capsule.stores(&input, status, body, now_millis)
        }
        taf_live_operation::Customers => {
            let input: CustomerInput = read_input(text).map_err(bad)?;
            capsule.customers(&input, status, body, now_millis)
        }
        taf_live_operation::AccessKey | taf_live_operation::Confirm => {
            return Err(CallError::new(
                taf_result::InvalidArgument,
                "no capsule wraps this operation",
            ));
        }
    };
    Ok(output.json)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `taf_live_capsule` passes these numbers to `taf_live_capsule_with`: they must give the
    /// core's defaults, whatever live-core makes them.
    #[test]
    fn taf_live_capsule_passes_the_core_defaults() {
        let mut capsule = Capsule::default();
        capsule.stores_found = taf_stores_found::from_number(taf_stores_found::Ticket as u32)
            .map_err(|_| "stores_found")
            .unwrap();
        let empty = taf_process_status::from_number(taf_process_status::Error as u32)
            .map_err(|_| "empty")
            .unwrap();
        capsule.policy = process_status_policy(true, empty);
        assert_eq!(capsule, Capsule::default());
    }
}

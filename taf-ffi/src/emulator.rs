//! `taf_emulator`: the in-process WSTAFST2 server model (POST, GET, DELETE, the integration
//! job and the government step), so C programs and tests run the whole cycle without a
//! Protheus server.

use std::ffi::c_char;

use taf_core::Credentials;
use taf_core::emulator::{Clock, Emulator, Tables};
use taf_core::server::JobReport;

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::request::taf_http_request;
use crate::response::taf_http_response;
use crate::result::taf_result;
use crate::{input, output};

/// The emulated server: its branches, optional credentials and tables.
pub struct taf_emulator {
    _private: [u8; 0],
}

impl Handle for taf_emulator {
    type Inner = Emulator;
}

/// Creates an emulator with no branch registered (every branch answers 803), no credentials
/// required and empty tables; free it with `taf_emulator_free`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_new(out: *mut *mut taf_emulator) -> taf_result {
    // SAFETY: `out` follows the pointer rules.
    guard(|| unsafe { handle::give(out, Emulator::default()) })
}

/// Registers `branch` in company group `group`.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_add_branch(
    emulator: *mut taf_emulator,
    group: *const c_char,
    group_len: usize,
    branch: *const c_char,
    branch_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                emulator,
                (group, group_len),
                (branch, branch_len),
                |emulator, group, branch| emulator.config.rules.branches.insert(group, branch),
            )
        }
    })
}

/// Requires `Authorization: Basic` with `user` and `password` (HTTP 401 otherwise).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_set_credentials(
    emulator: *mut taf_emulator,
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                emulator,
                (user, user_len),
                (password, password_len),
                |emulator, user, password| {
                    emulator.config.credentials = Some(Credentials::basic(user, password));
                },
            )
        }
    })
}

/// Replaces the tables with a JSON snapshot (`st2`, `xerp`, `records` and the three
/// `last_*_recno` counters, as `taf_emulator_tables_json` writes them).
/// `TAF_RESULT_DECODE_ERROR` when the JSON is not a snapshot.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_load_tables_json(
    emulator: *mut taf_emulator,
    json: *const c_char,
    len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `emulator` and `json` follow the pointer rules.
        let (emulator, json) = unsafe { (handle::get_mut(emulator)?, input::text(json, len)?) };
        emulator.tables = serde_json::from_str::<Tables>(json)
            .map_err(|error| CallError::new(taf_result::DecodeError, error.to_string()))?;
        Ok(())
    })
}

/// Writes the tables as a JSON snapshot.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_tables_json(
    emulator: *const taf_emulator,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `emulator`, `buf` and `written` follow the pointer rules.
        let emulator = unsafe { handle::get(emulator) }?;
        // SAFETY: as above.
        unsafe { output::json(buf, len, written, &emulator.tables) }
    })
}

/// Answers `request` as the real server would (POST, GET and DELETE) and stores the response
/// at `out` (free it with `taf_http_response_free`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_handle(
    emulator: *mut taf_emulator,
    request: *const taf_http_request,
    out: *mut *mut taf_http_response,
) -> taf_result {
    guard(|| {
        // SAFETY: `emulator`, `request` and `out` follow the pointer rules.
        let (emulator, request) = unsafe { (handle::get_mut(emulator)?, handle::get(request)?) };
        if out.is_null() {
            return Err(CallError::bare(taf_result::NullArgument));
        }
        let response = emulator.handle(request).into_http();
        // SAFETY: as above.
        unsafe { handle::give(out, response) }
    })
}

/// Frees an emulator; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_free(emulator: *mut taf_emulator) {
    // SAFETY: `emulator` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(emulator) });
}

/// Runs `job` on the emulator and stores its report's counts.
///
/// # Safety
/// Pointers follow the library's pointer rules.
unsafe fn run_job(
    emulator: *mut taf_emulator,
    handled: *mut usize,
    failed: *mut usize,
    job: fn(&mut Emulator) -> JobReport,
) -> Result<(), CallError> {
    // SAFETY: the arguments follow the pointer rules, as the caller guarantees.
    let emulator = unsafe { handle::get_mut(emulator) }?;
    if handled.is_null() || failed.is_null() {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    let report = job(emulator);
    // SAFETY: both outputs follow the pointer rules.
    unsafe {
        output::set(handled, report.handled)?;
        output::set(failed, report.failed)
    }
}

/// Runs the integration job over every pending row; stores how many rows it handled and how
/// many failed.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_process(
    emulator: *mut taf_emulator,
    handled: *mut usize,
    failed: *mut usize,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules.
    guard(|| unsafe { run_job(emulator, handled, failed, Emulator::process) })
}

/// Runs the government step: integrated records get status "4" and a receipt.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_transmit(
    emulator: *mut taf_emulator,
    handled: *mut usize,
    failed: *mut usize,
) -> taf_result {
    // SAFETY: the arguments follow the pointer rules.
    guard(|| unsafe { run_job(emulator, handled, failed, Emulator::transmit) })
}

/// Sets the server's clock (stamped on rows posted without a date or time) from Unix seconds.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_emulator_set_clock(
    emulator: *mut taf_emulator,
    unix_seconds: u64,
) -> taf_result {
    guard(|| {
        // SAFETY: `emulator` follows the pointer rules.
        unsafe { handle::get_mut(emulator) }?.clock = Clock::from_unix_seconds(unix_seconds);
        Ok(())
    })
}

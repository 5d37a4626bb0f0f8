//! The wrapper every export runs in: no panic crosses the C boundary.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{self, CallError};
use crate::result::taf_result;

/// Runs `body`, turning a panic into `TAF_RESULT_PANIC`, and records a failure as the calling
/// thread's last one (a success leaves the last failure alone).
///
/// Unwind safety is asserted: after a panic the handles the call touched may hold partial
/// updates, which the `TAF_RESULT_PANIC` documentation tells the caller.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), CallError>) -> taf_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => taf_result::Ok,
        Ok(Err(failure)) => error::remember(failure),
        Err(payload) => error::remember(panic_failure(payload.as_ref())),
    }
}

/// Runs `body` like [`guard`] but leaves the last failure alone (for `taf_error_message`).
pub(crate) fn keeping_last_failure(body: impl FnOnce() -> Result<(), CallError>) -> taf_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => taf_result::Ok,
        Ok(Err(failure)) => failure.code(),
        Err(_) => taf_result::Panic,
    }
}

/// Runs `body`, which returns nothing (a `_free`), swallowing a panic.
pub(crate) fn quietly(body: impl FnOnce()) {
    // A panic while dropping cannot be reported to a function that returns nothing.
    let _ = catch_unwind(AssertUnwindSafe(body));
}

/// The failure for a caught panic, with its message when it has one.
fn panic_failure(payload: &(dyn Any + Send)) -> CallError {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    match text {
        Some(text) => CallError::new(taf_result::Panic, text),
        None => CallError::bare(taf_result::Panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_result_code_with_its_message() {
        assert_eq!(guard(|| panic!("boom")), taf_result::Panic);
        assert_eq!(guard(|| Ok(())), taf_result::Ok);
        assert_eq!(
            guard(|| Err(CallError::bare(taf_result::Absent))),
            taf_result::Absent
        );
        assert_eq!(keeping_last_failure(|| panic!("boom")), taf_result::Panic);
        quietly(|| panic!("boom"));
        let payload: Box<dyn Any + Send> = Box::new(String::from("owned"));
        assert_eq!(
            panic_failure(payload.as_ref()),
            CallError::new(taf_result::Panic, "owned")
        );
    }
}

//! Writing results to the caller: out-pointers and caller-allocated buffers.
//!
//! Nothing is written unless the call succeeds, with one exception: on
//! `TAF_RESULT_BUFFER_TOO_SMALL`, `*written` receives the number of bytes needed.

use std::ffi::c_char;

use serde::Serialize;

use crate::error::CallError;
use crate::result::taf_result;

/// Stores `value` at `out`.
///
/// # Safety
/// `out` must be NULL or valid for a write of `T`.
pub(crate) unsafe fn set<T>(out: *mut T, value: T) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    // SAFETY: `out` is non-NULL and valid for a write, as the caller guarantees.
    unsafe { out.write(value) };
    Ok(())
}

/// Copies `data` into `buf` (capacity `len`) and stores its length at `written`. When `data`
/// does not fit, only `*written` changes, to the size needed. `buf` may be NULL when `len` is 0,
/// which asks for the size.
///
/// # Safety
/// `buf` must be NULL or valid for `len` bytes of writes; `written` NULL or valid for a write.
pub(crate) unsafe fn bytes(
    buf: *mut u8,
    len: usize,
    written: *mut usize,
    data: &[u8],
) -> Result<(), CallError> {
    if written.is_null() || (buf.is_null() && len > 0) {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    if data.len() > len {
        // SAFETY: `written` is non-NULL and valid for a write.
        unsafe { written.write(data.len()) };
        return Err(CallError::new(
            taf_result::BufferTooSmall,
            format!("{} bytes needed, the buffer holds {len}", data.len()),
        ));
    }
    if !data.is_empty() {
        // SAFETY: `buf` is non-NULL (len ≥ data.len() > 0), valid for `len` ≥ `data.len()`
        // bytes, and cannot overlap `data`, which Rust owns.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len()) };
    }
    // SAFETY: `written` is non-NULL and valid for a write.
    unsafe { written.write(data.len()) };
    Ok(())
}

/// [`bytes`] for text, into a `char` buffer (UTF-8, no NUL terminator).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text(
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
    text: &str,
) -> Result<(), CallError> {
    // SAFETY: forwarded from the caller.
    unsafe { bytes(buf.cast::<u8>(), len, written, text.as_bytes()) }
}

/// [`text`] with the canonical JSON of `value` (serde's layout of the core's model).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn json(
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
    value: &impl Serialize,
) -> Result<(), CallError> {
    let json = serde_json::to_string(value)
        .map_err(|error| CallError::new(taf_result::InvalidState, error.to_string()))?;
    // SAFETY: forwarded from the caller.
    unsafe { text(buf, len, written, &json) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_on_success_but_reports_the_size_needed() {
        let mut buf = [b'.'; 4];
        let mut written = 0;
        // SAFETY: pointers into live locals with their true sizes.
        unsafe {
            assert_eq!(bytes(buf.as_mut_ptr(), 4, &raw mut written, b"abc"), Ok(()));
            assert_eq!((&buf, written), (b"abc.", 3));
            let failure = bytes(buf.as_mut_ptr(), 4, &raw mut written, b"vwxyz").unwrap_err();
            assert_eq!(
                (failure.code(), &buf, written),
                (taf_result::BufferTooSmall, b"abc.", 5)
            );
            let failure = bytes(std::ptr::null_mut(), 0, &raw mut written, b"ab").unwrap_err();
            assert_eq!((failure.code(), written), (taf_result::BufferTooSmall, 2));
            assert_eq!(
                bytes(std::ptr::null_mut(), 0, &raw mut written, b""),
                Ok(())
            );
            assert_eq!(
                bytes(buf.as_mut_ptr(), 4, std::ptr::null_mut(), b"a")
                    .unwrap_err()
                    .code(),
                taf_result::NullArgument
            );
            assert_eq!(
                set(std::ptr::null_mut::<u32>(), 1).unwrap_err().code(),
                taf_result::NullArgument
            );
        }
    }
}

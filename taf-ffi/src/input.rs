//! Reading the caller's arguments: byte and text slices given as pointer and length.

use std::ffi::c_char;

use crate::error::CallError;
use crate::result::taf_result;

/// The `count` values at `ptr`; NULL with a count of 0 is the empty slice.
///
/// # Safety
/// `ptr` must be NULL or valid for `count` reads of `T` for `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, count: usize) -> Result<&'a [T], CallError> {
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(CallError::bare(taf_result::NullArgument))
        };
    }
    let fits = count
        .checked_mul(size_of::<T>())
        .is_some_and(|size| isize::try_from(size).is_ok());
    if !fits {
        return Err(CallError::new(
            taf_result::InvalidArgument,
            format!("a length of {count} is beyond any buffer"),
        ));
    }
    // SAFETY: `ptr` is non-NULL and, as the caller guarantees, valid for `count` values, whose
    // size fits in `isize`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// The `len` bytes at `ptr`; NULL with a length of 0 is the empty slice.
///
/// # Safety
/// `ptr` must be NULL or valid for `len` bytes of reads for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], CallError> {
    // SAFETY: forwarded from the caller.
    unsafe { slice(ptr, len) }
}

/// The UTF-8 text of `len` bytes at `ptr` (no NUL terminator needed).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, CallError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes(ptr.cast::<u8>(), len) }?;
    std::str::from_utf8(bytes).map_err(|error| {
        CallError::new(
            taf_result::InvalidUtf8,
            format!("invalid UTF-8 at byte {}", error.valid_up_to()),
        )
    })
}

/// The `count` texts at `ptrs`, each as long as its entry in `lens` (as for [`text`]).
///
/// # Safety
/// `ptrs` and `lens` as for [`slice`] with `count` values; each text pointer as for [`text`].
pub(crate) unsafe fn texts<'a>(
    ptrs: *const *const c_char,
    lens: *const usize,
    count: usize,
) -> Result<Vec<&'a str>, CallError> {
    // SAFETY: forwarded from the caller.
    let (ptrs, lens) = unsafe { (slice(ptrs, count)?, slice(lens, count)?) };
    ptrs.iter()
        .zip(lens)
        // SAFETY: each text is valid for its length, as the caller guarantees.
        .map(|(&ptr, &len)| unsafe { text(ptr, len) })
        .collect()
}

/// Like [`text`], but NULL with a length of 0 is `None` (no text) rather than empty; NULL with
/// a length is still `TAF_RESULT_NULL_ARGUMENT`.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn optional_text<'a>(
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a str>, CallError> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    unsafe { text(ptr, len) }.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_slices_and_rejects_null_and_bad_utf8() {
        // SAFETY: NULL with a zero length, and pointers into live locals.
        unsafe {
            assert_eq!(bytes(std::ptr::null(), 0), Ok(&[][..]));
            assert_eq!(
                bytes(std::ptr::null(), 1),
                Err(CallError::bare(taf_result::NullArgument))
            );
            assert_eq!(text(c"héllo".as_ptr(), 6), Ok("héllo"));
            assert_eq!(
                text(c"h\xE9".as_ptr(), 2).unwrap_err().code(),
                taf_result::InvalidUtf8
            );
            assert_eq!(optional_text(std::ptr::null(), 0), Ok(None));
            assert_eq!(optional_text(c"".as_ptr(), 0), Ok(Some("")));
            assert_eq!(
                optional_text(std::ptr::null(), 2),
                Err(CallError::bare(taf_result::NullArgument))
            );
            assert_eq!(
                bytes(b"x".as_ptr(), usize::MAX).unwrap_err().code(),
                taf_result::InvalidArgument
            );
        }
    }
}

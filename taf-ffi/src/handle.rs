//! Opaque handles: each C type is a marker whose pointer is really a pointer to a Rust value.
//!
//! A handle from a `_new` or a decoder is a `Box` turned into a raw pointer and back in its
//! `_free`. Borrowed handles (an item of a page, ...) point into their owner and are never freed.

use std::ffi::c_char;

use crate::error::CallError;
use crate::input;
use crate::result::taf_result;

/// A C handle type and the Rust value behind its pointer.
pub(crate) trait Handle {
    /// The value a pointer to the handle points at.
    type Inner;
}

/// Moves `value` to the heap and stores the owning handle at `out`.
///
/// # Safety
/// `out` must be NULL or valid for a write.
pub(crate) unsafe fn give<H: Handle>(out: *mut *mut H, value: H::Inner) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    let handle = Box::into_raw(Box::new(value)).cast::<H>();
    // SAFETY: `out` is non-NULL and valid for a write, as the caller guarantees.
    unsafe { out.write(handle) };
    Ok(())
}

/// Stores a borrowed handle for `value` at `out`; it lives as long as `value`'s owner.
///
/// # Safety
/// `out` must be NULL or valid for a write.
pub(crate) unsafe fn lend<H: Handle>(
    out: *mut *const H,
    value: &H::Inner,
) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::bare(taf_result::NullArgument));
    }
    // SAFETY: `out` is non-NULL and valid for a write, as the caller guarantees.
    unsafe { out.write(std::ptr::from_ref(value).cast::<H>()) };
    Ok(())
}

/// The value behind a handle, or `TAF_RESULT_NULL_ARGUMENT` for NULL.
///
/// # Safety
/// `handle` must be NULL or a live handle of type `H`, not used mutably for `'a`.
pub(crate) unsafe fn get<'a, H: Handle>(handle: *const H) -> Result<&'a H::Inner, CallError> {
    // SAFETY: a non-NULL handle points at a live `H::Inner`, as the caller guarantees.
    unsafe { handle.cast::<H::Inner>().as_ref() }.ok_or(CallError::bare(taf_result::NullArgument))
}

/// The value behind a handle, mutably, or `TAF_RESULT_NULL_ARGUMENT` for NULL.
///
/// # Safety
/// `handle` must be NULL or a live owned handle of type `H`, not otherwise used for `'a`.
pub(crate) unsafe fn get_mut<'a, H: Handle>(handle: *mut H) -> Result<&'a mut H::Inner, CallError> {
    // SAFETY: a non-NULL handle points at a live, unaliased `H::Inner`, as the caller guarantees.
    unsafe { handle.cast::<H::Inner>().as_mut() }.ok_or(CallError::bare(taf_result::NullArgument))
}

/// Calls `change` with the value behind a handle and two UTF-8 texts: the body of every
/// setter that takes a pair of strings (branch, credentials, header).
///
/// # Safety
/// `handle` as for [`get_mut`]; each text pointer and length as for [`input::text`].
pub(crate) unsafe fn update_with_texts<H: Handle>(
    handle: *mut H,
    (first, first_len): (*const c_char, usize),
    (second, second_len): (*const c_char, usize),
    change: impl FnOnce(&mut H::Inner, &str, &str),
) -> Result<(), CallError> {
    // SAFETY: forwarded from the caller.
    let (inner, first, second) = unsafe {
        (
            get_mut(handle)?,
            input::text(first, first_len)?,
            input::text(second, second_len)?,
        )
    };
    change(inner, first, second);
    Ok(())
}

/// Drops the value behind an owned handle; NULL is a no-op.
///
/// # Safety
/// `handle` must be NULL or an owned handle of type `H` that is not used afterwards.
pub(crate) unsafe fn free<H: Handle>(handle: *mut H) {
    if !handle.is_null() {
        // SAFETY: the handle came from `give` (a `Box<H::Inner>`) and is freed once.
        drop(unsafe { Box::from_raw(handle.cast::<H::Inner>()) });
    }
}

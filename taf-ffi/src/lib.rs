//! C ABI over the TAF cores (`libtaf.so`, `libtaf.a`); the header is `bindings/c/taf.h`.
//!
//! The conventions are rustls-ffi's: opaque handles made by a `_new` (or a decoder) and
//! released by their `_free`, a [`taf_result`](result::taf_result) from every fallible call,
//! inputs before outputs, outputs written only on success, every buffer followed by its
//! `size_t` length, and every export run behind `catch_unwind`, so a panic becomes
//! `TAF_RESULT_PANIC`. [`taf_error_message`](error::taf_error_message) describes a result.
//!
//! # Pointer rules
//!
//! Every export follows these rules; breaking them is undefined behaviour.
//!
//! - A handle argument is NULL (refused with `TAF_RESULT_NULL_ARGUMENT`) or a live handle of
//!   its type. Using a handle after its `_free` is undefined (double free included);
//!   `_free(NULL)` is a no-op. A handle is used by one thread at a time.
//! - A borrowed handle (`const taf_item *`, ...) lives as long as the handle it came from and
//!   is never freed.
//! - An input `(ptr, len)` is readable for `len` bytes; NULL with `len` 0 is empty (or "none"
//!   where the function says so), NULL with any other `len` is refused with
//!   `TAF_RESULT_NULL_ARGUMENT`. Text is UTF-8 without a NUL terminator
//!   (`TAF_RESULT_INVALID_UTF8` otherwise).
//! - An output `(buf, len, written)` is writable for `len` bytes (NULL when `len` is 0) and
//!   `written` is writable. Text is written as UTF-8 without a NUL terminator. When the data
//!   does not fit, the call fails with `TAF_RESULT_BUFFER_TOO_SMALL` and stores the size
//!   needed in `*written`, writing nothing else.
//! - Every other out-pointer is writable for its type.
//!
//! Enum parameters are `u32` (`uint32_t`), converted with an exhaustive `match`: a number that
//! is not a value of the enum is refused with `TAF_RESULT_INVALID_ARGUMENT`, never turned into
//! a Rust enum it is not.
//!
//! # Layout
//!
//! One public module per C handle or concept, named after taf-core's (the wire: [`query`],
//! [`post`], [`delete`], [`reply`], [`page`], [`item`], [`event`]; the client side:
//! [`endpoint`], [`endpoint_requests`], [`request`], [`response`], [`policy`], [`paginator`],
//! [`tracker`]; predictions: [`lote`], [`preflight`], [`schema`]; the [`emulator`]; the Totvs
//! Live connector: [`live`], [`live_session`], [`live_capsule`]), [`dup`] for the allocating
//! text accessors, [`advpl`] for the `ExecInClientDLL` bridge (JSON commands over the same
//! cores), and [`error`]/[`result`] for the result codes. The private plumbing every export
//! uses is in `guard` (no panic crosses the boundary), `handle`, `input` and `output` (the
//! pointer rules above). No protocol rule lives here.

#![allow(unsafe_code)]
#![allow(non_camel_case_types)]

mod guard;
mod handle;
mod input;
mod output;

pub mod advpl;
pub mod delete;
pub mod dup;
pub mod emulator;
pub mod endpoint;
pub mod endpoint_requests;
pub mod error;
pub mod event;
pub mod item;
pub mod live;
pub mod live_capsule;
pub mod live_session;
pub mod lote;
pub mod page;
pub mod paginator;
pub mod policy;
pub mod post;
pub mod preflight;
pub mod query;
pub mod reply;
pub mod request;
pub mod response;
pub mod result;
pub mod schema;
pub mod tracker;

use std::ffi::{CStr, c_char};

/// NUL-terminated crate version, built at compile time.
static VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => c"unknown",
    };

/// Returns the library version as a static NUL-terminated string; the caller must not free it.
#[unsafe(no_mangle)]
pub extern "C" fn taf_version() -> *const c_char {
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_cargo() {
        // SAFETY: taf_version returns a pointer to a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(taf_version()) };
        assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    }
}

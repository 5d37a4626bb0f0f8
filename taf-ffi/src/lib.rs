//! C ABI over the TAF cores (`libtaf.so`, `libtaf.a`).
//!
//! Only [`taf_version`] exists so far; the handles, result codes and the ADVPL bridge arrive
//! with the C library issue.

#![allow(unsafe_code)]

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
        #[allow(unsafe_code)]
        let version = unsafe { CStr::from_ptr(taf_version()) };
        assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    }
}

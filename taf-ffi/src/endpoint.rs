//! `taf_endpoint`: where the service lives and the Basic credentials to send.

use std::ffi::c_char;

use taf_core::{Credentials, Endpoint};

use crate::error::CallError;
use crate::guard::{guard, quietly};
use crate::handle::{self, Handle};
use crate::input;
use crate::result::taf_result;

/// A WSTAFST2 endpoint: base URL, service path (`/rest/WSTAFST2` by default) and optional
/// credentials. The password never appears in messages.
pub struct taf_endpoint {
    _private: [u8; 0],
}

impl Handle for taf_endpoint {
    type Inner = Endpoint;
}

/// Creates an endpoint at `base_url` (`http[s]://host[:port][/prefix]`); free it with
/// `taf_endpoint_free`. `TAF_RESULT_INVALID_ARGUMENT` for a URL without scheme or host, or
/// with credentials, a query or a fragment.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_new(
    base_url: *const c_char,
    len: usize,
    out: *mut *mut taf_endpoint,
) -> taf_result {
    guard(|| {
        // SAFETY: `base_url` and `out` follow the pointer rules.
        let base_url = unsafe { input::text(base_url, len) }?;
        let endpoint = Endpoint::new(base_url).map_err(|error| {
            CallError::new(
                taf_result::InvalidArgument,
                format!("{error} ({})", error.code()),
            )
        })?;
        // SAFETY: as above.
        unsafe { handle::give(out, endpoint) }
    })
}

/// Puts the service at another path under the base URL (starting with `/`).
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_set_path(
    endpoint: *mut taf_endpoint,
    path: *const c_char,
    len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: `endpoint` and `path` follow the pointer rules.
        let (endpoint, path) = unsafe { (handle::get_mut(endpoint)?, input::text(path, len)?) };
        *endpoint = endpoint.clone().with_path(path).map_err(|error| {
            CallError::new(
                taf_result::InvalidArgument,
                format!("{error} ({})", error.code()),
            )
        })?;
        Ok(())
    })
}

/// Sends `Authorization: Basic` with `user` and `password` in every request built from the
/// endpoint.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_set_credentials(
    endpoint: *mut taf_endpoint,
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
) -> taf_result {
    guard(|| {
        // SAFETY: the arguments follow the pointer rules.
        unsafe {
            handle::update_with_texts(
                endpoint,
                (user, user_len),
                (password, password_len),
                |endpoint, user, password| {
                    *endpoint = endpoint
                        .clone()
                        .with_credentials(Credentials::basic(user, password));
                },
            )
        }
    })
}

/// Frees an endpoint; NULL is a no-op.
///
/// # Safety
/// Pointers follow the library's pointer rules (top of `taf.h`, crate documentation).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn taf_endpoint_free(endpoint: *mut taf_endpoint) {
    // SAFETY: `endpoint` is NULL or an owned handle not used afterwards.
    quietly(|| unsafe { handle::free(endpoint) });
}

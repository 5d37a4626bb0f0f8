//! DELETE answers, broken bodies included, and faults of any status: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taf_core::{DeleteResponse, Reply};

fuzz_target!(|data: &[u8]| {
    let _ = Reply::<DeleteResponse>::decode(200, data);
    if let Ok(Reply::Fault(fault)) = Reply::<DeleteResponse>::decode(500, data) {
        let _ = fault.encode_body();
    }
});

//! POST answers and envelopes: decoding never panics; decoded bodies round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taf_core::{PostResponse, Reply, Wire};

fuzz_target!(|data: &[u8]| {
    match Reply::<PostResponse>::decode(200, data) {
        Ok(Reply::Body(response)) => {
            let encoded = response.encode();
            assert_eq!(PostResponse::decode(encoded.as_bytes()).as_ref(), Ok(&response));
        }
        Ok(Reply::Envelope(entry)) => {
            let encoded = entry.encode();
            assert_eq!(Reply::<PostResponse>::decode(200, encoded.as_bytes()), Ok(Reply::Envelope(entry)));
        }
        Ok(Reply::Fault(_)) | Err(_) => {}
    }
});

//! Request decoders (what the emulator reads): POST and DELETE bodies and GET query strings.
//! Never a panic; decoded requests round-trip through their encoders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taf_core::{DeleteRequest, GetQuery, PostRequest, Wire};

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = PostRequest::decode(data) {
        assert_eq!(PostRequest::decode(request.encode().as_bytes()).as_ref(), Ok(&request));
    }
    if let Ok(request) = DeleteRequest::decode(data) {
        assert_eq!(DeleteRequest::decode(request.encode().as_bytes()).as_ref(), Ok(&request));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(query) = GetQuery::from_query_string(text) {
            assert_eq!(GetQuery::from_query_string(&query.to_query_string()).as_ref(), Ok(&query));
        }
    }
});

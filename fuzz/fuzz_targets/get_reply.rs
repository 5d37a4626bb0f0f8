//! GET answers: decoding never panics, and a decoded page re-encodes to text that decodes to
//! the same page (the encoder's output is canonical).
#![no_main]

use libfuzzer_sys::fuzz_target;
use taf_core::{GetPage, Reply, Wire};

fuzz_target!(|data: &[u8]| {
    let status = data.first().map_or(200, |&b| if b % 4 == 0 { 500 } else { 200 });
    if let Ok(Reply::Body(page)) = Reply::<GetPage>::decode(status, data) {
        let encoded = page.encode();
        assert_eq!(GetPage::decode(encoded.as_bytes()).as_ref(), Ok(&page));
    }
});

//! Event sniffing and the lote builder on arbitrary bytes: never a panic; a sniffed event
//! builds into an item whose message decodes back to the same bytes.
#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::fuzz_target;
use taf_core::event::{SniffLimits, sniff};
use taf_core::{LoteBuilder, Source};

fuzz_target!(|data: &[u8]| {
    let _ = sniff(data, SniffLimits::default());
    let builder = LoteBuilder::new("T1", "0100");
    if let Ok(item) = builder.item(&Source::new(data).with_key("K1")) {
        let message = item.integration_message.unwrap_or_default();
        assert_eq!(STANDARD.decode(message).ok().as_deref(), Some(data));
    }
});

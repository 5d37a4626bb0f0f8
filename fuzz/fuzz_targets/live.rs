//! live-core's response parsers and the capsule contract on arbitrary bytes: never a panic,
//! and every capsule output is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use live_core::Parser;
use live_core::capsule::{Capsule, CustomerInput, StatusInput, StoresInput, read_input};

fuzz_target!(|data: &[u8]| {
    let parser = Parser::default();
    let _ = parser.status(data);
    let _ = parser.lojas(data);
    let _ = parser.cliente(data);
    let _ = parser.access_key(data);
    let _ = parser.confirmation(data);
    let capsule = Capsule::default();
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = read_input::<StatusInput>(text);
        let _ = read_input::<StoresInput>(text);
        let _ = read_input::<CustomerInput>(text);
    }
    let input: StatusInput =
        read_input(r#"{"chaveAcesso":"k","codigoSistemaSatelite":"1","numeroTicket":"0"}"#)
            .unwrap_or_else(|_| unreachable!());
    let output = capsule.consultar_status(&input, 200, data, 1);
    assert!(serde_json::from_str::<serde_json::Value>(&output.json).is_ok());
});

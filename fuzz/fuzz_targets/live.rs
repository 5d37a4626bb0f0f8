//! live-core's response parsers, the capsule contract and the session on arbitrary bytes: never
//! a panic, every capsule output is JSON, and a session fed the bytes as every answer finishes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use live_core::Parser;
use live_core::capsule::{Capsule, CustomerInput, StatusInput, StoresInput, read_input};
use live_core::request::{Identification, Login};
use live_core::session::{Call, Output, Session};

fuzz_target!(|data: &[u8]| {
    let parser = Parser::default();
    let _ = parser.status(data);
    let _ = parser.stores(data);
    let _ = parser.customers(data);
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
    let output = capsule.ticket_status(&input, 200, data, 1);
    assert!(serde_json::from_str::<serde_json::Value>(&output.json).is_ok());

    let login = Login {
        codigo_sistema_satelite: "1".into(),
        usuario: "u".into(),
        senha: "p".into(),
    };
    let mut session = Session::new("http://live/Facade.svc", Some(login), Some("k".into()));
    session.start(Call::customers(Identification::new("1")));
    // A call sends at most three requests (call, key, call again).
    let mut finished = false;
    for _ in 0..4 {
        match session.poll_output() {
            Some(Output::Transmit(_)) => {
                assert!(session.handle_response(500, data.to_vec()).is_ok());
            }
            Some(Output::Finished(_)) => {
                finished = true;
                break;
            }
            _ => break,
        }
    }
    assert!(finished);
});

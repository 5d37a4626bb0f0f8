//! A bounded load test on loopback: 8 clients post and page `taf serve` at once; no request
//! fails and every posted key is found exactly once afterwards.

mod support;

use std::collections::HashMap;
use std::thread;

use support::{Server, keys_of};
use taf_core::{LoteBuilder, Source, Wire};

const CLIENTS: usize = 8;
const LOTES_PER_CLIENT: usize = 10;
const ITEMS_PER_LOTE: usize = 10;
const EVENT: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

#[test]
fn eight_clients_post_and_page_at_once_and_every_key_is_found_once() {
    let server = Server::start(&["--threads", "4"]);
    let url = server.url();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let url = url.clone();
            thread::spawn(move || {
                let agent = ureq::Agent::new_with_defaults();
                let ticket = format!("LOAD-{client}");
                let mut posted = Vec::new();
                for lote in 0..LOTES_PER_CLIENT {
                    let keys: Vec<String> = (0..ITEMS_PER_LOTE)
                        .map(|item| format!("C{client}-L{lote}-I{item}"))
                        .collect();
                    let lotes = LoteBuilder::new(&ticket, "0100")
                        .build(keys.iter().map(|key| Source::new(EVENT).with_key(key)))
                        .expect("a lote");
                    let body = lotes.first().expect("one lote").encode();
                    let answer = agent
                        .post(&url)
                        .header("Content-Type", "application/json")
                        .send(body)
                        .expect("POST answers")
                        .body_mut()
                        .read_to_string()
                        .expect("a body");
                    assert!(
                        answer.contains(&format!("\"keyAmount\" : {ITEMS_PER_LOTE}")),
                        "{answer}"
                    );
                    assert!(!answer.contains("\"success\" : false"), "{answer}");
                    posted.extend(keys);
                    assert!(keys_of(&agent, &url, &ticket).len() >= posted.len());
                }
                (ticket, posted)
            })
        })
        .collect();
    let agent = ureq::Agent::new_with_defaults();
    for client in clients {
        let (ticket, posted) = client.join().expect("the client succeeds");
        let mut found: HashMap<String, usize> = HashMap::new();
        for key in keys_of(&agent, &url, &ticket) {
            *found.entry(key).or_default() += 1;
        }
        assert_eq!(found.len(), posted.len(), "{ticket}");
        for key in &posted {
            assert_eq!(found.get(key), Some(&1), "{key} of {ticket}");
        }
    }
}

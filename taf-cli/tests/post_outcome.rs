//! `taf send` when a POST's answer does not tell what was stored: never sent again, the
//! outcome reported as unknown, with the GET that finds out which keys were stored.

mod fake;
mod support;

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::thread;

use fake::Fake;
use support::{code, lote, stderr, stdout, taf};

/// `taf send ARGS --url URL`.
fn send(url: &str, args: &[&str]) -> std::process::Output {
    taf()
        .arg("send")
        .args(args)
        .args(["--url", url])
        .output()
        .expect("taf runs")
}

#[test]
fn an_empty_answer_is_an_unknown_outcome_and_nothing_is_sent_again() {
    // What the real server's crashed worker answers after committing the items before it.
    let server = Fake::start(|_, _| (200, Vec::new()));
    let output = send(&server.url, &[&lote("clean.json"), &lote("warnings.json")]);
    assert_eq!(code(&output), 4, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(server.count("POST"), 1, "one POST, never repeated");
    assert_eq!(server.seen().len(), 1, "no other request");

    let text = stdout(&output);
    assert!(
        text.contains("outcome unknown: HTTP 200 with an empty body"),
        "{text}"
    );
    assert!(text.contains("it is not sent again"), "{text}");
    let command = format!(
        "taf status --ticket FIX-CLEAN --branch 0100 --url {}",
        server.url
    );
    assert!(text.contains(&command), "{text}");
    assert!(
        text.contains(&format!("(GET {}?", server.url)),
        "the GET is shown: {text}"
    );
    assert!(text.contains("ticketCode=FIX-CLEAN"), "{text}");
    assert!(text.contains("sourceBranch=0100"), "{text}");
    let error = stderr(&output);
    assert!(
        error.contains("the outcome of") && error.contains("is unknown"),
        "{error}"
    );
    assert!(
        error.contains("not sent either:") && error.contains("warnings.json"),
        "{error}"
    );
}

#[test]
fn a_raw_server_error_or_a_broken_body_is_unknown_too_and_json_says_so() {
    for (status, body, reason) in [
        (
            500,
            &b"Internal Server Error"[..],
            "HTTP 500, not a WSTAFST2 fault",
        ),
        (502, &b""[..], "HTTP 502, not a WSTAFST2 fault"),
        (
            200,
            &br#"{"ticketCode" : "FIX-CLEAN", "keyAmount" : 2, "keys" : ["#[..],
            "HTTP 200 with an unreadable body",
        ),
    ] {
        let server = Fake::start(move |_, _| (status, body.to_vec()));
        let output = send(&server.url, &[&lote("clean.json"), "--json"]);
        assert_eq!(code(&output), 4, "{status}: {}", stderr(&output));
        assert_eq!(
            server.count("POST"),
            1,
            "{status}: one POST, never repeated"
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let entry = &json["lotes"][0];
        assert_eq!(json["sent"], true);
        assert_eq!(entry["sent"], true);
        assert_eq!(entry["outcome"], "unknown");
        assert!(
            entry["reason"]
                .as_str()
                .is_some_and(|text| text.starts_with(reason)),
            "{status}: {entry}"
        );
        assert!(
            entry["stored"]["command"]
                .as_str()
                .is_some_and(|text| text.starts_with("taf status --ticket FIX-CLEAN")),
            "{entry}"
        );
        assert!(
            entry["stored"]["get"]
                .as_str()
                .is_some_and(|text| text.contains("ticketCode=FIX-CLEAN")),
            "{entry}"
        );
    }
}

#[test]
fn a_service_fault_is_a_known_failure() {
    // Fault 704 comes before anything is stored: a plain failure, not an unknown outcome.
    let server = Fake::start(|_, _| {
        (
            500,
            br#"{"errorCode":704,"errorMessage":"Arquivo vazio."}"#.to_vec(),
        )
    });
    let output = send(&server.url, &[&lote("clean.json")]);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert_eq!(server.count("POST"), 1);
    assert!(
        !stdout(&output).contains("outcome unknown"),
        "{}",
        stdout(&output)
    );
    assert!(stderr(&output).contains("704"), "{}", stderr(&output));
}

#[test]
fn an_answer_that_breaks_off_is_unknown() {
    // Reads the whole request, then closes the connection without a word.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://{}/rest/wstafst2",
        listener.local_addr().expect("an address")
    );
    let server = thread::spawn(move || {
        let mut posts = 0;
        for stream in listener.incoming().take(1) {
            let mut reader = BufReader::new(stream.expect("a connection"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("a header line");
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().expect("a length");
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("the body");
            posts += 1;
        }
        posts
    });
    let output = send(&url, &[&lote("clean.json")]);
    assert_eq!(server.join().expect("the server ends"), 1);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("outcome unknown: the answer broke off"),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
}

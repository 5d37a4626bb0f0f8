//! The client commands against `taf serve` on a free loopback port, over real HTTP.

mod support;

use support::{Server, code, lote, stderr, stdout, taf};

/// Runs `taf` with `args` and `--url` of `server`.
fn against(server: &Server, args: &[&str]) -> std::process::Output {
    // `send`'s preflight knows only the branches it is given: those `taf serve` registers.
    let branches: &[&str] = if args.first() == Some(&"send") {
        &[
            "--branch", "T1:0100", "--branch", "T1:0101", "--branch", "T2:0200",
        ]
    } else {
        &[]
    };
    taf()
        .args(args)
        .args(branches)
        .args(["--url", &server.url()])
        .output()
        .expect("taf runs")
}

#[test]
fn send_status_process_transmit_and_delete_over_http() {
    let server = Server::start(&[]);
    let clean = lote("clean.json");

    let sent = against(&server, &["send", &clean]);
    assert_eq!(code(&sent), 0, "{}{}", stdout(&sent), stderr(&sent));
    assert!(stdout(&sent).contains("ticket FIX-CLEAN: 2 of 2 keys accepted"));

    // The same XML keys while they are pending: the server rejects both with 813.
    let again = against(&server, &["send", &clean]);
    assert_eq!(code(&again), 2, "{}", stdout(&again));
    assert!(stdout(&again).contains("rejected  813"));

    let waiting = against(
        &server,
        &["status", "--ticket", "FIX-CLEAN", "--branch", "0100"],
    );
    assert_eq!(
        code(&waiting),
        1,
        "{}{}",
        stdout(&waiting),
        stderr(&waiting)
    );
    assert!(stdout(&waiting).contains("2 records in 1 page: 2 waiting"));

    assert_eq!(
        server.control("/_emulator/process"),
        r#"{"handled":2,"failed":0}"#
    );
    assert_eq!(
        server.control("/_emulator/transmit"),
        r#"{"handled":2,"failed":0}"#
    );

    let done = against(
        &server,
        &["status", "--ticket", "FIX-CLEAN", "--branch", "0100"],
    );
    assert_eq!(code(&done), 0, "{}", stdout(&done));
    let text = stdout(&done);
    assert!(text.contains("KEY"), "{text}");
    assert!(
        text.contains("authorized  4       1.2.0000000000000000001"),
        "{text}"
    );
    assert!(text.contains("2 records in 1 page: 2 authorized"), "{text}");

    let by_key = against(
        &server,
        &[
            "status",
            "--key",
            "ID1112223330000002025061014300500002",
            "--search-mode",
            "1",
            "--json",
        ],
    );
    assert_eq!(code(&by_key), 0, "{}", stderr(&by_key));
    let json: serde_json::Value = serde_json::from_slice(&by_key.stdout).expect("JSON");
    assert_eq!(json["records"][0]["id"], "FIX-CLEAN");
    assert_eq!(json["records"][0]["state"], "authorized");
    assert_eq!(json["records"][0]["receipt"], "1.2.0000000000000000002");

    let refused = against(
        &server,
        &["delete", "--ticket", "FIX-CLEAN", "--branch", "9999"],
    );
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("803"));

    let deleted = against(
        &server,
        &["delete", "--ticket", "FIX-CLEAN", "--branch", "0100"],
    );
    assert_eq!(code(&deleted), 0, "{}", stderr(&deleted));
    assert!(stdout(&deleted).contains("deleted FIX-CLEAN"));

    let gone = against(
        &server,
        &["status", "--ticket", "FIX-CLEAN", "--branch", "0100"],
    );
    assert_eq!(code(&gone), 2);
    assert!(stdout(&gone).contains("nothing found"));
}

#[test]
fn send_refuses_a_predicted_rejection_unless_forced() {
    let server = Server::start(&[]);
    let rejected = lote("rejected.json");
    let refused = against(&server, &["send", &rejected]);
    assert_eq!(code(&refused), 2);
    assert!(stdout(&refused).contains("not sent"));

    // Forced, the server answers the 803 envelope the preflight predicted.
    let forced = against(&server, &["send", &rejected, "--force"]);
    assert_eq!(code(&forced), 2);
    assert!(stderr(&forced).contains("803"), "{}", stderr(&forced));

    // A value that is no string crashes the server's worker after the first item is stored:
    // the preflight says so, and a forced POST is sent once, never retried.
    let clean = std::fs::read_to_string(lote("clean.json")).expect("the fixture");
    let crashing = clean.replace(
        r#""registryKey":"ID1112223330000002025061014300500002""#,
        r#""registryKey":5"#,
    );
    assert_ne!(crashing, clean);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("crashing.json");
    std::fs::write(&path, crashing).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    assert_eq!(code(&against(&server, &["send", path])), 2);
    let crashed = against(&server, &["send", path, "--force"]);
    assert_eq!(code(&crashed), 4);
    // The crashed worker answers an empty body (spec §1.2): the outcome is unknown, never re-sent.
    assert!(
        stderr(&crashed).contains("is unknown"),
        "{}",
        stderr(&crashed)
    );
    assert!(!stderr(&crashed).contains("retrying"));

    let warned = against(&server, &["send", &lote("warnings.json"), "--json"]);
    assert_eq!(code(&warned), 1);
    let json: serde_json::Value = serde_json::from_slice(&warned.stdout).expect("JSON");
    assert_eq!(json["sent"], true);
    let sent = &json["lotes"][0];
    assert_eq!(sent["sent"], true);
    assert_eq!(sent["response"]["results"][0]["outcome"], "accepted");
    assert_eq!(sent["verdict"]["findings"][0]["code"], "W10");
}

#[test]
fn send_posts_the_parts_of_a_split_lote_in_order() {
    let server = Server::start(&[]);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("send-parts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let out = dir.join("lote.json");
    let built = taf()
        .args([
            "build",
            "--ticket",
            "PARTS",
            "--branch",
            "0100",
            "--max-items",
            "1",
        ])
        .args([support::event("s1010.xml"), support::event("s2220.xml")])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("taf runs");
    assert_eq!(code(&built), 0, "{}", stderr(&built));
    let first = out.to_str().expect("UTF-8 path");
    let second = dir.join("lote.2.json");
    let second = second.to_str().expect("UTF-8 path");

    let sent = against(&server, &["send", first, second, "--json"]);
    assert_eq!(code(&sent), 0, "{}{}", stdout(&sent), stderr(&sent));
    let json: serde_json::Value = serde_json::from_slice(&sent.stdout).expect("JSON");
    let lotes = json["lotes"].as_array().expect("one entry per file");
    assert_eq!(lotes.len(), 2);
    assert_eq!(lotes[0]["file"], first);
    assert_eq!(lotes[1]["file"], second);
    for lote in lotes {
        assert_eq!(lote["sent"], true);
        assert_eq!(lote["response"]["results"][0]["outcome"], "accepted");
    }

    // The first part again, twice: the second copy is predicted to meet the first one's keys
    // pending (813), so nothing is sent, not even the first copy.
    let fresh = Server::start(&[]);
    let twice = against(&fresh, &["send", first, first]);
    assert_eq!(code(&twice), 2, "{}", stdout(&twice));
    assert!(stdout(&twice).contains("813"), "{}", stdout(&twice));
    assert!(stdout(&twice).contains("not sent"));
    let listed = against(&fresh, &["status", "--ticket", "PARTS", "--branch", "0100"]);
    assert!(
        stdout(&listed).contains("nothing found"),
        "{}",
        stdout(&listed)
    );
}

#[test]
fn credentials_come_from_user_and_taf_password() {
    let server = Server::start(&["--user", "erp", "--password", "s3cret"]);
    let status = ["status", "--ticket", "T1", "--branch", "0100"];

    let anonymous = against(&server, &status);
    assert_eq!(code(&anonymous), 4);
    assert!(stderr(&anonymous).contains("not authorized"));

    let wrong = taf()
        .args(status)
        .args(["--url", &server.url(), "--user", "erp"])
        .env("TAF_PASSWORD", "wrong")
        .output()
        .expect("taf runs");
    assert_eq!(code(&wrong), 4);
    assert!(
        !stderr(&wrong).contains("wrong"),
        "the password is never echoed"
    );

    let right = taf()
        .args(status)
        .args(["--url", &server.url(), "--user", "erp"])
        .env("TAF_PASSWORD", "s3cret")
        .output()
        .expect("taf runs");
    assert_eq!(code(&right), 2, "{}", stderr(&right));
    assert!(stdout(&right).contains("nothing found"));
}

#[test]
fn a_taf_password_in_the_environment_alone_does_not_turn_auth_on() {
    let mut command = taf();
    command.env("TAF_PASSWORD", "for-the-client-commands");
    let server = Server::spawn(command, &[]);
    let status = against(&server, &["status", "--ticket", "T1", "--branch", "0100"]);
    assert_eq!(code(&status), 2, "{}", stderr(&status));
    assert!(stdout(&status).contains("nothing found"));
}

#[test]
fn an_unreachable_server_exits_4() {
    let server = Server::start(&[]);
    let url = server.url();
    drop(server);
    let output = taf()
        .args(["status", "--ticket", "T1", "--url", &url])
        .output()
        .expect("taf runs");
    assert_eq!(code(&output), 4);
    assert!(stderr(&output).contains("no answer from"));
}

#[test]
fn watch_polls_until_every_key_is_terminal() {
    let server = Server::start(&[]);
    let sent = against(&server, &["send", &lote("clean.json")]);
    assert_eq!(code(&sent), 0, "{}", stderr(&sent));
    let watch = taf()
        .args(["watch", "--ticket", "FIX-CLEAN", "--branch", "0100"])
        .args([
            "--every",
            "0.1",
            "--give-up-after",
            "30",
            "--url",
            &server.url(),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("taf watch starts");
    server.control("/_emulator/process");
    server.control("/_emulator/transmit");
    let output = watch.wait_with_output().expect("taf watch ends");
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("2 records in 1 page: 2 authorized"));

    let terminal = against(
        &server,
        &[
            "watch",
            "--ticket",
            "FIX-CLEAN",
            "--branch",
            "0100",
            "--give-up-after",
            "0",
        ],
    );
    assert_eq!(code(&terminal), 0, "already terminal: one pass is enough");
    assert_eq!(
        code(&against(&server, &["send", &lote("warnings.json")])),
        1
    );
    let timed_out = against(
        &server,
        &[
            "watch",
            "--ticket",
            "FIX-WARN",
            "--branch",
            "0100",
            "--give-up-after",
            "0",
        ],
    );
    assert_eq!(code(&timed_out), 1, "still waiting when the time is up");
    assert!(stdout(&timed_out).contains("1 waiting"));
    let nothing = against(&server, &["watch", "--ticket", "NONE", "--branch", "0100"]);
    assert_eq!(code(&nothing), 2);
}

#[test]
fn the_state_file_keeps_the_tables_across_a_restart() {
    let state = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("served-state.db");
    let _ = std::fs::remove_file(&state);
    let state = state.to_str().expect("UTF-8 path");
    {
        let server = Server::start(&["--state", state]);
        assert_eq!(code(&against(&server, &["send", &lote("clean.json")])), 0);
        server.control("/_emulator/process");
    }
    let server = Server::start(&["--state", state]);
    let status = against(
        &server,
        &["status", "--ticket", "FIX-CLEAN", "--branch", "0100"],
    );
    assert_eq!(code(&status), 1, "{}", stderr(&status));
    assert!(stdout(&status).contains("2 records in 1 page: 2 integrated"));
}

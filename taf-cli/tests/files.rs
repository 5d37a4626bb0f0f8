//! What the file-reading commands refuse before reading: FIFOs, devices, files over the size
//! limit, lotes over the item limit `taf serve` shares; and credentials in `--url` are never
//! echoed.

mod support;

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};

use support::{Server, code, event, run, stderr, stdout, tempdir};
use taf_core::{MAX_LOTE_BYTES, MAX_LOTE_ITEMS};

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A sparse file of `size` bytes (no disk space, no memory).
fn sparse(path: &Path, size: u64) {
    File::create(path)
        .and_then(|file| file.set_len(size))
        .expect("a sparse file");
}

/// A lote of `items` small items of ticket `ticket` on branch 0100.
fn lote_of(items: usize, ticket: &str) -> String {
    let item = |index: usize| {
        format!(
            r#"{{"sourceBranch":"0100","messageType":"1","registryType":"T005","registryKey":"K{index}","integrationMessage":"fFQwMDV8MXw="}}"#
        )
    };
    let items: Vec<String> = (0..items).map(item).collect();
    format!(
        r#"{{"ticketCode":"{ticket}","lote":[{}]}}"#,
        items.join(",")
    )
}

#[test]
fn a_fifo_is_refused_without_opening_it() {
    let dir = tempdir("fifo");
    let fifo = dir.join("lote.json");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Each command gets a writer that waits for a reader: if `taf` opened the FIFO it would
    // read "{}" and go on instead of refusing it (and without a writer it would block for ever).
    let with_writer = |args: &[&str]| {
        let mut writer = Command::new("sh")
            .arg("-c")
            .arg(format!("printf '{{}}' > '{}'", text(&fifo)))
            .stdout(Stdio::null())
            .spawn()
            .expect("sh runs");
        let output = run(args);
        let _ = writer.kill();
        let _ = writer.wait();
        output
    };
    let checked = with_writer(&["check", text(&fifo)]);
    let built = with_writer(&["build", "--ticket", "T", "--branch", "0100", text(&fifo)]);
    for output in [&checked, &built] {
        assert_eq!(code(output), 3, "{}{}", stdout(output), stderr(output));
        assert!(
            stderr(output).contains("it is a FIFO, not a regular file"),
            "{}",
            stderr(output)
        );
    }
}

#[test]
fn devices_and_directories_are_refused() {
    let device = run(&["check", "/dev/null"]);
    assert_eq!(code(&device), 3, "{}", stdout(&device));
    assert!(stderr(&device).contains("cannot read /dev/null: it is a device"));
    let dir = tempdir("directory");
    let directory = run(&["build", "--ticket", "T", "--branch", "0100", text(&dir)]);
    assert_eq!(code(&directory), 3);
    assert!(
        stderr(&directory).contains("it is a directory"),
        "{}",
        stderr(&directory)
    );
}

#[test]
fn files_over_the_limit_are_refused_by_size_before_reading() {
    let dir = tempdir("large");
    let lote = dir.join("lote.json");
    let over = u64::try_from(MAX_LOTE_BYTES).expect("fits") + 1;
    sparse(&lote, over);
    for args in [&["check"][..], &["send", "--url", "http://127.0.0.1:1"][..]] {
        let output = support::taf()
            .args(args)
            .arg(&lote)
            .output()
            .expect("taf runs");
        let command = args[0];
        assert_eq!(code(&output), 3, "{command}: {}", stdout(&output));
        assert!(
            stderr(&output).contains("67,108,865 bytes, more than the 67,108,864 a lote may have"),
            "{command}: {}",
            stderr(&output)
        );
    }
    // An event must fit a lote once in base64: three quarters of the lote limit.
    let xml = dir.join("event.xml");
    sparse(&xml, over / 4 * 3 + 1);
    let output = run(&["build", "--ticket", "T", "--branch", "0100", text(&xml)]);
    assert_eq!(code(&output), 3, "{}", stdout(&output));
    assert!(
        stderr(&output).contains("more than the 50,331,648 an event may have"),
        "{}",
        stderr(&output)
    );
    // Below the limits the same commands read their files.
    assert_eq!(
        code(&run(&[
            "build",
            "--ticket",
            "T",
            "--branch",
            "0100",
            &event("s1010.xml")
        ])),
        0
    );
}

#[test]
fn check_and_serve_share_the_item_limit() {
    let dir = tempdir("items");
    let path = dir.join("lote.json");
    let body = lote_of(MAX_LOTE_ITEMS + 1, "MANY");
    fs::write(&path, &body).expect("write");

    let checked = run(&["check", text(&path)]);
    assert_eq!(code(&checked), 2, "{}", stdout(&checked));
    let expected =
        "holds 50,001 items, more than the 50,000 a lote may carry (taf serve answers HTTP 413";
    assert!(stderr(&checked).contains(expected), "{}", stderr(&checked));

    // `taf serve` draws the line at the same number.
    let server = Server::start(&[]);
    let mut answer = ureq::post(server.url())
        .config()
        .http_status_as_error(false)
        .build()
        .send(body.as_bytes())
        .expect("taf serve answers");
    assert_eq!(answer.status(), 413);
    let text = answer.body_mut().read_to_string().expect("a body");
    assert!(text.contains(&MAX_LOTE_ITEMS.to_string()), "{text}");

    // `taf send` refuses the file before sending anything.
    let sent = run(&[
        "send",
        path.to_str().expect("UTF-8"),
        "--url",
        &server.url(),
    ]);
    assert_eq!(code(&sent), 2, "{}", stdout(&sent));
    assert!(stderr(&sent).contains(expected), "{}", stderr(&sent));
}

#[test]
fn a_password_in_the_url_is_never_echoed() {
    for args in [
        &["status", "--ticket", "T"][..],
        &["delete", "--ticket", "T", "--branch", "0100"][..],
        &["live", "key", "--satellite", "1", "--user", "u"][..],
    ] {
        let output = support::taf()
            .args(args)
            .args(["--url", "http://bob:s3cr3t@127.0.0.1:1/rest/wstafst2"])
            .env("LIVE_PASSWORD", "p")
            .output()
            .expect("taf runs");
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert_ne!(code(&output), 0, "{all}");
        assert!(!all.contains("s3cr3t"), "{args:?}: {all}");
        assert!(all.contains("http://***@127.0.0.1:1"), "{args:?}: {all}");
    }
}

#[test]
fn a_closed_standard_error_ends_with_an_exit_code_not_a_panic() {
    let dir = tempdir("closed-stderr");
    let xml = dir.join("event.xml");
    fs::write(&xml, b"<eSocial><evtTabRubrica Id=\"ID1\">").expect("event");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let status = support::taf()
        .args(["build", "--ticket", "T1", "--branch", "01", text(&xml)])
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .expect("taf runs");
    // The summary cannot be written: an IO error's exit code, never 101 (a panic).
    assert_ne!(status.code(), Some(101), "{status:?}");
    assert!(status.code().is_some(), "{status:?}");
}

//! The commands that need no server of their own: check, build, demo (which serves its own on
//! loopback), and the usage errors.

mod support;

use std::fs;

use support::{code, event, lote, run, stderr, stdout, tempdir};

/// The emulator's sample branches, which the fixtures' lotes use.
const SAMPLE_BRANCHES: &[&str] = &[
    "--branch", "T1:0100", "--branch", "T1:0101", "--branch", "T2:0200",
];

#[test]
fn check_without_branches_predicts_no_branch_rule_and_says_so() {
    let unknown = run(&["check", &lote("rejected.json"), "--json"]);
    assert_eq!(code(&unknown), 1, "{}", stdout(&unknown));
    let json: serde_json::Value = serde_json::from_slice(&unknown.stdout).expect("JSON");
    assert!(!json["body"].as_str().unwrap_or_default().contains("803"));
    assert!(
        json["findings"]
            .as_array()
            .is_some_and(|findings| findings.iter().any(|finding| finding["code"] == "W22"))
    );
}

#[test]
fn check_exits_0_clean_1_with_warnings_and_2_on_a_rejection() {
    let clean = run(&[&["check", &lote("clean.json")][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    assert!(stdout(&clean).contains("HTTP 200, 2 of 2 keys accepted"));
    assert!(stdout(&clean).contains("no findings (exit 0)"));

    let warned = run(&[&["check", &lote("warnings.json")][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&warned), 1, "{}", stdout(&warned));
    let text = stdout(&warned);
    assert!(
        text.contains("ITEM  FIELD         CODE  SEVERITY  STEP         MESSAGE"),
        "{text}"
    );
    assert!(text.contains("W10   warning   integration"), "{text}");

    let rejected = run(&[&["check", &lote("rejected.json")][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&rejected), 2, "{}", stdout(&rejected));
    assert!(stdout(&rejected).contains(r#"{"coderr" : 803,"#));
}

#[test]
fn check_follows_the_branches_layout_and_pending_lotes_given() {
    let registered = run(&["check", &lote("rejected.json"), "--branch", "G9:9999"]);
    assert_eq!(code(&registered), 0, "{}", stdout(&registered));

    // The same keys again while the clean lote's XML items are still pending: 813 for both.
    let clean = lote("clean.json");
    let pending = run(&[&["check", &clean, "--pending", &clean][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&pending), 2, "{}", stdout(&pending));
    assert!(stdout(&pending).contains("0 of 2 keys accepted"));

    // S-1010 is not SESMT: a layout-2.5 TAF refuses it (814); an unknown layout warns.
    let legacy = run(&[
        &["check", &clean, "--layout", "legacy"][..],
        SAMPLE_BRANCHES,
    ]
    .concat());
    assert_eq!(code(&legacy), 2, "{}", stdout(&legacy));
    let unknown = run(&[
        &["check", &clean, "--layout", "unknown"][..],
        SAMPLE_BRANCHES,
    ]
    .concat());
    assert_eq!(code(&unknown), 1, "{}", stdout(&unknown));
}

#[test]
fn check_json_carries_the_answer_every_finding_and_the_exit_code() {
    let output = run(&[
        &["check", &lote("warnings.json"), "--json"][..],
        SAMPLE_BRANCHES,
    ]
    .concat());
    assert_eq!(code(&output), 1);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["status"], 200);
    assert_eq!(json["exitCode"], 1);
    assert_eq!(json["findings"][0]["code"], "W10");
    assert_eq!(json["findings"][0]["item"], 0);
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert!(json["findings"][0]["fix"].is_string());
    assert!(json["loteError"].is_null());
}

#[test]
fn bad_files_and_bad_options_exit_3() {
    let missing = run(&["check", "no-such-lote.json"]);
    assert_eq!(code(&missing), 3);
    assert!(stderr(&missing).contains("cannot read no-such-lote.json"));
    let option = run(&["check", &lote("clean.json"), "--layout", "newest"]);
    assert_eq!(code(&option), 3);
    let branch = run(&["check", &lote("clean.json"), "--branch", "0100"]);
    assert_eq!(code(&branch), 3);
    assert!(stderr(&branch).contains("expected GROUP:BRANCH"));
    assert_eq!(code(&run(&["--help"])), 0);
    assert!(stdout(&run(&["--help"])).contains("Exit codes:"));
}

#[test]
fn a_file_that_is_no_lote_gets_the_servers_answer_and_a_note() {
    let dir = tempdir("no-lote");
    let path = dir.join("text.json");
    fs::write(&path, "not json").expect("write");
    let output = run(&["check", path.to_str().expect("UTF-8 path")]);
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("is not a JSON lote"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn build_writes_lotes_that_pass_check() {
    let dir = tempdir("build");
    let out = dir.join("lote.json");
    let out = out.to_str().expect("UTF-8 path");
    let output = run(&[
        "build",
        "--ticket",
        "B1",
        "--branch",
        "0100",
        "--priority",
        "3",
        &event("s1010.xml"),
        &event("s2220.xml"),
        &event("s3000.xml"),
        "-o",
        out,
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stderr(&output).contains("3 items"));
    let lote: serde_json::Value =
        serde_json::from_slice(&fs::read(out).expect("the lote")).expect("JSON");
    assert_eq!(lote["ticketCode"], "B1");
    assert_eq!(lote["lote"].as_array().map(Vec::len), Some(3));
    assert_eq!(lote["lote"][0]["registryType"], "S-1010");
    assert_eq!(
        lote["lote"][0]["registryKey"],
        "ID1112223330000002025061014300000001"
    );
    assert_eq!(lote["lote"][0]["registryPriority"], "3");
    assert_eq!(
        code(&run(&[&["check", out][..], SAMPLE_BRANCHES].concat())),
        0
    );
}

#[test]
fn build_splits_by_max_items_and_keys_txt_events_by_file_name() {
    let dir = tempdir("split");
    let out = dir.join("lote.json");
    let output = run(&[
        "build",
        "--ticket",
        "B2",
        "--branch",
        "0100",
        "--max-items",
        "2",
        "--key-from-file-name",
        &event("s1010.xml"),
        &event("s2220.xml"),
        &event("t005.txt"),
        "-o",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let second = dir.join("lote.2.json");
    let lote: serde_json::Value =
        serde_json::from_slice(&fs::read(&second).expect("the second lote")).expect("JSON");
    assert_eq!(lote["lote"][0]["registryKey"], "t005");
    assert_eq!(lote["lote"][0]["messageType"], "1");
    assert_eq!(
        code(&run(&[
            &["check", second.to_str().expect("UTF-8")][..],
            SAMPLE_BRANCHES
        ]
        .concat())),
        0
    );

    // Without the option, a TXT event has no key: a file error naming the file.
    let refused = run(&[
        "build",
        "--ticket",
        "B2",
        "--branch",
        "0100",
        &event("t005.txt"),
    ]);
    assert_eq!(code(&refused), 3);
    assert!(stderr(&refused).contains("t005.txt"));
    assert!(stderr(&refused).contains("--key-from-file-name"));
}

#[test]
fn build_writes_one_lote_per_line_to_stdout_and_exits_with_the_worst_verdict() {
    let output = run(&[
        "build",
        "--ticket",
        "B3",
        "--branch",
        "0100",
        "--max-items",
        "1",
        &event("s1010.xml"),
        &event("r1000.xml"),
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let lote: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(lote["ticketCode"], "B3");
    }
    assert!(stderr(&output).contains("W10"));
}

#[test]
fn demo_runs_the_whole_cycle_over_loopback_and_shows_the_receipts() {
    let output = run(&["demo"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    for expected in [
        "the embedded TAF emulator on http://127.0.0.1:",
        "5 of 7 keys accepted",
        "813",
        "job: 5 records handled, 1 failed",
        "transmission: 2 records handled, none failed",
        "waiting",
        "authorized  4       1.2.0000000000000000001",
        "1,200 records in 3 pages",
        "nothing found",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    assert!(
        !text.contains('\x1b'),
        "no colours when stdout is not a terminal"
    );
}

#[test]
fn build_and_check_exit_2_when_the_government_would_reject_an_event() {
    let dir = tempdir("schema");
    let valid = fs::read_to_string(event("s1010.xml")).expect("the fixture");
    let invalid = dir.join("s1010-bad.xml");
    fs::write(
        &invalid,
        valid.replace("<natRubr>1000</natRubr>", "<natRubr>10000</natRubr>"),
    )
    .expect("write");
    let out = dir.join("lote.json");
    let out = out.to_str().expect("UTF-8 path");
    let build_with = |extra: &[&str]| {
        run(&[
            &["build", "--ticket", "S1", "--branch", "0100", "-o", out][..],
            extra,
            &[invalid.to_str().expect("UTF-8 path")],
        ]
        .concat())
    };
    let built = build_with(&[]);
    assert_eq!(code(&built), 2, "{}", stderr(&built));
    let text = stderr(&built);
    assert!(text.contains("W23   error     government"), "{text}");
    assert!(
        text.contains("/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica/natRubr"),
        "{text}"
    );

    let checked = run(&[&["check", out, "--json"][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&checked), 2, "{}", stdout(&checked));
    let json: serde_json::Value = serde_json::from_slice(&checked.stdout).expect("JSON");
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "W23");
    assert_eq!(finding["step"], "government");
    assert_eq!(finding["schema"]["value"], "10000");
    // The POST itself would accept it.
    assert!(
        json["body"]
            .as_str()
            .is_some_and(|body| body.contains(r#""success" : true"#))
    );

    let unchecked = run(&[&["check", out, "--no-schema"][..], SAMPLE_BRANCHES].concat());
    assert_eq!(code(&unchecked), 0, "{}", stdout(&unchecked));
    let unsigned = build_with(&["--require-signature"]);
    assert_eq!(code(&unsigned), 2);
    assert!(
        stderr(&unsigned).contains("Signature"),
        "{}",
        stderr(&unsigned)
    );
}

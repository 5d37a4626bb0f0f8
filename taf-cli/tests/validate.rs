//! `taf validate`: exit codes, text and JSON output on the workspace's sample events.

mod support;

use std::fs;

use support::{code, event, run, stderr, stdout};

#[test]
fn valid_events_exit_0_and_name_their_event_and_layout() {
    let output = run(&["validate", &event("s1010.xml"), &event("s3000.xml")]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("s1010.xml: valid (evtTabRubrica, S-1.3)"),
        "{text}"
    );
    assert!(
        text.contains("s3000.xml: valid (evtExclusao, S-1.3)"),
        "{text}"
    );
    let signed = run(&["validate", "--require-signature", &event("s3000.xml")]);
    assert_eq!(code(&signed), 2, "{}", stdout(&signed));
    assert!(
        stdout(&signed).contains("[missing Signature]"),
        "{}",
        stdout(&signed)
    );
}

#[test]
fn an_invalid_event_exits_2_with_json_findings() {
    let dir = std::env::temp_dir().join(format!("taf-validate-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let original = fs::read_to_string(event("s3000.xml")).unwrap();
    assert!(original.contains("<procEmi>"), "the fixture has procEmi");
    let bad = dir.join("bad.xml");
    let start = original.find("<procEmi>").unwrap() + "<procEmi>".len();
    let end = original.find("</procEmi>").unwrap();
    fs::write(&bad, format!("{}0{}", &original[..start], &original[end..])).unwrap();
    let line = original[..start].lines().count();

    let output = run(&[
        "validate",
        "--json",
        &event("s1010.xml"),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[1]["valid"], false);
    assert_eq!(files[1]["event"], "evtExclusao");
    assert_eq!(files[1]["layout"], "S-1.3");
    let error = &files[1]["errors"][0];
    assert_eq!(error["rule"], "enumeration");
    assert_eq!(error["value"], "0");
    assert_eq!(error["line"], line);
    assert!(
        error["path"].as_str().unwrap().ends_with("/procEmi"),
        "{error}"
    );

    let text = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code(&text), 2);
    assert!(
        stdout(&text).contains("1 error (evtExclusao, S-1.3)"),
        "{}",
        stdout(&text)
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreadable_file_exits_3_after_the_others() {
    let output = run(&["validate", &event("s1010.xml"), "/nonexistent/event.xml"]);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert!(stdout(&output).contains("s1010.xml: valid"));
    assert!(
        stderr(&output).contains("cannot read /nonexistent/event.xml"),
        "{}",
        stderr(&output)
    );
}

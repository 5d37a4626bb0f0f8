//! eSocial schema validation on arbitrary bytes: never a panic, findings within the cap, and
//! the same report for the same input. The first byte picks the options.
#![no_main]

use esocial_schema::{Options, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, xml)) = data.split_first() else {
        return;
    };
    let options = Options {
        require_signature: selector & 1 != 0,
        partial: selector & 2 != 0,
        max_findings: usize::from(selector >> 4) + 1,
        max_depth: 64,
    };
    let report = validate(xml, &options);
    assert!(report.findings.len() <= options.max_findings);
    assert!(report.findings.iter().all(|f| f.line >= 1));
    assert_eq!(report, validate(xml, &options));
});

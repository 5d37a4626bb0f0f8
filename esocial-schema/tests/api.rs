//! The public API on small S-1.3 events: verdicts, findings (line, path, rule, value), the
//! signature and partial options, unknown layouts and the well-formedness policy.

use esocial_schema::{Options, Rule, Severity, events, layouts, validate};

const NS: &str = "http://www.esocial.gov.br/schema/evt/evtReabreEvPer/v_S_01_03_00";

/// An S-3000-family event small enough to write by hand; `ide` and `empregador` replace the
/// two groups.
fn event(ide: &str, empregador: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <eSocial xmlns=\"{NS}\">\n\
         <evtReabreEvPer Id=\"ID1234567890123456789012345678901234\">\n\
         <ideEvento>\n{ide}</ideEvento>\n\
         {empregador}\
         </evtReabreEvPer>\n\
         </eSocial>\n"
    )
}

const IDE: &str = "<indApuracao>1</indApuracao>\n<perApur>2024-02</perApur>\n<tpAmb>2</tpAmb>\n<procEmi>1</procEmi>\n<verProc>SDK 1.0</verProc>\n";
const EMPREGADOR: &str =
    "<ideEmpregador>\n<tpInsc>1</tpInsc>\n<nrInsc>12345678</nrInsc>\n</ideEmpregador>\n";

#[test]
fn a_valid_unsigned_event_reports_its_identity() {
    let report = validate(event(IDE, EMPREGADOR).as_bytes(), &Options::default());
    assert!(report.is_valid(), "{:?}", report.findings);
    assert_eq!(report.event, Some("evtReabreEvPer"));
    assert_eq!(report.layout.map(|l| l.name), Some("S-1.3"));
    assert_eq!(
        report.id.as_deref(),
        Some("ID1234567890123456789012345678901234")
    );
}

#[test]
fn a_required_signature_is_missing_at_the_root_line() {
    let options = Options {
        require_signature: true,
        ..Options::default()
    };
    let report = validate(event(IDE, EMPREGADOR).as_bytes(), &options);
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors[0].path, "/eSocial");
    assert_eq!(
        errors[0].rule,
        Rule::MissingElement {
            expected: vec!["Signature"]
        }
    );
}

#[test]
fn a_bad_value_names_line_path_rule_and_value() {
    let ide = IDE.replace("2024-02", "2024-13");
    let report = validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default());
    let finding = report.errors().next().expect("an error");
    assert_eq!(finding.line, 6);
    assert_eq!(finding.path, "/eSocial/evtReabreEvPer/ideEvento/perApur");
    assert_eq!(finding.value.as_deref(), Some("2024-13"));
    assert!(
        finding.rule.to_string().starts_with("pattern "),
        "{}",
        finding.rule
    );
}

#[test]
fn whitespace_is_kept_for_strings_and_tolerated_where_libxml2_tolerates_it() {
    // tpAmb is an xs:byte enumeration: libxml2 normalises it, so spaces are fine.
    let ide = IDE.replace("<tpAmb>2</tpAmb>", "<tpAmb> 02 </tpAmb>");
    assert!(validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default()).is_valid());
    // verProc is an xs:string of at most 20 characters: spaces count.
    let ide = IDE.replace("SDK 1.0", "  SDK 1.0 0123456789  ");
    let report = validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default());
    assert_eq!(
        report.errors().next().map(|f| f.rule.clone()),
        Some(Rule::MaxLength(20))
    );
}

#[test]
fn references_and_cdata_are_values() {
    let ide = IDE
        .replace("<tpAmb>2</tpAmb>", "<tpAmb>&#50;</tpAmb>")
        .replace("SDK 1.0", "SDK&amp;<![CDATA[1]]>");
    let report = validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default());
    assert!(report.is_valid(), "{:?}", report.findings);
}

#[test]
fn unknown_and_missing_elements() {
    let ide = IDE.replace("<tpAmb>2</tpAmb>\n", "");
    let report = validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default());
    let finding = report.errors().next().expect("an error");
    assert_eq!(
        finding.rule,
        Rule::UnexpectedElement {
            expected: vec!["indGuia", "tpAmb"]
        }
    );
    assert_eq!(finding.path, "/eSocial/evtReabreEvPer/ideEvento/procEmi");
    let report = validate(event(IDE, "").as_bytes(), &Options::default());
    let finding = report.errors().next().expect("an error");
    assert_eq!(
        finding.rule,
        Rule::MissingElement {
            expected: vec!["ideEmpregador"]
        }
    );
    assert_eq!(finding.line, 3, "reported at the parent's start tag");
}

#[test]
fn partial_events_turn_missing_elements_into_warnings_but_check_values() {
    let options = Options {
        partial: true,
        ..Options::default()
    };
    let ide = IDE.replace("<indApuracao>1</indApuracao>\n", "");
    let report = validate(event(&ide, "").as_bytes(), &options);
    assert!(report.is_valid(), "{:?}", report.findings);
    assert_eq!(report.warnings().count(), 2);
    assert!(report.warnings().all(|w| w.severity == Severity::Warning));
    let warning = report
        .warnings()
        .next()
        .map(|w| (w.severity.as_str(), w.to_string()));
    assert!(
        warning
            .as_ref()
            .is_some_and(|(name, text)| *name == "warning" && text.contains(": warning: ")),
        "{warning:?}"
    );
    let bad = ide.replace("<procEmi>1</procEmi>", "<procEmi>0</procEmi>");
    let report = validate(event(&bad, "").as_bytes(), &options);
    assert!(!report.is_valid());
    assert!(matches!(
        report.errors().next().map(|f| &f.rule),
        Some(Rule::Enumeration(_))
    ));
    assert_eq!(
        report.errors().next().map(|f| f.severity.as_str()),
        Some("error")
    );
}

#[test]
fn an_unknown_layout_names_the_known_ones() {
    let xml = event(IDE, EMPREGADOR).replace("v_S_01_03_00", "v_S_01_09_00");
    let report = validate(xml.as_bytes(), &Options::default());
    let finding = report.errors().next().expect("an error");
    assert_eq!(finding.rule, Rule::UnknownSchema);
    for layout in layouts() {
        assert!(
            finding.message.contains(layout.version),
            "{}",
            finding.message
        );
    }
    assert_eq!(layouts().count(), 4);
    assert!(events("S-1.3").expect("known").any(|e| e == "evtRemun"));
}

#[test]
fn doctype_depth_and_malformed_input_are_refused() {
    let doctype = format!(
        "<!DOCTYPE eSocial>{}",
        event(IDE, EMPREGADOR).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
    );
    assert_eq!(
        validate(doctype.as_bytes(), &Options::default()).findings[0].rule,
        Rule::Doctype
    );
    let shallow = Options {
        max_depth: 3,
        ..Options::default()
    };
    assert_eq!(
        validate(event(IDE, EMPREGADOR).as_bytes(), &shallow).findings[0].rule,
        Rule::TooDeep(3)
    );
    let broken = event(IDE, EMPREGADOR).replace("</ideEvento>", "</ideevento>");
    let report = validate(broken.as_bytes(), &Options::default());
    assert!(matches!(report.findings[0].rule, Rule::NotWellFormed(_)));
    assert_eq!(report.findings[0].line, 10);
    assert!(!validate(b"\xff", &Options::default()).is_valid());
}

#[test]
fn findings_are_capped() {
    let ide = IDE
        .replace("2024-02", "2024-13")
        .replace("<procEmi>1</procEmi>", "<procEmi>0</procEmi>");
    let capped = Options {
        max_findings: 1,
        ..Options::default()
    };
    let report = validate(event(&ide, EMPREGADOR).as_bytes(), &capped);
    assert_eq!(report.findings.len(), 1);
    assert!(report.truncated);
    assert_eq!(
        validate(event(&ide, EMPREGADOR).as_bytes(), &Options::default())
            .errors()
            .count(),
        2
    );
}

#[test]
fn repeated_elements_carry_their_index_in_the_path() {
    let Some(dir) = esocial_schema_gen::esocial_dir() else {
        eprintln!("SKIPPED: ../shared/esocial is absent");
        return;
    };
    let xml = std::fs::read_to_string(dir.join("exemplos/evtRemun.xml")).expect("sample");
    let start = xml.find("<dmDev>").expect("dmDev");
    let end = xml.find("</dmDev>").expect("end") + "</dmDev>".len();
    let second = xml[start..end].replace("<tpInsc>1</tpInsc>", "<tpInsc>x</tpInsc>");
    let grown = format!("{}\n{second}{}", &xml[..end], &xml[end..]);
    let report = validate(grown.as_bytes(), &Options::default());
    let finding = report.errors().next().expect("an error");
    assert!(
        finding.path.starts_with("/eSocial/evtRemun/dmDev[2]/"),
        "{}",
        finding.path
    );
}

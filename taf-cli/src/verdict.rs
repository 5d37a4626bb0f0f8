//! A preflight verdict for people (a summary and a findings table) and for machines (JSON).

use std::io::{self, Write};

use clap::Args;
use serde_json::{Value, json};
use taf_core::event::SchemaRules;
use taf_core::preflight::{Finding, Severity, Verdict};
use taf_core::server::PostAnswer;

use crate::output::{Style, Tone, plural, thousands};
use crate::table::{Cell, Table};

/// How `taf check` and `taf build` validate eSocial events against their layout's schema.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Require `ds:Signature` as the XSD does (events sent to TAF are unsigned: TAF signs them
    /// when it transmits, so by default it is optional).
    #[arg(long)]
    require_signature: bool,
    /// The events are partial (TAF completes them from several systems): a missing required
    /// element is a warning, not an error.
    #[arg(long)]
    partial: bool,
    /// Do not validate events against their schema.
    #[arg(long, conflicts_with_all = ["require_signature", "partial"])]
    no_schema: bool,
}

impl SchemaArgs {
    /// The preflight's schema rules.
    pub(crate) fn rules(&self) -> SchemaRules {
        let mut rules = SchemaRules::default();
        rules.validate = !self.no_schema;
        rules.require_signature = self.require_signature;
        rules.partial = self.partial;
        rules
    }
}

/// One line on what the server would answer: `HTTP 200, 4 of 5 keys accepted`.
pub(crate) fn answer_line(answer: &PostAnswer) -> String {
    let status = format!("HTTP {}", answer.status());
    match answer {
        PostAnswer::Keys(response) => format!(
            "{status}, {} of {} accepted",
            thousands(response.accepted().count()),
            plural(response.key_amount(), "key")
        ),
        PostAnswer::Envelope(entry) => {
            format!("{status}, the whole lote refused with {}", entry.code)
        }
        PostAnswer::Fault(fault) => format!("{status}, fault {}", fault.code().unwrap_or_default()),
        PostAnswer::WorkerCrash(_) => format!("{status}, the server's worker crashes"),
    }
}

/// The count line: `2 errors, 1 warning`, or `no findings`.
pub(crate) fn count_line(verdict: &Verdict, style: Style) -> String {
    let errors = count(&verdict.findings, Severity::Error);
    let warnings = count(&verdict.findings, Severity::Warning);
    match (errors, warnings) {
        (0, 0) => style.paint(Tone::Good, "no findings"),
        (0, _) => style.paint(Tone::Notice, &plural(warnings, "warning")),
        _ => style.paint(
            Tone::Bad,
            &format!(
                "{}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
        ),
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings
        .iter()
        .filter(|finding| finding.severity == severity)
        .count()
}

/// Every finding as a table: item, field, code, severity, the step that reports it, message,
/// fix.
pub(crate) fn findings_table(findings: &[Finding]) -> Table {
    let mut table = Table::new(vec![
        "ITEM", "FIELD", "CODE", "SEVERITY", "STEP", "MESSAGE", "FIX",
    ]);
    for finding in findings {
        let tone = if finding.severity == Severity::Error {
            Tone::Bad
        } else {
            Tone::Notice
        };
        table.push(vec![
            Cell::plain(finding.item.map_or("-".to_owned(), |item| item.to_string())),
            Cell::plain(finding.field.unwrap_or("-")),
            Cell::new(finding.code.to_string(), tone),
            Cell::new(finding.severity.as_str(), tone),
            Cell::plain(finding.step.as_str()),
            Cell::plain(&finding.message),
            Cell::new(&finding.fix, Tone::Dim),
        ]);
    }
    table
}

/// The summary line and, when there are findings, their table.
pub(crate) fn write_summary(
    out: &mut dyn Write,
    verdict: &Verdict,
    style: Style,
    indent: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "{}preflight: {}; {}",
        " ".repeat(indent),
        answer_line(&verdict.answer),
        count_line(verdict, style)
    )?;
    if verdict.findings.is_empty() {
        Ok(())
    } else {
        findings_table(&verdict.findings).write(out, style, indent + 2)
    }
}

/// The verdict as JSON: the answer's status and body, the typed answer, every finding and the
/// exit code.
pub(crate) fn to_json(verdict: &Verdict) -> Value {
    json!({
        "status": verdict.answer.status(),
        "body": verdict.answer.body(),
        "answer": verdict.answer,
        "findings": verdict.findings,
        "exitCode": verdict.exit_code(),
    })
}

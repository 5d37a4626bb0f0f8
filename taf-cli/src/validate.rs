//! `taf validate`: eSocial events checked against their layout's schema (well-formedness and
//! the official XSDs, as libxml2 applies them), without a server.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use esocial_schema::{Options, Report};
use serde_json::{Value, json};

use crate::exit::{CliError, Exit};
use crate::files;
use crate::output::{Style, Tone, plural, print_json};

/// Options of `taf validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Event files (XML), each checked against the layout and event its root namespace names.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Require `ds:Signature` as the XSD does (events sent to TAF are unsigned, so by default
    /// it is optional).
    #[arg(long)]
    require_signature: bool,
    /// Print `{"files": [{"file", "event", "layout", "valid", "errors": [...]}]}`.
    #[arg(long)]
    json: bool,
}

/// One file's JSON entry.
fn file_json(file: &Path, report: &Report) -> Value {
    let errors: Vec<Value> = report
        .errors()
        .map(|finding| {
            json!({
                "line": finding.line,
                "path": finding.path,
                "rule": finding.rule.to_string(),
                "value": finding.value,
                "message": finding.message,
            })
        })
        .collect();
    json!({
        "file": file.display().to_string(),
        "event": report.event,
        "layout": report.layout.map(|layout| layout.name),
        "valid": report.is_valid(),
        "errors": errors,
    })
}

fn write_text(out: &mut impl Write, style: Style, file: &Path, report: &Report) -> io::Result<()> {
    let what = match (report.event, report.layout) {
        (Some(event), Some(layout)) => format!(" ({event}, {})", layout.name),
        _ => String::new(),
    };
    let errors = report.errors().count();
    let verdict = if errors == 0 {
        style.paint(Tone::Good, "valid")
    } else {
        style.paint(Tone::Bad, &plural(errors, "error"))
    };
    writeln!(out, "{}: {verdict}{what}", file.display())?;
    for finding in report.errors() {
        let value = finding
            .value
            .as_ref()
            .map(|value| format!(" value {value:?}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  line {}: {} [{}]{value}",
            finding.line, finding.path, finding.rule
        )?;
        writeln!(out, "    {}", style.paint(Tone::Dim, &finding.message))?;
    }
    if report.truncated {
        writeln!(
            out,
            "  {}",
            style.paint(Tone::Dim, "(more errors not shown)")
        )?;
    }
    Ok(())
}

pub(crate) fn run(args: &ValidateArgs) -> Result<Exit, CliError> {
    let options = Options {
        require_signature: args.require_signature,
        ..Options::default()
    };
    let style = Style::stdout();
    let mut entries = Vec::new();
    let mut unreadable = None;
    let mut exit = Exit::Clean;
    let mut out = io::stdout().lock();
    for file in &args.files {
        let bytes = match files::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                let _ = writeln!(io::stderr(), "taf: {error}");
                unreadable.get_or_insert(error);
                continue;
            }
        };
        let report = esocial_schema::validate(&bytes, &options);
        if !report.is_valid() {
            exit = Exit::Rejected;
        }
        if args.json {
            entries.push(file_json(file, &report));
        } else {
            write_text(&mut out, style, file, &report)?;
        }
    }
    drop(out);
    if args.json {
        print_json(&json!({ "files": entries }))?;
    }
    match unreadable {
        Some(error) => Err(error),
        None => Ok(exit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_entry_has_the_documented_shape() {
        let xml = br#"<eSocial xmlns="http://www.esocial.gov.br/schema/evt/evtExclusao/v_S_01_03_00"><evtExclusao Id="ID1"/></eSocial>"#;
        let report = esocial_schema::validate(xml, &Options::default());
        let entry = file_json(Path::new("x.xml"), &report);
        assert_eq!(entry["file"], "x.xml");
        assert_eq!(entry["event"], "evtExclusao");
        assert_eq!(entry["layout"], "S-1.3");
        assert_eq!(entry["valid"], false);
        let first = &entry["errors"][0];
        for key in ["line", "path", "rule", "value", "message"] {
            assert!(first.get(key).is_some(), "{key} missing in {first}");
        }
        assert_eq!(first["path"], "/eSocial/evtExclusao/@Id");
        assert_eq!(first["value"], "ID1");
    }
}

//! `taf send`: preflight a lote file, then POST it and show what became of each key.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use taf_core::PostResponse;

use crate::exit::{CliError, Exit};
use crate::files;
use crate::output::{Style, Tone, plural, print_json, thousands};
use crate::server_rules::ServerRulesArgs;
use crate::service::ServiceArgs;
use crate::table::{Cell, Table};
use crate::verdict;

/// Options of `taf send`.
#[derive(Debug, Args)]
#[command(after_help = "\
The lote is sent exactly as the file holds it. The preflight runs first against --branch, \
--pending and --layout; when it predicts a rejection, nothing is sent unless --force is given. \
Exit: 0 every key accepted, 1 accepted with preflight warnings, 2 refused or any key rejected.")]
pub(crate) struct SendArgs {
    /// The POST body to send.
    #[arg(value_name = "LOTE.json")]
    lote: PathBuf,
    #[command(flatten)]
    server: ServerRulesArgs,
    /// Send even when the preflight predicts a rejection.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    service: ServiceArgs,
    /// Print the verdict and the answer as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &SendArgs) -> Result<Exit, CliError> {
    let body = files::read(&args.lote)?;
    let verdict = args.server.preflight()?.check_body(&body);
    let refused = verdict.has_errors() && !args.force;
    let style = Style::stdout();
    let mut out = io::stdout().lock();
    if !args.json {
        verdict::write_summary(&mut out, &verdict, style, 0)?;
    }
    if refused {
        if args.json {
            print_json(&json!({ "verdict": verdict::to_json(&verdict), "sent": false }))?;
        } else {
            writeln!(
                out,
                "{}",
                style.paint(
                    Tone::Bad,
                    "not sent: the server would reject it (use --force to send anyway)"
                )
            )?;
        }
        return Ok(Exit::Rejected);
    }
    let response = args.service.client()?.post(body)?;
    if args.json {
        print_json(&json!({
            "verdict": verdict::to_json(&verdict),
            "sent": true,
            "response": response,
        }))?;
    } else {
        writeln!(out)?;
        write_results(&mut out, &response, style, 0)?;
    }
    Ok(if response.rejected().next().is_some() {
        Exit::Rejected
    } else {
        Exit::of_verdict(&verdict)
    })
}

/// Every key of a POST answer (accepted, or rejected with its code) and a count line.
pub(crate) fn write_results(
    out: &mut dyn Write,
    response: &PostResponse,
    style: Style,
    indent: usize,
) -> io::Result<()> {
    let mut table = Table::new(vec!["KEY", "RESULT", "CODE", "DESCRIPTION"]);
    for result in &response.results {
        let row = match result.error() {
            None if result.is_accepted() => {
                vec![Cell::plain(&result.key), Cell::new("accepted", Tone::Good)]
            }
            error => vec![
                Cell::plain(&result.key),
                Cell::new("rejected", Tone::Bad),
                Cell::new(
                    error.map_or(String::new(), |error| error.code.to_string()),
                    Tone::Bad,
                ),
                Cell::plain(error.map_or("", |error| error.description.as_str())),
            ],
        };
        table.push(row);
    }
    table.write(out, style, indent)?;
    let accepted = response.accepted().count();
    let tone = if accepted == response.key_amount() {
        Tone::Good
    } else {
        Tone::Bad
    };
    writeln!(
        out,
        "{}ticket {}: {}",
        " ".repeat(indent),
        response.ticket_code,
        style.paint(
            tone,
            &format!(
                "{} of {} accepted",
                thousands(accepted),
                plural(response.key_amount(), "key")
            )
        )
    )
}

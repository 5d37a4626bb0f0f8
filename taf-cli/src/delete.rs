//! `taf delete`: delete whole tickets.

use std::io::{self, Write};

use clap::Args;
use serde_json::json;

use crate::exit::{CliError, Exit};
use crate::output::{Style, Tone, print_json};
use crate::service::ServiceArgs;

/// Options of `taf delete`.
#[derive(Debug, Args)]
#[command(after_help = "\
Every TAFST2 and TAFXERP row of each ticket goes, with the TAF records its processed rows \
created. Exit: 0 deleted, 2 the server refused (an unknown branch, or success false).")]
pub(crate) struct DeleteArgs {
    /// A ticket to delete (repeatable).
    #[arg(long = "ticket", value_name = "TICKET", required = true)]
    tickets: Vec<String>,
    /// `sourceBranch` that routes the request.
    #[arg(long)]
    branch: String,
    #[command(flatten)]
    service: ServiceArgs,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &DeleteArgs) -> Result<Exit, CliError> {
    let response = args.service.client()?.delete(&args.tickets, &args.branch)?;
    let tickets = args.tickets.join(", ");
    if args.json {
        print_json(&json!({ "tickets": args.tickets, "success": response.success }))?;
    } else {
        let style = Style::stdout();
        let line = if response.success {
            style.paint(Tone::Good, &format!("deleted {tickets}"))
        } else {
            style.paint(Tone::Bad, &format!("the server did not delete {tickets}"))
        };
        writeln!(io::stdout().lock(), "{line}")?;
    }
    Ok(if response.success {
        Exit::Clean
    } else {
        Exit::Rejected
    })
}

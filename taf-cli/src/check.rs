//! `taf check`: the preflight verdict on a lote file, schema validation of its eSocial events
//! included.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use taf_core::{PostRequest, Wire};

use crate::exit::{CliError, Exit};
use crate::files;
use crate::output::{Style, Tone, print_json};
use crate::parallel;
use crate::server_rules::ServerRulesArgs;
use crate::verdict;

/// Options of `taf check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The POST body to judge, exactly as it would be sent.
    #[arg(value_name = "LOTE.json")]
    lote: PathBuf,
    #[command(flatten)]
    server: ServerRulesArgs,
    #[command(flatten)]
    schema: verdict::SchemaArgs,
    /// Print the verdict as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &CheckArgs) -> Result<Exit, CliError> {
    let body = files::read_lote(&args.lote)?;
    let mut preflight = args.server.preflight()?;
    preflight.schema = args.schema.rules();
    let verdict = parallel::verdict(preflight.chunked_body(&body));
    // The server answers whatever it reads; say plainly when the file is not a lote at all.
    let unreadable = PostRequest::decode(&body).err();
    if args.json {
        let mut json = verdict::to_json(&verdict);
        json["loteError"] = unreadable.map(|error| error.to_string()).into();
        print_json(&json)?;
    } else {
        let style = Style::stdout();
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "{}: {}",
            args.lote.display(),
            verdict::answer_line(&verdict.answer)
        )?;
        writeln!(out, "{}", style.paint(Tone::Dim, &verdict.answer.body()))?;
        if let Some(error) = unreadable {
            let note = format!("note: {} is not a JSON lote: {error}", args.lote.display());
            writeln!(out, "{}", style.paint(Tone::Bad, &note))?;
        }
        if !verdict.findings.is_empty() {
            writeln!(out)?;
            verdict::findings_table(&verdict.findings).write(&mut out, style, 0)?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{} (exit {})",
            verdict::count_line(&verdict, style),
            verdict.exit_code()
        )?;
    }
    Ok(Exit::of_verdict(&verdict))
}

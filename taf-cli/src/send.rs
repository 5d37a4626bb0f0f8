//! `taf send`: preflight lote files, then POST them in order and show what became of each key.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};
use taf_core::preflight::Verdict;
use taf_core::{GetQuery, PostResponse};

use crate::client::Posted;
use crate::exit::{CliError, Exit};
use crate::files;
use crate::output::{Style, Tone, plural, print_json, thousands};
use crate::parallel;
use crate::progress::Progress;
use crate::server_rules::ServerRulesArgs;
use crate::service::ServiceArgs;
use crate::table::{Cell, Table};
use crate::verdict;

/// Options of `taf send`.
#[derive(Debug, Args)]
#[command(after_help = "\
Each lote is sent exactly as its file holds it, in the order given (`taf build` names the parts \
of a split lote in order). The preflight runs first on every file against --branch, --pending \
and --layout, each file seeing the keys of the files before it as pending; when it predicts a \
rejection in any file, nothing is sent unless --force is given. --json prints \
{\"sent\": bool, \"lotes\": [{\"file\", \"verdict\", \"sent\", \"response\"}]}. \
A POST is never sent twice. When its answer is empty or unreadable, breaks off, or is an HTTP \
500/502/504 that is not one of the service's faults, the server may have stored some items: \
the outcome is unknown, nothing more is sent, and the `taf status` command (and its GET) that \
lists what the ticket holds is printed (in --json: \"outcome\": \"unknown\", \"reason\", \
\"stored\": {\"command\", \"get\"}). \
Exit: 0 every key accepted, 1 accepted with preflight warnings, 2 refused or any key rejected, \
4 outcome unknown or no answer.")]
pub(crate) struct SendArgs {
    /// The POST bodies to send, in order.
    #[arg(value_name = "LOTE.json", required = true)]
    lotes: Vec<PathBuf>,
    #[command(flatten)]
    server: ServerRulesArgs,
    /// Send even when the preflight predicts a rejection.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    service: ServiceArgs,
    /// Print the verdicts and the answers as JSON.
    #[arg(long)]
    json: bool,
}

/// One lote file: its body and the preflight's verdict on it.
struct Lote<'a> {
    path: &'a Path,
    body: Vec<u8>,
    verdict: Verdict,
}

pub(crate) fn run(args: &SendArgs) -> Result<Exit, CliError> {
    let mut checker = args.server.preflight()?;
    let mut lotes = Vec::with_capacity(args.lotes.len());
    for path in &args.lotes {
        let body = files::read_lote(path)?;
        let verdict = parallel::verdict(checker.chunked_body(&body));
        // Later files see this one's accepted XML keys as pending, as the server will.
        taf_core::server::process(&body, &checker.server, &mut checker.pending);
        lotes.push(Lote {
            path,
            body,
            verdict,
        });
    }
    let style = Style::stdout();
    let several = lotes.len() > 1;
    let indent = usize::from(several) * 2;
    let mut out = io::stdout().lock();
    if !args.json {
        for lote in &lotes {
            if several {
                writeln!(out, "{}", lote.path.display())?;
            }
            verdict::write_summary(&mut out, &lote.verdict, style, indent)?;
        }
    }
    if !args.force && lotes.iter().any(|lote| lote.verdict.has_errors()) {
        if args.json {
            let entries: Vec<Value> = lotes.iter().map(|lote| entry(lote, None)).collect();
            print_json(&json!({ "sent": false, "lotes": entries }))?;
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
    let mut client = args.service.client()?;
    let mut progress = Progress::on_terminal();
    let mut entries = Vec::with_capacity(lotes.len());
    let mut exit = Exit::Clean;
    for (index, lote) in lotes.iter().enumerate() {
        progress.show(&format!(
            "sending lote {} of {}: {}",
            index + 1,
            args.lotes.len(),
            lote.path.display()
        ));
        let posted = client.post(lote.body.clone());
        progress.finish();
        let response = match posted {
            Ok(Posted::Answered(response)) => response,
            Ok(Posted::Unknown(reason)) => {
                let stored = client.stored_query(&lote.body);
                let stored = stored.as_ref().map(|(query, get)| Stored {
                    command: status_command(query, &client.url()),
                    get: &get.url,
                });
                if args.json {
                    entries.push(unknown_entry(lote, &reason, stored.as_ref()));
                    print_json(&json!({ "sent": true, "lotes": entries }))?;
                } else {
                    writeln!(out)?;
                    if several {
                        writeln!(out, "{}", lote.path.display())?;
                    }
                    write_unknown(&mut out, &reason, stored.as_ref(), style, indent)?;
                }
                let rest: Vec<String> = lotes
                    .get(index + 1..)
                    .unwrap_or_default()
                    .iter()
                    .map(|lote| lote.path.display().to_string())
                    .collect();
                return Err(CliError::OutcomeUnknown {
                    lote: lote.path.display().to_string(),
                    reason,
                    rest: if rest.is_empty() {
                        String::new()
                    } else {
                        format!("; not sent either: {}", rest.join(", "))
                    },
                });
            }
            Err(error) => {
                // What was sent before the failure is reported, never lost.
                if args.json {
                    print_json(&json!({ "sent": index > 0, "lotes": entries }))?;
                }
                return Err(error);
            }
        };
        exit = exit.max(if response.rejected().next().is_some() {
            Exit::Rejected
        } else {
            Exit::of_verdict(&lote.verdict)
        });
        if args.json {
            entries.push(entry(lote, Some(&response)));
        } else {
            writeln!(out)?;
            if several {
                writeln!(out, "{}", lote.path.display())?;
            }
            write_results(&mut out, &response, style, indent)?;
        }
    }
    if args.json {
        print_json(&json!({ "sent": true, "lotes": entries }))?;
    }
    Ok(exit)
}

/// The JSON of one lote: its file, verdict, and the server's answer when it was sent.
fn entry(lote: &Lote<'_>, response: Option<&PostResponse>) -> Value {
    let mut entry = json!({
        "file": lote.path.display().to_string(),
        "verdict": verdict::to_json(&lote.verdict),
        "sent": response.is_some(),
    });
    if let Some(response) = response {
        entry["response"] = json!(response);
    }
    entry
}

/// How to find out what the server stored of a lote whose outcome is unknown.
struct Stored<'a> {
    /// The `taf status` command that lists the ticket.
    command: String,
    /// The GET it starts with.
    get: &'a str,
}

/// The JSON of a lote whose outcome is unknown.
fn unknown_entry(lote: &Lote<'_>, reason: &str, stored: Option<&Stored<'_>>) -> Value {
    let mut entry = entry(lote, None);
    entry["sent"] = true.into();
    entry["outcome"] = "unknown".into();
    entry["reason"] = reason.into();
    entry["stored"] = stored.map_or(
        Value::Null,
        |stored| json!({ "command": stored.command, "get": stored.get }),
    );
    entry
}

/// Why the outcome is unknown, and the GET that finds out which keys were stored.
fn write_unknown(
    out: &mut dyn Write,
    reason: &str,
    stored: Option<&Stored<'_>>,
    style: Style,
    indent: usize,
) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let head = format!("outcome unknown: {reason}");
    writeln!(out, "{pad}{}", style.paint(Tone::Bad, &head))?;
    writeln!(
        out,
        "{pad}the server may have stored some of its items; it is not sent again."
    )?;
    match stored {
        Some(stored) => {
            writeln!(out, "{pad}to see which keys it stored:")?;
            writeln!(out, "{pad}  {}", stored.command)?;
            writeln!(out, "{pad}  (GET {})", stored.get)
        }
        None => writeln!(
            out,
            "{pad}the file is no lote: no GET can tell what was stored"
        ),
    }
}

/// `taf status --ticket T [--branch B] --url URL`, each word quoted for a POSIX shell.
fn status_command(query: &GetQuery, url: &str) -> String {
    let mut words = vec!["taf", "status", "--ticket"];
    words.push(query.ticket_code.as_deref().unwrap_or_default());
    if let Some(branch) = &query.source_branch {
        words.extend(["--branch", branch]);
    }
    words.extend(["--url", url]);
    words
        .iter()
        .map(|word| shell_word(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `word` as a POSIX shell reads it back: as it is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/@%+=".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
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

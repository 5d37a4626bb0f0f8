//! `taf live status`: every status item of an inbound ticket and its `processStatus`.

use std::io::{self, Write};

use clap::{Args, ValueEnum};
use live_core::capsule::{Capsule, StatusInput};
use live_core::{
    ErrorMessage, ProcessStatus, ProcessStatusPolicy, Situation, StatusItem, process_status,
};

use super::{AccessArgs, call_capsule};
use crate::exit::{CliError, Exit};
use crate::output::{Style, Tone, plural};
use crate::table::{Cell, Table};

/// Options of `taf live status`.
#[derive(Debug, Args)]
#[command(after_help = "\
processStatus: PROCESSING while any item waits; else ERROR when any item failed or a processed \
item carries a detail (unless --detail-is-not-error); else SUCCESS. \
Exit: 0 SUCCESS, 1 PROCESSING, 2 ERROR or a SOAP fault, 3 usage, 4 network or HTTP failure.")]
pub(crate) struct StatusArgs {
    /// `NumeroTicket`: the inbound ticket (16 characters, with its leading zero).
    #[arg(long, value_name = "NUMERO")]
    ticket: String,
    /// The processStatus of a ticket without any item.
    #[arg(long, value_enum, value_name = "STATUS", default_value_t = Empty::Error)]
    empty: Empty,
    /// A processed item with a non-blank detail is an error (the default).
    #[arg(long, conflicts_with = "detail_is_not_error")]
    detail_is_error: bool,
    /// A processed item is a success whatever its detail (as Protheus judges it).
    #[arg(long)]
    detail_is_not_error: bool,
    #[command(flatten)]
    access: AccessArgs,
}

/// `--empty`: what a ticket without any item yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Empty {
    /// ERROR, so that pollers do not wait forever.
    Error,
    /// SUCCESS.
    Success,
    /// PROCESSING.
    Processing,
}

impl StatusArgs {
    fn policy(&self) -> ProcessStatusPolicy {
        let error_message = if self.detail_is_not_error {
            ErrorMessage::Never
        } else {
            ErrorMessage::NonBlankDetail
        };
        let empty = match self.empty {
            Empty::Error => ProcessStatus::Error,
            Empty::Success => ProcessStatus::Success,
            Empty::Processing => ProcessStatus::Processing,
        };
        ProcessStatusPolicy::new(error_message, empty)
    }
}

pub(crate) fn run(args: &StatusArgs) -> Result<Exit, CliError> {
    let policy = args.policy();
    let mut capsule = Capsule::default();
    capsule.policy = policy;
    let satellite = &args.access.connector.satellite;
    let input = StatusInput {
        chave_acesso: String::new(),
        codigo_sistema_satelite: satellite.clone(),
        numero_ticket: args.ticket.clone(),
        manter: None,
    };
    let items = call_capsule(&args.access, &capsule, &input, input.call())?;
    let verdict = process_status(&items, policy);
    if !args.access.connector.json {
        write(
            &mut io::stdout().lock(),
            &args.ticket,
            &items,
            verdict,
            Style::stdout(),
        )?;
    }
    Ok(match verdict {
        ProcessStatus::Success => Exit::Clean,
        ProcessStatus::Processing => Exit::Attention,
        // Errors, and verdicts a later live-core may add.
        _ => Exit::Rejected,
    })
}

/// The items (when there are any) and a summary line with the verdict.
fn write(
    out: &mut dyn Write,
    ticket: &str,
    items: &[StatusItem],
    verdict: ProcessStatus,
    style: Style,
) -> io::Result<()> {
    if !items.is_empty() {
        let mut table = Table::new(["SEQUENCE", "STATUS", "DETAIL"]);
        for item in items {
            let status = item.situacao_processamento.as_deref();
            let tone = match Situation::of(status) {
                Situation::Waiting => Tone::Notice,
                Situation::Processed => Tone::Good,
                // Errors, and situations a later live-core may add.
                _ => Tone::Bad,
            };
            table.push(vec![
                Cell::plain(item.numero_sequencia.as_deref().unwrap_or_default()),
                Cell::new(status.unwrap_or_default(), tone),
                Cell::plain(item.detalhe_situacao.as_deref().unwrap_or_default()),
            ]);
        }
        table.write(out, style, 0)?;
    }
    let word = verdict.name();
    let tone = match verdict {
        ProcessStatus::Success => Tone::Good,
        ProcessStatus::Processing => Tone::Notice,
        // Errors, and verdicts a later live-core may add.
        _ => Tone::Bad,
    };
    writeln!(
        out,
        "ticket {ticket}: {} ({})",
        style.paint(tone, word),
        plural(items.len(), "item")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_items_and_the_verdict() {
        let items = [
            StatusItem {
                numero_sequencia: Some("1".into()),
                situacao_processamento: Some("Processado".into()),
                detalhe_situacao: None,
            },
            StatusItem {
                numero_sequencia: Some("2".into()),
                situacao_processamento: Some("AguardandoProcessamento".into()),
                detalhe_situacao: Some("na fila".into()),
            },
        ];
        let mut out = Vec::new();
        write(
            &mut out,
            "0191211140546677",
            &items,
            ProcessStatus::Processing,
            Style::plain(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "SEQUENCE  STATUS                   DETAIL\n\
             1         Processado\n\
             2         AguardandoProcessamento  na fila\n\
             ticket 0191211140546677: PROCESSING (2 items)\n"
        );
    }
}

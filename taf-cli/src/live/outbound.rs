//! `taf live stores`, `customers` and `confirm`: the outbound tickets Live prepares for the
//! satellite system, and their confirmation.

use std::io::{self, Write};

use clap::{ArgAction, Args, ValueEnum};
use live_core::capsule::{Capsule, CustomerInput, Found, StoresInput};
use live_core::session::Call;
use live_core::{Field, OutboundTicket};
use serde_json::json;

use super::{AccessArgs, call_capsule};
use crate::exit::{CliError, Exit};
use crate::output::{Style, Tone, plural, print_json};
use crate::table::{Cell, Table};

/// Options of `taf live stores`.
#[derive(Debug, Args)]
#[command(after_help = "\
Prints the ticket's header and one row per store, a column per document field. The ticket \
stays available until `taf live confirm --ticket NUMERO` confirms it.")]
pub(crate) struct StoresArgs {
    /// `RetornaTodasLojas`: every store, not only those the ticket holds (`--all` alone means
    /// true).
    #[arg(long, value_name = "true|false", action = ArgAction::Set, default_value_t = false,
          num_args = 0..=1, default_missing_value = "true")]
    all: bool,
    /// With --json: data, hora, codigoSistemaSatelite and numeroTicketSaida as JSON numbers,
    /// as Digibee renders them (lossy: leading zeros go).
    #[arg(long)]
    numeric: bool,
    /// With --json: what `encontrouRegistros` says — the answer carried a ticket (as Digibee's
    /// example shows it) or the ticket holds stores.
    #[arg(long, value_enum, default_value_t = StoresFound::Ticket)]
    found: StoresFound,
    #[command(flatten)]
    access: AccessArgs,
}

/// The readings of the stores capsule's `encontrouRegistros` (`live_core::capsule::Found`).
#[derive(Debug, Clone, Copy, ValueEnum)]
enum StoresFound {
    /// A ticket other than blank or "0" was returned.
    Ticket,
    /// The ticket holds at least one store.
    Documents,
}

/// Options of `taf live customers`.
#[derive(Debug, Args)]
#[command(after_help = "\
Prints the ticket's header and one row per customer; no customer is not an error. The ticket \
stays available until `taf live confirm --ticket NUMERO` confirms it.")]
pub(crate) struct CustomersArgs {
    #[command(flatten)]
    access: AccessArgs,
}

/// Options of `taf live confirm`.
#[derive(Debug, Args)]
pub(crate) struct ConfirmArgs {
    /// `NumeroTicket`: the outbound ticket's number (`numeroTicketSaida`).
    #[arg(long, value_name = "NUMERO")]
    ticket: String,
    #[command(flatten)]
    access: AccessArgs,
}

pub(crate) fn stores(args: &StoresArgs) -> Result<Exit, CliError> {
    let mut capsule = Capsule::default();
    capsule.numeric = args.numeric;
    capsule.stores_found = match args.found {
        StoresFound::Ticket => Found::Ticket,
        StoresFound::Documents => Found::Documents,
    };
    let satellite = &args.access.connector.satellite;
    let input = StoresInput {
        retorna_todas_lojas: args.all.to_string(),
        chave_acesso: String::new(),
        codigo_sistema_satelite: satellite.clone(),
        manter: None,
    };
    let ticket = call_capsule(&args.access, &capsule, &input, input.call())?;
    show(&args.access, &ticket, "store")
}

pub(crate) fn customers(args: &CustomersArgs) -> Result<Exit, CliError> {
    let satellite = &args.access.connector.satellite;
    let input = CustomerInput {
        chave_acesso: String::new(),
        codigo_sistema_satelite: satellite.clone(),
        manter: None,
    };
    let ticket = call_capsule(&args.access, &Capsule::default(), &input, input.call())?;
    show(&args.access, &ticket, "customer")
}

pub(crate) fn confirm(args: &ConfirmArgs) -> Result<Exit, CliError> {
    let connector = &args.access.connector;
    let mut driver = args.access.session()?;
    let finished = driver.call(Call::confirm_ticket(&connector.satellite, &args.ticket))?;
    driver.outcome(finished)?;
    if connector.json {
        print_json(&json!({ "numeroTicket": args.ticket, "confirmado": true }))?;
    } else {
        let style = Style::stdout();
        let line = style.paint(Tone::Good, &format!("confirmed ticket {}", args.ticket));
        writeln!(io::stdout().lock(), "{line}")?;
    }
    Ok(Exit::Clean)
}

/// The human output of a ticket, unless `--json` printed the capsule's.
fn show(access: &AccessArgs, ticket: &OutboundTicket, noun: &str) -> Result<Exit, CliError> {
    if !access.connector.json {
        write(&mut io::stdout().lock(), ticket, noun, Style::stdout())?;
    }
    Ok(Exit::Clean)
}

/// The header (when the ticket has one), a row per document, and a count line.
fn write(out: &mut dyn Write, ticket: &OutboundTicket, noun: &str, style: Style) -> io::Result<()> {
    let header = [
        &ticket.numero,
        &ticket.data,
        &ticket.hora,
        &ticket.codigo_sistema_satelite,
    ];
    if header.iter().any(|value| value.is_some()) {
        let mut table = Table::new(["TICKET", "DATA", "HORA", "SATELLITE"]);
        table.push(
            header
                .iter()
                .map(|value| Cell::plain(value.as_deref().unwrap_or_default()))
                .collect(),
        );
        table.write(out, style, 0)?;
        writeln!(out)?;
    }
    if ticket.documentos.is_empty() {
        return writeln!(out, "{}", style.paint(Tone::Dim, &format!("no {noun}s")));
    }
    documents(&ticket.documentos).write(out, style, 0)?;
    write!(out, "{}", plural(ticket.documentos.len(), noun))?;
    match &ticket.numero {
        Some(numero) => writeln!(
            out,
            "; {}",
            style.paint(
                Tone::Dim,
                &format!("confirm with `taf live confirm --ticket {numero}`")
            )
        ),
        None => writeln!(out),
    }
}

/// A column per field name, in the order the documents first use them; a document that is not
/// an element with children goes in a `VALUE` column.
fn documents(documents: &[Field]) -> Table {
    const VALUE: &str = "VALUE";
    let mut columns: Vec<&str> = Vec::new();
    for document in documents {
        let names: Vec<&str> = match document {
            Field::Object(fields) => fields.iter().map(|(name, _)| name.as_str()).collect(),
            _ => vec![VALUE],
        };
        for name in names {
            if !columns.contains(&name) {
                columns.push(name);
            }
        }
    }
    let mut table = Table::new(columns.iter().copied());
    for document in documents {
        let row = columns
            .iter()
            .map(|&column| match document {
                Field::Object(_) => document.get(column).map(text).unwrap_or_default(),
                _ if column == VALUE => text(document),
                _ => String::new(),
            })
            .map(Cell::plain)
            .collect();
        table.push(row);
    }
    table
}

/// A field as one cell: its text, nothing for `i:nil`, compact JSON for nested elements.
fn text(field: &Field) -> String {
    match field {
        Field::Text(text) => text.clone(),
        Field::Null => String::new(),
        nested => serde_json::to_string(nested).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(fields: &[(&str, Field)]) -> Field {
        Field::Object(
            fields
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect(),
        )
    }

    #[test]
    fn a_column_per_field_and_a_row_per_document() {
        let text = |value: &str| Field::Text(value.to_owned());
        let ticket = OutboundTicket {
            numero: Some("000000000123".into()),
            data: Some("20190530".into()),
            hora: Some("191120".into()),
            codigo_sistema_satelite: Some("220000251".into()),
            documentos: vec![
                store(&[("Codigo", text("0001")), ("Nome", text("Centro"))]),
                store(&[
                    ("Codigo", text("0002")),
                    ("Nome", Field::Null),
                    ("Tags", Field::List(vec![text("a"), text("b")])),
                ]),
            ],
        };
        let mut out = Vec::new();
        write(&mut out, &ticket, "store", Style::plain()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "TICKET        DATA      HORA    SATELLITE\n\
             000000000123  20190530  191120  220000251\n\
             \n\
             Codigo  Nome    Tags\n\
             0001    Centro\n\
             0002            [\"a\",\"b\"]\n\
             2 stores; confirm with `taf live confirm --ticket 000000000123`\n"
        );
    }

    #[test]
    fn no_documents() {
        let mut out = Vec::new();
        write(
            &mut out,
            &OutboundTicket::default(),
            "customer",
            Style::plain(),
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "no customers\n");
    }
}

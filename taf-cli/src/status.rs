//! `taf status`: every record of a ticket or key, over all pages.

use std::io::{self, Write};

use clap::{ArgGroup, Args};
use taf_core::{GetQuery, KeyKind};

use crate::client::{Client, Listing, Transport};
use crate::exit::{CliError, Exit};
use crate::output::{Style, print_json, thousands};
use crate::progress::Progress;
use crate::records;
use crate::service::ServiceArgs;

/// Options of `taf status`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("search").required(true).args(["ticket", "key"])))]
pub(crate) struct StatusArgs {
    /// Every record of this ticket.
    #[arg(long)]
    ticket: Option<String>,
    /// Every record of this registryKey.
    #[arg(long)]
    key: Option<String>,
    /// `sourceBranch`: routes the request and filters the records.
    #[arg(long)]
    branch: Option<String>,
    /// With --key: 1 for its last occurrence only, 2 for its last valid one.
    #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(i64).range(1..=2))]
    search_mode: Option<i64>,
    /// Records per page (the server's default is 500).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    lot_quantity: Option<i64>,
    #[command(flatten)]
    service: ServiceArgs,
    /// Print the records as JSON.
    #[arg(long)]
    json: bool,
}

impl StatusArgs {
    fn query(&self) -> GetQuery {
        let mut query = match (&self.ticket, &self.key) {
            (Some(ticket), _) => GetQuery::by_ticket(ticket),
            (None, key) => GetQuery::by_key(key.clone().unwrap_or_default()),
        };
        query.source_branch.clone_from(&self.branch);
        query.search_mode = self.search_mode;
        query.lot_quantity = self.lot_quantity;
        query
    }
}

pub(crate) fn run(args: &StatusArgs) -> Result<Exit, CliError> {
    let query = args.query();
    let searched = query.selection().unwrap_or(KeyKind::TicketCode);
    let listing = list(&mut args.service.client()?, query)?;
    if args.json {
        print_json(&records::to_json(&listing))?;
    } else {
        write(
            &mut io::stdout().lock(),
            &listing,
            searched,
            Style::stdout(),
            0,
        )?;
    }
    Ok(records::exit(&listing))
}

/// Follows every page of `query` with a progress line on a terminal.
pub(crate) fn list<T: Transport>(
    client: &mut Client<T>,
    query: GetQuery,
) -> Result<Listing, CliError> {
    let mut progress = Progress::on_terminal();
    let listing = client.list(query, |cursor| {
        progress.show(&format!(
            "page {}: {} records, lastRecNo {} of {}",
            cursor.pages(),
            thousands(usize::try_from(cursor.records()).unwrap_or(usize::MAX)),
            cursor.last_rec_no().unwrap_or_default(),
            cursor.max_rec_no().unwrap_or_default(),
        ));
    });
    progress.finish();
    listing
}

/// The table (when something was found) and the summary line.
pub(crate) fn write(
    out: &mut dyn Write,
    listing: &Listing,
    searched: KeyKind,
    style: Style,
    indent: usize,
) -> io::Result<()> {
    if !listing.items.is_empty() {
        records::table(listing, searched).write(out, style, indent)?;
    }
    writeln!(
        out,
        "{}{}",
        " ".repeat(indent),
        records::summary(listing, style)
    )
}

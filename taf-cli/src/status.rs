//! `taf status`: every record of a ticket or key, over all pages, written as each page comes.

use std::io;

use clap::{ArgGroup, Args};
use serde_json::{Map, Value};
use taf_core::{GetQuery, KeyKind};

use crate::client::{Client, Transport};
use crate::deadline::DeadlineArgs;
use crate::exit::{CliError, Exit};
use crate::listing::Listing;
use crate::output::{Style, thousands};
use crate::progress::Progress;
use crate::records::Tally;
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
    #[command(flatten)]
    deadline: DeadlineArgs,
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
    let mut client = args.service.client()?.with_deadline(args.deadline.deadline);
    let mut out = io::stdout().lock();
    let listing = if args.json {
        Listing::json(&mut out)?
    } else {
        Listing::table(&mut out, searched, Style::stdout(), 0)
    };
    Ok(show(&mut client, query, listing, Map::new())?.exit())
}

/// Writes every page of `query` to `listing` as it comes, with a progress line on a terminal,
/// and ends it (with `extra` in JSON); an error ends it with the error.
pub(crate) fn show<T: Transport>(
    client: &mut Client<T>,
    query: GetQuery,
    mut listing: Listing<'_>,
    extra: Map<String, Value>,
) -> Result<Tally, CliError> {
    let mut progress = Progress::on_terminal();
    let paged = client.list(query, |events, cursor| {
        progress.finish();
        listing.page(&events)?;
        progress.show(&format!(
            "page {}: {} records, lastRecNo {} of {}",
            cursor.pages(),
            thousands(usize::try_from(cursor.records()).unwrap_or(usize::MAX)),
            cursor.last_rec_no().unwrap_or_default(),
            cursor.max_rec_no().unwrap_or_default(),
        ));
        Ok(())
    });
    progress.finish();
    match paged {
        Ok(()) => listing.finish(extra),
        Err(error) => {
            listing.abort(&error)?;
            Err(error)
        }
    }
}

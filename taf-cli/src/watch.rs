//! `taf watch`: poll a ticket with the tracker until every key is terminal.

use std::io;
use std::thread;
use std::time::{Duration, Instant};

use clap::Args;
use taf_core::{GetQuery, ItemId, KeyKind, Report, TrackError, Tracker};

use crate::client::{Client, Transport};
use crate::exit::{CliError, Exit};
use crate::output::{Style, print_json};
use crate::progress::Progress;
use crate::records;
use crate::service::ServiceArgs;
use crate::status;

/// Options of `taf watch`.
#[derive(Debug, Args)]
#[command(after_help = "\
The keys are the ones the ticket holds at the first pass. Each pass pages through the ticket \
from the first page that still held a key in progress. Exit: 0 every key ended well, \
1 keys still in progress when --give-up-after ran out, 2 any key in error or missing, or \
nothing found.")]
pub(crate) struct WatchArgs {
    /// The ticket to follow.
    #[arg(long)]
    ticket: String,
    /// `sourceBranch`: routes the requests and filters the records.
    #[arg(long)]
    branch: Option<String>,
    /// Records per page (the server's default is 500).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    lot_quantity: Option<i64>,
    /// Seconds between passes.
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = parse_seconds)]
    every: Duration,
    /// Stop polling after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value = "600", value_parser = parse_seconds)]
    give_up_after: Duration,
    #[command(flatten)]
    service: ServiceArgs,
    /// Print the final records as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| format!("expected a number of seconds, got {text:?}"))
}

pub(crate) fn run(args: &WatchArgs) -> Result<Exit, CliError> {
    let mut query = GetQuery::by_ticket(&args.ticket);
    query.source_branch.clone_from(&args.branch);
    query.lot_quantity = args.lot_quantity;
    let mut client = args.service.client()?;
    let first = status::list(&mut client, query.clone())?;
    let keys = first.items.iter().filter_map(|item| match item.id() {
        ItemId::RegistryKey(key) => Some(key.clone()),
        ItemId::TicketCode(_) => None,
    });
    let mut tracker = Tracker::new(query.clone(), keys)?;
    let report = follow(&mut client, &mut tracker, args)?;
    let listing = client.list(query, |_| ())?;
    let missing = if report.missing.is_empty() {
        Exit::Clean
    } else {
        Exit::Rejected
    };
    if args.json {
        let mut json = records::to_json(&listing);
        json["passes"] = report.passes.into();
        json["missing"] = report.missing.into();
        print_json(&json)?;
    } else {
        status::write(
            &mut io::stdout().lock(),
            &listing,
            KeyKind::TicketCode,
            Style::stdout(),
            0,
        )?;
    }
    Ok(records::exit(&listing).max(missing))
}

/// Polls until every key is terminal or the time is up, with a progress line on a terminal.
fn follow<T: Transport>(
    client: &mut Client<T>,
    tracker: &mut Tracker,
    args: &WatchArgs,
) -> Result<Report, CliError> {
    let deadline = Instant::now() + args.give_up_after;
    let mut progress = Progress::on_terminal();
    loop {
        let report = tracker
            .poll(|query| client.page(query))
            .map_err(|error| match error {
                TrackError::Fetch(error) => error,
                TrackError::Paging(error) => CliError::Paging(error),
            })?;
        let total = report.pending.len() + report.done.len() + report.missing.len();
        progress.show(&format!(
            "pass {}: {} of {total} keys ended, {} in progress",
            report.passes,
            total - report.pending.len(),
            report.pending.len()
        ));
        if report.is_complete() || Instant::now() + args.every > deadline {
            progress.finish();
            return Ok(report);
        }
        thread::sleep(args.every);
    }
}

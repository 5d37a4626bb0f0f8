//! `taf watch`: poll a ticket with the tracker until every key is terminal.

use std::io::{self, Write};
use std::thread;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::{Map, Value};
use taf_core::{GetQuery, ItemId, KeyKind, PageEvent, Report, TrackError, Tracker};

use crate::client::{Client, Transport};
use crate::deadline::{DeadlineArgs, parse_seconds};
use crate::exit::{CliError, Exit};
use crate::listing::Listing;
use crate::output::Style;
use crate::progress::Progress;
use crate::service::ServiceArgs;
use crate::status;

/// The shortest pause between passes; a smaller `--every` is raised to it.
const MIN_EVERY: Duration = Duration::from_secs(1);

/// The longest `registryKey` TAFST2 stores (TAFKEY, 100 characters): a longer one is no
/// WSTAFST2 answer, and is not kept.
const MAX_KEY_CHARS: usize = 100;

/// Options of `taf watch`.
#[derive(Debug, Args)]
#[command(after_help = "\
The keys are the ones the ticket holds at the first pass (at most --max-keys, each at most \
100 characters as TAFKEY holds them); only their states are kept between passes, and the final \
table is written as its pages come. Each pass pages through the ticket from the first page that \
still held a key in progress. Passes are at least 1 s apart. Exit: 0 every key ended well, \
1 keys still in progress when --give-up-after ran out, 2 any key in error or missing, or \
nothing found, 4 the --deadline passed, the ticket holds more than --max-keys records, or the \
server failed.")]
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
    /// Seconds between passes (at least 1; smaller values are raised to 1).
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = parse_seconds)]
    every: Duration,
    /// Stop polling after this many seconds and show where the keys stand.
    #[arg(long, value_name = "SECONDS", default_value = "600", value_parser = parse_seconds)]
    give_up_after: Duration,
    /// Most records of the ticket to follow; a ticket with more stops the command.
    #[arg(long, value_name = "N", default_value_t = 200_000)]
    max_keys: usize,
    #[command(flatten)]
    service: ServiceArgs,
    #[command(flatten)]
    deadline: DeadlineArgs,
    /// Print the final records as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &WatchArgs) -> Result<Exit, CliError> {
    let mut query = GetQuery::by_ticket(&args.ticket);
    query.source_branch.clone_from(&args.branch);
    query.lot_quantity = args.lot_quantity;
    let every = if args.every < MIN_EVERY {
        let _ = writeln!(
            io::stderr(),
            "taf: --every {} s is raised to the minimum of {} s",
            args.every.as_secs_f64(),
            MIN_EVERY.as_secs()
        );
        MIN_EVERY
    } else {
        args.every
    };
    let mut client = args.service.client()?.with_deadline(args.deadline.deadline);
    let keys = keys(&mut client, &query, args.max_keys)?;
    let mut tracker = Tracker::new(query.clone(), keys)?;
    let report = follow(&mut client, &mut tracker, every, args.give_up_after)?;
    let missing = if report.missing.is_empty() {
        Exit::Clean
    } else {
        Exit::Rejected
    };
    let mut out = io::stdout().lock();
    let mut extra = Map::new();
    let listing = if args.json {
        extra.insert("passes".to_owned(), report.passes.into());
        extra.insert("missing".to_owned(), Value::from(report.missing));
        Listing::json(&mut out)?
    } else {
        Listing::table(&mut out, KeyKind::TicketCode, Style::stdout(), 0)
    };
    let tally = status::show(&mut client, query, listing, extra)?;
    Ok(tally.exit().max(missing))
}

/// The keys the ticket holds, through every page: at most `max_keys` records, each key at most
/// [`MAX_KEY_CHARS`] long.
fn keys<T: Transport>(
    client: &mut Client<T>,
    query: &GetQuery,
    max_keys: usize,
) -> Result<Vec<String>, CliError> {
    let mut keys = Vec::new();
    let mut progress = Progress::on_terminal();
    let listed = client.list(query.clone(), |events, cursor| {
        for event in events {
            let PageEvent::Item(item) = event else {
                continue;
            };
            let ItemId::RegistryKey(key) = item.id() else {
                continue;
            };
            let length = key.trim().chars().count();
            if length > MAX_KEY_CHARS {
                return Err(CliError::KeyTooLong {
                    length,
                    limit: MAX_KEY_CHARS,
                });
            }
            if keys.len() == max_keys {
                return Err(CliError::TooManyKeys { limit: max_keys });
            }
            keys.push(key.trim().to_owned());
        }
        progress.show(&format!(
            "first pass, page {}: {} keys",
            cursor.pages(),
            keys.len()
        ));
        Ok(())
    });
    progress.finish();
    listed.map(|()| keys)
}

/// Polls until every key is terminal or `give_up_after` has passed, with a progress line on a
/// terminal.
fn follow<T: Transport>(
    client: &mut Client<T>,
    tracker: &mut Tracker,
    every: Duration,
    give_up_after: Duration,
) -> Result<Report, CliError> {
    let deadline = Instant::now() + give_up_after;
    let mut progress = Progress::on_terminal();
    loop {
        let report = tracker
            .poll(|query| client.page(query))
            .map_err(|error| match error {
                TrackError::Fetch(error) => error,
                TrackError::Paging(error) => CliError::Paging(error),
            });
        let report = match report {
            Ok(report) => report,
            Err(error) => {
                progress.finish();
                return Err(error);
            }
        };
        let total = report.pending.len() + report.done.len() + report.missing.len();
        progress.show(&format!(
            "pass {}: {} of {total} keys ended, {} in progress",
            report.passes,
            total - report.pending.len(),
            report.pending.len()
        ));
        if report.is_complete() || Instant::now() + every > deadline {
            progress.finish();
            return Ok(report);
        }
        client.check_deadline(every)?;
        thread::sleep(every);
    }
}

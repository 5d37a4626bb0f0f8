//! `taf demo`: the whole cycle on the embedded emulator, served in process on a free loopback
//! port and driven over HTTP: build a lote from the bundled sample events, preflight it, POST
//! it, run the integration job and the government step, page a larger ticket, and delete both
//! tickets.

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Map;
use taf_core::emulator::Config;
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::server::JobReport;
use taf_core::{
    BranchMap, GetQuery, Headers, HttpRequest, KeyKind, LoteBuilder, Method, PostRequest, Source,
    Wire,
};

use crate::client::{Client, Transport};
use crate::exit::{CliError, Exit};
use crate::listing::Listing;
use crate::network::Network;
use crate::output::{Style, Tone, plural, thousands};
use crate::records::Tally;
use crate::send::write_results;
use crate::serve::{Limits, Server, Storage};
use crate::service::endpoint;
use crate::status;
use crate::table::{Cell, Table};
use crate::verdict;

/// The ticket of the sample lote.
const TICKET: &str = "DEMO-0001";
/// The ticket of the generated lote that takes several pages.
const LARGE_TICKET: &str = "DEMO-PAGES";
/// The branch of both (registered in group T1).
const BRANCH: &str = "0100";
/// Items of the generated lote.
const LARGE_ITEMS: usize = 1_200;
/// Records per page when paging it.
const LOT_QUANTITY: i64 = 500;

/// One bundled event: its file name, its bytes, the key to give it (when it has no Id) and
/// why it is in the demo.
struct Sample {
    file: &'static str,
    bytes: &'static [u8],
    key: Option<&'static str>,
    role: &'static str,
}

const S1010: &[u8] = include_bytes!("../../tests/fixtures/events/s1010.xml");

const SAMPLES: [Sample; 7] = [
    Sample {
        file: "s1010.xml",
        bytes: S1010,
        key: None,
        role: "pay item",
    },
    Sample {
        file: "s2220.xml",
        bytes: include_bytes!("../../tests/fixtures/events/s2220.xml"),
        key: None,
        role: "occupational health (SST)",
    },
    Sample {
        file: "s3000.xml",
        bytes: include_bytes!("../../tests/fixtures/events/s3000.xml"),
        key: None,
        role: "S-3000 of a receipt no record carries: direct deletion (000026)",
    },
    Sample {
        file: "t005.txt",
        bytes: include_bytes!("../../tests/fixtures/events/t005.txt"),
        key: Some("T005-UN"),
        role: "TXT record, key given",
    },
    Sample {
        file: "r1000.xml",
        bytes: include_bytes!("../../tests/fixtures/events/r1000.xml"),
        key: None,
        role: "broken: EFD-Reinf, which the job cannot integrate",
    },
    Sample {
        file: "seed_s2100.xml",
        bytes: include_bytes!("../../tests/fixtures/events/seed_s2100.xml"),
        key: None,
        role: "broken: S-2100, which TAF no longer lists",
    },
    Sample {
        file: "s1010.xml",
        bytes: S1010,
        key: None,
        role: "broken: the same S-1010 again, while the first is pending",
    },
];

/// The demo's writer: numbered steps, indented content.
struct Report<'a> {
    out: io::StdoutLock<'a>,
    style: Style,
    step: usize,
}

impl Report<'_> {
    fn step(&mut self, title: &str) -> io::Result<()> {
        self.step += 1;
        let heading = format!("{}. {title}", self.step);
        writeln!(self.out)?;
        writeln!(self.out, "{}", self.style.paint(Tone::Notice, &heading))
    }

    fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "  {text}")
    }

    fn job(&mut self, name: &str, report: JobReport) -> io::Result<()> {
        let failed = if report.failed == 0 {
            self.style.paint(Tone::Good, "none failed")
        } else {
            self.style
                .paint(Tone::Bad, &format!("{} failed", report.failed))
        };
        self.line(&format!(
            "{name}: {} handled, {failed}",
            plural(report.handled, "record")
        ))
    }

    /// Every record of `ticket`, as `taf status` shows them.
    fn records(&mut self, client: &mut Client<Network>, ticket: &str) -> Result<(), CliError> {
        let listing = Listing::table(&mut self.out, KeyKind::TicketCode, self.style, 2);
        let query = GetQuery::by_ticket(ticket).branch(BRANCH);
        status::show(client, query, listing, Map::new())?;
        Ok(())
    }
}

pub(crate) fn run() -> Result<Exit, CliError> {
    let started = Instant::now();
    let rules = ServerRules::new(BranchMap::sample());
    let config = Config::new(rules.clone());
    let server = Server::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        &config,
        &Storage::Memory,
        2,
        Limits::default(),
    )?;
    let origin = format!("http://{}", server.address());
    let mut client = Client::new(
        endpoint(&format!("{origin}/rest/wstafst2"))?,
        Network::new(Duration::from_secs(30)),
    );
    let mut report = Report {
        out: io::stdout().lock(),
        style: Style::stdout(),
        step: 0,
    };
    let style = report.style;
    writeln!(
        report.out,
        "taf demo: the embedded TAF emulator on {origin} (branches T1:0100, T1:0101, T2:0200)"
    )?;

    report.step(&format!(
        "Build ticket {TICKET} on branch {BRANCH} from the bundled sample events"
    ))?;
    let lote = build(
        &LoteBuilder::new(TICKET, BRANCH),
        SAMPLES.iter().map(|sample| {
            let source = Source::new(sample.bytes);
            (
                sample.file,
                sample.key.map_or(source, |key| source.with_key(key)),
            )
        }),
    )?;
    let mut table = Table::new(vec!["ITEM", "FILE", "TYPE", "KEY", "WHY"]);
    for (index, (sample, item)) in SAMPLES.iter().zip(&lote.lote).enumerate() {
        table.push(vec![
            Cell::plain(index.to_string()),
            Cell::plain(sample.file),
            Cell::plain(item.registry_type.as_deref().unwrap_or_default()),
            Cell::plain(item.registry_key.as_deref().unwrap_or_default()),
            Cell::new(sample.role, Tone::Dim),
        ]);
    }
    table.write(&mut report.out, style, 2)?;
    let body = lote.encode();
    report.line(&format!("{} bytes of JSON", thousands(body.len())))?;

    report.step("Preflight: what the server will answer, and what it will not say")?;
    let verdict = Preflight::new(rules).check_body(body.as_bytes());
    verdict::write_summary(&mut report.out, &verdict, style, 2)?;

    report.step("POST /rest/wstafst2")?;
    let response = client.post(body.into_bytes())?.answer(TICKET)?;
    write_results(&mut report.out, &response, style, 2)?;

    report.step("GET: the records wait for the integration job")?;
    report.records(&mut client, TICKET)?;

    report.step("The integration job runs")?;
    let job = control(&mut client, &origin, "process")?;
    report.job("job", job)?;
    report.records(&mut client, TICKET)?;

    report.step("The government step runs: receipts")?;
    let government = control(&mut client, &origin, "transmit")?;
    report.job("transmission", government)?;
    report.records(&mut client, TICKET)?;

    report.step(&format!(
        "A larger ticket: {} generated items, {LOT_QUANTITY} per page",
        thousands(LARGE_ITEMS)
    ))?;
    let keys: Vec<String> = (1..=LARGE_ITEMS)
        .map(|number| format!("DEMO-K{number:05}"))
        .collect();
    let large = build(
        &LoteBuilder::new(LARGE_TICKET, BRANCH),
        keys.iter()
            .map(|key| ("s1010.xml", Source::new(S1010).with_key(key))),
    )?;
    let response = client
        .post(large.encode().into_bytes())?
        .answer(LARGE_TICKET)?;
    report.line(&format!(
        "POST: {} of {} accepted",
        thousands(response.accepted().count()),
        plural(response.key_amount(), "key")
    ))?;
    let mut tally = Tally::default();
    let mut seen = 0;
    client.list(
        GetQuery::by_ticket(LARGE_TICKET)
            .branch(BRANCH)
            .lot_quantity(LOT_QUANTITY),
        |events, cursor| {
            tally.add(&events);
            report.line(&format!(
                "page {}: {} records, lastRecNo {} of maxRecNo {}",
                cursor.pages(),
                cursor.records() - seen,
                cursor.last_rec_no().unwrap_or_default(),
                cursor.max_rec_no().unwrap_or_default()
            ))?;
            seen = cursor.records();
            Ok(())
        },
    )?;
    report.line(&tally.summary(style))?;

    report.step(&format!("DELETE tickets {TICKET} and {LARGE_TICKET}"))?;
    let tickets = [TICKET.to_owned(), LARGE_TICKET.to_owned()];
    let deleted = client.delete(&tickets, BRANCH)?;
    report.line(&format!("success: {}", deleted.success))?;
    report.line(&format!("GET ticket {TICKET} again:"))?;
    report.records(&mut client, TICKET)?;

    server.stop();
    writeln!(report.out)?;
    writeln!(
        report.out,
        "{}",
        style.paint(
            Tone::Good,
            &format!("done in {:.2} s", started.elapsed().as_secs_f64())
        )
    )?;
    Ok(Exit::Clean)
}

/// Runs a job of the emulator through its control endpoint `/_emulator/{job}`.
fn control(client: &mut Client<Network>, origin: &str, job: &str) -> Result<JobReport, CliError> {
    let url = format!("{origin}/_emulator/{job}");
    let response = client.transport_mut().send(&HttpRequest {
        method: Method::Post,
        url: url.clone(),
        headers: Headers::new(),
        body: Vec::new(),
    })?;
    serde_json::from_slice(&response.body).map_err(|error| CliError::Transport {
        url,
        detail: format!("HTTP {}: {error}", response.status),
    })
}

/// One lote of every source, naming the file of an event that cannot become an item.
fn build<'a>(
    builder: &LoteBuilder,
    sources: impl IntoIterator<Item = (&'static str, Source<'a>)>,
) -> Result<PostRequest, CliError> {
    let (files, sources): (Vec<&str>, Vec<Source<'a>>) = sources.into_iter().unzip();
    let mut lotes = builder.build(sources).map_err(|error| CliError::Event {
        path: PathBuf::from(files.get(error.index()).copied().unwrap_or_default()),
        error,
        hint: "",
    })?;
    Ok(lotes.pop().unwrap_or_default())
}

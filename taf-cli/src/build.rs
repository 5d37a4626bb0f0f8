//! `taf build`: POST bodies from XML and TXT event files.

use std::ffi::OsString;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use clap::Args;
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::{BranchMap, BuildErrorKind, LoteBuilder, Source, Wire};

use crate::exit::{CliError, Exit};
use crate::files;
use crate::output::{Style, plural};
use crate::parallel;
use crate::verdict;

/// Options of `taf build`.
#[derive(Debug, Args)]
#[command(after_help = "\
With -o OUT and several lotes, the first goes to OUT and the next ones to OUT with .2, .3, ... \
before its extension (lote.json, lote.2.json, ...). Without -o, each lote is one line of the \
standard output.

A preflight summary of every lote goes to the standard error. It assumes the branch is \
registered on the server; run `taf check --branch GROUP:BRANCH` against the server's real \
set-up. Each event is read once: its type, Id, well-formedness and (eSocial) its layout's \
schema. The exit code is the worst verdict's: 0 clean, 1 warnings, 2 when any event will be \
rejected at the POST or, for a schema error, by the government.")]
pub(crate) struct BuildArgs {
    /// `ticketCode` of the lotes.
    #[arg(long)]
    ticket: String,
    /// `sourceBranch` of every item.
    #[arg(long)]
    branch: String,
    /// `registryPriority` of every item ("0" to "5"; the server's default is "5").
    #[arg(long)]
    priority: Option<String>,
    /// Send `integrationQueue` "1": integrate through TAF's queue.
    #[arg(long)]
    queue: bool,
    /// Most items per lote; more events are split into several lotes.
    #[arg(long, value_name = "N")]
    max_items: Option<NonZeroUsize>,
    /// Use a file's name without its extension as `registryKey` when its event has no Id
    /// (TXT events never have one).
    #[arg(long)]
    key_from_file_name: bool,
    /// Write the lote here instead of the standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    schema: verdict::SchemaArgs,
    /// The events: XML (`<eSocial>…`) or TXT (`|T005|…|`) files.
    #[arg(value_name = "EVENT_FILES", required = true)]
    events: Vec<PathBuf>,
}

/// An event file and the key its name gives.
struct EventFile {
    path: PathBuf,
    bytes: Vec<u8>,
    stem: String,
}

pub(crate) fn run(args: &BuildArgs) -> Result<Exit, CliError> {
    let events = args
        .events
        .iter()
        .map(|path| {
            Ok(EventFile {
                bytes: files::read_limited(path, files::EVENT)?,
                stem: path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: path.clone(),
            })
        })
        .collect::<Result<Vec<_>, CliError>>()?;
    let mut builder = LoteBuilder::new(&args.ticket, &args.branch);
    builder.priority.clone_from(&args.priority);
    builder.queue = args.queue;
    builder.max_items = args.max_items.map(NonZeroUsize::get);
    builder.schema = args.schema.rules();
    // Each event is read (schema included) on its own, so the events are shared among the
    // cores and the lotes assembled in order.
    let items = parallel::map(&events, |event| {
        let source = Source::new(&event.bytes);
        match builder.read_item(&source) {
            Err(error) if error.kind() == BuildErrorKind::MissingKey && args.key_from_file_name => {
                builder.read_item(&source.with_key(&event.stem))
            }
            read => read,
        }
    });
    let lotes = builder.assemble(items).map_err(|error| CliError::Event {
        path: events
            .get(error.index())
            .map(|event| event.path.clone())
            .unwrap_or_default(),
        hint: match error.kind() {
            BuildErrorKind::MissingKey => " (--key-from-file-name uses the file's name)",
            _ => "",
        },
        error,
    })?;
    let mut preflight = Preflight::new(ServerRules::new(
        BranchMap::default().with("G", &args.branch),
    ));
    preflight.schema = builder.schema;
    let style = Style::stderr();
    let mut err = io::stderr().lock();
    let mut stdout = io::stdout().lock();
    let mut worst = Exit::Clean;
    for (index, read) in lotes.iter().enumerate() {
        let lote = &read.request;
        let body = lote.encode();
        let name = if let Some(path) = &args.output {
            let path = numbered(path, index + 1);
            files::write(&path, body.as_bytes())?;
            path.display().to_string()
        } else {
            writeln!(stdout, "{body}")?;
            format!("lote {}", index + 1)
        };
        let verdict = parallel::verdict(preflight.chunked(lote, &read.readings));
        worst = worst.max(Exit::of_verdict(&verdict));
        writeln!(
            err,
            "{name}: ticket {}, {}",
            lote.ticket_code,
            plural(lote.lote.len(), "item")
        )?;
        verdict::write_summary(&mut err, &verdict, style, 2)?;
    }
    Ok(worst)
}

/// The file of lote `number` (from 1): `out` itself, then `out` with `.N` before its extension.
fn numbered(out: &Path, number: usize) -> PathBuf {
    if number == 1 {
        return out.to_owned();
    }
    let mut name = OsString::from(out.file_stem().unwrap_or_default());
    name.push(format!(".{number}"));
    if let Some(extension) = out.extension() {
        name.push(".");
        name.push(extension);
    }
    out.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_lotes_get_their_number_before_the_extension() {
        assert_eq!(
            numbered(Path::new("out/lote.json"), 1),
            Path::new("out/lote.json")
        );
        assert_eq!(
            numbered(Path::new("out/lote.json"), 3),
            Path::new("out/lote.3.json")
        );
        assert_eq!(numbered(Path::new("lote"), 2), Path::new("lote.2"));
    }
}

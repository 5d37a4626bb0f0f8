//! A search's records written out as the pages come, as a table or as one JSON document,
//! keeping only their counts: a ticket of any size costs the memory of one page.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value};
use taf_core::{KeyKind, PageEvent};

use crate::exit::CliError;
use crate::output::Style;
use crate::records::{self, Tally};
use crate::table::TableWriter;

/// How the records are written.
enum Format {
    /// Table rows, then a summary line.
    Table {
        table: TableWriter,
        style: Style,
        indent: usize,
    },
    /// `{"records": [...], "pages": …, …}`, pretty-printed; `records` counts those written.
    Json { records: usize },
}

/// The records of a search on their way to `out`.
pub(crate) struct Listing<'a> {
    out: &'a mut dyn Write,
    format: Format,
    tally: Tally,
}

impl<'a> Listing<'a> {
    /// A table (when anything is found) and a summary line, each line indented by `indent`.
    pub(crate) fn table(
        out: &'a mut dyn Write,
        searched: KeyKind,
        style: Style,
        indent: usize,
    ) -> Self {
        Self {
            out,
            format: Format::Table {
                table: TableWriter::new(records::header(searched), style, indent),
                style,
                indent,
            },
            tally: Tally::default(),
        }
    }

    /// One JSON document: `records`, then the counts and the fields [`Listing::finish`] adds.
    pub(crate) fn json(out: &'a mut dyn Write) -> Result<Self, CliError> {
        write!(out, "{{\n  \"records\": [")?;
        Ok(Self {
            out,
            format: Format::Json { records: 0 },
            tally: Tally::default(),
        })
    }

    /// Writes and counts the records of one page.
    pub(crate) fn page(&mut self, events: &[PageEvent]) -> Result<(), CliError> {
        self.tally.add(events);
        let items = events.iter().filter_map(|event| match event {
            PageEvent::Item(item) => Some(item),
            PageEvent::Duplicate(_) | PageEvent::NotFound(_) => None,
        });
        match &mut self.format {
            Format::Table { table, .. } => {
                let rows: Vec<_> = items.map(records::row).collect();
                if !rows.is_empty() {
                    table.write(self.out, &rows)?;
                }
            }
            Format::Json { records } => {
                for item in items {
                    let separator = if *records == 0 { "" } else { "," };
                    let record = indented(&records::to_json(item), "    ")?;
                    write!(self.out, "{separator}\n    {record}")?;
                    *records += 1;
                }
            }
        }
        Ok(())
    }

    /// Ends the output: the summary line, or the JSON counts followed by `extra`; gives the
    /// counts.
    pub(crate) fn finish(self, extra: Map<String, Value>) -> Result<Tally, CliError> {
        match self.format {
            Format::Table { style, indent, .. } => {
                writeln!(
                    self.out,
                    "{}{}",
                    " ".repeat(indent),
                    self.tally.summary(style)
                )?;
            }
            Format::Json { records } => {
                let mut fields = self.tally.to_json();
                fields.extend(extra);
                close_json(self.out, records, &fields)?;
            }
        }
        Ok(self.tally)
    }

    /// Ends the output after `error`: the JSON document is closed with the counts so far and
    /// `"error"`; a table stays as it is (the error goes to the standard error).
    pub(crate) fn abort(self, error: &CliError) -> Result<(), CliError> {
        if let Format::Json { records } = self.format {
            let mut fields = self.tally.to_json();
            fields.insert("error".to_owned(), error.to_string().into());
            close_json(self.out, records, &fields)?;
        }
        Ok(())
    }
}

/// Closes the `records` array and writes `fields` after it.
fn close_json(
    out: &mut dyn Write,
    records: usize,
    fields: &Map<String, Value>,
) -> Result<(), CliError> {
    write!(out, "{}]", if records == 0 { "" } else { "\n  " })?;
    for (name, value) in fields {
        write!(
            out,
            ",\n  {}: {}",
            indented(name, "  ")?,
            indented(value, "  ")?
        )?;
    }
    writeln!(out, "\n}}")?;
    Ok(())
}

/// `value` as pretty JSON, every line after the first indented by `indent` (JSON strings hold
/// no raw line breaks, so only the layout's own lines move).
fn indented(value: &impl Serialize, indent: &str) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::from)?;
    Ok(text.replace('\n', &format!("\n{indent}")))
}

//! Aligned text tables, with coloured cells on a terminal.

use std::io::{self, Write};

use crate::output::{Style, Tone};

/// One cell: its text (on one line) and its colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    text: String,
    tone: Tone,
}

impl Cell {
    /// A cell in `tone`; line breaks and other control characters become spaces.
    pub(crate) fn new(text: impl AsRef<str>, tone: Tone) -> Self {
        let text = text
            .as_ref()
            .trim()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        Self { text, tone }
    }

    /// Its width in characters.
    fn width(&self) -> usize {
        self.text.chars().count()
    }

    /// A cell without colour.
    pub(crate) fn plain(text: impl AsRef<str>) -> Self {
        Self::new(text, Tone::Plain)
    }
}

/// Rows under a header, every column as wide as its widest cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these column names.
    pub(crate) fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank, extra ones ignored).
    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Writes the header and the rows, each line indented by `indent` spaces.
    pub(crate) fn write(&self, out: &mut dyn Write, style: Style, indent: usize) -> io::Result<()> {
        TableWriter::new(self.header.clone(), style, indent).write(out, &self.rows)
    }
}

/// A table written a batch of rows at a time, keeping none of them: the header goes out with
/// the first batch, and every column is as wide as its widest cell so far (a later, wider cell
/// pushes the rest of its own row to the right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableWriter {
    header: Vec<Cell>,
    widths: Vec<usize>,
    started: bool,
    style: Style,
    indent: usize,
}

impl TableWriter {
    /// A table with these column names, each line indented by `indent` spaces.
    pub(crate) fn new(
        header: impl IntoIterator<Item = impl AsRef<str>>,
        style: Style,
        indent: usize,
    ) -> Self {
        let header: Vec<Cell> = header
            .into_iter()
            .map(|name| Cell::new(name, Tone::Dim))
            .collect();
        Self {
            widths: header.iter().map(Cell::width).collect(),
            header,
            started: false,
            style,
            indent,
        }
    }

    /// Writes `rows` (missing cells are blank, extra ones ignored), after the header the first
    /// time.
    pub(crate) fn write(&mut self, out: &mut dyn Write, rows: &[Vec<Cell>]) -> io::Result<()> {
        for row in rows {
            for (width, cell) in self.widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        if !std::mem::replace(&mut self.started, true) {
            self.line(out, &self.header)?;
        }
        rows.iter().try_for_each(|row| self.line(out, row))
    }

    fn line(&self, out: &mut dyn Write, row: &[Cell]) -> io::Result<()> {
        let mut line = " ".repeat(self.indent);
        let blank = Cell::plain("");
        for (column, &width) in self.widths.iter().enumerate() {
            let cell = row.get(column).unwrap_or(&blank);
            let last = column + 1 == self.widths.len();
            let padding = if last {
                0
            } else {
                width.saturating_sub(cell.width()) + 2
            };
            line.push_str(&self.style.paint(cell.tone, &cell.text));
            line.push_str(&" ".repeat(padding));
        }
        writeln!(out, "{}", line.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_table_keeps_no_rows_and_widens_columns_as_they_come() {
        let mut table = TableWriter::new(["KEY", "STATE"], Style::plain(), 0);
        let mut out = Vec::new();
        table
            .write(&mut out, &[vec![Cell::plain("K1"), Cell::plain("waiting")]])
            .unwrap();
        table
            .write(
                &mut out,
                &[vec![Cell::plain("LONGER"), Cell::plain("done")]],
            )
            .unwrap();
        table.write(&mut out, &[]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "KEY  STATE\nK1   waiting\nLONGER  done\n"
        );
    }

    #[test]
    fn columns_line_up_and_control_characters_become_spaces() {
        let mut table = Table::new(vec!["KEY", "STATE"]);
        table.push(vec![Cell::plain("K1"), Cell::plain("waiting")]);
        table.push(vec![Cell::plain("LONGER-KEY"), Cell::plain("a\nb")]);
        let mut out = Vec::new();
        table.write(&mut out, Style::plain(), 2).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  KEY         STATE\n  K1          waiting\n  LONGER-KEY  a b\n"
        );
    }
}

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
        let width = |column: usize| {
            self.rows
                .iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.text.chars().count())
                .chain(self.header.get(column).map(|name| name.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.header.len()).map(width).collect();
        let header: Vec<Cell> = self
            .header
            .iter()
            .map(|name| Cell::new(name, Tone::Dim))
            .collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = " ".repeat(indent);
            for (column, &width) in widths.iter().enumerate() {
                let blank = Cell::plain("");
                let cell = row.get(column).unwrap_or(&blank);
                let last = column + 1 == widths.len();
                let padding = if last {
                    0
                } else {
                    width.saturating_sub(cell.text.chars().count()) + 2
                };
                line.push_str(&style.paint(cell.tone, &cell.text));
                line.push_str(&" ".repeat(padding));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

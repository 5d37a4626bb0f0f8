//! How results reach the user: ANSI colours only on a terminal, JSON for machines.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::exit::CliError;

/// The colour of a piece of text, by what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    /// No colour.
    Plain,
    /// Accepted, authorized, done.
    Good,
    /// Waiting, in progress, a warning.
    Notice,
    /// Rejected, failed, an error.
    Bad,
    /// Secondary text: headers, hints.
    Dim,
}

/// Whether to colour what goes to one stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    colour: bool,
}

impl Style {
    /// Colours when the standard output is a terminal.
    pub(crate) fn stdout() -> Self {
        Self {
            colour: io::stdout().is_terminal(),
        }
    }

    /// Colours when the standard error is a terminal.
    pub(crate) fn stderr() -> Self {
        Self {
            colour: io::stderr().is_terminal(),
        }
    }

    /// Never colours.
    #[cfg(test)]
    pub(crate) fn plain() -> Self {
        Self { colour: false }
    }

    /// `text` in `tone`, or as it is without colours.
    pub(crate) fn paint(self, tone: Tone, text: &str) -> String {
        let code = match tone {
            Tone::Plain => return text.to_owned(),
            Tone::Good => "32",
            Tone::Notice => "33",
            Tone::Bad => "31",
            Tone::Dim => "2",
        };
        if self.colour && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Prints `value` as pretty JSON on the standard output.
pub(crate) fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// `count` and `noun`, the noun in the plural unless the count is 1: `1 item`, `3 items`.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    let suffix = if count == 1 { "" } else { "s" };
    format!("{} {noun}{suffix}", thousands(count))
}

/// A count with thousands separators: `1,200`.
pub(crate) fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

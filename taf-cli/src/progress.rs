//! A progress line on the standard error, redrawn in place, only when it is a terminal.

use std::io::{self, IsTerminal, Write};

/// The line being redrawn.
#[derive(Debug)]
pub(crate) struct Progress {
    shown: bool,
    enabled: bool,
}

impl Progress {
    /// A progress line that shows only when the standard error is a terminal.
    pub(crate) fn on_terminal() -> Self {
        Self {
            shown: false,
            enabled: io::stderr().is_terminal(),
        }
    }

    /// Replaces the line with `text`.
    pub(crate) fn show(&mut self, text: &str) {
        if self.enabled {
            // A progress line is best effort: a closed terminal must not stop the work.
            let _ = write!(io::stderr(), "\r\x1b[2K{text}");
            self.shown = true;
        }
    }

    /// Clears the line.
    pub(crate) fn finish(&mut self) {
        if std::mem::take(&mut self.shown) {
            let _ = write!(io::stderr(), "\r\x1b[2K");
        }
    }
}

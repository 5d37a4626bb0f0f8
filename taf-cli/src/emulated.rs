//! The emulator as a transport, in the same process: no socket, same answers.

use std::time::{SystemTime, UNIX_EPOCH};

use taf_core::emulator::{Clock, Emulator};
use taf_core::http::{HttpRequest, HttpResponse};

use crate::client::Transport;
use crate::exit::CliError;

/// Sets the emulator's clock from the system's, as each request finds it.
pub(crate) fn set_clock(emulator: &mut Emulator) {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    emulator.clock = Clock::from_unix_seconds(seconds);
}

/// An emulator answering requests directly.
pub(crate) struct InProcess {
    /// The emulated server.
    pub(crate) emulator: Emulator,
}

impl Transport for InProcess {
    fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, CliError> {
        set_clock(&mut self.emulator);
        Ok(self.emulator.handle(request).into_http())
    }
}

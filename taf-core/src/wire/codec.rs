//! The [`Wire`] trait every JSON message implements, and the document limits decoders enforce.

use std::borrow::Cow;

use crate::wire::json::Reader;
use crate::wire::text::decode_text;
use crate::wire::{DecodeError, DecodeErrorKind};

/// Largest body a decoder accepts. A page is cut near 850,000 bytes, but one item may carry an
/// unbounded `errorDetail` or `xmlRetResponse`, so the limit is generous.
pub const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// Largest lote (POST body) the tools take: the emulator answers HTTP 413 beyond it, and
/// `taf check` and `taf send` refuse a bigger file before reading it. The real server states no
/// limit; this one bounds what the emulator holds in memory.
pub const MAX_LOTE_BYTES: usize = 64 * 1024 * 1024;

/// Most items one lote may carry: the emulator answers HTTP 413 beyond it, and `taf check` and
/// `taf send` refuse such a lote. Like [`MAX_LOTE_BYTES`], a limit of the tools, not of the
/// real server.
pub const MAX_LOTE_ITEMS: usize = 50_000;

/// A WSTAFST2 JSON message with an exact encoder and a tolerant decoder.
pub trait Wire: Sized {
    /// Appends the message as the real server (or a canonical client) lays it out, always as
    /// valid, escaped JSON.
    fn encode_into(&self, out: &mut String);

    /// The message as JSON text; see [`Wire::encode_into`].
    fn encode(&self) -> String {
        let mut out = String::new();
        self.encode_into(&mut out);
        out
    }

    /// Decodes the message from text.
    fn decode_str(text: &str) -> Result<Self, DecodeError>;

    /// Decodes the message from a body in UTF-8 or, failing that, Windows-1252.
    fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::decode_str(&body_text(bytes)?)
    }
}

/// Checks the size limit and turns a body into text (UTF-8, else Windows-1252).
pub(crate) fn body_text(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(DecodeError::new(
            DecodeErrorKind::TooLarge,
            MAX_BODY_BYTES,
            format!("body of {} bytes exceeds {MAX_BODY_BYTES}", bytes.len()),
        ));
    }
    Ok(decode_text(bytes).0)
}

/// Runs `read` over `text` as one JSON document, rejecting empty input and trailing text.
pub(crate) fn read_text<T>(
    text: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let mut reader = Reader::new(text);
    if reader.at_end() {
        return Err(DecodeError::new(
            DecodeErrorKind::Empty,
            0,
            "the body is empty",
        ));
    }
    let value = read(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

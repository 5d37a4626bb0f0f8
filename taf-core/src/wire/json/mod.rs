//! JSON reading and writing shared by every WSTAFST2 message.

mod read;
mod unescape;
mod write;

pub(crate) use read::{JsonKind, Reader};
pub(crate) use unescape::{server_len, unescape};
pub(crate) use write::{hex_digit, push_escaped, push_string};

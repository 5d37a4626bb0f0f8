//! JSON reading and writing shared by every WSTAFST2 message.

mod read;
mod write;

pub(crate) use read::{JsonKind, Reader};
pub(crate) use write::{hex_digit, push_escaped, push_string};

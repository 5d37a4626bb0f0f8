//! What travels: every WSTAFST2 message as a typed value with an exact encoder and a tolerant
//! decoder, the HTTP request and response values that carry them, faults, the business-error
//! envelope, decode errors, the server's message texts and the JSON reader and writer they
//! share. Client and server both speak it; it knows neither.

mod codec;
mod delete;
mod error;
mod fault;
mod get;
pub mod http;
pub(crate) mod json;
pub mod messages;
mod post;
mod reply;
pub mod text;

pub use codec::{MAX_BODY_BYTES, MAX_LOTE_BYTES, MAX_LOTE_ITEMS, Wire};
pub(crate) use codec::{body_text, read_text};
pub use delete::{DeleteRequest, DeleteResponse};
pub use error::{DecodeError, DecodeErrorKind};
pub use fault::{Fault, FaultBody};
pub use get::{
    DeleteType, GetPage, GetQuery, Item, ItemId, KeyKind, NotFoundItem, PendingItem, ProcessedItem,
    SearchMode, StreamingError, decode_ret_response,
};
pub(crate) use get::{encode_head, is_single_row, searched_code};
pub(crate) use post::{ItemSlots, Slot};
pub use post::{KeyOutcome, KeyResult, LoteItem, PostRequest, PostResponse};
pub(crate) use reply::success_fragment_value;
pub use reply::{ErrorEntry, Reply, ReplyBody, ReplyError};

//! Typed catalogues the wire model refers to: lote fields, codes, statuses, priorities.

mod code;
mod field;
mod priority;
mod status;
mod xerp;

pub use code::{FaultCode, ServerCode};
pub use field::{LoteField, TICKET_CODE_MAX_LEN};
pub use priority::Priority;
pub use status::{RecordStatus, status_description};
pub use xerp::{Disposition, XerpError};

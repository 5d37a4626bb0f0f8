//! DELETE: the body's checks (704) and the branch (803), before the whole chain of each ticket
//! goes (spec §5).

use crate::catalog::{FaultCode, ServerCode};
use crate::wire::{DecodeErrorKind, DeleteRequest, ErrorEntry, Fault, Wire, messages};

/// The tickets a DELETE body names, or the 704 fault the server answers: a missing
/// `deleteTicket`, or the position of the first entry without a `ticketCode`.
pub(crate) fn delete_request(body: &[u8]) -> Result<DeleteRequest, Fault> {
    DeleteRequest::decode(body).map_err(|error| {
        let message = match (error.kind(), error.field().strip_prefix("deleteTicket[")) {
            (DecodeErrorKind::MissingField, Some(rest)) => {
                let index: usize = rest
                    .split(']')
                    .next()
                    .and_then(|index| index.parse().ok())
                    .unwrap_or_default();
                messages::delete_ticket_code_missing(index + 1)
            }
            _ => messages::DELETE_TICKET_MISSING.to_owned(),
        };
        Fault::classic(FaultCode::MissingContent, message)
    })
}

/// The 803 envelope a DELETE for an unregistered branch starts with.
pub(crate) fn unknown_branch() -> ErrorEntry {
    ErrorEntry::new(ServerCode::UnknownBranch, messages::UNKNOWN_BRANCH)
}

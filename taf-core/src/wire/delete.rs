//! DELETE `/rest/WSTAFST2`: delete whole tickets (spec §5).

use serde::{Deserialize, Serialize};

use crate::wire::DecodeError;
use crate::wire::json::{JsonKind, push_string};
use crate::wire::success_fragment_value;
use crate::wire::{Wire, read_text};

/// A DELETE body: `{"deleteTicket":[{"ticketCode":"T1"},…]}`. Each ticket's whole chain goes:
/// TAFST2 rows, TAFXERP rows and, if processed, the TAF records.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteRequest {
    /// The tickets to delete, in order.
    pub tickets: Vec<String>,
}

impl DeleteRequest {
    /// A request for these tickets.
    pub fn new<I, S>(tickets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            tickets: tickets.into_iter().map(Into::into).collect(),
        }
    }
}

impl Wire for DeleteRequest {
    fn encode_into(&self, out: &mut String) {
        out.push_str("{\"deleteTicket\":[");
        for (index, ticket) in self.tickets.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str("{\"ticketCode\":");
            push_string(out, ticket);
            out.push('}');
        }
        out.push_str("]}");
    }

    /// Reads the body as the server checks it. A missing `deleteTicket` is a
    /// [`MissingField`](crate::DecodeErrorKind::MissingField) error on `deleteTicket` (fault 704);
    /// an element without `ticketCode` (or that is not an object) is one on
    /// `deleteTicket[i].ticketCode`, with `i` counted from 0 (the server's 704 counts from 1).
    /// The server does not check the ticket's type, so a number or boolean is taken as its text;
    /// `null` counts as absent.
    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        read_text(text, |reader| {
            let start = reader.value_start();
            let mut tickets = None;
            reader.object(|reader, key, _| {
                if key != "deleteTicket" {
                    return reader.skip_value();
                }
                let mut list = Vec::new();
                reader
                    .array(|reader, index| {
                        let element_at = reader.value_start();
                        let mut ticket = None;
                        if reader.peek_kind()? == JsonKind::Object {
                            reader.object(|reader, key, _| {
                                if key == "ticketCode" && reader.peek_kind()? == JsonKind::Null {
                                    // A property whose type is "U" counts as absent (704).
                                    reader.skip_value()
                                } else if key == "ticketCode" {
                                    ticket = Some(
                                        reader
                                            .scalar_text()
                                            .map_err(|error| error.within("ticketCode"))?
                                            .into_owned(),
                                    );
                                    Ok(())
                                } else {
                                    reader.skip_value()
                                }
                            })?;
                        } else {
                            reader.skip_value()?;
                        }
                        let ticket = ticket
                            .ok_or_else(|| DecodeError::missing("ticketCode", element_at))
                            .map_err(|error| error.within(&format!("[{index}]")))?;
                        list.push(ticket);
                        Ok(())
                    })
                    .map_err(|error| error.within("deleteTicket"))?;
                tickets = Some(list);
                Ok(())
            })?;
            Ok(Self {
                tickets: tickets.ok_or_else(|| DecodeError::missing("deleteTicket", start))?,
            })
        })
    }
}

/// The answer to a DELETE: `{"success" : true}`. There is no per-ticket report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteResponse {
    /// Whether the worker answered; false when the server sent its bare `"success" : false`.
    pub success: bool,
}

impl DeleteResponse {
    /// Recognises the bare `"success" : <bool>` fragment the server writes without braces.
    pub(crate) fn from_bare_fragment(text: &str) -> Option<Self> {
        success_fragment_value(text).map(|success| Self { success })
    }
}

impl Wire for DeleteResponse {
    /// `{"success" : true}` (or `false`), always with braces.
    fn encode_into(&self, out: &mut String) {
        out.push_str(if self.success {
            "{\"success\" : true}"
        } else {
            "{\"success\" : false}"
        });
    }

    /// Accepts the object and the server's bare fragment alike.
    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        if let Some(response) = Self::from_bare_fragment(text) {
            return Ok(response);
        }
        read_text(text, |reader| {
            let start = reader.value_start();
            let mut success = None;
            reader.object(|reader, key, _| {
                if key == "success" {
                    success = Some(reader.boolean_of("success")?);
                    Ok(())
                } else {
                    reader.skip_value()
                }
            })?;
            Ok(Self {
                success: success.ok_or_else(|| DecodeError::missing("success", start))?,
            })
        })
    }
}

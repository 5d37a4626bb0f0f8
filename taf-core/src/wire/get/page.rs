//! A GET page: the search echoed back, its items and the paging counters.

use serde::{Deserialize, Serialize};

use crate::wire::json::push_escaped;
use crate::wire::{DecodeError, DecodeErrorKind};
use crate::wire::{Item, KeyKind};
use crate::wire::{Wire, read_text};

/// The HTTP 200 answer to a GET.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetPage {
    /// `type`: `ticketCode` when a ticket was given (alone or with a key), else `registryKey`.
    #[serde(rename = "type")]
    pub kind: KeyKind,
    /// `code`: the searched value exactly as sent (not trimmed).
    pub code: String,
    /// The items, in ascending TAFST2 RECNO; in key-only mode a row can repeat.
    pub items: Vec<Item>,
    /// RECNO of the last item on the page; 0 when nothing was found; `maxRecNo` for an empty
    /// page (`lotQuantity` ≤ 0).
    pub last_rec_no: i64,
    /// Highest RECNO matching the search from `startRecNo`; 0 when nothing matches.
    pub max_rec_no: i64,
}

impl GetPage {
    /// Whether this is the final page: `lastRecNo` reached `maxRecNo`, or nothing was found.
    pub fn is_last(&self) -> bool {
        self.last_rec_no >= self.max_rec_no || self.is_not_found()
    }

    /// Whether the page is the single not-found item.
    pub fn is_not_found(&self) -> bool {
        matches!(self.items.as_slice(), [Item::NotFound(_)])
    }
}

/// Appends the page's opening up to and including `"items" : [`: the first fragment the
/// server's byte counter measures (spec §4.6).
pub(crate) fn encode_head(kind: KeyKind, code: &str, out: &mut String) {
    out.push_str("{ \"type\" : \"");
    out.push_str(kind.wire_name());
    out.push_str("\",\"code\" : \"");
    push_escaped(out, code);
    out.push_str("\",\"items\" : [");
}

impl Wire for GetPage {
    /// The server's layout: `{ "type" : "…","code" : "…","items" : […],"lastRecNo" : N,"maxRecNo" : N}`.
    fn encode_into(&self, out: &mut String) {
        encode_head(self.kind, &self.code, out);
        for (index, item) in self.items.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            item.encode_into(out);
        }
        out.push_str("],\"lastRecNo\" : ");
        out.push_str(&self.last_rec_no.to_string());
        out.push_str(",\"maxRecNo\" : ");
        out.push_str(&self.max_rec_no.to_string());
        out.push('}');
    }

    fn decode_str(text: &str) -> Result<Self, DecodeError> {
        read_text(text, |reader| {
            let start = reader.value_start();
            let mut kind = None;
            let mut code = None;
            let mut items = None;
            let mut last_rec_no = None;
            let mut max_rec_no = None;
            reader.object(|reader, key, _| {
                match key.as_ref() {
                    "type" => {
                        let at = reader.value_start();
                        let name = reader.string_of("type")?;
                        kind = Some(KeyKind::from_wire_name(&name).ok_or_else(|| {
                            DecodeError::new(
                                DecodeErrorKind::InvalidValue,
                                at,
                                format!("expected ticketCode or registryKey, found {name:?}"),
                            )
                            .within("type")
                        })?);
                    }
                    "code" => code = Some(reader.string_of("code")?),
                    "items" => {
                        let mut list = Vec::new();
                        reader
                            .array(|reader, index| {
                                list.push(
                                    Item::read(reader)
                                        .map_err(|error| error.within(&format!("[{index}]")))?,
                                );
                                Ok(())
                            })
                            .map_err(|error| error.within("items"))?;
                        items = Some(list);
                    }
                    "lastRecNo" => last_rec_no = Some(reader.integer_of("lastRecNo")?),
                    "maxRecNo" => max_rec_no = Some(reader.integer_of("maxRecNo")?),
                    _ => reader.skip_value()?,
                }
                Ok(())
            })?;
            let missing = |field| DecodeError::missing(field, start);
            Ok(Self {
                kind: kind.ok_or_else(|| missing("type"))?,
                code: code.ok_or_else(|| missing("code"))?,
                items: items.ok_or_else(|| missing("items"))?,
                last_rec_no: last_rec_no.ok_or_else(|| missing("lastRecNo"))?,
                max_rec_no: max_rec_no.ok_or_else(|| missing("maxRecNo"))?,
            })
        })
    }
}

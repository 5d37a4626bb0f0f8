//! Property tests: decoding what the encoders write gives the original value back, and no
//! input makes a decoder panic.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use taf_core::catalog::LoteField;
use taf_core::{
    DeleteRequest, DeleteResponse, ErrorEntry, Fault, FaultBody, GetPage, GetQuery, Item, ItemId,
    KeyKind, KeyOutcome, KeyResult, LoteItem, NotFoundItem, PendingItem, PostRequest, PostResponse,
    ProcessedItem, Reply, StreamingError, Wire,
};

/// Any text, including quotes, backslashes, control characters and non-ASCII letters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,12}",
        "[\"\\\\\t\r\n\u{0}-\u{1f}áçãé€]{0,6}",
    ]
}

fn lote_item() -> impl Strategy<Value = LoteItem> {
    vec(option::of(text()), LoteField::ALL.len()).prop_map(|values| {
        let mut item = LoteItem::default();
        for (field, value) in LoteField::ALL.into_iter().zip(values) {
            item.set(field, value);
        }
        item
    })
}

fn error_entry() -> impl Strategy<Value = ErrorEntry> {
    (any::<u32>(), text()).prop_map(|(code, description)| ErrorEntry { code, description })
}

fn key_result() -> impl Strategy<Value = KeyResult> {
    (text(), option::of(vec(error_entry(), 0..3))).prop_map(|(key, errors)| KeyResult {
        key,
        outcome: match errors {
            None => KeyOutcome::Accepted,
            Some(errors) => KeyOutcome::Rejected { errors },
        },
    })
}

fn item_id() -> impl Strategy<Value = ItemId> {
    (any::<bool>(), text()).prop_map(|(ticket, value)| {
        ItemId::new(
            if ticket {
                KeyKind::TicketCode
            } else {
                KeyKind::RegistryKey
            },
            value,
        )
    })
}

fn streaming_errors() -> impl Strategy<Value = Vec<StreamingError>> {
    vec(
        (text(), text()).prop_map(|(code, detail)| StreamingError { code, detail }),
        0..3,
    )
}

fn item() -> impl Strategy<Value = Item> {
    let processed = (
        (text(), item_id(), text(), option::of(text()), any::<bool>()),
        (text(), option::of(text()), streaming_errors(), text()),
    )
        .prop_map(
            |(
                (description, id, status_code, status_description, active),
                (receipt_number, delete_type, streaming_errors, xml_ret_response),
            )| {
                Item::Processed(ProcessedItem {
                    description,
                    id,
                    status_code,
                    status_description,
                    active,
                    receipt_number,
                    delete_type,
                    streaming_errors,
                    xml_ret_response,
                })
            },
        );
    let pending = (
        (text(), item_id(), vec(text(), 9)),
        (streaming_errors(), text()),
    )
        .prop_map(
            |((description, id, fields), (streaming_errors, xml_ret_response))| {
                let mut fields = fields.into_iter();
                let mut next = || fields.next().unwrap_or_default();
                Item::Pending(PendingItem {
                    description,
                    id,
                    error_code: next(),
                    error_description: next(),
                    error_detail: next(),
                    registry_priority: next(),
                    integration_queue: next(),
                    erp_owner: next(),
                    registry_predecessor: next(),
                    transfer_branch: next(),
                    complement: next(),
                    streaming_errors,
                    xml_ret_response,
                })
            },
        );
    let not_found = (text(), item_id())
        .prop_map(|(description, id)| Item::NotFound(NotFoundItem { description, id }));
    prop_oneof![processed, pending, not_found]
}

fn page() -> impl Strategy<Value = GetPage> {
    (
        any::<bool>(),
        text(),
        vec(item(), 0..5),
        any::<i64>(),
        any::<i64>(),
    )
        .prop_map(|(ticket, code, items, last_rec_no, max_rec_no)| GetPage {
            kind: if ticket {
                KeyKind::TicketCode
            } else {
                KeyKind::RegistryKey
            },
            code,
            items,
            last_rec_no,
            max_rec_no,
        })
}

fn query() -> impl Strategy<Value = GetQuery> {
    (
        (
            option::of(text()),
            option::of(text()),
            option::of(any::<i64>()),
        ),
        (
            option::of(any::<i64>()),
            option::of(text()),
            option::of(any::<i64>()),
        ),
        (option::of(any::<i64>()), option::of(any::<bool>())),
    )
        .prop_map(
            |(
                (ticket_code, registry_key, start_rec_no),
                (search_mode, source_branch, query_elements),
                (lot_quantity, return_ret_response),
            )| GetQuery {
                ticket_code,
                registry_key,
                start_rec_no,
                search_mode,
                source_branch,
                query_elements,
                lot_quantity,
                return_ret_response,
            },
        )
}

fn fault() -> impl Strategy<Value = Fault> {
    let body = prop_oneof![
        (any::<i64>(), text()).prop_map(|(code, message)| FaultBody::Classic { code, message }),
        (any::<i64>(), text()).prop_map(|(code, message)| FaultBody::Modern { code, message }),
        "<[a-z]{0,12}>( [a-z]{1,5})?".prop_map(FaultBody::Raw),
    ];
    (400_u16..600, body).prop_map(|(status, body)| Fault { status, body })
}

fn round_trips<T: Wire + PartialEq + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let encoded = value.encode();
    let decoded = T::decode(encoded.as_bytes());
    prop_assert_eq!(decoded.as_ref(), Ok(value), "encoded as {}", encoded);
    Ok(())
}

proptest! {
    #[test]
    fn post_requests_round_trip(ticket_code in text(), lote in vec(lote_item(), 0..4)) {
        round_trips(&PostRequest { ticket_code, lote })?;
    }

    #[test]
    fn post_responses_round_trip(ticket_code in text(), results in vec(key_result(), 0..4)) {
        let response = PostResponse { ticket_code, results };
        round_trips(&response)?;
        let reply = Reply::<PostResponse>::decode(200, response.encode().as_bytes());
        prop_assert_eq!(reply, Ok(Reply::Body(response)));
    }

    #[test]
    fn pages_round_trip(page in page()) {
        round_trips(&page)?;
        let reply = Reply::<GetPage>::decode(200, page.encode().as_bytes());
        prop_assert_eq!(reply, Ok(Reply::Body(page)));
    }

    #[test]
    fn envelopes_round_trip_whatever_the_status(entry in error_entry(), status in 100_u16..600) {
        round_trips(&entry)?;
        let reply = Reply::<GetPage>::decode(status, entry.encode().as_bytes());
        prop_assert_eq!(reply, Ok(Reply::Envelope(entry)));
    }

    #[test]
    fn deletes_round_trip(tickets in vec(text(), 0..4), success in any::<bool>()) {
        round_trips(&DeleteRequest { tickets })?;
        round_trips(&DeleteResponse { success })?;
    }

    #[test]
    fn queries_round_trip(query in query()) {
        prop_assert_eq!(GetQuery::from_query_string(&query.to_query_string()), Ok(query));
    }

    #[test]
    fn faults_round_trip(fault in fault()) {
        let decoded = Reply::<PostResponse>::decode(fault.status, fault.encode_body().as_bytes());
        prop_assert_eq!(decoded, Ok(Reply::Fault(fault)));
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_bytes(bytes in vec(any::<u8>(), 0..256), status in 0_u16..700) {
        let _ = Reply::<PostResponse>::decode(status, &bytes);
        let _ = Reply::<GetPage>::decode(status, &bytes);
        let _ = Reply::<DeleteResponse>::decode(status, &bytes);
        let _ = PostRequest::decode(&bytes);
        let _ = DeleteRequest::decode(&bytes);
        let _ = GetQuery::from_query_string(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn decoders_never_panic_on_damaged_pages(page in page(), cut in any::<prop::sample::Index>(), flip in any::<u8>()) {
        let mut bytes = page.encode().into_bytes();
        if !bytes.is_empty() {
            let at = cut.index(bytes.len());
            bytes[at] ^= flip;
            let _ = Reply::<GetPage>::decode(200, &bytes);
            bytes.truncate(at);
            let _ = Reply::<GetPage>::decode(200, &bytes);
        }
    }
}

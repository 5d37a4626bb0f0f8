//! Property: for generated items, the verdict's per-item result is what the rule functions give
//! when called one by one in the documented order (813, then the fourteen fields: presence,
//! column, blank, validator), and the request-level envelope is the branch rules' answer.

use proptest::prelude::*;
use taf_core::catalog::LoteField;
use taf_core::preflight::rules::{self, RegistryTypes};
use taf_core::preflight::{Answer, Preflight, ServerRules};
use taf_core::{BranchMap, ErrorEntry, LoteItem, PostRequest, Wire};

fn branches() -> BranchMap {
    BranchMap::default()
        .with("G1", "B1")
        .with("G1", "B10")
        .with("G2", "B2")
}

fn arb_item() -> impl Strategy<Value = LoteItem> {
    let value =
        |values: &'static [&'static str]| proptest::option::of(proptest::sample::select(values));
    (
        value(&["B1", "B2", "BX", "B10", " B1 ", ""]),
        value(&["1", "2", "3", "12", "", " 2"]),
        value(&["001", "", "  "]),
        value(&["S-1010", "S-9999", "T005", "T999", "R-1000", "S-2100", ""]),
        value(&["K1", "K2", ""]),
        value(&["PGE+PC9hPg==", "", "not base64"]),
        value(&["0", "5", "6", "", " 3"]),
        value(&["1", "F", ""]),
        value(&["20250101", "x"]),
    )
        .prop_map(
            |(branch, kind, seq, registry, key, message, priority, queue, date)| {
                let mut item = LoteItem::default();
                let fields = [
                    (LoteField::SourceBranch, branch),
                    (LoteField::MessageType, kind),
                    (LoteField::MessageSequential, seq),
                    (LoteField::RegistryType, registry),
                    (LoteField::RegistryKey, key),
                    (LoteField::IntegrationMessage, message),
                    (LoteField::RegistryPriority, priority),
                    (LoteField::IntegrationQueue, queue),
                    (LoteField::IntegrationDate, date),
                ];
                for (field, value) in fields {
                    item.set(field, value.map(str::to_owned));
                }
                item
            },
        )
}

/// The first failing rule of an item, called directly.
fn by_the_rules(item: &LoteItem, first_branch: &str, map: &BranchMap) -> Result<(), ErrorEntry> {
    for field in LoteField::ALL {
        let value = item.get(field);
        rules::present(field, value)?;
        let Some(value) = value else { continue };
        rules::column_exists(field, &[])?;
        rules::not_blank(field, value)?;
        match field {
            LoteField::SourceBranch => rules::item_branch(value, first_branch, Some(map))?,
            LoteField::MessageType => rules::message_type(value)?,
            LoteField::RegistryType => rules::registry_type(value, &RegistryTypes::Catalogue)?,
            LoteField::RegistryPriority => rules::priority(value)?,
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn verdict_equals_the_rules_item_by_item(first in arb_item(), second in arb_item()) {
        let map = branches();
        let request = PostRequest { ticket_code: "T1".to_owned(), lote: vec![first, second] };
        let verdict = Preflight::new(ServerRules { branches: map.clone(), ..ServerRules::default() }).check(&request);
        let body = request.encode();
        let scanned = rules::scan_source_branch(body.as_bytes());
        if let Err(envelope) = rules::request_branch(scanned.as_deref(), &map) {
            prop_assert_eq!(verdict.answer, Answer::Envelope(envelope));
            return Ok(());
        }
        let first_branch = scanned.unwrap_or_default();
        let crashes = request.lote.iter().position(|item| {
            [LoteField::SourceBranch, LoteField::RegistryType, LoteField::RegistryKey]
                .into_iter()
                .any(|field| item.get(field).is_none())
        });
        let Answer::Keys(keys) = &verdict.answer else {
            prop_assert!(matches!(&verdict.answer, Answer::WorkerCrash(crash) if crash.item == crashes));
            return Ok(());
        };
        prop_assert_eq!(crashes, None);
        let mut pending: Vec<(String, String, String)> = Vec::new();
        for (item, result) in request.lote.iter().zip(&keys.results) {
            let trim = |field| item.get(field).unwrap_or_default().trim_end().to_owned();
            let identity = (trim(LoteField::SourceBranch), trim(LoteField::RegistryType), trim(LoteField::RegistryKey));
            let expected = if pending.contains(&identity) {
                Err(ErrorEntry::new(taf_core::catalog::ServerCode::KeyPending, taf_core::messages::key_pending(item.get(LoteField::RegistryKey).unwrap_or_default())))
            } else {
                by_the_rules(item, &first_branch, &map)
            };
            prop_assert_eq!(result.error().cloned(), expected.clone().err());
            if expected.is_ok() && item.get(LoteField::MessageType).is_some_and(|kind| kind.starts_with('2')) {
                pending.push(identity);
            }
        }
    }
}

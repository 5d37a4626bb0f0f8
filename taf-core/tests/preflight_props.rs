//! Property: for generated two-item lotes, the verdict is what an independent oracle expects.
//! The oracle is written here from the spec (§3.2 request checks, §3.3 item order, §3.4
//! validators, §6 codes) for the values the generator can produce, without calling the crate's
//! rule functions: the expected code of each generated value is spelled out.

use proptest::prelude::*;
use taf_core::catalog::LoteField;
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::server::PostAnswer;
use taf_core::{BranchMap, LoteItem, PostRequest, Wire};

/// Branch → company group, as registered on the server.
const GROUPS: [(&str, &str); 3] = [("B1", "G1"), ("B10", "G1"), ("B2", "G2")];

fn branches() -> BranchMap {
    GROUPS
        .iter()
        .fold(BranchMap::default(), |map, (branch, group)| {
            map.with(group, branch)
        })
}

fn group(branch: &str) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|(known, _)| *known == branch)
        .map(|(_, group)| *group)
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

/// `WSGetPostFil` on the raw body (§3.2 step 2): from one character before the first
/// `sourceBranch` to the next comma, what follows the first `:`, quotes deleted, spaces trimmed.
fn scan(body: &str) -> Option<String> {
    let at = body.find("sourceBranch")?;
    let after_key = at + "sourceBranch".len();
    let end = body[after_key..]
        .find(',')
        .map_or(body.len(), |comma| after_key + comma);
    let segment = &body[at - 1..end];
    let value = segment.split_once(':').map_or(segment, |(_, value)| value);
    Some(value.replace('"', "").trim_matches(' ').to_owned())
}

/// The request-level envelope code, if any (§3.2 steps 3–4).
fn envelope(scanned: Option<&str>) -> Option<u32> {
    match scanned {
        None => Some(803),
        Some("") => Some(811),
        Some(branch) if group(branch).is_none() => Some(803),
        Some(_) => None,
    }
}

/// The code of each generated value in the walk's field order (§3.3 step 4), `None` when the
/// field passes.
fn item_code(item: &LoteItem, first_branch: &str) -> Option<u32> {
    let value = |field| item.get(field);
    let required = [
        LoteField::SourceBranch,
        LoteField::MessageType,
        LoteField::MessageSequential,
        LoteField::RegistryType,
        LoteField::RegistryKey,
        LoteField::IntegrationMessage,
    ];
    for field in LoteField::ALL {
        let Some(text) = value(field) else {
            if required.contains(&field) {
                return Some(800);
            }
            continue;
        };
        let trimmed = text.trim_matches(' ');
        if required.contains(&field) && trimmed.is_empty() {
            return Some(801);
        }
        let code = match field {
            // Skipped when it begins with the first item's branch (non-exact `!=`).
            LoteField::SourceBranch if trimmed.starts_with(first_branch) => None,
            LoteField::SourceBranch => match (group(trimmed), group(first_branch)) {
                (None, _) => Some(803),
                (Some(own), Some(first)) if own != first => Some(812),
                _ => None,
            },
            // A substring of "12": "1", "2" and "12" pass; "3" does not.
            LoteField::MessageType => (trimmed == "3").then_some(802),
            // In TafRotinas or T999: S-1010, R-1000, the TXT layout T005 and T999 pass; S-9999
            // and S-2100 (a layout-2.2 event TAF no longer routes) do not.
            LoteField::RegistryType => matches!(trimmed, "S-9999" | "S-2100").then_some(804),
            // "0" to "5" only; present-but-empty fails too.
            LoteField::RegistryPriority => matches!(trimmed, "6" | "").then_some(805),
            _ => None,
        };
        if code.is_some() {
            return code;
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_verdict_matches_an_independent_oracle(first in arb_item(), second in arb_item()) {
        let request = PostRequest { ticket_code: "T1".to_owned(), lote: vec![first, second] };
        let verdict = Preflight::new(ServerRules::new(branches()))
            .check(&request);
        let scanned = scan(&request.encode());
        if let Some(code) = envelope(scanned.as_deref()) {
            prop_assert!(
                matches!(&verdict.answer, PostAnswer::Envelope(entry) if entry.code == code),
                "expected envelope {}, got {:?}", code, verdict.answer
            );
            return Ok(());
        }
        let first_branch = scanned.unwrap_or_default();
        // A missing branch, type or key crashes the worker at that item (§3.3 steps 1–2).
        let crashes = request.lote.iter().position(|item| {
            [LoteField::SourceBranch, LoteField::RegistryType, LoteField::RegistryKey]
                .into_iter()
                .any(|field| item.get(field).is_none())
        });
        if let Some(at) = crashes {
            prop_assert!(
                matches!(&verdict.answer, PostAnswer::WorkerCrash(crash) if crash.item == Some(at)),
                "expected a crash at {}, got {:?}", at, verdict.answer
            );
            return Ok(());
        }
        let PostAnswer::Keys(keys) = &verdict.answer else {
            return Err(TestCaseError::fail(format!("expected keys, got {:?}", verdict.answer)));
        };
        // 813 first: an XML row ("2" in the one-character TAFCODMSG) stored earlier in this lote
        // with the same branch, type and key, compared without trailing spaces.
        let mut stored_xml: Vec<[String; 3]> = Vec::new();
        for (item, result) in request.lote.iter().zip(&keys.results) {
            let column = |field| item.get(field).unwrap_or_default().trim_end_matches(' ').to_owned();
            let identity = [
                column(LoteField::SourceBranch),
                column(LoteField::RegistryType),
                column(LoteField::RegistryKey),
            ];
            let expected = if stored_xml.contains(&identity) {
                Some(813)
            } else {
                item_code(item, &first_branch)
            };
            prop_assert_eq!(result.error().map(|entry| entry.code), expected);
            let is_xml = item.get(LoteField::MessageType).is_some_and(|kind| kind.starts_with('2'));
            if expected.is_none() && is_xml {
                stored_xml.push(identity);
            }
        }
    }
}

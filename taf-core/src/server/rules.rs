//! The server's POST rules, one function each (spec §3.2–§3.5 and §6). The preflight and the
//! emulator both call these, so there is one truth.
//!
//! Each function returns `Err` with what the server answers when its rule fails. Values are
//! trimmed as ADVPL's `AllTrim` does (spaces only).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::catalog::{FaultCode, LoteField, ServerCode};
use crate::event::{SniffLimits, catalogue, sniff};
use crate::server::BranchMap;
use crate::wire::ErrorEntry;
use crate::wire::Fault;
use crate::wire::messages;

use crate::wire::text::all_trim;

/// 704: the body is empty (ADVPL's `Empty`: nothing but blanks).
pub fn empty_body(body: &[u8]) -> Result<(), Fault> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Err(Fault::classic(
            FaultCode::MissingContent,
            messages::EMPTY_BODY,
        ))
    } else {
        Ok(())
    }
}

/// `WSGetPostFil`: the branch the server finds by a text scan of the raw body, before any JSON
/// parsing. From the first occurrence of the exact text `sourceBranch`, it takes the text up to
/// the next comma (or the rest of the body), keeps what follows the first `:`, deletes every `"`
/// and trims. `None` when the text does not occur (the server then reads junk and answers 803).
pub fn scan_source_branch(body: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"sourceBranch";
    let at = body.windows(KEY.len()).position(|window| window == KEY)?;
    let from = at.saturating_sub(1);
    let key_end = at + KEY.len();
    let end = body
        .get(key_end..)
        .and_then(|after| after.iter().position(|&byte| byte == b','))
        .map_or(body.len(), |comma| key_end + comma);
    let segment = body.get(from..end).unwrap_or_default();
    let value = segment
        .iter()
        .position(|&byte| byte == b':')
        .and_then(|colon| segment.get(colon + 1..))
        .unwrap_or(segment);
    let value: Vec<u8> = value.iter().copied().filter(|&byte| byte != b'"').collect();
    let (text, _) = crate::wire::text::decode_text(&value);
    Some(all_trim(&text).to_owned())
}

/// 811 / 803: the request-level branch check on the scanned value (an HTTP 200 envelope).
pub fn request_branch(scanned: Option<&str>, branches: &BranchMap) -> Result<(), ErrorEntry> {
    match scanned {
        Some("") => Err(ErrorEntry::new(
            ServerCode::BranchNotIdentified,
            messages::BRANCH_NOT_IDENTIFIED,
        )),
        Some(branch) if branches.group_of(branch).is_some() => Ok(()),
        _ => Err(unknown_branch()),
    }
}

/// 705: the body is not JSON (checked after the branch scan).
pub fn parse_failure() -> Fault {
    Fault::classic(FaultCode::ParseFailure, messages::PARSE_FAILURE)
}

/// What 813 looks at: XML rows (`TAFCODMSG = '2'`) still pending or in processing.
pub trait PendingIndex {
    /// Whether such a row exists with this branch, registry type and key.
    fn is_pending(&self, branch: &str, registry_type: &str, key: &str) -> bool;
}

/// `TafChkKey` builds its SQL with `sourceBranch` and `registryType` unescaped (only the key has
/// its `'` doubled): an apostrophe in either breaks the statement and crashes the worker
/// (spec §3.3 step 2, §7 quirk 19). Gives the field that does.
pub fn breaks_key_check(branch: &str, registry_type: &str) -> Option<LoteField> {
    if branch.contains('\'') {
        Some(LoteField::SourceBranch)
    } else if registry_type.contains('\'') {
        Some(LoteField::RegistryType)
    } else {
        None
    }
}

/// 813 (`TafChkKey`, checked before any field): an XML row with the same branch, type and key is
/// still pending. The incoming `messageType` plays no part.
pub fn key_pending(
    branch: &str,
    registry_type: &str,
    key: &str,
    pending: &impl PendingIndex,
) -> Result<(), ErrorEntry> {
    if pending.is_pending(branch, registry_type, key) {
        Err(ErrorEntry::new(
            ServerCode::KeyPending,
            messages::key_pending(key),
        ))
    } else {
        Ok(())
    }
}

/// 800: a required tag is absent.
pub fn present(field: LoteField, value: Option<&str>) -> Result<(), ErrorEntry> {
    if value.is_none() && field.is_required() {
        Err(ErrorEntry::new(
            ServerCode::MissingField,
            messages::missing_field(field),
        ))
    } else {
        Ok(())
    }
}

/// 808: a present tag whose column the server's TAFST2 lacks.
pub fn column_exists(field: LoteField, missing_columns: &[LoteField]) -> Result<(), ErrorEntry> {
    if missing_columns.contains(&field) {
        Err(ErrorEntry::new(
            ServerCode::OutdatedTable,
            messages::outdated_table(field),
        ))
    } else {
        Ok(())
    }
}

/// 801: a required value that is blank after trimming.
pub fn not_blank(field: LoteField, value: &str) -> Result<(), ErrorEntry> {
    if field.is_required() && all_trim(value).is_empty() {
        Err(ErrorEntry::new(
            ServerCode::BlankField,
            messages::blank_field(field),
        ))
    } else {
        Ok(())
    }
}

/// 803 / 810 / 812 (`xValidFil`): an item's branch against the first branch the scan found.
///
/// Skipped when the trimmed value begins with the first branch (ADVPL's non-exact `!=`). Then
/// a missing `keyTafJob` map (`branches` is `None`) gives 810, an unknown branch 803, and a
/// branch of another company group 812 (quoting the value as sent).
pub fn item_branch(
    value: &str,
    first_branch: &str,
    branches: Option<&BranchMap>,
) -> Result<(), ErrorEntry> {
    if all_trim(value).starts_with(first_branch) {
        return Ok(());
    }
    let Some(branches) = branches else {
        return Err(ErrorEntry::new(
            ServerCode::BranchMapMissing,
            messages::BRANCH_MAP_MISSING,
        ));
    };
    match branches.group_of(value) {
        None => Err(unknown_branch()),
        Some(group) if Some(group) != branches.group_of(first_branch) => Err(ErrorEntry::new(
            ServerCode::OtherCompanyGroup,
            messages::other_company_group(value),
        )),
        Some(_) => Ok(()),
    }
}

/// 802 (`xValTpMes`): the trimmed value must be a substring of "12", so "12" itself passes.
pub fn message_type(value: &str) -> Result<(), ErrorEntry> {
    if "12".contains(all_trim(value)) {
        Ok(())
    } else {
        Err(ErrorEntry::new(
            ServerCode::InvalidMessageType,
            messages::INVALID_MESSAGE_TYPE,
        ))
    }
}

/// The `registryType` values the server's routine table (`TafRotinas`) accepts.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistryTypes {
    /// The event catalogue (every `S-`/`R-` code TAF knows) and the TXT layouts `T000`–`T998`.
    /// The real list of TXT layouts is installation data, so any `T` and three digits passes.
    #[default]
    Catalogue,
    /// Exactly these codes (case-sensitive), as read from a real `TafRotinas`.
    Exact(Vec<String>),
}

impl RegistryTypes {
    /// Whether the trimmed code is accepted (`T999` always is).
    pub fn accepts(&self, code: &str) -> bool {
        code == "T999"
            || match self {
                Self::Catalogue => catalogue::is_routine(code) || catalogue::is_txt_layout(code),
                Self::Exact(codes) => codes.iter().any(|known| known == code),
            }
    }
}

/// 804 (`xValLayout`): the trimmed value must be `T999` or a known layout or event code.
pub fn registry_type(value: &str, accepted: &RegistryTypes) -> Result<(), ErrorEntry> {
    if accepted.accepts(all_trim(value)) {
        Ok(())
    } else {
        Err(ErrorEntry::new(
            ServerCode::InvalidLayout,
            messages::invalid_layout(value),
        ))
    }
}

/// 805 (`xValPriority`): the trimmed value must be one of "0" to "5". Runs on a present but empty
/// tag too, so `""` fails; only an absent tag defaults to "5".
pub fn priority(value: &str) -> Result<(), ErrorEntry> {
    if matches!(all_trim(value), "0" | "1" | "2" | "3" | "4" | "5") {
        Ok(())
    } else {
        Err(ErrorEntry::new(
            ServerCode::InvalidPriority,
            messages::invalid_priority(value),
        ))
    }
}

/// 807, a **hypothesis** (no code path in the known server source, spec §6): builds that check
/// the queue accept only "0", "1" or an empty value. Called only when the rule is switched on.
pub fn queue(value: &str) -> Result<(), ErrorEntry> {
    if matches!(all_trim(value), "" | "0" | "1") {
        Ok(())
    } else {
        Err(ErrorEntry::new(
            ServerCode::InvalidQueue,
            messages::invalid_queue(value),
        ))
    }
}

/// 814, a **hypothesis** (spec §6, `esocial-domain.md` §2.1): a layout-2.5 TAF accepts S-1.x
/// XML (`v_S_01_xx_xx`) only for the SESMT events. Called only when the rule is switched on.
/// A message that is not base64 or not XML passes: the rule only reads a namespace it finds.
pub fn layout_version(message: &str, registry_type: &str) -> Result<(), ErrorEntry> {
    let Ok(bytes) = STANDARD.decode(message.trim()) else {
        return Ok(());
    };
    let Ok(info) = sniff(&bytes, SniffLimits::default()) else {
        return Ok(());
    };
    let registry_type = all_trim(registry_type);
    let sesmt = catalogue::SESMT.contains(&registry_type);
    match info.version {
        Some(version) if version.is_simplified() && !sesmt => Err(ErrorEntry::new(
            ServerCode::UnsupportedVersion,
            messages::UNSUPPORTED_VERSION,
        )),
        _ => Ok(()),
    }
}

fn unknown_branch() -> ErrorEntry {
    ErrorEntry::new(ServerCode::UnknownBranch, messages::UNKNOWN_BRANCH)
}

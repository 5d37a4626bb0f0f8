//! What the preflight reports: findings with a stable code, a severity and a suggested fix.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::catalog::{FaultCode, ServerCode};

/// A problem the real server never reports, or reports in a misleading way (spec,
/// "Implementation guidance"). The codes (`W01`…) are stable and distinct from server codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Check {
    /// W01: `integrationMessage` is not valid base64; the server stores garbage.
    InvalidBase64,
    /// W02: a value is longer than its column and would be truncated silently.
    TooLong,
    /// W03: a value holds `"`, `\` or a control character (CR and LF included); the server
    /// echoes it unescaped and breaks its own JSON.
    UnescapedCharacter,
    /// W04: the first `sourceBranch` is not where the server's text scan looks for it.
    BranchScanTrap,
    /// W05: an `integrationQueue` other than exactly "1" is stored blank: warned unless it is
    /// "0" or empty, which mean no queue anyway ("F" and " 1" included).
    QueueNotStored,
    /// W06: several XML parts in the lote share branch, type and key; all but the first get 813.
    SharedXmlKey,
    /// W07: the XML declaration is not exactly UTF-8 in double quotes, so the server keeps it and
    /// the integration job fails (TAFXERP `000001`).
    XmlDeclaration,
    /// W08: the event element is not the one TAF expects for `registryType`.
    RootMismatch,
    /// W09: an S-1.x event that is not SESMT: a layout-2.5 TAF answers 814.
    LegacyLayout,
    /// W10: an EFD-Reinf event: it passes the POST but the job handles it as eSocial and fails.
    ReinfEvent,
    /// W11: an apostrophe in a `registryKey` or `ticketCode`: every later GET by it puts it
    /// into SQL unescaped and fails. (In `sourceBranch` or `registryType` the POST itself
    /// crashes the worker: [`Check::WorkerCrash`], an error.)
    Apostrophe,
    /// W12: `messageType` "12" passes and is stored truncated to "1" (TXT).
    MessageType12,
    /// W13: a later item's branch begins with the first item's branch and is not validated.
    BranchPrefix,
    /// W14: `integrationDate` is not a valid `YYYYMMDD`; it is stored as an empty date.
    InvalidDate,
    /// W15: `integrationTime` is not `HH:MM:SS`.
    InvalidTime,
    /// W16: a TXT line does not start and end with `|` and CRLF, or its register is not
    /// `registryType`.
    TxtLayout,
    /// W17: the XML is not well-formed, or is refused (DOCTYPE, depth, size).
    MalformedEvent,
    /// W18: the event element has no `Id`/`id` of 36 characters.
    EventId,
    /// W19: a totaliser event (S-5xxx, R-9xxx): the government returns those, nobody posts them.
    Totaliser,
    /// W20: a non-string value, a missing key/branch/type, or an apostrophe in the branch or
    /// type: the server's worker crashes (an empty answer, items before it stored) instead of
    /// answering 800 (an error, not a warning).
    WorkerCrash,
    /// W21: the `ticketCode` is blank: the server stores the items, but a GET counts a blank
    /// ticket as absent, so no GET by ticket finds them.
    BlankTicket,
    /// W22: no branch is registered in the preflight's set-up, so 803, 810 and 812 are not
    /// predicted: the verdict says nothing about the branches.
    BranchesUnknown,
    /// W23: the eSocial event breaks its layout's schema: TAF stores, integrates and transmits
    /// it, and the government rejects it (TSS status 3, TAF `statusCode` "3"). An error; a
    /// warning for a required element missing from a partial event, or for a layout no schema
    /// is known for.
    Schema,
}

impl Check {
    /// The stable code, `W01` to `W22`.
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidBase64 => "W01",
            Self::TooLong => "W02",
            Self::UnescapedCharacter => "W03",
            Self::BranchScanTrap => "W04",
            Self::QueueNotStored => "W05",
            Self::SharedXmlKey => "W06",
            Self::XmlDeclaration => "W07",
            Self::RootMismatch => "W08",
            Self::LegacyLayout => "W09",
            Self::ReinfEvent => "W10",
            Self::Apostrophe => "W11",
            Self::MessageType12 => "W12",
            Self::BranchPrefix => "W13",
            Self::InvalidDate => "W14",
            Self::InvalidTime => "W15",
            Self::TxtLayout => "W16",
            Self::MalformedEvent => "W17",
            Self::EventId => "W18",
            Self::Totaliser => "W19",
            Self::WorkerCrash => "W20",
            Self::BlankTicket => "W21",
            Self::BranchesUnknown => "W22",
            Self::Schema => "W23",
        }
    }

    /// Where the problem surfaces.
    pub fn step(self) -> Step {
        match self {
            Self::UnescapedCharacter
            | Self::BranchScanTrap
            | Self::SharedXmlKey
            | Self::LegacyLayout
            | Self::WorkerCrash
            | Self::BranchesUnknown => Step::Post,
            Self::InvalidBase64
            | Self::XmlDeclaration
            | Self::RootMismatch
            | Self::ReinfEvent
            | Self::TxtLayout
            | Self::MalformedEvent => Step::Integration,
            Self::EventId | Self::Totaliser | Self::Schema => Step::Government,
            Self::TooLong
            | Self::QueueNotStored
            | Self::Apostrophe
            | Self::MessageType12
            | Self::BranchPrefix
            | Self::InvalidDate
            | Self::InvalidTime
            | Self::BlankTicket => Step::Unreported,
        }
    }
}

/// The step of an event's way to the government at which a problem surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Step {
    /// The POST answer: codes 800–814, faults 701–705, a crashed worker.
    Post,
    /// TAF's integration job (TAFXERP) fails on the stored record.
    Integration,
    /// The government rejects the transmitted event (schema; TSS status 3).
    Government,
    /// No step reports it: a value is lost silently, or a later GET fails.
    Unreported,
}

impl Step {
    /// The step's name as the JSON verdict writes it: `post`, `integration`, `government`,
    /// `unreported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Integration => "integration",
            Self::Government => "government",
            Self::Unreported => "unreported",
        }
    }
}

/// A finding's code: the server's own, or one of the preflight's checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCode {
    /// A business code the server answers with (800–814).
    Server(ServerCode),
    /// A framework fault (701–705).
    Fault(FaultCode),
    /// A preflight check.
    Check(Check),
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Server(code) => write!(f, "{}", code.number()),
            Self::Fault(code) => write!(f, "{}", code.number()),
            Self::Check(check) => f.write_str(check.code()),
        }
    }
}

impl FindingCode {
    /// Where a finding with this code surfaces.
    pub fn step(self) -> Step {
        match self {
            Self::Server(_) | Self::Fault(_) => Step::Post,
            Self::Check(check) => check.step(),
        }
    }
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// The item (or the whole request) will be accepted, but something is silently lost or will
    /// fail later.
    Warning,
    /// The item (or the whole request) will be rejected: by the server's answer, or, for a
    /// schema error, by the government after TAF transmits it.
    Error,
}

impl Severity {
    /// The severity's name as the JSON verdict writes it: `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One problem: where, which code, what the server does, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Index of the `lote[]` item, `None` for the request as a whole.
    pub item: Option<usize>,
    /// The JSON key concerned (`registryKey`, `ticketCode`, ...), `None` for the whole body.
    pub field: Option<&'static str>,
    /// The code.
    pub code: FindingCode,
    /// Error (the event is rejected at [`Finding::step`]) or warning.
    pub severity: Severity,
    /// What happens, in the server's words for server codes.
    pub message: String,
    /// What to change.
    pub fix: String,
    /// Where it surfaces: the POST answer, the integration job or the government.
    pub step: Step,
    /// The schema finding of a [`Check::Schema`]: line, element path, rule and value.
    #[serde(
        serialize_with = "schema_json",
        skip_serializing_if = "Option::is_none"
    )]
    pub schema: Option<esocial_schema::Finding>,
}

/// A schema finding as JSON: `{"line", "path", "rule", "value"}`.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
fn schema_json<S: Serializer>(
    finding: &Option<esocial_schema::Finding>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct as _;
    let Some(finding) = finding else {
        return serializer.serialize_none();
    };
    let mut out = serializer.serialize_struct("SchemaFinding", 4)?;
    out.serialize_field("line", &finding.line)?;
    out.serialize_field("path", &finding.path)?;
    out.serialize_field("rule", &finding.rule.to_string())?;
    out.serialize_field("value", &finding.value)?;
    out.end()
}

#[cfg(test)]
mod tests {
    use super::{Severity, Step};

    #[test]
    fn names_are_the_json_names() {
        for step in [
            Step::Post,
            Step::Integration,
            Step::Government,
            Step::Unreported,
        ] {
            assert_eq!(serde_json::to_value(step).ok(), Some(step.as_str().into()));
        }
        for severity in [Severity::Warning, Severity::Error] {
            assert_eq!(
                serde_json::to_value(severity).ok(),
                Some(severity.as_str().into())
            );
        }
    }
}

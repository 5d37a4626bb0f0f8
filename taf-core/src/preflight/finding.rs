//! What the preflight reports: findings with a stable code, a severity and a suggested fix.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::catalog::{FaultCode, ServerCode};

/// A problem the real server never reports, or reports in a misleading way (spec,
/// "Implementation guidance"). The codes (`W01`…) are stable and distinct from server codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item (or the whole request) will be accepted, but something is silently lost or will
    /// fail later.
    Warning,
    /// The server will reject the item or the request.
    Error,
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
    /// Error or warning.
    pub severity: Severity,
    /// What happens, in the server's words for server codes.
    pub message: String,
    /// What to change.
    pub fix: String,
}

//! Numeric codes the service answers with: validation codes 800–814 and faults 701–705.

use serde::{Deserialize, Serialize};

/// A WSTAFST2 business code (spec §6). Codes 807 and 814 have no code path in the known server
/// source; they are listed because newer builds define their texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ServerCode {
    /// 800: a required tag is absent.
    MissingField,
    /// 801: a required value is blank.
    BlankField,
    /// 802: `messageType` is not 1 or 2.
    InvalidMessageType,
    /// 803: `sourceBranch` is not registered (also hides 809 and 810 at request level).
    UnknownBranch,
    /// 804: `registryType` is not a TAF layout or event.
    InvalidLayout,
    /// 805: `registryPriority` is not 0–5.
    InvalidPriority,
    /// 806: `integrationMessage` could not be decoded (practically unreachable).
    InvalidMessage,
    /// 807: hypothesised invalid `integrationQueue` (no code path in the known source).
    InvalidQueue,
    /// 808: the TAFST2 table lacks the column of a present tag.
    OutdatedTable,
    /// 809: no company groups configured (internal; reported as 803).
    NoCompanyGroups,
    /// 810: the branch map `keyTafJob` is missing.
    BranchMapMissing,
    /// 811: the branch could not be found in the request body.
    BranchNotIdentified,
    /// 812: the item's branch belongs to another company group than the first item's.
    OtherCompanyGroup,
    /// 813: an XML with the same branch, type and key is still pending.
    KeyPending,
    /// 814: the XML layout version is not supported (newer builds; SESMT-only S-1.0).
    UnsupportedVersion,
}

impl ServerCode {
    /// Every code, in numeric order.
    pub const ALL: [Self; 15] = [
        Self::MissingField,
        Self::BlankField,
        Self::InvalidMessageType,
        Self::UnknownBranch,
        Self::InvalidLayout,
        Self::InvalidPriority,
        Self::InvalidMessage,
        Self::InvalidQueue,
        Self::OutdatedTable,
        Self::NoCompanyGroups,
        Self::BranchMapMissing,
        Self::BranchNotIdentified,
        Self::OtherCompanyGroup,
        Self::KeyPending,
        Self::UnsupportedVersion,
    ];

    /// The number on the wire (`coderr`).
    pub fn number(self) -> u32 {
        800 + self as u32
    }

    /// The code with this number, if it is one of 800–814.
    pub fn from_number(number: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.number() == number)
    }
}

/// A framework fault code (`SetRestFault`), sent with HTTP 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FaultCode {
    /// 701: `startRecNo`, or both `ticketCode` and `registryKey`, missing on GET.
    MissingParameter,
    /// 702: TAFST2 or TAFXERP could not be opened; temporary.
    TableUnavailable,
    /// 703: `searchMode` is not 1 or 2.
    InvalidSearchMode,
    /// 704: empty POST body, or a DELETE body without `deleteTicket` / `ticketCode`.
    MissingContent,
    /// 705: the POST body is not JSON.
    ParseFailure,
}

impl FaultCode {
    /// Every fault code, in numeric order.
    pub const ALL: [Self; 5] = [
        Self::MissingParameter,
        Self::TableUnavailable,
        Self::InvalidSearchMode,
        Self::MissingContent,
        Self::ParseFailure,
    ];

    /// The number in the fault body.
    pub fn number(self) -> u32 {
        701 + self as u32
    }

    /// The fault with this number, if it is one of 701–705.
    pub fn from_number(number: i64) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|code| i64::from(code.number()) == number)
    }

    /// Whether sending the same request again can succeed: only 702 is temporary.
    pub fn is_retryable(self) -> bool {
        self == Self::TableUnavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_contiguous_and_round_trip() {
        let numbers: Vec<u32> = ServerCode::ALL
            .into_iter()
            .map(ServerCode::number)
            .collect();
        assert_eq!(numbers, (800..=814).collect::<Vec<_>>());
        assert_eq!(ServerCode::from_number(813), Some(ServerCode::KeyPending));
        assert_eq!(ServerCode::from_number(799), None);
        assert_eq!(ServerCode::from_number(815), None);
        let faults: Vec<u32> = FaultCode::ALL.into_iter().map(FaultCode::number).collect();
        assert_eq!(faults, [701, 702, 703, 704, 705]);
        assert_eq!(FaultCode::from_number(705), Some(FaultCode::ParseFailure));
        assert_eq!(FaultCode::from_number(706), None);
        assert!(FaultCode::TableUnavailable.is_retryable());
        assert!(!FaultCode::ParseFailure.is_retryable());
    }
}

//! TAFXERP integration error codes 000001–000032 (`TAFCodErr()`, esocial-domain §3.3).

use std::fmt;

use serde::{Deserialize, Serialize};

/// What TAF does with a record posted with `integrationQueue "1"` when this error occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Back to the queue (`integrationQueue "F"`); TAF retries on its own.
    Queue,
    /// Rejected (`integrationQueue "R"`); the ERP must correct and resend.
    Reject,
}

/// A TAFXERP error code, `000001` to `000032`, as GET reports it in `errorCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct XerpError(u8);

/// Disposition and English paraphrase of each code, indexed by code − 1.
const TABLE: [(Disposition, &str); 32] = {
    use Disposition::{Queue as Q, Reject as R};
    [
        (R, "structure error: XML parse failure or bad TXT structure"),
        (R, "branch not registered in TAF's company complement"),
        (R, "error deleting the record"),
        (R, "integrity error: the record cannot be deleted"),
        (R, "duplicate record"),
        (
            R,
            "environment out of date: the event's routine or table is missing",
        ),
        (
            Q,
            "the operation in the XML does not match the record's state in TAF",
        ),
        (R, "the XML repeats information in duplicate child keys"),
        (R, "record not integrated; see errorDetail"),
        (Q, "S-2205/S-2206 need an existing S-2200 for the worker"),
        (Q, "S-2306/S-2399 need an existing S-2300"),
        (R, "the parent S-2200 was rejected by the government"),
        (R, "the parent S-2300 was rejected by the government"),
        (
            R,
            "a leave with the same key and no end date already exists (S-2230)",
        ),
        (R, "key fields missing from the message"),
        (Q, "internal system error; try again"),
        (
            R,
            "alteration not allowed while an active finalization exists",
        ),
        (
            R,
            "event not allowed: an active cancellation exists for this leave",
        ),
        (
            Q,
            "not allowed while another alteration is pending transmission",
        ),
        (
            R,
            "rectifying a leave start is not allowed after an alteration or finalization",
        ),
        (Q, "the record was locked by another user"),
        (R, "duplicate-key error"),
        (Q, "the parent S-2300 is awaiting the government's return"),
        (Q, "the parent S-2200 is awaiting the government's return"),
        (Q, "not allowed while another event is pending transmission"),
        (
            R,
            "direct deletion: the target was never transmitted, so TAF deleted it",
        ),
        (R, "S-2399 requires the corresponding S-2300"),
        (
            R,
            "the S-2399's parent S-2300 was rejected by the government",
        ),
        (
            R,
            "the S-2399's parent S-2300 is not valid or not yet transmitted",
        ),
        (
            Q,
            "predecessor error: registryPredecessor is not integrated",
        ),
        (Q, "the record breaks the leave (S-2230) rules"),
        (R, "wrong encoding or empty content"),
    ]
};

impl XerpError {
    /// The code for `000026`: direct deletion, which is a success, not an error.
    pub const DIRECT_DELETION: Self = Self(26);

    /// Parses a six-digit code (surrounding spaces allowed); `None` outside 000001–000032.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u8 = code.parse().ok()?;
        (1..=32).contains(&number).then_some(Self(number))
    }

    /// The number, 1 to 32.
    pub fn number(self) -> u8 {
        self.0
    }

    fn entry(self) -> (Disposition, &'static str) {
        TABLE
            .get(usize::from(self.0) - 1)
            .copied()
            .unwrap_or((Disposition::Reject, ""))
    }

    /// Whether TAF re-queues or rejects a queued record with this error.
    pub fn disposition(self) -> Disposition {
        self.entry().0
    }

    /// An English paraphrase of what the code means.
    pub fn meaning(self) -> &'static str {
        self.entry().1
    }

    /// Whether the code reports a success: `000026`, a direct deletion in TAF.
    pub fn is_success(self) -> bool {
        self == Self::DIRECT_DELETION
    }
}

impl fmt::Display for XerpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl Serialize for XerpError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for XerpError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Self::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown TAFXERP code {code:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_within_range_and_print_back() {
        let code = XerpError::from_code("000007").unwrap();
        assert_eq!(code.to_string(), "000007");
        assert_eq!(code.disposition(), Disposition::Queue);
        assert_eq!(
            XerpError::from_code(" 000032 ").map(XerpError::number),
            Some(32)
        );
        for bad in ["000000", "000033", "7", "00000A", "", "0000007"] {
            assert_eq!(XerpError::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_direct_deletion_is_a_success_and_queue_codes_match_the_table() {
        let queued: Vec<u8> = (1..=32)
            .filter_map(|n| XerpError::from_code(&format!("{n:06}")))
            .filter(|e| e.disposition() == Disposition::Queue)
            .map(XerpError::number)
            .collect();
        assert_eq!(queued, [7, 10, 11, 16, 19, 21, 23, 24, 25, 30, 31]);
        let successes: Vec<u8> = (1..=32)
            .filter_map(|n| XerpError::from_code(&format!("{n:06}")))
            .filter(|e| e.is_success())
            .map(XerpError::number)
            .collect();
        assert_eq!(successes, [26]);
    }
}

//! The rows of the tables the real service reads and writes: TAFST2 (posted items), TAFXERP
//! (the integration job's results) and the TAF records events become.

use serde::{Deserialize, Serialize};

use crate::wire::StreamingError;

/// TAFST2.TAFSTATUS: where a posted row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum St2Status {
    /// "1": written by POST, waiting for the integration job.
    Pending,
    /// "2": picked by a job thread.
    Processing,
    /// "3": processed; the outcome is in TAFXERP.
    Processed,
}

/// One TAFST2 row: a posted lote item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct St2Row {
    /// `R_E_C_N_O_`, ascending in insertion order.
    pub recno: i64,
    /// TAFFIL.
    pub branch: String,
    /// TAFCODMSG: "1" TXT, "2" XML.
    pub message_type: String,
    /// TAFSEQ.
    pub sequential: String,
    /// TAFTPREG.
    pub registry_type: String,
    /// TAFKEY, truncated to 100 characters as the column does.
    pub key: String,
    /// TAFMSG after the server's transforms (declaration and line breaks stripped).
    pub message: Vec<u8>,
    /// TAFSTATUS.
    pub status: St2Status,
    /// TAFTICKET, truncated to 36 characters.
    pub ticket: String,
    /// TAFDATA (`YYYYMMDD`; empty when the value was not a date).
    pub date: String,
    /// TAFHORA.
    pub time: String,
    /// TAFPRIORIT ("5" when the tag was absent).
    pub priority: String,
    /// TAFSTQUEUE ("F" for `integrationQueue "1"`, else blank).
    pub queue: String,
    /// TAFOWNER.
    pub owner: String,
    /// TAFREGPRED.
    pub predecessor: String,
    /// TAFFILTRAN.
    pub transfer_branch: String,
    /// TAFCOMP.
    pub complement: String,
}

/// One TAFXERP row: the integration job's result for a key and ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XerpRow {
    /// `R_E_C_N_O_`.
    pub recno: i64,
    /// TAFKEY.
    pub key: String,
    /// TAFTICKET.
    pub ticket: String,
    /// TAFALIAS: the TAF table of the record (`C8R`, `CMJ`, ...).
    pub alias: String,
    /// TAFRECNO: the record's number in that table (0 for a direct deletion).
    pub taf_recno: i64,
    /// TAFSTATUS: "1" included, "2" altered, "3" deleted, "7" predecessor error, "9" error.
    pub status: String,
    /// TAFCODERR, six digits or blank.
    pub error_code: String,
    /// TAFERR, with CR LF line breaks as TAF writes them.
    pub error_detail: String,
}

impl XerpRow {
    /// Whether the result counts as integrated ("1", "2" or "3").
    pub fn is_integrated(&self) -> bool {
        matches!(self.status.trim(), "1" | "2" | "3")
    }
}

/// One TAF record an event became (the row of its alias table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TafRecord {
    /// The alias table.
    pub alias: String,
    /// The record's number in that table.
    pub recno: i64,
    /// The branch the record belongs to.
    pub branch: String,
    /// `<alias>_STATUS`, raw: `" "` until TAF validates it, then "0"–"7".
    pub status: String,
    /// `<alias>_ATIVO`: "2" when a newer version superseded the record.
    pub active: String,
    /// `<alias>_PROTUL`: the government receipt, padded as the column is.
    pub receipt: String,
    /// Government errors of the record (table V2H).
    pub errors: Vec<StreamingError>,
    /// The government's return XML, once transmitted.
    pub return_xml: String,
}

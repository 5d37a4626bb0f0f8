//! The fourteen fields of a POST lote item, with their TAFST2 columns and sizes.

use serde::{Deserialize, Serialize};

/// Size of the TAFTICKET column that stores the root `ticketCode` (characters).
pub const TICKET_CODE_MAX_LEN: usize = 36;

/// One field of a `lote[]` item, in the order the server processes them (spec §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LoteField {
    /// `sourceBranch` → TAFFIL: the ERP branch, routed to a TAF company group.
    SourceBranch,
    /// `messageType` → TAFCODMSG: "1" TXT, "2" XML.
    MessageType,
    /// `messageSequential` → TAFSEQ: part number of a multi-part message.
    MessageSequential,
    /// `registryType` → TAFTPREG: event or layout code (`S-1010`, `T005`, `T999`).
    RegistryType,
    /// `registryKey` → TAFKEY: the ERP's key for the record.
    RegistryKey,
    /// `integrationMessage` → TAFMSG: the event, base64-encoded.
    IntegrationMessage,
    /// `integrationDate` → TAFDATA: `YYYYMMDD`; empty means the server date.
    IntegrationDate,
    /// `integrationTime` → TAFHORA: `HH:MM:SS`; empty means the server time.
    IntegrationTime,
    /// `registryPriority` → TAFPRIORIT: "0" to "5"; absent means "5".
    RegistryPriority,
    /// `integrationQueue` → TAFSTQUEUE: "1" stores "F" (use the queue); anything else is blank.
    IntegrationQueue,
    /// `erpOwner` → TAFOWNER.
    ErpOwner,
    /// `registryPredecessor` → TAFREGPRED: key of a record that must integrate first.
    RegistryPredecessor,
    /// `transferBranch` → TAFFILTRAN.
    TransferBranch,
    /// `complement` → TAFCOMP.
    Complement,
}

impl LoteField {
    /// Every field, in the server's processing order (also the canonical encoding order).
    pub const ALL: [Self; 14] = [
        Self::SourceBranch,
        Self::MessageType,
        Self::MessageSequential,
        Self::RegistryType,
        Self::RegistryKey,
        Self::IntegrationMessage,
        Self::IntegrationDate,
        Self::IntegrationTime,
        Self::RegistryPriority,
        Self::IntegrationQueue,
        Self::ErpOwner,
        Self::RegistryPredecessor,
        Self::TransferBranch,
        Self::Complement,
    ];

    /// The JSON key, as spelled on the wire.
    pub fn tag(self) -> &'static str {
        match self {
            Self::SourceBranch => "sourceBranch",
            Self::MessageType => "messageType",
            Self::MessageSequential => "messageSequential",
            Self::RegistryType => "registryType",
            Self::RegistryKey => "registryKey",
            Self::IntegrationMessage => "integrationMessage",
            Self::IntegrationDate => "integrationDate",
            Self::IntegrationTime => "integrationTime",
            Self::RegistryPriority => "registryPriority",
            Self::IntegrationQueue => "integrationQueue",
            Self::ErpOwner => "erpOwner",
            Self::RegistryPredecessor => "registryPredecessor",
            Self::TransferBranch => "transferBranch",
            Self::Complement => "complement",
        }
    }

    /// The TAFST2 column the field is stored in; the server's messages name it.
    pub fn column(self) -> &'static str {
        match self {
            Self::SourceBranch => "TAFFIL",
            Self::MessageType => "TAFCODMSG",
            Self::MessageSequential => "TAFSEQ",
            Self::RegistryType => "TAFTPREG",
            Self::RegistryKey => "TAFKEY",
            Self::IntegrationMessage => "TAFMSG",
            Self::IntegrationDate => "TAFDATA",
            Self::IntegrationTime => "TAFHORA",
            Self::RegistryPriority => "TAFPRIORIT",
            Self::IntegrationQueue => "TAFSTQUEUE",
            Self::ErpOwner => "TAFOWNER",
            Self::RegistryPredecessor => "TAFREGPRED",
            Self::TransferBranch => "TAFFILTRAN",
            Self::Complement => "TAFCOMP",
        }
    }

    /// Whether the server requires the tag (800 when absent, 801 when blank).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Self::SourceBranch
                | Self::MessageType
                | Self::MessageSequential
                | Self::RegistryType
                | Self::RegistryKey
                | Self::IntegrationMessage
        )
    }

    /// Size of the column in characters; longer values are truncated silently by the database.
    /// `None` for the memo column TAFMSG.
    pub fn max_len(self) -> Option<usize> {
        match self {
            Self::SourceBranch | Self::ErpOwner | Self::TransferBranch => Some(40),
            Self::MessageType | Self::RegistryPriority | Self::IntegrationQueue => Some(1),
            Self::MessageSequential => Some(3),
            Self::RegistryType => Some(10),
            Self::RegistryKey | Self::RegistryPredecessor | Self::Complement => Some(100),
            Self::IntegrationDate | Self::IntegrationTime => Some(8),
            Self::IntegrationMessage => None,
        }
    }

    /// The field whose tag is `tag`, compared without regard to case as ADVPL objects do.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|field| field.tag().eq_ignore_ascii_case(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_case_insensitively_and_required_fields_come_first() {
        assert_eq!(
            LoteField::from_tag("SourceBranch"),
            Some(LoteField::SourceBranch)
        );
        assert_eq!(LoteField::from_tag("ERPOWNER"), Some(LoteField::ErpOwner));
        assert_eq!(LoteField::from_tag("owner"), None);
        let required: Vec<_> = LoteField::ALL
            .into_iter()
            .map(LoteField::is_required)
            .collect();
        assert_eq!(required.iter().filter(|&&r| r).count(), 6);
        assert!(required[..6].iter().all(|&r| r));
    }

    #[test]
    fn serde_names_are_the_wire_tags() {
        for field in LoteField::ALL {
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.tag()));
        }
    }
}

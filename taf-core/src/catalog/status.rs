//! TAF record status: the GET `statusCode` and its `statusDescription` (spec §4.8).

use serde::{Deserialize, Serialize};

/// Status of the TAF record an event became (`<alias>_STATUS`), as GET reports it in `statusCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Blank: integrated into TAF, not yet validated.
    Integrated,
    /// "0": valid, ready to transmit.
    Valid,
    /// "1": TAF's own validation failed; the record needs revision.
    Invalid,
    /// "2": transmitted, awaiting the government's return.
    Transmitted,
    /// "3": rejected by the government; `streamingErrors` holds the reasons.
    Inconsistent,
    /// "4": authorized by the government; `receiptNumber` holds the receipt.
    Authorized,
    /// "6": an exclusion (S-3000) was requested and awaits its return.
    ExclusionRequested,
    /// "7": the exclusion was transmitted and accepted.
    Excluded,
}

impl RecordStatus {
    /// Parses a `statusCode` as the server compares it: trimmed, so `" "` is [`Self::Integrated`].
    /// Unknown codes (`"5"`, `"9"`, ...) give `None`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "" => Some(Self::Integrated),
            "0" => Some(Self::Valid),
            "1" => Some(Self::Invalid),
            "2" => Some(Self::Transmitted),
            "3" => Some(Self::Inconsistent),
            "4" => Some(Self::Authorized),
            "6" => Some(Self::ExclusionRequested),
            "7" => Some(Self::Excluded),
            _ => None,
        }
    }

    /// The code as stored (`""` for [`Self::Integrated`]).
    pub fn code(self) -> &'static str {
        match self {
            Self::Integrated => "",
            Self::Valid => "0",
            Self::Invalid => "1",
            Self::Transmitted => "2",
            Self::Inconsistent => "3",
            Self::Authorized => "4",
            Self::ExclusionRequested => "6",
            Self::Excluded => "7",
        }
    }

    /// The Portuguese `statusDescription` the server sends (`getTafDStatus`).
    pub fn description(self) -> &'static str {
        match self {
            Self::Integrated => "Registro Integrado",
            Self::Valid => "Registro Valido.",
            Self::Invalid => "Registro Invalido.",
            Self::Transmitted => "Registro Transmitido - Aguardando Retorno.",
            Self::Inconsistent => "Registro Transmitido com inconsistência(s).",
            Self::Authorized => "Registro Transmitido Válido.",
            Self::ExclusionRequested => "Registro Com Solicitação de Exclusão.",
            Self::Excluded => "Registro Com Solicitação de Exclusão e Transmitido.",
        }
    }

    /// Whether polling can stop: the government answered (3, 4, 7) or TAF's own validation
    /// failed and needs a person (1). Blank, 0, 2 and 6 still move on their own.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Invalid | Self::Inconsistent | Self::Authorized | Self::Excluded
        )
    }
}

/// The `statusDescription` the server derives from a raw `statusCode`: the description of the
/// trimmed code, or `""` for codes the table does not know.
pub fn status_description(code: &str) -> &'static str {
    RecordStatus::from_code(code).map_or("", RecordStatus::description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_have_empty_descriptions() {
        for code in ["", "0", "1", "2", "3", "4", "6", "7"] {
            let status = RecordStatus::from_code(code).unwrap();
            assert_eq!(status.code(), code);
        }
        assert_eq!(RecordStatus::from_code(" "), Some(RecordStatus::Integrated));
        assert_eq!(status_description("5"), "");
        assert_eq!(status_description("9"), "");
        assert_eq!(status_description(" 4 "), "Registro Transmitido Válido.");
        assert_eq!(status_description(" "), "Registro Integrado");
    }
}

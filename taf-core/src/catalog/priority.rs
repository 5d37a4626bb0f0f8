//! `registryPriority` codes 0–5 (TAFPRIORIT, `TAFGetPriority`).

use serde::{Deserialize, Serialize};

/// Processing priority of a lote item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// "0": Urgente.
    Urgent,
    /// "1": Prioridade Crítica.
    Critical,
    /// "2": Prioridade Alta.
    High,
    /// "3": Prioridade Média.
    Medium,
    /// "4": Prioridade Baixa.
    Low,
    /// "5": Não Prioritário, what the server stores when the tag is absent.
    #[default]
    NotPrioritized,
}

impl Priority {
    /// All priorities, most urgent first.
    pub const ALL: [Self; 6] = [
        Self::Urgent,
        Self::Critical,
        Self::High,
        Self::Medium,
        Self::Low,
        Self::NotPrioritized,
    ];

    /// Parses a code the way `TAFIsPriority` accepts it: trimmed, exactly one digit 0–5.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code.trim())
    }

    /// The one-character code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Urgent => "0",
            Self::Critical => "1",
            Self::High => "2",
            Self::Medium => "3",
            Self::Low => "4",
            Self::NotPrioritized => "5",
        }
    }

    /// The Portuguese name TAF uses.
    pub fn name(self) -> &'static str {
        match self {
            Self::Urgent => "Urgente",
            Self::Critical => "Prioridade Crítica",
            Self::High => "Prioridade Alta",
            Self::Medium => "Prioridade Média",
            Self::Low => "Prioridade Baixa",
            Self::NotPrioritized => "Não Prioritário",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_single_digits_zero_to_five_are_priorities() {
        assert_eq!(Priority::from_code(" 2 "), Some(Priority::High));
        for bad in ["", "6", "9", "01", "A", "-1"] {
            assert_eq!(Priority::from_code(bad), None, "{bad:?}");
        }
        assert_eq!(Priority::default().code(), "5");
    }
}

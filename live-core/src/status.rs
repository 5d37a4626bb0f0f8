//! `processStatus`: the capsule's verdict on a ticket, a pure function of its status items
//! (spec §7).

use serde::{Deserialize, Serialize};

use crate::response::StatusItem;

/// The capsule's `processStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum ProcessStatus {
    /// Some document is still waiting or in processing.
    Processing,
    /// Nothing is waiting, and some document failed or carries an error message.
    Error,
    /// Every document was processed without an error message.
    Success,
}

impl ProcessStatus {
    /// The capsules' spelling: `"PROCESSING"`, `"ERROR"` or `"SUCCESS"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Processing => "PROCESSING",
            Self::Error => "ERROR",
            Self::Success => "SUCCESS",
        }
    }
}

/// How one document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Situation {
    /// `AguardandoProcessamento`, `AguardandoConfirmacao`, `EmProcessamento`.
    Waiting,
    /// `Processado`.
    Processed,
    /// `ComErro`, or any other status, empty included.
    Error,
}

impl Situation {
    /// Classifies a raw `SituacaoProcessamento` by Protheus' rule (`RMISTATUSLIVE`): the
    /// status upper-cased (and trimmed) containing `PROCESSADO` is processed; else containing
    /// `AGUARDANDO` or `EMPROCESSAMENTO` is waiting; anything else is an error. So
    /// `processado` is processed, `Aguardando Confirmação` waits, and `Em Processamento` (with
    /// a space) or `Cancelado` are errors.
    pub fn of(status: Option<&str>) -> Self {
        let upper = status.unwrap_or_default().trim().to_uppercase();
        if upper.contains("PROCESSADO") {
            Self::Processed
        } else if upper.contains("AGUARDANDO") || upper.contains("EMPROCESSAMENTO") {
            Self::Waiting
        } else {
            Self::Error
        }
    }
}

/// What counts as an error message on a processed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorMessage {
    /// Any non-blank `DetalheSituacao` (the capsule documentation read literally; default).
    #[default]
    NonBlankDetail,
    /// Never: a processed document is a success whatever its detail (as Protheus judges it).
    Never,
}

/// The policy knobs of [`process_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProcessStatusPolicy {
    /// What counts as an error message on a processed document.
    pub error_message: ErrorMessage,
    /// What a ticket without any item yields (default [`ProcessStatus::Error`], so pollers do
    /// not wait forever).
    pub empty: ProcessStatus,
}

impl ProcessStatusPolicy {
    /// The policy with these knobs (fields may be added: build it here or from `default()`).
    pub fn new(error_message: ErrorMessage, empty: ProcessStatus) -> Self {
        Self {
            error_message,
            empty,
        }
    }
}

impl Default for ProcessStatusPolicy {
    fn default() -> Self {
        Self {
            error_message: ErrorMessage::NonBlankDetail,
            empty: ProcessStatus::Error,
        }
    }
}

/// The ticket's `processStatus` over all its items: any waiting → `PROCESSING`; else any error
/// or processed-with-message → `ERROR`; else `SUCCESS`; no item → the policy's `empty`.
pub fn process_status(items: &[StatusItem], policy: ProcessStatusPolicy) -> ProcessStatus {
    if items.is_empty() {
        return policy.empty;
    }
    let situations: Vec<Situation> = items
        .iter()
        .map(|item| Situation::of(item.situacao_processamento.as_deref()))
        .collect();
    let has_message = |item: &StatusItem| {
        policy.error_message == ErrorMessage::NonBlankDetail
            && item
                .detalhe_situacao
                .as_deref()
                .is_some_and(|detail| !detail.trim().is_empty())
    };
    if situations.contains(&Situation::Waiting) {
        ProcessStatus::Processing
    } else if situations.contains(&Situation::Error)
        || items
            .iter()
            .zip(&situations)
            .any(|(item, &situation)| situation == Situation::Processed && has_message(item))
    {
        ProcessStatus::Error
    } else {
        ProcessStatus::Success
    }
}

#[cfg(test)]
mod tests {
    use super::ProcessStatus;

    #[test]
    fn name_is_the_capsule_json_spelling() {
        for status in [
            ProcessStatus::Processing,
            ProcessStatus::Error,
            ProcessStatus::Success,
        ] {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.name()));
        }
        assert_eq!(ProcessStatus::Processing.name(), "PROCESSING");
    }
}

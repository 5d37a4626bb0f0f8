//! `processStatus`: the capsule's verdict on a ticket, a pure function of its status items
//! (spec §7).

use serde::{Deserialize, Serialize};

use crate::response::StatusItem;

/// The capsule's `processStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ProcessStatus {
    /// Some document is still waiting or in processing.
    Processing,
    /// Nothing is waiting, and some document failed or carries an error message.
    Error,
    /// Every document was processed without an error message.
    Success,
}

/// How one document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// `AguardandoProcessamento`, `AguardandoConfirmacao`, `EmProcessamento`.
    Waiting,
    /// `Processado`.
    Processed,
    /// `ComErro`, anything holding "erro", or an unknown or empty status (Protheus treats those
    /// as errors too).
    Error,
}

impl Situation {
    /// Classifies a raw `SituacaoProcessamento`: upper-cased, accents stripped, spaces,
    /// underscores and hyphens removed, so `Aguardando Confirmação`, `EmProcessamento`,
    /// `processado` and `COM_ERRO` all match. "ERRO" is tested before "PROCESSADO".
    pub fn of(status: Option<&str>) -> Self {
        let normal: String = status
            .unwrap_or_default()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-') && !c.is_whitespace())
            .map(strip_accent)
            .flat_map(char::to_uppercase)
            .collect();
        if normal.contains("AGUARDANDO") || normal.contains("EMPROCESSAMENTO") {
            Self::Waiting
        } else if normal.contains("ERRO") {
            Self::Error
        } else if normal == "PROCESSADO" {
            Self::Processed
        } else {
            Self::Error
        }
    }
}

/// The Latin letter under a Portuguese accented one.
fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
        'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'A',
        'é' | 'ê' | 'è' | 'ë' => 'e',
        'É' | 'Ê' | 'È' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ô' | 'õ' | 'ò' | 'ö' => 'o',
        'Ó' | 'Ô' | 'Õ' | 'Ò' | 'Ö' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        other => other,
    }
}

/// What counts as an error message on a processed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorMessage {
    /// Any non-blank `DetalheSituacao` (the capsule documentation read literally; default).
    #[default]
    NonBlankDetail,
    /// Never: a processed document is a success whatever its detail (as Protheus judges it).
    Never,
}

/// The policy knobs of [`process_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusPolicy {
    /// What counts as an error message on a processed document.
    pub error_message: ErrorMessage,
    /// What a ticket without any item yields (default [`ProcessStatus::Error`], so pollers do
    /// not wait forever).
    pub empty: ProcessStatus,
}

impl Default for StatusPolicy {
    fn default() -> Self {
        Self {
            error_message: ErrorMessage::NonBlankDetail,
            empty: ProcessStatus::Error,
        }
    }
}

/// The ticket's `processStatus` over all its items: any waiting → `PROCESSING`; else any error
/// or processed-with-message → `ERROR`; else `SUCCESS`; no item → the policy's `empty`.
pub fn process_status(items: &[StatusItem], policy: StatusPolicy) -> ProcessStatus {
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

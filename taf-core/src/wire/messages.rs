//! The server's Portuguese texts, byte for byte (spec §4.4 and §6).
//!
//! Several carry a double space (`)  é`, `)  não`): the server concatenates `") "` with a string
//! that begins with a space. Texts 805 and 808 are ASCII because the server passes them through
//! `noAcento`. Other installations answer in Spanish or English: branch on codes, never on text.

use crate::catalog::LoteField;

/// 803: the branch is not registered (request envelope and per-item error alike).
pub const UNKNOWN_BRANCH: &str =
    "O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas.";

/// 811: the POST text scan found no branch.
pub const BRANCH_NOT_IDENTIFIED: &str =
    "Não foi possível identificar a filial sourceBranch (TAFFIL)  no corpo da mensagem.";

/// 802: `messageType` is not 1 or 2.
pub const INVALID_MESSAGE_TYPE: &str =
    "O valor do campo TAFCODMSG (messageType)  deve ser 1 ou 2 (1=txt/2=xml).";

/// 806: the decoded `integrationMessage` is unusable.
pub const INVALID_MESSAGE: &str = "O Xml Contido no campo TAFMSG (integrationMessage) apresenta inconsistência na codificação ou criptografia.";

/// 809: no company groups configured (internal; never reaches a client).
pub const NO_COMPANY_GROUPS: &str =
    "Não há configuração de empresas na chave PrepareIn seção TAF_CFGJOB.";

/// 810: the branch map `keyTafJob` is missing.
pub const BRANCH_MAP_MISSING: &str = "Chave keyTafJob de Identificação de filial não encontrada.";

/// 800: `Campo <COL> (<tag>) não relacionado na estrutura do arquivo.`
pub fn missing_field(field: LoteField) -> String {
    format!(
        "Campo {} ({}) não relacionado na estrutura do arquivo.",
        field.column(),
        field.tag()
    )
}

/// 801: `Campo <COL> (<tag>)  é Obrigatório.` (double space).
pub fn blank_field(field: LoteField) -> String {
    format!("Campo {} ({})  é Obrigatório.", field.column(), field.tag())
}

/// 804: `Layout <value> campo TAFTPREG (registryType) Inválido.` with the trimmed value.
pub fn invalid_layout(registry_type: &str) -> String {
    format!(
        "Layout {} campo TAFTPREG (registryType) Inválido.",
        registry_type.trim()
    )
}

/// 805: the invalid priority as sent, and the list of valid codes (ASCII).
pub fn invalid_priority(priority: &str) -> String {
    format!(
        "Codigo de Prioridade invalido! Codigo enviado: '{priority}'. Codigos validos: 0 - Urgente, 1 - Prioridade Critica, 2 - Prioridade Alta, 3 - Prioridade Media, 4 - Prioridade Baixa, 5 - Nao Prioritario"
    )
}

/// 808: the TAFST2 table lacks the field's column (ASCII).
pub fn outdated_table(field: LoteField) -> String {
    format!(
        "Estrutura da tabela TAFST2 esta desatualizada. Campo: {} ({}) nao existe na estrutura.",
        field.column(),
        field.tag()
    )
}

/// 812: the item's branch, as sent, belongs to another company group.
pub fn other_company_group(branch: &str) -> String {
    format!(
        "Código da Filial ERP {branch} não pertence ao mesmo Grupo de Empresas no TAF considerando os registros integrados anteriormente neste lote."
    )
}

/// 813: an XML with this key is still pending.
pub fn key_pending(registry_key: &str) -> String {
    format!(
        "O TAFKEY {registry_key} já existe na TAFST2 e encontra-se pendente de processamento ou em processamento."
    )
}

/// 807 (a hypothesis: no known build emits it): an invalid `integrationQueue`. The string
/// tables end the text with a list of valid codes the spec does not give; "0, 1" stands in.
pub fn invalid_queue(queue: &str) -> String {
    format!("Código de Fila inválido! Código enviado: '{queue}'. Códigos válidos: 0, 1")
}

/// 814 (newer builds): the string tables hold only the tail (STR0060, which starts with a
/// space); the TDN page's list of codes (seed 002) gives what comes in front of it.
pub const UNSUPPORTED_VERSION: &str = "O Xml Contido no campo TAFMSG (integrationMessage) está em desacordo com as versões suportadas pelo TAF. Integração da Versão 1.0 disponível apenas para eventos SESMT.";

/// 701: `startRecNo` is missing.
pub const START_REC_NO_REQUIRED: &str = "É obrigatório o envio do parâmetro startRecNo";

/// 701: both `ticketCode` and `registryKey` are blank.
pub const SEARCH_KEY_REQUIRED: &str =
    "É obrigatório o envio do parâmetro ticketCode ou registryKey";

/// 702: TAFST2 could not be opened.
pub const TAFST2_UNAVAILABLE: &str = "Erro na Criacao/Abertura da tabela TAFST2.";

/// 702: TAFXERP could not be opened.
pub const TAFXERP_UNAVAILABLE: &str = "Erro na Criacao/Abertura da tabela TAFXERP.";

/// 703: `searchMode` is not 1 or 2.
pub const INVALID_SEARCH_MODE: &str = "O parâmetro searchMode deve ser preenchido com 1 ou 2.";

/// 704: the POST body is empty.
pub const EMPTY_BODY: &str = "Arquivo vazio.";

/// 704: the DELETE body has no `deleteTicket` at its root.
pub const DELETE_TICKET_MISSING: &str = "Campo deleteTicket não declarado na raiz do arquivo.";

/// 704: element `position` (1-based) of `deleteTicket` has no `ticketCode`.
pub fn delete_ticket_code_missing(position: usize) -> String {
    format!("Campo ticketCode não informado ou incorreto na posição {position} do arquivo.")
}

/// 705: the POST body is not JSON.
pub const PARSE_FAILURE: &str = "Erro ao realizar parser da mensagem";

/// GET variant A description.
pub const PROCESSED: &str = "Registro Processado.";

/// GET variant B description: no TAFXERP row yet and TAFST2 status 1 or 2 (no period).
pub const AWAITING_PROCESSING: &str = "Aguardando Processamento";

/// GET variant B description: no TAFXERP row although TAFST2 says processed.
pub const NOT_IN_TAFXERP: &str = "Registro não encontrado na tabela TAFXERP.";

/// GET variant B description: TAFXERP status 9.
pub const INCONSISTENT: &str = "Registro Inconsistente.";

/// GET variant B description for any other TAFXERP status: a single space.
pub const OTHER_XERP_STATUS: &str = " ";

/// GET variant C description (the repetition is the server's).
pub const NOT_FOUND: &str =
    "Registro não encontrado não localizado. Verifique os parâmetros utilizados para a busca.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameterised_texts_match_the_spec_cases() {
        assert_eq!(
            missing_field(LoteField::IntegrationMessage),
            "Campo TAFMSG (integrationMessage) não relacionado na estrutura do arquivo."
        );
        assert_eq!(
            blank_field(LoteField::MessageSequential),
            "Campo TAFSEQ (messageSequential)  é Obrigatório."
        );
        assert_eq!(
            invalid_layout(" S-9999 "),
            "Layout S-9999 campo TAFTPREG (registryType) Inválido."
        );
        assert_eq!(
            invalid_priority(""),
            "Codigo de Prioridade invalido! Codigo enviado: ''. Codigos validos: 0 - Urgente, 1 - Prioridade Critica, 2 - Prioridade Alta, 3 - Prioridade Media, 4 - Prioridade Baixa, 5 - Nao Prioritario"
        );
        assert_eq!(
            outdated_table(LoteField::Complement),
            "Estrutura da tabela TAFST2 esta desatualizada. Campo: TAFCOMP (complement) nao existe na estrutura."
        );
        assert_eq!(
            key_pending("K1"),
            "O TAFKEY K1 já existe na TAFST2 e encontra-se pendente de processamento ou em processamento."
        );
        assert_eq!(
            delete_ticket_code_missing(2),
            "Campo ticketCode não informado ou incorreto na posição 2 do arquivo."
        );
        assert!(invalid_priority("x").is_ascii() && outdated_table(LoteField::ErpOwner).is_ascii());
        // Seed 002's prefix, then STR0060 (which begins with a space) as the spec gives it.
        assert_eq!(
            UNSUPPORTED_VERSION
                .split_once(" está")
                .map(|(prefix, _)| prefix),
            Some("O Xml Contido no campo TAFMSG (integrationMessage)")
        );
        assert!(UNSUPPORTED_VERSION.ends_with(" está em desacordo com as versões suportadas pelo TAF. Integração da Versão 1.0 disponível apenas para eventos SESMT."));
    }
}

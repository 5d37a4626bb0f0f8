//! The connector's operations: names, SOAP actions, response and result elements.

use serde::{Deserialize, Serialize};

/// A Live connector operation this crate builds and parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    /// `ObterChaveAcessoLC_Integracao`: a one-day access key.
    ObterChaveAcesso,
    /// `ConsultarStatusTicketLC_Integracao`: the status of an inbound ticket.
    ConsultarStatusTicket,
    /// `RecuperarLojasLC_Integracao_Xml`: stores, as an outbound ticket (XML variant).
    RecuperarLojas,
    /// `RecuperarClienteLC_Integracao`: customers, as an outbound ticket (object variant).
    RecuperarCliente,
    /// `ConfirmarTicketLC_Integracao`: confirms an outbound ticket was consumed.
    ConfirmarTicket,
}

impl Operation {
    /// The operation's name, as the body element and the SOAP action spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::ObterChaveAcesso => "ObterChaveAcessoLC_Integracao",
            Self::ConsultarStatusTicket => "ConsultarStatusTicketLC_Integracao",
            Self::RecuperarLojas => "RecuperarLojasLC_Integracao_Xml",
            Self::RecuperarCliente => "RecuperarClienteLC_Integracao",
            Self::ConfirmarTicket => "ConfirmarTicketLC_Integracao",
        }
    }

    /// The `SOAPAction` header: `http://LiveConnector/IFacadeIntegracao/<name>` (the WCF
    /// default; read for two operations, inferred for the others, spec §3).
    pub fn soap_action(self) -> String {
        format!("http://LiveConnector/IFacadeIntegracao/{}", self.name())
    }

    /// The response element, `<name>Response`.
    pub fn response_element(self) -> String {
        format!("{}Response", self.name())
    }

    /// The result element, `<name>Result`.
    pub fn result_element(self) -> String {
        format!("{}Result", self.name())
    }

    /// The message the Digibee capsule reports when the operation fails (spec §6); `None`
    /// for the operations no capsule wraps.
    pub fn capsule_error(self) -> Option<&'static str> {
        match self {
            Self::ConsultarStatusTicket => Some("Não foi possível consultar ticket."),
            Self::RecuperarLojas => Some("Não foi possível recuperar lojas."),
            Self::RecuperarCliente => Some("Não foi possível recuperar clientes."),
            Self::ObterChaveAcesso | Self::ConfirmarTicket => None,
        }
    }
}

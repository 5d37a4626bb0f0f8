//! The connector's operations: names, SOAP actions, response and result elements.

/// A Live connector operation this crate builds and parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `ObterChaveAcessoLC_Integracao`: a one-day access key.
    AccessKey,
    /// `ConsultarStatusTicketLC_Integracao`: the status of an inbound ticket.
    TicketStatus,
    /// `RecuperarLojasLC_Integracao_Xml`: stores, as an outbound ticket (XML variant).
    Stores,
    /// `RecuperarClienteLC_Integracao`: customers, as an outbound ticket (object variant).
    Customers,
    /// `ConfirmarTicketLC_Integracao`: confirms an outbound ticket was consumed.
    ConfirmTicket,
}

impl Operation {
    /// The operation's name, as the body element and the SOAP action spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::AccessKey => "ObterChaveAcessoLC_Integracao",
            Self::TicketStatus => "ConsultarStatusTicketLC_Integracao",
            Self::Stores => "RecuperarLojasLC_Integracao_Xml",
            Self::Customers => "RecuperarClienteLC_Integracao",
            Self::ConfirmTicket => "ConfirmarTicketLC_Integracao",
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

    /// The `_Xml` method's parameter that carries the request document (after
    /// `codigoSistemaSatelite`): `xmlIdentificacao` for the `Recuperar…_Xml` methods, as the
    /// public Protheus sources call them (`identificacao` is `AtualizarStatusTicket…_Xml`'s);
    /// `None` for the object-variant operations.
    pub fn xml_parameter(self) -> Option<&'static str> {
        match self {
            Self::Stores => Some("xmlIdentificacao"),
            Self::AccessKey | Self::TicketStatus | Self::Customers | Self::ConfirmTicket => None,
        }
    }

    /// The message the Digibee capsule reports when the operation fails (spec §6); `None`
    /// for the operations no capsule wraps.
    pub fn capsule_error(self) -> Option<&'static str> {
        match self {
            Self::TicketStatus => Some("Não foi possível consultar ticket."),
            Self::Stores => Some("Não foi possível recuperar lojas."),
            Self::Customers => Some("Não foi possível recuperar clientes."),
            Self::AccessKey | Self::ConfirmTicket => None,
        }
    }
}

//! Request builders: SOAP 1.1 envelopes with their namespaces, element order and escaping, as
//! HTTP request values (spec §1.1, §3, §4).

use std::fmt::Write as _;

use quick_xml::escape::escape;
use serde::{Deserialize, Serialize};

use crate::ns;
use crate::operation::Operation;

/// `Content-Type` of every request (SOAP 1.1 over WCF `basicHttpBinding`).
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// An HTTP POST to the connector, ready for any HTTP client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRequest {
    /// The operation.
    pub operation: Operation,
    /// The full endpoint URL (`…/LiveConnector/FacadeIntegracao.svc`), as the caller gave it.
    pub url: String,
    /// The `SOAPAction` header value.
    pub soap_action: String,
    /// The envelope, UTF-8.
    pub body: String,
}

impl LiveRequest {
    fn new(operation: Operation, url: &str, body: String) -> Self {
        Self {
            operation,
            url: url.to_owned(),
            soap_action: operation.soap_action(),
            body,
        }
    }

    /// The request headers: `Content-Type` and `SOAPAction`.
    pub fn headers(&self) -> [(&'static str, &str); 2] {
        [
            ("Content-Type", CONTENT_TYPE),
            ("SOAPAction", self.soap_action.as_str()),
        ]
    }

    /// The method: always POST.
    pub fn method(&self) -> &'static str {
        "POST"
    }
}

/// How the XML document inside an `_Xml` request travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payload {
    /// In a CDATA section, as Protheus sends it (`]]>` inside is split across two sections).
    #[default]
    Cdata,
    /// As escaped text (the same infoset).
    Escaped,
}

/// The satellite system's credentials for a key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `Usuario`.
    pub usuario: String,
    /// `Senha` (never shown by `Debug`).
    pub senha: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("codigo_sistema_satelite", &self.codigo_sistema_satelite)
            .field("usuario", &self.usuario)
            .field("senha", &"<redacted>")
            .finish()
    }
}

/// The status query of an inbound ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusQuery {
    /// `Chave`: the access key (a GUID).
    pub chave: String,
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `NumeroTicket`: the inbound ticket, 16 characters with its leading zero.
    pub numero_ticket: String,
    /// `PararProcessamentoComErro` (Live ≥ 6.5.51); omitted when `None`.
    pub parar_processamento_com_erro: Option<bool>,
}

/// The identification of a `Recuperar…` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identification {
    /// `Chave`.
    pub chave: String,
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `Data`, when the server wants it (`yyyyMMdd` in `_Xml` documents, `xs:dateTime` in the
    /// object variant).
    pub data: Option<String>,
    /// `Hora`, like `data` (`hhmmss` or `xs:dateTime`).
    pub hora: Option<String>,
}

/// A confirmation that an outbound ticket was consumed (`SituacaoTicketSaida` `EnvioConfirmado`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// `Chave`.
    pub chave: String,
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `NumeroTicket`: the outbound ticket's `Numero`.
    pub numero_ticket: String,
}

/// The root element of the `_Xml` identification document. Not documented anywhere (spec §11):
/// to be confirmed against a real WSDL.
pub const STORES_DOCUMENT_ROOT: &str = "LC_Identificacao";

/// `ObterChaveAcessoLC_Integracao`: `PersisteChave` is always `true`, as Protheus sends it.
pub fn obter_chave_acesso(url: &str, credentials: &Credentials) -> LiveRequest {
    let mut xml = envelope(&[]);
    xml.raw(&format!(
        "<{} xmlns=\"{}\">",
        Operation::ObterChaveAcesso.name(),
        ns::LIVE
    ));
    xml.text(
        "CodigoSistemaSatelite",
        &credentials.codigo_sistema_satelite,
    );
    xml.text("Usuario", &credentials.usuario);
    xml.text("Senha", &credentials.senha);
    xml.text("PersisteChave", "true");
    xml.raw(&format!("</{}>", Operation::ObterChaveAcesso.name()));
    LiveRequest::new(Operation::ObterChaveAcesso, url, xml.close())
}

/// `ConsultarStatusTicketLC_Integracao`: `liv:parametro` with `Chave`, `CodigoSistemaSatelite`,
/// `NumeroTicket` and the optional `PararProcessamentoComErro`, in that order.
pub fn consultar_status_ticket(url: &str, query: &StatusQuery) -> LiveRequest {
    let operation = Operation::ConsultarStatusTicket;
    let mut xml = envelope(&[("ren", ns::FRAMEWORK_DATA), ("ren1", ns::OBJECTS)]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.start("liv:parametro");
    xml.text("ren1:Chave", &query.chave);
    xml.text("ren1:CodigoSistemaSatelite", &query.codigo_sistema_satelite);
    xml.text("ren1:NumeroTicket", &query.numero_ticket);
    if let Some(stop) = query.parar_processamento_com_erro {
        xml.text(
            "ren1:PararProcessamentoComErro",
            if stop { "true" } else { "false" },
        );
    }
    xml.end("liv:parametro");
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `RecuperarLojasLC_Integracao_Xml`: `liv:codigoSistemaSatelite`, then `liv:identificacao`
/// holding an XML document with `Chave`, `CodigoSistemaSatelite`, `Data`/`Hora` when given and
/// `RetornaTodasLojas`. The parameter and root names are inferred (spec §4.2).
pub fn recuperar_lojas(
    url: &str,
    identification: &Identification,
    retorna_todas_lojas: bool,
    payload: Payload,
) -> LiveRequest {
    let operation = Operation::RecuperarLojas;
    let mut document = Xml::default();
    document.raw("<?xml version='1.0' encoding='UTF-8'?>");
    document.start(STORES_DOCUMENT_ROOT);
    document.text("Chave", &identification.chave);
    document.text(
        "CodigoSistemaSatelite",
        &identification.codigo_sistema_satelite,
    );
    if let Some(data) = &identification.data {
        document.text("Data", data);
    }
    if let Some(hora) = &identification.hora {
        document.text("Hora", hora);
    }
    document.text(
        "RetornaTodasLojas",
        if retorna_todas_lojas { "true" } else { "false" },
    );
    document.end(STORES_DOCUMENT_ROOT);
    let mut xml = envelope(&[]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.text(
        "liv:codigoSistemaSatelite",
        &identification.codigo_sistema_satelite,
    );
    xml.start("liv:identificacao");
    match payload {
        Payload::Cdata => xml.cdata(&document.0),
        Payload::Escaped => xml.escaped(&document.0),
    }
    xml.end("liv:identificacao");
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `RecuperarClienteLC_Integracao` (object variant): `liv:identificacao` with `Chave`,
/// `CodigoSistemaSatelite` and, when given, `Data` and `Hora` (inferred, spec §4.3).
pub fn recuperar_cliente(url: &str, identification: &Identification) -> LiveRequest {
    let operation = Operation::RecuperarCliente;
    let mut xml = envelope(&[("ren1", ns::OBJECTS)]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.start("liv:identificacao");
    xml.text("ren1:Chave", &identification.chave);
    xml.text(
        "ren1:CodigoSistemaSatelite",
        &identification.codigo_sistema_satelite,
    );
    if let Some(data) = &identification.data {
        xml.text("ren1:Data", data);
    }
    if let Some(hora) = &identification.hora {
        xml.text("ren1:Hora", hora);
    }
    xml.end("liv:identificacao");
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `ConfirmarTicketLC_Integracao`: `liv:confirmacaoTicket` with `Chave`,
/// `CodigoSistemaSatelite`, `NumeroTicket` and `SituacaoTicketSaida` `EnvioConfirmado`.
pub fn confirmar_ticket(url: &str, confirmation: &Confirmation) -> LiveRequest {
    let operation = Operation::ConfirmarTicket;
    let mut xml = envelope(&[("ren1", ns::OBJECTS), ("arr", ns::ARRAYS)]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.start("liv:confirmacaoTicket");
    xml.text("ren1:Chave", &confirmation.chave);
    xml.text(
        "ren1:CodigoSistemaSatelite",
        &confirmation.codigo_sistema_satelite,
    );
    xml.text("ren1:NumeroTicket", &confirmation.numero_ticket);
    xml.text("ren1:SituacaoTicketSaida", "EnvioConfirmado");
    xml.end("liv:confirmacaoTicket");
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// A little XML writer: element names are the builder's own constants; text is escaped.
#[derive(Default)]
struct Xml(String);

impl Xml {
    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }

    fn start(&mut self, name: &str) {
        let _ = write!(self.0, "<{name}>");
    }

    fn end(&mut self, name: &str) {
        let _ = write!(self.0, "</{name}>");
    }

    fn text(&mut self, name: &str, text: &str) {
        self.start(name);
        self.escaped(text);
        self.end(name);
    }

    fn escaped(&mut self, text: &str) {
        self.0.push_str(&escape(text));
    }

    /// A CDATA section; a `]]>` in the text ends one section and starts another.
    fn cdata(&mut self, text: &str) {
        self.0.push_str("<![CDATA[");
        self.0.push_str(&text.replace("]]>", "]]]]><![CDATA[>"));
        self.0.push_str("]]>");
    }

    /// Ends the body and the envelope.
    fn close(mut self) -> String {
        self.raw("</soapenv:Body></soapenv:Envelope>");
        self.0
    }
}

/// A SOAP 1.1 envelope declaring `soapenv`, `liv` and any `extra` prefixes once, on the root,
/// open at the start of its body; [`Xml::close`] ends it.
fn envelope(extra: &[(&str, &str)]) -> Xml {
    let mut xml = Xml::default();
    xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = write!(
        xml.0,
        "<soapenv:Envelope xmlns:soapenv=\"{}\" xmlns:liv=\"{}\"",
        ns::SOAP_ENVELOPE,
        ns::LIVE
    );
    for (prefix, uri) in extra {
        let _ = write!(xml.0, " xmlns:{prefix}=\"{uri}\"");
    }
    xml.raw("><soapenv:Header/><soapenv:Body>");
    xml
}

//! Request builders: SOAP 1.1 envelopes with their namespaces, element order and escaping, as
//! HTTP request values (spec §1.1, §3, §4).

use std::fmt::{self, Write as _};

use quick_xml::escape::escape;

use crate::error::{LiveError, LiveErrorKind};
use crate::ns;
use crate::operation::Operation;

/// `Content-Type` of every request (SOAP 1.1 over WCF `basicHttpBinding`).
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// An HTTP POST to the connector, ready for any HTTP client. Its `Debug` shows neither the
/// body (it holds `Senha` or `Chave`) nor a password in the URL.
#[derive(Clone, PartialEq, Eq)]
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

impl fmt::Debug for LiveRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveRequest")
            .field("operation", &self.operation)
            .field("url", &without_password(&self.url))
            .field("soap_action", &self.soap_action)
            .field(
                "body",
                &format_args!("<{} bytes, not shown: may hold secrets>", self.body.len()),
            )
            .finish()
    }
}

/// The URL with the user information of its authority (`user:password@`) hidden.
pub(crate) fn without_password(url: &str) -> String {
    let (head, rest) = url.split_at(url.find("://").map_or(0, |scheme| scheme + 3));
    let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    match authority.rfind('@') {
        Some(at) => format!("{head}<redacted>{}{path}", authority.split_at(at).1),
        None => url.to_owned(),
    }
}

/// How the XML document inside an `_Xml` request travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Payload {
    /// In a CDATA section, as Protheus sends it (`]]>` inside is split across two sections).
    #[default]
    Cdata,
    /// As escaped text (the same infoset).
    Escaped,
}

/// The satellite system's login for a key (`ObterChaveAcessoLC_Integracao`).
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `Usuario`.
    pub usuario: String,
    /// `Senha` (never shown by `Debug`).
    pub senha: String,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("codigo_sistema_satelite", &self.codigo_sistema_satelite)
            .field("usuario", &self.usuario)
            .field("senha", &"<redacted>")
            .finish()
    }
}

/// The status query of an inbound ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl Identification {
    /// The identification of satellite `codigo_sistema_satelite`, without a key (a session
    /// writes its own) and without `Data`/`Hora`.
    pub fn new(codigo_sistema_satelite: &str) -> Self {
        Self {
            chave: String::new(),
            codigo_sistema_satelite: codigo_sistema_satelite.to_owned(),
            data: None,
            hora: None,
        }
    }
}

/// A confirmation that an outbound ticket was consumed (`SituacaoTicketSaida` `EnvioConfirmado`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// `Chave`.
    pub chave: String,
    /// `CodigoSistemaSatelite`.
    pub codigo_sistema_satelite: String,
    /// `NumeroTicket`: the outbound ticket's `Numero`.
    pub numero_ticket: String,
}

/// The stores query (`RecuperarLojasLC_Integracao_Xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoresQuery {
    /// `Chave` and `CodigoSistemaSatelite` (and `Data`/`Hora` only when set: the public
    /// Protheus sources send neither).
    pub identification: Identification,
    /// `retornaTodasLojas`, sent as the operation's parameter after the document when set.
    /// Where the connector reads it is not documented (spec §11): inferred from the capsule's
    /// input.
    pub all_stores: Option<bool>,
    /// The parameter carrying the document; [`Operation::xml_parameter`] by default
    /// (`xmlIdentificacao`).
    pub parameter: String,
    /// How the document travels (CDATA by default).
    pub payload: Payload,
}

impl StoresQuery {
    /// The query for `identification` with the defaults: no `retornaTodasLojas`, the
    /// `xmlIdentificacao` parameter, a CDATA payload.
    pub fn new(identification: Identification) -> Self {
        Self {
            identification,
            all_stores: None,
            parameter: Operation::Stores
                .xml_parameter()
                .unwrap_or_default()
                .to_owned(),
            payload: Payload::Cdata,
        }
    }

    /// The query with `retornaTodasLojas` set to `all_stores`.
    #[must_use]
    pub fn with_all_stores(mut self, all_stores: bool) -> Self {
        self.all_stores = Some(all_stores);
        self
    }
}

/// The root element of the `_Xml` identification document, as the public Protheus sources
/// write it for the `Recuperar…_Xml` methods.
pub const IDENTIFICATION_ROOT: &str = "LC_Identificacao";

/// `ObterChaveAcessoLC_Integracao`: `PersisteChave` is always `true`, as Protheus sends it.
pub fn access_key(url: &str, login: &Login) -> LiveRequest {
    let operation = Operation::AccessKey;
    let mut xml = envelope(&[]);
    xml.raw(&format!("<{} xmlns=\"{}\">", operation.name(), ns::LIVE));
    xml.text("CodigoSistemaSatelite", &login.codigo_sistema_satelite);
    xml.text("Usuario", &login.usuario);
    xml.text("Senha", &login.senha);
    xml.text("PersisteChave", "true");
    xml.raw(&format!("</{}>", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `ConsultarStatusTicketLC_Integracao`: `liv:parametro` with `Chave`, `CodigoSistemaSatelite`,
/// `NumeroTicket` and the optional `PararProcessamentoComErro`, in that order.
pub fn ticket_status(url: &str, query: &StatusQuery) -> LiveRequest {
    let operation = Operation::TicketStatus;
    let mut xml = envelope(&[("ren", ns::FRAMEWORK_DATA), ("ren1", ns::OBJECTS)]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.start("liv:parametro");
    xml.text("ren1:Chave", &query.chave);
    xml.text("ren1:CodigoSistemaSatelite", &query.codigo_sistema_satelite);
    xml.text("ren1:NumeroTicket", &query.numero_ticket);
    if let Some(stop) = query.parar_processamento_com_erro {
        xml.text("ren1:PararProcessamentoComErro", boolean(stop));
    }
    xml.end("liv:parametro");
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `RecuperarLojasLC_Integracao_Xml`: `liv:codigoSistemaSatelite`, then the query's parameter
/// (`liv:xmlIdentificacao`) holding `<LC_Identificacao><Chave/><CodigoSistemaSatelite/>
/// </LC_Identificacao>` (plus `Data`/`Hora` when set), then `liv:retornaTodasLojas` when set.
pub fn stores(url: &str, query: &StoresQuery) -> LiveRequest {
    let operation = Operation::Stores;
    let identification = &query.identification;
    let mut document = Xml::default();
    document.raw("<?xml version='1.0' encoding='UTF-8'?>");
    document.start(IDENTIFICATION_ROOT);
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
    document.end(IDENTIFICATION_ROOT);
    let parameter = format!("liv:{}", query.parameter);
    let mut xml = envelope(&[]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.text(
        "liv:codigoSistemaSatelite",
        &identification.codigo_sistema_satelite,
    );
    xml.start(&parameter);
    match query.payload {
        Payload::Cdata => xml.cdata(&document.0),
        Payload::Escaped => xml.escaped(&document.0),
    }
    xml.end(&parameter);
    if let Some(all) = query.all_stores {
        xml.text("liv:retornaTodasLojas", boolean(all));
    }
    xml.end(&format!("liv:{}", operation.name()));
    LiveRequest::new(operation, url, xml.close())
}

/// `RecuperarClienteLC_Integracao` (object variant): `liv:identificacao` with `Chave`,
/// `CodigoSistemaSatelite` and, when given, `Data` and `Hora` (inferred, spec §4.3).
pub fn customers(url: &str, identification: &Identification) -> LiveRequest {
    let operation = Operation::Customers;
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
/// `CodigoSistemaSatelite`, `NumeroTicket` and `SituacaoTicketSaida` `EnvioConfirmado`. Ticket
/// "0" (what a `Recuperar…` answer without a ticket carries) and a blank ticket are refused:
/// Protheus never confirms them.
pub fn confirm_ticket(url: &str, confirmation: &Confirmation) -> Result<LiveRequest, LiveError> {
    let operation = Operation::ConfirmTicket;
    let ticket = confirmation.numero_ticket.trim();
    if ticket.is_empty() || ticket == "0" {
        return Err(LiveError::new(
            LiveErrorKind::InvalidInput,
            0,
            format!("ticket {ticket:?} is not a ticket to confirm"),
        )
        .within("NumeroTicket"));
    }
    let mut xml = envelope(&[("ren1", ns::OBJECTS), ("arr", ns::ARRAYS)]);
    xml.start(&format!("liv:{}", operation.name()));
    xml.start("liv:confirmacaoTicket");
    xml.text("ren1:Chave", &confirmation.chave);
    xml.text(
        "ren1:CodigoSistemaSatelite",
        &confirmation.codigo_sistema_satelite,
    );
    xml.text("ren1:NumeroTicket", &confirmation.numero_ticket);
    xml.text("ren1:SituacaoTicketSaida", CONFIRMED);
    xml.end("liv:confirmacaoTicket");
    xml.end(&format!("liv:{}", operation.name()));
    Ok(LiveRequest::new(operation, url, xml.close()))
}

/// The `SituacaoTicketSaida` of a confirmation.
pub const CONFIRMED: &str = "EnvioConfirmado";

fn boolean(value: bool) -> &'static str {
    if value { "true" } else { "false" }
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

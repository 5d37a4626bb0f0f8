//! Response parsers: the envelope, faults, each operation's result, and the second parse of
//! `_Xml` results (spec §3, §4, §5).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::dom::{self, Limits, Node};
use crate::error::{LiveError, LiveErrorKind};
use crate::ns;
use crate::operation::Operation;

/// One document's status in a ticket (`ConsultarStatusTicketLC_Integracao`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusItem {
    /// `NumeroSequencia`: the document's sequence number within the ticket.
    pub numero_sequencia: Option<String>,
    /// `SituacaoProcessamento`, raw (`Processado`, `ComErro`, ...).
    pub situacao_processamento: Option<String>,
    /// `DetalheSituacao`: detail or error text; `None` when `i:nil`.
    pub detalhe_situacao: Option<String>,
}

/// An outbound ticket from a `Recuperar…` call: header and documents. Every value stays a
/// string (no lost leading zeros).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboundTicket {
    /// `Numero`: the ticket to confirm with `ConfirmarTicketLC_Integracao`.
    pub numero: Option<String>,
    /// `Data`, as sent.
    pub data: Option<String>,
    /// `Hora`, as sent.
    pub hora: Option<String>,
    /// `CodigoSistemaSatelite`, as sent.
    pub codigo_sistema_satelite: Option<String>,
    /// Each element under `Documentos` (a store, a customer).
    pub documentos: Vec<Field>,
}

/// An element of a returned document, in document order: text, `i:nil`, or child elements
/// (a repeated name becomes a list). Serialises as JSON: a string, `null`, an array or an
/// object whose keys keep the document's order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Field {
    /// `i:nil="true"`.
    Null,
    /// A leaf's text.
    Text(String),
    /// The values of a repeated child.
    List(Vec<Field>),
    /// Children by local name.
    Object(Vec<(String, Field)>),
}

impl Field {
    /// The child `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Field> {
        match self {
            Self::Object(children) => children
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The text of a leaf.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_none(),
            Self::Text(text) => serializer.serialize_str(text),
            Self::List(values) => values.serialize(serializer),
            Self::Object(children) => {
                let mut map = serializer.serialize_map(Some(children.len()))?;
                for (key, value) in children {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// Parses responses under size and depth limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Parser {
    /// The bounds every document read must respect.
    pub limits: Limits,
}

impl Parser {
    /// A parser with these bounds (fields may be added: build it here or from `default()`).
    pub fn new(limits: Limits) -> Self {
        Self { limits }
    }

    /// `ObterChaveAcessoLC_IntegracaoResult`: the access key.
    pub fn access_key(&self, bytes: &[u8]) -> Result<String, LiveError> {
        let operation = Operation::AccessKey;
        let result = self.result(bytes, operation)?;
        let key = result.value().unwrap_or_default().trim();
        if key.is_empty() {
            return Err(LiveError::new(
                LiveErrorKind::UnexpectedResponse,
                0,
                "the result holds no key",
            )
            .within(&operation.result_element()));
        }
        Ok(key.to_owned())
    }

    /// `ConsultarStatusTicketLC_IntegracaoResult`: every item, in order (not only the first).
    /// An item is any element holding the status members; the members are matched by
    /// namespace and local name, whatever their prefix or order.
    pub fn status(&self, bytes: &[u8]) -> Result<Vec<StatusItem>, LiveError> {
        let result = self.result(bytes, Operation::TicketStatus)?;
        let mut items = Vec::new();
        collect_status(&result, &mut items);
        Ok(items)
    }

    /// `RecuperarLojasLC_Integracao_XmlResult`: the escaped (or CDATA) ticket document, parsed a
    /// second time.
    pub fn stores(&self, bytes: &[u8]) -> Result<OutboundTicket, LiveError> {
        let operation = Operation::Stores;
        let result = self.result(bytes, operation)?;
        self.inner_ticket(&result)
            .map_err(|error| error.within(&operation.result_element()))
    }

    /// `RecuperarClienteLC_IntegracaoResult`: the ticket as a data contract, or (from servers
    /// that answer in the `_Xml` flavour) as an embedded document.
    pub fn customers(&self, bytes: &[u8]) -> Result<OutboundTicket, LiveError> {
        let operation = Operation::Customers;
        let result = self.result(bytes, operation)?;
        if result.children.is_empty() && !result.text.trim().is_empty() {
            return self
                .inner_ticket(&result)
                .map_err(|error| error.within(&operation.result_element()));
        }
        Ok(ticket(&result))
    }

    /// `ConfirmarTicketLC_IntegracaoResponse`: success is its presence under the body.
    pub fn confirmation(&self, bytes: &[u8]) -> Result<(), LiveError> {
        self.response(bytes, Operation::ConfirmTicket).map(|_| ())
    }

    /// The operation's response element, after the fault check.
    fn response(&self, bytes: &[u8], operation: Operation) -> Result<Node, LiveError> {
        let root = dom::parse(bytes, self.limits)?;
        if !root.is(Some(ns::SOAP_ENVELOPE), "Envelope") {
            return Err(unexpected("not a SOAP 1.1 envelope", "Envelope"));
        }
        let body = root
            .children
            .into_iter()
            .find(|child| child.is(Some(ns::SOAP_ENVELOPE), "Body"))
            .ok_or_else(|| unexpected("no Body", "Envelope"))?;
        if let Some(fault) = body.child(Some(ns::SOAP_ENVELOPE), "Fault") {
            return Err(fault_error(fault));
        }
        let name = operation.response_element();
        let response = body
            .children
            .into_iter()
            .find(|child| child.is(Some(ns::LIVE), &name))
            .ok_or_else(|| unexpected("the response element is missing", &name))?;
        refused_key(&response).map_or(Ok(response), Err)
    }

    /// The operation's result element.
    fn result(&self, bytes: &[u8], operation: Operation) -> Result<Node, LiveError> {
        let name = operation.result_element();
        self.response(bytes, operation)?
            .children
            .into_iter()
            .find(|child| child.is(Some(ns::LIVE), &name))
            .ok_or_else(|| unexpected("the result element is missing", &name))
    }

    /// The ticket inside an `_Xml` result's text (entities already resolved by the reader).
    fn inner_ticket(&self, result: &Node) -> Result<OutboundTicket, LiveError> {
        let text = result.value().unwrap_or_default().trim();
        if text.is_empty() {
            return Err(unexpected("the result holds no document", ""));
        }
        let document = dom::parse(text.as_bytes(), self.limits)?;
        refused_key(&document).map_or_else(|| Ok(ticket(&document)), Err)
    }
}

fn unexpected(detail: &str, element: &str) -> LiveError {
    LiveError::new(LiveErrorKind::UnexpectedResponse, 0, detail).within(element)
}

/// A SOAP fault as an error; "Chave de Acesso Inv…" in the fault string makes it
/// [`LiveErrorKind::InvalidAccessKey`].
fn fault_error(fault: &Node) -> LiveError {
    let text = |name| {
        fault
            .children
            .iter()
            .find(|child| child.name == name)
            .map(|child| child.text.trim().to_owned())
    };
    let message = text("faultstring").unwrap_or_default();
    let kind = if is_invalid_key_message(&message) {
        LiveErrorKind::InvalidAccessKey
    } else {
        LiveErrorKind::Fault
    };
    LiveError::new(kind, 0, message)
        .within("Fault")
        .with_fault_code(text("faultcode"))
}

/// The element that carries the connector's own return text in answers that are not faults.
pub const RETURN_ELEMENT: &str = "LC_Retorno";

/// An `InvalidAccessKey` error when an `LC_Retorno` element (any namespace, any depth) says the
/// key is invalid: the connector may refuse a key in an HTTP 200 answer, not only in a fault.
fn refused_key(node: &Node) -> Option<LiveError> {
    if node.name == RETURN_ELEMENT && is_invalid_key_message(&node.text) {
        return Some(
            LiveError::new(LiveErrorKind::InvalidAccessKey, 0, node.text.trim())
                .within(RETURN_ELEMENT),
        );
    }
    node.children.iter().find_map(refused_key)
}

/// Whether a message says the access key is invalid: as Protheus tests it, the message
/// upper-cased contains `CHAVE DE ACESSO INV` (which sidesteps the accent of "Inválida",
/// spec §1.1).
pub fn is_invalid_key_message(message: &str) -> bool {
    message.to_uppercase().contains("CHAVE DE ACESSO INV")
}

const STATUS_MEMBERS: [&str; 3] = [
    "DetalheSituacao",
    "NumeroSequencia",
    "SituacaoProcessamento",
];

/// Items in document order: every element with a status member among its children.
fn collect_status(node: &Node, items: &mut Vec<StatusItem>) {
    let member = |name: &str| node.child(Some(ns::OBJECTS), name);
    if STATUS_MEMBERS.iter().any(|name| member(name).is_some()) {
        items.push(StatusItem {
            numero_sequencia: member("NumeroSequencia")
                .and_then(Node::value)
                .map(str::to_owned),
            situacao_processamento: member("SituacaoProcessamento")
                .and_then(Node::value)
                .map(str::to_owned),
            detalhe_situacao: member("DetalheSituacao")
                .and_then(Node::value)
                .map(str::to_owned),
        });
        return;
    }
    for child in &node.children {
        collect_status(child, items);
    }
}

/// Whether a ticket member is in a namespace a ticket uses: none (the `_Xml` document) or the
/// data contracts (the object variant).
fn ticket_namespace(node: &Node) -> bool {
    node.namespace.is_none() || node.namespace.as_deref() == Some(ns::OBJECTS)
}

/// The ticket header and documents of a ticket element.
fn ticket(node: &Node) -> OutboundTicket {
    let member = |name: &str| {
        node.children
            .iter()
            .find(|child| child.name == name && ticket_namespace(child))
    };
    let header = |name| {
        member(name)
            .and_then(Node::value)
            .map(|text| text.trim().to_owned())
    };
    OutboundTicket {
        numero: header("Numero"),
        data: header("Data"),
        hora: header("Hora"),
        codigo_sistema_satelite: header("CodigoSistemaSatelite"),
        documentos: member("Documentos")
            .map(|documents| documents.children.iter().map(json).collect())
            .unwrap_or_default(),
    }
}

/// An element as a [`Field`]: text for leaves, objects for elements with children.
fn json(node: &Node) -> Field {
    if node.nil {
        return Field::Null;
    }
    if node.children.is_empty() {
        return Field::Text(node.text.clone());
    }
    let mut children: Vec<(String, Field)> = Vec::new();
    for child in &node.children {
        let value = json(child);
        match children.iter_mut().find(|(name, _)| *name == child.name) {
            Some((_, Field::List(values))) => values.push(value),
            Some((_, existing)) => {
                let first = std::mem::replace(existing, Field::Null);
                *existing = Field::List(vec![first, value]);
            }
            None => children.push((child.name.clone(), value)),
        }
    }
    Field::Object(children)
}

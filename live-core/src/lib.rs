//! Sans-IO model of the Totvs Live connector (a WCF SOAP 1.1 service) and of the Digibee
//! "Totvs Live" capsule JSON contract.
//!
//! Layout, one concern per module:
//!
//! - [`request`] builds the SOAP envelopes of `ObterChaveAcessoLC_Integracao`,
//!   `ConsultarStatusTicketLC_Integracao`, `RecuperarLojasLC_Integracao_Xml`,
//!   `RecuperarClienteLC_Integracao` and `ConfirmarTicketLC_Integracao`, escaped, in the
//!   order the data contracts require, as [`LiveRequest`] values; [`Operation`] names them.
//! - [`Parser`] reads the responses by namespace and local name (never by prefix), handles
//!   `i:nil`, reads every status item, parses `_Xml` results a second time, and turns SOAP
//!   faults into errors ([`LiveErrorKind::InvalidAccessKey`] for an invalid key, also when an
//!   `LC_Retorno` of a 200 answer says so).
//! - [`session`] is the access key's lifecycle as a sans-IO state machine: fetch a key, send,
//!   renew once on an invalid key, judge by fault before HTTP status ([`judge`]).
//! - [`process_status`] is the capsules' verdict on a ticket; [`capsule`] is their JSON.
//! - [`ticket_number`] makes inbound ticket numbers from the caller's clock.
//! - [`LiveError`] is the crate's one error type: a kind with a stable code, the element, the
//!   offset and the detail.
//!
//! Inputs with a DOCTYPE, entity declarations, excessive depth or size are refused.
//!
//! ```
//! use live_core::{Parser, ProcessStatus, ProcessStatusPolicy, process_status, request};
//!
//! let query = request::StatusQuery {
//!     chave: "b3c02efe-9e54-49a9-95b4-3af8f9475392".into(),
//!     codigo_sistema_satelite: "220000251".into(),
//!     numero_ticket: "0191211140546677".into(),
//!     parar_processamento_com_erro: None,
//! };
//! let call = request::ticket_status("http://live/LiveConnector/FacadeIntegracao.svc", &query);
//! assert!(call.body.contains("<ren1:NumeroTicket>0191211140546677</ren1:NumeroTicket>"));
//!
//! let answer = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"><ConsultarStatusTicketLC_IntegracaoResult xmlns:a="http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:LC_StatusTicket><a:DetalheSituacao i:nil="true"/><a:NumeroSequencia>1</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:LC_StatusTicket></ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"#;
//! let items = Parser::default().status(answer)?;
//! assert_eq!(process_status(&items, ProcessStatusPolicy::default()), ProcessStatus::Success);
//! # Ok::<(), live_core::LiveError>(())
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod capsule;
mod dom;
mod error;
#[cfg(feature = "http")]
mod http;
pub mod ns;
mod operation;
pub mod request;
mod response;
pub mod session;
mod status;
mod ticket;

pub use dom::Limits;
pub use error::{LiveError, LiveErrorKind, judge};
pub use operation::Operation;
pub use request::LiveRequest;
pub use response::{
    Field, OutboundTicket, Parser, RETURN_ELEMENT, StatusItem, is_invalid_key_message,
};
pub use status::{ErrorMessage, ProcessStatus, ProcessStatusPolicy, Situation, process_status};
pub use ticket::{LocalTime, ticket_number};

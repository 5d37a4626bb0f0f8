//! The namespaces of the Live connector's messages (spec §3, §4).

/// SOAP 1.1 envelope.
pub const SOAP_ENVELOPE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The service's target namespace: operations, their parameters and results.
pub const LIVE: &str = "http://LiveConnector/";
/// The data contracts of the connector's objects (`Chave`, `SituacaoProcessamento`, ...).
pub const OBJECTS: &str =
    "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects";
/// The framework's data contracts (declared by the status request, never used).
pub const FRAMEWORK_DATA: &str = "http://schemas.datacontract.org/2004/07/Rentech.Framework.Data";
/// WCF arrays (declared by the confirmation request).
pub const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
/// XML Schema instance: `i:nil="true"` marks a null member.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

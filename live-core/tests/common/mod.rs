//! Answers of a Live connector, written out by hand for the tests.

#![allow(dead_code)]

pub(crate) const URL: &str = "http://live.example/LiveConnector/FacadeIntegracao.svc";
pub(crate) const OBJECTS: &str =
    "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects";

/// A WCF answer of `operation` whose result element holds `result`.
pub(crate) fn answer(operation: &str, result: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><{operation}Response xmlns="http://LiveConnector/"><{operation}Result xmlns:a="{OBJECTS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">{result}</{operation}Result></{operation}Response></s:Body></s:Envelope>"#
    )
}

/// The answer of `ObterChaveAcessoLC_Integracao` with `key`.
pub(crate) fn key_answer(key: &str) -> String {
    answer("ObterChaveAcessoLC_Integracao", key)
}

/// A stores answer whose escaped inner document is `inner` (written unescaped here).
pub(crate) fn stores_answer(inner: &str) -> String {
    let escaped = inner
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    answer("RecuperarLojasLC_Integracao_Xml", &escaped)
}

/// A status answer with one item of status `status` and a nil detail.
pub(crate) fn status_answer(status: &str) -> String {
    answer(
        "ConsultarStatusTicketLC_Integracao",
        &format!(
            r#"<a:LC_StatusTicket><a:DetalheSituacao i:nil="true"/><a:NumeroSequencia>1</a:NumeroSequencia><a:SituacaoProcessamento>{status}</a:SituacaoProcessamento></a:LC_StatusTicket>"#
        ),
    )
}

/// A WCF fault with `message`.
pub(crate) fn fault(message: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher">a:InternalServiceFault</faultcode><faultstring xml:lang="pt-BR">{message}</faultstring></s:Fault></s:Body></s:Envelope>"#
    )
}

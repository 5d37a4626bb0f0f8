//! The conversion of a [`LiveRequest`] into the `http` crate's request (feature `http`): a
//! POST to the endpoint with the `Content-Type` and `SOAPAction` headers and the envelope.

use crate::request::LiveRequest;

impl LiveRequest {
    /// The request as the `http` crate's value (which taf-core's `HttpRequest` converts from);
    /// fails when the URL is not a valid URI.
    pub fn into_http(self) -> Result<::http::Request<Vec<u8>>, ::http::Error> {
        let mut builder = ::http::Request::builder()
            .method(::http::Method::POST)
            .uri(self.url.as_str());
        for (name, value) in self.headers() {
            builder = builder.header(name, value);
        }
        builder.body(self.body.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use crate::request::{self, Identification};

    #[test]
    fn a_post_with_the_soap_headers_and_the_envelope() {
        let live = request::customers("http://live/Facade.svc", &Identification::new("1"));
        let converted = live.clone().into_http().unwrap();
        assert_eq!(converted.method(), ::http::Method::POST);
        assert_eq!(converted.uri(), "http://live/Facade.svc");
        assert_eq!(
            converted.headers()["SOAPAction"],
            "http://LiveConnector/IFacadeIntegracao/RecuperarClienteLC_Integracao"
        );
        assert_eq!(
            converted.headers()["Content-Type"],
            "text/xml; charset=utf-8"
        );
        assert_eq!(converted.body(), live.body.as_bytes());
        let mut bad = live;
        bad.url = "not a uri".into();
        assert!(bad.into_http().is_err());
    }
}

//! Where the service is and who calls it: the options every client command shares.

use std::time::Duration;

use clap::Args;
use taf_core::{Credentials, Endpoint};

use crate::client::Client;
use crate::exit::CliError;
use crate::network::Network;

/// Options of the commands that talk to a server.
#[derive(Debug, Args)]
pub(crate) struct ServiceArgs {
    /// The service URL; a URL without a path gets /rest/WSTAFST2.
    #[arg(long, default_value = "http://127.0.0.1:8085/rest/wstafst2")]
    url: String,
    /// HTTP Basic user.
    #[arg(long)]
    user: Option<String>,
    /// Password for --user; prefer the `TAF_PASSWORD` variable. Never echoed.
    #[arg(long, env = "TAF_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Seconds to wait for each answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

impl ServiceArgs {
    /// A client of the service over HTTP.
    pub(crate) fn client(&self) -> Result<Client<Network>, CliError> {
        let mut endpoint = endpoint(&self.url)?;
        if let Some(user) = &self.user {
            let password = self.password.clone().unwrap_or_default();
            endpoint = endpoint.with_credentials(Credentials::basic(user, password));
        }
        Ok(Client::new(
            endpoint,
            Network::new(Duration::from_secs(self.timeout)),
        ))
    }
}

/// The endpoint of a service URL: `scheme://host[:port]` and the path after it.
pub(crate) fn endpoint(url: &str) -> Result<Endpoint, CliError> {
    Endpoint::from_service_url(url).map_err(|source| CliError::Url {
        url: url.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_url_into_base_and_service_path() {
        let url = |text| endpoint(text).map(|endpoint| endpoint.url());
        assert_eq!(
            url("http://127.0.0.1:8085/rest/wstafst2/").unwrap(),
            "http://127.0.0.1:8085/rest/wstafst2"
        );
        assert_eq!(
            url("https://taf.example").unwrap(),
            "https://taf.example/rest/WSTAFST2"
        );
        assert!(matches!(url("taf.example"), Err(CliError::Url { .. })));
        assert!(matches!(url("http://h/x?y"), Err(CliError::Url { .. })));
    }
}

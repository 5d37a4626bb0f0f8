//! `taf live`: the Totvs Live connector (SOAP 1.1): access keys, the status of inbound
//! tickets, the stores and customers tickets, and their confirmation.

mod outbound;
mod session;
mod status;

use std::io::{self, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{ArgGroup, Args, Subcommand};
use live_core::capsule::{Capsule, CapsuleOutput, CustomerInput, StatusInput, StoresInput};
use live_core::request::Login;
use live_core::session::{Call, Outcome, Session};
use live_core::{OutboundTicket, StatusItem};
use serde_json::json;
use taf_core::Endpoint;

use crate::exit::{CliError, Exit};
use crate::network::Network;
use crate::output::print_json;
use session::Driver;

/// Options of `taf live`.
#[derive(Debug, Args)]
pub(crate) struct LiveArgs {
    #[command(subcommand)]
    command: LiveCommand,
}

#[derive(Debug, Subcommand)]
enum LiveCommand {
    /// Fetch a new access key (`ObterChaveAcessoLC_Integracao`) and print it.
    #[command(mut_arg("user", |arg| arg.required(true)))]
    Key(ConnectorArgs),
    /// Show every status item of an inbound ticket and its processStatus.
    Status(status::StatusArgs),
    /// Retrieve the stores ticket (`RecuperarLojasLC_Integracao_Xml`).
    Stores(outbound::StoresArgs),
    /// Retrieve the customers ticket (`RecuperarClienteLC_Integracao`).
    #[command(visible_alias = "customer")]
    Customers(outbound::CustomersArgs),
    /// Confirm that an outbound ticket was consumed (`ConfirmarTicketLC_Integracao`).
    Confirm(outbound::ConfirmArgs),
}

/// Where the connector is, who calls it, and how to print the answer.
#[derive(Debug, Args)]
pub(crate) struct ConnectorArgs {
    /// The connector's endpoint: the full `…/LiveConnector/FacadeIntegracao.svc` URL.
    #[arg(long, value_name = "ENDPOINT")]
    url: String,
    /// `CodigoSistemaSatelite`: the satellite system's code.
    #[arg(long, value_name = "CODE")]
    satellite: String,
    /// User for `ObterChaveAcessoLC_Integracao` (fetches a key before the call, and a new one
    /// when the connector refuses it).
    #[arg(long, value_name = "U", requires = "password")]
    user: Option<String>,
    /// Password for --user; prefer the `LIVE_PASSWORD` variable. Never echoed.
    #[arg(long, env = "LIVE_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Seconds to wait for each answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Print JSON instead of a table: for status, stores and customers, the Digibee "Totvs
    /// Live" capsule's output.
    #[arg(long)]
    json: bool,
}

impl ConnectorArgs {
    /// A session over HTTP, starting with `key` when given.
    fn session(&self, key: Option<String>) -> Result<Driver<Network>, CliError> {
        Endpoint::new(&self.url).map_err(|source| CliError::Url {
            url: self.url.clone(),
            source,
        })?;
        let login = self.user.as_ref().map(|user| Login {
            codigo_sistema_satelite: self.satellite.clone(),
            usuario: user.clone(),
            senha: self.password.clone().unwrap_or_default(),
        });
        let url = self.url.trim();
        Ok(Driver::new(
            Session::new(url, login, key),
            Network::new(Duration::from_secs(self.timeout)),
            url,
        ))
    }
}

/// The connector options and a key: `--key`, `--user`, or both (the key first, the login for a
/// new key when it is refused).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("access").required(true).multiple(true).args(["key", "user"])))]
pub(crate) struct AccessArgs {
    /// The access key (a GUID) to call with.
    #[arg(long, value_name = "GUID")]
    key: Option<String>,
    #[command(flatten)]
    connector: ConnectorArgs,
}

impl AccessArgs {
    /// A session over HTTP with `--key` and `--user`.
    fn session(&self) -> Result<Driver<Network>, CliError> {
        self.connector.session(self.key.clone())
    }
}

pub(crate) fn run(args: &LiveArgs) -> Result<Exit, CliError> {
    match &args.command {
        LiveCommand::Key(args) => key(args),
        LiveCommand::Status(args) => status::run(args),
        LiveCommand::Stores(args) => outbound::stores(args),
        LiveCommand::Customers(args) => outbound::customers(args),
        LiveCommand::Confirm(args) => outbound::confirm(args),
    }
}

/// `taf live key`: the key alone on a line, or `{"chaveAcesso": …}`.
fn key(args: &ConnectorArgs) -> Result<Exit, CliError> {
    let mut driver = args.session(None)?;
    let finished = driver.call(Call::AccessKey)?;
    let key = match driver.outcome(finished)? {
        Outcome::Key(key) => key,
        other => return Err(unexpected(&args.url, &other)),
    };
    if args.json {
        print_json(&json!({ "chaveAcesso": key }))?;
    } else {
        writeln!(io::stdout().lock(), "{key}")?;
    }
    Ok(Exit::Clean)
}

/// An outcome other than the one the call gives (never, unless live-core changes).
fn unexpected(url: &str, outcome: &Outcome) -> CliError {
    CliError::Transport {
        url: url.to_owned(),
        detail: format!("unexpected outcome {outcome:?}"),
    }
}

/// A call one of the Digibee capsules wraps: its input makes the call, the outcome holds what
/// the command shows, the capsule renders the answer.
trait CapsuleCall {
    /// What the command shows.
    type Parsed;

    /// What the outcome holds, or the outcome when it is not this call's.
    fn take(outcome: Outcome) -> Result<Self::Parsed, Outcome>;

    /// The capsule's output for an answer, an error output stamped `now_millis`.
    fn output(&self, capsule: &Capsule, status: u16, body: &[u8], now_millis: u64)
    -> CapsuleOutput;
}

impl CapsuleCall for StatusInput {
    type Parsed = Vec<StatusItem>;

    fn take(outcome: Outcome) -> Result<Self::Parsed, Outcome> {
        match outcome {
            Outcome::Status(items) => Ok(items),
            other => Err(other),
        }
    }

    fn output(
        &self,
        capsule: &Capsule,
        status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        capsule.ticket_status(self, status, body, now_millis)
    }
}

impl CapsuleCall for StoresInput {
    type Parsed = OutboundTicket;

    fn take(outcome: Outcome) -> Result<Self::Parsed, Outcome> {
        match outcome {
            Outcome::Ticket(ticket) => Ok(ticket),
            other => Err(other),
        }
    }

    fn output(
        &self,
        capsule: &Capsule,
        status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        capsule.stores(self, status, body, now_millis)
    }
}

impl CapsuleCall for CustomerInput {
    type Parsed = OutboundTicket;

    fn take(outcome: Outcome) -> Result<Self::Parsed, Outcome> {
        match outcome {
            Outcome::Ticket(ticket) => Ok(ticket),
            other => Err(other),
        }
    }

    fn output(
        &self,
        capsule: &Capsule,
        status: u16,
        body: &[u8],
        now_millis: u64,
    ) -> CapsuleOutput {
        capsule.customers(self, status, body, now_millis)
    }
}

/// Makes the call `input` describes through the session and, with `--json`, prints the
/// capsule's output for the last answer (its error output too) before returning what was read.
fn call_capsule<C: CapsuleCall>(
    access: &AccessArgs,
    capsule: &Capsule,
    input: &C,
    call: Call,
) -> Result<C::Parsed, CliError> {
    let mut driver = access.session()?;
    let finished = driver.call(call)?;
    if access.connector.json {
        let output = input.output(capsule, finished.status, &finished.body, now_millis());
        writeln!(io::stdout().lock(), "{}", output.json)?;
    }
    C::take(driver.outcome(finished)?).map_err(|other| unexpected(&access.connector.url, &other))
}

/// Milliseconds since the Unix epoch, for the capsules' error `timestamp`.
fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

//! The `taf` command: the WSTAFST2 emulator over HTTP, the demo, the preflight and lote tools,
//! the client commands for real servers, and the Totvs Live connector's commands.
//!
//! Layout: one module per command (`build`, `check`, `validate`, `send`, `status`,
//! `watch`, `delete`, `demo`, `serve`, `live`); the IO the cores leave to their
//! callers (`network` over ureq, `files`, `parallel` for the preflight's chunks on every
//! core); what client commands share (`service`, `client`, `server_rules`, `deadline`);
//! and how results reach people and machines (`output`, `table`, `verdict`, `records`,
//! `listing`, `progress`, `exit`). Protocol rules stay in the cores.

mod build;
mod check;
mod client;
mod deadline;
mod delete;
mod demo;
mod exit;
mod files;
mod listing;
mod live;
mod network;
mod output;
mod parallel;
mod progress;
mod records;
mod send;
mod serve;
mod server_rules;
mod service;
mod status;
mod table;
mod validate;
mod verdict;
mod watch;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exit::{CliError, EXIT_CODES, Exit};

/// Tools for TOTVS TAF WSTAFST2 integrations.
#[derive(Debug, Parser)]
#[command(name = "taf", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the TAF emulator at /rest/wstafst2 (plus /_emulator/ control endpoints).
    Serve(serve::ServeArgs),
    /// Predict the server's answer to a lote file, with every finding and its fix.
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Build POST lotes from XML and TXT event files.
    Build(build::BuildArgs),
    /// Preflight a lote file, then POST it.
    Send(send::SendArgs),
    /// Show every record of a ticket or key, over all pages.
    #[command(after_help = EXIT_CODES)]
    Status(status::StatusArgs),
    /// Poll a ticket until every key is terminal.
    Watch(watch::WatchArgs),
    /// Delete whole tickets.
    Delete(delete::DeleteArgs),
    /// Talk to a Totvs Live connector: access keys, ticket status, stores, customers.
    #[command(after_help = EXIT_CODES)]
    Live(live::LiveArgs),
    /// Validate eSocial event files against their layout's schema (S-1.0 to S-1.3): exit 0 all
    /// valid, 2 any invalid, 3 a file that cannot be read.
    Validate(validate::ValidateArgs),
    /// Run the whole cycle on the embedded emulator: build, preflight, POST, job, government,
    /// paging, DELETE.
    Demo,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are not errors; anything else is a usage error (3).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 3 } else { 0 });
        }
    };
    let result: Result<Exit, CliError> = match &cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Send(args) => send::run(args),
        Command::Status(args) => status::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Delete(args) => delete::run(args),
        Command::Live(args) => live::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Demo => demo::run(),
    };
    match result {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(error) => {
            // A closed standard error (`2>&1 | head`) must not turn the exit code into a panic's.
            let _ = writeln!(io::stderr(), "taf: {error}");
            ExitCode::from(error.code())
        }
    }
}

//! The `taf` command: the WSTAFST2 emulator over HTTP, and (as the SDK grows) the demo and the
//! client commands for real servers.

mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Tools for TOTVS TAF WSTAFST2 integrations.
#[derive(Debug, Parser)]
#[command(name = "taf", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the TAF emulator at /rest/wstafst2 (plus /_emulator/ control endpoints).
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("taf: {error}");
            ExitCode::from(2)
        }
    }
}

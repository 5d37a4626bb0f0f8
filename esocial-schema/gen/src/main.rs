//! `esocial-schema-gen [ESOCIAL_DIR] [OUTPUT]`: regenerates `esocial-schema/src/tables.rs`.
//! Defaults: `../shared/esocial` and `esocial-schema/src/tables.rs` (run from the repository root).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let dir = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/esocial"), PathBuf::from);
    let output = args.next().map_or_else(
        || PathBuf::from("esocial-schema/src/tables.rs"),
        PathBuf::from,
    );
    match esocial_schema_gen::generate(&dir) {
        Ok(source) => match std::fs::write(&output, source) {
            Ok(()) => {
                println!("wrote {}", output.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", output.display());
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

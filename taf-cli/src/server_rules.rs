//! The server set-up a preflight judges against: registered branches, pending keys, layout.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use taf_core::BranchMap;
use taf_core::preflight::{Preflight, ServerRules, TargetLayout};

use crate::exit::CliError;
use crate::files;

/// Options describing the target server, for the preflight.
#[derive(Debug, Args)]
pub(crate) struct ServerRulesArgs {
    /// A branch registered on the server, as GROUP:BRANCH (repeatable).
    /// Without any, the branches are unknown: 803 and 812 are not predicted (warning W22).
    #[arg(long = "branch", value_name = "GROUP:BRANCH", value_parser = parse_branch)]
    branches: Vec<(String, String)>,
    /// A lote posted earlier whose XML items are still pending on the server, so that reusing
    /// their keys is predicted as 813 (repeatable).
    #[arg(long = "pending", value_name = "LOTE")]
    pending: Vec<PathBuf>,
    /// The eSocial layout the target TAF runs (decides rule 814).
    #[arg(long, value_enum, default_value_t = Layout::Simplified)]
    layout: Layout,
}

/// `--layout` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Layout {
    /// S-1.x for every event, as current TAF runs.
    Simplified,
    /// Not known: warn about S-1.x events a layout-2.5 TAF would refuse.
    Unknown,
    /// Layout 2.5: S-1.x events other than SESMT are rejected with 814.
    Legacy,
}

impl ServerRulesArgs {
    /// The preflight for this set-up; the `--pending` lotes are run through the server's
    /// processing so that the XML items it would store count as pending.
    pub(crate) fn preflight(&self) -> Result<Preflight, CliError> {
        let mut server = ServerRules::new(BranchMap::from_pairs(
            self.branches.iter().map(|(group, branch)| (group, branch)),
        ));
        server.layout = match self.layout {
            Layout::Simplified => TargetLayout::Simplified,
            Layout::Unknown => TargetLayout::Unknown,
            Layout::Legacy => TargetLayout::Legacy,
        };
        let mut preflight = Preflight::new(server);
        for path in &self.pending {
            preflight.add_pending_lote(&files::read(path)?);
        }
        Ok(preflight)
    }
}

/// The branches given as `GROUP:BRANCH` pairs, or the emulator's sample set-up when none is.
pub(crate) fn branch_map(pairs: &[(String, String)]) -> BranchMap {
    if pairs.is_empty() {
        BranchMap::sample()
    } else {
        BranchMap::from_pairs(pairs.iter().map(|(group, branch)| (group, branch)))
    }
}

/// Parses `GROUP:BRANCH`.
pub(crate) fn parse_branch(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((group, branch)) if !group.trim().is_empty() && !branch.trim().is_empty() => {
            Ok((group.trim().to_owned(), branch.trim().to_owned()))
        }
        _ => Err(format!("expected GROUP:BRANCH, got {text:?}")),
    }
}

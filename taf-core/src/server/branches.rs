//! TAF company groups and their branches: the `keyTafJob` map that routes a `sourceBranch`
//! (spec §2.1).

use serde::{Deserialize, Serialize};

/// TAF company groups and the branches registered in each (the `keyTafJob` map plus C1E).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BranchMap {
    groups: Vec<(String, Vec<String>)>,
    /// Stands for branches nobody told: every branch is taken as registered, in one group.
    #[serde(skip)]
    unknown: bool,
}

impl BranchMap {
    /// A map from `(group, branch)` pairs.
    pub fn from_pairs<G: AsRef<str>, B: AsRef<str>>(
        pairs: impl IntoIterator<Item = (G, B)>,
    ) -> Self {
        pairs
            .into_iter()
            .fold(Self::default(), |map, (group, branch)| {
                map.with(group.as_ref(), branch.as_ref())
            })
    }

    /// The emulator's default set-up: branches `0100` and `0101` in group `T1`, `0200` in `T2`.
    pub fn sample() -> Self {
        Self::from_pairs([("T1", "0100"), ("T1", "0101"), ("T2", "0200")])
    }

    /// A map that takes every branch as registered in one group: what the preflight assumes
    /// when it is given no branch, so that it predicts none of the branch rules.
    pub(crate) fn unknown() -> Self {
        Self {
            groups: Vec::new(),
            unknown: true,
        }
    }

    /// Whether no branch is registered.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Registers `branch` in company `group`.
    #[must_use]
    pub fn with(mut self, group: &str, branch: &str) -> Self {
        self.insert(group, branch);
        self
    }

    /// Registers `branch` in company `group`, in place.
    pub fn insert(&mut self, group: &str, branch: &str) {
        match self.groups.iter_mut().find(|(name, _)| name == group) {
            Some((_, branches)) => branches.push(branch.to_owned()),
            None => self
                .groups
                .push((group.to_owned(), vec![branch.to_owned()])),
        }
    }

    /// The group a branch belongs to, compared trimmed and case-sensitively as the server does.
    pub fn group_of(&self, branch: &str) -> Option<&str> {
        let branch = branch.trim();
        if self.unknown {
            return (!branch.is_empty()).then_some("");
        }
        self.groups
            .iter()
            .find(|(_, branches)| branches.iter().any(|known| known.trim() == branch))
            .map(|(group, _)| group.as_str())
    }

    /// Whether `sourceBranch` passes `WSST2ValFil`: a known branch, or an empty one when some
    /// group exists (the legacy first-group rule).
    pub fn accepts(&self, source_branch: &str) -> bool {
        if source_branch.trim().is_empty() {
            self.unknown || !self.groups.is_empty()
        } else {
            self.group_of(source_branch).is_some()
        }
    }
}

//! Content models as Glushkov automata: one position per element particle, deterministic.

use std::collections::BTreeSet;

/// Which namespaces a particle accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NsRule {
    /// The event's own namespace.
    Event,
    /// The XML-DSig namespace.
    Dsig,
    /// A wildcard `##other` (not XML-DSig).
    Other,
    /// A wildcard `##any`.
    Any,
}

/// A particle of a content model.
#[derive(Debug, Clone)]
pub(crate) enum Particle {
    /// An element (`name` is `None` for a wildcard), with its position's payload index.
    Leaf {
        /// Index of the position this leaf becomes.
        position: usize,
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs` (0 means unbounded).
        max: u32,
        /// Whether this is the event's `ds:Signature` (optional unless required).
        signature: bool,
    },
    /// `sequence`.
    Sequence(Vec<Particle>, u32, u32),
    /// `choice`.
    Choice(Vec<Particle>, u32, u32),
}

/// How minimum occurrences are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As the schema says.
    Strict,
    /// The signature is optional.
    SignatureOptional,
    /// Everything is optional (partial events).
    Relaxed,
}

/// First, last and nullability of a particle.
struct Facts {
    first: BTreeSet<usize>,
    last: BTreeSet<usize>,
    nullable: bool,
}

/// The automaton of a content model over `n` positions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Automaton {
    /// Positions reachable from the start.
    pub(crate) start: Vec<usize>,
    /// Whether the empty content is accepted.
    pub(crate) start_final: bool,
    /// Positions reachable from each position.
    pub(crate) follow: Vec<Vec<usize>>,
    /// Whether each position may end the content.
    pub(crate) last: Vec<bool>,
}

fn walk(particle: &Particle, mode: Mode, follow: &mut [BTreeSet<usize>]) -> Facts {
    let effective_min = |min: u32, signature: bool| match mode {
        Mode::SignatureOptional if signature => 0,
        Mode::Strict | Mode::SignatureOptional => min,
        Mode::Relaxed => 0,
    };
    let (facts, min, max) = match particle {
        Particle::Leaf {
            position,
            min,
            max,
            signature,
        } => {
            let set = BTreeSet::from([*position]);
            (
                Facts {
                    first: set.clone(),
                    last: set,
                    nullable: false,
                },
                effective_min(*min, *signature),
                *max,
            )
        }
        Particle::Sequence(children, min, max) => {
            let mut facts = Facts {
                first: BTreeSet::new(),
                last: BTreeSet::new(),
                nullable: true,
            };
            for child in children {
                let child_facts = walk(child, mode, follow);
                for &p in &facts.last {
                    follow[p].extend(child_facts.first.iter().copied());
                }
                if facts.nullable {
                    facts.first.extend(child_facts.first.iter().copied());
                }
                if child_facts.nullable {
                    facts.last.extend(child_facts.last);
                } else {
                    facts.last = child_facts.last;
                }
                facts.nullable &= child_facts.nullable;
            }
            (facts, effective_min(*min, false), *max)
        }
        Particle::Choice(children, min, max) => {
            let mut facts = Facts {
                first: BTreeSet::new(),
                last: BTreeSet::new(),
                nullable: false,
            };
            for child in children {
                let child_facts = walk(child, mode, follow);
                facts.first.extend(child_facts.first);
                facts.last.extend(child_facts.last);
                facts.nullable |= child_facts.nullable;
            }
            (facts, effective_min(*min, false), *max)
        }
    };
    if max != 1 {
        for &p in &facts.last {
            follow[p].extend(facts.first.iter().copied());
        }
    }
    Facts {
        nullable: facts.nullable || min == 0,
        ..facts
    }
}

/// Builds the automaton of `root` (a content model of `n` positions) in `mode`.
pub(crate) fn automaton(root: Option<&Particle>, n: usize, mode: Mode) -> Automaton {
    let mut follow = vec![BTreeSet::new(); n];
    let facts = root.map_or(
        Facts {
            first: BTreeSet::new(),
            last: BTreeSet::new(),
            nullable: true,
        },
        |root| walk(root, mode, &mut follow),
    );
    Automaton {
        start: facts.first.into_iter().collect(),
        start_final: facts.nullable,
        follow: follow
            .into_iter()
            .map(|set| set.into_iter().collect())
            .collect(),
        last: (0..n).map(|p| facts.last.contains(&p)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(position: usize, min: u32, max: u32) -> Particle {
        Particle::Leaf {
            position,
            min,
            max,
            signature: false,
        }
    }

    #[test]
    fn sequence_with_optional_and_repeated_elements() {
        // (a, b?, c{1,5})
        let model = Particle::Sequence(vec![leaf(0, 1, 1), leaf(1, 0, 1), leaf(2, 1, 5)], 1, 1);
        let strict = automaton(Some(&model), 3, Mode::Strict);
        assert_eq!(strict.start, vec![0]);
        assert!(!strict.start_final);
        assert_eq!(strict.follow, vec![vec![1, 2], vec![2], vec![2]]);
        assert_eq!(strict.last, vec![false, false, true]);
        let relaxed = automaton(Some(&model), 3, Mode::Relaxed);
        assert_eq!(relaxed.start, vec![0, 1, 2]);
        assert!(relaxed.start_final);
    }

    #[test]
    fn choice_of_sequences() {
        // (a, b) | c
        let model = Particle::Choice(
            vec![
                Particle::Sequence(vec![leaf(0, 1, 1), leaf(1, 1, 1)], 1, 1),
                leaf(2, 1, 1),
            ],
            1,
            1,
        );
        let strict = automaton(Some(&model), 3, Mode::Strict);
        assert_eq!(strict.start, vec![0, 2]);
        assert_eq!(strict.last, vec![false, true, true]);
    }
}

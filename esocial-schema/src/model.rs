//! The shapes of the generated tables (`tables.rs`).

/// A built-in base type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// `xs:string`: whitespace preserved.
    String,
    /// `xs:ID`: collapsed, an `NCName`.
    Id,
    /// `xs:byte`.
    Byte,
    /// `xs:integer`.
    Integer,
    /// `xs:positiveInteger`.
    PositiveInteger,
    /// `xs:decimal`.
    Decimal,
    /// `xs:date`.
    Date,
    /// A signature value: not checked (structure only).
    Unchecked,
}

/// The shape of a pattern that is checked without the regex engine on ASCII values.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fast {
    /// Only digits, their count within one of the ranges.
    Digits(&'static [(u32, u32)]),
    /// `.*[^\s].*`.
    NotBlankLine,
    /// `[^\s]{1}[\S\s]*`.
    NonSpaceStart,
    /// The regex decides.
    General,
}

/// A pattern facet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    /// As the XSD writes it.
    pub(crate) source: &'static str,
    /// Its fast shape.
    pub(crate) fast: Fast,
    /// Index into `REGEXES`.
    pub(crate) regex: usize,
}

/// A one-pass byte test that accepts common valid values of a simple type without the full
/// check (the generator derives it only where every value it accepts is valid); a value it
/// does not accept goes through the full check, which names the violation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shortcut {
    /// None: the full check decides every value.
    Never,
    /// No tab, CR or LF; the character count within `min..=max`; when `solid`, a first byte
    /// other than a space.
    Text { min: u32, max: u32, solid: bool },
    /// ASCII digits only, their count within one of the ranges.
    Digits(&'static [(u32, u32)]),
    /// Exactly one of these byte strings (sorted by length, then bytes).
    OneOf(&'static [&'static str]),
    /// Up to `int` ASCII digits, then optionally a point and 1 to `frac` digits; `nonzero`: a
    /// digit other than 0 is required.
    Decimal { int: u32, frac: u32, nonzero: bool },
    /// ASCII digits only, their count within one of the ranges and their value within
    /// `min..=max`.
    Count {
        runs: &'static [(u32, u32)],
        min: u64,
        max: u64,
    },
    /// A date written `YYYY-MM-DD` (four-digit year) from `min` (inclusive) to `below`
    /// (exclusive); dates in this form compare as their bytes.
    Date {
        min: &'static str,
        below: &'static str,
    },
    /// ASCII bytes that fit one of the sequences of steps `(set, low, high)` (a byte `b` of
    /// the set has bit `b` on; at most one step of a sequence has `low < high`), their count
    /// within `min..=max`.
    Shapes {
        shapes: &'static [&'static [(u128, u32, u32)]],
        min: u32,
        max: u32,
    },
}

/// A simple type with the facets of its whole derivation chain.
#[derive(Debug)]
pub(crate) struct Simple {
    pub(crate) base: Base,
    /// A value must be in every group (canonical decimals for numeric bases).
    pub(crate) enums: &'static [&'static [&'static str]],
    /// A value must match one pattern of every group.
    pub(crate) patterns: &'static [&'static [Pattern]],
    /// Accepts common valid values in one pass.
    pub(crate) shortcut: Shortcut,
    pub(crate) length: Option<u32>,
    pub(crate) min_length: Option<u32>,
    pub(crate) max_length: Option<u32>,
    pub(crate) total_digits: Option<u32>,
    pub(crate) fraction_digits: Option<u32>,
    pub(crate) min_inclusive: Option<&'static str>,
    pub(crate) max_inclusive: Option<&'static str>,
    pub(crate) min_exclusive: Option<&'static str>,
    pub(crate) max_exclusive: Option<&'static str>,
}

/// Namespaces a position accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// The event's namespace.
    Event,
    /// XML-DSig.
    Dsig,
    /// A wildcard for any namespace but XML-DSig.
    Other,
    /// A wildcard for any namespace.
    Any,
}

/// An element's content type.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ty {
    /// Index into `SIMPLES`.
    Simple(u32),
    /// Index into `COMPLEXES`.
    Complex(u32),
    /// A wildcard's subtree, not validated.
    Skip,
}

/// A state of a content-model automaton: the start of a complex type or one element particle.
#[derive(Debug)]
pub(crate) struct Position {
    /// Local name (empty for a wildcard or a start state).
    pub(crate) name: &'static str,
    pub(crate) ns: Ns,
    pub(crate) ty: Ty,
    /// `maxOccurs`, 0 when unbounded.
    pub(crate) max: u32,
    /// Bit 0: the content may end here; bit 1: it may end here when the signature is optional.
    pub(crate) accept: u8,
    /// Positions reachable from here.
    pub(crate) next: &'static [u32],
    /// Positions reachable from here when every particle is optional (partial events).
    pub(crate) relaxed: &'static [u32],
}

/// Text a complex type allows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text {
    /// Whitespace only.
    ElementOnly,
    /// Any text.
    Mixed,
    /// A value, not checked (the signature's simple content).
    Value,
}

/// A declared attribute.
#[derive(Debug)]
pub(crate) struct Attr {
    pub(crate) name: &'static str,
    /// Index into `SIMPLES`.
    pub(crate) ty: u32,
    pub(crate) required: bool,
}

/// A complex type.
#[derive(Debug)]
pub(crate) struct Complex {
    pub(crate) attrs: &'static [Attr],
    pub(crate) text: Text,
    /// Its start state in `POSITIONS`.
    pub(crate) start: u32,
}

/// One event schema of a layout.
#[derive(Debug)]
pub(crate) struct EventDef {
    /// The event element's name (`evtRemun`).
    pub(crate) name: &'static str,
    /// The `eSocial` root's complex type.
    pub(crate) root: u32,
}

/// A layout version and its events (sorted by name).
#[derive(Debug)]
pub(crate) struct Layout {
    /// `v_S_01_03_00`.
    pub(crate) version: &'static str,
    /// `S-1.3`.
    pub(crate) name: &'static str,
    pub(crate) events: &'static [EventDef],
}

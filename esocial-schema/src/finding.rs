//! What the validator reports: findings with line, element path, rule, value and a fix.

use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Severity {
    /// The government (or any XML parser) rejects the event.
    Error,
    /// Only reported for partial events: a required element TAF must already hold.
    Warning,
}

/// The rule a finding breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The bytes are not well-formed XML (what is wrong).
    NotWellFormed(&'static str),
    /// A DOCTYPE or entity declaration (refused).
    Doctype,
    /// Deeper element nesting than the limit.
    TooDeep(usize),
    /// The root namespace names no known layout or event.
    UnknownSchema,
    /// An element the content model does not allow here.
    UnexpectedElement {
        /// Elements allowed at this point.
        expected: Vec<&'static str>,
    },
    /// The content ends before a required element.
    MissingElement {
        /// Elements that could come next.
        expected: Vec<&'static str>,
    },
    /// A child element inside an element of simple type.
    ElementInSimpleContent,
    /// Text inside an element that holds only elements.
    TextNotAllowed,
    /// An attribute the type does not declare.
    UnknownAttribute(String),
    /// A required attribute is absent.
    MissingAttribute(&'static str),
    /// Not a value of the built-in base type (`xs:byte`, `xs:date`, ...).
    Type(&'static str),
    /// `length`.
    Length(u32),
    /// `minLength`.
    MinLength(u32),
    /// `maxLength`.
    MaxLength(u32),
    /// `totalDigits`.
    TotalDigits(u32),
    /// `fractionDigits`.
    FractionDigits(u32),
    /// `minInclusive`.
    MinInclusive(&'static str),
    /// `maxInclusive`.
    MaxInclusive(&'static str),
    /// `minExclusive`.
    MinExclusive(&'static str),
    /// `maxExclusive`.
    MaxExclusive(&'static str),
    /// `enumeration` (the allowed values).
    Enumeration(&'static [&'static str]),
    /// `pattern` (as the XSD writes it).
    Pattern(&'static str),
}

fn names(f: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
    match names {
        [] => f.write_str("nothing"),
        [one] => f.write_str(one),
        many => write!(f, "one of ({})", many.join(", ")),
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotWellFormed(what) => write!(f, "well-formed: {what}"),
            Self::Doctype => f.write_str("no DOCTYPE"),
            Self::TooDeep(limit) => write!(f, "depth {limit}"),
            Self::UnknownSchema => f.write_str("known layout and event"),
            Self::UnexpectedElement { expected } => {
                f.write_str("expected ")?;
                names(f, expected)
            }
            Self::MissingElement { expected } => {
                f.write_str("missing ")?;
                names(f, expected)
            }
            Self::ElementInSimpleContent => f.write_str("simple content"),
            Self::TextNotAllowed => f.write_str("element-only content"),
            Self::UnknownAttribute(name) => write!(f, "attribute {name} not allowed"),
            Self::MissingAttribute(name) => write!(f, "attribute {name} required"),
            Self::Type(base) => write!(f, "type {base}"),
            Self::Length(n) => write!(f, "length {n}"),
            Self::MinLength(n) => write!(f, "minLength {n}"),
            Self::MaxLength(n) => write!(f, "maxLength {n}"),
            Self::TotalDigits(n) => write!(f, "totalDigits {n}"),
            Self::FractionDigits(n) => write!(f, "fractionDigits {n}"),
            Self::MinInclusive(v) => write!(f, "minInclusive {v}"),
            Self::MaxInclusive(v) => write!(f, "maxInclusive {v}"),
            Self::MinExclusive(v) => write!(f, "minExclusive {v}"),
            Self::MaxExclusive(v) => write!(f, "maxExclusive {v}"),
            Self::Enumeration(_) => f.write_str("enumeration"),
            Self::Pattern(p) => write!(f, "pattern {p}"),
        }
    }
}

/// One problem found in an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error, or a warning of a partial event.
    pub severity: Severity,
    /// 1-based line where libxml2 reports it (an element's start tag; a missing child at its
    /// parent's start tag).
    pub line: u32,
    /// Element path, `/eSocial/evtRemun/dmDev[2]/ideDmDev` (`[n]` on repeatable elements).
    pub path: String,
    /// The rule broken.
    pub rule: Rule,
    /// The offending value, when there is one.
    pub value: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Severity {
    /// Its name in reports and JSON: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity.as_str();
        write!(
            f,
            "line {}: {severity}: {} [{}]",
            self.line, self.path, self.rule
        )?;
        if let Some(value) = &self.value {
            write!(f, " value {value:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A layout the crate knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutInfo {
    /// Short name, `S-1.3`.
    pub name: &'static str,
    /// Namespace segment, `v_S_01_03_00`.
    pub version: &'static str,
}

/// The outcome of validating one event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The layout read from the root namespace, when known.
    pub layout: Option<LayoutInfo>,
    /// The event element's name (`evtRemun`), when the root namespace names a known event.
    pub event: Option<&'static str>,
    /// The event element's `Id` attribute, as written.
    pub id: Option<String>,
    /// Findings in document order (errors and, for partial events, warnings).
    pub findings: Vec<Finding>,
    /// Whether findings were cut at the limit (the scan stopped there).
    pub truncated: bool,
}

impl Report {
    /// Whether no error was found (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }
}

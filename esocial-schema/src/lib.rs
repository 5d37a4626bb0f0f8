//! Validation of eSocial events (layouts S-1.0 to S-1.3) against the government's XSDs, as
//! libxml2 applies them, in one pass over the bytes.
//!
//! The schemas are compiled ahead of time (by `esocial-schema-gen`, kept in this repository)
//! into tables: content models as deterministic automata, simple types with their facets. No XSD
//! is read at run time and nothing here does IO.
//!
//! ```
//! use esocial_schema::{Options, validate};
//!
//! let event = br#"<eSocial xmlns="http://www.esocial.gov.br/schema/evt/evtTabRubrica/v_S_01_03_00">
//!   <evtTabRubrica Id="ID1999999999999992999010100000000000001"/>
//! </eSocial>"#;
//! let report = validate(event, &Options::default());
//! assert_eq!(report.event, Some("evtTabRubrica"));
//! assert!(!report.is_valid());
//! for finding in &report.findings {
//!     println!("{finding}");
//! }
//! ```
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod finding;
mod model;
mod pattern;
mod scan;
#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
mod tables;
mod validate;
mod value;

pub use finding::{Finding, LayoutInfo, Report, Rule, Severity};

/// How an event is validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Require `ds:Signature` as the XSD does (events sent to TAF are unsigned, so by default
    /// the signature is optional; a present one is checked for its structure only).
    pub require_signature: bool,
    /// A partial event (TAF completes it from several systems): missing required elements are
    /// warnings; every value present is still checked.
    pub partial: bool,
    /// Findings kept per event; the scan stops once the limit is reached.
    pub max_findings: usize,
    /// Deepest element nesting accepted.
    pub max_depth: usize,
}

impl Default for Options {
    /// Signature optional, complete event, 100 findings, depth 64.
    fn default() -> Self {
        Self {
            require_signature: false,
            partial: false,
            max_findings: 100,
            max_depth: 64,
        }
    }
}

/// The layouts this build knows, oldest first.
pub fn layouts() -> impl Iterator<Item = LayoutInfo> {
    tables::LAYOUTS.iter().map(|layout| LayoutInfo {
        name: layout.name,
        version: layout.version,
    })
}

/// The events a layout knows (`"S-1.3"` or `"v_S_01_03_00"`), sorted by name.
pub fn events(layout: &str) -> Option<impl Iterator<Item = &'static str>> {
    let layout = tables::LAYOUTS
        .iter()
        .find(|l| l.name == layout || l.version == layout)?;
    Some(layout.events.iter().map(|event| event.name))
}

/// Validates one event: well-formedness and the schema of the layout and event named by the
/// root namespace. The report also carries the event's name, layout and `Id`, so a caller that
/// builds a lote needs no second read of the event.
pub fn validate(xml: &[u8], options: &Options) -> Report {
    match std::str::from_utf8(xml) {
        Ok(text) => validate::Validator::new(xml, text, options).run(),
        Err(error) => {
            let at = error.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &xml[..at]).count();
            Report {
                findings: vec![Finding {
                    severity: Severity::Error,
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    path: String::new(),
                    rule: Rule::NotWellFormed("invalid UTF-8"),
                    value: None,
                    message: "save the event as UTF-8".to_owned(),
                }],
                ..Report::default()
            }
        }
    }
}

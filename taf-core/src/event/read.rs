//! One read of an event for a lote: its head (what it is, its `Id`), its well-formedness and,
//! for eSocial events, its layout's schema, over text decoded once.

use esocial_schema::{Options, Report, Rule};
use serde::{Deserialize, Serialize};

use super::sniff::{EventInfo, SniffError, SniffLimits, sniff, sniff_text};
use crate::server::declares_utf8;
use crate::wire::text::decode_text;

/// How eSocial events are checked against their layout's schema (`esocial-schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SchemaRules {
    /// Validate eSocial events against the schema their root namespace names (on by default).
    pub validate: bool,
    /// Require `ds:Signature` as the XSD does (events sent to TAF are unsigned: TAF signs them
    /// when it transmits, so by default the signature is optional).
    pub require_signature: bool,
    /// Partial events (TAF completes them from several systems): missing required elements are
    /// warnings; every value present is still checked.
    pub partial: bool,
}

impl Default for SchemaRules {
    /// Validation on, signature optional, complete events.
    fn default() -> Self {
        Self {
            validate: true,
            require_signature: false,
            partial: false,
        }
    }
}

impl SchemaRules {
    /// The validator's options for events read within `limits`.
    pub fn options(&self, limits: SniffLimits) -> Options {
        Options {
            require_signature: self.require_signature,
            partial: self.partial,
            max_depth: limits.max_depth,
            ..Options::default()
        }
    }
}

/// What one read of an event found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The head: declaration, root, namespace, event element, `Id`, layout version and code.
    pub info: EventInfo,
    /// Why the document is refused (not well-formed, DOCTYPE, too deep), when it is.
    pub refused: Option<String>,
    /// The schema report of an eSocial event, when [`SchemaRules::validate`] is on and the
    /// root is `eSocial`; its well-formedness findings are in [`Reading::refused`] as well.
    pub schema: Option<Report>,
    /// With no XML declaration: whether the text still holds `ENCODING="UTF-8"`, which the
    /// server takes for one (and cuts the first tag). `false` when there is a declaration.
    pub declares_utf8: bool,
}

/// Reads an event once: the head with the sniffer (it stops at the event element's start
/// tag), then the whole document with the schema validator (an eSocial event, validation on)
/// or the sniffer's well-formedness check (anything else). Bytes that are not UTF-8 are read
/// as Windows-1252, as the server keeps them. Fails only when the head cannot be read or the
/// event is larger than [`SniffLimits::max_bytes`]; a refused body is [`Reading::refused`].
pub fn read_event(
    bytes: &[u8],
    limits: SniffLimits,
    rules: &SchemaRules,
) -> Result<Reading, SniffError> {
    if bytes.len() > limits.max_bytes {
        return sniff(bytes, limits).map(|info| unread(info, bytes));
    }
    let (text, _) = decode_text(bytes);
    let text = text.as_ref();
    let head = if rules.validate {
        sniff_text(text, limits, true)?
    } else {
        return Ok(match sniff_text(text, limits, false) {
            Ok(info) => unread(info, bytes),
            Err(error) => refused(sniff_text(text, limits, true)?, &error, bytes),
        });
    };
    if head.root != "eSocial" {
        return Ok(match sniff_text(text, limits, false) {
            Ok(_) => unread(head, bytes),
            Err(error) => refused(head, &error, bytes),
        });
    }
    let report = esocial_schema::validate(schema_text(text, &head), &rules.options(limits));
    let unknown = report
        .findings
        .iter()
        .any(|finding| finding.rule == Rule::UnknownSchema);
    let refusal = if unknown {
        // No schema to follow: the sniffer checks the rest of the document.
        sniff_text(text, limits, false)
            .err()
            .map(|error| error.to_string())
    } else {
        report
            .findings
            .iter()
            .find(|finding| is_refusal(&finding.rule))
            .map(ToString::to_string)
    };
    Ok(Reading {
        declares_utf8: head.declaration.is_none() && declares_utf8(bytes),
        info: head,
        refused: refusal,
        schema: Some(report),
    })
}

/// The text the schema validator reads: the decoded text, past a declaration that names
/// another encoding (the text is already decoded, and TAF writes its own declaration when it
/// transmits; such a declaration is the integration job's problem, W07, not the schema's).
fn schema_text<'t>(text: &'t str, head: &EventInfo) -> &'t [u8] {
    let other_encoding = head
        .declaration
        .as_ref()
        .and_then(|declaration| declaration.encoding.as_deref())
        .is_some_and(|encoding| !encoding.eq_ignore_ascii_case("UTF-8"));
    text.find("?>")
        .filter(|_| other_encoding)
        .and_then(|end| text.as_bytes().get(end + 2..))
        .unwrap_or(text.as_bytes())
}

/// Whether a schema finding is about the XML itself rather than the schema.
pub(crate) fn is_refusal(rule: &Rule) -> bool {
    matches!(
        rule,
        Rule::NotWellFormed(_) | Rule::Doctype | Rule::TooDeep(_)
    )
}

/// A reading without schema and without refusal.
fn unread(info: EventInfo, bytes: &[u8]) -> Reading {
    Reading {
        declares_utf8: info.declaration.is_none() && declares_utf8(bytes),
        info,
        refused: None,
        schema: None,
    }
}

/// A reading whose body the sniffer refused.
fn refused(info: EventInfo, error: &SniffError, bytes: &[u8]) -> Reading {
    Reading {
        refused: Some(error.to_string()),
        ..unread(info, bytes)
    }
}

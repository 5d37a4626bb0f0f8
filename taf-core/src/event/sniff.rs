//! Reading what an event is from its bytes, in one pass and without building a tree.

use std::fmt;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

use super::catalogue::{self, EventSpec, Family};
use crate::wire::text::decode_text;

/// Bounds on what [`sniff`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SniffLimits {
    /// Largest event accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest element nesting accepted.
    pub max_depth: usize,
}

impl Default for SniffLimits {
    /// 16 MiB and 64 levels: far beyond any eSocial event (the largest are a few hundred KB and
    /// about 12 levels deep).
    fn default() -> Self {
        Self {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// The XML declaration of an event, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// The whole `<?xml …?>` text.
    pub text: String,
    /// The `encoding` pseudo-attribute, if present.
    pub encoding: Option<String>,
}

impl Declaration {
    /// Whether this is exactly what the server strips: a declaration whose upper-cased text
    /// contains `ENCODING="UTF-8"` (double quotes). Any other declaration stays in the stored
    /// message and breaks the integration job (TAFXERP `000001`).
    pub fn is_stripped_by_server(&self) -> bool {
        self.text
            .to_ascii_uppercase()
            .contains("ENCODING=\"UTF-8\"")
    }
}

/// A layout version, read from the root namespace or from a `versao` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scheme", content = "text", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LayoutVersion {
    /// eSocial simplified layout, `v_S_01_03_00` (S-1.3).
    Simplified(String),
    /// eSocial 2.x (`v02_05_00`) or Reinf (`v2_01_02`).
    Numbered(String),
    /// eSocial 1.x: no namespace, a `versao` attribute on the event element.
    Attribute(String),
}

impl LayoutVersion {
    /// Reads the last segment of a namespace URI.
    fn from_segment(segment: &str) -> Option<Self> {
        let numbered = |rest: &str| {
            let parts: Vec<&str> = rest.split('_').collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        };
        if let Some(rest) = segment.strip_prefix("v_S_") {
            numbered(rest).then(|| Self::Simplified(segment.to_owned()))
        } else {
            let rest = segment.strip_prefix('v')?;
            numbered(rest).then(|| Self::Numbered(segment.to_owned()))
        }
    }

    /// Whether this is an S-1.x layout (`v_S_01_xx_xx`), the subject of the 814 rule.
    pub fn is_simplified(&self) -> bool {
        matches!(self, Self::Simplified(_))
    }

    /// The version as written (`v_S_01_03_00`, `v02_05_00`, `1.1`).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Simplified(text) | Self::Numbered(text) | Self::Attribute(text) => text,
        }
    }
}

impl fmt::Display for LayoutVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an event's bytes say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventInfo {
    /// The XML declaration, if any.
    pub declaration: Option<Declaration>,
    /// Local name of the root element (`eSocial`, `Reinf`).
    pub root: String,
    /// Namespace URI of the root element.
    pub namespace: Option<String>,
    /// Local name of the event element: the root's first child other than `Signature`.
    pub element: Option<String>,
    /// The event element's `Id` (eSocial) or `id` (Reinf) attribute.
    pub id: Option<String>,
    /// The layout version.
    pub version: Option<LayoutVersion>,
    /// The event's code (`S-1010`, `R-1000`), when the catalogue knows the root and element.
    pub code: Option<&'static str>,
}

impl EventInfo {
    /// The catalogue entry of the event.
    pub fn spec(&self) -> Option<&'static EventSpec> {
        self.code.and_then(catalogue::by_code)
    }

    /// The family the root element names.
    pub fn family(&self) -> Option<Family> {
        match self.root.as_str() {
            "eSocial" => Some(Family::ESocial),
            "Reinf" => Some(Family::Reinf),
            _ => None,
        }
    }

    /// Whether the namespace's second-to-last segment names the event as the schemas do (the
    /// element itself for eSocial, the catalogue's segment for Reinf). `true` without a
    /// namespace.
    pub fn namespace_consistent(&self) -> bool {
        let Some(namespace) = &self.namespace else {
            return true;
        };
        let mut segments = namespace.trim_end_matches('/').rsplit('/');
        let _version = segments.next();
        let named = segments.next().unwrap_or_default();
        match (self.spec(), &self.element) {
            (Some(spec), _) if spec.family() == Family::Reinf => {
                spec.namespace_segment == Some(named)
            }
            (_, Some(element)) => element == named,
            (_, None) => true,
        }
    }
}

/// Why [`sniff`] refused an event. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SniffErrorKind {
    /// Larger than [`SniffLimits::max_bytes`].
    TooLarge,
    /// Nested deeper than [`SniffLimits::max_depth`].
    TooDeep,
    /// A DOCTYPE (and with it any entity declaration): refused, never expanded.
    Doctype,
    /// Not well-formed XML.
    Malformed,
    /// No root element.
    NoRoot,
}

impl SniffErrorKind {
    /// A stable, machine-readable code (`"too_large"`, `"malformed"`, ...), the kind's name in
    /// JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooLarge => "too_large",
            Self::TooDeep => "too_deep",
            Self::Doctype => "doctype",
            Self::Malformed => "malformed",
            Self::NoRoot => "no_root",
        }
    }
}

/// A refused event: the kind, the byte offset in the text read, and an explanation.
/// Serialised as `{"kind", "offset", "detail"}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("event XML {kind:?} at byte {offset}: {detail}")]
pub struct SniffError {
    kind: SniffErrorKind,
    offset: u64,
    detail: String,
}

impl SniffError {
    fn new(kind: SniffErrorKind, offset: u64, detail: impl Into<String>) -> Self {
        Self {
            kind,
            offset,
            detail: detail.into(),
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> SniffErrorKind {
        self.kind
    }

    /// The kind's stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Where, in bytes from the start of the event text.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// A human explanation.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// Reads an event's declaration, root, namespace, event element, `Id` and layout version, and
/// checks that the whole document is well-formed. Bytes that are not UTF-8 are read as
/// Windows-1252, as the server keeps them.
pub fn sniff(bytes: &[u8], limits: SniffLimits) -> Result<EventInfo, SniffError> {
    if bytes.len() > limits.max_bytes {
        return Err(SniffError::new(
            SniffErrorKind::TooLarge,
            limits.max_bytes as u64,
            format!("{} bytes, limit {}", bytes.len(), limits.max_bytes),
        ));
    }
    let (text, _) = decode_text(bytes);
    sniff_text(&text, limits, false)
}

/// Like [`sniff`], but stops at the event element's start tag: it reads the declaration, root,
/// namespace, element, `Id` and version without checking the rest of the document. For callers
/// that only need to label an event (the lote builder); [`sniff`] is the full check.
pub fn sniff_head(bytes: &[u8], limits: SniffLimits) -> Result<EventInfo, SniffError> {
    if bytes.len() > limits.max_bytes {
        return sniff(bytes, limits);
    }
    let (text, _) = decode_text(bytes);
    sniff_text(&text, limits, true)
}

/// [`sniff`] (or, with `head_only`, [`sniff_head`]) over text already decoded, for a caller
/// that reads the same text again (the schema validation of [`read_event`](super::read_event)).
pub(crate) fn sniff_text(
    text: &str,
    limits: SniffLimits,
    head_only: bool,
) -> Result<EventInfo, SniffError> {
    Sniffer::new(text, limits, head_only).run()
}

struct Sniffer<'a> {
    reader: Reader<&'a [u8]>,
    limits: SniffLimits,
    declaration: Option<Declaration>,
    root: Option<(String, Option<String>)>,
    element: Option<String>,
    id: Option<String>,
    versao: Option<String>,
    depth: usize,
    closed: bool,
    head_only: bool,
}

impl<'a> Sniffer<'a> {
    fn new(text: &'a str, limits: SniffLimits, head_only: bool) -> Self {
        Self {
            reader: Reader::from_str(text),
            limits,
            declaration: None,
            root: None,
            element: None,
            id: None,
            versao: None,
            depth: 0,
            closed: false,
            head_only,
        }
    }

    fn fail(&self, kind: SniffErrorKind, detail: impl Into<String>) -> SniffError {
        SniffError::new(kind, self.reader.buffer_position(), detail)
    }

    fn run(mut self) -> Result<EventInfo, SniffError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    return Err(SniffError::new(
                        SniffErrorKind::Malformed,
                        self.reader.error_position(),
                        error.to_string(),
                    ));
                }
            };
            match event {
                Event::Decl(declaration) => {
                    let encoding = declaration
                        .encoding()
                        .and_then(Result::ok)
                        .map(std::borrow::Cow::into_owned);
                    self.declaration = Some(Declaration {
                        text: format!("<?{}?>", &*declaration),
                        encoding,
                    });
                }
                Event::DocType(_) => {
                    return Err(self.fail(
                        SniffErrorKind::Doctype,
                        "DOCTYPE and entity declarations are refused",
                    ));
                }
                Event::Start(start) => {
                    self.open(&start)?;
                    self.depth += 1;
                    if self.head_only && self.element.is_some() {
                        break;
                    }
                }
                Event::Empty(start) => {
                    self.open(&start)?;
                    if self.depth == 0 {
                        self.closed = true;
                    }
                    if self.head_only && self.element.is_some() {
                        break;
                    }
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.closed = true;
                    }
                }
                Event::Text(text) if self.depth == 0 && !text.trim().is_empty() => {
                    return Err(
                        self.fail(SniffErrorKind::Malformed, "text outside the root element")
                    );
                }
                Event::CData(_) | Event::GeneralRef(_) if self.depth == 0 => {
                    return Err(self.fail(
                        SniffErrorKind::Malformed,
                        "content outside the root element",
                    ));
                }
                Event::GeneralRef(reference) if !is_predefined(&reference) => {
                    return Err(self.fail(
                        SniffErrorKind::Malformed,
                        format!("undeclared entity &{};", &*reference),
                    ));
                }
                Event::Eof if self.depth > 0 && !self.head_only => {
                    return Err(self.fail(
                        SniffErrorKind::Malformed,
                        "the document ends inside an element",
                    ));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let Some((root, namespace)) = self.root else {
            return Err(self.fail(SniffErrorKind::NoRoot, "no root element"));
        };
        let version = namespace
            .as_deref()
            .and_then(|uri| uri.trim_end_matches('/').rsplit('/').next())
            .and_then(LayoutVersion::from_segment)
            .or_else(|| self.versao.map(LayoutVersion::Attribute));
        let family = match root.as_str() {
            "eSocial" => Some(Family::ESocial),
            "Reinf" => Some(Family::Reinf),
            _ => None,
        };
        let code = family
            .zip(self.element.as_deref())
            .and_then(|(family, element)| catalogue::by_element(family, element))
            .map(|spec| spec.code);
        Ok(EventInfo {
            declaration: self.declaration,
            root,
            namespace,
            element: self.element,
            id: self.id,
            version,
            code,
        })
    }

    /// Handles an element start at the current depth.
    fn open(&mut self, start: &BytesStart<'_>) -> Result<(), SniffError> {
        if self.depth >= self.limits.max_depth {
            return Err(self.fail(
                SniffErrorKind::TooDeep,
                format!("elements nest deeper than {}", self.limits.max_depth),
            ));
        }
        if self.depth > 1 || (self.depth == 1 && self.element.is_some()) {
            return Ok(());
        }
        let name = start.local_name().into_inner().to_owned();
        match self.depth {
            0 if self.closed => Err(self.fail(SniffErrorKind::Malformed, "a second root element")),
            0 => {
                self.root = Some((name, root_namespace(start)));
                Ok(())
            }
            1 if self.element.is_none() && name != "Signature" => {
                for attribute in start.attributes().flatten() {
                    let value = || attribute.value.trim().to_owned();
                    match attribute.key.local_name().into_inner() {
                        "Id" | "id" => self.id = Some(value()),
                        "versao" => self.versao = Some(value()),
                        _ => {}
                    }
                }
                self.element = Some(name);
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn is_predefined(reference: &str) -> bool {
    reference.starts_with('#') || matches!(reference, "amp" | "lt" | "gt" | "apos" | "quot")
}

/// The namespace the root element is in: the `xmlns` (or `xmlns:prefix`, for a prefixed root)
/// it declares. Only the root's namespace matters, so no resolver runs over the document.
fn root_namespace(start: &BytesStart<'_>) -> Option<String> {
    let name = start.name();
    let declaration = match name.prefix() {
        Some(prefix) => format!("xmlns:{}", prefix.into_inner()),
        None => "xmlns".to_owned(),
    };
    start
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.into_inner() == declaration)
        .map(|attribute| attribute.value.into_owned())
}

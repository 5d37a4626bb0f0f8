//! A small element tree for SOAP responses, built with a namespace-resolving reader under
//! size and depth limits. DOCTYPEs are refused, never expanded.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use serde::{Deserialize, Serialize};

use crate::error::{LiveError, LiveErrorKind};
use crate::ns;

/// Bounds on what a parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// Largest document, in bytes (the inner document of an `_Xml` result included).
    pub max_bytes: usize,
    /// Deepest element nesting.
    pub max_depth: usize,
}

impl Limits {
    /// These bounds (fields may be added: build them here or from `default()`).
    pub fn new(max_bytes: usize, max_depth: usize) -> Self {
        Self {
            max_bytes,
            max_depth,
        }
    }
}

impl Default for Limits {
    /// 16 MiB and 64 levels.
    fn default() -> Self {
        Self {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// One element: its namespace URI and local name, `i:nil`, its text and its children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Node {
    pub(crate) namespace: Option<String>,
    pub(crate) name: String,
    pub(crate) nil: bool,
    pub(crate) text: String,
    pub(crate) children: Vec<Node>,
}

impl Node {
    /// Whether the element is `{namespace}name`.
    pub(crate) fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        self.name == name && self.namespace.as_deref() == namespace
    }

    /// The first child `{namespace}name`.
    pub(crate) fn child(&self, namespace: Option<&str>, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.is(namespace, name))
    }

    /// The element's text, `None` when it is `i:nil`.
    pub(crate) fn value(&self) -> Option<&str> {
        (!self.nil).then_some(self.text.as_str())
    }
}

/// Parses a whole document into its root element.
pub(crate) fn parse(bytes: &[u8], limits: Limits) -> Result<Node, LiveError> {
    if bytes.len() > limits.max_bytes {
        return Err(LiveError::new(
            LiveErrorKind::TooLarge,
            limits.max_bytes as u64,
            format!("{} bytes, limit {}", bytes.len(), limits.max_bytes),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        LiveError::new(
            LiveErrorKind::Malformed,
            error.valid_up_to() as u64,
            "not UTF-8",
        )
    })?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let malformed = |reader: &NsReader<&[u8]>, detail: String| {
            LiveError::new(LiveErrorKind::Malformed, reader.buffer_position(), detail)
        };
        let (resolved, event) = match reader.read_resolved_event() {
            Ok((ResolveResult::Bound(namespace), event)) => (Some(namespace.0.to_owned()), event),
            Ok((ResolveResult::Unbound, event)) => (None, event),
            Ok((ResolveResult::Unknown(prefix), _)) => {
                return Err(malformed(&reader, format!("undeclared prefix {prefix}")));
            }
            Err(error) => {
                return Err(LiveError::new(
                    LiveErrorKind::Malformed,
                    reader.error_position(),
                    error.to_string(),
                ));
            }
        };
        match event {
            Event::DocType(_) => {
                return Err(LiveError::new(
                    LiveErrorKind::Doctype,
                    reader.buffer_position(),
                    "DOCTYPE and entity declarations are refused",
                ));
            }
            Event::Start(_) | Event::Empty(_) if stack.is_empty() && root.is_some() => {
                return Err(malformed(&reader, "a second root element".to_owned()));
            }
            Event::Start(start) => {
                if stack.len() >= limits.max_depth {
                    return Err(LiveError::new(
                        LiveErrorKind::TooDeep,
                        reader.buffer_position(),
                        format!("elements nest deeper than {}", limits.max_depth),
                    ));
                }
                stack.push(node(&reader, &start, resolved));
            }
            Event::Empty(start) => {
                let element = node(&reader, &start, resolved);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    return Err(malformed(&reader, "an unmatched end tag".to_owned()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                let decoded = text.xml10_content();
                match stack.last_mut() {
                    Some(element) => element.text.push_str(&decoded),
                    None if decoded.trim().is_empty() => {}
                    None => return Err(malformed(&reader, "text outside the root".to_owned())),
                }
            }
            Event::CData(data) => match stack.last_mut() {
                Some(element) => element.text.push_str(&data),
                None => return Err(malformed(&reader, "CDATA outside the root".to_owned())),
            },
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference).ok_or_else(|| {
                    malformed(&reader, format!("undeclared entity &{};", &*reference))
                })?;
                match stack.last_mut() {
                    Some(element) => element.text.push(resolved),
                    // `&#xD;` around the root: .NET escapes the carriage returns of an `_Xml`
                    // answer's inner document so, even between its lines.
                    None if resolved.is_whitespace() => {}
                    None => {
                        return Err(malformed(
                            &reader,
                            "a reference outside the root".to_owned(),
                        ));
                    }
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(LiveError::new(
            LiveErrorKind::Malformed,
            reader.buffer_position(),
            "the document ends inside an element",
        ));
    }
    root.ok_or_else(|| {
        LiveError::new(
            LiveErrorKind::Malformed,
            reader.buffer_position(),
            "no root element",
        )
    })
}

/// An element from its start tag; `i:nil="true"` counts only with `i` bound to XML Schema
/// instance.
fn node(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, namespace: Option<String>) -> Node {
    let nil = start.attributes().flatten().any(|attribute| {
        let (namespace, local) = reader.resolver().resolve_attribute(attribute.key);
        local.into_inner() == "nil"
            && matches!(namespace, ResolveResult::Bound(uri) if uri.0 == ns::XSI)
            && attribute.value.trim() == "true"
    });
    Node {
        namespace,
        name: start.local_name().into_inner().to_owned(),
        nil,
        text: String::new(),
        children: Vec::new(),
    }
}

/// The character a predefined entity or a character reference stands for.
fn resolve_reference(reference: &str) -> Option<char> {
    match reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let number = reference.strip_prefix('#')?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

//! A small element tree of one XSD file (annotations dropped).

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// One XSD element: its local name, attributes and child elements.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Local name (`element`, `sequence`, ...).
    pub(crate) name: String,
    /// Attributes as written (qualified names kept).
    pub(crate) attrs: Vec<(String, String)>,
    /// Child elements, annotations excluded.
    pub(crate) children: Vec<Node>,
}

impl Node {
    /// The value of attribute `key`.
    pub(crate) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Children named `name`.
    pub(crate) fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |child| child.name == name)
    }

    /// The first child named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }
}

fn open(start: &BytesStart<'_>) -> Result<Node, String> {
    let name = AsRef::<str>::as_ref(&start.local_name()).to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = AsRef::<str>::as_ref(&attr.key).to_owned();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Node {
        name,
        attrs,
        children: Vec::new(),
    })
}

fn is_annotation(start: &BytesStart<'_>) -> bool {
    AsRef::<str>::as_ref(&start.local_name()) == "annotation"
}

/// Parses an XSD file's text into its root node.
pub(crate) fn parse(text: &str) -> Result<Node, String> {
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    let mut skip = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(start) => {
                if skip > 0 || is_annotation(&start) {
                    skip += 1;
                } else {
                    stack.push(open(&start)?);
                }
            }
            Event::Empty(start) if skip == 0 && !is_annotation(&start) => {
                let node = open(&start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                if skip > 0 {
                    skip -= 1;
                } else {
                    let node = stack.pop().ok_or("unbalanced end tag")?;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.ok_or_else(|| "no root element".to_owned())
}

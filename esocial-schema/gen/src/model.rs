//! Compiles the schemas of one layout into deduplicated types shared by every layout.

use std::collections::HashMap;

use crate::content::{self, Automaton, Mode, NsRule, Particle};
use crate::simple::{Base, SimpleDef, SimpleTypes};
use crate::xsd::Node;

/// What an element's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ty {
    /// A simple type (index into the simple types).
    Simple(usize),
    /// A complex type (index into the complex types).
    Complex(usize),
    /// A wildcard's subtree: not validated.
    Skip,
}

/// An element particle of a content model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PositionDef {
    /// Local name, `None` for a wildcard.
    pub(crate) name: Option<String>,
    /// Accepted namespaces.
    pub(crate) ns: NsRule,
    /// Content type.
    pub(crate) ty: Ty,
    /// `maxOccurs` (0 = unbounded).
    pub(crate) max: u32,
}

/// What text a complex type allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Text {
    /// Whitespace only between child elements.
    ElementOnly,
    /// Any text (mixed content).
    Mixed,
    /// Simple content of the given simple type.
    Simple(usize),
}

/// A complex type: attributes, text rule and content automata.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ComplexDef {
    /// Attributes: name, simple type, required.
    pub(crate) attrs: Vec<(String, usize, bool)>,
    /// Text rule.
    pub(crate) text: Text,
    /// Element positions.
    pub(crate) positions: Vec<PositionDef>,
    /// The automaton as the schema says.
    pub(crate) strict: Automaton,
    /// The automaton with the signature optional (only finality may differ).
    pub(crate) signature_optional: Automaton,
    /// The automaton with every particle optional (partial events).
    pub(crate) relaxed: Automaton,
}

/// Every type of every layout, deduplicated.
#[derive(Default)]
pub(crate) struct Tables {
    /// Simple types.
    pub(crate) simples: Vec<SimpleDef>,
    simple_index: HashMap<SimpleDef, usize>,
    /// Complex types.
    pub(crate) complexes: Vec<ComplexDef>,
    complex_index: HashMap<ComplexDef, usize>,
}

impl Tables {
    /// The index of a simple type, added if new.
    pub(crate) fn simple(&mut self, def: SimpleDef) -> usize {
        if let Some(&index) = self.simple_index.get(&def) {
            return index;
        }
        self.simples.push(def.clone());
        self.simple_index.insert(def, self.simples.len() - 1);
        self.simples.len() - 1
    }

    fn complex(&mut self, def: ComplexDef) -> usize {
        if let Some(&index) = self.complex_index.get(&def) {
            return index;
        }
        self.complexes.push(def.clone());
        self.complex_index.insert(def, self.complexes.len() - 1);
        self.complexes.len() - 1
    }
}

/// Which schema a node belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Esocial,
    Dsig,
}

/// The named components of one layout: eSocial types (tipos.xsd plus the event file) and the
/// signature schema.
pub(crate) struct Layout<'a> {
    simples: SimpleTypes<'a>,
    complexes: HashMap<String, &'a Node>,
    dsig_elements: HashMap<String, &'a Node>,
    dsig_complexes: HashMap<String, &'a Node>,
    memo: HashMap<(bool, String), usize>,
}

fn occurs(node: &Node, key: &str) -> Result<u32, String> {
    match node.attr(key) {
        None => Ok(1),
        Some("unbounded") => Ok(0),
        Some(value) => value.parse().map_err(|_| format!("bad {key} {value:?}")),
    }
}

impl<'a> Layout<'a> {
    /// Collects the named components of the given schema roots.
    pub(crate) fn new(esocial: &[&'a Node], dsig: &'a Node) -> Self {
        let mut simples = HashMap::new();
        let mut complexes = HashMap::new();
        for root in esocial {
            for node in &root.children {
                let Some(name) = node.attr("name") else {
                    continue;
                };
                match node.name.as_str() {
                    "simpleType" => {
                        simples.insert(name.to_owned(), node);
                    }
                    "complexType" => {
                        complexes.insert(name.to_owned(), node);
                    }
                    _ => {}
                }
            }
        }
        let named = |kind: &str| -> HashMap<String, &'a Node> {
            dsig.children
                .iter()
                .filter(|node| node.name == kind)
                .filter_map(|node| Some((node.attr("name")?.to_owned(), node)))
                .collect()
        };
        Self {
            simples: SimpleTypes { named: simples },
            complexes,
            dsig_elements: named("element"),
            dsig_complexes: named("complexType"),
            memo: HashMap::new(),
        }
    }

    fn unchecked(tables: &mut Tables) -> usize {
        tables.simple(SimpleDef {
            base: Some(Base::Unchecked),
            ..SimpleDef::default()
        })
    }

    /// The type of an element declaration.
    fn element_type(
        &mut self,
        node: &Node,
        origin: Origin,
        tables: &mut Tables,
    ) -> Result<Ty, String> {
        if let Some(inline) = node.child("complexType") {
            return Ok(Ty::Complex(self.complex(inline, origin, tables)?));
        }
        if let Some(inline) = node.child("simpleType") {
            return Ok(Ty::Simple(match origin {
                Origin::Esocial => tables.simple(self.simples.define(inline)?),
                Origin::Dsig => Self::unchecked(tables),
            }));
        }
        let reference = node
            .attr("type")
            .ok_or_else(|| format!("element {:?} without a type", node.attr("name")))?;
        match origin {
            Origin::Esocial => {
                if let Some(&complex) = self.complexes.get(reference) {
                    let key = (false, reference.to_owned());
                    if let Some(&index) = self.memo.get(&key) {
                        return Ok(Ty::Complex(index));
                    }
                    let index = self.complex(complex, origin, tables)?;
                    self.memo.insert(key, index);
                    return Ok(Ty::Complex(index));
                }
                Ok(Ty::Simple(
                    tables.simple(self.simples.resolve(reference, "xs:")?),
                ))
            }
            Origin::Dsig => {
                let local = reference.strip_prefix("ds:").unwrap_or(reference);
                if let Some(&complex) = self.dsig_complexes.get(local) {
                    let key = (true, local.to_owned());
                    if let Some(&index) = self.memo.get(&key) {
                        return Ok(Ty::Complex(index));
                    }
                    let index = self.complex(complex, origin, tables)?;
                    self.memo.insert(key, index);
                    return Ok(Ty::Complex(index));
                }
                Ok(Ty::Simple(Self::unchecked(tables)))
            }
        }
    }

    fn particle(
        &mut self,
        node: &Node,
        origin: Origin,
        positions: &mut Vec<PositionDef>,
        tables: &mut Tables,
    ) -> Result<Particle, String> {
        let min = occurs(node, "minOccurs")?;
        let max = occurs(node, "maxOccurs")?;
        if min > 1 {
            return Err(format!("minOccurs {min} is not supported"));
        }
        let mut leaf = |position: PositionDef, signature: bool| {
            positions.push(position);
            Particle::Leaf {
                position: positions.len() - 1,
                min,
                max,
                signature,
            }
        };
        match node.name.as_str() {
            "element" => {
                if let Some(reference) = node.attr("ref") {
                    let local = reference.strip_prefix("ds:").ok_or("ref outside ds:")?;
                    let declaration = *self
                        .dsig_elements
                        .get(local)
                        .ok_or_else(|| format!("unknown element ds:{local}"))?;
                    let ty = self.element_type(declaration, Origin::Dsig, tables)?;
                    let position = PositionDef {
                        name: Some(local.to_owned()),
                        ns: NsRule::Dsig,
                        ty,
                        max,
                    };
                    return Ok(leaf(
                        position,
                        origin == Origin::Esocial && local == "Signature",
                    ));
                }
                let name = node.attr("name").ok_or("element without name")?.to_owned();
                let ty = self.element_type(node, origin, tables)?;
                let ns = match origin {
                    Origin::Esocial => NsRule::Event,
                    Origin::Dsig => NsRule::Dsig,
                };
                Ok(leaf(
                    PositionDef {
                        name: Some(name),
                        ns,
                        ty,
                        max,
                    },
                    false,
                ))
            }
            "any" => {
                let ns = match node.attr("namespace") {
                    Some("##other") => NsRule::Other,
                    _ => NsRule::Any,
                };
                Ok(leaf(
                    PositionDef {
                        name: None,
                        ns,
                        ty: Ty::Skip,
                        max,
                    },
                    false,
                ))
            }
            "sequence" | "choice" => {
                if max != 1 && origin == Origin::Esocial {
                    return Err("repeated groups are not supported".to_owned());
                }
                let mut children = Vec::new();
                for child in &node.children {
                    children.push(self.particle(child, origin, positions, tables)?);
                }
                Ok(if node.name == "sequence" {
                    Particle::Sequence(children, min, max)
                } else {
                    Particle::Choice(children, min, max)
                })
            }
            other => Err(format!("unsupported particle {other}")),
        }
    }

    fn attributes(
        &self,
        node: &Node,
        origin: Origin,
        attrs: &mut Vec<(String, usize, bool)>,
        tables: &mut Tables,
    ) -> Result<(), String> {
        for attr in node.children_named("attribute") {
            let name = attr
                .attr("name")
                .ok_or("attribute without name")?
                .to_owned();
            let required = attr.attr("use") == Some("required");
            let ty = match (origin, attr.child("simpleType"), attr.attr("type")) {
                (Origin::Dsig, _, _) => Self::unchecked(tables),
                (_, Some(inline), _) => tables.simple(self.simples.define(inline)?),
                (_, None, Some(reference)) => {
                    tables.simple(self.simples.resolve(reference, "xs:")?)
                }
                (_, None, None) => return Err(format!("attribute {name} without a type")),
            };
            attrs.push((name, ty, required));
        }
        Ok(())
    }

    /// Compiles a `complexType` node.
    fn complex(
        &mut self,
        node: &Node,
        origin: Origin,
        tables: &mut Tables,
    ) -> Result<usize, String> {
        let mut positions = Vec::new();
        let mut attrs = Vec::new();
        let mut text = if node.attr("mixed") == Some("true") {
            Text::Mixed
        } else {
            Text::ElementOnly
        };
        let mut model = None;
        for child in &node.children {
            match child.name.as_str() {
                "sequence" | "choice" => {
                    model = Some(self.particle(child, origin, &mut positions, tables)?);
                }
                "complexContent" => {
                    let extension = child
                        .child("extension")
                        .ok_or("complexContent without extension")?;
                    let base_name = extension.attr("base").ok_or("extension without base")?;
                    let base = *self
                        .complexes
                        .get(base_name)
                        .ok_or_else(|| format!("unknown base {base_name}"))?;
                    let mut parts = Vec::new();
                    for group in base.children.iter().chain(&extension.children) {
                        if matches!(group.name.as_str(), "sequence" | "choice") {
                            parts.push(self.particle(group, origin, &mut positions, tables)?);
                        }
                    }
                    self.attributes(base, origin, &mut attrs, tables)?;
                    self.attributes(extension, origin, &mut attrs, tables)?;
                    model = Some(Particle::Sequence(parts, 1, 1));
                }
                "simpleContent" => {
                    let extension = child
                        .child("extension")
                        .ok_or("simpleContent without extension")?;
                    self.attributes(extension, origin, &mut attrs, tables)?;
                    text = Text::Simple(Self::unchecked(tables));
                }
                _ => {}
            }
        }
        self.attributes(node, origin, &mut attrs, tables)?;
        let n = positions.len();
        let def = ComplexDef {
            attrs,
            text,
            positions,
            strict: content::automaton(model.as_ref(), n, Mode::Strict),
            signature_optional: content::automaton(model.as_ref(), n, Mode::SignatureOptional),
            relaxed: content::automaton(model.as_ref(), n, Mode::Relaxed),
        };
        check_deterministic(&def)?;
        Ok(tables.complex(def))
    }

    /// Compiles the global `eSocial` element of an event schema: its complex type's index.
    pub(crate) fn root(&mut self, schema: &Node, tables: &mut Tables) -> Result<usize, String> {
        let root = schema
            .children_named("element")
            .find(|node| node.attr("name") == Some("eSocial"))
            .ok_or("no eSocial element")?;
        match self.element_type(root, Origin::Esocial, tables)? {
            Ty::Complex(index) => Ok(index),
            _ => Err("eSocial is not a complex type".to_owned()),
        }
    }
}

/// Rejects a strict automaton where one state leads to two positions of the same name.
fn check_deterministic(def: &ComplexDef) -> Result<(), String> {
    let strict = &def.strict;
    if strict.follow != def.signature_optional.follow
        || strict.start != def.signature_optional.start
    {
        return Err("an optional signature changes transitions".to_owned());
    }
    for targets in std::iter::once(&strict.start).chain(&strict.follow) {
        let mut names: Vec<_> = targets
            .iter()
            .filter_map(|&p| def.positions[p].name.as_deref())
            .collect();
        names.sort_unstable();
        if names.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(format!("non-deterministic content model near {names:?}"));
        }
    }
    Ok(())
}

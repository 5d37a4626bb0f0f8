//! Simple types: a built-in base plus the facets of every restriction step, flattened.

use std::collections::HashMap;

use crate::pattern::{self, Fast};
use crate::xsd::Node;

/// The built-in types the eSocial schemas derive from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Base {
    /// `xs:string` (whitespace preserved).
    String,
    /// `xs:ID` (collapsed, an `NCName`).
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
    /// A value the signature schema types; only the structure is checked, so anything goes.
    Unchecked,
}

impl Base {
    /// Reads a built-in type's local name.
    pub(crate) fn from_builtin(name: &str) -> Result<Self, String> {
        Ok(match name {
            "string" => Self::String,
            "ID" => Self::Id,
            "byte" => Self::Byte,
            "integer" => Self::Integer,
            "positiveInteger" => Self::PositiveInteger,
            "decimal" => Self::Decimal,
            "date" => Self::Date,
            _ => return Err(format!("unsupported built-in type xs:{name}")),
        })
    }

    /// Whether values compare as numbers.
    pub(crate) fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::Byte | Self::Integer | Self::PositiveInteger | Self::Decimal
        )
    }
}

/// One pattern facet value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PatternDef {
    /// As written in the XSD.
    pub(crate) source: String,
    /// Its fast shape.
    pub(crate) fast: Fast,
    /// Its translation to `regex` syntax.
    pub(crate) regex: String,
}

/// A simple type, flattened over its derivation chain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct SimpleDef {
    /// The built-in base (`None` only while building).
    pub(crate) base: Option<Base>,
    /// Enumeration groups (a value must be in every group), canonical for numeric bases.
    pub(crate) enums: Vec<Vec<String>>,
    /// Pattern groups (a value must match one pattern of every group).
    pub(crate) patterns: Vec<Vec<PatternDef>>,
    /// `length`.
    pub(crate) length: Option<u32>,
    /// `minLength`.
    pub(crate) min_length: Option<u32>,
    /// `maxLength`.
    pub(crate) max_length: Option<u32>,
    /// `totalDigits`.
    pub(crate) total_digits: Option<u32>,
    /// `fractionDigits`.
    pub(crate) fraction_digits: Option<u32>,
    /// `minInclusive`.
    pub(crate) min_inclusive: Option<String>,
    /// `maxInclusive`.
    pub(crate) max_inclusive: Option<String>,
    /// `minExclusive`.
    pub(crate) min_exclusive: Option<String>,
    /// `maxExclusive`.
    pub(crate) max_exclusive: Option<String>,
}

/// The canonical text of a decimal literal (no sign for zero, no leading or trailing zeros).
pub(crate) fn canonical_decimal(text: &str) -> Result<String, String> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return Err(format!("not a decimal: {text:?}"));
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if negative && !(int.is_empty() && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Ok(out)
}

fn number(node: &Node) -> Result<u32, String> {
    let value = node.attr("value").unwrap_or_default();
    value
        .trim()
        .parse()
        .map_err(|_| format!("facet {} has a bad number {value:?}", node.name))
}

/// Applies the facets of one `restriction` element to `def` (whose base is already set).
pub(crate) fn apply_facets(def: &mut SimpleDef, restriction: &Node) -> Result<(), String> {
    let base = def.base.ok_or("restriction without a base")?;
    let bound = |node: &Node| -> Result<String, String> {
        let value = node.attr("value").unwrap_or_default();
        if base.is_numeric() {
            canonical_decimal(value)
        } else {
            Ok(value.trim().to_owned())
        }
    };
    let mut enums = Vec::new();
    let mut patterns = Vec::new();
    for facet in &restriction.children {
        match facet.name.as_str() {
            "enumeration" => {
                let value = facet.attr("value").unwrap_or_default();
                enums.push(if base.is_numeric() {
                    canonical_decimal(value)?
                } else if base == Base::String {
                    value.to_owned()
                } else {
                    value.trim().to_owned()
                });
            }
            "pattern" => {
                let source = facet.attr("value").unwrap_or_default().to_owned();
                let regex = pattern::translate(&source)?;
                patterns.push(PatternDef {
                    fast: pattern::classify(&source),
                    source,
                    regex,
                });
            }
            "length" => def.length = Some(number(facet)?),
            "minLength" => def.min_length = Some(number(facet)?),
            "maxLength" => def.max_length = Some(number(facet)?),
            "totalDigits" => def.total_digits = Some(number(facet)?),
            "fractionDigits" => def.fraction_digits = Some(number(facet)?),
            "minInclusive" => def.min_inclusive = Some(bound(facet)?),
            "maxInclusive" => def.max_inclusive = Some(bound(facet)?),
            "minExclusive" => def.min_exclusive = Some(bound(facet)?),
            "maxExclusive" => def.max_exclusive = Some(bound(facet)?),
            "simpleType" => {}
            other => return Err(format!("unsupported facet {other}")),
        }
    }
    if !enums.is_empty() {
        def.enums.push(enums);
    }
    if !patterns.is_empty() {
        def.patterns.push(patterns);
    }
    Ok(())
}

/// Named simple types of one schema set, resolved on demand.
pub(crate) struct SimpleTypes<'a> {
    /// Named `simpleType` nodes by name.
    pub(crate) named: HashMap<String, &'a Node>,
}

impl SimpleTypes<'_> {
    /// Resolves a type reference: `xs:NAME`, a built-in of the signature schema, or a named type.
    pub(crate) fn resolve(
        &self,
        reference: &str,
        builtin_prefix: &str,
    ) -> Result<SimpleDef, String> {
        if let Some(local) = reference.strip_prefix(builtin_prefix) {
            if builtin_prefix.is_empty() && self.named.contains_key(local) {
                return self.define(self.named[local]);
            }
            return Ok(SimpleDef {
                base: Some(Base::from_builtin(local)?),
                ..SimpleDef::default()
            });
        }
        let node = self
            .named
            .get(reference)
            .ok_or_else(|| format!("unknown simple type {reference}"))?;
        self.define(node)
    }

    /// Defines an inline or named `simpleType` node.
    pub(crate) fn define(&self, node: &Node) -> Result<SimpleDef, String> {
        let restriction = node
            .child("restriction")
            .ok_or("simpleType without restriction")?;
        let mut def = match restriction.attr("base") {
            Some(base) => self.resolve(base, "xs:")?,
            None => self.define(
                restriction
                    .child("simpleType")
                    .ok_or("restriction without base")?,
            )?,
        };
        apply_facets(&mut def, restriction)?;
        Ok(def)
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_decimal;

    #[test]
    fn decimals_are_canonical() {
        assert_eq!(canonical_decimal("+007").unwrap(), "7");
        assert_eq!(canonical_decimal("-0.50").unwrap(), "-0.5");
        assert_eq!(canonical_decimal("-0").unwrap(), "0");
        assert_eq!(
            canonical_decimal("999999999999.99").unwrap(),
            "999999999999.99"
        );
        assert!(canonical_decimal("1e3").is_err());
    }
}

//! Writes the deduplicated tables as Rust source.

use std::fmt::Write as _;

use crate::content::{Automaton, NsRule};
use crate::model::{ComplexDef, Tables, Text, Ty};
use crate::pattern::Fast;
use crate::shortcut::{self, Shortcut};
use crate::simple::SimpleDef;

/// One layout's events: `(version, name, [(event, root complex)])`.
pub(crate) type LayoutEvents = (String, String, Vec<(String, usize)>);

fn option<T: std::fmt::Debug>(value: Option<&T>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| format!("Some({v:?})"))
}

fn simple(out: &mut String, def: &SimpleDef, regexes: &mut Vec<String>) {
    let base = def.base.map_or_else(String::new, |b| format!("{b:?}"));
    let _ = write!(out, "    Simple {{ base: Base::{base}, enums: &[");
    for group in &def.enums {
        let _ = write!(out, "&{group:?}, ");
    }
    out.push_str("], patterns: &[");
    for group in &def.patterns {
        out.push_str("&[");
        for pattern in group {
            let index = regexes
                .iter()
                .position(|r| *r == pattern.regex)
                .unwrap_or_else(|| {
                    regexes.push(pattern.regex.clone());
                    regexes.len() - 1
                });
            let fast = match &pattern.fast {
                Fast::Digits(runs) => format!("Fast::Digits(&{runs:?})"),
                other => format!("Fast::{other:?}"),
            };
            let _ = write!(
                out,
                "Pattern {{ source: {:?}, fast: {fast}, regex: {index} }}, ",
                pattern.source
            );
        }
        out.push_str("], ");
    }
    let shortcut = match shortcut::derive(def) {
        Shortcut::Never => "Shortcut::Never".to_owned(),
        Shortcut::Text { min, max, solid } => {
            format!("Shortcut::Text {{ min: {min}, max: {max}, solid: {solid} }}")
        }
        Shortcut::Digits(runs) => format!("Shortcut::Digits(&{runs:?})"),
        Shortcut::OneOf(values) => format!("Shortcut::OneOf(&{values:?})"),
        Shortcut::Decimal { int, frac, nonzero } => {
            format!("Shortcut::Decimal {{ int: {int}, frac: {frac}, nonzero: {nonzero} }}")
        }
        Shortcut::Count { runs, min, max } => {
            format!("Shortcut::Count {{ runs: &{runs:?}, min: {min}, max: {max} }}")
        }
        Shortcut::Date { min, below } => {
            format!("Shortcut::Date {{ min: {min:?}, below: {below:?} }}")
        }
        Shortcut::Shapes { shapes, min, max } => {
            let mut text = String::from("Shortcut::Shapes { shapes: &[");
            for shape in shapes {
                text.push_str("&[");
                for (set, low, high) in shape {
                    let _ = write!(text, "({set:#x}, {low}, {high}), ");
                }
                text.push_str("], ");
            }
            let _ = write!(text, "], min: {min}, max: {max} }}");
            text
        }
    };
    let _ = writeln!(
        out,
        "], shortcut: {shortcut}, length: {}, min_length: {}, max_length: {}, total_digits: {}, fraction_digits: {}, \
         min_inclusive: {}, max_inclusive: {}, min_exclusive: {}, max_exclusive: {} }},",
        option(def.length.as_ref()),
        option(def.min_length.as_ref()),
        option(def.max_length.as_ref()),
        option(def.total_digits.as_ref()),
        option(def.fraction_digits.as_ref()),
        option(def.min_inclusive.as_ref()),
        option(def.max_inclusive.as_ref()),
        option(def.min_exclusive.as_ref()),
        option(def.max_exclusive.as_ref()),
    );
}

fn accept(strict: bool, signature_optional: bool) -> u8 {
    u8::from(strict) | (u8::from(signature_optional) << 1)
}

fn ty(ty: Ty) -> String {
    match ty {
        Ty::Simple(index) => format!("Ty::Simple({index})"),
        Ty::Complex(index) => format!("Ty::Complex({index})"),
        Ty::Skip => "Ty::Skip".to_owned(),
    }
}

fn targets(base: usize, list: &[usize]) -> String {
    let global: Vec<usize> = list.iter().map(|p| base + 1 + p).collect();
    format!("&{global:?}")
}

fn complex_positions(out: &mut String, base: usize, def: &ComplexDef) {
    let (strict, optional, relaxed): (&Automaton, &Automaton, &Automaton) =
        (&def.strict, &def.signature_optional, &def.relaxed);
    let _ = writeln!(
        out,
        "    Position {{ name: \"\", ns: Ns::Any, ty: Ty::Skip, max: 1, accept: {}, next: {}, relaxed: {} }},",
        accept(strict.start_final, optional.start_final),
        targets(base, &strict.start),
        targets(base, &relaxed.start),
    );
    for (p, position) in def.positions.iter().enumerate() {
        let ns = match position.ns {
            NsRule::Event => "Event",
            NsRule::Dsig => "Dsig",
            NsRule::Other => "Other",
            NsRule::Any => "Any",
        };
        let _ = writeln!(
            out,
            "    Position {{ name: {:?}, ns: Ns::{ns}, ty: {}, max: {}, accept: {}, next: {}, relaxed: {} }},",
            position.name.as_deref().unwrap_or(""),
            ty(position.ty),
            position.max,
            accept(strict.last[p], optional.last[p]),
            targets(base, &strict.follow[p]),
            targets(base, &relaxed.follow[p]),
        );
    }
}

/// The Rust source of the tables.
pub(crate) fn emit(tables: &Tables, layouts: &[LayoutEvents]) -> String {
    let mut out = String::from(
        "// @generated by esocial-schema-gen from the official eSocial XSDs; do not edit.\n\
         // Regenerate: cargo run -p esocial-schema-gen -- ../shared/esocial esocial-schema/src/tables.rs\n\n\
         use crate::model::*;\n\n",
    );
    let mut regexes = Vec::new();
    let _ = writeln!(
        out,
        "pub(crate) static SIMPLES: [Simple; {}] = [",
        tables.simples.len()
    );
    for def in &tables.simples {
        simple(&mut out, def, &mut regexes);
    }
    out.push_str("];\n\n");

    let mut starts = Vec::new();
    let mut positions = String::new();
    let mut count = 0;
    for def in &tables.complexes {
        starts.push(count);
        complex_positions(&mut positions, count, def);
        count += 1 + def.positions.len();
    }
    let _ = writeln!(
        out,
        "pub(crate) static POSITIONS: [Position; {count}] = [\n{positions}];\n"
    );

    let _ = writeln!(
        out,
        "pub(crate) static COMPLEXES: [Complex; {}] = [",
        tables.complexes.len()
    );
    for (def, start) in tables.complexes.iter().zip(&starts) {
        let text = match def.text {
            Text::ElementOnly => "Text::ElementOnly".to_owned(),
            Text::Mixed => "Text::Mixed".to_owned(),
            Text::Simple(_) => "Text::Value".to_owned(),
        };
        out.push_str("    Complex { attrs: &[");
        for (name, ty, required) in &def.attrs {
            let _ = write!(
                out,
                "Attr {{ name: {name:?}, ty: {ty}, required: {required} }}, "
            );
        }
        let _ = writeln!(out, "], text: {text}, start: {start} }},");
    }
    out.push_str("];\n\n");

    let _ = writeln!(
        out,
        "pub(crate) static REGEXES: [&str; {}] = [",
        regexes.len()
    );
    for regex in &regexes {
        let _ = writeln!(out, "    {regex:?},");
    }
    out.push_str("];\n\n");

    let _ = writeln!(
        out,
        "pub(crate) static LAYOUTS: [Layout; {}] = [",
        layouts.len()
    );
    for (version, name, events) in layouts {
        let _ = writeln!(
            out,
            "    Layout {{ version: {version:?}, name: {name:?}, events: &["
        );
        for (event, root) in events {
            let _ = writeln!(out, "        EventDef {{ name: {event:?}, root: {root} }},");
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    out
}

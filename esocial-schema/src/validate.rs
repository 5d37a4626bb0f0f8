//! The validating pass: the scanner hands each tag and text to the validator, which drives the
//! content-model automata and the value checks.

use std::fmt::Write as _;

use crate::Options;
use crate::finding::{Finding, LayoutInfo, Report, Rule, Severity};
use crate::model::{Base, Ns, Position, Text, Ty};
use crate::scan::{self, CDATA, Scanner, Sink, WfError};
use crate::tables::{COMPLEXES, LAYOUTS, POSITIONS, SIMPLES};
use crate::value::{self, Violation};

const DSIG: &[u8] = b"http://www.w3.org/2000/09/xmldsig#";
const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
const EVENT_PREFIX: &[u8] = b"http://www.esocial.gov.br/schema/evt/";

/// The namespace class of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NsClass {
    Event,
    Dsig,
    Xsi,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    prefix: &'a [u8],
    uri: &'a [u8],
    class: NsClass,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Element-only or mixed content, at automaton state `state` (`count` occurrences of it).
    Complex {
        complex: u32,
        state: u32,
        count: u32,
        /// A child was unexpected: libxml2 stops checking this content.
        bad: bool,
        /// Text was already reported.
        text_reported: bool,
    },
    /// Simple content; `segments` counts text pieces (more than one, or one needing decoding,
    /// lives in the shared buffer).
    Simple {
        simple: u32,
        bad: bool,
        raw: (usize, usize),
        buffered: bool,
    },
    /// Not validated (wildcard, unexpected element, unknown schema).
    Skip,
}

#[derive(Debug, Clone, Copy)]
struct Frame<'a> {
    /// Local name.
    name: &'a [u8],
    /// Offset of the start tag's `>` (libxml2's line for the element).
    end: usize,
    /// Occurrence number among consecutive siblings of the same particle; 0 if not repeatable.
    index: u32,
    kind: Kind,
    /// Namespace bindings in scope before this element.
    bindings: usize,
}

/// One validation run over one event.
pub(crate) struct Validator<'a, 'o> {
    input: &'a [u8],
    text: &'a str,
    options: &'o Options,
    frames: Vec<Frame<'a>>,
    bindings: Vec<Binding<'a>>,
    event_uri: &'a [u8],
    default_ns: NsClass,
    buffer: String,
    line_cache: (usize, u32),
    /// The transition found by [`Sink::expected_name`] for the start tag being read.
    expected: Option<(u32, u32)>,
    report: Report,
}

/// Name equality with the cheap rejections first (length, first byte).
fn same_name(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && scan::same_bytes(a, b)
}

fn local_name(qname: &[u8]) -> (&[u8], &[u8]) {
    match qname.iter().position(|&b| b == b':') {
        Some(colon) => (&qname[..colon], &qname[colon + 1..]),
        None => (&[], qname),
    }
}

fn base_name(base: Base) -> &'static str {
    match base {
        Base::String => "xs:string",
        Base::Id => "xs:ID",
        Base::Byte => "xs:byte",
        Base::Integer => "xs:integer",
        Base::PositiveInteger => "xs:positiveInteger",
        Base::Decimal => "xs:decimal",
        Base::Date => "xs:date",
        Base::Unchecked => "any",
    }
}

fn type_fix(base: Base) -> &'static str {
    match base {
        Base::Byte => "write an integer from -128 to 127, without spaces around it",
        Base::Integer => "write an integer (digits, an optional sign)",
        Base::PositiveInteger => "write an integer greater than zero",
        Base::Decimal => "write a decimal number with a point and no exponent (1234.56)",
        Base::Date => "write a real calendar date as YYYY-MM-DD, without spaces around it",
        Base::Id => "write a name that starts with a letter or '_'",
        Base::String | Base::Unchecked => "fix the value",
    }
}

/// The names a state can continue with.
fn expected(state: &Position) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = state
        .next
        .iter()
        .map(|&p| POSITIONS[p as usize].name)
        .map(|name| if name.is_empty() { "##any" } else { name })
        .collect();
    names.dedup();
    names
}

fn violation_finding(violation: Violation, simple: &crate::model::Simple) -> (Rule, String) {
    match violation {
        Violation::Type => (
            Rule::Type(base_name(simple.base)),
            format!(
                "not a valid {}: {}",
                base_name(simple.base),
                type_fix(simple.base)
            ),
        ),
        Violation::Length(n) => (Rule::Length(n), format!("write exactly {n} characters")),
        Violation::MinLength(n) => (Rule::MinLength(n), format!("write at least {n} characters")),
        Violation::MaxLength(n) => (
            Rule::MaxLength(n),
            format!("write at most {n} characters (spaces count: xs:string keeps them)"),
        ),
        Violation::TotalDigits(n) => (
            Rule::TotalDigits(n),
            format!("use at most {n} significant digits"),
        ),
        Violation::FractionDigits(n) => (
            Rule::FractionDigits(n),
            format!("use at most {n} digits after the decimal point"),
        ),
        Violation::MinInclusive(v) => (
            Rule::MinInclusive(v),
            format!("use a value of at least {v}"),
        ),
        Violation::MaxInclusive(v) => {
            (Rule::MaxInclusive(v), format!("use a value of at most {v}"))
        }
        Violation::MinExclusive(v) => (
            Rule::MinExclusive(v),
            format!("use a value greater than {v}"),
        ),
        Violation::MaxExclusive(v) => (Rule::MaxExclusive(v), format!("use a value less than {v}")),
        Violation::Enumeration => {
            let allowed = simple.enums.last().copied().unwrap_or_default();
            let shown: Vec<&str> = allowed.iter().take(12).copied().collect();
            let more = if allowed.len() > shown.len() {
                ", ..."
            } else {
                ""
            };
            (
                Rule::Enumeration(allowed),
                format!("use one of the allowed codes: {}{more}", shown.join(", ")),
            )
        }
        Violation::Pattern(p) => (Rule::Pattern(p), format!("write a value that matches {p}")),
    }
}

impl<'a, 'o> Validator<'a, 'o> {
    pub(crate) fn new(input: &'a [u8], text: &'a str, options: &'o Options) -> Self {
        Self {
            input,
            text,
            options,
            frames: Vec::with_capacity(16),
            bindings: Vec::with_capacity(4),
            event_uri: &[],
            default_ns: NsClass::Other,
            buffer: String::new(),
            line_cache: (0, 1),
            expected: None,
            report: Report::default(),
        }
    }

    fn line(&mut self, at: usize) -> u32 {
        let at = at.min(self.input.len());
        let (from, line) = if at >= self.line_cache.0 {
            self.line_cache
        } else {
            (0, 1)
        };
        let count = memchr::memchr_iter(b'\n', &self.input[from..at]).count();
        let line = line + u32::try_from(count).unwrap_or(u32::MAX);
        self.line_cache = (at, line);
        line
    }

    fn path(&self, extra: Option<&[u8]>) -> String {
        let mut path = String::new();
        let names = self
            .frames
            .iter()
            .map(|f| (f.name, f.index))
            .chain(extra.map(|name| (name, 0)));
        for (name, index) in names {
            path.push('/');
            path.push_str(&String::from_utf8_lossy(name));
            if index > 0 {
                let _ = write!(path, "[{index}]");
            }
        }
        path
    }

    /// Records a finding; `false` once the limit is reached (the scan stops).
    fn push(
        &mut self,
        severity: Severity,
        at: usize,
        path: String,
        rule: Rule,
        value: Option<String>,
        message: String,
    ) -> bool {
        if self.report.findings.len() >= self.options.max_findings {
            self.report.truncated = true;
            return false;
        }
        let line = self.line(at);
        self.report.findings.push(Finding {
            severity,
            line,
            path,
            rule,
            value,
            message,
        });
        true
    }

    fn wf_error(&mut self, error: WfError) {
        let rule = if error.doctype {
            Rule::Doctype
        } else if error.too_deep {
            Rule::TooDeep(self.options.max_depth)
        } else {
            Rule::NotWellFormed(error.what)
        };
        let message = format!("the XML is not accepted: {}", error.what);
        let path = self.path(None);
        self.push(Severity::Error, error.at, path, rule, None, message);
    }

    /// Runs the pass and returns the report.
    pub(crate) fn run(mut self) -> Report {
        let mut scanner = Scanner::new(self.input, self.options.max_depth);
        if let Err(error) = scanner.run(&mut self) {
            self.wf_error(error);
        }
        self.report
    }

    fn str_at(&self, slice: &'a [u8]) -> &'a str {
        let start = slice.as_ptr() as usize - self.input.as_ptr() as usize;
        &self.text[start..start + slice.len()]
    }

    fn resolve(&self, prefix: &[u8]) -> Option<NsClass> {
        if prefix.is_empty() {
            return Some(self.default_ns);
        }
        match self
            .bindings
            .iter()
            .rev()
            .find(|b| same_name(b.prefix, prefix))
        {
            Some(binding) if !binding.uri.is_empty() => Some(binding.class),
            Some(_) => Some(NsClass::Other),
            None if prefix.is_empty() => Some(NsClass::Other),
            None => None,
        }
    }

    fn classify(&self, uri: &[u8]) -> NsClass {
        if uri == self.event_uri && !uri.is_empty() {
            NsClass::Event
        } else if uri == DSIG {
            NsClass::Dsig
        } else if uri == XSI {
            NsClass::Xsi
        } else {
            NsClass::Other
        }
    }

    fn bind(&mut self, attributes: &[scan::Attribute<'a>]) {
        for attribute in attributes {
            let prefix = if attribute.name == b"xmlns" {
                &[][..]
            } else if let Some(prefix) = attribute.name.strip_prefix(b"xmlns:") {
                prefix
            } else {
                continue;
            };
            let class = self.classify(attribute.value);
            self.bindings.push(Binding {
                prefix,
                uri: attribute.value,
                class,
            });
        }
        self.refresh_default();
    }

    /// Caches the class of the default namespace (unprefixed names are the common case).
    fn refresh_default(&mut self) {
        self.default_ns = match self.bindings.iter().rev().find(|b| b.prefix.is_empty()) {
            Some(binding) if !binding.uri.is_empty() => binding.class,
            _ => NsClass::Other,
        };
    }

    /// Reads the layout and event from the root's namespace.
    fn root(
        &mut self,
        name: &'a [u8],
        attributes: &[scan::Attribute<'a>],
        end: usize,
    ) -> Option<u32> {
        let (prefix, local) = local_name(name);
        let declaration: &[u8] = if prefix.is_empty() { b"xmlns" } else { &[] };
        let uri = attributes
            .iter()
            .find(|a| {
                if prefix.is_empty() {
                    a.name == declaration
                } else {
                    a.name.strip_prefix(b"xmlns:") == Some(prefix)
                }
            })
            .map_or(&[][..], |a| a.value);
        let found = uri
            .strip_prefix(EVENT_PREFIX)
            .and_then(|rest| {
                let slash = memchr::memchr(b'/', rest)?;
                let (event, version) = (&rest[..slash], &rest[slash + 1..]);
                let layout = LAYOUTS.iter().find(|l| l.version.as_bytes() == version)?;
                self.report.layout = Some(LayoutInfo {
                    name: layout.name,
                    version: layout.version,
                });
                let def = layout.events.iter().find(|e| e.name.as_bytes() == event)?;
                Some((def.name, def.root))
            })
            .filter(|_| local == b"eSocial");
        if let Some((event, root)) = found {
            self.report.event = Some(event);
            self.event_uri = uri;
            return Some(root);
        }
        let known: Vec<String> = LAYOUTS
            .iter()
            .map(|l| format!("{} ({})", l.name, l.version))
            .collect();
        let message = if self.report.layout.is_some() && local == b"eSocial" {
            format!(
                "the layout knows no such event; the root namespace must be {}<event>/<version>",
                String::from_utf8_lossy(EVENT_PREFIX)
            )
        } else {
            format!(
                "the root must be eSocial in namespace {}<event>/<version> of a known layout: {}",
                String::from_utf8_lossy(EVENT_PREFIX),
                known.join(", ")
            )
        };
        let value = Some(String::from_utf8_lossy(uri).into_owned());
        let path = format!("/{}", String::from_utf8_lossy(local));
        self.push(
            Severity::Error,
            end,
            path,
            Rule::UnknownSchema,
            value,
            message,
        );
        None
    }

    /// Finds the transition of `state` for a child; returns the new state and occurrence count.
    // Inlined into its two callers: one call per element, its arguments and result then stay
    // in registers (callgrind: -3% instructions on a large S-1200).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn transition(
        state: u32,
        count: u32,
        class: NsClass,
        local: &[u8],
        relaxed: bool,
    ) -> Option<(u32, u32)> {
        Self::transition_by(state, count, class, relaxed, |name| {
            name.is_empty() || same_name(name, local)
        })
    }

    /// [`Validator::transition`] for the child whose name `named` accepts (an empty name is a
    /// wildcard).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn transition_by(
        state: u32,
        count: u32,
        class: NsClass,
        relaxed: bool,
        mut named: impl FnMut(&[u8]) -> bool,
    ) -> Option<(u32, u32)> {
        let current = &POSITIONS[state as usize];
        let targets = if relaxed {
            current.relaxed
        } else {
            current.next
        };
        for &target in targets {
            let Some(position) = POSITIONS.get(target as usize) else {
                continue;
            };
            if !named(position.name.as_bytes()) {
                continue;
            }
            let ns_ok = match position.ns {
                Ns::Event => class == NsClass::Event,
                Ns::Dsig => class == NsClass::Dsig,
                Ns::Other => class != NsClass::Dsig,
                Ns::Any => true,
            };
            if !ns_ok {
                continue;
            }
            if target != state {
                return Some((target, 1));
            }
            if position.max == 1 {
                return Some((target, 1));
            }
            if position.max == 0 || count < position.max {
                return Some((target, count + 1));
            }
        }
        None
    }

    fn child_kind(position: &Position) -> Kind {
        match position.ty {
            Ty::Complex(complex) => Kind::Complex {
                complex,
                state: COMPLEXES[complex as usize].start,
                count: 0,
                bad: false,
                text_reported: false,
            },
            Ty::Simple(simple) => Kind::Simple {
                simple,
                bad: false,
                raw: (0, 0),
                buffered: false,
            },
            Ty::Skip => Kind::Skip,
        }
    }

    /// A start tag; `name[local_at..]` is its local name.
    #[inline]
    fn open(
        &mut self,
        name: &'a [u8],
        local_at: usize,
        attributes: &[scan::Attribute<'a>],
        end: usize,
    ) -> bool {
        let bindings = self.bindings.len();
        let (prefix, local) = (&name[..local_at.saturating_sub(1)], &name[local_at..]);
        let mut expected = self.expected.take();
        let Some(parent) = self.frames.last() else {
            return self.open_root(name, local, attributes, end);
        };
        let parent_kind = parent.kind;
        if attributes.iter().any(|a| a.name.starts_with(b"xmlns")) {
            self.bind(attributes);
            // The default namespace may have changed since the name was matched.
            expected = None;
        }
        let Some(class) = self.resolve(prefix) else {
            return self.unbound_prefix(local, end);
        };
        let mut frame = Frame {
            name: local,
            end,
            index: 0,
            kind: Kind::Skip,
            bindings,
        };
        let mut go_on = true;
        match parent_kind {
            Kind::Complex {
                state,
                count,
                bad: false,
                ..
            } => {
                let mut found =
                    expected.or_else(|| Self::transition(state, count, class, local, false));
                if found.is_none() {
                    (found, go_on) = self.misplaced(state, count, class, local, end);
                }
                if let Some((target, new_count)) = found
                    && let Some(Frame {
                        kind: Kind::Complex { state, count, .. },
                        ..
                    }) = self.frames.last_mut()
                {
                    (*state, *count) = (target, new_count);
                    let position = &POSITIONS[target as usize];
                    frame.index = if position.max == 1 { 0 } else { new_count };
                    frame.kind = Self::child_kind(position);
                }
            }
            Kind::Simple { bad: false, .. } => go_on = self.element_in_value(local),
            _ => {}
        }
        // No attribute written and none declared: nothing to check.
        let plain = attributes.is_empty()
            && match frame.kind {
                Kind::Complex { complex, .. } => COMPLEXES[complex as usize].attrs.is_empty(),
                Kind::Simple { .. } | Kind::Skip => true,
            };
        self.frames.push(frame);
        go_on && (plain || self.attributes(attributes, end))
    }

    /// The root element: the layout and event from its namespace, then its attributes.
    #[cold]
    fn open_root(
        &mut self,
        name: &'a [u8],
        local: &'a [u8],
        attributes: &[scan::Attribute<'a>],
        end: usize,
    ) -> bool {
        let bindings = self.bindings.len();
        let root = self.root(name, attributes, end);
        self.bind(attributes);
        let kind = root.map_or(Kind::Skip, |complex| Kind::Complex {
            complex,
            state: COMPLEXES[complex as usize].start,
            count: 0,
            bad: false,
            text_reported: false,
        });
        self.frames.push(Frame {
            name: local,
            end,
            index: 0,
            kind,
            bindings,
        });
        self.report.event.is_none() || self.attributes(attributes, end)
    }

    /// Reports a prefix no `xmlns:` declares (the scan stops).
    #[cold]
    fn unbound_prefix(&mut self, local: &[u8], end: usize) -> bool {
        let path = self.path(Some(local));
        self.push(
            Severity::Error,
            end,
            path,
            Rule::NotWellFormed("unbound namespace prefix"),
            None,
            "declare the prefix with xmlns:prefix=\"...\"".to_owned(),
        );
        false
    }

    /// A child the content model of the element on top does not allow at `state`: for a
    /// partial event, the transition that skips required elements (with a warning);
    /// otherwise an error, after which the parent's content is no longer checked. Returns the
    /// transition found and whether the scan goes on.
    #[cold]
    fn misplaced(
        &mut self,
        state: u32,
        count: u32,
        class: NsClass,
        local: &[u8],
        end: usize,
    ) -> (Option<(u32, u32)>, bool) {
        if self.options.partial
            && let Some(found) = Self::transition(state, count, class, local, true)
        {
            let expected = expected(&POSITIONS[state as usize]);
            let path = self.path(Some(local));
            let message = format!(
                "{} comes before {}: TAF must already hold it, or the government rejects the event",
                expected.join(" or "),
                String::from_utf8_lossy(local)
            );
            let go_on = self.push(
                Severity::Warning,
                end,
                path,
                Rule::MissingElement { expected },
                None,
                message,
            );
            return (Some(found), go_on);
        }
        let expected = expected(&POSITIONS[state as usize]);
        let message = if expected.is_empty() {
            format!(
                "remove {}: nothing more is allowed here",
                String::from_utf8_lossy(local)
            )
        } else {
            format!(
                "{} is not allowed here; expected {}",
                String::from_utf8_lossy(local),
                expected.join(" or ")
            )
        };
        let path = self.path(Some(local));
        let go_on = self.push(
            Severity::Error,
            end,
            path,
            Rule::UnexpectedElement { expected },
            None,
            message,
        );
        if let Some(Frame {
            kind: Kind::Complex { bad, .. },
            ..
        }) = self.frames.last_mut()
        {
            *bad = true;
        }
        (None, go_on)
    }

    /// Reports a child element inside the element on top, which holds a value; its value is
    /// no longer checked.
    #[cold]
    fn element_in_value(&mut self, local: &[u8]) -> bool {
        let Some(parent) = self.frames.last_mut() else {
            return true;
        };
        if let Kind::Simple { bad, .. } = &mut parent.kind {
            *bad = true;
        }
        let at = parent.end;
        let path = self.path(None);
        self.push(
            Severity::Error,
            at,
            path,
            Rule::ElementInSimpleContent,
            None,
            format!(
                "remove {}: this element holds a value, not elements",
                String::from_utf8_lossy(local)
            ),
        )
    }

    /// Checks the attributes of the element just pushed.
    fn attributes(&mut self, attributes: &[scan::Attribute<'a>], end: usize) -> bool {
        let Some(frame) = self.frames.last() else {
            return true;
        };
        let declared: &[crate::model::Attr] = match frame.kind {
            Kind::Complex { complex, .. } => COMPLEXES[complex as usize].attrs,
            Kind::Simple { .. } => &[],
            Kind::Skip => return true,
        };
        if attributes.is_empty() && declared.is_empty() {
            return true;
        }
        let mut go_on = true;
        for attribute in attributes {
            let (prefix, local) = local_name(attribute.name);
            if attribute.name == b"xmlns" || prefix == b"xmlns" {
                continue;
            }
            if !prefix.is_empty() && self.resolve(prefix) == Some(NsClass::Xsi) {
                continue;
            }
            let found = prefix
                .is_empty()
                .then(|| {
                    declared
                        .iter()
                        .find(|d| same_name(d.name.as_bytes(), local))
                })
                .flatten();
            let Some(declaration) = found else {
                let name = String::from_utf8_lossy(attribute.name).into_owned();
                let path = self.path(None);
                let message = format!("remove the attribute {name}");
                go_on &= self.push(
                    Severity::Error,
                    end,
                    path,
                    Rule::UnknownAttribute(name),
                    None,
                    message,
                );
                continue;
            };
            let raw = self.str_at(attribute.value);
            // A tab, CR, LF or reference needs decoding (other low bytes were refused).
            let value = if attribute.class & (scan::ATTR_LOW | scan::ATTR_AMP) != 0 {
                let mut decoded = String::new();
                scan::decode_into(raw, true, &mut decoded);
                std::borrow::Cow::Owned(decoded)
            } else {
                std::borrow::Cow::Borrowed(raw)
            };
            if self.frames.len() == 2 && local == b"Id" {
                self.report.id = Some(value.clone().into_owned());
            }
            let simple = &SIMPLES[declaration.ty as usize];
            if let Err(violation) = value::check(simple, &value) {
                let (rule, message) = violation_finding(violation, simple);
                let path = format!("{}/@{}", self.path(None), declaration.name);
                go_on &= self.push(
                    Severity::Error,
                    end,
                    path,
                    rule,
                    Some(value.into_owned()),
                    message,
                );
            }
        }
        for declaration in declared.iter().filter(|d| d.required) {
            let present = attributes
                .iter()
                .any(|a| same_name(a.name, declaration.name.as_bytes()));
            if !present {
                let path = self.path(None);
                let message = format!("add the attribute {}", declaration.name);
                go_on &= self.push(
                    Severity::Error,
                    end,
                    path,
                    Rule::MissingAttribute(declaration.name),
                    None,
                    message,
                );
            }
        }
        go_on
    }

    /// Character data; `flags` from the scanner (with [`CDATA`] for a CDATA section).
    fn character_data(&mut self, raw: &'a [u8], flags: u8) -> bool {
        // The common case: an element's value in one piece that needs no decoding.
        if flags & scan::NEEDS_DECODING == 0
            && let Some(Frame {
                kind:
                    Kind::Simple {
                        bad: false,
                        raw: range,
                        buffered: false,
                        ..
                    },
                ..
            }) = self.frames.last_mut()
            && range.0 == range.1
        {
            let start = raw.as_ptr() as usize - self.input.as_ptr() as usize;
            *range = (start, start + raw.len());
            return true;
        }
        self.text_rest(raw, flags)
    }

    /// [`Validator::character_data`] beyond its common case.
    #[inline(never)]
    fn text_rest(&mut self, raw: &'a [u8], flags: u8) -> bool {
        let parsed = flags & CDATA == 0;
        let Some(frame) = self.frames.last_mut() else {
            return true;
        };
        match &mut frame.kind {
            Kind::Simple {
                bad: false,
                raw: range,
                buffered,
                ..
            } => {
                let plain = flags & scan::NEEDS_DECODING == 0;
                let start = raw.as_ptr() as usize - self.input.as_ptr() as usize;
                if !*buffered && range.0 == range.1 && plain {
                    *range = (start, start + raw.len());
                    return true;
                }
                if !*buffered {
                    *buffered = true;
                    self.buffer.clear();
                    self.buffer.push_str(&self.text[range.0..range.1]);
                }
                let piece = &self.text[start..start + raw.len()];
                if parsed {
                    scan::decode_into(piece, false, &mut self.buffer);
                } else {
                    self.buffer
                        .push_str(&piece.replace("\r\n", "\n").replace('\r', "\n"));
                }
                true
            }
            Kind::Complex {
                complex,
                text_reported: reported @ false,
                ..
            } => {
                if !matches!(COMPLEXES[*complex as usize].text, Text::ElementOnly) {
                    return true;
                }
                let blank = if flags & scan::NON_SPACE == 0 {
                    true
                } else if parsed && flags & scan::NEEDS_DECODING != 0 {
                    let mut decoded = String::new();
                    scan::decode_into(
                        &self.text[raw.as_ptr() as usize - self.input.as_ptr() as usize..]
                            [..raw.len()],
                        false,
                        &mut decoded,
                    );
                    decoded
                        .bytes()
                        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                } else {
                    false
                };
                if blank {
                    return true;
                }
                *reported = true;
                let end = frame.end;
                let path = self.path(None);
                let value = String::from_utf8_lossy(raw).trim().to_owned();
                self.push(
                    Severity::Error,
                    end,
                    path,
                    Rule::TextNotAllowed,
                    Some(value),
                    "remove the text: this element holds only elements".to_owned(),
                )
            }
            _ => true,
        }
    }

    fn close(&mut self) -> bool {
        let Some(frame) = self.frames.last() else {
            return true;
        };
        let (kind, at, bindings) = (frame.kind, frame.end, frame.bindings);
        let go_on = match kind {
            Kind::Complex {
                state, bad: false, ..
            } => {
                let bit = if self.options.require_signature { 1 } else { 2 };
                POSITIONS[state as usize].accept & bit != 0 || self.missing_child(at, state)
            }
            Kind::Simple {
                simple,
                bad: false,
                raw,
                buffered,
            } => {
                let text: &str = if buffered {
                    &self.buffer
                } else {
                    &self.text[raw.0..raw.1]
                };
                let definition = &SIMPLES[simple as usize];
                match value::check(definition, text) {
                    Ok(()) => true,
                    Err(violation) => self.bad_value(violation, definition, buffered, raw, at),
                }
            }
            _ => true,
        };
        self.frames.pop();
        if self.bindings.len() != bindings {
            self.bindings.truncate(bindings);
            self.refresh_default();
        }
        go_on
    }

    /// Reports the value of the element on top, which broke `violation`.
    #[cold]
    #[inline(never)]
    fn bad_value(
        &mut self,
        violation: Violation,
        definition: &crate::model::Simple,
        buffered: bool,
        raw: (usize, usize),
        at: usize,
    ) -> bool {
        let value = if buffered {
            self.buffer.clone()
        } else {
            self.text[raw.0..raw.1].to_owned()
        };
        let (rule, message) = violation_finding(violation, definition);
        let path = self.path(None);
        self.push(Severity::Error, at, path, rule, Some(value), message)
    }

    /// Reports the content of the element on top ending at `state`, before a required child.
    #[cold]
    fn missing_child(&mut self, at: usize, state: u32) -> bool {
        let position = &POSITIONS[state as usize];
        let expected = expected(position);
        let severity = if self.options.partial {
            Severity::Warning
        } else {
            Severity::Error
        };
        let message = if self.options.partial {
            format!(
                "{} is missing: TAF must already hold it, or the government rejects the event",
                expected.join(" or ")
            )
        } else {
            format!("add {} (required here)", expected.join(" or "))
        };
        let path = self.path(None);
        self.push(
            severity,
            at,
            path,
            Rule::MissingElement { expected },
            None,
            message,
        )
    }
}

impl<'a> Sink<'a> for Validator<'a, '_> {
    #[inline]
    fn start(
        &mut self,
        name: &'a [u8],
        local: usize,
        attributes: &[scan::Attribute<'a>],
        end: usize,
    ) -> bool {
        self.open(name, local, attributes, end)
    }

    fn end(&mut self) -> bool {
        self.close()
    }

    fn text(&mut self, raw: &'a [u8], flags: u8) -> bool {
        self.character_data(raw, flags)
    }

    /// Matches `rest` against the children the parent's automaton accepts next, in the order
    /// [`Validator::transition`] tries them, and keeps the transition for [`Validator::open`].
    #[inline]
    fn expected_name(&mut self, rest: &[u8]) -> Option<usize> {
        let Some(Frame {
            kind:
                Kind::Complex {
                    state,
                    count,
                    bad: false,
                    ..
                },
            ..
        }) = self.frames.last()
        else {
            return None;
        };
        let mut len = None;
        let mut wildcard = false;
        let found = Self::transition_by(*state, *count, self.default_ns, false, |name| {
            if name.is_empty() {
                wildcard = true;
                return false;
            }
            let matched = !wildcard
                && rest.len() > name.len()
                && rest[0] == name[0]
                && scan::same_bytes(&rest[..name.len()], name)
                && scan::ends_name(rest[name.len()]);
            if matched {
                len = Some(name.len());
            }
            matched
        });
        self.expected = found;
        found.and(len)
    }
}

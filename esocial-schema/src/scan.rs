//! A one-pass XML scanner that checks well-formedness as it goes: tags balance, names are
//! legal, attributes are unique and quoted, references are known, no control characters, one
//! root, no DOCTYPE or entity declarations, bounded depth.

/// A well-formedness error: what is wrong and the byte offset where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WfError {
    pub(crate) what: &'static str,
    pub(crate) at: usize,
    /// A DOCTYPE (refused by policy rather than malformed).
    pub(crate) doctype: bool,
    /// The depth limit was exceeded.
    pub(crate) too_deep: bool,
}

fn wf(what: &'static str, at: usize) -> WfError {
    WfError {
        what,
        at,
        doctype: false,
        too_deep: false,
    }
}

/// An attribute as written (value raw: references not expanded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attribute<'a> {
    pub(crate) name: &'a [u8],
    pub(crate) value: &'a [u8],
    /// What the value holds ([`attribute_class`]).
    pub(crate) class: u8,
}

/// Attribute class: a `<`.
const ATTR_LESS: u8 = 1;
/// Attribute class: a byte below 0x20 (a tab, CR or LF needs normalising; others are errors).
pub(crate) const ATTR_LOW: u8 = 2;
/// Attribute class: a reference.
pub(crate) const ATTR_AMP: u8 = 4;

/// The OR of the classes of the bytes of an attribute value ([`ATTR_LESS`], [`ATTR_LOW`],
/// [`ATTR_AMP`]), eight bytes per step: a word has a byte below `n` (`n` ≤ 0x80) exactly when
/// `(x - n·0x01..01) & !x & 0x80..80` is not zero, and a byte equal to `c` when `x ^ c·0x01..01`
/// has one below 1.
fn attribute_class(value: &[u8]) -> u8 {
    let (mut less, mut low, mut amp) = (0, 0, 0);
    let mut rest = value;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let x = u64::from_le_bytes(*word);
        less |= below(x ^ (ONES * u64::from(b'<')), 1);
        low |= below(x, 0x20);
        amp |= below(x ^ (ONES * u64::from(b'&')), 1);
        rest = tail;
    }
    let words = u8::from(less != 0) | (u8::from(low != 0) << 1) | (u8::from(amp != 0) << 2);
    rest.iter().fold(words, |class, &b| {
        class | u8::from(b == b'<') | (u8::from(b < 0x20) << 1) | (u8::from(b == b'&') << 2)
    })
}

/// What receives the scanner's findings, in document order. Each method returns whether the
/// scan goes on (`false` stops it without an error).
pub(crate) trait Sink<'a> {
    /// A start tag: its qualified name, the offset of its local part in it (after the first
    /// `:`, 0 without one), its attributes and the offset of its `>`.
    fn start(
        &mut self,
        name: &'a [u8],
        local: usize,
        attributes: &[Attribute<'a>],
        end: usize,
    ) -> bool;
    /// An end tag (or the end of an empty-element tag), already matched with its start.
    fn end(&mut self) -> bool;
    /// Character data inside the root (raw, references not expanded) with its [`flags`]; a
    /// CDATA section's content comes with [`CDATA`] added.
    fn text(&mut self, raw: &'a [u8], flags: u8) -> bool;
    /// The length of the unprefixed name `rest` starts with, when the sink expects that name
    /// next and it ends where [`ends_name`] says (the scanner then skips its own name scan);
    /// `None` leaves the name to the scanner.
    fn expected_name(&mut self, rest: &[u8]) -> Option<usize> {
        let _ = rest;
        None
    }
}

/// Whether byte `b` ends a name (it cannot continue one).
pub(crate) fn ends_name(b: u8) -> bool {
    CLASS[b as usize] & NAME == 0
}

/// Text flag: a character other than XSD whitespace.
pub(crate) const NON_SPACE: u8 = 1;
/// Text flag: a reference or a CR (the value needs decoding).
pub(crate) const NEEDS_DECODING: u8 = 2;
const CONTROL: u8 = 4;
const GREATER: u8 = 8;
/// Text flag: a CDATA section (taken as written, never decoded).
pub(crate) const CDATA: u8 = 0x80;

static TEXT_CLASS: [u8; 256] = {
    let mut table = [NON_SPACE; 256];
    let mut c = 0;
    while c < 0x20 {
        table[c] = NON_SPACE | CONTROL;
        c += 1;
    }
    table[b'\t' as usize] = 0;
    table[b'\n' as usize] = 0;
    table[b' ' as usize] = 0;
    table[b'\r' as usize] = NEEDS_DECODING;
    table[b'&' as usize] = NON_SPACE | NEEDS_DECODING;
    table[b'>' as usize] = NON_SPACE | GREATER;
    table
};

/// What a text segment holds: an OR of [`NON_SPACE`], [`NEEDS_DECODING`] and internal flags.
/// Eight bytes per step (see [`attribute_class`]) while no byte is below 0x20; a segment with
/// one (a line break in a base64 value, say) is classified byte by byte.
pub(crate) fn flags(raw: &[u8]) -> u8 {
    const SPACES: u64 = ONES * b' ' as u64;
    let (mut other, mut low, mut amp, mut greater) = (0, 0, 0, 0);
    let mut rest = raw;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let x = u64::from_le_bytes(*word);
        other |= x ^ SPACES;
        low |= below(x, 0x20);
        amp |= below(x ^ (ONES * u64::from(b'&')), 1);
        greater |= below(x ^ (ONES * u64::from(b'>')), 1);
        rest = tail;
    }
    if low != 0 {
        return raw
            .iter()
            .fold(0, |flags, &b| flags | TEXT_CLASS[b as usize]);
    }
    let words = if other != 0 { NON_SPACE } else { 0 }
        | if amp != 0 {
            NON_SPACE | NEEDS_DECODING
        } else {
            0
        }
        | if greater != 0 { NON_SPACE | GREATER } else { 0 };
    rest.iter()
        .fold(words, |flags, &b| flags | TEXT_CLASS[b as usize])
}

/// Eight ones, one per byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each byte of `x` that is below `n` (`n` ≤ 0x80), and possibly of bytes
/// above such a byte (so only whether the result is zero is exact).
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & (ONES << 7)
}

const NAME_START: u8 = 1;
const NAME: u8 = 2;
/// A name character other than `:` (names are scanned in the parts around a prefix colon).
const NC_NAME: u8 = 4;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c: u8 = 0;
    loop {
        table[c as usize] = if c == b':' {
            NAME_START | NAME
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            NAME_START | NAME | NC_NAME
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            NAME | NC_NAME
        } else {
            0
        };
        if c == u8::MAX {
            break;
        }
        c += 1;
    }
    table
};

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `bytes` holds a control character XML forbids.
fn has_control(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
}

/// Checks the references of `raw` (text or attribute value): `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;` and character references to legal characters.
fn check_references(raw: &[u8], base: usize) -> Result<(), WfError> {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'&', &raw[from..]) {
        let start = from + offset;
        let semi = memchr::memchr(b';', &raw[start..])
            .ok_or_else(|| wf("'&' without ';'", base + start))?;
        reference(&raw[start + 1..start + semi])
            .ok_or_else(|| wf("unknown reference", base + start))?;
        from = start + semi + 1;
    }
    Ok(())
}

/// The character a reference body (between `&` and `;`) stands for.
fn reference(body: &[u8]) -> Option<char> {
    Some(match body {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x', hex @ ..] if !hex.is_empty() && hex.len() <= 6 => {
            char_ref(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
        }
        [b'#', dec @ ..]
            if !dec.is_empty() && dec.len() <= 7 && dec.iter().all(u8::is_ascii_digit) =>
        {
            char_ref(std::str::from_utf8(dec).ok()?.parse().ok()?)?
        }
        _ => return None,
    })
}

fn char_ref(code: u32) -> Option<char> {
    let c = char::from_u32(code)?;
    (c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .then_some(c)
        .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// Appends `raw` to `out` with references expanded and line ends normalised (`\r\n`, `\r` →
/// `\n`); `attribute` also turns tab, CR and LF into spaces (attribute-value normalisation).
/// `raw` was checked by the scanner.
pub(crate) fn decode_into(raw: &str, attribute: bool, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'&' && b != b'\r' && !(attribute && (b == b'\t' || b == b'\n')) {
            i += 1;
            continue;
        }
        out.push_str(&raw[run..i]);
        if b == b'&' {
            let semi = memchr::memchr(b';', &bytes[i..]).map_or(bytes.len(), |s| i + s);
            if let Some(c) = reference(&bytes[i + 1..semi]) {
                out.push(c);
            }
            i = semi + 1;
        } else {
            out.push(if attribute { ' ' } else { '\n' });
            i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        run = i.min(bytes.len());
    }
    out.push_str(&raw[run.min(raw.len())..]);
}

/// Text up to this length is scanned byte by byte (no library call).
const SHORT_TEXT: usize = 48;

/// The end of a run of spaces, tabs and line feeds at `at`: a word of eight bytes at a time,
/// the first byte that is not a space found from the word's bits.
fn skip_indentation(input: &[u8], at: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let mut rest = input.get(at..).unwrap_or_default();
    loop {
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            let other = u64::from_le_bytes(*word) ^ SPACES;
            if other != 0 {
                let spaces = (other.trailing_zeros() / 8) as usize;
                rest = rest.get(spaces..).unwrap_or_default();
                break;
            }
            rest = tail;
        }
        match rest.split_first() {
            Some((b' ' | b'\t' | b'\n', tail)) => rest = tail,
            _ => return input.len() - rest.len(),
        }
    }
}

/// Looks for `<` within [`SHORT_TEXT`] bytes of `at`, with the [`flags`] of the bytes before it.
fn scan_short_text(input: &[u8], at: usize) -> (Option<usize>, u8) {
    let end = (at + SHORT_TEXT).min(input.len());
    let mut flags = 0;
    for (i, &b) in input[at..end].iter().enumerate() {
        if b == b'<' {
            return (Some(at + i), flags);
        }
        flags |= TEXT_CLASS[b as usize];
    }
    (None, flags)
}

/// Byte-string equality for short names: two overlapping word loads per side for names of 4 to
/// 16 bytes (most element names), eight bytes at a time beyond, no library call.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        let mut out = [0; N];
        out.copy_from_slice(&bytes[at..at + N]);
        out
    }
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0..4 => a == b,
        4..8 => {
            let (x0, x1) = (word::<4>(a, 0), word::<4>(a, len - 4));
            let (y0, y1) = (word::<4>(b, 0), word::<4>(b, len - 4));
            (u32::from_ne_bytes(x0) ^ u32::from_ne_bytes(y0))
                | (u32::from_ne_bytes(x1) ^ u32::from_ne_bytes(y1))
                == 0
        }
        8..=16 => {
            let (x0, x1) = (word::<8>(a, 0), word::<8>(a, len - 8));
            let (y0, y1) = (word::<8>(b, 0), word::<8>(b, len - 8));
            (u64::from_ne_bytes(x0) ^ u64::from_ne_bytes(y0))
                | (u64::from_ne_bytes(x1) ^ u64::from_ne_bytes(y1))
                == 0
        }
        _ => {
            let mut a_words = a.chunks_exact(8);
            let mut b_words = b.chunks_exact(8);
            for (x, y) in a_words.by_ref().zip(b_words.by_ref()) {
                if x != y {
                    return false;
                }
            }
            a_words.remainder() == b_words.remainder()
        }
    }
}

/// Scans one document.
pub(crate) struct Scanner<'a> {
    input: &'a [u8],
    pos: usize,
    open: Vec<&'a [u8]>,
    attributes: Vec<Attribute<'a>>,
    max_depth: usize,
    root_done: bool,
}

impl<'a> Scanner<'a> {
    /// A scanner over `input` (already checked to be UTF-8).
    pub(crate) fn new(input: &'a [u8], max_depth: usize) -> Self {
        let pos = if input.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Self {
            input,
            pos,
            open: Vec::with_capacity(16),
            attributes: Vec::with_capacity(8),
            max_depth,
            root_done: false,
        }
    }

    fn find(&self, needle: &[u8], from: usize) -> Option<usize> {
        memchr::memmem::find(&self.input[from..], needle).map(|i| from + i)
    }

    /// Scans the document to its end, handing each start tag, end tag and piece of text to
    /// `sink` as it is read; `Ok` at a well-formed end or when `sink` stops the scan.
    pub(crate) fn run<S: Sink<'a>>(&mut self, sink: &mut S) -> Result<(), WfError> {
        let input = self.input;
        // The last thing read was a start tag (text now may be an element's value).
        let mut after_start = false;
        loop {
            let start = self.pos;
            // Indentation between tags is the common text: skip it before searching; short
            // values are scanned inline (flags included), longer text with memchr.
            let blank_end = skip_indentation(input, start);
            let (next, short_flags) = scan_short_text(input, blank_end);
            let next = next.or_else(|| {
                let from = (blank_end + SHORT_TEXT).min(input.len());
                memchr::memchr(b'<', &input[from..]).map(|i| from + i)
            });
            let Some(lt) = next else {
                self.pos = input.len();
                let rest = &input[start..];
                if !self.open.is_empty() {
                    return Err(wf("document ends inside an element", input.len()));
                }
                if !rest.iter().all(|&b| is_space(b)) {
                    return Err(wf("text outside the root element", start));
                }
                if !self.root_done {
                    return Err(wf("no root element", input.len()));
                }
                return Ok(());
            };
            // Indentation matters only as the whole value of an element (`<x>  </x>`, or around
            // a comment inside one); elsewhere no text is handed over for it.
            let blank = lt == blank_end;
            let value_position = after_start
                && input
                    .get(lt + 1)
                    .is_some_and(|&b| CLASS[b as usize] & NAME_START == 0);
            if lt > start && !(blank && !value_position && !self.open.is_empty()) {
                let raw = &input[start..lt];
                if self.open.is_empty() {
                    if !raw.iter().all(|&b| is_space(b)) {
                        return Err(wf("text outside the root element", start));
                    }
                } else {
                    let flags = if lt - blank_end <= SHORT_TEXT {
                        short_flags
                    } else {
                        flags(&input[blank_end..lt])
                    };
                    if flags & CONTROL != 0 {
                        return Err(wf("control character in text", start));
                    }
                    if flags & NEEDS_DECODING != 0 {
                        check_references(raw, start)?;
                    }
                    if flags & GREATER != 0 && memchr::memmem::find(raw, b"]]>").is_some() {
                        return Err(wf("']]>' in text", start));
                    }
                    self.pos = lt;
                    after_start = false;
                    if !sink.text(raw, flags) {
                        return Ok(());
                    }
                }
            }
            match input.get(lt + 1) {
                Some(b'/') => {
                    self.end_tag(lt)?;
                    after_start = false;
                    if !sink.end() {
                        return Ok(());
                    }
                }
                Some(b'!') => {
                    if input[lt..].starts_with(b"<!--") {
                        let end = self
                            .find(b"--", lt + 4)
                            .ok_or_else(|| wf("unterminated comment", lt))?;
                        if input.get(end + 2) != Some(&b'>') {
                            return Err(wf("'--' inside a comment", end));
                        }
                        self.pos = end + 3;
                    } else if input[lt..].starts_with(b"<![CDATA[") {
                        if self.open.is_empty() {
                            return Err(wf("CDATA outside the root element", lt));
                        }
                        let end = self
                            .find(b"]]>", lt + 9)
                            .ok_or_else(|| wf("unterminated CDATA", lt))?;
                        let raw = &input[lt + 9..end];
                        if has_control(raw) {
                            return Err(wf("control character in CDATA", lt));
                        }
                        self.pos = end + 3;
                        after_start = false;
                        if !sink.text(raw, flags(raw) | CDATA) {
                            return Ok(());
                        }
                    } else if input[lt..].starts_with(b"<!DOCTYPE")
                        || input[lt..].starts_with(b"<!ENTITY")
                    {
                        return Err(WfError {
                            doctype: true,
                            ..wf("DOCTYPE and entity declarations are refused", lt)
                        });
                    } else {
                        return Err(wf("unknown markup '<!'", lt));
                    }
                }
                Some(b'?') => self.instruction(lt)?,
                _ => {
                    let known = sink.expected_name(&input[lt + 1..]);
                    let (name, local, end, empty) = self.start_tag(lt, known)?;
                    if !sink.start(name, local, &self.attributes, end) {
                        return Ok(());
                    }
                    after_start = !empty;
                    if empty {
                        self.close();
                        if !sink.end() {
                            return Ok(());
                        }
                    }
                }
            }
        }
    }

    fn instruction(&mut self, lt: usize) -> Result<(), WfError> {
        let end = self
            .find(b"?>", lt + 2)
            .ok_or_else(|| wf("unterminated processing instruction", lt))?;
        let body = &self.input[lt + 2..end];
        let target_len = body.iter().take_while(|&&b| !is_space(b)).count();
        let target = &body[..target_len];
        if target.is_empty() {
            return Err(wf("processing instruction without a target", lt));
        }
        if target.eq_ignore_ascii_case(b"xml") {
            let first = lt == 0 || (lt == 3 && self.input.starts_with(b"\xEF\xBB\xBF"));
            if target != b"xml" || !first {
                return Err(wf("XML declaration not at the start", lt));
            }
            if let Some(at) = memchr::memmem::find(body, b"encoding") {
                let rest = &body[at + 8..];
                let value = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b'\'')
                    .map(|q| &rest[q + 1..])
                    .unwrap_or_default();
                let value = &value[..value
                    .iter()
                    .position(|&b| b == b'"' || b == b'\'')
                    .unwrap_or(value.len())];
                if !value.eq_ignore_ascii_case(b"utf-8") {
                    return Err(wf("encoding other than UTF-8", lt));
                }
            }
        }
        self.pos = end + 2;
        Ok(())
    }

    fn name(&self, from: usize) -> Result<usize, WfError> {
        self.qualified_name(from).map(|(end, _)| end)
    }

    /// The end of the name at `from` and the offset of its local part (after the first `:`;
    /// 0 without one).
    fn qualified_name(&self, from: usize) -> Result<(usize, usize), WfError> {
        let input = self.input;
        if input
            .get(from)
            .is_none_or(|&b| CLASS[b as usize] & NAME_START == 0)
        {
            return Err(wf("invalid name", from));
        }
        let end_of = |start: usize, class: u8| {
            input[start..]
                .iter()
                .position(|&b| CLASS[b as usize] & class == 0)
                .map_or(input.len(), |len| start + len)
        };
        let end = if input[from] == b':' {
            from
        } else {
            end_of(from + 1, NC_NAME)
        };
        if input.get(end) != Some(&b':') {
            return Ok((end, 0));
        }
        Ok((end_of(end + 1, NAME), end + 1 - from))
    }

    fn skip_space(&self, mut at: usize) -> usize {
        while at < self.input.len() && is_space(self.input[at]) {
            at += 1;
        }
        at
    }

    /// Reads the start tag at `lt` (its unprefixed name `known` bytes long, if the sink knew
    /// it) and opens its element: name, local offset, the offset of its `>`, and whether it is
    /// an empty-element tag.
    fn start_tag(
        &mut self,
        lt: usize,
        known: Option<usize>,
    ) -> Result<(&'a [u8], usize, usize, bool), WfError> {
        let input = self.input;
        if self.open.is_empty() && self.root_done {
            return Err(wf("a second root element", lt));
        }
        let (name_end, local) = match known {
            Some(len) => (lt + 1 + len, 0),
            None => self.qualified_name(lt + 1)?,
        };
        let name = &input[lt + 1..name_end];
        self.attributes.clear();
        let mut at = name_end;
        loop {
            let after_space = self.skip_space(at);
            match input.get(after_space) {
                Some(b'>') => {
                    self.pos = after_space + 1;
                    return self.open_element(name, local, false, after_space);
                }
                Some(b'/') => {
                    if input.get(after_space + 1) != Some(&b'>') {
                        return Err(wf("'/' not followed by '>'", after_space));
                    }
                    self.pos = after_space + 2;
                    return self.open_element(name, local, true, after_space + 1);
                }
                None => return Err(wf("document ends inside a tag", lt)),
                Some(_) if after_space == at => {
                    return Err(wf("attributes need whitespace between them", at));
                }
                Some(_) => {}
            }
            let attr_end = self.name(after_space)?;
            let attr_name = &input[after_space..attr_end];
            let eq = self.skip_space(attr_end);
            if input.get(eq) != Some(&b'=') {
                return Err(wf("attribute without '='", eq));
            }
            let quote_at = self.skip_space(eq + 1);
            let Some(&quote @ (b'"' | b'\'')) = input.get(quote_at) else {
                return Err(wf("attribute value without quotes", quote_at));
            };
            let close = memchr::memchr(quote, &input[quote_at + 1..])
                .map(|i| quote_at + 1 + i)
                .ok_or_else(|| wf("unterminated attribute value", quote_at))?;
            let value = &input[quote_at + 1..close];
            let class = attribute_class(value);
            if class & ATTR_LESS != 0 {
                return Err(wf("'<' in an attribute value", quote_at));
            }
            if class & ATTR_LOW != 0 && has_control(value) {
                return Err(wf("control character in an attribute value", quote_at));
            }
            if class & ATTR_AMP != 0 {
                check_references(value, quote_at + 1)?;
            }
            if self.attributes.iter().any(|a| a.name == attr_name) {
                return Err(wf("duplicate attribute", after_space));
            }
            self.attributes.push(Attribute {
                name: attr_name,
                value,
                class,
            });
            at = close + 1;
        }
    }

    fn open_element(
        &mut self,
        name: &'a [u8],
        local: usize,
        empty: bool,
        end: usize,
    ) -> Result<(&'a [u8], usize, usize, bool), WfError> {
        if self.open.len() >= self.max_depth {
            return Err(WfError {
                too_deep: true,
                ..wf("nesting deeper than the limit", end)
            });
        }
        self.open.push(name);
        Ok((name, local, end, empty))
    }

    fn close(&mut self) {
        self.open.pop();
        if self.open.is_empty() {
            self.root_done = true;
        }
    }

    /// Reads the end tag at `lt` and closes its element.
    fn end_tag(&mut self, lt: usize) -> Result<(), WfError> {
        let open = self.open.last().copied().unwrap_or_default();
        // The common case: the open element's name, then `>`.
        if let Some((name, [b'>', ..])) = self
            .input
            .get(lt + 2..)
            .and_then(|rest| rest.split_at_checked(open.len()))
            && !open.is_empty()
            && same_bytes(name, open)
        {
            self.pos = lt + 3 + open.len();
            self.close();
            return Ok(());
        }
        let name_end = lt + 2 + open.len();
        let matches = !open.is_empty()
            && self
                .input
                .get(lt + 2..name_end)
                .is_some_and(|name| same_bytes(name, open))
            && self
                .input
                .get(name_end)
                .is_some_and(|&b| b == b'>' || is_space(b));
        if !matches {
            self.name(lt + 2)?;
            return Err(wf("end tag does not match the start tag", lt));
        }
        let gt = self.skip_space(name_end);
        if self.input.get(gt) != Some(&b'>') {
            return Err(wf("end tag without '>'", gt));
        }
        self.pos = gt + 1;
        self.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what the scanner hands over: local names of start tags, end tags, text.
    #[derive(Default)]
    struct Record {
        starts: Vec<String>,
        events: usize,
    }

    impl<'a> Sink<'a> for Record {
        fn start(&mut self, name: &'a [u8], local: usize, _: &[Attribute<'a>], _: usize) -> bool {
            self.starts
                .push(String::from_utf8(name[local..].to_vec()).unwrap());
            self.events += 1;
            true
        }

        fn end(&mut self) -> bool {
            self.events += 1;
            true
        }

        fn text(&mut self, _: &'a [u8], _: u8) -> bool {
            self.events += 1;
            true
        }
    }

    fn record(input: &str) -> Result<Record, WfError> {
        let mut record = Record::default();
        Scanner::new(input.as_bytes(), 8).run(&mut record)?;
        Ok(record)
    }

    fn scan(input: &str) -> Result<usize, WfError> {
        record(input).map(|r| r.events)
    }

    #[test]
    fn well_formed_documents_scan() {
        assert_eq!(
            scan(
                "<?xml version=\"1.0\"?>\n<a x='1' y=\"&amp;\"><b/>t&#10;<![CDATA[<]]><!-- c --></a>\n"
            ),
            Ok(6)
        );
    }

    #[test]
    fn malformed_documents_fail_where_the_problem_is() {
        assert_eq!(scan("<a><b></a>").unwrap_err().at, 6);
        assert_eq!(
            scan("<a x='1' x='2'/>").unwrap_err().what,
            "duplicate attribute"
        );
        assert!(scan("<a>&foo;</a>").is_err());
        assert!(scan("<a>&#0;</a>").is_err());
        assert!(scan("<a>\u{1}</a>").is_err());
        assert!(scan("<a/><b/>").is_err());
        assert!(scan("<a>").is_err());
        assert!(scan("<a x='1'y='2'/>").is_err());
        assert!(scan("x<a/>").is_err());
        assert!(scan("<a><!-- a -- b --></a>").is_err());
        assert!(scan("<?xml version='1.0' encoding='ISO-8859-1'?><a/>").is_err());
        assert!(scan("<a/><?xml version='1.0'?>").is_err());
        assert!(scan("<!DOCTYPE a><a/>").unwrap_err().doctype);
        assert!(
            scan("<a><a><a><a><a><a><a><a><a/></a></a></a></a></a></a></a></a>")
                .unwrap_err()
                .too_deep
        );
    }

    /// The scanner takes a name the validator matched against the tables without reading it
    /// (`Sink::expected_name`): every element name there must be one it would read whole.
    #[test]
    fn every_element_name_in_the_tables_is_an_unprefixed_name() {
        for position in &crate::tables::POSITIONS {
            let name = position.name;
            if name.is_empty() {
                continue;
            }
            let tag = format!("<{name}>");
            let scanner = Scanner::new(tag.as_bytes(), 8);
            assert_eq!(scanner.qualified_name(1), Ok((1 + name.len(), 0)), "{name}");
            assert!(ends_name(b'>') && ends_name(b' ') && !ends_name(name.as_bytes()[0]));
        }
    }

    #[test]
    fn text_flags_see_every_byte_at_every_position() {
        for background in [b'a', b' ', b'>'] {
            for len in 1..=20 {
                for at in 0..len {
                    for b in 0..=u8::MAX {
                        let mut raw = vec![background; len];
                        raw[at] = b;
                        let expected = raw.iter().fold(0, |f, &c| f | TEXT_CLASS[c as usize]);
                        assert_eq!(flags(&raw), expected, "{b:#x} at {at} of {len}");
                    }
                }
            }
        }
    }

    #[test]
    fn attribute_class_sees_every_byte_at_every_position() {
        let class_of = |b: u8| {
            [
                (b == b'<', ATTR_LESS),
                (b < 0x20, ATTR_LOW),
                (b == b'&', ATTR_AMP),
            ]
            .iter()
            .filter(|(has, _)| *has)
            .fold(0, |class, (_, bit)| class | bit)
        };
        for len in 1..=20 {
            for at in 0..len {
                for b in 0..=u8::MAX {
                    let mut value = vec![b'a'; len];
                    value[at] = b;
                    assert_eq!(
                        attribute_class(&value),
                        class_of(b),
                        "{b:#x} at {at} of {len}"
                    );
                }
            }
        }
        assert_eq!(attribute_class(b""), 0);
        assert_eq!(
            attribute_class(b"\x7f\x80\xff =;<&\t"),
            ATTR_LESS | ATTR_LOW | ATTR_AMP
        );
    }

    #[test]
    fn start_tags_split_at_the_first_colon() {
        let local_names = |input: &str| record(input).unwrap().starts;
        assert_eq!(
            local_names("<a><ds:Sig/><:b/><x:y:z/><p:/><n.1-2/></a>"),
            ["a", "Sig", "b", "y:z", "", "n.1-2"]
        );
    }

    #[test]
    fn word_compare_finds_a_difference_at_every_position() {
        let name = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..=name.len() {
            let a = &name[..len];
            let copy = a.to_vec();
            assert!(same_bytes(a, &copy), "{len}");
            assert!(!same_bytes(a, &name[..len.saturating_sub(1)]) || len == 0);
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "length {len}, byte {at}");
            }
        }
    }

    #[test]
    fn indentation_ends_at_the_first_other_byte() {
        for text in [
            "",
            "x",
            " x",
            "\n            <a>",
            "\t\n \t        \n x",
            "         ",
        ] {
            let expected = text
                .bytes()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n'))
                .unwrap_or(text.len());
            assert_eq!(skip_indentation(text.as_bytes(), 0), expected, "{text:?}");
        }
        let wide = format!("{}\r", " ".repeat(19));
        assert_eq!(skip_indentation(wide.as_bytes(), 2), 19);
    }

    #[test]
    fn decoding_expands_references_and_line_ends() {
        let mut out = String::new();
        decode_into("a&amp;b&#x41;\r\nc\rd", false, &mut out);
        assert_eq!(out, "a&bA\nc\nd");
        out.clear();
        decode_into("a\tb\nc", true, &mut out);
        assert_eq!(out, "a b c");
    }
}

//! The lote builder: POST bodies from XML and TXT events, streamed or split (spec §3.1).

use std::fmt;
use std::io::{self, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use base64::write::EncoderWriter;
use serde::{Deserialize, Serialize};

use crate::catalog::LoteField;
use crate::event::{Reading, SchemaRules, SniffError, SniffLimits, read_event, sniff_head};
use crate::preflight::Finding;
use crate::wire::json::push_string;
use crate::wire::{LoteItem, PostRequest};

/// One event to put in a lote: its bytes and, optionally, its type and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    /// The event: XML (`<…`) or TXT (`|…|` lines).
    pub bytes: &'a [u8],
    /// `registryType`; detected from the event when `None`.
    pub registry_type: Option<&'a str>,
    /// `registryKey`; derived from the event's `Id` when `None` and the builder allows it.
    pub registry_key: Option<&'a str>,
}

impl<'a> Source<'a> {
    /// An event whose type is detected and whose key comes from its `Id`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            registry_type: None,
            registry_key: None,
        }
    }

    /// The same event with the caller's key.
    #[must_use]
    pub fn with_key(mut self, key: &'a str) -> Self {
        self.registry_key = Some(key);
        self
    }

    /// The same event with the caller's registry type.
    #[must_use]
    pub fn with_type(mut self, registry_type: &'a str) -> Self {
        self.registry_type = Some(registry_type);
        self
    }
}

/// What kind of failure a [`BuildError`] reports. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// Neither `<` nor `|` starts the event.
    UnknownFormat,
    /// The XML could not be read ([`BuildError::sniff_error`] says why).
    Sniff,
    /// The XML's event element is not in the catalogue, and no type was given.
    UnknownEvent,
    /// No key was given and none can be derived.
    MissingKey,
    /// Writing the output failed.
    Io,
}

impl BuildErrorKind {
    /// A stable, machine-readable code (`"unknown_format"`, `"missing_key"`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownFormat => "unknown_format",
            Self::Sniff => "sniff",
            Self::UnknownEvent => "unknown_event",
            Self::MissingKey => "missing_key",
            Self::Io => "io",
        }
    }
}

/// Why an event could not become a lote item: the kind, the event's position in the input,
/// an explanation and, for [`BuildErrorKind::Sniff`] and [`BuildErrorKind::Io`], the error
/// behind it.
#[derive(Debug)]
pub struct BuildError {
    kind: BuildErrorKind,
    index: usize,
    detail: String,
    cause: Option<Cause>,
}

/// The error a [`BuildError`] wraps.
#[derive(Debug)]
enum Cause {
    Sniff(SniffError),
    Io(io::Error),
}

impl BuildError {
    fn new(kind: BuildErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            index: 0,
            detail: detail.into(),
            cause: None,
        }
    }

    /// The same error for the event at `index`.
    fn at(mut self, index: usize) -> Self {
        self.index = index;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> BuildErrorKind {
        self.kind
    }

    /// The kind's stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Position of the event in the input, from 0 (0 from [`LoteBuilder::item`]).
    pub fn index(&self) -> usize {
        self.index
    }

    /// What is wrong with the event, without its position
    /// (`the event is neither XML nor TXT`, ...).
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// Why the XML could not be read, for [`BuildErrorKind::Sniff`].
    pub fn sniff_error(&self) -> Option<&SniffError> {
        match &self.cause {
            Some(Cause::Sniff(error)) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event {}: {}", self.index, self.detail)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            Some(Cause::Sniff(error)) => Some(error),
            Some(Cause::Io(error)) => Some(error),
            None => None,
        }
    }
}

impl From<SniffError> for BuildError {
    fn from(error: SniffError) -> Self {
        Self {
            detail: error.to_string(),
            cause: Some(Cause::Sniff(error)),
            ..Self::new(BuildErrorKind::Sniff, String::new())
        }
    }
}

impl From<io::Error> for BuildError {
    fn from(error: io::Error) -> Self {
        Self {
            detail: format!("cannot write the lote: {error}"),
            cause: Some(Cause::Io(error)),
            ..Self::new(BuildErrorKind::Io, String::new())
        }
    }
}

/// Builds lotes for one ticket and branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct LoteBuilder {
    /// `ticketCode` of every lote.
    pub ticket_code: String,
    /// `sourceBranch` of every item.
    pub source_branch: String,
    /// `registryPriority` of every item; absent (the server's "5") when `None`.
    pub priority: Option<String>,
    /// Send `integrationQueue` "1" (use TAF's integration queue).
    pub queue: bool,
    /// Derive a missing `registryKey` from the event's `Id`.
    pub key_from_id: bool,
    /// Most items per lote when splitting.
    pub max_items: Option<usize>,
    /// Most bytes per POST body when splitting (a single larger item still gets its own lote).
    pub max_bytes: Option<usize>,
    /// Bounds for reading each event.
    pub limits: SniffLimits,
    /// How [`LoteBuilder::build_read`] checks eSocial events against their schema.
    pub schema: SchemaRules,
}

/// A lote and the builder's reading of each of its events, for
/// [`Preflight::check_read`](crate::preflight::Preflight::check_read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadLote {
    /// The lote.
    pub request: PostRequest,
    /// The reading of each item's event, by item (`None` for TXT).
    pub readings: Vec<Option<Reading>>,
}

impl Default for LoteBuilder {
    fn default() -> Self {
        Self {
            ticket_code: String::new(),
            source_branch: String::new(),
            priority: None,
            queue: false,
            key_from_id: true,
            max_items: None,
            max_bytes: None,
            limits: SniffLimits::default(),
            schema: SchemaRules::default(),
        }
    }
}

/// One event built by [`LoteBuilder::read_item`]: its lote item and the reading of its event,
/// for [`LoteBuilder::assemble`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadItem {
    /// The lote item.
    pub item: LoteItem,
    /// The reading of its event (`None` for TXT, and when built without reading).
    pub reading: Option<Reading>,
}

/// An item without its message: what the builder knows before encoding the bytes.
struct Head {
    fields: LoteItem,
    tail: LoteItem,
}

impl LoteBuilder {
    /// A builder for `ticket_code` on `source_branch`, keys derived from event `Id`s.
    pub fn new(ticket_code: impl Into<String>, source_branch: impl Into<String>) -> Self {
        Self {
            ticket_code: ticket_code.into(),
            source_branch: source_branch.into(),
            ..Self::default()
        }
    }

    /// What the server would accept from this set-up but lose silently: a blank `ticketCode`
    /// (no GET by ticket can find the records), one too long, or with characters that break
    /// the server's echo or its SQL. The same warnings the preflight gives the lotes.
    pub fn warnings(&self) -> Vec<Finding> {
        crate::preflight::ticket_warnings(&self.ticket_code)
    }

    /// The lote item for one event (its message base64-encoded).
    pub fn item(&self, source: &Source<'_>) -> Result<LoteItem, BuildError> {
        self.item_read(source, false).map(|read| read.item)
    }

    /// The lote item of one event and the reading of its XML event (well-formedness and, for
    /// eSocial, the schema by [`Self::schema`]), as [`Self::build_read`] makes them. Each event
    /// is built on its own, so a caller may build a lote's events on several threads and
    /// [`Self::assemble`] them in order (the core itself never starts a thread).
    pub fn read_item(&self, source: &Source<'_>) -> Result<ReadItem, BuildError> {
        self.item_read(source, true)
    }

    /// The lote item and, with `read`, the reading of its XML event (schema included).
    fn item_read(&self, source: &Source<'_>, read: bool) -> Result<ReadItem, BuildError> {
        let (head, reading) = self.head(source, read)?;
        let mut item = head.fields;
        item.set(
            LoteField::IntegrationMessage,
            Some(STANDARD.encode(source.bytes)),
        );
        for (field, value) in head.tail.fields() {
            item.set(field, Some(value.to_owned()));
        }
        Ok(ReadItem { item, reading })
    }

    /// Builds every event into lotes, split by [`Self::max_items`] and [`Self::max_bytes`].
    pub fn build<'a>(
        &self,
        sources: impl IntoIterator<Item = Source<'a>>,
    ) -> Result<Vec<PostRequest>, BuildError> {
        let lotes = self.build_with(sources, false)?;
        Ok(lotes.into_iter().map(|lote| lote.request).collect())
    }

    /// Like [`Self::build`], but reads each XML event whole in the same pass (well-formedness
    /// and, for eSocial, the schema by [`Self::schema`]) and keeps the readings, so that
    /// [`Preflight::check_read`](crate::preflight::Preflight::check_read) judges the lotes
    /// without decoding and reading the events again.
    pub fn build_read<'a>(
        &self,
        sources: impl IntoIterator<Item = Source<'a>>,
    ) -> Result<Vec<ReadLote>, BuildError> {
        self.build_with(sources, true)
    }

    fn build_with<'a>(
        &self,
        sources: impl IntoIterator<Item = Source<'a>>,
        read: bool,
    ) -> Result<Vec<ReadLote>, BuildError> {
        self.assemble(
            sources
                .into_iter()
                .map(|source| self.item_read(&source, read)),
        )
    }

    /// Puts built events, in order, into lotes split by [`Self::max_items`] and
    /// [`Self::max_bytes`]: what [`Self::build_read`] does after [`Self::read_item`]. The first
    /// error stops the build and carries its event's index.
    pub fn assemble(
        &self,
        items: impl IntoIterator<Item = Result<ReadItem, BuildError>>,
    ) -> Result<Vec<ReadLote>, BuildError> {
        let envelope = PostRequest {
            ticket_code: self.ticket_code.clone(),
            lote: Vec::new(),
        };
        let empty_size = crate::Wire::encode(&envelope).len();
        let mut lotes = vec![ReadLote {
            request: envelope,
            readings: Vec::new(),
        }];
        let mut size = empty_size;
        for (index, built) in items.into_iter().enumerate() {
            let ReadItem { item, reading } = built.map_err(|error| error.at(index))?;
            let item_size = self.max_bytes.map_or(0, |_| {
                let mut encoded = String::new();
                item.encode_into(&mut encoded);
                encoded.len() + 1
            });
            let current = lotes.last().map_or(0, |lote| lote.request.lote.len());
            let full = self.max_items.is_some_and(|max| current >= max)
                || self
                    .max_bytes
                    .is_some_and(|max| current > 0 && size + item_size > max);
            if full {
                lotes.push(ReadLote {
                    request: PostRequest {
                        ticket_code: self.ticket_code.clone(),
                        lote: Vec::new(),
                    },
                    readings: Vec::new(),
                });
                size = empty_size;
            }
            size += item_size;
            if let Some(lote) = lotes.last_mut() {
                lote.request.lote.push(item);
                lote.readings.push(reading);
            }
        }
        Ok(lotes)
    }

    /// Writes one lote straight into `out`, encoding each event's base64 as it goes, so an
    /// event's bytes are held once (by the caller). Returns the number of items.
    pub fn write_to<'a, W: Write>(
        &self,
        sources: impl IntoIterator<Item = Source<'a>>,
        mut out: W,
    ) -> Result<usize, BuildError> {
        let io = |index| move |error: io::Error| BuildError::from(error).at(index);
        let mut text = String::from("{\"ticketCode\":");
        push_string(&mut text, &self.ticket_code);
        text.push_str(",\"lote\":[");
        out.write_all(text.as_bytes()).map_err(io(0))?;
        let mut count = 0;
        for (index, source) in sources.into_iter().enumerate() {
            let (head, _) = self.head(&source, false).map_err(|error| error.at(index))?;
            text.clear();
            if index > 0 {
                text.push(',');
            }
            text.push('{');
            head.fields.encode_fields_into(&mut text, false);
            text.push_str(",\"integrationMessage\":\"");
            out.write_all(text.as_bytes()).map_err(io(index))?;
            {
                let mut encoder = EncoderWriter::new(&mut out, &STANDARD);
                encoder.write_all(source.bytes).map_err(io(index))?;
                encoder.finish().map_err(io(index))?;
            }
            text.clear();
            text.push('"');
            head.tail.encode_fields_into(&mut text, true);
            text.push('}');
            out.write_all(text.as_bytes()).map_err(io(index))?;
            count += 1;
        }
        out.write_all(b"]}").map_err(io(count))?;
        Ok(count)
    }

    /// The fields before and after `integrationMessage`, and, with `read`, the reading of an
    /// XML event (else only its head is read).
    fn head(&self, source: &Source<'_>, read: bool) -> Result<(Head, Option<Reading>), BuildError> {
        let start = source
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(source.bytes)
            .iter()
            .find(|byte| !byte.is_ascii_whitespace());
        let mut reading = None;
        let (message_type, detected_type, id) = match start {
            Some(b'<') => {
                let info = if read {
                    let read = read_event(source.bytes, self.limits, &self.schema)?;
                    reading.insert(read).info.clone()
                } else {
                    sniff_head(source.bytes, self.limits)?
                };
                let code = match (source.registry_type, info.code) {
                    (Some(_), _) => None,
                    (None, Some(code)) => Some(code.to_owned()),
                    (None, None) => {
                        return Err(BuildError::new(
                            BuildErrorKind::UnknownEvent,
                            format!(
                                "cannot tell the registryType of <{}>; give it explicitly",
                                info.element.unwrap_or(info.root)
                            ),
                        ));
                    }
                };
                ("2", code, info.id)
            }
            Some(b'|') => {
                let text = String::from_utf8_lossy(source.bytes);
                let register = text
                    .trim_start()
                    .trim_start_matches('|')
                    .split('|')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                ("1", Some(register), None)
            }
            _ => {
                return Err(BuildError::new(
                    BuildErrorKind::UnknownFormat,
                    "the event is neither XML nor TXT",
                ));
            }
        };
        let registry_type = source
            .registry_type
            .map(str::to_owned)
            .or(detected_type)
            .unwrap_or_default();
        let key = match (source.registry_key, id) {
            (Some(key), _) => key.to_owned(),
            (None, Some(id)) if self.key_from_id => id,
            _ => {
                return Err(BuildError::new(
                    BuildErrorKind::MissingKey,
                    "no registryKey given and the event has no Id to derive one from",
                ));
            }
        };
        let fields = LoteItem::default()
            .with(LoteField::SourceBranch, self.source_branch.as_str())
            .with(LoteField::MessageType, message_type)
            .with(LoteField::MessageSequential, "001")
            .with(LoteField::RegistryType, registry_type)
            .with(LoteField::RegistryKey, key);
        let mut tail = LoteItem::default();
        tail.set(LoteField::RegistryPriority, self.priority.clone());
        if self.queue {
            tail.set(LoteField::IntegrationQueue, Some("1".to_owned()));
        }
        Ok((Head { fields, tail }, reading))
    }
}

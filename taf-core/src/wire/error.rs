//! The error every decoder returns: what went wrong, in which field, at which byte.

use std::borrow::Cow;
use std::fmt;

/// What kind of failure a [`DecodeError`] reports. The names are stable; see [`DecodeErrorKind::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is empty or only whitespace.
    Empty,
    /// The input exceeds the size limit.
    TooLarge,
    /// The JSON nests deeper than the depth limit.
    TooDeep,
    /// The text is not JSON (an unquoted value, a missing comma, an unescaped quote, ...).
    Syntax,
    /// A backslash escape inside a string is invalid.
    InvalidEscape,
    /// A number is malformed or out of range for its field.
    InvalidNumber,
    /// A value has the wrong JSON type for its field (a number where a string belongs, ...).
    UnexpectedType,
    /// A field the message requires is absent.
    MissingField,
    /// A value is well-formed but not one the field allows (an unknown `type`, a bad percent escape).
    InvalidValue,
    /// Text follows the end of the JSON value.
    TrailingData,
}

impl DecodeErrorKind {
    /// A stable, machine-readable code for the kind (`"syntax"`, `"missing_field"`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLarge => "too_large",
            Self::TooDeep => "too_deep",
            Self::Syntax => "syntax",
            Self::InvalidEscape => "invalid_escape",
            Self::InvalidNumber => "invalid_number",
            Self::UnexpectedType => "unexpected_type",
            Self::MissingField => "missing_field",
            Self::InvalidValue => "invalid_value",
            Self::TrailingData => "trailing_data",
        }
    }
}

/// A decoder failure: its kind, the field it concerns (a path such as `items[3].statusCode`, empty
/// for the document itself), the byte offset in the decoded text, and a human explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
    field: String,
    detail: Cow<'static, str>,
}

impl DecodeError {
    /// Creates an error about the document as a whole; callers add the field with [`Self::within`].
    pub(crate) fn new(
        kind: DecodeErrorKind,
        offset: usize,
        detail: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            kind,
            offset,
            field: String::new(),
            detail: detail.into(),
        }
    }

    /// Reports a required field that the object starting at `offset` lacks.
    pub(crate) fn missing(field: &str, offset: usize) -> Self {
        Self::new(
            DecodeErrorKind::MissingField,
            offset,
            "required field is absent",
        )
        .within(field)
    }

    /// Prefixes the field path with `segment` (`"lote[2]"`, `"items"`, ...).
    #[must_use]
    pub(crate) fn within(mut self, segment: &str) -> Self {
        self.field = match (self.field.is_empty(), self.field.starts_with('[')) {
            (true, _) => segment.to_owned(),
            (false, true) => format!("{segment}{}", self.field),
            (false, false) => format!("{segment}.{}", self.field),
        };
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Byte offset in the decoded text where the failure was detected.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Path of the field concerned, such as `lote[1].registryKey`; empty for the whole document.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Human explanation of the failure.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} at byte {}", self.detail, self.offset)
        } else {
            write!(f, "{}: {} at byte {}", self.field, self.detail, self.offset)
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_compose_from_the_inside_out() {
        let error = DecodeError::missing("statusCode", 40)
            .within("[3]")
            .within("items");
        assert_eq!(error.field(), "items[3].statusCode");
        assert_eq!(
            error.to_string(),
            "items[3].statusCode: required field is absent at byte 40"
        );
        assert_eq!(error.kind().code(), "missing_field");
    }
}

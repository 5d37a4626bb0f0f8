//! The result code every fallible export returns.

/// What a call did. `TAF_RESULT_OK` is zero; every other value is a failure, and
/// `taf_error_message` describes it (with the calling thread's detail of its last failure).
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum taf_result {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// A text argument is not valid UTF-8.
    InvalidUtf8 = 2,
    /// The output buffer is too small; `*written` holds the bytes needed and nothing else changed.
    BufferTooSmall = 3,
    /// A body or document could not be decoded.
    DecodeError = 4,
    /// The handle is not in a state that allows the call (an accessor of a body on a fault, ...).
    InvalidState = 5,
    /// A Rust panic was caught at the boundary; handles passed to the call may be inconsistent.
    Panic = 6,
    /// An argument has a value the call does not accept.
    InvalidArgument = 7,
    /// An index is past the end of its list.
    OutOfRange = 8,
    /// The value asked for is absent (an optional field, or no further output); not an error of
    /// the caller.
    Absent = 9,
    /// A paginator or tracker guard refused a page; the paginator has failed.
    PagingError = 10,
    /// The answer is a business envelope or a fault, not the method's body.
    ReplyError = 11,
    /// A Totvs Live answer is a SOAP fault or cannot be used.
    LiveFault = 12,
    /// A Totvs Live fault says the access key is invalid: fetch a new key and retry once.
    InvalidAccessKey = 13,
}

impl taf_result {
    /// The code with this numeric value, if it is one.
    pub(crate) fn from_number(number: u32) -> Option<Self> {
        Some(match number {
            0 => Self::Ok,
            1 => Self::NullArgument,
            2 => Self::InvalidUtf8,
            3 => Self::BufferTooSmall,
            4 => Self::DecodeError,
            5 => Self::InvalidState,
            6 => Self::Panic,
            7 => Self::InvalidArgument,
            8 => Self::OutOfRange,
            9 => Self::Absent,
            10 => Self::PagingError,
            11 => Self::ReplyError,
            12 => Self::LiveFault,
            13 => Self::InvalidAccessKey,
            _ => return None,
        })
    }

    /// A short English description of the code.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Self::Ok => "success",
            Self::NullArgument => "a required pointer argument is NULL",
            Self::InvalidUtf8 => "a text argument is not valid UTF-8",
            Self::BufferTooSmall => "the output buffer is too small",
            Self::DecodeError => "the input could not be decoded",
            Self::InvalidState => "the handle is not in a state that allows this call",
            Self::Panic => "a panic was caught at the C boundary",
            Self::InvalidArgument => "an argument has a value the call does not accept",
            Self::OutOfRange => "the index is out of range",
            Self::Absent => "the value is absent",
            Self::PagingError => "a paging guard refused the page",
            Self::ReplyError => "the answer is an envelope or a fault, not the method's body",
            Self::LiveFault => "the Live answer is a fault or cannot be used",
            Self::InvalidAccessKey => "the Live access key is invalid; fetch a new one",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code after `code`, `None` after the last. The match is exhaustive: a new code does
    /// not compile until it is listed here, and then the test below checks `from_number`.
    fn next(code: taf_result) -> Option<taf_result> {
        use taf_result::*;
        match code {
            Ok => Some(NullArgument),
            NullArgument => Some(InvalidUtf8),
            InvalidUtf8 => Some(BufferTooSmall),
            BufferTooSmall => Some(DecodeError),
            DecodeError => Some(InvalidState),
            InvalidState => Some(Panic),
            Panic => Some(InvalidArgument),
            InvalidArgument => Some(OutOfRange),
            OutOfRange => Some(Absent),
            Absent => Some(PagingError),
            PagingError => Some(ReplyError),
            ReplyError => Some(LiveFault),
            LiveFault => Some(InvalidAccessKey),
            InvalidAccessKey => None,
        }
    }

    #[test]
    fn every_code_round_trips_and_nothing_else_is_a_code() {
        let mut count = 0;
        let mut code = Some(taf_result::Ok);
        while let Some(current) = code {
            assert_eq!(taf_result::from_number(current as u32), Some(current));
            count += 1;
            code = next(current);
        }
        for number in count..=1000 {
            assert_eq!(taf_result::from_number(number), None);
        }
        assert_eq!(taf_result::from_number(u32::MAX), None);
    }
}

//! Inbound ticket numbers: `0` + `YYMMDDHHMMSS` + milliseconds, 16 characters (spec §2, §8).

use crate::error::{LiveError, LiveErrorKind};

/// A local date and time, as the caller's clock gives it (the crate reads no clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// Year (only the last two digits appear in the number).
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59.
    pub second: u8,
    /// 0–999.
    pub millisecond: u16,
}

/// The inbound ticket number for `time`: `0191211140546677` for 2019-12-11 14:05:46.677. A
/// field out of its range is an [`LiveErrorKind::InvalidInput`] error naming it.
pub fn ticket_number(time: LocalTime) -> Result<String, LiveError> {
    let checks: [(&'static str, u16, u16, u16); 6] = [
        ("month", time.month.into(), 1, 12),
        ("day", time.day.into(), 1, 31),
        ("hour", time.hour.into(), 0, 23),
        ("minute", time.minute.into(), 0, 59),
        ("second", time.second.into(), 0, 59),
        ("millisecond", time.millisecond, 0, 999),
    ];
    if let Some(&(field, value, _, _)) = checks
        .iter()
        .find(|(_, value, low, high)| !(*low..=*high).contains(value))
    {
        return Err(LiveError::new(
            LiveErrorKind::InvalidInput,
            0,
            format!("{field} {value} is out of range"),
        )
        .within(field));
    }
    Ok(format!(
        "0{:02}{:02}{:02}{:02}{:02}{:02}{:03}",
        time.year % 100,
        time.month,
        time.day,
        time.hour,
        time.minute,
        time.second,
        time.millisecond
    ))
}

//! The ADVPL bridge on arbitrary commands: never a panic, never a write past the caller's
//! buffer, a NUL in any buffer of at least one byte, every answer that fits is JSON with `ok`,
//! and trailing padding (the room ADVPL leaves for the answer) never changes the answer.
#![no_main]

use std::ffi::{CString, c_char, c_int};

use libfuzzer_sys::fuzz_target;

/// Bytes after the buffer the bridge is given; they must stay untouched.
const GUARD: usize = 64;

/// Runs the bridge on `input` with `capacity` bytes of output; gives its return value and the
/// buffer (guard bytes checked and cut off).
fn call(command: c_int, input: &CString, capacity: usize) -> (c_int, Vec<u8>) {
    let mut output = vec![0xA5_u8; capacity + GUARD];
    let length = c_int::try_from(capacity).unwrap_or(c_int::MAX);
    // SAFETY: `input` is NUL-terminated; `output` is writable for `capacity` bytes.
    let written = unsafe {
        taf::advpl::ExecInClientDLL(
            command,
            input.as_ptr().cast_mut(),
            output.as_mut_ptr().cast::<c_char>(),
            length,
        )
    };
    assert!(output[capacity..].iter().all(|&byte| byte == 0xA5), "wrote past the buffer");
    output.truncate(capacity);
    (written, output)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, command)) = data.split_first() else {
        return;
    };
    let Ok(input) = CString::new(command.to_vec()) else {
        return;
    };
    let command_number = c_int::from(selector & 3);
    let capacity = if selector & 4 == 0 { 1 << 16 } else { usize::from(selector >> 3) };
    let (written, output) = call(command_number, &input, capacity);
    assert_ne!(written, 0, "no answer is empty");
    if let Ok(len) = usize::try_from(written) {
        assert!(len < capacity);
        assert_eq!(output[len], 0);
        let answer: serde_json::Value =
            serde_json::from_slice(&output[..len]).unwrap_or_else(|error| panic!("{error}"));
        assert!(answer.get("ok").is_some_and(serde_json::Value::is_boolean));
        if command_number == 2 {
            assert!(output[..len].is_ascii());
        }
    } else if capacity > 0 {
        assert!(output.contains(&0), "a too-small buffer still ends with a NUL");
    }

    let mut padded = command.to_vec();
    padded.extend_from_slice(b"  \t\r\n       ");
    let Ok(padded) = CString::new(padded) else {
        return;
    };
    let (again, padded_output) = call(command_number, &padded, capacity);
    assert_eq!(again, written, "the padding changed the answer's size");
    assert_eq!(padded_output, output, "the padding changed the answer");
});

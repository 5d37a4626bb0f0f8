//! The ADVPL bridge: `ExecInClientDLL`, the entry point `SmartClient`'s `ExeDLLRun2` calls.
//!
//! ADVPL passes a JSON command, `{"op": "...", "args": {...}}`, and a caller-allocated output
//! buffer; the bridge writes a JSON answer, `{"ok": true, "result": ...}` or
//! `{"ok": false, "error": {"code": "...", "message": "..."}}`, NUL-terminated, and never past
//! the buffer. `bindings/advpl/README.md` documents the bridge for ADVPL programmers.
//!
//! | op | args | result |
//! |---|---|---|
//! | `version` | – | the library version |
//! | `get_query_encode` | a GET query (`ticketCode`, `startRecNo`, ...) | the query string |
//! | `decode_post`, `decode_get`, `decode_delete` | `status`, `body` | the reply's canonical JSON |
//! | `policy_decide` | `method`, `status`, `body`, `retryAfter`, `nowUnixMs`, `attempt`, `random`, `policy` | `action`, `delayMs`, `reason` |
//! | `paginator_start` | `query`, `maxPages` | `cursor`, `request`, `state` |
//! | `paginator_step` | `cursor`, `status`, `body`, `maxPages` | `events`, `cursor`, `state`, `error`, `request` |
//! | `build_lote` | `ticket`, `branch`, `events` (`text`, `key`, `registryType`), `priority`, `queue`, `maxItems` | `lotes`: POST bodies |
//! | `preflight` | `body`, `branches`, `pending`, `layout` | `status`, `body`, `exitCode`, `findings` |
//! | `validate_event` | `text`, `requireSignature`, `partial` | `event`, `layout`, `id`, `valid`, `truncated`, `findings` |
//! | `live_status` | `body`, `detailIsError`, `empty` | `items`, `processStatus` |
//! | `live_capsule` | `capsule`, `input`, `status`, `body`, `nowUnixMs`, `numeric` | the capsule's output JSON |
//!
//! Argument names are case-sensitive: a name an op does not know, at any depth, is refused
//! with `invalid_args` naming it (`query.SourceBranch`, `events[0].Key`), never ignored.
//!
//! The paginator is stateless here: ADVPL keeps the cursor JSON between steps.

mod live_ops;
mod ops;
mod preflight_ops;
mod schema_ops;

use std::borrow::Cow;
use std::ffi::{CStr, c_char, c_int};
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::Value;
use taf_core::wire::text::decode_text;

/// Command number: the answer is UTF-8 JSON.
const COMMAND_JSON: c_int = 1;
/// Command number: the answer is ASCII-only JSON (`\uXXXX` escapes), whatever the code page.
const COMMAND_JSON_ASCII: c_int = 2;

/// Runs the JSON command in `input` and writes the JSON answer, NUL-terminated, into `output`
/// (`output_len` bytes).
///
/// `command` 1 answers in UTF-8, 2 in ASCII with `\uXXXX` escapes (safe in any `SmartClient`
/// code page). The input is read as UTF-8 when all of it is valid UTF-8 (after an optional
/// BOM), else every byte as Windows-1252; trailing JSON whitespace (the room ADVPL leaves for
/// the answer) is ignored, so the answer never depends on it.
///
/// Returns the length of the answer (without the NUL) on success. When the answer does not
/// fit, returns minus the number of bytes needed (NUL included) and writes a short
/// `buffer_too_small` answer instead if that fits, else just a NUL if there is one byte.
/// Returns 0, writing nothing and running nothing, when `output` is NULL or `output_len` is
/// negative (no answer is ever empty). Nothing is ever written past `output_len` bytes. Errors
/// of the command itself (bad JSON, unknown op or argument, decode failures) are answers with
/// `"ok": false`.
///
/// # Safety
/// `input` must be NULL or a NUL-terminated string; `output` must be NULL or writable for
/// `output_len` bytes. The input is read completely before the output is written, so the two
/// may share memory.
// `extern "C"` is cdecl on 32-bit Windows, as TOTVS's C++ sample declares this function;
// bindings/windows/README.md has the evidence, and make windows checks the x86 DLL keeps it.
#[allow(non_snake_case)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ExecInClientDLL(
    command: c_int,
    input: *mut c_char,
    output: *mut c_char,
    output_len: c_int,
) -> c_int {
    if output.is_null() || output_len < 0 {
        return 0;
    }
    let answer = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `input` is NULL or NUL-terminated, as the caller guarantees.
        let text = unsafe { read_input(input) };
        answer(command, text)
    }))
    .unwrap_or_else(|_| failure("panic", "a panic was caught at the C boundary"));
    // SAFETY: `output` is NULL or writable for `output_len` bytes, as the caller guarantees.
    unsafe { write_output(output, output_len, &answer) }
}

/// The text of a NUL-terminated input (UTF-8, else Windows-1252) without its trailing JSON
/// whitespace, or `None` for NULL.
///
/// # Safety
/// `input` must be NULL or NUL-terminated.
unsafe fn read_input<'a>(input: *const c_char) -> Option<Cow<'a, str>> {
    if input.is_null() {
        return None;
    }
    // SAFETY: `input` is non-NULL and NUL-terminated.
    let bytes = unsafe { CStr::from_ptr(input) }.to_bytes();
    let end = bytes
        .iter()
        .rposition(|byte| !matches!(byte, b' ' | b'\t' | b'\r' | b'\n'))
        .map_or(0, |last| last + 1);
    Some(decode_text(bytes.get(..end).unwrap_or_default()).0)
}

/// The JSON answer to `command` with `input`.
fn answer(command: c_int, input: Option<Cow<'_, str>>) -> String {
    let text = match (command, input) {
        (COMMAND_JSON | COMMAND_JSON_ASCII, Some(text)) => match ops::run(&text) {
            Ok(result) => format!(r#"{{"ok":true,"result":{result}}}"#),
            Err(error) => failure(error.code, &error.message),
        },
        (COMMAND_JSON | COMMAND_JSON_ASCII, None) => {
            failure("null_argument", "the input pointer is NULL")
        }
        (other, _) => failure(
            "unknown_command",
            &format!("command {other} is not 1 (JSON) or 2 (ASCII JSON)"),
        ),
    };
    if command == COMMAND_JSON_ASCII {
        ascii(&text)
    } else {
        text
    }
}

/// An `"ok": false` answer, `ok` first as in every answer.
fn failure(code: &str, message: &str) -> String {
    format!(
        r#"{{"ok":false,"error":{{"code":{},"message":{}}}}}"#,
        Value::from(code),
        Value::from(message)
    )
}

/// `json` with every non-ASCII character as a `\uXXXX` escape (surrogate pairs above U+FFFF).
/// Such characters only occur inside JSON strings, where the escape means the same.
fn ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for character in json.chars() {
        if character.is_ascii() {
            out.push(character);
        } else {
            let mut units = [0_u16; 2];
            for unit in character.encode_utf16(&mut units) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// Writes `answer` and a NUL into `output`, or reports the size needed.
///
/// # Safety
/// `output` must be non-NULL and writable for `output_len` ≥ 0 bytes.
unsafe fn write_output(output: *mut c_char, output_len: c_int, answer: &str) -> c_int {
    let capacity = usize::try_from(output_len).unwrap_or(0);
    let needed = answer.len() + 1;
    if needed > capacity {
        let short =
            format!(r#"{{"ok":false,"error":{{"code":"buffer_too_small","needed":{needed}}}}}"#);
        if short.len() < capacity {
            // SAFETY: `output` is writable for `capacity` > `short.len()` bytes.
            unsafe { copy_with_nul(output, &short) };
        } else if capacity > 0 {
            // SAFETY: `output` is writable for `capacity` ≥ 1 byte.
            unsafe { copy_with_nul(output, "") };
        }
        return -c_int::try_from(needed).unwrap_or(c_int::MAX);
    }
    // SAFETY: `output` is writable for `capacity` ≥ `needed` bytes.
    unsafe { copy_with_nul(output, answer) };
    // `answer.len()` < `capacity`, which came from a `c_int`.
    c_int::try_from(answer.len()).unwrap_or(c_int::MAX)
}

/// Copies `text` and a NUL terminator to `output`.
///
/// # Safety
/// `output` must be writable for `text.len() + 1` bytes and not overlap `text`.
unsafe fn copy_with_nul(output: *mut c_char, text: &str) {
    let output = output.cast::<u8>();
    // SAFETY: as the caller guarantees; `text` is Rust-owned, so it cannot overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), output, text.len());
        output.add(text.len()).write(0);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ascii_escapes_keep_the_json_meaning() {
        let text = json!({"a": "não 😀"}).to_string();
        let escaped = ascii(&text);
        assert!(escaped.is_ascii());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&escaped).unwrap(),
            json!({"a": "não 😀"})
        );
    }
}

//! Reading and writing whole files, with the file named in the error. A file is read only
//! when it is a regular file no larger than its limit, both checked before the first byte is
//! read: a FIFO or a device would block or never end, and a huge file would all land in memory.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use taf_core::{MAX_LOTE_BYTES, MAX_LOTE_ITEMS, PostRequest, Wire};

use crate::exit::CliError;

/// The size limit of the files a command reads, and what the file is, for the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Most bytes the file may hold.
    pub(crate) bytes: u64,
    /// Why the limit is what it is, for the error message.
    pub(crate) reason: &'static str,
}

/// Lote files: the limit `taf serve` enforces on a POST body.
pub(crate) const LOTE: Limit = Limit {
    bytes: MAX_LOTE_BYTES as u64,
    reason: "a lote may have (taf serve answers HTTP 413 beyond it)",
};

/// Event files: base64 makes an event a third larger in its lote, so a bigger one can never
/// fit in a lote of [`LOTE`]'s size.
pub(crate) const EVENT: Limit = Limit {
    bytes: MAX_LOTE_BYTES as u64 / 4 * 3,
    reason: "an event may have (in base64 it would not fit a lote)",
};

/// Reads a whole file of at most [`LOTE`]'s size.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    read_limited(path, LOTE)
}

/// Reads a lote file (see [`read`]) and refuses one that carries more items than
/// `taf serve` accepts. A body that is no lote at all is returned as it is: the server answers
/// whatever it reads, and the preflight says what.
pub(crate) fn read_lote(path: &Path) -> Result<Vec<u8>, CliError> {
    let body = read(path)?;
    if let Ok(request) = PostRequest::decode(&body)
        && request.lote.len() > MAX_LOTE_ITEMS
    {
        return Err(CliError::TooManyItems {
            path: path.to_owned(),
            items: request.lote.len(),
            limit: MAX_LOTE_ITEMS,
        });
    }
    Ok(body)
}

/// Reads a whole regular file of at most `limit` bytes.
pub(crate) fn read_limited(path: &Path, limit: Limit) -> Result<Vec<u8>, CliError> {
    let failed = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    // `metadata` follows links and never opens the file, so a FIFO cannot block here.
    let kind = fs::metadata(path).map_err(failed)?.file_type();
    if !kind.is_file() {
        return Err(CliError::NotAFile {
            path: path.to_owned(),
            kind: kind_name(kind),
        });
    }
    let file = File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    let too_large = |size| CliError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    };
    if size > limit.bytes {
        return Err(too_large(size));
    }
    // The file may grow after the check: never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit.bytes {
        return Err(too_large(read));
    }
    Ok(bytes)
}

/// What a file that is not a regular file is.
fn kind_name(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// Writes a whole file, replacing it.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    fs::write(path, bytes).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}

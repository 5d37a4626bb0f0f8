//! The preflight's per-event checks on every core: the core checks a lote in chunks and never
//! starts a thread, so the CLI runs the chunks on scoped threads and merges them.

use std::num::NonZeroUsize;
use std::thread;

use taf_core::preflight::{ChunkFindings, ChunkedCheck, Verdict};

/// The verdict of `check`, its chunks shared among the machine's cores. A chunk whose thread
/// could not start or panicked is checked again by the merge, on this thread.
pub(crate) fn verdict(check: ChunkedCheck<'_>) -> Verdict {
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let chunks = check.chunks(cores);
    if chunks.len() <= 1 {
        return check.merge([]);
    }
    let parts: Vec<ChunkFindings> = thread::scope(|scope| {
        let check = &check;
        let workers: Vec<_> = chunks
            .into_iter()
            .filter_map(|range| {
                thread::Builder::new()
                    .spawn_scoped(scope, move || check.check_chunk(range))
                    .ok()
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    check.merge(parts)
}

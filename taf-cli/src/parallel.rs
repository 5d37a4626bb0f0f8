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

#[cfg(test)]
mod tests {
    use taf_core::preflight::{Preflight, ServerRules};
    use taf_core::{BranchMap, LoteBuilder, Source, Wire};

    use super::*;

    #[test]
    fn threads_give_the_one_thread_verdict() {
        let event = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/events/s1010.xml"
        ))
        .unwrap_or_default();
        let keys: Vec<String> = (0..600)
            .map(|index| match index % 9 {
                0 => "SHARED".to_owned(),
                4 => format!("K'{index}"),
                _ => format!("K{index}"),
            })
            .collect();
        let lotes = LoteBuilder::new("T1", "01")
            .build(keys.iter().map(|key| Source::new(&event).with_key(key)))
            .unwrap_or_default();
        let body = lotes.first().map(Wire::encode).unwrap_or_default();
        let preflight = Preflight::new(ServerRules::new(BranchMap::default().with("G1", "01")));
        let one_thread = preflight.check_body(body.as_bytes());
        assert!(one_thread.findings.len() > 100, "{one_thread:?}");
        assert_eq!(verdict(preflight.chunked_body(body.as_bytes())), one_thread);
    }
}

//! Work shared among the machine's cores: the cores never start a thread, so the CLI reads a
//! lote's events and runs the preflight's chunks on scoped threads, and puts the results back
//! in order.

use std::num::NonZeroUsize;
use std::thread;

use taf_core::preflight::{ChunkedCheck, Verdict};

/// `work` on every element of `items`, the elements shared in runs among the machine's cores;
/// the results in the order of `items`. A run whose thread could not start or panicked is
/// done again on this thread.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    if cores <= 1 || items.len() <= 1 {
        return items.iter().map(&work).collect();
    }
    let run = items.len().div_ceil(cores);
    thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> = items
            .chunks(run)
            .map(|chunk| {
                let worker = thread::Builder::new()
                    .spawn_scoped(scope, move || chunk.iter().map(work).collect::<Vec<R>>())
                    .ok();
                (chunk, worker)
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(chunk, worker)| {
                worker
                    .and_then(|worker| worker.join().ok())
                    .unwrap_or_else(|| chunk.iter().map(work).collect())
            })
            .collect()
    })
}

/// The verdict of `check`, its chunks shared among the machine's cores.
pub(crate) fn verdict(check: ChunkedCheck<'_>) -> Verdict {
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let chunks = check.chunks(cores);
    if chunks.len() <= 1 {
        return check.merge([]);
    }
    let parts = map(&chunks, |range| check.check_chunk(range.clone()));
    check.merge(parts)
}

#[cfg(test)]
mod tests {
    use taf_core::preflight::{Preflight, ServerRules};
    use taf_core::{BranchMap, LoteBuilder, Source, Wire};

    use super::*;

    #[test]
    fn map_keeps_the_order_of_its_items() {
        let items: Vec<usize> = (0..1001).collect();
        let squares = map(&items, |item| item * item);
        assert_eq!(
            squares,
            items.iter().map(|item| item * item).collect::<Vec<_>>()
        );
        assert!(map(&[] as &[usize], |item| *item).is_empty());
    }

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

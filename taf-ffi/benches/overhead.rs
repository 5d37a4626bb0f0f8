//! C API overhead: build and preflight a 10-event lote through the exported C functions (as a
//! C program calls them: copied inputs, handles, results written into caller buffers) beside
//! the same work through taf-core directly.

#![allow(unsafe_code)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use taf::lote::{
    taf_lote_builder, taf_lote_builder_add_event, taf_lote_builder_build, taf_lote_builder_free,
    taf_lote_builder_lote, taf_lote_builder_new,
};
use taf::preflight::{
    taf_preflight, taf_preflight_add_branch, taf_preflight_check, taf_preflight_free,
    taf_preflight_new, taf_verdict, taf_verdict_exit_code, taf_verdict_free,
};
use taf_core::preflight::{Preflight, ServerRules};
use taf_core::{BranchMap, LoteBuilder, Source, Wire};

const EVENT: &str = include_str!("../../tests/fixtures/events/s1010.xml");

fn events() -> Vec<Vec<u8>> {
    (0..10)
        .map(|index| {
            EVENT
                .replace("00000001\"", &format!("{index:08}\""))
                .into_bytes()
        })
        .collect()
}

fn through_rust(events: &[Vec<u8>], preflight: &Preflight) -> u8 {
    let builder = LoteBuilder::new("T1", "0100");
    let lotes = builder
        .build(events.iter().map(|event| Source::new(event)))
        .unwrap_or_default();
    let body = lotes.first().map(Wire::encode).unwrap_or_default();
    preflight.check_body(body.as_bytes()).exit_code()
}

fn through_c(events: &[Vec<u8>], preflight: *const taf_preflight, buffer: &mut [u8]) -> u8 {
    let mut builder: *mut taf_lote_builder = std::ptr::null_mut();
    let mut verdict: *mut taf_verdict = std::ptr::null_mut();
    let (mut count, mut written, mut exit_code) = (0usize, 0usize, 0u8);
    // SAFETY: every pointer is valid for the call, as the C API's pointer rules require.
    unsafe {
        taf_lote_builder_new(c"T1".as_ptr(), 2, c"0100".as_ptr(), 4, &raw mut builder);
        for event in events {
            taf_lote_builder_add_event(
                builder,
                event.as_ptr(),
                event.len(),
                std::ptr::null(),
                0,
                std::ptr::null(),
                0,
            );
        }
        taf_lote_builder_build(builder, &raw mut count);
        taf_lote_builder_lote(
            builder,
            0,
            buffer.as_mut_ptr().cast(),
            buffer.len(),
            &raw mut written,
        );
        taf_preflight_check(preflight, buffer.as_ptr(), written, &raw mut verdict);
        taf_verdict_exit_code(verdict, &raw mut exit_code);
        taf_verdict_free(verdict);
        taf_lote_builder_free(builder);
    }
    exit_code
}

fn overhead(c: &mut Criterion) {
    let events = events();
    let rust_preflight = Preflight::new(ServerRules::new(BranchMap::default().with("T1", "0100")));
    let mut c_preflight: *mut taf_preflight = std::ptr::null_mut();
    // SAFETY: valid pointers, as the pointer rules require.
    unsafe {
        taf_preflight_new(&raw mut c_preflight);
        taf_preflight_add_branch(c_preflight, c"T1".as_ptr(), 2, c"0100".as_ptr(), 4);
    }
    let mut buffer = vec![0u8; 1 << 20];
    assert_eq!(
        through_rust(&events, &rust_preflight),
        through_c(&events, c_preflight, &mut buffer)
    );
    let mut group = c.benchmark_group("c_overhead 10-event lote");
    group.bench_function("taf-core build+preflight", |b| {
        b.iter(|| black_box(through_rust(black_box(&events), &rust_preflight)));
    });
    group.bench_function("C API build+preflight", |b| {
        b.iter(|| black_box(through_c(black_box(&events), c_preflight, &mut buffer)));
    });
    group.finish();
    // SAFETY: the handle came from taf_preflight_new and is not used afterwards.
    unsafe { taf_preflight_free(c_preflight) };
}

criterion_group!(benches, overhead);
criterion_main!(benches);

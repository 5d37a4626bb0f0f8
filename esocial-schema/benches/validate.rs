//! Validation speed: `esocial_schema::validate` beside libxml2 validating the same events in the
//! same run (`xmlReadMemory` + `xmlSchemaValidateDoc`, each schema parsed once beforehand, so
//! libxml2 is timed on parse + validation only). Events: the government's samples that are
//! valid (1–10 KB) and an S-1200 grown to about 200 KB by repeating its `dmDev` group.
//!
//! Needs `../shared/esocial` (or `ESOCIAL_DIR`) and libxml2 (`libxml2-dev`, installed by
//! `make bench`).

#![allow(unsafe_code)]

use std::ffi::{CString, c_char, c_int, c_void};
use std::path::Path;
use std::{fs, ptr};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use esocial_schema::{Options, validate};

/// The few libxml2 entry points the comparison needs.
mod ffi {
    use std::ffi::{c_char, c_int, c_void};

    pub(crate) type ErrorHandler = extern "C" fn(*mut c_void, *mut c_void);

    #[link(name = "xml2")]
    unsafe extern "C" {
        pub(crate) fn xmlSchemaNewParserCtxt(url: *const c_char) -> *mut c_void;
        pub(crate) fn xmlSchemaParse(ctxt: *mut c_void) -> *mut c_void;
        pub(crate) fn xmlSchemaFreeParserCtxt(ctxt: *mut c_void);
        pub(crate) fn xmlSchemaNewValidCtxt(schema: *mut c_void) -> *mut c_void;
        pub(crate) fn xmlSchemaSetValidStructuredErrors(
            ctxt: *mut c_void,
            handler: Option<ErrorHandler>,
            data: *mut c_void,
        );
        pub(crate) fn xmlSchemaValidateDoc(ctxt: *mut c_void, doc: *mut c_void) -> c_int;
        pub(crate) fn xmlReadMemory(
            buffer: *const c_char,
            size: c_int,
            url: *const c_char,
            encoding: *const c_char,
            options: c_int,
        ) -> *mut c_void;
        pub(crate) fn xmlFreeDoc(doc: *mut c_void);
    }
}

extern "C" fn quiet(_: *mut c_void, _: *mut c_void) {}

/// A libxml2 schema validation context for one XSD (leaked: the bench process ends).
struct Libxml2 {
    ctxt: *mut c_void,
}

impl Libxml2 {
    fn new(xsd: &Path) -> Self {
        let path = CString::new(xsd.to_str().expect("UTF-8 path")).expect("no NUL");
        // SAFETY: plain libxml2 calls on valid, NUL-terminated arguments; results are checked.
        unsafe {
            let parser = ffi::xmlSchemaNewParserCtxt(path.as_ptr());
            let schema = ffi::xmlSchemaParse(parser);
            ffi::xmlSchemaFreeParserCtxt(parser);
            assert!(!schema.is_null(), "libxml2 parses {}", xsd.display());
            let ctxt = ffi::xmlSchemaNewValidCtxt(schema);
            ffi::xmlSchemaSetValidStructuredErrors(ctxt, Some(quiet), ptr::null_mut());
            Self { ctxt }
        }
    }

    /// Parses and validates `xml`: whether it is valid.
    fn validate(&self, xml: &[u8]) -> bool {
        // SAFETY: the buffer outlives the call; the document is freed once.
        unsafe {
            let doc = ffi::xmlReadMemory(
                xml.as_ptr().cast::<c_char>(),
                c_int::try_from(xml.len()).expect("small"),
                ptr::null(),
                ptr::null(),
                0,
            );
            assert!(!doc.is_null());
            let result = ffi::xmlSchemaValidateDoc(self.ctxt, doc);
            ffi::xmlFreeDoc(doc);
            result == 0
        }
    }
}

/// The schema file named by an event's root namespace.
fn schema_of(esocial: &Path, xml: &str) -> std::path::PathBuf {
    let start = xml.find("schema/evt/").expect("eSocial namespace") + "schema/evt/".len();
    let rest = &xml[start..];
    let end = rest.find('"').expect("quoted namespace");
    let (event, version) = rest[..end].split_once('/').expect("event/version");
    esocial.join(version).join(format!("{event}.xsd"))
}

/// S-1200 with its `dmDev` group repeated until the event is about `target` bytes.
fn grown_remun(xml: &str, target: usize) -> String {
    let start = xml.find("<dmDev>").expect("dmDev");
    let start = xml[..start].rfind('\n').map_or(start, |i| i + 1);
    let end = xml.find("</dmDev>").expect("dmDev end") + "</dmDev>".len();
    let block = &xml[start..end];
    let copies = (target.saturating_sub(xml.len()) / (block.len() + 1)).clamp(1, 998);
    let mut grown = String::with_capacity(target + block.len());
    grown.push_str(&xml[..end]);
    for _ in 0..copies {
        grown.push('\n');
        grown.push_str(block);
    }
    grown.push_str(&xml[end..]);
    grown
}

fn bench(c: &mut Criterion) {
    let Some(esocial) = esocial_schema_gen::esocial_dir() else {
        eprintln!("SKIPPED: ../shared/esocial is absent (set ESOCIAL_DIR)");
        return;
    };
    let options = Options::default();
    let mut samples: Vec<(String, Vec<u8>)> = fs::read_dir(esocial.join("exemplos"))
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_stem().expect("name").to_string_lossy().into_owned();
            (name, fs::read(&p).expect("readable sample"))
        })
        .filter(|(_, xml)| validate(xml, &options).is_valid())
        .collect();
    samples.sort();
    let remun = samples
        .iter()
        .find(|(name, _)| name == "evtRemun")
        .map(|(_, xml)| String::from_utf8(xml.clone()).expect("UTF-8"))
        .expect("the S-1200 sample");
    let big = grown_remun(&remun, 200_000).into_bytes();
    assert!(
        validate(&big, &options).is_valid(),
        "the grown S-1200 is valid"
    );

    let contexts: Vec<Libxml2> = samples
        .iter()
        .map(|(_, xml)| {
            Libxml2::new(&schema_of(
                &esocial,
                std::str::from_utf8(xml).expect("UTF-8"),
            ))
        })
        .collect();
    for ((name, xml), libxml2) in samples.iter().zip(&contexts) {
        assert!(libxml2.validate(xml), "libxml2 accepts {name}");
    }
    let remun_ctx = Libxml2::new(&schema_of(&esocial, &remun));
    assert!(remun_ctx.validate(&big), "libxml2 accepts the grown S-1200");

    let total: usize = samples.iter().map(|(_, xml)| xml.len()).sum();
    let mut group = c.benchmark_group("schema_validate/samples");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("esocial_schema", |b| {
        b.iter(|| {
            samples
                .iter()
                .filter(|(_, xml)| validate(xml, &options).is_valid())
                .count()
        });
    });
    group.bench_function("libxml2", |b| {
        b.iter(|| {
            samples
                .iter()
                .zip(&contexts)
                .filter(|((_, xml), ctx)| ctx.validate(xml))
                .count()
        });
    });
    group.finish();

    let mut group = c.benchmark_group(format!("schema_validate/evtRemun_{}KB", big.len() / 1000));
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("esocial_schema", |b| {
        b.iter(|| validate(&big, &options).is_valid());
    });
    group.bench_function("libxml2", |b| b.iter(|| remun_ctx.validate(&big)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

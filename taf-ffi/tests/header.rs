//! The checked-in `bindings/c/taf.h` matches a fresh cbindgen run over the crate.
//!
//! `TAF_BLESS=1 cargo test -p taf-ffi --test header` rewrites the header instead.

use std::path::Path;

#[test]
fn checked_in_header_matches_cbindgen() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .unwrap();
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let path = crate_dir.join("../bindings/c/taf.h");
    if std::env::var_os("TAF_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let checked_in = std::fs::read(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "bindings/c/taf.h differs from cbindgen's output; regenerate it with \
         TAF_BLESS=1 cargo test -p taf-ffi --test header"
    );
}

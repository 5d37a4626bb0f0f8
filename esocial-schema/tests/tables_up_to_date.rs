//! The checked-in tables are what the generator makes from the official XSDs.

#[test]
fn generated_tables_match_the_xsds() {
    let Some(dir) = esocial_schema_gen::esocial_dir() else {
        eprintln!("SKIPPED: ../shared/esocial is absent (set ESOCIAL_DIR to the XSD folder)");
        return;
    };
    let fresh = esocial_schema_gen::generate(&dir).expect("the XSDs compile");
    let checked_in = include_str!("../src/tables.rs");
    assert!(
        fresh == checked_in,
        "esocial-schema/src/tables.rs is stale: run \
         `cargo run -p esocial-schema-gen -- {} esocial-schema/src/tables.rs`",
        dir.display()
    );
}

//! Gives `libtaf.so` its SONAME on Linux, so programs link against the ABI major version.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libtaf.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

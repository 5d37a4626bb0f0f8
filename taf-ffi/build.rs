//! Link arguments of the shared library: `libtaf.so` gets its SONAME on Linux, so programs link
//! against the ABI major version; on Windows `bindings/windows/libtaf.def` names the DLL
//! `libtaf.dll` (the name ADVPL's `ExecInDLLOpen` uses), so its import library points there.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS");
    if os.as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libtaf.so.0");
    }
    if os.as_deref() == Ok("windows") {
        let def = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../bindings/windows/libtaf.def"
        );
        println!("cargo:rustc-cdylib-link-arg={def}");
        println!("cargo:rerun-if-changed={def}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

//! The `taf` command.

fn main() {
    println!("taf {}", env!("CARGO_PKG_VERSION"));
}

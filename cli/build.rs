//! Apple: Rust's std asks the linker for libiconv, which the CLI never calls; without this the
//! binary loads libiconv (and, through zig's cross-linking stub, libcharset) for nothing.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_VENDOR").as_deref() == Ok("apple") {
        println!("cargo:rustc-link-arg-bins=-Wl,-dead_strip_dylibs");
    }
}

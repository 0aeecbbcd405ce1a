//! Names the shared library (an ELF SONAME, an Apple install name) so it can be installed next
//! to later, incompatible versions. (The C header is `make header`'s, tools/gen-header.)

fn main() {
    println!("cargo:rerun-if-changed=build.rs");

    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("set by cargo");
    if let Some(arg) = library_name_arg(&major) {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
}

/// The linker argument that names the shared library for the target being built (not the
/// machine building it): an ELF SONAME, Apple's install name (which ld64 wants instead of
/// -soname), or nothing where the platform has neither (Windows names a DLL by its file).
fn library_name_arg(major: &str) -> Option<String> {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let vendor = std::env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    if vendor == "apple" {
        Some(format!("-Wl,-install_name,@rpath/libchatwoot_identity.{major}.dylib"))
    } else if os == "windows" || family.split(',').any(|f| f == "wasm") || os == "none" || os == "uefi" {
        None
    } else {
        // Linux, Android, the BSDs, illumos, Solaris: ELF everywhere.
        Some(format!("-Wl,-soname,libchatwoot_identity.so.{major}"))
    }
}

//! Generates the C header from src/ffi.rs with cbindgen (only with the `capi` feature), and
//! names the shared library (an ELF SONAME, an Apple install name) so it can be installed next
//! to later, incompatible versions.

fn main() {
    println!("cargo:rerun-if-changed=src/ffi.rs");
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=src/explain");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=CW_HEADER_OUT");

    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("set by cargo");
    if let Some(arg) = library_name_arg(&major) {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }

    #[cfg(feature = "capi")]
    write_header();
}

#[cfg(feature = "capi")]
fn write_header() {
    use std::path::PathBuf;

    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    // `make check-header` points CW_HEADER_OUT elsewhere and diffs against the committed file.
    let out = std::env::var_os("CW_HEADER_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("include/chatwoot_identity.h"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml is valid");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .with_after_include(format!(
            "\n/* Version of this header's library (see also cw_version()). */\n#define CW_VERSION \"{version}\""
        ))
        .generate()
        .expect("cbindgen could not generate include/chatwoot_identity.h");
    let mut text = Vec::new();
    bindings.write(&mut text);
    // Rewrite only on change, so an unchanged header keeps its timestamp.
    if std::fs::read(&out).ok().as_deref() != Some(&text[..]) {
        std::fs::create_dir_all(out.parent().expect("header path has a parent")).expect("create include/");
        std::fs::write(&out, &text).expect("write the header");
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

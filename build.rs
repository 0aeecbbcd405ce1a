//! Names the shared library (an ELF SONAME, an Apple install name) so it can be installed next
//! to later, incompatible versions. (The C header is `make header`'s, tools/gen-header.)

fn main() {
    println!("cargo:rerun-if-changed=build.rs");

    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("set by cargo");
    if let Some(arg) = library_name_arg(&major) {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
    export_list_args();
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

/// CW_EXPORTS names a file listing the C functions the shared library exports, one per line
/// (scripts/dist-libs writes it from the header). Cross-linking through zig drops the export list
/// rustc itself passes for Apple and Windows, so the library would export ~1,900 Rust and MinGW
/// symbols: give the linker the list in its own format (an exported-symbols list for ld64, a
/// module-definition file for a DLL). Unset, rustc's own list applies.
fn export_list_args() {
    println!("cargo:rerun-if-env-changed=CW_EXPORTS");
    let Some(list) = std::env::var_os("CW_EXPORTS") else { return };
    println!("cargo:rerun-if-changed={}", std::path::Path::new(&list).display());
    let names = std::fs::read_to_string(&list).expect("read the CW_EXPORTS list");
    let names: Vec<&str> = names.lines().map(str::trim).filter(|n| !n.is_empty()).collect();
    let vendor = std::env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    if vendor == "apple" {
        // Rust's std asks for libiconv, which nothing calls: do not make it a load command.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-dead_strip_dylibs");
        let path = out.join("exported_symbols.txt");
        let text: String = names.iter().map(|n| format!("_{n}\n")).collect();
        std::fs::write(&path, text).expect("write the exported-symbols list");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-exported_symbols_list,{}", path.display());
    } else if os == "windows" {
        let path = out.join("chatwoot_identity.def");
        let mut text = String::from("LIBRARY chatwoot_identity.dll\nEXPORTS\n");
        for n in &names {
            text.push_str(&format!("    {n}\n"));
        }
        std::fs::write(&path, text).expect("write the module-definition file");
        println!("cargo:rustc-cdylib-link-arg={}", path.display());
    }
}

//! Writes the C header of libchatwoot_identity: `gen-header OUT` runs cbindgen over the
//! crate's C layer (src/ffi/, configured by cbindgen.toml), macro-expanded with the `capi`
//! feature on, and writes OUT only when it changed.
//! `make header` writes include/chatwoot_identity.h; `make check-header` writes a copy and
//! compares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen-header OUT.h");
        return ExitCode::from(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().unwrap_or(root);
    match generate(&root) {
        Ok(text) => {
            // Rewrite only on change, so an unchanged header keeps its timestamp.
            if std::fs::read(&out).ok().as_deref() != Some(&text[..]) {
                if let Err(e) = std::fs::write(&out, &text) {
                    eprintln!("gen-header: cannot write {}: {e}", out.display());
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-header: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(root: &Path) -> Result<Vec<u8>, String> {
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).map_err(|e| format!("cbindgen.toml: {e}"))?;
    let version = package_version(root)?;
    // `CwStatus` is written by a macro from the crate's status table (src/error.rs), so cbindgen
    // must read the crate after macro expansion, with the C layer's feature on. It runs
    // `cargo rustc -- -Zunpretty=expanded`, an unstable flag: RUSTC_BOOTSTRAP=1 lets the stable
    // toolchain accept it. Set here, on this tool's own process, so only the cargo it starts
    // inherits it: `make build`, the tests and the shipped library never see it.
    std::env::set_var("RUSTC_BOOTSTRAP", "1");
    let bindings = cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .with_parse_expand(&["chatwoot-identity"])
        .with_parse_expand_features(&["capi"])
        .with_after_include(format!(
            "\n/* Version of this header's library (see also cw_version()). */\n#define CW_VERSION \"{version}\""
        ))
        .generate()
        // An expansion error arrives as one escaped string; cargo prints it readably.
        .map_err(|e| format!("cbindgen: {e}\n(to see a compile error as such: cargo check --features capi)"))?;
    let mut text = Vec::new();
    bindings.write(&mut text);
    Ok(text)
}

/// The library's version: the first `version = "..."` of the root Cargo.toml (its [package]).
fn package_version(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \"")?.strip_suffix('"').map(str::to_owned))
        .ok_or_else(|| "Cargo.toml has no version".to_owned())
}

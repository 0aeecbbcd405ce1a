"""Hatchling build hook: puts one target's libchatwoot_identity inside the wheel, at
``chatwoot_identity/_lib/<target>/`` where the loader looks for this machine's target.

The package loads it through ctypes (no compiled extension), so a wheel is tagged
py3-none-<platform>: any Python 3, one operating system, CPU and C library. Where the
library comes from, first match wins:

- ``CHATWOOT_IDENTITY_WHEEL_TARGET`` (e.g. ``linux-aarch64-musl``) and
  ``CHATWOOT_IDENTITY_WHEEL_LIB_DIR`` (its prebuilt ``dist/lib/<target>/``): a release
  wheel, tagged manylinux_2_17 (gnu) or musllinux_1_2 (musl), as `make dist` builds them;
- the Rust crate inside an sdist (``rust/``): built with cargo, for this machine;
- a development checkout: the repository's ``target/release`` build, for this machine.
"""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET_ENV, LIB_DIR_ENV = "CHATWOOT_IDENTITY_WHEEL_TARGET", "CHATWOOT_IDENTITY_WHEEL_LIB_DIR"
NO_RUST = """
chatwoot-identity: building from source needs Rust's cargo, which is not available here
({reason}).
  - Install a prebuilt wheel instead (no Rust needed): pip install --only-binary :all: chatwoot-identity
    Wheels exist for Linux x86_64 and aarch64 (glibc >= 2.17 and musl), macOS (arm64,
    x86_64) and Windows (x86_64, arm64).
  - Or install Rust (https://rustup.rs) and run this install again.
"""


def _package_module(root: Path, name: str):
    """A plain module of the package (no package imports), loaded on its own."""
    sys.path.insert(0, str(root / "src" / "chatwoot_identity"))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def _targets(root: Path) -> dict:
    """targets.toml's facts (wheel tag, library file name), as generated into the package."""
    return _package_module(root, "_targets").TARGETS


def _this_target(root: Path) -> str:
    """The loader's own detection, so the bundled copy lands where the loader looks."""
    return _package_module(root, "_target").detect()


def _cargo_build(crate: Path, library_file: str) -> Path:
    cargo = os.environ.get("CARGO", "cargo")
    try:
        probe = subprocess.run([cargo, "--version"], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise RuntimeError(NO_RUST.format(reason=f"{cargo}: {exc.strerror}")) from None
    if probe.returncode != 0:
        reason = (probe.stderr.strip() or f"`{cargo} --version` exited {probe.returncode}")
        raise RuntimeError(NO_RUST.format(reason=reason.splitlines()[0]))
    subprocess.run([cargo, "build", "--release", "--locked", "--lib", "--features", "capi",
                    "--manifest-path", str(crate / "Cargo.toml")], check=True)
    return crate / "target" / "release" / library_file


class BundleLibraryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        root = Path(self.root).resolve()
        targets = _targets(root)
        target = os.environ.get(TARGET_ENV)
        if target:
            if target not in targets:
                raise RuntimeError(f"{TARGET_ENV}={target}: not one of {', '.join(targets)}")
            lib_dir = os.environ.get(LIB_DIR_ENV)
            if not lib_dir:
                raise RuntimeError(f"{TARGET_ENV} is set: {LIB_DIR_ENV} must name dist/lib/{target}")
            library_file = targets[target]["library"]
            library = Path(lib_dir) / library_file
            platform = targets[target]["wheel_tag"]
        else:
            target = _this_target(root)
            library_file = targets[target]["library"] if target in targets else "libchatwoot_identity.so"
            if (root / "rust" / "Cargo.toml").is_file():  # an unpacked sdist
                library = _cargo_build(root / "rust", library_file)
            else:  # bindings/python in a checkout
                library = root.parents[1] / "target" / "release" / library_file
                if not library.is_file():
                    raise RuntimeError(f"{library} is missing: run `cargo build --release` "
                                       "in the repository root first")
            platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        if not library.is_file():
            raise RuntimeError(f"{library} is missing")
        build_data["force_include"][os.fspath(library)] = \
            f"chatwoot_identity/_lib/{target}/{library_file}"
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform}"

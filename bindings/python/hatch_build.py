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

LIBRARY_FILE = "libchatwoot_identity.so"
TARGET_ENV, LIB_DIR_ENV = "CHATWOOT_IDENTITY_WHEEL_TARGET", "CHATWOOT_IDENTITY_WHEEL_LIB_DIR"
# The oldest C libraries the dist/lib builds support (glibc 2.17, musl 1.2).
PLATFORM_TAGS = {
    "linux-x86_64-gnu": "manylinux_2_17_x86_64.manylinux2014_x86_64",
    "linux-aarch64-gnu": "manylinux_2_17_aarch64.manylinux2014_aarch64",
    "linux-x86_64-musl": "musllinux_1_2_x86_64",
    "linux-aarch64-musl": "musllinux_1_2_aarch64",
}
NO_RUST = """
chatwoot-identity: building from source needs Rust's cargo, which is not available here
({reason}).
  - Install a prebuilt wheel instead (no Rust needed): pip install --only-binary :all: chatwoot-identity
    Wheels exist for Linux x86_64 and aarch64, glibc >= 2.17 and musl.
  - Or install Rust (https://rustup.rs) and run this install again.
"""


def _this_target(root: Path) -> str:
    """The loader's own detection, so the bundled copy lands where the loader looks."""
    sys.path.insert(0, str(root / "src" / "chatwoot_identity"))
    try:
        import _target  # a plain module without package imports, loadable on its own
    finally:
        sys.path.pop(0)
    return _target.detect()


def _cargo_build(crate: Path) -> Path:
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
    return crate / "target" / "release" / LIBRARY_FILE


class BundleLibraryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        root = Path(self.root).resolve()
        target = os.environ.get(TARGET_ENV)
        if target:
            if target not in PLATFORM_TAGS:
                raise RuntimeError(f"{TARGET_ENV}={target}: not one of {', '.join(PLATFORM_TAGS)}")
            lib_dir = os.environ.get(LIB_DIR_ENV)
            if not lib_dir:
                raise RuntimeError(f"{TARGET_ENV} is set: {LIB_DIR_ENV} must name dist/lib/{target}")
            library = Path(lib_dir) / LIBRARY_FILE
            platform = PLATFORM_TAGS[target]
        else:
            target = _this_target(root)
            if (root / "rust" / "Cargo.toml").is_file():  # an unpacked sdist
                library = _cargo_build(root / "rust")
            else:  # bindings/python in a checkout
                library = root.parents[1] / "target" / "release" / LIBRARY_FILE
                if not library.is_file():
                    raise RuntimeError(f"{library} is missing: run `cargo build --release` "
                                       "in the repository root first")
            platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        if not library.is_file():
            raise RuntimeError(f"{library} is missing")
        build_data["force_include"][os.fspath(library)] = \
            f"chatwoot_identity/_lib/{target}/{LIBRARY_FILE}"
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform}"

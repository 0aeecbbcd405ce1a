"""Hatchling build hook: puts the release build of libchatwoot_identity inside the wheel.

The package loads it through ctypes (no compiled extension), so the wheel is tagged
py3-none-<platform>: any Python 3, but only this operating system and CPU.
"""

import os
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

if sys.platform == "darwin":
    LIBRARY_FILE = "libchatwoot_identity.dylib"
elif sys.platform == "win32":
    LIBRARY_FILE = "chatwoot_identity.dll"
else:
    LIBRARY_FILE = "libchatwoot_identity.so"


class BundleLibraryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        # bindings/python -> the repository root, whose cargo build we bundle.
        library = Path(self.root).resolve().parents[1] / "target" / "release" / LIBRARY_FILE
        if not library.is_file():
            raise RuntimeError(
                f"{library} is missing: run `cargo build --release` in the repository root first"
            )
        build_data["force_include"][os.fspath(library)] = f"chatwoot_identity/{LIBRARY_FILE}"
        build_data["pure_python"] = False
        platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        build_data["tag"] = f"py3-none-{platform}"

"""Which prebuilt library fits this process: a target of targets.toml (``_targets.py``),
the folder names of ``dist/lib/`` and of ``_lib/`` inside a wheel. Pure functions of their
inputs, so tests can fake an OS, a machine or a C library."""

from __future__ import annotations

import glob
import os
import platform
import sys

try:
    from ._targets import TARGETS
except ImportError:  # loaded on its own by the wheel build hook (hatch_build.py)
    from _targets import TARGETS  # type: ignore[no-redef]

# platform.machine() spellings of the CPUs there are libraries for.
MACHINES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


def glibc_version() -> str | None:
    """'glibc 2.36' when this process runs on glibc, else None (musl has no such confstr)."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):
        return None


def musl_loaders() -> list[str]:
    return glob.glob("/lib/ld-musl-*.so.1")


def c_library() -> str:
    """'gnu' or 'musl'. glibc is asked first: a glibc system may also have musl's loader
    installed (musl-tools), and that does not make this process a musl one."""
    if glibc_version():
        return "gnu"
    return "musl" if musl_loaders() else "gnu"


# sys.platform -> targets.toml's os.
SYSTEMS = {"linux": "linux", "darwin": "macos", "win32": "windows", "cygwin": "windows"}


def detect(machine: str | None = None, libc: str | None = None,
           system: str | None = None) -> str:
    """This process's target, a name of targets.toml (``_targets.py``), e.g.
    'linux-x86_64-gnu', 'macos-arm64', 'windows-x86_64'. A platform without a release
    target keeps its own names (``<os>-<machine>[-<libc>]``), so the error says what was
    looked for."""
    raw_system = (system or sys.platform).lower()
    os_name = next((v for k, v in SYSTEMS.items() if raw_system.startswith(k)), raw_system)
    raw = (machine if machine is not None else platform.machine()).lower()
    arch = MACHINES.get(raw, raw or "unknown")
    c_lib = ""
    if os_name == "linux":
        c_lib = libc if libc is not None else c_library()
    for name, facts in TARGETS.items():
        if (facts["os"], facts["arch"], facts["libc"]) == (os_name, arch, c_lib):
            return name
    return "-".join(part for part in (os_name, arch, c_lib) if part)

"""Which prebuilt library fits this process: ``linux-<machine>-<libc>``, the folder names of
``dist/lib/`` and of ``_lib/`` inside a wheel. Pure functions of their inputs, so tests can
fake a machine or a C library."""

from __future__ import annotations

import glob
import os
import platform
import sys

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


def detect(machine: str | None = None, libc: str | None = None,
           system: str | None = None) -> str:
    """This process's target, e.g. 'linux-x86_64-gnu'. Unknown machines keep their own name
    (lowercased), so the error says what was looked for."""
    system = (system or sys.platform).lower()
    raw = (machine if machine is not None else platform.machine()).lower()
    arch = MACHINES.get(raw, raw or "unknown")
    if not system.startswith("linux"):
        return f"{system}-{arch}"
    return f"linux-{arch}-{libc if libc is not None else c_library()}"

"""Finds and loads libchatwoot_identity, and declares the C signature of every symbol.

Lookup order:
1. the path in ``CHATWOOT_IDENTITY_LIB``, when set: it must load (no silent fallback);
2. the copy inside this package for this machine's target, ``_lib/<target>/`` (a wheel);
3. the system library path (``make install``), by the library's SONAME;
4. only in a development checkout (``<repo>/bindings/python/src``): ``<repo>/target/release``.
The first one that loads and speaks this package's ABI version wins.
"""

from __future__ import annotations

import os
import sys
from ctypes import (
    CDLL,
    POINTER,
    PyDLL,
    c_bool,
    c_char,
    c_char_p,
    c_int32,
    c_size_t,
    c_uint32,
    c_void_p,
)
from pathlib import Path
from typing import Any, Mapping

from . import _target
from ._abi import ABI_VERSION
from ._args import HashBuffer
from ._structs import Candidates, CExplanation

ENV_VAR = "CHATWOOT_IDENTITY_LIB"
BUILD_COMMAND = "cargo build --release"
SONAME = "libchatwoot_identity.so.0"  # what `make install` puts on the system library path

if sys.platform == "darwin":
    LIBRARY_FILE = "libchatwoot_identity.dylib"
elif sys.platform == "win32":
    LIBRARY_FILE = "chatwoot_identity.dll"
else:
    LIBRARY_FILE = "libchatwoot_identity.so"


def candidates(target: str) -> list[tuple[str, Path]]:
    """The places to try after $CHATWOOT_IDENTITY_LIB, in order, each with a label."""
    package_dir = Path(__file__).resolve().parent
    places = [(f"bundled copy for {target}", package_dir / "_lib" / target / LIBRARY_FILE)]
    if sys.platform.startswith("linux"):
        places.append(("system library path", Path(SONAME)))
    # Only where this file sits in the repository's own tree, never in site-packages.
    parents = package_dir.parents
    if (len(parents) > 3 and [parents[i].name for i in range(3)] == ["src", "python", "bindings"]
            and (parents[3] / "Cargo.toml").is_file()):
        places.append(("repository build", parents[3] / "target" / "release" / LIBRARY_FILE))
    return places


def _declare(fast: CDLL, slow: CDLL) -> None:
    u8p = c_char_p  # const uint8_t *: bytes objects pass their buffer without a copy
    sigs: tuple[tuple[CDLL, str, list[Any], Any], ...] = (
        # (library, name, argtypes, restype)
        (fast, "cw_identifier_hash", [u8p, c_size_t, u8p, c_size_t, HashBuffer, c_size_t], c_int32),
        (fast, "cw_verify", [u8p, c_size_t, u8p, c_size_t, c_char_p, c_size_t], c_bool),
        (fast, "cw_key_new", [u8p, c_size_t, POINTER(c_void_p)], c_int32),
        (fast, "cw_key_free", [c_void_p], None),
        (fast, "cw_key_identifier_hash", [c_void_p, u8p, c_size_t, HashBuffer, c_size_t], c_int32),
        (fast, "cw_key_verify", [c_void_p, u8p, c_size_t, c_char_p, c_size_t], c_bool),
        # The batch may run for seconds: through CDLL, so it releases the GIL.
        (slow, "cw_key_identifier_hash_batch",
         [c_void_p, u8p, c_size_t, POINTER(c_size_t), c_size_t, POINTER(c_char), c_size_t], c_int32),
        # explain is a debugging aid that tries many candidates and allocates: releases the GIL.
        (slow, "cw_explain", [u8p, c_size_t, u8p, c_size_t, c_char_p, c_size_t,
                              POINTER(Candidates), POINTER(CExplanation)], c_int32),
        # Rendering: microseconds, like a hash; the output buffer is the caller's.
        (fast, "cw_key_set_user_script", [c_void_p, u8p, c_size_t, u8p, c_size_t, u8p, c_size_t,
                                          c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        (fast, "cw_key_set_user_payload", [c_void_p, u8p, c_size_t, u8p, c_size_t,
                                           c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        (fast, "cw_reset_script", [u8p, c_size_t, c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        (fast, "cw_verdict_message", [c_int32], c_char_p),
        (fast, "cw_verdict_name", [c_int32], c_char_p),
        (fast, "cw_status_message", [c_int32], c_char_p),
        (fast, "cw_version", [], c_char_p),
        (fast, "cw_abi_version", [], c_uint32),
    )
    for lib, name, argtypes, restype in sigs:
        fn = getattr(lib, name)
        fn.argtypes = argtypes
        fn.restype = restype


def _open(path: Path) -> tuple[CDLL, CDLL]:
    # A bare name (the SONAME) is for dlopen's own search of the system library path.
    if path.parent != Path() and not path.is_file():
        raise OSError("no such file")
    # PyDLL keeps the GIL during the call: the single-hash calls take ~0.2 us, less than
    # releasing and re-taking the GIL would cost. Both objects share one dlopen handle.
    fast = PyDLL(str(path))
    slow = CDLL(str(path))
    # The ABI version first: another version may lack symbols, and saying so is clearer.
    fast.cw_abi_version.argtypes, fast.cw_abi_version.restype = [], c_uint32
    found = fast.cw_abi_version()
    if found != ABI_VERSION:
        raise OSError(f"its ABI version is {found}, this package needs {ABI_VERSION}")
    _declare(fast, slow)
    return fast, slow


def _loaded_path(path: Path) -> Path:
    """Where dlopen found a library opened by name (from /proc/self/maps, on Linux)."""
    if path.parent != Path():
        return path
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                if f"/{LIBRARY_FILE}" in line:  # the .so, .so.0 or .so.0.1.0 name
                    return Path(line.split(None, 5)[-1].strip())
    except OSError:
        pass
    return path


def load(environ: Mapping[str, str] = os.environ,
         target: str | None = None) -> tuple[CDLL, CDLL, Path]:
    """Returns (fast, slow, path) for the first candidate that loads, or raises ImportError."""
    target = target or _target.detect()
    explicit = environ.get(ENV_VAR)
    if explicit:
        try:
            fast, slow = _open(Path(explicit))
        except (OSError, AttributeError) as exc:  # AttributeError: a symbol is missing
            raise ImportError(
                f"chatwoot_identity could not load ${ENV_VAR}={explicit} ({exc}); this "
                f"machine's target is {target}. Fix or unset {ENV_VAR}: it is never skipped."
            ) from None
        return fast, slow, Path(explicit)
    failures = []
    for label, path in candidates(target):
        try:
            fast, slow = _open(path)
        except (OSError, AttributeError) as exc:
            failures.append(f"  - {label}: {path} ({exc})")
            continue
        return fast, slow, _loaded_path(path)
    tried = "\n".join(failures)
    raise ImportError(
        f"chatwoot_identity could not load {LIBRARY_FILE} (ABI version {ABI_VERSION}) for "
        f"this machine's target {target}. Tried:\n{tried}\n"
        f"Install the wheel for {target} (pip picks it from PyPI), install the library "
        f"with `make install`, build it with `{BUILD_COMMAND}` in the chatwoot-identity "
        f"repository, or set {ENV_VAR} to the library's path."
    )


fast_lib, slow_lib, library_path = load()

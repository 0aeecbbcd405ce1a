"""Finds and loads libchatwoot_identity, and declares the C signature of every symbol.

Lookup order: the path in ``CHATWOOT_IDENTITY_LIB``, then the copy bundled in this
package (what a wheel ships), then the repository's ``target/release`` build (a
development checkout). The first one that loads and speaks ABI version 1 wins.
"""

from __future__ import annotations

import os
import sys
import warnings
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
from typing import Any

from ._args import HashBuffer

ENV_VAR = "CHATWOOT_IDENTITY_LIB"
ABI_VERSION = 1  # CW_ABI_VERSION of include/chatwoot_identity.h this package was written for
BUILD_COMMAND = "cargo build --release"

if sys.platform == "darwin":
    LIBRARY_FILE = "libchatwoot_identity.dylib"
elif sys.platform == "win32":
    LIBRARY_FILE = "chatwoot_identity.dll"
else:
    LIBRARY_FILE = "libchatwoot_identity.so"


def candidates() -> list[tuple[str, Path]]:
    """The places to try, in order, each with a label for the error message."""
    places: list[tuple[str, Path]] = []
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        places.append((f"${ENV_VAR}", Path(explicit)))
    package_dir = Path(__file__).resolve().parent
    places.append(("bundled copy", package_dir / LIBRARY_FILE))
    # bindings/python/src/chatwoot_identity -> the repository root is four levels up.
    if len(package_dir.parents) > 3:
        repo_root = package_dir.parents[3]
        places.append(("repository build", repo_root / "target" / "release" / LIBRARY_FILE))
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
        (slow, "cw_explain", [u8p, c_size_t, u8p, c_size_t, c_char_p, c_size_t], c_int32),
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
    if not path.is_file():
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


def load() -> tuple[CDLL, CDLL, Path]:
    """Returns (fast, slow, path) for the first candidate that loads, or raises ImportError."""
    failures = []
    for label, path in candidates():
        try:
            fast, slow = _open(path)
        except (OSError, AttributeError) as exc:  # AttributeError: a symbol is missing
            failures.append(f"  - {label}: {path} ({exc})")
            continue
        if failures and failures[0].startswith(f"  - ${ENV_VAR}"):
            warnings.warn(f"{ENV_VAR} could not be loaded, using {path} instead:\n{failures[0]}",
                          RuntimeWarning, stacklevel=3)
        return fast, slow, path
    tried = "\n".join(failures)
    raise ImportError(
        f"chatwoot_identity could not load {LIBRARY_FILE} (ABI version {ABI_VERSION}). Tried:\n"
        f"{tried}\n"
        f"Build it with `{BUILD_COMMAND}` in the chatwoot-identity repository, "
        f"or set {ENV_VAR} to the library's path."
    )


fast_lib, slow_lib, library_path = load()

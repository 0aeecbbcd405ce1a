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
from ctypes import CDLL, PyDLL, c_uint32
from pathlib import Path
from typing import Mapping

from . import _binary, _target
from ._abi import ABI_VERSION
from ._errorbase import LibraryLoadError
from ._ffi import SIGNATURES
from ._targets import TARGETS

ENV_VAR = "CHATWOOT_IDENTITY_LIB"
BUILD_COMMAND = "cargo build --release"
SONAME = "libchatwoot_identity.so.0"  # what `make install` puts on the system library path


def library_file(target: str) -> str:
    """The library's file name for ``target`` (targets.toml), or this OS's usual name."""
    if target in TARGETS:
        return TARGETS[target]["library"]
    if target.startswith("macos"):
        return "libchatwoot_identity.dylib"
    if target.startswith("windows"):
        return "chatwoot_identity.dll"
    return "libchatwoot_identity.so"


LIBRARY_FILE = library_file(_target.detect())


def candidates(target: str) -> list[tuple[str, Path]]:
    """The places to try after $CHATWOOT_IDENTITY_LIB, in order, each with a label."""
    package_dir = Path(__file__).resolve().parent
    file = library_file(target)
    places = [(f"bundled copy for {target}", package_dir / "_lib" / target / file)]
    if target.startswith("linux"):
        places.append(("system library path", Path(SONAME)))
    # Only where this file sits in the repository's own tree, never in site-packages.
    parents = package_dir.parents
    if (len(parents) > 3 and [parents[i].name for i in range(3)] == ["src", "python", "bindings"]
            and (parents[3] / "Cargo.toml").is_file()):
        places.append(("repository build", parents[3] / "target" / "release" / file))
    return places


class _Refused(Exception):
    """One candidate's problem and remedy (becomes part of the LibraryLoadError)."""

    def __init__(self, problem: str, remedy: str) -> None:
        super().__init__(problem)
        self.problem, self.remedy = problem, remedy


def _declare(fast: CDLL, slow: CDLL) -> None:
    """Every function's signature, from the generated table (``_ffi.py``)."""
    missing = [name for name in SIGNATURES if not hasattr(fast, name)]
    if missing:
        raise _Refused(f"it lacks the functions {', '.join(missing)} (not a chatwoot_identity "
                       f"library of ABI version {ABI_VERSION})",
                       "install a matching chatwoot_identity package or library")
    for name, (releases_gil, argtypes, restype) in SIGNATURES.items():
        fn = getattr(slow if releases_gil else fast, name)
        fn.argtypes = argtypes
        fn.restype = restype


def _open(path: Path, target: str) -> tuple[CDLL, CDLL]:
    # A bare name (the SONAME) is for dlopen's own search of the system library path.
    if path.parent != Path():
        facts = TARGETS.get(target)
        if facts is None:
            if not path.is_file():
                raise _Refused("no such file", "check the path")
        else:
            try:
                _binary.check(path, facts["format"], facts["machine"])
            except _binary.BadLibrary as bad:
                raise _Refused(bad.problem, bad.remedy) from None
    # PyDLL keeps the GIL during the call: the single-hash calls take ~0.2 us, less than
    # releasing and re-taking the GIL would cost. Both objects share one dlopen handle.
    try:
        fast = PyDLL(str(path))
        slow = CDLL(str(path))
    except OSError as exc:
        raise _Refused(f"the dynamic loader refused it ({exc})",
                       "install the package for this machine, or point at a working library") from None
    # The ABI version first: another version may lack symbols, and saying so is clearer.
    if not hasattr(fast, "cw_abi_version"):
        raise _Refused("it lacks cw_abi_version (it is not a chatwoot_identity library)",
                       "point at libchatwoot_identity, or install the package")
    fast.cw_abi_version.argtypes, fast.cw_abi_version.restype = [], c_uint32
    found = fast.cw_abi_version()
    if found != ABI_VERSION:
        raise _Refused(f"its ABI version is {found}, this package needs {ABI_VERSION}",
                       "install the library and the package of the same release")
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
    """Returns (fast, slow, path) for the first candidate that loads, or raises
    LibraryLoadError (an ImportError) naming each path, its problem and the remedy."""
    target = target or _target.detect()
    explicit = environ.get(ENV_VAR)
    if explicit:
        try:
            fast, slow = _open(Path(explicit), target)
        except _Refused as exc:
            raise LibraryLoadError(
                f"chatwoot_identity could not load ${ENV_VAR}={explicit}: {exc.problem}. "
                f"To fix: {exc.remedy}, or unset {ENV_VAR} (it is never skipped). This "
                f"machine's target is {target}.",
                (explicit,), (exc.problem,)) from None
        return fast, slow, Path(explicit)
    failures, paths, problems = [], [], []
    for label, path in candidates(target):
        try:
            fast, slow = _open(path, target)
        except _Refused as exc:
            failures.append(f"  - {label}: {path}: {exc.problem} (to fix: {exc.remedy})")
            paths.append(str(path))
            problems.append(exc.problem)
            continue
        return fast, slow, _loaded_path(path)
    tried = "\n".join(failures)
    looked_for = library_file(target)
    supported = "" if target in TARGETS else (
        f" No release of chatwoot_identity is built for {target}; the targets are "
        f"{', '.join(TARGETS)}.")
    raise LibraryLoadError(
        f"chatwoot_identity could not load {looked_for} (ABI version {ABI_VERSION}) for "
        f"this machine's target {target}.{supported} Tried:\n{tried}\n"
        f"Install the wheel for {target} (pip picks it from PyPI), install the library "
        f"with `make install`, build it with `{BUILD_COMMAND}` in the chatwoot-identity "
        f"repository, or set {ENV_VAR} to the library's path.",
        tuple(paths), tuple(problems))


fast_lib, slow_lib, library_path = load()

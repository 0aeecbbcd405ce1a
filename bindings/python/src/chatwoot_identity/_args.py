"""Prebuilt ctypes arguments for the single-hash calls, the hottest paths.

ctypes turns every Python int argument into a new c_size_t (about 60 ns each, more than
SHA-256 compresses a block); an existing c_size_t instance passes as is. These instances
are never modified after import, so all threads may share them.
"""

from __future__ import annotations

import threading
from ctypes import c_char, c_size_t

HASH_LEN = 64  # CW_HASH_LEN: the library writes exactly this many hex characters

# The output parameter's declared type: exactly one hash, no NUL.
HashBuffer = c_char * HASH_LEN
OUT_LEN = c_size_t(HASH_LEN)

# SIZES[n] is c_size_t(n): pass `SIZES[n] if n < SMALL else n` for a length n.
SMALL = 256
SIZES = tuple(c_size_t(n) for n in range(SMALL))


class _PerThread(threading.local):
    """One output buffer per thread: allocating one costs as much as the hash itself, and
    threads never share one, so results cannot mix."""

    def __init__(self) -> None:  # runs once in each thread that touches it
        self.buf = HashBuffer()


local = _PerThread()

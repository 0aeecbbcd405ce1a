"""Prebuilt ctypes arguments for the single-hash calls, the hottest paths.

ctypes turns every Python int argument into a new c_size_t (about 60 ns each, more than
SHA-256 compresses a block); an existing c_size_t instance passes as is. These instances
are never modified after import, so all threads may share them.
"""

from __future__ import annotations

from ctypes import c_char, c_size_t

HASH_LEN = 64  # CW_HASH_LEN: the library writes exactly this many hex characters

# The output parameter's declared type: exactly one hash, no NUL. Every call makes its own
# (about 50 ns): a signal handler runs between two bytecodes of the thread it interrupts, so
# a buffer shared even within one thread could hand the interrupted call the handler's hash.
HashBuffer = c_char * HASH_LEN
OUT_LEN = c_size_t(HASH_LEN)

# SIZES[n] is c_size_t(n): pass `SIZES[n] if n < SMALL else n` for a length n.
SMALL = 256
SIZES = tuple(c_size_t(n) for n in range(SMALL))

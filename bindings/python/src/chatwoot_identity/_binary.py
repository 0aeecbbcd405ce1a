"""Checks a library file before it reaches the dynamic loader.

dlopen maps a file as it is: a truncated copy (a failed download, a full disk) makes the
process die of SIGBUS when the loader touches a page past the end, and a FIFO blocks it
forever. So the file must be a regular file whose header describes a library for this
process (format, 64-bit class, machine) and whose headers and segments all lie inside it.
Each problem is a :class:`BadLibrary` with what is wrong and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
from pathlib import Path

# e_machine / cputype / Machine values, for naming a foreign library's architecture.
ARCH_NAMES = {
    ("elf", 62): "x86_64", ("elf", 183): "aarch64", ("elf", 3): "x86 (32-bit)",
    ("elf", 40): "arm (32-bit)", ("elf", 243): "riscv", ("elf", 21): "ppc64",
    ("macho", 0x01000007): "x86_64", ("macho", 0x0100000C): "arm64",
    ("pe", 0x8664): "x86_64", ("pe", 0xAA64): "arm64", ("pe", 0x14C): "x86 (32-bit)",
}
FORMAT_NAMES = {"elf": "an ELF shared object (Linux)", "macho": "a Mach-O dylib (macOS)",
                "pe": "a PE DLL (Windows)"}

REINSTALL = ("reinstall the package (pip install --force-reinstall chatwoot-identity) or copy "
             "the library again")


class BadLibrary(Exception):
    """``problem``: what is wrong with the file; ``remedy``: what to do."""

    def __init__(self, problem: str, remedy: str) -> None:
        super().__init__(f"{problem}; {remedy}")
        self.problem = problem
        self.remedy = remedy


def check(path: Path, fmt: str, machine: int) -> None:
    """Raises BadLibrary unless ``path`` is a regular file holding a complete ``fmt``
    library ("elf", "macho" or "pe") for ``machine`` (that format's machine code)."""
    try:
        st = os.stat(path)  # follows symlinks: the file dlopen would map
    except OSError as exc:
        raise _stat_problem(exc) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise BadLibrary("it is a directory, not a library file",
                         "point at the library file inside it")
    if stat.S_ISFIFO(mode):
        raise BadLibrary("it is a FIFO (named pipe), not a library file (loading it would "
                         "block forever)", "point at the library file itself")
    if not stat.S_ISREG(mode):
        raise BadLibrary("it is not a regular file (a device or socket)",
                         "point at the library file itself")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise _stat_problem(exc) from None
    if not data:
        raise BadLibrary("the file is empty (a failed download or a full disk?)", REINSTALL)
    {"elf": _elf, "macho": _macho, "pe": _pe}[fmt](data, machine)


def _stat_problem(exc: OSError) -> BadLibrary:
    if exc.errno == errno.ENOENT:
        return BadLibrary("no such file", "check the path, or install the package for this machine")
    if exc.errno == errno.ELOOP:
        return BadLibrary("it is a symbolic link loop (the links point at each other)",
                          "make the link point at the library file")
    if exc.errno == errno.EACCES:
        return BadLibrary("permission denied", "make the file readable by this process")
    if exc.errno == errno.ENOTDIR:
        return BadLibrary("a part of the path is not a directory", "check the path")
    return BadLibrary(f"it cannot be read ({os.strerror(exc.errno or 0)})", "check the path")


def _not_a_library(data: bytes, fmt: str) -> BadLibrary:
    found = next((FORMAT_NAMES[f] for f, magic in
                  (("elf", b"\x7fELF"), ("pe", b"MZ")) if data.startswith(magic)), None)
    if found is None and data[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        found = FORMAT_NAMES["macho"]
    what = f"it is {found}" if found else "it is not a shared library (no library header)"
    return BadLibrary(f"{what}, this process needs {FORMAT_NAMES[fmt]}",
                      "install the package for this machine, or point at the right file")


def _truncated(detail: str) -> BadLibrary:
    return BadLibrary(f"the file is truncated or damaged ({detail}; a failed download or a "
                      "full disk?)", REINSTALL)


def _wrong_machine(fmt: str, found: int, machine: int) -> BadLibrary:
    have = ARCH_NAMES.get((fmt, found), f"machine {found:#x}")
    want = ARCH_NAMES.get((fmt, machine), f"machine {machine:#x}")
    return BadLibrary(f"it is built for {have}, this process is {want}",
                      f"install the package built for {want}")


def _fits(offset: int, size: int, total: int) -> bool:
    return 0 <= offset and 0 <= size and offset + size <= total


def _elf(data: bytes, machine: int) -> None:
    if not data.startswith(b"\x7fELF"):
        raise _not_a_library(data, "elf")
    if len(data) < 64:
        raise _truncated(f"{len(data)} bytes, shorter than an ELF header")
    if data[4] != 2:
        raise BadLibrary("it is a 32-bit library, this process is 64-bit",
                         "install the 64-bit package for this machine")
    if data[5] != 1:
        raise BadLibrary("it is a big-endian library, this process is little-endian",
                         "install the package for this machine")
    e_type, e_machine = struct.unpack_from("<HH", data, 16)
    if e_machine != machine:
        raise _wrong_machine("elf", e_machine, machine)
    if e_type != 3:  # ET_DYN
        raise BadLibrary("it is an ELF file but not a shared library", "point at the .so file")
    phoff, shoff = struct.unpack_from("<QQ", data, 32)
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 54)
    if phnum == 0 or not _fits(phoff, phentsize * phnum, len(data)) or phentsize < 56:
        raise _truncated("its program headers lie outside the file")
    if shnum and not _fits(shoff, shentsize * shnum, len(data)):
        raise _truncated("its section headers lie outside the file")
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1 and not _fits(p_offset, p_filesz, len(data)):  # PT_LOAD
            raise _truncated(f"segment {i} ends at byte {p_offset + p_filesz}, the file has {len(data)}")


def _macho(data: bytes, machine: int) -> None:
    if data[:4] == b"\xca\xfe\xba\xbe":  # universal: big-endian fat header
        if len(data) < 8:
            raise _truncated("a universal header without its architectures")
        (nfat,) = struct.unpack_from(">I", data, 4)
        if not _fits(8, 20 * nfat, len(data)):
            raise _truncated("its architecture table lies outside the file")
        found = []
        for i in range(nfat):
            cputype, _, offset, size, _ = struct.unpack_from(">iiIII", data, 8 + 20 * i)
            found.append(cputype & 0xFFFFFFFF)
            if cputype & 0xFFFFFFFF == machine:
                if not _fits(offset, size, len(data)):
                    raise _truncated("its slice for this architecture lies outside the file")
                _macho(data[offset:offset + size], machine)
                return
        raise _wrong_machine("macho", found[0] if found else 0, machine)
    if data[:4] != b"\xcf\xfa\xed\xfe":
        if data[:4] == b"\xce\xfa\xed\xfe":
            raise BadLibrary("it is a 32-bit library, this process is 64-bit",
                             "install the 64-bit package for this machine")
        raise _not_a_library(data, "macho")
    if len(data) < 32:
        raise _truncated("shorter than a Mach-O header")
    cputype, _, filetype, ncmds, sizeofcmds = struct.unpack_from("<IIIII", data, 4)
    if cputype != machine:
        raise _wrong_machine("macho", cputype, machine)
    if filetype != 6:  # MH_DYLIB
        raise BadLibrary("it is a Mach-O file but not a dylib", "point at the .dylib file")
    if not _fits(32, sizeofcmds, len(data)):
        raise _truncated("its load commands lie outside the file")
    pos = 32
    for _ in range(ncmds):
        if not _fits(pos, 8, 32 + sizeofcmds):
            raise _truncated("a load command lies outside the file")
        cmd, cmdsize = struct.unpack_from("<II", data, pos)
        if cmdsize < 8 or not _fits(pos, cmdsize, 32 + sizeofcmds):
            raise _truncated("a load command lies outside the file")
        if cmd == 0x19 and cmdsize >= 72:  # LC_SEGMENT_64
            fileoff, filesize = struct.unpack_from("<QQ", data, pos + 40)
            if not _fits(fileoff, filesize, len(data)):
                raise _truncated(f"a segment ends at byte {fileoff + filesize}, the file has {len(data)}")
        pos += cmdsize


def _pe(data: bytes, machine: int) -> None:
    if not data.startswith(b"MZ"):
        raise _not_a_library(data, "pe")
    if len(data) < 64:
        raise _truncated("shorter than a DOS header")
    (lfanew,) = struct.unpack_from("<I", data, 0x3C)
    if not _fits(lfanew, 24, len(data)) or data[lfanew:lfanew + 4] != b"PE\0\0":
        raise _truncated("its PE header lies outside the file")
    found, nsections = struct.unpack_from("<HH", data, lfanew + 4)
    (optsize, characteristics) = struct.unpack_from("<HH", data, lfanew + 20)
    if found != machine:
        raise _wrong_machine("pe", found, machine)
    if not characteristics & 0x2000:  # IMAGE_FILE_DLL
        raise BadLibrary("it is a Windows program, not a DLL", "point at the .dll file")
    table = lfanew + 24 + optsize
    if not _fits(table, 40 * nsections, len(data)):
        raise _truncated("its section table lies outside the file")
    for i in range(nsections):
        raw_size, raw_ptr = struct.unpack_from("<II", data, table + 40 * i + 16)
        if raw_size and not _fits(raw_ptr, raw_size, len(data)):
            raise _truncated(f"section {i} ends at byte {raw_ptr + raw_size}, the file has {len(data)}")

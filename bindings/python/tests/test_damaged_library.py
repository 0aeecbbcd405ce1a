"""A library file that cannot be a working library for this process is the typed load error
(LibraryLoadError, an ImportError) naming the path, what is wrong and what to do -- never a
SIGBUS inside dlopen, never a hang on a FIFO, never "no such file" for what exists.

Each case runs in a child interpreter: a crash there is a failing test, not a dead suite."""

import os
import re
import struct
import subprocess
import sys

import pytest
from conftest import REPO

import chatwoot_identity
from chatwoot_identity import LibraryLoadError, _binary, _targets

REPO_BUILD = REPO / "target" / "release" / "libchatwoot_identity.so"
CHILD = ("import sys\n"
         "try:\n"
         "    import chatwoot_identity\n"
         "except ImportError as e:\n"
         "    print(type(e).__name__, '|', e, '|', getattr(e, 'paths', None))\n"
         "    sys.exit(3)\n"
         "print('LOADED')\n")


def load_with(path, timeout=60):
    env = {k: v for k, v in os.environ.items() if k != "CHATWOOT_IDENTITY_LIB"}
    env["CHATWOOT_IDENTITY_LIB"] = str(path)
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                            text=True, timeout=timeout, check=False)
    assert result.returncode == 3, (result.returncode, result.stdout, result.stderr)
    kind, message, paths = (part.strip() for part in result.stdout.split("|"))
    assert kind == "LibraryLoadError"
    assert str(path) in message and str(path) in paths
    return message


def library_bytes():
    return REPO_BUILD.read_bytes()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_copy_is_a_load_error_not_a_crash(tmp_path, keep):
    data = library_bytes()
    partial = tmp_path / "libchatwoot_identity.so"
    partial.write_bytes(data[:int(len(data) * keep)])
    message = load_with(partial)
    assert "truncated or damaged" in message and "reinstall" in message


def test_a_copy_cut_inside_the_elf_header(tmp_path):
    partial = tmp_path / "lib.so"
    partial.write_bytes(library_bytes()[:40])
    assert "truncated or damaged" in load_with(partial)


def test_damaged_program_headers(tmp_path):
    data = bytearray(library_bytes())
    struct.pack_into("<Q", data, 32, len(data) + 4096)  # e_phoff past the end
    damaged = tmp_path / "lib.so"
    damaged.write_bytes(bytes(data))
    assert "program headers lie outside the file" in load_with(damaged)


@pytest.mark.parametrize(("content", "words"), [
    (b"", "the file is empty"),
    (b"not a library at all\n", "not a shared library"),
    (b"MZ" + b"\0" * 200, "it is a PE DLL (Windows)"),
    (b"\xcf\xfa\xed\xfe" + b"\0" * 200, "it is a Mach-O dylib (macOS)"),
])
def test_not_a_library_says_what_it_is(tmp_path, content, words):
    junk = tmp_path / "lib.so"
    junk.write_bytes(content)
    message = load_with(junk)
    assert words in message
    if content:
        assert "this process needs an ELF shared object (Linux)" in message


def test_a_library_for_another_machine(tmp_path):
    data = bytearray(library_bytes())
    struct.pack_into("<H", data, 18, 183)  # e_machine: AArch64
    foreign = tmp_path / "lib.so"
    foreign.write_bytes(bytes(data))
    message = load_with(foreign)
    assert "built for aarch64, this process is x86_64" in message
    assert "install the package built for x86_64" in message


def test_a_32_bit_library(tmp_path):
    data = bytearray(library_bytes())
    data[4] = 1  # ELFCLASS32
    foreign = tmp_path / "lib.so"
    foreign.write_bytes(bytes(data))
    assert "32-bit library, this process is 64-bit" in load_with(foreign)


def test_a_fifo_is_refused_at_once_not_a_hang(tmp_path):
    fifo = tmp_path / "lib.so"
    os.mkfifo(fifo)
    message = load_with(fifo, timeout=30)
    assert "FIFO (named pipe)" in message and "no such file" not in message


def test_a_directory(tmp_path):
    message = load_with(tmp_path)
    assert "it is a directory" in message and "no such file" not in message


def test_a_symlink_loop(tmp_path):
    a, b = tmp_path / "a.so", tmp_path / "b.so"
    a.symlink_to(b)
    b.symlink_to(a)
    message = load_with(a)
    assert "symbolic link loop" in message and "no such file" not in message


def test_a_missing_file_is_still_no_such_file(tmp_path):
    assert "no such file" in load_with(tmp_path / "absent.so")


def test_a_library_without_the_symbols(tmp_path):
    """A real shared library that is not this one: libc's math library (no cw_ symbols)."""
    import ctypes.util
    name = ctypes.util.find_library("m")
    path = next(p for p in (f"/lib/x86_64-linux-gnu/{name}", f"/usr/lib/x86_64-linux-gnu/{name}")
                if os.path.isfile(p))
    message = load_with(path)
    assert "lacks cw_abi_version" in message and "not a chatwoot_identity library" in message


def test_a_symlink_to_the_real_library_still_loads(tmp_path):
    link = tmp_path / "lib.so"
    link.symlink_to(REPO_BUILD)
    env = {k: v for k, v in os.environ.items() if k != "CHATWOOT_IDENTITY_LIB"}
    env["CHATWOOT_IDENTITY_LIB"] = str(link)
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,
                            check=False)
    assert result.stdout.strip() == "LOADED", result.stderr


def test_the_load_error_is_typed_and_an_import_error():
    assert issubclass(LibraryLoadError, ImportError)
    assert chatwoot_identity.LibraryLoadError is LibraryLoadError


# The checks for the other targets' formats, with the files faked (macOS and Windows
# libraries cannot load here; their loader runs the same checks before dlopen).
def macho(cputype, segments, total):
    cmds = b""
    for fileoff, filesize in segments:
        cmd = struct.pack("<II16sQQQQiiII", 0x19, 72, b"__TEXT", 0, filesize, fileoff, filesize,
                          5, 5, 0, 0)
        cmds += cmd
    header = struct.pack("<IiiIIIII", 0xFEEDFACF, cputype, 0, 6, len(segments), len(cmds), 0, 0)
    body = header + cmds
    return body + b"\0" * (total - len(body))


def pe(machine, sections, total, dll=True):
    lfanew = 64
    dos = b"MZ" + b"\0" * 58 + struct.pack("<I", lfanew)
    coff = b"PE\0\0" + struct.pack("<HHIIIHH", machine, len(sections), 0, 0, 0, 0, 0x2000 if dll else 0x2)
    table = b"".join(struct.pack("<8sIIII12x", b".text", 0, 0, size, ptr) for ptr, size in sections)
    body = dos + coff + table
    return body + b"\0" * (total - len(body))


MAC_ARM = _targets.TARGETS["macos-arm64"]["machine"]
WIN_X64 = _targets.TARGETS["windows-x86_64"]["machine"]


@pytest.mark.parametrize(("data", "fmt", "machine", "expected"), [
    (macho(MAC_ARM, [(0, 4096)], 4096), "macho", MAC_ARM, None),
    (macho(MAC_ARM, [(0, 8192)], 4096), "macho", MAC_ARM, "truncated or damaged"),
    (macho(_targets.TARGETS["macos-x86_64"]["machine"], [(0, 4096)], 4096), "macho", MAC_ARM,
     "built for x86_64, this process is arm64"),
    (pe(WIN_X64, [(1024, 512)], 2048), "pe", WIN_X64, None),
    (pe(WIN_X64, [(1024, 4096)], 2048), "pe", WIN_X64, "truncated or damaged"),
    (pe(_targets.TARGETS["windows-arm64"]["machine"], [(1024, 512)], 2048), "pe", WIN_X64,
     "built for arm64, this process is x86_64"),
    (pe(WIN_X64, [(1024, 512)], 2048, dll=False), "pe", WIN_X64, "not a DLL"),
    (b"\x7fELF" + b"\0" * 100, "pe", WIN_X64, "it is an ELF shared object (Linux), this process needs a PE DLL"),
])
def test_other_formats_are_checked_the_same_way(tmp_path, data, fmt, machine, expected):
    path = tmp_path / "lib"
    path.write_bytes(data)
    if expected is None:
        _binary.check(path, fmt, machine)
    else:
        with pytest.raises(_binary.BadLibrary, match=re.escape(expected)):
            _binary.check(path, fmt, machine)

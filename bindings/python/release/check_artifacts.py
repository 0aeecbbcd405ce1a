"""test-dist, inside the user's venv: each wheel in DIST carries exactly the library of its
target (ELF machine, C library) at the path the loader looks in, and the loader's target
detection, with machine and C library faked, picks that target.
Usage: check_artifacts.py DIST_PYTHON_DIR"""

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from targets import ELF_MACHINES, TARGETS, needed_libc, target_of_wheel

from chatwoot_identity import _binary, _library, _target


def readelf(flag: str, path: Path) -> str:
    return subprocess.run(["readelf", flag, str(path)], capture_output=True, text=True,
                          check=True).stdout


# sys.platform and platform.machine() as each OS spells them.
PLATFORMS = {"linux": "linux", "macos": "darwin", "windows": "win32"}
MACHINE_SPELLING = {("macos", "aarch64"): "arm64", ("windows", "x86_64"): "AMD64",
                    ("windows", "aarch64"): "ARM64"}


def detected(os_name: str, machine: str, libc: str) -> str:
    """detect() with sys.platform, platform.machine() and the C library probes faked."""
    saved = (_target.platform.machine, _target.glibc_version, _target.musl_loaders)
    spelled = MACHINE_SPELLING.get((os_name, machine), machine)
    _target.platform.machine = lambda: spelled
    _target.glibc_version = (lambda: "glibc 2.17") if libc == "gnu" else (lambda: None)
    _target.musl_loaders = ((lambda: [f"/lib/ld-musl-{machine}.so.1"]) if libc == "musl"
                            else list)
    try:
        return _target.detect(system=PLATFORMS[os_name])
    finally:
        _target.platform.machine, _target.glibc_version, _target.musl_loaders = saved


def check(wheel: Path) -> str:
    target = target_of_wheel(wheel.name)
    facts = TARGETS[target]
    assert detected(facts["os"], facts["arch"], facts["libc"]) == target, \
        f"{wheel.name}: detection picks another target"
    bundled = _library.candidates(target)[0][1]
    inside = "/".join(bundled.parts[-4:])  # chatwoot_identity/_lib/<target>/<library file>
    with zipfile.ZipFile(wheel) as zf:
        libraries = [n for n in zf.namelist() if "/_lib/" in n]
        assert libraries == [inside], f"{wheel.name}: {libraries}, the loader looks for {inside}"
        if facts["os"] != "linux":
            with tempfile.TemporaryDirectory() as tmp:
                _binary.check(Path(zf.extract(inside, tmp)), facts["format"], facts["machine"])
            return f"{wheel.name}: {facts['format']} {facts['arch']}, loader picks {target}"
        machine_name, libc = ELF_MACHINES[facts["machine"]], needed_libc(target)
        with tempfile.TemporaryDirectory() as tmp:
            library = Path(zf.extract(inside, tmp))
            header = readelf("-h", library)
            needed = [line.split("[")[1].rstrip("]") for line in readelf("-d", library).splitlines()
                      if "(NEEDED)" in line]
    assert f"Machine:                           {machine_name}" in header, f"{wheel.name}:\n{header}"
    assert libc in needed, f"{wheel.name}: needs {needed}, not {libc}"
    assert len([n for n in needed if n.startswith("libc.")]) == 1, f"{wheel.name}: needs {needed}"
    return f"{wheel.name}: {machine_name}, needs {libc}, loader picks {target}"


def main() -> None:
    wheels = sorted(Path(sys.argv[1]).glob("*.whl"))
    # Every release target has its wheel (TARGETS narrows it, as for make dist).
    wanted = set(os.environ.get("TARGETS", " ".join(TARGETS)).split())
    found = {target_of_wheel(w.name) for w in wheels}
    assert found == wanted, f"wheels for {sorted(found)}, expected {sorted(wanted)}"
    for wheel in wheels:
        print(check(wheel))


if __name__ == "__main__":
    main()

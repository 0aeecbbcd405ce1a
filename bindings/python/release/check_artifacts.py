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

from targets import TARGETS, target_of_wheel

from chatwoot_identity import _library, _target


def readelf(flag: str, path: Path) -> str:
    return subprocess.run(["readelf", flag, str(path)], capture_output=True, text=True,
                          check=True).stdout


def detected(machine: str, libc: str) -> str:
    """detect() with platform.machine() and the C library probes faked."""
    saved = (_target.platform.machine, _target.glibc_version, _target.musl_loaders)
    _target.platform.machine = lambda: machine
    _target.glibc_version = (lambda: "glibc 2.17") if libc == "gnu" else (lambda: None)
    _target.musl_loaders = ((lambda: [f"/lib/ld-musl-{machine}.so.1"]) if libc == "musl"
                            else list)
    try:
        return _target.detect()
    finally:
        _target.platform.machine, _target.glibc_version, _target.musl_loaders = saved


def check(wheel: Path) -> str:
    target = target_of_wheel(wheel.name)
    _, machine_name, libc = TARGETS[target]
    arch, flavour = target.split("-")[1:]
    assert detected(arch, flavour) == target, f"{wheel.name}: detection picks another target"
    bundled = _library.candidates(target)[0][1]
    inside = "/".join(bundled.parts[-4:])  # chatwoot_identity/_lib/<target>/libchatwoot_identity.so
    with zipfile.ZipFile(wheel) as zf:
        libraries = [n for n in zf.namelist() if n.endswith(".so")]
        assert libraries == [inside], f"{wheel.name}: {libraries}, the loader looks for {inside}"
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

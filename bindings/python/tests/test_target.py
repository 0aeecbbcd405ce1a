"""Target detection with its inputs faked: the machine and the C library decide which
``_lib/<target>/`` (and which wheel) fits."""

import pytest

from chatwoot_identity import LibraryLoadError, _library, _target, _targets


@pytest.mark.parametrize(("machine", "libc", "expected"), [
    ("x86_64", "gnu", "linux-x86_64-gnu"),
    ("AMD64", "gnu", "linux-x86_64-gnu"),
    ("aarch64", "gnu", "linux-aarch64-gnu"),
    ("arm64", "musl", "linux-aarch64-musl"),
    ("x86_64", "musl", "linux-x86_64-musl"),
    ("riscv64", "gnu", "linux-riscv64-gnu"),  # no library: the error names what was looked for
])
def test_machine_and_c_library_name_the_target(machine, libc, expected):
    assert _target.detect(machine=machine, libc=libc, system="linux") == expected


def fake(monkeypatch, machine, glibc, musl_loaders):
    monkeypatch.setattr(_target.sys, "platform", "linux")
    monkeypatch.setattr(_target.platform, "machine", lambda: machine)
    monkeypatch.setattr(_target, "glibc_version", lambda: glibc)
    monkeypatch.setattr(_target, "musl_loaders", lambda: musl_loaders)


def test_glibc_wins_over_an_installed_musl_loader(monkeypatch):
    # Debian with musl-tools has /lib/ld-musl-x86_64.so.1, yet the process runs on glibc.
    fake(monkeypatch, "x86_64", "glibc 2.36", ["/lib/ld-musl-x86_64.so.1"])
    assert _target.detect() == "linux-x86_64-gnu"


@pytest.mark.parametrize(("machine", "expected"), [
    ("aarch64", "linux-aarch64-musl"), ("x86_64", "linux-x86_64-musl")])
def test_musl_when_glibc_is_absent_and_musl_loader_present(monkeypatch, machine, expected):
    fake(monkeypatch, machine, None, [f"/lib/ld-musl-{machine}.so.1"])
    assert _target.detect() == expected


def test_aarch64_glibc(monkeypatch):
    fake(monkeypatch, "aarch64", "glibc 2.17", [])
    assert _target.detect() == "linux-aarch64-gnu"


def test_neither_reported_defaults_to_gnu(monkeypatch):
    fake(monkeypatch, "x86_64", None, [])
    assert _target.detect() == "linux-x86_64-gnu"


def test_this_machine():
    assert _target.detect() == "linux-x86_64-gnu"  # the CI machine: Debian on x86_64


@pytest.mark.parametrize(("system", "machine", "expected"), [
    ("darwin", "arm64", "macos-arm64"),
    ("darwin", "x86_64", "macos-x86_64"),
    ("win32", "AMD64", "windows-x86_64"),
    ("win32", "ARM64", "windows-arm64"),
    ("freebsd14", "amd64", "freebsd14-x86_64"),  # no library: named for the error
])
def test_macos_and_windows_name_their_targets(system, machine, expected):
    assert _target.detect(machine=machine, system=system) == expected


def test_every_release_target_is_detected_from_its_own_platform():
    """Each target of targets.toml is what detect() answers on that platform, so a wheel's
    _lib/<target>/ is the folder its loader looks in."""
    spelling = {"macos": "darwin", "windows": "win32", "linux": "linux"}
    for name, facts in _targets.TARGETS.items():
        libc = facts["libc"] or None
        assert _target.detect(machine=facts["arch"], libc=libc, system=spelling[facts["os"]]) == name


@pytest.mark.parametrize(("target", "file"), [
    ("linux-x86_64-gnu", "libchatwoot_identity.so"),
    ("linux-aarch64-musl", "libchatwoot_identity.so"),
    ("macos-arm64", "libchatwoot_identity.dylib"),
    ("macos-x86_64", "libchatwoot_identity.dylib"),
    ("windows-x86_64", "chatwoot_identity.dll"),
    ("windows-arm64", "chatwoot_identity.dll"),
])
def test_the_loader_looks_for_each_targets_file_in_its_folder(target, file):
    label, path = _library.candidates(target)[0]
    assert label == f"bundled copy for {target}"
    assert path.parts[-3:] == ("_lib", target, file)


def outside_the_checkout(monkeypatch, tmp_path):
    """As installed: no repository build to fall back to."""
    monkeypatch.setattr(_library, "__file__", str(tmp_path / "chatwoot_identity" / "_library.py"))


def test_an_unknown_platform_names_what_was_looked_for(monkeypatch, tmp_path):
    outside_the_checkout(monkeypatch, tmp_path)
    with pytest.raises(LibraryLoadError) as info:
        _library.load(environ={}, target="freebsd14-x86_64")
    message = str(info.value)
    assert "for this machine's target freebsd14-x86_64" in message
    assert "No release of chatwoot_identity is built for freebsd14-x86_64" in message
    assert "_lib/freebsd14-x86_64/libchatwoot_identity.so: no such file" in message
    assert "system library path" not in message  # only for Linux targets
    assert ", ".join(_targets.TARGETS) in message


def test_a_macos_machine_with_no_bundled_dylib_is_the_typed_error(monkeypatch, tmp_path):
    outside_the_checkout(monkeypatch, tmp_path)
    with pytest.raises(LibraryLoadError) as info:
        _library.load(environ={}, target="macos-arm64")
    assert "_lib/macos-arm64/libchatwoot_identity.dylib: no such file" in str(info.value)

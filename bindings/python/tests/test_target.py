"""Target detection with its inputs faked: the machine and the C library decide which
``_lib/<target>/`` (and which wheel) fits."""

import pytest

from chatwoot_identity import _target


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

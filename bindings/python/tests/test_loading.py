"""Finding the library: $CHATWOOT_IDENTITY_LIB (never skipped), the bundled copy for this
machine's target, the system library path, and only in a checkout the repository build."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SAMPLE_HASH

import chatwoot_identity

PROBE = ("import chatwoot_identity as c; "
         "print(c.library_path); "
         "print(c.identifier_hash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'))")
TARGET = chatwoot_identity._library._target.detect()
PACKAGE = Path(chatwoot_identity.__file__).resolve().parent
BUNDLED = PACKAGE / "_lib" / TARGET / "libchatwoot_identity.so"
REPO_BUILD = REPO / "target" / "release" / "libchatwoot_identity.so"


def run(code, env_lib=None, pythonpath=None):
    env = {k: v for k, v in os.environ.items() if k not in ("CHATWOOT_IDENTITY_LIB", "PYTHONPATH")}
    if env_lib is not None:
        env["CHATWOOT_IDENTITY_LIB"] = str(env_lib)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=False)


def test_bundled_copy_by_default():
    result = run(PROBE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(BUNDLED), SAMPLE_HASH]


def test_environment_variable_comes_first(tmp_path):
    copy = tmp_path / "custom" / "libchatwoot_identity.so"
    copy.parent.mkdir()
    shutil.copy(REPO_BUILD, copy)
    result = run(PROBE, env_lib=copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(copy), SAMPLE_HASH]


def test_a_wrong_environment_variable_is_an_error_not_a_fallback(tmp_path):
    missing = tmp_path / "nowhere.so"
    result = run(PROBE, env_lib=missing)
    assert result.returncode != 0
    last = result.stderr[result.stderr.index("LibraryLoadError"):]
    assert f"$CHATWOOT_IDENTITY_LIB={missing}: no such file. To fix: " in last
    assert f"This machine's target is {TARGET}" in last
    assert str(BUNDLED) not in result.stdout  # nothing else was loaded instead


def test_an_environment_variable_naming_a_non_library_is_an_error(tmp_path):
    junk = tmp_path / "libchatwoot_identity.so"
    junk.write_bytes(b"not an ELF file")
    result = run(PROBE, env_lib=junk)
    assert result.returncode != 0 and f"$CHATWOOT_IDENTITY_LIB={junk}" in result.stderr


def copy_package_without_library(root):
    """The installed package, minus the bundled .so, three folders deep (no repo above it)."""
    site = root / "a" / "b" / "c"
    shutil.copytree(PACKAGE, site / "chatwoot_identity",
                    ignore=shutil.ignore_patterns("_lib", "__pycache__"))
    return site


def test_import_error_names_the_target_and_every_place_tried(tmp_path):
    site = copy_package_without_library(tmp_path)
    result = run("import chatwoot_identity", pythonpath=site)
    assert result.returncode != 0
    last = result.stderr[result.stderr.index("LibraryLoadError"):]
    assert f"for this machine's target {TARGET}" in last
    bundled = site / "chatwoot_identity" / "_lib" / TARGET / "libchatwoot_identity.so"
    assert f"bundled copy for {TARGET}: {bundled}: no such file (to fix: " in last
    assert "system library path: libchatwoot_identity.so.0" in last
    # an installed package never falls back to a repository's target/release
    assert "repository build" not in last and "target/release" not in last
    assert "cargo build --release" in last


def test_repository_build_is_the_last_resort(tmp_path):
    # A checkout layout: <repo>/bindings/python/src/chatwoot_identity without a bundled copy.
    repo = tmp_path / "repo"
    site = repo / "bindings" / "python" / "src"
    shutil.copytree(PACKAGE, site / "chatwoot_identity",
                    ignore=shutil.ignore_patterns("_lib", "__pycache__"))
    (repo / "Cargo.toml").write_text("[package]\n")
    (repo / "target" / "release").mkdir(parents=True)
    shutil.copy(REPO_BUILD, repo / "target" / "release")
    result = run(PROBE, pythonpath=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(repo / "target" / "release" / "libchatwoot_identity.so"),
                                     SAMPLE_HASH]


STUB = r"""
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
int32_t cw_identifier_hash(void) { return -7; }
bool cw_verify(void) { return true; }
int32_t cw_key_new(void) { return -7; }
void cw_key_free(void *k) { (void)k; }
int32_t cw_key_identifier_hash(void) { return -7; }
bool cw_key_verify(void) { return true; }
int32_t cw_key_identifier_hash_batch(void) { return -7; }
const char *cw_status_message(int32_t s) { (void)s; return "stub"; }
const char *cw_version(void) { return "9.9.9"; }
uint32_t cw_abi_version(void) { return 1; }
"""


def test_a_library_of_another_abi_version_is_refused(tmp_path):
    source = tmp_path / "stub.c"
    source.write_text(STUB)
    stub = tmp_path / "libchatwoot_identity.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(stub), str(source)], check=True)
    site = copy_package_without_library(tmp_path)
    result = run("import chatwoot_identity", env_lib=stub, pythonpath=site)
    assert result.returncode != 0
    assert (f"$CHATWOOT_IDENTITY_LIB={stub}: its ABI version is 1, this package needs 2. To fix: "
            "install the library and the package of the same release") in result.stderr


def test_a_library_of_this_abi_version_lacking_functions_is_refused(tmp_path):
    source = tmp_path / "stub.c"
    source.write_text(STUB.replace("return 1; }", "return 2; }"))
    stub = tmp_path / "libchatwoot_identity.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(stub), str(source)], check=True)
    result = run("import chatwoot_identity", env_lib=stub)
    assert result.returncode != 0
    last = result.stderr[result.stderr.index("LibraryLoadError"):]
    assert f"$CHATWOOT_IDENTITY_LIB={stub}: it lacks the functions cw_sha256_backend" in last
    assert "cw_explain" in last and "install a matching chatwoot_identity package" in last


def test_the_system_library_path_comes_after_the_bundled_copy(tmp_path):
    # LD_LIBRARY_PATH is part of dlopen's search by SONAME, like /usr/local/lib after ldconfig.
    system = tmp_path / "system"
    system.mkdir()
    shutil.copy(REPO_BUILD, system / "libchatwoot_identity.so.0")
    site = copy_package_without_library(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "CHATWOOT_IDENTITY_LIB"}
    env.update(PYTHONPATH=str(site), LD_LIBRARY_PATH=str(system))
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(system / "libchatwoot_identity.so.0"), SAMPLE_HASH]
    # with the bundled copy present, it wins
    env["PYTHONPATH"] = str(PACKAGE.parent)
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, check=False)
    assert result.stdout.split() == [str(BUNDLED), SAMPLE_HASH]

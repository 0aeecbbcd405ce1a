"""The suite runs against the wheel installed in a fresh venv, not the source tree."""

import sys
import zipfile
from pathlib import Path

from conftest import BINDING, IDENTIFIER, SAMPLE_HASH, SECRET

import chatwoot_identity


def test_module_is_the_installed_copy():
    module = Path(chatwoot_identity.__file__).resolve()
    assert sys.prefix != sys.base_prefix, "pytest must run inside the test venv (make test)"
    assert Path(sys.prefix).resolve() in module.parents
    assert "site-packages" in module.parts
    assert BINDING / "src" not in module.parents


def test_the_bundled_library_is_loaded():
    package_dir = Path(chatwoot_identity.__file__).resolve().parent
    target = chatwoot_identity._library._target.detect()
    assert chatwoot_identity.library_path == package_dir / "_lib" / target / "libchatwoot_identity.so"
    assert chatwoot_identity.library_version() == chatwoot_identity.__version__


def test_type_hints_ship_with_the_package():
    assert (Path(chatwoot_identity.__file__).parent / "py.typed").is_file()


def test_wheel_is_a_platform_wheel_with_the_library():
    wheels = sorted((BINDING / "build" / "dist").glob("*.whl"))
    assert len(wheels) == 1, wheels
    name = wheels[0].name
    assert name.startswith(f"chatwoot_identity-{chatwoot_identity.__version__}-py3-none-")
    assert not name.endswith("-any.whl")
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
    target = chatwoot_identity._library._target.detect()
    assert [n for n in names if n.endswith(".so")] == \
        [f"chatwoot_identity/_lib/{target}/libchatwoot_identity.so"]
    assert "chatwoot_identity/py.typed" in names


def test_done_when_one_liner():
    assert chatwoot_identity.identifier_hash(SECRET, IDENTIFIER) == SAMPLE_HASH

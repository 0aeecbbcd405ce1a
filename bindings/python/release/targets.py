"""The release targets and their wheel tags, from the package's generated table of
targets.toml (src/chatwoot_identity/_targets.py)."""

import sys
from pathlib import Path

_SOURCE = Path(__file__).resolve().parents[1] / "src" / "chatwoot_identity"
if (_SOURCE / "_targets.py").is_file():  # in the checkout
    sys.path.insert(0, str(_SOURCE))
    from _targets import TARGETS
    sys.path.pop(0)
else:  # copied into test-dist's app, beside the installed package
    from chatwoot_identity._targets import TARGETS

# The libc a Linux library must need (musl: the name musllinux wheels carry, Alpine's soname
# for musl's libc; musl's loader resolves any libc.* name to itself).
LINUX_LIBC = {"gnu": "libc.so.6", "musl": "libc.musl-{arch}.so.1"}
# readelf -h's name of each ELF machine.
ELF_MACHINES = {62: "Advanced Micro Devices X86-64", 183: "AArch64"}


def wheel_tag(target: str) -> str:
    return TARGETS[target]["wheel_tag"]


def needed_libc(target: str) -> str:
    facts = TARGETS[target]
    return LINUX_LIBC[facts["libc"]].format(arch=facts["arch"])


def target_of_wheel(filename: str) -> str:
    """The target a wheel's file name (its platform tag) is for."""
    for target, facts in TARGETS.items():
        if filename.endswith(f"-py3-none-{facts['wheel_tag']}.whl"):
            return target
    raise ValueError(f"{filename}: not a release wheel of chatwoot_identity")

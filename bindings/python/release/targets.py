"""The four release targets: their wheel platform tags and what their library must be."""

# target -> (wheel platform tag, ELF machine as readelf -h names it, the libc it must need).
# musl: the name musllinux wheels carry (Alpine's soname for musl's libc; musl's loader
# resolves any libc.* name to itself, so it loads on every musl system).
TARGETS = {
    "linux-x86_64-gnu": ("manylinux_2_17_x86_64.manylinux2014_x86_64",
                         "Advanced Micro Devices X86-64", "libc.so.6"),
    "linux-aarch64-gnu": ("manylinux_2_17_aarch64.manylinux2014_aarch64", "AArch64", "libc.so.6"),
    "linux-x86_64-musl": ("musllinux_1_2_x86_64", "Advanced Micro Devices X86-64",
                          "libc.musl-x86_64.so.1"),
    "linux-aarch64-musl": ("musllinux_1_2_aarch64", "AArch64", "libc.musl-aarch64.so.1"),
}


def target_of_wheel(filename: str) -> str:
    """The target a wheel's file name (its platform tag) is for."""
    for target, (tag, _, _) in TARGETS.items():
        if filename.endswith(f"-py3-none-{tag}.whl"):
            return target
    raise ValueError(f"{filename}: not a release wheel of chatwoot_identity")

"""The php binding's generated files: each path (from the repository root) and its writer."""
from .header import BANNER


def php(t):
    out = ["<?php", "", f"// {BANNER}", "", "declare(strict_types=1);", "", "namespace ChatwootIdentity;", "",
           "/** @internal The library's numbers, from its header. */", "final class Abi", "{",
           f"    public const ABI_VERSION = {t['abi_version']};", f"    public const HASH_LEN = {t['hash_len']};"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append("")
        out.append(f"    public const {title} = [")
        out += [f"        '{n}' => {v}," for n, v in t[key]]
        out.append("    ];")
    out.append("}")
    return "\n".join(out) + "\n"


FILES = {
    "bindings/php/src/Abi.php": php,
}

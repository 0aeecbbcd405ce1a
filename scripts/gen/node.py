"""The node binding's generated files: each path (from the repository root) and its writer."""
from .header import BANNER


def node(t):
    out = [f"// {BANNER}", "'use strict';", "",
           f"exports.ABI_VERSION = {t['abi_version']};", f"exports.HASH_LEN = {t['hash_len']};"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"exports.{title} = Object.freeze({{")
        out += [f"  {n}: {v}," for n, v in t[key]]
        out.append("});")
    return "\n".join(out) + "\n"


FILES = {
    "bindings/node/lib/abi.js": node,
}

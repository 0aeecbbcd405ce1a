"""The python binding's generated files: each path (from the repository root) and its writer."""
from .header import BANNER


def python(t):
    out = [f'"""{BANNER}"""', "", f"ABI_VERSION = {t['abi_version']}", f"HASH_LEN = {t['hash_len']}", ""]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"{title} = {{")
        out += [f'    "{n}": {v},' for n, v in t[key]]
        out.append("}")
    return "\n".join(out) + "\n"


FILES = {
    "bindings/python/src/chatwoot_identity/_abi.py": python,
}

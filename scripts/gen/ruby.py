"""The ruby binding's generated files: each path (from the repository root) and its writer."""
from .header import BANNER


def ruby(t):
    out = ["# frozen_string_literal: true", "", f"# {BANNER}", "", "module ChatwootIdentity",
           "  # The library's numbers, from its header.", "  module Abi",
           f"    ABI_VERSION = {t['abi_version']}", f"    HASH_LEN = {t['hash_len']}"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"    {title} = {{")
        out += [f"      {n}: {v}," for n, v in t[key]]
        out.append("    }.freeze")
    out += ["  end", "end"]
    return "\n".join(out) + "\n"


FILES = {
    "bindings/ruby/lib/chatwoot_identity/abi.rb": ruby,
}

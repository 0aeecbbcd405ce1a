"""The elixir binding's generated files: each path (from the repository root) and its writer."""
from .header import BANNER


def elixir(t):
    out = [f"# {BANNER}", "defmodule ChatwootIdentity.Abi do", '  @moduledoc false', "",
           f"  def abi_version, do: {t['abi_version']}", f"  def hash_len, do: {t['hash_len']}"]
    for key in ("statuses", "verdicts", "candidate_kinds"):
        out.append("")
        out.append(f"  def {key}, do: [")
        out += [f"    {n}: {v}," for n, v in t[key]]
        out[-1] = out[-1].rstrip(",")
        out.append("  ]")
    out.append("end")
    return "\n".join(out) + "\n"




def c_header(t):
    # For C code that needs names for values (the Elixir NIF's atoms), one X-macro list each.
    out = [f"/* {BANNER} */", "#ifndef CHATWOOT_IDENTITY_TABLES_H", "#define CHATWOOT_IDENTITY_TABLES_H", ""]
    for key, macro in (("statuses", "CW_STATUS_TABLE"), ("verdicts", "CW_VERDICT_TABLE")):
        out.append(f"#define {macro}(X) \\")
        out += [f"  X({v}, \"{n}\") \\" for n, v in t[key]]
        out.append("")
    out.append("#endif")
    return "\n".join(out) + "\n"


FILES = {
    "bindings/elixir/lib/chatwoot_identity/abi.ex": elixir,
    "bindings/elixir/c_src/chatwoot_identity_tables.h": c_header,
}

"""The elixir binding's generated files: each path (from the repository root) and its writer."""
import sys
import tomllib

from .header import BANNER, ROOT


def elixir(t):
    out = [f"# {BANNER}", "defmodule ChatwootIdentity.Abi do", '  @moduledoc false', "",
           f"  def abi_version, do: {t['abi_version']}", f"  def hash_len, do: {t['hash_len']}"]
    for key in ("statuses", "verdicts", "candidate_kinds"):
        out.append("")
        # As `mix format` writes it, so --check-formatted passes on generated files too.
        out.append(f"  def {key},")
        out.append("    do: [")
        out += [f"      {n}: {v}," for n, v in t[key]]
        out[-1] = out[-1].rstrip(",")
        out.append("    ]")
    for key, name, extra in (("statuses", "status", []), ("verdicts", "verdict", ["unknown"]),
                             ("candidate_kinds", "candidate_kind", [])):
        atoms = [f":{n}" for n, _ in t[key]] + [f":{e}" for e in extra]
        out += ["", f"  @type {name} ::", "          " + "\n          | ".join(atoms)]
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


# The NIFs: (Elixir name, argument names, the cw_ function it wraps). The C table
# (ERL_NIF_INIT's ErlNifFunc array) and the Elixir stubs are both written from this list, so
# they cannot disagree; each wrapped function must exist in the header.
NIFS = [
    ("identifier_hash", ["secret", "identifier"], "cw_identifier_hash"),
    ("verify", ["secret", "identifier", "hash"], "cw_verify"),
    ("key_new", ["secret"], "cw_key_new"),
    ("key_identifier_hash", ["key", "identifier"], "cw_key_identifier_hash"),
    ("key_verify", ["key", "identifier", "hash"], "cw_key_verify"),
    ("key_identifier_hashes", ["key", "identifiers"], "cw_key_identifier_hash_batch"),
    ("explain", ["secret", "identifier", "hash", "other_secrets", "other_identifiers"], "cw_explain"),
    ("key_set_user_script", ["key", "identifier", "fields_json", "nonce"], "cw_key_set_user_script"),
    ("key_set_user_payload", ["key", "identifier", "fields_json"], "cw_key_set_user_payload"),
    ("reset_script", ["nonce"], "cw_reset_script"),
    ("verdict_message", ["code"], "cw_verdict_message"),
    ("verdict_name", ["code"], "cw_verdict_name"),
    ("status_message", ["code"], "cw_status_message"),
    ("library_version", [], "cw_version"),
]
# Test builds only (-DCW_NIF_TEST_HOOKS): how many keys are alive.
TEST_NIFS = [("live_keys", [], None)]
# Header functions without a NIF of their own, and why.
NOT_WRAPPED = {
    "cw_key_free": "the key resource's destructor calls it",
    "cw_abi_version": "checked once when the NIF loads",
    "cw_sha256_backend": "a diagnostic of the C API, not part of the Elixir API",
}


def _check_nifs(t):
    header = {f.name for f in t["functions"]}
    wrapped = {cw for _, _, cw in NIFS}
    missing = sorted(wrapped - header)
    unmapped = sorted(header - wrapped - set(NOT_WRAPPED))
    if missing or unmapped:
        sys.exit("gen/elixir.py: NIFS wraps functions the header lacks: %s; header functions with no "
                 "NIF nor NOT_WRAPPED reason: %s" % (missing, unmapped))


def nif_funcs(t):
    _check_nifs(t)
    out = [f"/* {BANNER} */", "/* The NIF table: one entry per NIF of scripts/gen/elixir.py's NIFS list. */",
           "#ifndef CHATWOOT_IDENTITY_NIF_FUNCS_H", "#define CHATWOOT_IDENTITY_NIF_FUNCS_H", ""]
    for name, _, cw in NIFS + TEST_NIFS:
        decl = f"static ERL_NIF_TERM {name}_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);"
        out.append(decl if cw else "#ifdef CW_NIF_TEST_HOOKS\n" + decl + "\n#endif")
    out += ["", "#ifdef CW_NIF_TEST_HOOKS", "#define CW_NIF_TEST_FUNCS \\"]
    out += [f'    {{"{n}", {len(a)}, {n}_nif, 0}}, \\' for n, a, _ in TEST_NIFS]
    out += ["", "#else", "#define CW_NIF_TEST_FUNCS", "#endif", "", "#define CW_NIF_FUNCS \\"]
    out += [f'    {{"{n}", {len(a)}, {n}_nif, 0}}, /* {cw} */ \\' for n, a, cw in NIFS]
    out += ["    CW_NIF_TEST_FUNCS", "", "#endif"]
    return "\n".join(out) + "\n"


def nif_ex(t):
    _check_nifs(t)

    def stub(name, args):
        params = ", ".join(f"_{a}" for a in args)
        line = f"  def {name}({params}), do: Loader.not_loaded!()"
        if len(line) <= 98:
            return [line]
        return ["", f"  def {name}({params}),", "    do: Loader.not_loaded!()", ""]

    out = [f"# {BANNER}", "defmodule ChatwootIdentity.Nif do",
           "  # The C functions of c_src/chatwoot_identity_nif.c (scripts/gen/elixir.py's NIFS list). Call",
           "  # them through ChatwootIdentity and ChatwootIdentity.Key, which convert their arguments first.",
           "  @moduledoc false", "  @on_load :load", "", "  alias ChatwootIdentity.Nif.Loader", "  # Compiled first: the compiler runs @on_load as soon as this module is built.",
           "  require Loader", "",
           "  # The test build carries test-only hooks (see the Makefile).",
           "  @nif_name if Mix.env() == :test,",
           '              do: "chatwoot_identity_nif_test",', '              else: "chatwoot_identity_nif"', "",
           "  # Loader checks the file before the runtime maps it; a NIF that cannot load leaves every",
           "  # function below raising ChatwootIdentity.LoadError, which says why and what to do.",
           "  def load do",
           "    path = Loader.path(@nif_name)",
           "    result = with :ok <- Loader.check(path), do: :erlang.load_nif(String.to_charlist(path), 0)",
           "    Loader.loaded(path, result)",
           "  end", ""]
    for name, args, _ in NIFS:
        out += stub(name, args)
    out += ["", "  if Mix.env() == :test do"]
    for name, args, _ in TEST_NIFS:
        out += ["  " + line for line in stub(name, args)]
    out += ["  end", "end"]
    return "\n".join(out) + "\n"


# Prebuilt targets the Mix package does not carry, and why.
NO_ELIXIR = {"windows-arm64": "Erlang/OTP ships no Windows-on-Arm build to link a NIF for"}


def targets_txt(_t):
    # mix.exs (the NIF compiler's target detection) and dist.sh read this: name os arch libc.
    with (ROOT / "targets.toml").open("rb") as f:
        targets = tomllib.load(f)["targets"]
    rows = [f"{n} {tg['os']} {tg['arch']} {tg['libc'] or '-'}" for n, tg in targets.items() if n not in NO_ELIXIR]
    return f"# {BANNER}\n# name os arch libc (targets.toml)\n" + "\n".join(rows) + "\n"


FILES = {
    "bindings/elixir/lib/chatwoot_identity/abi.ex": elixir,
    "bindings/elixir/c_src/chatwoot_identity_tables.h": c_header,
    "bindings/elixir/c_src/chatwoot_identity_nif_funcs.h": nif_funcs,
    "bindings/elixir/lib/chatwoot_identity/nif.ex": nif_ex,
    "bindings/elixir/c_src/targets.txt": targets_txt,
}

"""The ruby binding's generated files: each path (from the repository root) and its writer.

- abi.rb: the ABI's numbers (statuses, verdicts, candidate kinds).
- signatures.rb: every header function's Fiddle signature and the structs' pack formats.
- status_errors.rb: one error class per cw_status (OK excepted) and the status -> class map.
  Every status gets its class, including those the gem only meets through its own bug
  (NULL_POINTER, BUFFER_TOO_SMALL, INVALID_OFFSETS, INVALID_JSON: the gem never passes such
  values), so a status the header gains is a typed error at once.
- targets.rb: the release targets of targets.toml that the loader and the gem packaging use.
"""
import re

from targets import TARGETS

from .header import BANNER, HEADER

HEAD = ["# frozen_string_literal: true", "", f"# {BANNER}", ""]

# C spelling (as scripts/gen/header.py normalises it) -> Fiddle type. Pointers of any kind are
# TYPE_VOIDP; a type missing here stops the generator rather than guessing.
FIDDLE_TYPES = {
    "void": "Fiddle::TYPE_VOID",
    "size_t": "Fiddle::TYPE_SIZE_T",
    "int32_t": "Fiddle::TYPE_INT32_T",
    "uint32_t": "-Fiddle::TYPE_INT32_T",  # Fiddle spells unsigned as the negated type
    "enum cw_status": "Fiddle::TYPE_INT",  # a C enum is an int
    "bool": "-Fiddle::TYPE_CHAR",  # C bool: one byte, 0 or 1
}
# C field type -> Array#pack directive, size and alignment (every release target is 64-bit;
# "J" is pointer-sized, "l" is always 32 bits).
PACK = {"int32_t": ("l", 4), "uint32_t": ("L", 4), "size_t": ("J", 8)}


def fiddle_type(c_type, where):
    if c_type.endswith("*"):
        return "Fiddle::TYPE_VOIDP"
    try:
        return FIDDLE_TYPES[c_type]
    except KeyError:
        raise SystemExit(f"gen/ruby.py: no Fiddle type for {c_type!r} ({where}); add it to FIDDLE_TYPES")


def pack_format(name, fields):
    fmt, offset, align_max = "", 0, 1
    for f in fields:
        directive, size = ("J", 8) if f.type.endswith("*") else PACK.get(f.type, (None, None))
        if directive is None:
            raise SystemExit(f"gen/ruby.py: no pack directive for {f.type!r} ({name}.{f.name}); add it to PACK")
        pad = -offset % size
        fmt += "x" * pad + directive
        offset += pad + size
        align_max = max(align_max, size)
    fmt += "x" * (-offset % align_max)
    return fmt


def abi(t):
    out = HEAD + ["module ChatwootIdentity", "  # The library's numbers, from its header.", "  module Abi",
                  f"    ABI_VERSION = {t['abi_version']}", f"    HASH_LEN = {t['hash_len']}"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"    {title} = {{")
        out += [f"      {n}: {v}," for n, v in t[key]]
        out.append("    }.freeze")
    out += ["  end", "end"]
    return "\n".join(out) + "\n"


def signatures(t):
    out = HEAD + ['require "fiddle"', "", "module ChatwootIdentity",
                  "  # The C functions and structs of libchatwoot_identity, as Fiddle needs them.",
                  "  # @api private", "  module Signatures",
                  "    # Symbol name => [argument types, return type], every function of the header.",
                  "    FUNCTIONS = {"]
    for f in t["functions"]:
        args = ", ".join(fiddle_type(p.type, f"{f.name}({p.name})") for p in f.params)
        proto = ", ".join(f"{p.type}{'' if p.type.endswith('*') else ' '}{p.name}" for p in f.params) or "void"
        out.append(f"      # {f.ret}{'' if f.ret.endswith('*') else ' '}{f.name}({proto})")
        out.append(f"      {f.name}: [[{args}], {fiddle_type(f.ret, f.name)}].freeze,")
    out += ["    }.freeze", "",
            "    # struct name => its Array#pack format (fields in order, padding as 'x').",
            "    STRUCTS = {"]
    for name, fields in t["structs"].items():
        out.append(f"      # {'; '.join(f'{f.type} {f.name}' for f in fields)}")
        out.append(f'      {name}: "{pack_format(name, fields)}",')
    out += ["    }.freeze", "  end", "end"]
    return "\n".join(out) + "\n"


def _status_docs():
    text = HEADER.read_text(encoding="utf-8")
    docs = {}
    for m in re.finditer(r"/\*\*(.*?)\*/\s*CW_STATUS_([A-Z0-9_]+) =", text, re.S):
        lines = [re.sub(r"^\s*\* ?", "", line).strip() for line in m.group(1).strip().splitlines()]
        docs[m.group(2).lower()] = [line for line in lines if line]
    return docs


def class_name(status):
    camel = "".join(part.capitalize() for part in status.split("_"))
    return camel if camel.endswith("Error") else camel + "Error"


def status_errors(t):
    docs = _status_docs()
    out = HEAD + ["module ChatwootIdentity"]
    names = [n for n, _ in t["statuses"] if n != "ok"]
    for n in names:
        out += [f"  # {line}" for line in docs.get(n, [f"The library's status {n.upper()}."])]
        out.append(f"  class {class_name(n)} < Error; end")
    out += ["", "  # cw_status name (from the header) => its error class.", "  ERROR_CLASSES = {"]
    out += [f"    {n}: {class_name(n)}," for n in names]
    out += ["  }.freeze", "end"]
    return "\n".join(out) + "\n"


def targets(_t):
    banner = BANNER.replace("include/chatwoot_identity.h", "targets.toml")
    out = ["# frozen_string_literal: true", "", f"# {banner}", "", "module ChatwootIdentity",
                  "  # The release targets (targets.toml): our name => the facts the loader and the gem use.",
                  "  # Pure Ruby (the gemspec reads it).", "  # @api private", "  module Targets",
                  "    ALL = {"]
    for name, t in TARGETS.items():
        fields = ", ".join(f'{k}: "{t[k]}"' for k in ("os", "arch", "libc", "shared", "gem"))
        out.append(f'      "{name}" => {{ {fields} }}.freeze,')
    out += ["    }.freeze", "  end", "end"]
    return "\n".join(out) + "\n"


FILES = {
    "bindings/ruby/lib/chatwoot_identity/abi.rb": abi,
    "bindings/ruby/lib/chatwoot_identity/signatures.rb": signatures,
    "bindings/ruby/lib/chatwoot_identity/status_errors.rb": status_errors,
    "bindings/ruby/lib/chatwoot_identity/targets.rb": targets,
}

"""The python binding's generated files: each path (from the repository root) and its writer.

Everything the Python package would otherwise type from the header: the ABI numbers and
tables, the ctypes structs, every function's argtypes/restype, one exception class per
status, the Verdict and CandidateKind members, and the release target table (targets.toml).
"""
import re
import sys

from .header import BANNER, HEADER, ROOT

PKG = "bindings/python/src/chatwoot_identity"

# C spelling -> ctypes expression. A type missing here stops the generator: a new kind of
# parameter needs a decision, not a guess.
CTYPES = {
    "void": "None",
    "bool": "c_bool",
    "int32_t": "c_int32",
    "uint32_t": "c_uint32",
    "size_t": "c_size_t",
    "enum cw_status": "c_int32",
    "enum cw_verdict": "c_int32",
    "enum cw_candidate_kind": "c_int32",
    # bytes objects pass their buffer without a copy; a key is an opaque pointer.
    "const uint8_t *": "c_char_p",
    "const char *": "c_char_p",
    "char *": "c_char_p",
    "size_t *": "POINTER(c_size_t)",
    "const size_t *": "POINTER(c_size_t)",
    "const struct cw_key *": "c_void_p",
    "struct cw_key *": "c_void_p",
    "struct cw_key **": "POINTER(c_void_p)",
    "const struct cw_bytes *": "POINTER(Bytes)",
    "const struct cw_candidates *": "POINTER(Candidates)",
    "struct cw_explanation *": "POINTER(CExplanation)",
}

# Output parameters with a more exact type than char *: a hash buffer of exactly
# CW_HASH_LEN characters (no NUL), and the batch's output, sliced by the caller.
PARAM_TYPES = {
    ("cw_identifier_hash", "out"): "HashBuffer",
    ("cw_key_identifier_hash", "out"): "HashBuffer",
    ("cw_key_identifier_hash_batch", "out"): "POINTER(c_char)",
}

# Calls that may run long enough to be worth releasing the GIL (ctypes.CDLL); every other
# call takes well under a microsecond, less than releasing and re-taking the GIL costs, and
# goes through ctypes.PyDLL.
RELEASES_GIL = {"cw_key_identifier_hash_batch", "cw_explain"}

# The Python names of the header's structs.
STRUCTS = {"cw_bytes": "Bytes", "cw_candidates": "Candidates", "cw_explanation": "CExplanation"}

# Statuses that get no exception class: OK is success, not an error. Every other status of
# the header gets one, those the binding cannot produce from Python included (NULL_POINTER,
# BUFFER_TOO_SMALL, INVALID_OFFSETS, INVALID_JSON would be a binding bug), so that any
# status the library returns is a typed error.
NO_ERROR_CLASS = {"ok"}

# Exception names that are not CamelCase(status) + "Error".
ERROR_NAMES = {"internal_error": "InternalError"}


def _die(message):
    sys.exit(f"gen-binding-tables (python): {message}")


def _ctype(function, param_type, name=None):
    if (function, name) in PARAM_TYPES:
        return PARAM_TYPES[(function, name)]
    if param_type not in CTYPES:
        _die(f"{function}: no ctypes mapping for the C type {param_type!r}; add one to scripts/gen/python.py")
    return CTYPES[param_type]


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def error_name(status):
    return ERROR_NAMES.get(status, _camel(status) + "Error")


def _enum_docs(enum, prefix):
    """{lowercase name: first paragraph of its /** */ comment} for one enum of the header."""
    text = HEADER.read_text(encoding="utf-8")
    body = re.search(r"typedef enum %s \{(.*?)\} %s;" % (enum, enum), text, re.S).group(1)
    docs = {}
    for m in re.finditer(r"/\*\*(.*?)\*/\s*%s([A-Z0-9_]+) =" % prefix, body, re.S):
        lines = [re.sub(r"^\s*\* ?", "", line).strip() for line in m.group(1).splitlines()]
        docs[m.group(2).lower()] = " ".join(line for line in lines if line).replace('"""', "'''")
    return docs


def _wrap(text, indent, width=95):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [indent + x for x in lines]


def abi(t):
    out = [f'"""{BANNER}"""', "", f"ABI_VERSION = {t['abi_version']}", f"HASH_LEN = {t['hash_len']}", ""]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"{title} = {{")
        out += [f'    "{n}": {v},' for n, v in t[key]]
        out.append("}")
    return "\n".join(out) + "\n"


def structs(t):
    out = [f'"""{BANNER}', "", 'The C ABI\'s structs, field for field."""', "",
           "from ctypes import POINTER, Structure, c_char_p, c_int32, c_size_t", ""]
    for cname, fields in t["structs"].items():
        if cname not in STRUCTS:
            _die(f"the header's struct {cname} has no Python name; add it to STRUCTS")
        out += ["", f"class {STRUCTS[cname]}(Structure):", f'    """``{cname}``."""', "",
                "    _fields_ = ("]
        out += [f'        ("{p.name}", {_ctype(cname, p.type)}),' for p in fields]
        out += ["    )", ""]
    return "\n".join(out).rstrip() + "\n"


def ffi(t):
    rows = []
    for f in t["functions"]:
        args = ", ".join(_ctype(f.name, p.type, p.name) for p in f.params)
        rows.append(f'    "{f.name}": ({f.name in RELEASES_GIL}, [{args}], {_ctype(f.name, f.ret)}),')
    for name in RELEASES_GIL - {f.name for f in t["functions"]}:
        _die(f"RELEASES_GIL names {name}, which the header does not declare")
    used = set(re.findall(r"\b\w+\b", "\n".join(rows)))

    def names(candidates):
        return ", ".join(n for n in candidates if n in used)

    out = [f'"""{BANNER}', "",
           "Every function of the header: (releases the GIL, argtypes, restype). The GIL policy",
           'is scripts/gen/python.py\'s RELEASES_GIL."""', "",
           f"from ctypes import {names(sorted(n for n in used if n.startswith(('c_', 'POINTER'))))}", ""]
    if "HashBuffer" in used:
        out.append("from ._args import HashBuffer")
    structs_used = names(sorted(STRUCTS.values(), key=str.lower))
    if structs_used:
        out.append(f"from ._structs import {structs_used}")
    out += ["", "SIGNATURES = {"] + rows + ["}"]
    return "\n".join(out) + "\n"


def errors(t):
    docs = _enum_docs("cw_status", "CW_STATUS_")
    statuses = [(n, v) for n, v in t["statuses"] if n not in NO_ERROR_CLASS]
    out = [f'"""{BANNER}', "", "One exception class per cw_status but OK, each under IdentityError.", '"""', "",
           "from __future__ import annotations", "", "from ._errorbase import IdentityError", ""]
    for name, _ in statuses:
        out += ["", f"class {error_name(name)}(IdentityError):"]
        out += ['    """' + docs.get(name, name).lstrip()]
        out[-1:] = _wrap(out[-1].strip(), "    ")
        out[-1] += '"""'
        out += ["", f'    status_name = "{name.upper()}"', f"    status = {dict(t['statuses'])[name]}", ""]
    out += ["", "BY_STATUS: dict[int, type[IdentityError]] = {"]
    out += [f"    {error_name(n)}.status: {error_name(n)}," for n, _ in statuses]
    out += ["}", "", "__all__ = ["] + [f'    "{n}",' for n in sorted(error_name(n) for n, _ in statuses)] + ["]"]
    return "\n".join(out) + "\n"


def enums(t):
    out = [f'"""{BANNER}"""', "", "from ._enumbase import CandidateKindBase, VerdictBase", "", "",
           "class Verdict(VerdictBase):",
           '    """What :func:`explain` found. The value is the library\'s stable snake_case name',
           "    (``cw_verdict_name``), so a logged verdict reads back with ``Verdict(\"uppercase_hex\")``.",
           '    """', ""]
    out += [f'    {n.upper()} = "{n}"' for n, _ in t["verdicts"]]
    out += ["    #: A code this package does not know (from a newer library); Explanation.code keeps it.",
            '    UNKNOWN = "unknown"', "", "",
            "class CandidateKind(CandidateKindBase):",
            '    """Which list held the candidate that reproduced the hash (``cw_candidate_kind``)."""', ""]
    out += [f'    {n.upper()} = "{n}"' for n, _ in t["candidate_kinds"]]
    return "\n".join(out) + "\n"


# What the loader checks in a library file before dlopen: its format and machine, by arch.
# (ELF e_machine, Mach-O cputype, PE Machine), the values those formats define.
MACHINE_CODES = {
    "x86_64": {"elf": 62, "macho": 0x01000007, "pe": 0x8664},
    "aarch64": {"elf": 183, "macho": 0x0100000C, "pe": 0xAA64},
    "arm64": {"elf": 183, "macho": 0x0100000C, "pe": 0xAA64},
}
FORMATS = {"linux": "elf", "macos": "macho", "windows": "pe"}


def release_targets(t):
    """The release targets of targets.toml as the package needs them (loader and wheels)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from targets import TARGETS  # scripts/targets.py, the one reader of targets.toml

    out = ['"""Generated by scripts/gen-binding-tables from targets.toml. Do not edit: run `make header`.',
           "", "target -> what the package needs of it: platform, wheel tag, library file, and the",
           'binary format and machine code a library file for it carries."""', "",
           "from __future__ import annotations", "", "from typing import Any", "",
           "TARGETS: dict[str, dict[str, Any]] = {"]
    for name, f in TARGETS.items():
        if f["arch"] not in MACHINE_CODES or f["os"] not in FORMATS:
            _die(f"targets.toml's {name}: no binary facts for os {f['os']!r} arch {f['arch']!r}")
        fmt = FORMATS[f["os"]]
        row = {"os": f["os"], "arch": f["arch"], "libc": f["libc"], "wheel_tag": f["wheel"],
               "library": f["shared"], "format": fmt, "machine": MACHINE_CODES[f["arch"]][fmt]}
        out.append(f'    "{name}": {{')
        out += [f'        "{k}": {v!r},' for k, v in row.items()]
        out.append("    },")
    out.append("}")
    return "\n".join(out) + "\n"


FILES = {
    f"{PKG}/_abi.py": abi,
    f"{PKG}/_structs.py": structs,
    f"{PKG}/_ffi.py": ffi,
    f"{PKG}/_errors.py": errors,
    f"{PKG}/_enums.py": enums,
    f"{PKG}/_targets.py": release_targets,
}

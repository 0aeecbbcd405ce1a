"""The node binding's generated files: each path (from the repository root) and its writer.

lib/abi.js        ABI numbers, status/verdict/candidate-kind tables, koffi's struct and function
                  declarations (every cw_* function of the header)
lib/status-errors.js  one error class per status a caller can cause, and the status -> class map
lib/targets.js    the npm platform packages, from targets.toml
index.mjs         the ESM export list
index.d.ts        the regions between `// <generated:NAME>` markers (unions, error classes,
                  the default export's members); the rest of the file is hand-written
"""
import re
import sys
import tomllib

from .header import BANNER, ROOT

# Statuses the package never turns into an error of their own, because it cannot produce them:
# it never passes NULL (null_pointer), sizes its output buffers itself and retries on
# buffer_too_small, builds the batch offsets itself (invalid_offsets). internal_error (a panic
# caught by the library) gets no class: it is the base ChatwootIdentityError, code INTERNAL_ERROR.
NO_CLASS = {"ok", "null_pointer", "buffer_too_small", "invalid_offsets", "internal_error"}

# The package's public API, besides the error classes (hand-written in lib/index.js; the export
# lists of index.mjs and index.d.ts's default export follow this list, and a test checks that
# lib/index.js exports exactly these names plus the error classes).
API = ["identifierHash", "verify", "explain", "resetScript", "IdentityKey", "Verdict", "VERDICT_CODES"]
API_TAIL = ["STATUS", "IDENTIFIER_HASH_LENGTH", "libraryVersion", "libraryPath", "target"]


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def pascal(name):
    return "".join(p.title() for p in name.split("_"))


def error_classes(t):
    return [(pascal(n) + "Error", n) for n, _ in t["statuses"] if n not in NO_CLASS]


def koffi_type(ctype, struct_names, param=True):
    """A header type as koffi's prototype syntax: enums are int32_t, `struct X` is X, and a
    non-const pointer to a struct, a handle or size_t is an output parameter (_Out_); a handle
    itself (`cw_key *`) and the caller's byte buffers are passed as they are."""
    ty = re.sub(r"\benum \w+", "int32_t", ctype)
    ty = re.sub(r"\bstruct (\w+)", r"\1", ty)
    base = ty.replace("const ", "").replace("*", "").strip()
    opaque_handle = base not in struct_names and ty.count("*") == 1 and base.startswith("cw_")
    if param and "*" in ty and not ty.startswith("const") and base not in ("char", "uint8_t") and not opaque_handle:
        ty = "_Out_ " + ty
    return ty


def abi(t):
    structs = t["structs"]
    referenced = set()
    for f in t["functions"]:
        for p in f.params:
            referenced.update(re.findall(r"\bstruct (\w+)", p.type))
    opaque = sorted(referenced - set(structs))
    out = [f"// {BANNER}", "'use strict';", "",
           f"exports.ABI_VERSION = {t['abi_version']};", f"exports.HASH_LEN = {t['hash_len']};"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append(f"exports.{title} = Object.freeze({{")
        out += [f"  {n}: {v}," for n, v in t[key]]
        out.append("});")
    out.append("// Opaque types: declared, never read.")
    out.append("exports.OPAQUE = Object.freeze([" + ", ".join(f"'{n}'" for n in opaque) + "]);")
    out.append("// Structs in declaration order (a struct's fields may name an earlier one).")
    out.append("exports.STRUCTS = Object.freeze([")
    for name, fields in structs.items():
        body = ", ".join(f"{p.name}: '{koffi_type(p.type, structs, param=False)}'" for p in fields)
        out.append(f"  ['{name}', {{ {body} }}],")
    out.append("]);")
    out.append("// Every function of the header: the package's name for it -> koffi's prototype.")
    out.append("exports.FUNCTIONS = Object.freeze({")
    for f in t["functions"]:
        params = ", ".join(f"{koffi_type(p.type, structs)} {p.name}" for p in f.params) or "void"
        ret = koffi_type(f.ret, structs, param=False)
        out.append(f"  {camel(f.name[3:])}: '{ret} {f.name}({params})',")
    out.append("});")
    return "\n".join(out) + "\n"


def status_errors(t):
    out = [f"// {BANNER}", "'use strict';",
           "// One class per status a caller can cause (scripts/gen/node.py says which statuses have none, and why).", "",
           "const { ChatwootIdentityError } = require('./error-base');", ""]
    classes = error_classes(t)
    out += [f"class {cls} extends ChatwootIdentityError {{}}" for cls, _ in classes]
    out += ["", "/** cw_status name -> its class. */", "const CLASS_OF_STATUS_NAME = Object.freeze({"]
    out += [f"  {n}: {cls}," for cls, n in classes]
    out += ["});", "", "module.exports = {"]
    out += [f"  {cls}," for cls, _ in classes]
    out += ["  CLASS_OF_STATUS_NAME,", "};"]
    return "\n".join(out) + "\n"


def all_exports(t):
    return API + ["ChatwootIdentityError"] + [c for c, _ in error_classes(t)] + ["KeyClosedError", "LibraryLoadError"] + API_TAIL


def index_mjs(t):
    out = [f"// {BANNER}",
           "// ESM entry point: the same module as the CommonJS one (one loaded library, one set of classes).",
           "import chatwootIdentity from './lib/index.js';", "", "export const {"]
    out += [f"  {n}," for n in all_exports(t)]
    out += ["} = chatwootIdentity;", "", "export default chatwootIdentity;"]
    return "\n".join(out) + "\n"


def _union(names):
    return "\n".join(f"  | '{n}'" for n in names) + ";"


def index_dts(t):
    path = ROOT / "bindings/node/index.d.ts"
    text = path.read_text(encoding="utf-8")
    regions = {
        "verdict-names": "export type VerdictCodeName =\n" + _union([n for n, _ in t["verdicts"]]),
        "status-names": "export type StatusName =\n" + _union([n.upper() for n, _ in t["statuses"]]),
        "error-classes": "\n".join(f"export class {c} extends ChatwootIdentityError {{}}" for c, _ in error_classes(t)),
        "default-members": "\n".join(f"  {n}: typeof {n};" for n in all_exports(t)),
    }
    for name, body in regions.items():
        pattern = re.compile(rf"(// <generated:{name}> .*?\n).*?(^\s*// </generated:{name}>)", re.S | re.M)
        if not pattern.search(text):
            sys.exit(f"gen/node.py: index.d.ts lacks the // <generated:{name}> ... // </generated:{name}> markers")
        text = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
    return text


def targets(_t):
    with (ROOT / "targets.toml").open("rb") as f:
        manifest = tomllib.load(f)["targets"]
    out = [f"// Generated by scripts/gen-binding-tables from targets.toml. Do not edit: run `make header`.",
           "'use strict';", "",
           "// The npm target (process.platform-process.arch[-libc]) -> its dist/lib folder, platform package",
           "// fields and library file name.",
           "exports.TARGETS = Object.freeze({"]
    for name, tg in manifest.items():
        libc = f"'{tg['npm_libc']}'" if tg["npm_libc"] else "null"
        out.append(f"  '{tg['npm']}': Object.freeze({{ lib: '{name}', os: '{tg['npm_os']}', cpu: '{tg['npm_cpu']}', "
                   f"libc: {libc}, file: '{tg['shared']}', testedHere: '{tg['tested_here']}' }}),")
    out.append("});")
    return "\n".join(out) + "\n"


FILES = {
    "bindings/node/lib/abi.js": abi,
    "bindings/node/lib/status-errors.js": status_errors,
    "bindings/node/lib/targets.js": targets,
    "bindings/node/index.mjs": index_mjs,
    "bindings/node/index.d.ts": index_dts,
}

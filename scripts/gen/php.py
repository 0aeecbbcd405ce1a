"""The php binding's generated files: each path (from the repository root) and its writer.

From the header: the ABI numbers (Abi), the Status constants and the status -> exception map,
one exception class per failing status, the Verdict and CandidateKind enums. From targets.toml:
the target table the loader detects the platform with (Targets).

Every status except OK has an exception class and a place in the map, including the ones this
binding never provokes (null_pointer, buffer_too_small and invalid_offsets: PHP passes no NULL
with a length, sizes every buffer and computes every offset itself); a library status the
binding does not know (a newer library) becomes the base IdentityException.

The PHP FFI declarations (ffi/chatwoot_identity.h) come from tools/generate-ffi-header.php,
run by `make header` through bindings/php's `ffi-header` target.
"""
import re
import sys
import tomllib

from .header import BANNER, HEADER, ROOT, parse

# Statuses whose exception class carries more than the status (hand-written in
# bindings/php/src/Exception/): the map still names them, the generator leaves their file alone.
HAND_WRITTEN = {"empty_identifier"}

NAMESPACE = "ChatwootIdentity"


def _pascal(name):
    return "".join(part.capitalize() for part in name.split("_"))


def _enum_docs(enum, prefix):
    """{lowercase name: its /** */ comment as one line} for one enum of the header."""
    text = HEADER.read_text(encoding="utf-8")
    body = re.search(r"typedef enum %s \{(.*?)\} %s;" % (enum, enum), text, re.S).group(1)
    docs = {}
    for m in re.finditer(r"/\*\*(.*?)\*/\s*%s([A-Z0-9_]+) =" % prefix, body, re.S):
        lines = [re.sub(r"^\s*\* ?", "", line).strip() for line in m.group(1).splitlines()]
        docs[m.group(2).lower()] = " ".join(line for line in lines if line).replace("*/", "* /")
    return docs


def _head(namespace=NAMESPACE):
    return ["<?php", "", f"// {BANNER}", "", "declare(strict_types=1);", "", f"namespace {namespace};", ""]


def abi(t):
    out = _head() + ["/** @internal The library's numbers, from its header. */", "final class Abi", "{",
                     f"    public const ABI_VERSION = {t['abi_version']};", f"    public const HASH_LEN = {t['hash_len']};"]
    for key, title in (("statuses", "STATUSES"), ("verdicts", "VERDICTS"), ("candidate_kinds", "CANDIDATE_KINDS")):
        out.append("")
        out.append(f"    public const {title} = [")
        out += [f"        '{n}' => {v}," for n, v in t[key]]
        out.append("    ];")
    out.append("}")
    return "\n".join(out) + "\n"


def exception_class(name):
    return _pascal(name) + "Exception"


def status(t):
    docs = _enum_docs("cw_status", "CW_STATUS_")
    out = _head() + [
        "/** The library's cw_status codes and the exception each failing one becomes. */",
        "final class Status", "{",
    ]
    for name, value in t["statuses"]:
        out += [f"    /** {docs.get(name, '')} */", f"    public const {name.upper()} = {value};"]
    out += ["", "    /** Keyed by the status's name in Abi::STATUSES. */", "    private const EXCEPTIONS = ["]
    out += [f"        '{n}' => Exception\\{exception_class(n)}::class," for n, _ in t["statuses"] if n != "ok"]
    out += ["    ];", "", """    private function __construct()
    {
    }

    /** The library's English sentence for a status (static text, never caller data). */
    public static function message(int $status): string
    {
        return Library::ffi()->cw_status_message($status);
    }

    /**
     * The typed exception for a failed status; an unknown status gets the base class.
     * $detail (never caller data) is appended to the library's message.
     */
    public static function exception(int $status, string $detail = '', ?\\Throwable $previous = null): Exception\\IdentityException
    {
        $name = array_search($status, Abi::STATUSES, true);
        $class = \\is_string($name) ? (self::EXCEPTIONS[$name] ?? Exception\\IdentityException::class) : Exception\\IdentityException::class;
        $message = self::message($status) . ($detail === '' ? '' : " ($detail)");

        return $previous === null ? new $class($message, $status) : new $class($message, $status, $previous);
    }
}"""]
    return "\n".join(out) + "\n"


def exception_file(name, value, doc):
    def render(_t):
        out = _head(NAMESPACE + "\\Exception") + [
            f"/** {doc} Library status CW_STATUS_{name.upper()} ({value}). */",
            f"final class {exception_class(name)} extends IdentityException", "{", "}",
        ]
        return "\n".join(out) + "\n"
    return render


def verdict(t):
    docs = _enum_docs("cw_verdict", "CW_VERDICT_")
    out = _head() + ["""/**
 * What IdentityHash::explain() found: the most likely reason an identifier_hash does or does
 * not match. Backed by the library's stable snake_case name (cw_verdict_name), so it can be
 * logged and read back with Verdict::from('uppercase_hex'). The codes are the library's
 * cw_verdict values (Abi::VERDICTS).
 */
enum Verdict: string
{"""]
    for name, _ in t["verdicts"]:
        out += [f"    /** {docs.get(name, '')} */", f"    case {_pascal(name)} = '{name}';"]
    out += ["""    /** A code this binding does not know (a newer library): Explanation::$code keeps it. */
    case Unknown = 'unknown';

    /** INT32_MIN: never a cw_verdict, so the library answers with its "unknown" sentence. */
    private const UNKNOWN_CODE = -2147483648;

    /** The case of a cw_verdict value; Unknown for a value this binding does not know. */
    public static function fromCode(int $code): self
    {
        $name = array_search($code, Abi::VERDICTS, true);

        return \\is_string($name) ? (self::tryFrom($name) ?? self::Unknown) : self::Unknown;
    }

    /** The library's cw_verdict value; null for Unknown (see Explanation::$code). */
    public function code(): ?int
    {
        return Abi::VERDICTS[$this->value] ?? null;
    }

    /** The library's English sentence: what happened and what to do (static text). */
    public function message(): string
    {
        return Library::ffi()->cw_verdict_message($this->code() ?? self::UNKNOWN_CODE);
    }

    public function isMatch(): bool
    {
        return $this === self::Match;
    }
}"""]
    return "\n".join(out) + "\n"


def candidate_kind(t):
    docs = _enum_docs("cw_candidate_kind", "CW_CANDIDATE_KIND_")
    out = _head() + ["/** Which list held the candidate that reproduced the hash (Explanation::$candidateKind). */",
                     "enum CandidateKind: string", "{"]
    for name, _ in t["candidate_kinds"]:
        out += [f"    /** {docs.get(name, '')} */", f"    case {_pascal(name)} = '{name}';"]
    out += ["""
    /** The case of a cw_candidate_kind value (None for a value this binding does not know). */
    public static function fromCode(int $code): self
    {
        $name = array_search($code, Abi::CANDIDATE_KINDS, true);

        return \\is_string($name) ? (self::tryFrom($name) ?? self::None) : self::None;
    }
}"""]
    return "\n".join(out) + "\n"


def _php_string(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def targets(_t):
    with (ROOT / "targets.toml").open("rb") as f:
        manifest = tomllib.load(f)["targets"]
    out = _head() + [
        "/** @internal Every release target, from targets.toml: what Target detects and Library loads. */",
        "final class Targets", "{",
        "    /** name => PHP_OS_FAMILY, php_uname('m') spellings, C library (\"\" where the OS has one), shared library file */",
        "    public const TARGETS = [",
    ]
    for name, f in manifest.items():
        machines = ", ".join(_php_string(m) for m in f["php_machines"])
        out.append(f"        {_php_string(name)} => ['family' => {_php_string(f['php_family'])}, 'machines' => [{machines}], "
                   f"'libc' => {_php_string(f['libc'])}, 'shared' => {_php_string(f['shared'])}],")
    out += ["    ];", "}"]
    return "\n".join(out) + "\n"


def _files():
    files = {
        "bindings/php/src/Abi.php": abi,
        "bindings/php/src/Status.php": status,
        "bindings/php/src/Verdict.php": verdict,
        "bindings/php/src/CandidateKind.php": candidate_kind,
        "bindings/php/src/Targets.php": targets,
    }
    if not HEADER.exists():
        sys.exit(f"gen-binding-tables: {HEADER} is missing")
    docs = _enum_docs("cw_status", "CW_STATUS_")
    for name, value in parse()["statuses"]:
        if name != "ok" and name not in HAND_WRITTEN:
            files[f"bindings/php/src/Exception/{exception_class(name)}.php"] = exception_file(name, value, docs.get(name, ""))
    return files


FILES = _files()

"""The bad-input matrix, table-driven from tests/bad_input_matrix.json (the one source of
docs/bad-input-matrix.md; its format is described there).

Every case of a row whose Python cell is not "n/a", and that applies to Python, runs as its own
test, ``test_case[<row id>#<case index>]`` (``-str`` / ``-bytes`` when ``{"null": 0}`` stands
for both empty values). Every row gets ``test_row[<row id>]``: a behaviour row must name, in
BEHAVIOUR, the tests of this suite that exercise it; a cases row must have a case for Python.
Anything this file cannot run (an unknown call, argument, value or expectation, a row without
cases or tests) is a failing test, never a skip.
"""

import inspect
import json
import sys
from pathlib import Path

import pytest

# The tests that exercise the behaviour rows, imported as modules (a test function imported
# by name would be collected, and run, a second time here).
import test_batch as batch
import test_close_mid_call as close_mid_call
import test_damaged_library as damaged_library
import test_key as key_tests
import test_non_unicode as non_unicode
import test_reentrancy as reentrancy
import test_render as render
from conftest import REPO

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey, Verdict
from chatwoot_identity.errors import BY_STATUS

LANGUAGE = "Python"

with open(REPO / "tests" / "bad_input_matrix.json", encoding="utf-8") as f:
    MATRIX = json.load(f)

# Each status's typed error, from the status -> class table generated from the header.
ERRORS = {cls.status_name: cls for cls in BY_STATUS.values()}
# A NULL pointer with a length has no Python form; None passed for a value is a TypeError.
ERRORS["NULL_POINTER"] = TypeError

# Each behaviour row: the tests that exercise it (they run in their own files).
BEHAVIOUR = {
    "damaged-library-file": (
        damaged_library.test_a_truncated_copy_is_a_load_error_not_a_crash,
        damaged_library.test_a_copy_cut_inside_the_elf_header,
        damaged_library.test_damaged_program_headers,
        damaged_library.test_not_a_library_says_what_it_is,
        damaged_library.test_a_library_for_another_machine,
        damaged_library.test_a_32_bit_library,
    ),
    "non-regular-library-path": (
        damaged_library.test_a_fifo_is_refused_at_once_not_a_hang,
        damaged_library.test_a_directory,
        damaged_library.test_a_symlink_loop,
    ),
    "key-double-free": (
        key_tests.test_close_twice_is_a_no_op_and_use_after_close_raises,
        key_tests.test_close_is_deterministic_and_idempotent,
    ),
    "reentrancy": (
        reentrancy.test_a_handler_that_hashes_mid_call_never_changes_the_result,
        reentrancy.test_verify_in_a_handler_never_changes_the_interrupted_verdict,
        reentrancy.test_rendering_in_a_handler_never_changes_the_interrupted_render,
    ),
    "close-mid-call": (
        close_mid_call.test_fields_whose_encoding_closes_the_key_get_the_closed_error,
        close_mid_call.test_an_iterator_that_closes_the_key_gets_the_closed_error,
        close_mid_call.test_values_whose_conversion_closes_the_key_get_the_closed_error,
        close_mid_call.test_close_from_another_thread_defers_the_free_to_the_last_user,
        close_mid_call.test_a_signal_handler_that_closes_the_key_mid_call,
    ),
    "non-unicode-string": (
        non_unicode.test_every_entry_point_refuses_a_str_that_is_not_unicode,
        non_unicode.test_verify_is_false_for_a_str_that_is_not_unicode,
        batch.test_lone_surrogate_reports_its_index,
        render.test_identifiers_and_fields_that_are_not_unicode,
    ),
}


def with_key(args, use):
    """A key made from the case's secret, used once and closed."""
    with IdentityKey(args["secret"]) as key:
        return use(key)


# Each call of the data as Python makes it: the arguments it reads, and the call.
CALLS = {
    "identifier_hash": (("secret", "identifier"),
                        lambda a: ci.identifier_hash(a["secret"], a["identifier"])),
    "key_new": (("secret",), lambda a: with_key(a, lambda key: None)),
    "key_identifier_hash": (("secret", "identifier"),
                            lambda a: with_key(a, lambda key: key.identifier_hash(a["identifier"]))),
    "key_identifier_hashes": (("secret", "identifiers"),
                              lambda a: with_key(a, lambda key: key.identifier_hashes(a["identifiers"]))),
    "verify": (("secret", "identifier", "hash"),
               lambda a: ci.verify(a["secret"], a["identifier"], a["hash"])),
    "key_verify": (("secret", "identifier", "hash"),
                   lambda a: with_key(a, lambda key: key.verify(a["identifier"], a["hash"]))),
    "explain": (("secret", "identifier", "hash"),
                lambda a: ci.explain(a["secret"], a["identifier"], a["hash"])),
    "set_user_script": (("secret", "identifier"),
                        lambda a: with_key(a, lambda key: key.set_user_script(a["identifier"], name="n"))),
}
# The binding sizes every output buffer itself: a case's output length means nothing here.
IGNORED = {"out_len"}


def value(spec, empty):
    """A value of the data as Python passes it; ``empty`` is what ``{"null": 0}`` becomes."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, list):
        return [value(item, empty) for item in spec]
    if isinstance(spec, dict):
        repeat = spec.get("repeat", 1)
        if set(spec) == {"null"}:
            return None if spec["null"] > 0 else empty
        if set(spec) - {"repeat"} == {"hex"}:
            return bytes.fromhex(spec["hex"]) * repeat
        if set(spec) - {"repeat"} == {"text"}:
            return spec["text"] * repeat
        pytest.fail(f"a value this test cannot pass: an object with {sorted(spec)}")
    pytest.fail(f"a value this test cannot pass: {type(spec).__name__}")


def has_empty_null(spec):
    if isinstance(spec, list):
        return any(has_empty_null(item) for item in spec)
    return isinstance(spec, dict) and spec.get("null") == 0


def applies(case):
    return LANGUAGE in case.get("only", MATRIX["languages"])


def not_applicable(row):
    return row["cells"].get(LANGUAGE, "").startswith("n/a")


def cases():
    for row in MATRIX["rows"]:
        if not_applicable(row):
            continue
        for index, case in enumerate(row.get("cases", ())):
            if not applies(case):
                continue
            name = f"{row['id']}#{index}"
            if any(has_empty_null(spec) for spec in case.values()):
                yield pytest.param(case, "", id=f"{name}-str")
                yield pytest.param(case, b"", id=f"{name}-bytes")
            else:
                yield pytest.param(case, None, id=name)


@pytest.mark.parametrize("case, empty", list(cases()))
def test_case(case, empty):
    if case["call"] not in CALLS:
        pytest.fail(f"a call this test cannot make: {case['call']!r}")
    reads, call = CALLS[case["call"]]
    unread = set(case) - {"call", "expect", "only"} - IGNORED - set(reads)
    if unread:
        pytest.fail(f"arguments {case['call']} does not read: {sorted(unread)}")
    missing = [name for name in reads if name not in case and name not in MATRIX["defaults"]]
    if missing:
        pytest.fail(f"no value and no default for {missing}")
    args = {name: value(case.get(name, MATRIX["defaults"].get(name)), empty) for name in reads}
    expect = dict(case["expect"])

    if "error" in expect:
        status, index = expect.pop("error"), expect.pop("index", None)
        if expect or status not in ERRORS:
            pytest.fail(f"an expectation this test cannot check: {case['expect']}")
        error = ERRORS[status]
        try:
            result = call(args)
        except Exception as raised:  # noqa: BLE001  (another exception is the failure to report)
            err = raised
        else:
            pytest.fail(f"returned {result!r}, expected {error.__name__}")
        assert type(err) is error, f"raised {type(err).__name__}: {err}; expected {error.__name__}"
        if error is TypeError:  # the binding's own check: its message names a batch position
            assert index is None or f"at index {index} " in str(err), str(err)
        else:
            assert err.index == index
        return

    if len(expect) != 1 or not expect.keys() <= {"hash", "hashes", "verify", "verdict", "ok"}:
        pytest.fail(f"an expectation this test cannot check: {sorted(expect)}")
    [(kind, expected)] = expect.items()
    result = call(args)
    if kind == "hash":
        assert type(result) is str and result == expected
    elif kind == "hashes":
        assert result == expected
    elif kind == "verify":
        assert result is expected
    elif kind == "verdict":
        assert result.verdict is Verdict(expected)
    else:
        assert expected is True, f"ok: {expected!r}"


def is_collected_test(test):
    """A test function that pytest collects from another file of this suite."""
    module = sys.modules.get(getattr(test, "__module__", ""))
    return (inspect.isfunction(test) and test.__name__.startswith("test_")
            and module is not None and module.__name__ != __name__
            and module.__name__.startswith("test_")
            and Path(module.__file__).parent == Path(__file__).parent
            and getattr(module, test.__name__, None) is test)


@pytest.mark.parametrize("row", MATRIX["rows"], ids=[row["id"] for row in MATRIX["rows"]])
def test_row(row):
    cell = row["cells"].get(LANGUAGE)
    assert cell, f"no {LANGUAGE} cell"
    for_python = [case for case in row.get("cases", ()) if applies(case)]
    if not_applicable(row):
        assert cell[len("n/a"):].strip(" :"), "n/a without the reason"
        assert not for_python, "the cell says n/a, yet cases apply to Python"
        assert row["id"] not in BEHAVIOUR, "the cell says n/a, yet BEHAVIOUR names tests for it"
    elif row.get("behaviour"):
        tests = BEHAVIOUR.get(row["id"])
        assert tests, f"a behaviour row with no test in BEHAVIOUR: {row['id']}"
        unresolved = [getattr(test, "__name__", repr(test)) for test in tests
                      if not is_collected_test(test)]
        assert not unresolved, f"BEHAVIOUR[{row['id']!r}] names no collected test: {unresolved}"
    else:
        assert "cases" in row, "a row with neither cases nor behaviour"
        assert for_python, "no case of this row applies to Python"


def test_behaviour_names_only_behaviour_rows():
    rows = {row["id"] for row in MATRIX["rows"] if row.get("behaviour")}
    assert set(BEHAVIOUR) <= rows, sorted(set(BEHAVIOUR) - rows)

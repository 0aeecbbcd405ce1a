"""The behaviour of the Verdict and CandidateKind enums; their members are generated from
the header (``_enums.py``)."""

from __future__ import annotations

import enum

from ._abi import VERDICTS

# INT32_MIN is never a cw_verdict: the library answers it with its "unknown" sentence.
_UNKNOWN_CODE = -(2**31)


def verdict_message(code: int) -> str:
    """The library's English sentence for a ``cw_verdict`` value (any value)."""
    from ._library import fast_lib

    message: bytes = fast_lib.cw_verdict_message(code)
    return message.decode("utf-8", "replace")


class VerdictBase(enum.Enum):
    @classmethod
    def from_code(cls, code: int):  # type: ignore[no-untyped-def]
        """The member for a ``cw_verdict`` value; UNKNOWN for one this package does not know."""
        for name, value in VERDICTS.items():
            if value == code:
                return cls(name)
        return cls("unknown")

    @property
    def code(self) -> int | None:
        """The library's ``cw_verdict`` value (fixed forever); None for UNKNOWN."""
        return VERDICTS.get(self.value)

    @property
    def message(self) -> str:
        """The library's English sentence: what happened and what to do."""
        code = self.code
        return verdict_message(_UNKNOWN_CODE if code is None else code)

    @property
    def is_match(self) -> bool:
        return bool(self.value == "match")

    def __str__(self) -> str:
        return str(self.value)


class CandidateKindBase(enum.Enum):
    pass

"""China's unified social credit code (统一社会信用代码, GB 32100-2015): one check for every door.

A company buying with an invoice gives this 18-character code; a code with a typo would put
the wrong taxpayer on the invoice, so the kiosk's keyboard, the phone form, the registry and
`diandian company check` all call `check` here and say which rule failed: the length, a
character outside the code's alphabet, or the check character (position 18).

The rule (GB 32100-2015, as excerpted in shared/payments-and-invoices-notes.md section 5):
characters are valued 0-30 over `ALPHABET` (digits, then capitals without I, O, S, V, Z);
the first 17 are weighted 3^(i-1) mod 31; the check character is the one valued
31 - (sum mod 31), where 31 counts as 0.
"""

from __future__ import annotations

import unicodedata

from kiosk.errors import InputError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
LENGTH = 18
WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))  # 1, 3, 9, 27, 19, 26, 16, ...
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_SEPARATORS = str.maketrans("", "", " -\u3000")


class CodeError(InputError):
    """A code that breaks one rule; `rule` is "length", "charset" or "check"."""

    def __init__(self, rule: str, message: str, **params: object) -> None:
        super().__init__("code", message, f"uscc_{rule}", **params)
        self.rule = rule


def normalise(text: str) -> str:
    """The code as stored: full-width characters folded (ＡＢ１ from a Chinese input method),
    spaces and hyphens dropped, capitals."""
    return unicodedata.normalize("NFKC", text).translate(_SEPARATORS).upper()


def check_character(first17: str) -> str:
    """The check character the first 17 characters call for."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check(text: str) -> str:
    """The normalised code, or CodeError naming the first rule it breaks."""
    code = normalise(text)
    bad = next((char for char in code if char not in _VALUE), None)
    if bad is not None:
        position = code.index(bad) + 1
        raise CodeError(
            "charset",
            f"character {position} ({bad!r}) is not allowed; allowed: digits 0-9 and capital "
            "letters except I, O, S, V and Z",
            char=bad,
            position=position,
        )
    if len(code) != LENGTH:
        raise CodeError(
            "length", f"{len(code)} characters; a code has exactly {LENGTH}", length=len(code)
        )
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise CodeError(
            "check",
            f"the check character (the 18th) is {code[-1]!r} but the first 17 call for "
            f"{expected!r}: a character was mistyped",
            got=code[-1],
            expected=expected,
        )
    return code


def problem_so_far(text: str) -> CodeError | None:
    """While a code is being typed: a character outside the alphabet is wrong at once, the
    check character only once all 18 are in (fewer are simply not finished yet)."""
    code = normalise(text)
    try:
        check(code)
    except CodeError as exc:
        if exc.rule == "length" and len(code) < LENGTH:
            return None
        return exc
    return None

"""The unified social credit code check (GB 32100-2015) against published examples.

Valid codes: the list "found online and should all be valid numbers" in python-stdnum's
tests/test_cn_uscc.doctest (github.com/arthurdejong/python-stdnum), of which these are a
sample across registering authorities (1: government bodies, 9: enterprises) and regions,
including check characters that are letters and the digit 0. Invalid: the same file's broken
examples, and 91350100M000100Y4Z from the GB 32100-2015 excerpt cited in
shared/payments-and-invoices-notes.md (U2), whose check character should be 3.
"""

from __future__ import annotations

import pytest

from kiosk.uscc import ALPHABET, WEIGHTS, CodeError, check, check_character, problem_so_far

PUBLISHED_VALID = (
    "121200004013590816",
    "91110000600037341L",
    "91110000710926094P",
    "91120224064012553U",
    "9115220107837757XE",
    "91310115MA1K3BTP2B",
    "9131012056010553X5",
    "91340600MA2PBP2120",
    "91440300568520498A",
    "9144030071526726XG",
    "91620105L015101280",
    "92340603MA2UK2002C",
)


@pytest.mark.parametrize("code", PUBLISHED_VALID)
def test_published_valid_codes_pass(code: str) -> None:
    assert check(code) == code


def test_the_weights_and_alphabet_are_the_standards() -> None:
    """3^(i-1) mod 31 for positions 1-17, over 31 characters without I, O, S, V, Z."""
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert len(ALPHABET) == 31 and not set("IOSVZ") & set(ALPHABET)


def test_the_check_character_worked_out_by_hand() -> None:
    """91110000600037341L: values 9,1,1,1,0,0,0,0,6,0,0,0,3,7,3,4,1 times the weights
    = 9+3+9+27+0+0+0+0+120+0+0+0+24+168+30+120+28 = 538; 538 mod 31 = 11;
    31 - 11 = 20, the 21st character of the alphabet: L."""
    assert check_character("91110000600037341") == "L"


def test_normalised_spaces_hyphens_case_and_full_width() -> None:
    assert check(" 91 110000-600037341l ") == "91110000600037341L"
    assert check("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("12345", "length"),  # stdnum: InvalidLength
        ("91110000600037341", "length"),  # one short
        ("91110000600037341LL", "length"),
        ("9111000060003IOZSV", "charset"),  # stdnum: InvalidFormat (I, O, Z, S, V)
        ("91110000600037341N", "check"),  # stdnum: InvalidChecksum
        ("91350100M000100Y4Z", "charset"),  # GB excerpt: Z is never used; the check is 3
        ("91110000600073341L", "check"),  # two digits swapped
    ],
)
def test_published_invalid_codes_name_the_rule(code: str, rule: str) -> None:
    with pytest.raises(CodeError) as caught:
        check(code)
    assert caught.value.rule == rule
    assert caught.value.field == "code"


def test_the_excerpts_code_is_right_with_its_check_character() -> None:
    assert check_character("91350100M000100Y4") == "3"
    assert check("91350100M000100Y43") == "91350100M000100Y43"


def test_the_messages_say_what_is_wrong() -> None:
    with pytest.raises(CodeError, match=r"character 14 \('I'\) is not allowed"):
        check("9111000060003IOZSV")
    with pytest.raises(CodeError, match="5 characters; a code has exactly 18"):
        check("12345")
    with pytest.raises(CodeError, match="is 'N' but the first 17 call for 'L'"):
        check("91110000600037341N")


def test_while_typing_only_real_mistakes_show() -> None:
    assert problem_so_far("9111") is None  # not finished: no complaint yet
    assert problem_so_far("91I") is not None  # an I is never right
    assert problem_so_far("91110000600037341N") is not None
    assert problem_so_far("91110000600037341L") is None
    too_long = problem_so_far("91110000600037341L1")
    assert too_long is not None and too_long.rule == "length"

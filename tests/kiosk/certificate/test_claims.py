"""The words a certificate may use, decided once for every surface: neutral only when retired
credits cover the whole footprint, a share otherwise, never "offset" before retirement."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.certificate.claims import LABELS, Standing, claim
from kiosk.comparisons import month_of
from kiosk.credit import CreditRange

RETIRED = (CreditRange("CDCER-2024-000123", 0, 415_343, "CEEX-2026-0042", "Diandian visitors"),)
DEMO_GRANT = (CreditRange("DEMO-000001", 0, 1000, None, None),)
OFFSET_WORDS = re.compile(r"抵消|碳中和|offset|neutral|compens|neutralit", re.IGNORECASE)


def texts(said, lang: str) -> list[str]:
    return [LABELS[said.title][lang]] + [line.text(lang) for line in said.lines()]


def test_whole_footprint_on_retired_credits_is_carbon_neutral() -> None:
    said = claim(footprint_g=415_343, offset_g=415_343, scenario="trip", refunded=False,
                 ranges=RETIRED)  # fmt: skip
    assert said.standing == Standing.RETIRED and said.title == "title.neutral"
    assert texts(said, "zh") == ["碳中和证书", "已购买并已注销", "抵消您的全部碳足迹"]
    assert texts(said, "en")[0] == "Carbon-neutral certificate"
    assert said.references() == ("CEEX-2026-0042",)
    assert said.offset_caption == "offset.retired"


def test_part_of_the_footprint_is_an_offset_certificate_with_its_share() -> None:
    said = claim(footprint_g=1_000_000, offset_g=415_343, scenario="trip", refunded=False,
                 ranges=RETIRED)  # fmt: skip
    assert said.title == "title.offset" and said.share_pct == 41  # rounded down, never up
    assert texts(said, "en") == [
        "Carbon offset certificate",
        "Purchased and retired",
        "Offsets 41 % of your footprint",
    ]
    assert texts(said, "zh")[0] == "碳抵消证书"


def test_a_month_of_my_year_says_so() -> None:
    year = 7_345_678
    said = claim(footprint_g=year, offset_g=month_of(year), scenario="lifestyle",
                 refunded=False, ranges=RETIRED)  # fmt: skip
    assert said.month_of_year and said.title == "title.offset"
    assert texts(said, "en")[2] == "Offsets one month of your year (8 %)"
    assert texts(said, "fr")[2] == "Compense un mois de votre année (8 %)"
    trip = claim(footprint_g=year, offset_g=month_of(year), scenario="trip", refunded=False,
                 ranges=RETIRED)  # fmt: skip
    assert not trip.month_of_year  # the same numbers on a trip are just a share


def test_a_sliver_is_less_than_one_percent_not_zero() -> None:
    said = claim(footprint_g=10_000_000, offset_g=5, scenario="trip", refunded=False,
                 ranges=RETIRED)  # fmt: skip
    assert texts(said, "en")[2] == "Offsets less than 1 % of your footprint"


def test_pending_credits_never_say_offset_or_neutral() -> None:
    said = claim(footprint_g=1000, offset_g=1000, scenario="trip", refunded=False, ranges=())
    assert said.standing == Standing.PENDING and said.offset_caption == "offset.pending"
    for lang in ("zh", "en", "fr"):
        assert not any(OFFSET_WORDS.search(text) for text in texts(said, lang)), lang
        assert not OFFSET_WORDS.search(LABELS[said.offset_caption][lang])
    assert texts(said, "en") == [
        "Carbon credit purchase",
        "Purchased, retirement pending",
        "Bought for your whole footprint",
    ]


def test_a_refund_says_so_and_claims_nothing_else() -> None:
    said = claim(footprint_g=1000, offset_g=1000, scenario="trip", refunded=True, ranges=RETIRED)
    assert said.standing == Standing.REFUNDED
    assert texts(said, "en") == ["Void certificate", "Refunded: this certificate is void"]
    assert texts(said, "zh") == ["已作废的证书", "已退款：此证书作废"]


def test_demo_grants_and_kiosks_without_a_registry_are_demo() -> None:
    grant = claim(footprint_g=1, offset_g=1, scenario="meal", refunded=False, ranges=DEMO_GRANT)
    assert grant.demo and grant.lines()[-1].key == "demo"
    kiosk = claim(footprint_g=1, offset_g=1, scenario="meal", refunded=False, ranges=RETIRED,
                  demo=True)  # fmt: skip
    assert kiosk.demo and "Demo, not registered" in kiosk.lines()[-1].text("en")
    real = claim(footprint_g=1, offset_g=1, scenario="meal", refunded=False, ranges=RETIRED)
    assert not real.demo


def test_the_registry_can_say_a_sell_first_order_was_retired_later() -> None:
    said = claim(footprint_g=10, offset_g=10, scenario="meal", refunded=False, ranges=(),
                 retired=True)  # fmt: skip
    assert said.standing == Standing.RETIRED and said.title == "title.neutral"


@given(
    footprint=st.integers(0, 10**10),
    offset=st.integers(1, 10**10),
    retired=st.booleans(),
    refunded=st.booleans(),
)
def test_neutral_is_only_ever_said_when_true(footprint, offset, retired, refunded) -> None:
    said = claim(footprint_g=footprint, offset_g=offset, scenario="lifestyle",
                 refunded=refunded, ranges=RETIRED if retired else ())  # fmt: skip
    neutral = said.title == "title.neutral"
    assert neutral == (retired and not refunded and offset >= footprint)
    if not said.whole and said.standing != Standing.REFUNDED:
        assert said.share_pct * footprint <= offset * 100  # the share never overstates
        assert 0 <= said.share_pct < 100


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_exists_in_every_language(key: str) -> None:
    assert set(LABELS[key]) == {"zh", "en", "fr"}
    assert all(LABELS[key].values())
    # {pct} is the only value a label takes, and a label in one language takes it in all
    fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in LABELS[key].items()}
    assert len({frozenset(f) for f in fields.values()}) == 1 and fields["en"] <= {"pct"}

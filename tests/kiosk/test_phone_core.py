"""The core's parts of the phone flow: the QR address, the venue poster read back, answers
kept as text (homonym cities included), a result's largest lines, ranked rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.certificate.scan import qr_texts_in
from kiosk.errors import InputError
from kiosk.footprint import largest_lines
from kiosk.phone import phone_url
from kiosk.ranking import ranked
from kiosk.session import CustomerSession
from kiosk.slips.poster import render_poster
from kiosk.venues import get_venue


def test_phone_url_is_the_public_address_and_the_venue() -> None:
    assert phone_url("https://dd.example.cn/", "demo-expo") == "https://dd.example.cn/v/demo-expo"
    with pytest.raises(InputError):
        phone_url("https://dd.example.cn", "../etc")
    with pytest.raises(InputError):
        phone_url("http://dd.example.cn", "demo-expo")  # plain http only on this machine


@pytest.mark.parametrize("fmt", ["a4", "a3", "png"])
def test_the_poster_qr_reads_back(tmp_path: Path, fmt: str) -> None:
    venue = get_venue("demo-expo")
    url = phone_url("https://dd.example.cn", venue.id)
    out = tmp_path / f"poster.{'png' if fmt == 'png' else 'pdf'}"
    out.write_bytes(render_poster(dict(venue.name), dict(venue.event), url, fmt))
    assert qr_texts_in(out) == [url]


def test_answers_survive_as_text_even_for_a_city_sharing_its_name() -> None:
    session = CustomerSession(get_venue("demo-expo"))
    session.start("trip")
    session.answer("origin", "宿州（安徽）")  # not 苏州 (Jiangsu): both are "Suzhou"
    session.answer("mode", "rail")
    session.answer("passengers", "2")
    kept = session.answer_texts()
    again = CustomerSession(get_venue("demo-expo"))
    again.start("trip")
    again.restore_answers({**kept, "nonsense": "1", "passengers": "-4"})
    assert again.answers["origin"].province == "Anhui"
    assert again.answers["mode"] == "rail" and "passengers" not in again.answers
    assert "nonsense" not in again.answers


def test_largest_lines_keep_the_biggest_and_sum_the_rest() -> None:
    session = CustomerSession(get_venue("demo-expo"))
    session.start("meal")
    for key in ("meat_meals", "mixed_meals", "vegetarian_meals", "vegan_meals"):
        session.answer(key, "1")
    lines = session.footprint().lines
    shown, rest = largest_lines(lines, 3)
    assert len(shown) == 2 and rest == sum(sorted(x.grams for x in lines)[:2])
    assert [x.grams for x in shown] == sorted((x.grams for x in lines), reverse=True)[:2]
    assert largest_lines(lines, 4) == (tuple(sorted(lines, key=lambda x: -x.grams)), 0)


def test_ranked_rows_share_a_rank_on_a_tie() -> None:
    rows = [("a", 5, "1"), ("b", 5, "2"), ("", 3, "3")]
    assert [(e.rank, e.nickname) for e in ranked(rows)] == [(1, "a"), (1, "b"), (3, "")]

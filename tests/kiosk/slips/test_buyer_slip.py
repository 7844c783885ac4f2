"""A company's certificate names the company where a nickname would be, and the organiser's
purchase names the event it offsets: built from the real ledger, rendered to a real PDF and
read back."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.buyer import EventTag, company
from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.issue import kiosk_key
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.slips.build import build_content
from kiosk.slips.content import SlipContent
from kiosk.slips.pdf import render_pdf
from tests.kiosk.slips.test_pdf import _squash, _text

ACME = company("成都示例科技有限公司", "91110000600037341L")
EXPO = EventTag("expo-2026", MappingProxyType({"zh": "低碳博览会", "en": "Low-carbon Expo"}))


def _slip(tmp_path: Path, **kwargs: Any) -> SlipContent:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        scenario = "event" if "event" in kwargs else "meal"
        answers = {"days": "2", "attendees": "80", "hall_kwh": "900"}
        footprint = compute(scenario, answers if scenario == "event" else {"mixed_meals": "3"})
        order = ledger.open_order(
            footprint, project_id="demo-wetland", offset_g=5000, nickname="小明", **kwargs
        )
        order = ledger.pay(order.id, method="card", cashier="alice")
        return build_content(order, ledger, kiosk_key(ledger))


def test_a_company_certificate_names_the_company_not_a_nickname(tmp_path: Path) -> None:
    slip = _slip(tmp_path, company=ACME)
    assert slip.nickname == "成都示例科技有限公司"
    assert slip.captions["nickname"] == "单位 Company"
    text = _text(render_pdf(slip, "80mm"))
    assert _squash("单位 Company") in text and "成都示例科技有限公司" in text
    assert "小明" not in text


def test_the_organisers_certificate_names_the_event(tmp_path: Path) -> None:
    slip = _slip(tmp_path, company=ACME, event=EventTag(EXPO.id, EXPO.name, for_event=True))
    assert slip.venue.endswith(" · 低碳博览会 / Low-carbon Expo")
    assert _squash("低碳博览会 / Low-carbon Expo") in _text(render_pdf(slip, "a6"))


def test_an_attendees_certificate_keeps_its_nickname_and_venue(tmp_path: Path) -> None:
    slip = _slip(tmp_path, event=EXPO)
    assert (slip.nickname, slip.captions["nickname"]) == ("小明", "昵称 Nickname")
    assert "博览会" not in slip.venue

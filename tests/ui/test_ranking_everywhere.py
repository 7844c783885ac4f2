"""The ranking screen shows every kiosk's ranking as the last sync pulled it (issue 12: pulled
rankings were stored but no screen read them, while the README promised registry-wide ranks
after a sync). A real registry in process, a real sync of this kiosk's ledger."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from kiosk.timestamps import CHINA_TIME, parse_stamp
from sync import job
from sync.client import Backoff, RegistryClient
from tests.sync.conftest import URL, enrol
from tests.sync.live import LiveRegistry
from tests.sync.registry.helpers import Kiosk

pytestmark = pytest.mark.gui


def _sync_with_a_busy_registry(home: Path, tmp_path: Path) -> None:
    """Another kiosk sold to "雄鹰" and "tiger"; this kiosk (the app's ledger) enrols and syncs."""
    registry = LiveRegistry(tmp_path)
    try:
        other = Kiosk.new(venue="demo-hotel")
        registry.add_kiosk(other.kiosk_id, other.public)
        with httpx.Client(transport=registry.transport(), base_url=URL) as http:
            other.pull(http)  # its retired serials: each sale draws its grams from them
            sales = [other.order(offset_g=9_000, nickname="雄鹰"), other.order(offset_g=4_000,
                     nickname="tiger")]  # fmt: skip
            answer = other.push(http, [other.record(s) for s in sales])
        assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * 2
        with Ledger.open(home / "ledger.sqlite") as mine:
            enrol(mine, registry)
            backoff = Backoff(30, sleep=lambda _s: None, rng=random.Random(1))
            client = RegistryClient(URL, kiosk_id=mine.kiosk_id, key=kiosk_key(mine),
                                    backoff=backoff, transport=registry.transport())  # fmt: skip
            with client:
                job.run(mine, client)
    finally:
        registry.close()


def _everywhere(window, qtbot) -> None:
    window.flow.show_ranking("everywhere")
    qtbot.waitUntil(
        lambda: window.current() is window.ranking and window.ranking.board.scope == "everywhere",
        timeout=20_000,
    )


def test_after_a_sync_the_ranking_shows_every_kiosks_offsets(kiosk, home, tmp_path, qtbot):
    _sync_with_a_busy_registry(home, tmp_path)
    with Ledger.open(home / "ledger.sqlite") as ledger:
        fetched = syncstate.pulled_at(ledger, "rankings:all")
    window, _pilot = kiosk()
    _everywhere(window, qtbot)
    screen = window.ranking
    assert screen.tabs["everywhere"].text() == "全部终端"  # Chinese first
    assert screen.tabs["everywhere"].isChecked()
    rows = [(r.text(), n.text(), m.text()) for r, n, m in screen.rows if n.isVisible()]
    assert rows == [("1", "雄鹰", "9.0 kg"), ("2", "tiger", "4.0 kg")]
    when = parse_stamp(fetched).astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")
    assert screen.lblAsOf.isVisible() and when in screen.lblAsOf.text()
    assert "截至" in screen.lblAsOf.text()
    window.langBar.buttons["fr"].click()
    assert screen.tabs["everywhere"].text() == "Toutes les bornes"
    assert screen.lblAsOf.text() == f"Les ventes de toutes les bornes, au {when}"


def test_before_the_first_sync_the_screen_says_when_it_will_come(kiosk, qtbot):
    window, _pilot = kiosk()
    _everywhere(window, qtbot)
    screen = window.ranking
    assert not any(n.isVisible() for _r, n, _m in screen.rows)
    assert screen.lblAsOf.text() == "首次同步后即可查看全部终端的排行。"
    window.flow.show_ranking("today")  # the local tabs do not show the note
    qtbot.waitUntil(lambda: screen.board.scope == "today", timeout=20_000)
    assert not screen.lblAsOf.isVisible()

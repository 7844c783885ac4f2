"""The ledger every `diandian cert` test reads: two paid orders (zh and fr) and one unpaid."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import compute
from kiosk.ledger import Ledger


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    footprint = compute("trip", {"origin": "Beijing", "mode": "flight", "nights": "2"})
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        for nickname, lang in (("小明", "zh"), ("Amélie", "fr")):
            order = ledger.open_order(
                footprint, project_id="demo-wetland", nickname=nickname, lang=lang
            )
            ledger.pay(order.id, method="card", cashier="alice")
        ledger.open_order(footprint, project_id="demo-wetland")  # not paid: no certificate
    return path

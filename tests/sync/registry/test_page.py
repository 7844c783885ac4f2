"""The certificate page in headless Chromium at a phone's viewport (390 x 844).

Debian's chromium through the Python playwright package (its browsers are never downloaded).
Skipped with the reason only where /usr/bin/chromium is missing and CI is not set.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync.registry import operations
from tests.sync.browser import page_texts
from tests.sync.registry.conftest import SELL_FIRST, demo_engine
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A served registry holding a retired sale (its grams drawn from retired serials), a
    sale of a sell-first project awaiting retirement, and one not synced."""
    db = f"sqlite:///{tmp_path_factory.mktemp('page') / 'registry.sqlite'}"
    engine = demo_engine(db)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SELL_FIRST, source="sell-first")
    kiosk = Kiosk.new()
    with serve(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        kiosk.enrol(client, engine)
        retired, offline = (kiosk.order(offset_g=g) for g in (1_000_000, 4_200))
        received = kiosk.order(offset_g=2_500, project="sell-first-forest")
        kiosk.push(client, [kiosk.record(retired), kiosk.record(received)])
        yield {
            "base": base,
            "kiosk": kiosk,
            "retired": retired,
            "received": received,
            "offline": offline,
        }
    engine.dispose()


def test_received_and_retired(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    texts = page_texts(browser, site["base"] + kiosk.cert_path(site["retired"]), "retired")
    assert "签名有效" in texts["signature"] and "Signature verifies" in texts["signature"]
    assert "Received by the registry" in texts["received"]
    assert "已注销" in texts["retirement"] and "SEEE-TEST-0001" in texts["retirement"]
    assert "CDCER-2024-000001 (g 0–1 000 000)" in texts["credit"]
    assert "SEEE-TEST-0001" in texts["credit"] and "Diandian visitors" in texts["credit"]
    assert "1.000 t" in texts["facts"] and "龙泉山" in texts["facts"]


def test_sold_first_awaiting_retirement_lower_case_path(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    path = kiosk.cert_path(site["received"]).replace("/C/", "/c/", 1)
    texts = page_texts(browser, site["base"] + path)
    assert "Received by the registry" in texts["received"]
    assert "Awaiting retirement" in texts["retirement"] and "credit" not in texts


def test_not_yet_synced_still_verifies(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    texts = page_texts(browser, site["base"] + kiosk.cert_path(site["offline"]), "offline")
    assert "Signature verifies" in texts["signature"]
    assert "离线签发，尚未同步" in texts["received"]
    assert "Issued offline, not yet synced" in texts["received"]
    assert "4.2 kg" in texts["facts"]


def test_tampered_token_does_not_verify(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    path = kiosk.cert_path(site["offline"])
    head, token = path.rsplit("/", 1)
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    texts = page_texts(browser, site["base"] + f"{head}/{flipped}")
    assert "does not verify" in texts["signature"] and "签名无法验证" in texts["signature"]
    assert "facts" not in texts  # nothing from a forged code is shown as fact


def test_the_certificate_links_to_its_project_page(browser: Any, site: dict[str, Any]) -> None:
    from tests.sync.browser import PROJECT_IDS

    kiosk: Kiosk = site["kiosk"]
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(site["base"] + kiosk.cert_path(site["retired"]))
        page.get_by_test_id("project-link").click()
        page.wait_for_url("**/p/demo-longquan-forest")
        texts = {key: " ".join(page.get_by_test_id(key).all_inner_texts()) for key in PROJECT_IDS}
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("document.scripts.length") == 0
    finally:
        page.close()
    assert "龙泉山" in texts["title"] and "Longquan Mountain" in texts["title"]
    assert "Bought by visitors" in texts["totals"] and "1.000 t" in texts["totals"]
    assert "SEEE-TEST-0001" in texts["block"] and "Diandian visitors" in texts["block"]

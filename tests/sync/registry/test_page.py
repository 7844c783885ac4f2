"""The certificate page in headless Chromium at a phone's viewport (390 x 844).

Debian's chromium through the Python playwright package (its browsers are never downloaded).
Skipped with the reason only where /usr/bin/chromium is missing and CI is not set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.registry import credits, migrations, operations
from sync.registry.db import make_engine
from tests.sync.registry.conftest import DEMO_PROJECTS
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A served registry holding one retired sale, one received sale and one not synced."""
    db = f"sqlite:///{tmp_path_factory.mktemp('page') / 'registry.sqlite'}"
    engine = make_engine(db)
    migrations.upgrade(engine)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=operations.read_file(DEMO_PROJECTS), source="d")
    kiosk = Kiosk.new()
    with serve(db) as base, httpx.Client(base_url=base) as client:
        kiosk.enrol(client, engine)
        retired, received, offline = (kiosk.order(offset_g=g) for g in (1_000_000, 2_500, 4_200))
        kiosk.push(client, [kiosk.record(retired), kiosk.record(received)])
        with engine.begin() as conn:
            credits.retire_all(conn=conn)
        yield {
            "base": base,
            "kiosk": kiosk,
            "retired": retired,
            "received": received,
            "offline": offline,
        }
    engine.dispose()


def _open(browser: Any, url: str, name: str = "") -> dict[str, str]:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(url)
        shots = os.environ.get("DIANDIAN_SCREENSHOTS")  # e.g. docs/screens, for the README
        if shots and name:
            page.screenshot(path=str(Path(shots) / f"certificate-page-{name}.png"), full_page=True)
        texts = {
            key: page.get_by_test_id(key).inner_text()
            for key in ("signature", "received", "retirement", "facts")
            if page.get_by_test_id(key).count()
        }
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        return texts
    finally:
        page.close()


def test_received_and_retired(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    texts = _open(browser, site["base"] + kiosk.cert_path(site["retired"]), "retired")
    assert "签名有效" in texts["signature"] and "Signature verifies" in texts["signature"]
    assert "Received by the registry" in texts["received"]
    assert "CDCER-2024-000001" in texts["retirement"] and "已注销" in texts["retirement"]
    assert "1.000 t" in texts["facts"] and "龙泉山" in texts["facts"]


def test_received_awaiting_retirement_lower_case_path(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    path = kiosk.cert_path(site["received"]).replace("/C/", "/c/", 1)
    texts = _open(browser, site["base"] + path)
    assert "Received by the registry" in texts["received"]
    assert "Awaiting retirement" in texts["retirement"]


def test_not_yet_synced_still_verifies(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    texts = _open(browser, site["base"] + kiosk.cert_path(site["offline"]), "offline")
    assert "Signature verifies" in texts["signature"]
    assert "离线签发，尚未同步" in texts["received"]
    assert "Issued offline, not yet synced" in texts["received"]
    assert "4.2 kg" in texts["facts"]


def test_tampered_token_does_not_verify(browser: Any, site: dict[str, Any]) -> None:
    kiosk: Kiosk = site["kiosk"]
    path = kiosk.cert_path(site["offline"])
    head, token = path.rsplit("/", 1)
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    texts = _open(browser, site["base"] + f"{head}/{flipped}")
    assert "does not verify" in texts["signature"] and "签名无法验证" in texts["signature"]
    assert "facts" not in texts  # nothing from a forged code is shown as fact

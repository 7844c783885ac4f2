"""Pages in headless Chromium at a phone's viewport (390 x 844): Debian's /usr/bin/chromium
through the Python playwright package (its browsers are never downloaded). Missing, the
browser tests are skipped with the reason, except in CI (`CI` set), where that is a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TEST_IDS = ("title", "claim", "signature", "received", "retirement", "facts", "credit")
TEST_IDS += ("progress", "lines")  # the event page (/e/{id})
PROJECT_IDS = ("title", "project", "totals", "block")  # the project page's parts


@contextmanager
def launch() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def page_texts(browser: Any, url: str, name: str = "") -> dict[str, str]:
    """The text of each part of a certificate page (by test id), opened as a phone does;
    the page must not scroll sideways. DIANDIAN_SCREENSHOTS=DIR keeps a screenshot."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(url)
        shots = os.environ.get("DIANDIAN_SCREENSHOTS")  # e.g. docs/screens, for the README
        if shots and name:
            page.screenshot(path=str(Path(shots) / _shot_name(url, name)), full_page=True)
        texts = {
            key: " ".join(page.get_by_test_id(key).all_inner_texts())
            for key in TEST_IDS
            if page.get_by_test_id(key).count()
        }
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        return texts
    finally:
        page.close()


def no_serious_violation(page: Any, name: str) -> None:
    """axe-core finds no serious or critical accessibility violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"]) for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"


def keep_screenshot(page: Any, filename: str) -> None:
    """A full-page screenshot in DIANDIAN_SCREENSHOTS (e.g. docs/screens), when it is set."""
    shots = os.environ.get("DIANDIAN_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / filename), full_page=True)


def _shot_name(url: str, name: str) -> str:
    kind = "event-page" if "/e/" in url else "certificate-page"
    return f"{kind}-{name}.png"

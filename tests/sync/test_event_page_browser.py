"""The event page (/e/{id}) served over HTTP and opened in Debian's Chromium at a phone's size.

A module of its own: the browser fixture (module-scoped) runs an event loop that the in-process
registry client of other tests cannot share."""

from __future__ import annotations

from typing import Any

from sync.registry.event_page import tonnes
from tests.sync.browser import page_texts
from tests.sync.live import LiveRegistry
from tests.sync.test_events_invoices import _create_event


def test_the_event_page_on_a_phone(registry: LiveRegistry, browser: Any) -> None:
    """Served over HTTP and opened in Chromium at 390 x 844: no sideways scrolling, the
    progress sentence in Chinese and English (DIANDIAN_SCREENSHOTS=DIR keeps a screenshot)."""
    made = _create_event(registry)
    with registry.serve() as base:
        texts = page_texts(browser, f"{base}/e/expo-2026", "event")
    assert texts["title"].startswith("低碳博览会")
    assert (
        f"Attendees have offset 0.000 t of the event's {tonnes(made['footprint_g'])}"
        in (texts["progress"])
    )
    assert "kWh" in texts["lines"]

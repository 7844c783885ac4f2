"""The console's events and invoice requests in headless Chromium (Debian's /usr/bin/chromium)
on a served registry: an operator reads an event's progress, records another through the
form, marks a company's invoice request issued with its number, and finds it under "issued";
each page checked with axe-core and at a phone's width for sideways scrolling.
DIANDIAN_SCREENSHOTS=DIR keeps screenshots (docs/screens/ops-events-*.png, ops-invoices-*.png)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from sync.registry import operators
from sync.registry.app import create_app
from sync.registry.event_page import tonnes
from tests.sync.registry.conftest import demo_engine
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve
from tests.sync.registry.test_ops_browser import PASSWORD, check, desk, sign_in
from tests.sync.registry.test_ops_events_invoices import _event, _sales

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.fixture
def db(tmp_path) -> str:
    """An event at the demo venue, an attendee's sale and two companies' (one at the event),
    and an operator."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    engine = demo_engine(url)
    with engine.begin() as conn:
        operators.add_operator(
            conn=conn, name="amy", role="operator", password=PASSWORD, project_id=None, actor="t"
        )
    _event(engine)
    with TestClient(create_app(engine, headroom_g=5_000_000)) as client:
        kiosk = Kiosk.new()
        kiosk.enrol(client, engine)
        _sales(kiosk, client)
    engine.dispose()
    return url


def test_an_operator_reads_an_events_progress_and_marks_an_invoice_issued(
    browser: Any, db: str
) -> None:
    with serve(db) as base:
        page = desk(browser)
        sign_in(page, base, "amy")
        page.get_by_test_id("nav-events").click()
        assert page.url.endswith("/ops/events")
        progress = page.get_by_test_id("progress-expo-2026").inner_text()
        assert "参会者已抵消本次活动" in progress and tonnes(50_000) in progress
        check(page, "events-zh")
        form = page.get_by_test_id("new-event")  # a second event, next year, at the same venue
        form.locator("#event-id").fill("forum-2027")
        form.locator("#event-name_zh").fill("绿色论坛")
        form.locator("#event-organiser").fill("成都会展有限公司")
        form.locator("#event-venue").select_option("demo-expo")
        form.locator("#event-starts").fill("2027-01-10")
        form.locator("#event-ends").fill("2027-01-09")  # before the start: refused, kept
        form.locator("#event-a_attendees").fill("200")
        form.locator("#event-a_hall_kwh").fill("3000")
        page.get_by_test_id("create-event").click()
        assert "未登记：最后一天" in page.get_by_test_id("error").inner_text()
        assert page.locator("#event-a_hall_kwh").input_value() == "3000"
        page.locator("#event-ends").fill("2027-01-11")
        page.get_by_test_id("create-event").click()
        assert page.url.endswith("/ops/events")
        assert "绿色论坛" in page.get_by_test_id("event-forum-2027").inner_text()
        page.get_by_test_id("lang-en").click()
        page.get_by_test_id("nav-invoices").click()
        first = page.locator("section[data-testid^=request-]").first
        request_id = first.get_attribute("data-testid").split("-")[1]
        assert "91110000600037341L" in first.inner_text()
        check(page, "invoices-en")
        page.locator(f"#number-{request_id}").fill("   ")
        page.get_by_test_id(f"issue-{request_id}").click()  # blank: refused on the page
        assert "1 to 64 printable characters" in page.get_by_test_id("error").inner_text()
        page.locator(f"#number-{request_id}").fill("24512000000012345678")
        page.get_by_test_id(f"issue-{request_id}").click()
        assert page.url.endswith("/ops/invoices?status=requested")
        assert page.get_by_test_id(f"request-{request_id}").count() == 0
        page.get_by_test_id("tab-issued").click()
        state = page.get_by_test_id(f"state-{request_id}").inner_text()
        assert state == "issued, invoice 24512000000012345678"
        page.get_by_test_id("nav-audit").click()
        assert "invoice_issued" in page.get_by_test_id("audit").inner_text()
        page.context.close()

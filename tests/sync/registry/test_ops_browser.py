"""The operator console in headless Chromium (Debian's /usr/bin/chromium) on a served
registry: an operator signs in, reads the statements, one statement, a day's reconciliation
and the audit, switches to English and signs out; an owner sees only its project. Each page
is checked with axe-core (no serious or critical violation) and, at a phone's width, for
sideways scrolling. DIANDIAN_SCREENSHOTS=DIR keeps a screenshot (docs/screens/ops-*.png)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.day_summary import summarise
from sync.registry import operators
from sync.registry.app import create_app
from tests.sync.browser import keep_screenshot, no_serious_violation
from tests.sync.registry.conftest import demo_engine
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve
from tests.sync.registry.test_reconcile import closed
from tests.sync.registry.test_settlement import (
    AFTER_OCT,
    OCT,
    close,
    push_ok,
    sale,
    set_terms,
    void_on,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"
DAY = "2026-10-05"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two projects' October statements (sales by cash and card, a refund), a kiosk whose
    day summary of DAY leaves out one sale, an operator and a project's owner."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ops') / 'registry.sqlite'}"
    engine = demo_engine(url)
    set_terms(engine)
    set_terms(engine, project="demo-wetland", fee="3.5")
    with TestClient(create_app(engine, headroom_g=5_000_000)) as client:
        kiosk = Kiosk.new()
        kiosk.enrol(client, engine)
        first = sale(kiosk, DAY, 1_000)
        second = sale(kiosk, DAY, 2_500, "card", grams=25_000)
        third = sale(kiosk, "2026-10-20", 1_200, "mobile", grams=12_000)
        push_ok(kiosk, client, [kiosk.record(o) for o in (first, second, third)])
        push_ok(kiosk, client, [void_on(kiosk, third, "2026-10-21")])
        summary = summarise(
            kiosk_id=kiosk.kiosk_id, day=DAY, paid=[first], voided=[], revision=1,
            closed_at=f"{DAY}T15:00:00.000000Z", closed_by="alice",
        ).signed(kiosk.key)  # fmt: skip
        push_ok(kiosk, client, [closed(kiosk, summary)])
    close(engine, OCT, AFTER_OCT)
    close(engine, OCT, AFTER_OCT, project="demo-wetland")
    with engine.begin() as conn:
        for name, role, project in (
            ("amy", "operator", None),
            ("wet", "owner", "demo-wetland"),
        ):
            operators.add_operator(
                conn=conn, name=name, role=role, password=PASSWORD, project_id=project, actor="t"
            )
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    with serve(db) as url:
        yield url


def check(page: Any, name: str) -> None:
    """No serious or critical axe-core violation; a screenshot at a desktop's width; no
    sideways scrolling at a phone's."""
    no_serious_violation(page, name)
    keep_screenshot(page, f"ops-{name}.png")
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    assert width <= 390, f"{name} scrolls sideways on a phone ({width}px)"


def desk(browser: Any) -> Any:
    return browser.new_context(viewport={"width": 1100, "height": 800}).new_page()


def sign_in(page: Any, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/ops")
    page.locator("#name").fill(name)
    page.locator("#password").fill(password)
    page.get_by_test_id("sign-in").click()


def test_an_operator_reads_statements_reconciles_a_day_and_reads_the_audit(
    browser: Any, base: str
) -> None:
    page = desk(browser)
    page.goto(f"{base}/ops")
    assert page.url.endswith("/ops/sign-in")
    check(page, "sign-in-zh")
    sign_in(page, base, "amy", "not the password")
    assert "用户名或密码错误" in page.get_by_test_id("error").inner_text()
    sign_in(page, base, "amy")
    assert page.url.endswith("/ops/statements")
    assert "amy" in page.get_by_test_id("who").inner_text()
    rows = page.get_by_test_id("statements").locator("tbody tr")
    assert rows.count() == 2
    check(page, "statements-zh")

    page.get_by_test_id("statement-1").get_by_role("link").click()
    assert page.get_by_test_id("title").inner_text() == "结算单 1"
    totals = page.get_by_test_id("totals").inner_text()
    assert "¥47.00" in totals and "¥12.00" in totals  # receipts; the refund
    assert "¥33.25" in totals  # net of the refund and the 5% fee on ¥35.00
    assert page.get_by_test_id("lines").locator("tbody tr").count() == 4  # 3 sales, 1 refund
    check(page, "statement-zh")
    page.locator("#paid_on").fill("2026-11-05")
    page.locator("#bank_reference").fill("ICBC 2026110500042")
    page.get_by_test_id("record-payout").click()
    assert "ICBC 2026110500042" in page.get_by_test_id("payout").inner_text()
    assert page.get_by_test_id("pay").count() == 0  # paid once; no second form

    page.get_by_test_id("nav-reconcile").click()
    page.locator("#day").fill(DAY)
    page.get_by_test_id("reconcile").click()
    kinds = page.get_by_test_id("differences").locator("tbody tr")
    found = {kinds.nth(n).get_attribute("data-kind") for n in range(kinds.count())}
    assert found == {"not_in_summary", "amounts_differ"}  # the card sale the summary omits
    check(page, "reconcile-zh")

    page.get_by_test_id("lang-en").click()
    assert "Reconciliation" in page.locator("h1").inner_text()
    page.get_by_test_id("nav-audit").click()
    audit = page.get_by_test_id("audit").inner_text()
    assert "settle" in audit and "operator_add" in audit
    assert "amy" in audit and "payout" in audit  # the payout, under the operator's name
    check(page, "audit-en")

    page.get_by_test_id("sign-out").click()
    assert page.url.endswith("/ops/sign-in")
    page.goto(f"{base}/ops/audit")
    assert "/ops/sign-in" in page.url
    page.context.close()


def test_an_owner_sees_only_its_own_project(browser: Any, base: str) -> None:
    page = desk(browser)
    sign_in(page, base, "wet")
    rows = page.get_by_test_id("statements").locator("tbody tr")
    assert rows.count() == 1 and "demo-wetland" in rows.first.inner_text()
    assert page.get_by_test_id("nav-reconcile").count() == 0
    answer = page.goto(f"{base}/ops/statements/1")  # another project's statement
    assert answer is not None and answer.status == 404
    assert page.get_by_test_id("problem").is_visible()
    page.context.close()

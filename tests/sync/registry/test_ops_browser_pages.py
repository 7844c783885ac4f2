"""The console's overview pages and forms in headless Chromium (Debian's /usr/bin/chromium) on
a served registry: an operator closes a period from the console and downloads the statement's
PDF and CSV; a project's owner is refused the other project's statement and the exchange's
pages, by URL too; the kiosks, venues, sales (its SVG chart), retirements and enrolment
tokens pages. Each page is checked with axe-core and at a phone's width (test_ops_browser's
`check`); DIANDIAN_SCREENSHOTS=DIR keeps docs/screens/ops-*.png."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.day_summary import summarise
from sync.registry import operators
from sync.registry.app import create_app
from tests.sync.registry.conftest import demo_engine
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve
from tests.sync.registry.test_ops_browser import PASSWORD, check, desk, sign_in
from tests.sync.registry.test_reconcile import closed
from tests.sync.registry.test_settlement import push_ok, sale, set_terms, void_on

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.slow
DAY = "2026-10-05"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """October's sales by cash, card and mobile (one refunded) at one kiosk with its day
    summary, two projects' contracts, no statement yet; an operator, an auditor and a
    project's owner."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ops-pages') / 'registry.sqlite'}"
    engine = demo_engine(url)
    set_terms(engine)
    set_terms(engine, project="demo-wetland", fee="3.5")
    with TestClient(create_app(engine, headroom_g=5_000_000)) as client:
        kiosk = Kiosk.new()
        kiosk.enrol(client, engine)
        orders = [
            sale(kiosk, DAY, 1_000),
            sale(kiosk, DAY, 2_500, "card", grams=25_000),
            sale(kiosk, "2026-10-06", 1_800, "mobile", grams=18_000),
            sale(kiosk, "2026-10-09", 3_000, "card", grams=30_000),
            sale(kiosk, "2026-10-20", 1_200, "mobile", grams=12_000),
        ]
        push_ok(kiosk, client, [kiosk.record(o) for o in orders])
        push_ok(kiosk, client, [void_on(kiosk, orders[-1], "2026-10-21")])
        summary = summarise(
            kiosk_id=kiosk.kiosk_id, day=DAY, paid=orders[:2], voided=[], revision=1,
            closed_at=f"{DAY}T15:00:00.000000Z", closed_by="alice",
        ).signed(kiosk.key)  # fmt: skip
        push_ok(kiosk, client, [closed(kiosk, summary)])
    with engine.begin() as conn:
        for name, role, project in (
            ("amy", "operator", None),
            ("ann", "auditor", None),
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


def test_an_operator_closes_a_period_and_downloads_an_owner_is_refused_the_others(
    browser: Any, base: str
) -> None:
    page = desk(browser)
    sign_in(page, base, "amy")
    assert page.get_by_test_id("none").is_visible()  # no statement yet
    page.locator("#period").fill("2026-10")
    page.get_by_test_id("close-period").click()
    results = page.get_by_test_id("close-results").inner_text()
    assert "结算单 1" in results and "结算单 2" in results
    assert page.get_by_test_id("statements").locator("tbody tr").count() == 2
    check(page, "close-zh")

    page.get_by_test_id("statement-1").get_by_role("link").click()
    with page.expect_download() as pdf:
        page.get_by_test_id("pdf").click()
    assert pdf.value.suggested_filename == "statement-1.pdf"
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as csv:
        page.get_by_test_id("csv").click()
    assert csv.value.suggested_filename == "statement-1.csv"
    assert "demo-longquan-forest" in Path(csv.value.path()).read_text("utf-8")
    page.get_by_test_id("nav-audit").click()
    assert "settle" in page.get_by_test_id("audit").inner_text()
    page.context.close()

    owner = desk(browser)
    sign_in(owner, base, "wet")
    rows = owner.get_by_test_id("statements").locator("tbody tr")
    assert rows.count() == 1 and "demo-wetland" in rows.first.inner_text()
    assert owner.get_by_test_id("close").count() == 0  # an owner closes nothing
    for path in ("/ops/statements/1", "/ops/statements/1/pdf", "/ops/statements/1/csv"):
        answer = owner.goto(f"{base}{path}")  # the other project's statement, by URL
        assert answer is not None and answer.status == 404, path
    for path in ("/ops/kiosks", "/ops/venues", "/ops/tokens", "/ops/reconcile"):
        answer = owner.goto(f"{base}{path}")
        assert answer is not None and answer.status == 403, path
        assert owner.get_by_test_id("problem").is_visible()
    owner.goto(f"{base}/ops/sales?from=2026-10-01&to=2026-10-31")
    assert owner.get_by_test_id("none").is_visible()  # the sales were the other project's
    owner.context.close()


def test_kiosks_venues_sales_retirements_and_enrolment_tokens(browser: Any, base: str) -> None:
    page = desk(browser)
    sign_in(page, base, "amy")
    page.get_by_test_id("nav-kiosks").click()
    row = page.get_by_test_id("kiosks").locator("tbody tr").first
    assert "2026-10-05" in row.get_by_test_id("summary").inner_text()
    assert row.get_by_test_id("rejects").inner_text() == "0"
    check(page, "kiosks-zh")

    page.get_by_test_id("nav-venues").click()
    venue = page.get_by_test_id("venue-chengdu-expo")
    assert "¥83.00" in venue.inner_text()  # the four live sales (the refunded one is out)
    check(page, "venues-zh")

    venue.get_by_role("link").click()
    page.locator("#from").fill("2026-10-01")
    page.locator("#to").fill("2026-10-31")
    page.get_by_test_id("show").click()
    chart = page.get_by_test_id("chart")
    assert chart.locator("rect").count() == 4  # cash and card on the 5th, one each after
    assert "¥83.00" in page.locator("figcaption").inner_text()  # the chart's description
    check(page, "sales-zh")

    page.get_by_test_id("nav-retirements").click()
    assert page.get_by_test_id("blocks").locator("tbody tr").count() >= 1
    check(page, "retirements-zh")

    page.get_by_test_id("nav-tokens").click()
    page.locator("#name").fill("Expo hall 2")
    page.get_by_test_id("make-token").click()
    token = page.get_by_test_id("token").inner_text()
    assert len(token) > 20
    check(page, "tokens-zh")
    page.get_by_test_id("nav-tokens").click()
    assert token not in page.content()  # shown once
    page.context.close()


def test_an_auditor_reads_every_page_and_finds_no_form_a_forged_post_is_refused(
    browser: Any, base: str
) -> None:
    page = desk(browser)
    sign_in(page, base, "ann")
    forms = {"statements": "close", "retirements": "retire", "tokens": "new-token"}
    for key in ("statements", "sales", "retirements", "kiosks", "venues", "tokens"):
        page.get_by_test_id(f"nav-{key}").click()
        assert page.url.split("?")[0].endswith(f"/ops/{key}"), key
        if key in forms:
            assert page.get_by_test_id(forms[key]).count() == 0, key
    answer = page.request.post(
        f"{base}/ops/tokens", form={"name": "x", "lifetime": "7d"}, max_redirects=0
    )
    assert answer.status == 400  # no CSRF token: refused before the role is even asked
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    for path, form in (
        ("/ops/tokens", {"name": "x", "lifetime": "7d"}),
        ("/ops/statements/close", {"period": "2026-09"}),
        ("/ops/retirements", {"project": "demo-wetland", "serials": "X1..2"}),
    ):
        answer = page.request.post(f"{base}{path}", form={"csrf": token, **form}, max_redirects=0)
        assert answer.status == 403, path  # its own session's token: refused for its role
    page.context.close()

    staff = desk(browser)
    sign_in(staff, base, "amy")
    forged = staff.request.post(
        f"{base}/ops/tokens", form={"csrf": "from-another-site", "name": "x", "lifetime": "7d"},
        max_redirects=0,
    )  # fmt: skip
    assert forged.status == 400
    staff.get_by_test_id("nav-tokens").click()
    assert "x" not in [
        cell.inner_text() for cell in staff.get_by_test_id("tokens").locator("td").all()
    ]
    staff.context.close()

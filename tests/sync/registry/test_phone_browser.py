"""The phone flow in headless Chromium at a phone's size (390 x 844), on a served registry
in demo mode: Chinese, English and French through to the certificate, each page checked with
axe-core (no serious or critical violation) and for sideways scrolling.
DIANDIAN_SCREENSHOTS=DIR keeps a screenshot of every page (docs/screens/phone-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.registry.db import make_engine
from tests.sync.browser import keep_screenshot, no_serious_violation
from tests.sync.registry.phone import FORESTS, VENUE, demo_engine, kiosk_takes
from tests.sync.registry.served import serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('phone') / 'registry.sqlite'}"
    demo_engine(make_engine(url)).dispose()
    return url


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    with serve(db) as url:
        yield url


def check(page: Any, name: str) -> None:
    """No sideways scrolling, no serious or critical axe-core violation; a screenshot."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} scrolls sideways on a phone ({width}px)"
    no_serious_violation(page, name)
    keep_screenshot(page, f"phone-{name}.png")


def phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    return context.new_page()


def through_meal(page: Any, base: str, lang: str, shots: bool) -> None:
    page.goto(f"{base}/v/{VENUE}")
    if lang != "zh":
        with page.expect_navigation():  # the page is measured below: the new one, loaded
            page.get_by_test_id(f"lang-{lang}").click()
    if shots:
        check(page, f"start-{lang}")
    page.get_by_test_id("scenario-meal").click()
    page.locator("#answer").fill("2")
    if shots:
        check(page, f"question-{lang}")
    while "/q/" in page.url:  # each answer's page loaded before the URL is read again
        with page.expect_navigation():
            page.get_by_test_id("next").click()
    assert page.url.endswith("/result")


def test_the_whole_flow_in_chinese(browser: Any, base: str) -> None:
    page = phone(browser)
    through_meal(page, base, "zh", shots=True)
    assert page.get_by_test_id("total").inner_text().endswith("kg")
    check(page, "result-zh")
    page.locator("#nickname").fill("熊猫")
    with page.expect_navigation(url="**/pay/sim/**"):
        page.get_by_test_id(f"pay-{FORESTS}").click()
    check(page, "pay-zh")
    page.get_by_test_id("sim-pay").click()
    assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
    assert "熊猫" in page.get_by_test_id("ranking").inner_text()
    check(page, "paid-zh")
    page.get_by_test_id("certificate").click()
    assert "签名有效" in page.get_by_test_id("signature").inner_text()
    assert "已注销" in page.get_by_test_id("retirement").inner_text()
    check(page, "certificate-zh")  # the certificate the paid page links to
    page.go_back()  # back after paying: the same paid page, no second sale
    page.reload()
    assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
    page.context.close()


def test_the_whole_flow_in_french_with_each_lines_factor_and_source(
    browser: Any, base: str
) -> None:
    """In French, the result page words each line as the kiosk's breakdown does (what it
    counted × its factor, its source) and the total as km in a petrol car."""
    page = phone(browser)
    through_meal(page, base, "fr", shots=True)
    assert "Votre empreinte" in page.content()
    car = page.get_by_test_id("car").inner_text()
    assert car.startswith("≈ ") and car.endswith(" km seul dans une voiture essence")
    counted = page.get_by_test_id("counted").all_inner_texts()
    assert counted and all(" repas × " in c and c.endswith(" kg") for c in counted)
    sources = page.get_by_test_id("source").all_inner_texts()
    assert len(sources) == len(counted) and all(s.startswith("Source : ") for s in sources)
    check(page, "result-fr")
    page.locator("#nickname").fill("Renard")
    with page.expect_navigation(url="**/pay/sim/**"):  # measured once it is there
        page.get_by_test_id(f"pay-{FORESTS}").click()
    check(page, "pay-fr")
    page.get_by_test_id("sim-pay").click()
    assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
    assert page.get_by_test_id("state").inner_text() == "Merci ! Payé"
    assert page.get_by_test_id("message").inner_text().startswith("Vous avez compensé ")
    assert "Renard" in page.get_by_test_id("ranking").inner_text()
    check(page, "paid-fr")
    page.context.close()


def test_english_with_a_switch_midway_and_a_cancel(browser: Any, base: str) -> None:
    page = phone(browser)
    through_meal(page, base, "zh", shots=False)
    with page.expect_navigation():
        page.get_by_test_id("lang-en").click()
    assert page.url.endswith("/result") and "Your footprint" in page.content()
    page.get_by_test_id(f"pay-{FORESTS}").click()
    page.get_by_test_id("sim-cancel").click()
    assert page.get_by_test_id("state").get_attribute("data-state") == "expired"
    check(page, "expired-en")
    page.context.close()


def test_double_taps_on_pay_make_one_order_and_one_sale(browser: Any, base: str, db: str) -> None:
    from sqlalchemy import func, select

    from sync.registry.tables import phone_orders, purchases

    page = phone(browser)
    through_meal(page, base, "en", shots=False)
    page.locator("#nickname").fill("twice")
    page.get_by_test_id(f"pay-{FORESTS}").dblclick()
    page.wait_for_url("**/pay/sim/**")
    page.get_by_test_id("sim-pay").dblclick()
    page.wait_for_url("**/order/**")
    assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
    ranking = page.get_by_test_id("ranking").inner_text()
    assert ranking.count("twice") == 1
    page.context.close()
    engine = make_engine(db)
    with engine.begin() as conn:
        orders = conn.execute(
            select(func.count()).where(phone_orders.c.draft.contains('"nickname": "twice"'))
        ).scalar()
        sold = conn.execute(select(func.count()).where(purchases.c.nickname == "twice")).scalar()
    engine.dispose()
    assert (orders, sold) == (1, 1)


def test_short_stock_offers_what_can_be_bought(browser: Any, tmp_path: Path) -> None:
    """Kiosks hold all but 5 t of each project: a year of 14.26 t is covered by none, so the
    result page offers what can be bought; a typed amount past it is refused on the page."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    engine = demo_engine(make_engine(url))
    kiosk_takes(engine, 95_000_000)
    engine.dispose()
    with serve(url) as base:
        page = phone(browser)
        page.goto(f"{base}/v/{VENUE}/lang/en")
        page.goto(f"{base}/v/{VENUE}/s/lifestyle")
        while "/q/" in page.url:
            typed = {"2": "300", "8": "100000"}.get(page.url.rsplit("/", 1)[1])
            if typed:
                page.locator("#answer").fill(typed)
            with page.expect_navigation():
                page.get_by_test_id("next").click()
        page.get_by_role("link", name="A whole year: 14.26 t").click()
        assert "No project here has 14.26 t" in page.get_by_test_id("short-message").inner_text()
        assert page.get_by_test_id(f"pay-{FORESTS}").count() == 0
        page.locator("#kg").fill("9999")
        page.get_by_test_id("offer-amount").click()
        assert "cannot be offset here" in page.get_by_test_id("amount-problem").inner_text()
        check(page, "short-en")
        page.get_by_test_id("offer-largest").click()
        assert "5.00 t of your 14.26 t" in page.get_by_test_id("chosen").inner_text()
        assert "Left here: 5.00 t" in page.get_by_test_id(f"left-{FORESTS}").inner_text()
        check(page, "chosen-en")
        page.get_by_test_id(f"pay-{FORESTS}").click()
        page.get_by_test_id("sim-pay").click()
        assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
        page.context.close()


def test_a_company_buys_with_an_invoice_request(browser: Any, base: str, db: str) -> None:
    """The "buy as a company" step in French: a code with a wrong check character is refused
    on the page in the visitor's language, the corrected one is kept, and the paid sale's
    invoice request is queued with the email typed."""
    from sqlalchemy import select

    from sync.registry.tables import invoice_requests, purchases

    page = phone(browser)
    through_meal(page, base, "fr", shots=False)
    page.get_by_test_id("company-offer").click()
    page.get_by_test_id("company-name").fill("Société Verte Chengdu")
    page.get_by_test_id("company-code").fill("91110000600037341M")
    page.get_by_test_id("company-email").fill("factures@example.com")
    page.get_by_test_id("company-save").click()
    assert page.url.endswith("/company")
    problem = page.get_by_test_id("company-problem").inner_text()
    assert "ne correspond pas aux 17 premiers" in problem
    assert page.get_by_test_id("company-code").get_attribute("aria-invalid") == "true"
    check(page, "company-fr")
    page.get_by_test_id("company-code").fill("91110000600037341L")
    with page.expect_navigation(url="**/result"):
        page.get_by_test_id("company-save").click()
    assert "Société Verte Chengdu" in page.get_by_test_id("company-as").inner_text()
    page.get_by_test_id(f"pay-{FORESTS}").click()
    page.get_by_test_id("sim-pay").click()
    assert page.get_by_test_id("state").get_attribute("data-state") == "paid"
    page.context.close()
    engine = make_engine(db)
    with engine.begin() as conn:
        request = conn.execute(
            select(invoice_requests, purchases.c.nickname)
            .join(purchases, purchases.c.id == invoice_requests.c.purchase_id)
            .where(invoice_requests.c.company_name == "Société Verte Chengdu")
        ).one()
    engine.dispose()
    assert (request.company_code, request.invoice_email, request.status) == (
        "91110000600037341L",
        "factures@example.com",
        "requested",
    )
    assert request.nickname == ""

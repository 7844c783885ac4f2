"""Issue 18 on the touchscreen (headless Qt): after a real pull from the registry in process,
the attract screen shows the running event's name and progress and the scenarios offer the
event first; the nickname page's company switch checks the credit code as it is typed; the
organiser offsets the event as a company, and the registry queues the invoice request."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.ledger import Ledger, syncstate
from kiosk.paths import default_ledger
from kiosk.timestamps import china_date, stamp, utc_now
from kiosk.venues import get_venue
from sync import job
from sync import pull as pulls
from sync.registry import event_storage, events
from tests.sync.conftest import URL, enrol
from tests.sync.live import LiveRegistry
from tests.ui.conftest import wait

pytestmark = pytest.mark.gui

VALID = "91110000600037341L"  # published example, see tests/kiosk/test_uscc.py
ANSWERS = {"attendees": "500", "hall_kwh": "12000", "travel": "chengdu:metro:150:20"}


@pytest.fixture
def registry(tmp_path: Path):
    made = LiveRegistry(tmp_path)
    yield made
    made.close()


# The kiosk's own clock in the "截至" (as of) checks: two days ahead of this machine's, so the
# screen must judge staleness by it (the ledger's clock), and no China midnight falling between
# the pull and the check can change what it shows.
AHEAD = timedelta(days=2)


def _event_pulled(registry: LiveRegistry, pulled_at: datetime | None = None) -> dict:
    """An event running from today to the day after the kiosk's, at the demo venue, pulled into
    the kiosk's own ledger (as if at PULLED_AT, when given)."""
    today = china_date(utc_now())
    with registry.engine.begin() as conn:
        made = events.create(
            conn=conn,
            event_id="expo-2026",
            venue=get_venue("demo-expo").id,
            names={"zh": "低碳博览会", "en": "Low-carbon Expo"},
            starts_on=today.isoformat(),
            ends_on=(today + AHEAD + timedelta(days=1)).isoformat(),
            organiser="成都会展有限公司",
            answers=ANSWERS,
        )
    with Ledger.open(default_ledger()) as ledger:
        enrol(ledger, registry)  # the catalogue and retired serials, as a first sync leaves them
        syncstate.set_settings(ledger, {"venue": "demo-expo"})
        with registry.client(ledger, URL) as client:
            pulls.pull_events(ledger, client, job.Result())
        if pulled_at is not None:
            _pulled_at(ledger, pulled_at)
    return made


def _pulled_at(ledger: Ledger, moment: datetime) -> None:
    with ledger.transaction():
        ledger.conn.execute(
            "UPDATE pulled SET fetched_at = ? WHERE kind = 'events'", (stamp(moment),)
        )


def _type(keyboard, text: str) -> None:
    for char in text:
        keyboard.type(char)


def test_the_attract_screen_shows_the_running_event_and_its_card_comes_first(
    kiosk, registry: LiveRegistry, qtbot
) -> None:
    now = utc_now() + AHEAD  # the kiosk's clock
    made = _event_pulled(registry, pulled_at=now)
    window, pilot = kiosk("demo-expo", lang="zh", clock=lambda: now)
    attract = window.attract
    wait(qtbot, attract.eventBox.isVisible)
    assert attract.lblEvent.text() == "低碳博览会"
    assert f"{made['footprint_g'] // 1_000_000}." in attract.lblEventProgress.text()
    assert "截至" not in attract.lblEventProgress.text()  # pulled today: no "as of"
    assert attract.barEvent.value() == 0
    assert (
        window.scenario.shown()[0] == "event"
        and window.scenario.cards["event"].isVisible() is False
    )
    attract.btnStart.click()
    pilot.on("scenarioScreen")
    assert window.scenario.cards["event"].isVisible()
    assert "本次活动" in window.scenario.texts["event"][0].text()


def test_figures_not_pulled_today_say_as_of_when(kiosk, registry: LiveRegistry, qtbot) -> None:
    now = utc_now() + AHEAD  # the kiosk's clock
    _event_pulled(registry, pulled_at=now - timedelta(days=1))
    window, _ = kiosk("demo-expo", lang="zh", clock=lambda: now)
    wait(qtbot, window.attract.eventBox.isVisible)
    assert "截至" in window.attract.lblEventProgress.text()


def test_no_event_no_bar_and_no_card(kiosk, qtbot) -> None:
    window, pilot = kiosk("demo-expo", lang="zh")
    pilot.settle()
    assert not window.attract.eventBox.isVisible()
    assert "event" not in window.scenario.shown()


def test_the_company_code_is_checked_as_it_is_typed(qtbot) -> None:
    from ui.screens.nickname import NicknameScreen

    screen = NicknameScreen()
    qtbot.addWidget(screen)
    screen.reset("en")
    screen.show()
    screen.btnCompany.click()
    assert screen.companyBox.isVisible() and not screen.edtNickname.isVisible()
    _type(screen.keyboard, "Acme")  # the name field has the keyboard first
    assert screen.edtCompanyName.text() == "Acme"
    qtbot.mouseClick(screen.edtCompanyCode, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    _type(screen.keyboard, "9111000060003")
    assert screen.lblCodeState.text() == "13/18" and not screen.lblError.isVisible()
    screen.keyboard.type("i")  # I is never in a code: refused at once
    assert screen.lblError.isVisible() and "Character 14 (I)" in screen.lblError.text()
    screen.keyboard.backspace()
    _type(screen.keyboard, "7341n")  # the check character is L, not N
    assert screen.edtCompanyCode.text() == "91110000600037341N"
    assert "18th character" in screen.lblError.text() and screen.company() is None
    with qtbot.assertNotEmitted(screen.nicknameChosen):
        screen.btnDone.click()
    screen.keyboard.backspace()
    screen.keyboard.type("l")
    assert not screen.lblError.isVisible() and screen.lblCodeState.text() == "18/18"
    with qtbot.waitSignal(screen.nicknameChosen, timeout=30_000) as chosen:
        screen.btnDone.click()
    assert chosen.args == [""]
    found = screen.company()
    assert found is not None and (found.name, found.code) == ("Acme", VALID)
    screen.btnCompany.click()  # back to a nickname: no company
    assert screen.company() is None and screen.edtNickname.isVisible()


def test_the_invoice_email_is_typed_on_the_keyboard_and_checked(qtbot) -> None:
    """The company's invoice email: typed with the keyboard's @ . row (shown for that field
    only), refused on Continue when it is not an address, optional."""
    from PySide6.QtCore import Qt

    from ui.screens.nickname import NicknameScreen

    screen = NicknameScreen()
    qtbot.addWidget(screen)
    screen.reset("en")
    screen.show()
    screen.btnCompany.click()
    _type(screen.keyboard, "Acme")
    qtbot.mouseClick(screen.edtCompanyCode, Qt.LeftButton)
    _type(screen.keyboard, VALID.lower())
    assert not screen.keyboard.symbolKeys["@"].isVisible()
    qtbot.mouseClick(screen.edtInvoiceEmail, Qt.LeftButton)
    assert screen.keyboard.symbolKeys["@"].isVisible() and not screen.keyboard.chinese
    _type(screen.keyboard, "fapiao")
    screen.keyboard.symbolKeys[".com"].click()  # no @ yet: not an address
    with qtbot.assertNotEmitted(screen.nicknameChosen):
        screen.btnDone.click()
    assert "invoice email does not look right" in screen.lblError.text()
    assert screen.edtInvoiceEmail.property("active")  # the keyboard is back on the email
    for _ in ".com":
        screen.keyboard.backspace()
    screen.keyboard.symbolKeys["@"].click()
    _type(screen.keyboard, "acme")
    screen.keyboard.symbolKeys[".com"].click()
    assert screen.edtInvoiceEmail.text() == "fapiao@acme.com"
    with qtbot.waitSignal(screen.nicknameChosen):
        screen.btnDone.click()
    found = screen.company()
    assert found is not None and (found.code, found.invoice_email) == (VALID, "fapiao@acme.com")
    qtbot.mouseClick(screen.edtCompanyName, Qt.LeftButton)
    assert not screen.keyboard.symbolKeys["@"].isVisible()
    screen.reset("en")  # the next customer starts with none
    assert screen.edtInvoiceEmail.text() == ""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)], ids=str)
def test_the_company_page_fits_every_screen(kiosk, size) -> None:
    """Two rows of company fields, the candidate bar of a Chinese name, the email keys, a
    problem shown: every button stays inside the window (at 1280x800 the candidate bar was
    cut before the fields moved into the nickname's row)."""
    from tests.ui.test_fit import outside
    from tools.autopilot import tour

    window, pilot = kiosk()
    window.resize(*size)
    pilot.settle()
    for screen in tour(pilot):
        if screen == "nickname":
            break
    page = window.nickname
    page.set_company_mode(True)
    page.keyboard.set_chinese(True)
    _type(page.keyboard, "chengdu")  # candidates shown
    assert outside(window) == [], "a Chinese company name"
    page.focus_field(page.edtInvoiceEmail)
    assert outside(window) == [], "the invoice email"
    page.btnDone.click()  # no name yet: the problem shows
    assert page.lblError.isVisible()
    assert outside(window) == [], "with a problem shown"


def test_the_readme_walkthrough_attendee_organiser_and_invoice(
    kiosk, registry: LiveRegistry, qtbot
) -> None:
    """README "Events, companies and invoices": an event at the demo venue, on the attract
    screen with its progress; an attendee offsets a trip, the organiser (a company with a valid
    code) the event itself; the registry has the invoice request and the progress."""
    made = _event_pulled(registry)
    window, pilot = kiosk("demo-expo", lang="zh")
    wait(qtbot, window.attract.eventBox.isVisible)
    attendee = pilot.customer("trip", nickname="小明")
    assert attendee.event_id == "expo-2026" and attendee.for_event == 0
    pilot.w.flow.home()
    window.attract.btnStart.click()
    window.scenario.cards["event"].click()
    pilot.on("resultScreen")
    assert window.flow.footprint is not None
    assert window.flow.footprint.total_grams == made["footprint_g"]
    pilot.to_projects()
    card = next(c for c in window.project.cards.values() if c.available)
    card.click()
    pilot.on("nicknameScreen")
    page = window.nickname
    page.btnCompany.click()
    page.set_company_mode(True)
    page.edtCompanyName.setText("成都会展有限公司")  # typed in pinyin in real life
    page.focus_field(page.edtCompanyCode)
    _type(page.keyboard, VALID.lower())
    page.focus_field(page.edtInvoiceEmail)
    _type(page.keyboard, "fapiao")
    page.keyboard.symbolKeys["@"].click()
    _type(page.keyboard, "expo")
    page.keyboard.symbolKeys[".com"].click()
    page.btnDone.click()
    pilot.on("orderScreen")
    order = window.session.order
    assert order is not None
    assert (order.company_code, order.for_event, order.event_id) == (VALID, 1, "expo-2026")
    pilot.to_certificate(order)
    with (
        Ledger.open(default_ledger(), check=False) as ledger,
        registry.client(ledger, URL) as client,
    ):
        job.run(ledger, client)
    with registry.engine.begin() as conn:
        (request,) = event_storage.list_invoice_requests(conn=conn)
        summary = events.summary(conn, "expo-2026")
    assert (request.company_name, request.company_code) == ("成都会展有限公司", VALID)
    assert request.invoice_email == "fapiao@expo.com"  # typed on the kiosk, pushed
    assert summary["offset_by_organiser_g"] == order.offset_g
    assert summary["offset_by_attendees_g"] == attendee.offset_g
    with (  # the next pull brings the new figures
        Ledger.open(default_ledger(), check=False) as ledger,
        registry.client(ledger, URL) as client,
    ):
        pulls.pull_events(ledger, client, job.Result())
    window.flow.home()
    done = attendee.offset_g + order.offset_g
    wait(
        qtbot,
        lambda: window.attract.barEvent.value() == min(100, done * 100 // made["footprint_g"]),
    )

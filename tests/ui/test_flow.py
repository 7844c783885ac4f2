"""Every customer flow end to end on a real ledger, with the cashier paying from outside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.certificate.claims import LABELS, for_order
from kiosk.certificate.issue import known_keys
from kiosk.certificate.payload import verify
from kiosk.ledger import Ledger
from tests.fake_printer import FakePrinter
from tests.ui.conftest import set_printer, silent_printer

pytestmark = pytest.mark.gui

VENUES = {
    "trip": "demo-expo",
    "hotel_stay": "demo-hotel",
    "meal": "demo-restaurant",
    "lifestyle": "demo-expo",
    "scenic_visit": "demo-scenic",
    "shopping_basket": "demo-supermarket",
}


@pytest.mark.parametrize("scenario", sorted(VENUES))
def test_every_scenario_from_attract_to_certificate(kiosk, slip_file: Path, scenario: str, qtbot):
    window, pilot = kiosk(VENUES[scenario])
    order = pilot.customer(scenario, nickname="小明")
    assert window.current() is window.certificate
    assert window.certificate.slip == "printed"
    assert slip_file.stat().st_size > 1000  # a real raster slip was sent to the "printer"
    with Ledger.open(window.workers.path, create=False) as ledger:
        stored = ledger.get(order.id)
        assert stored.status == "paid" and stored.scenario == scenario
        assert stored.nickname == "小明"
        qtbot.waitUntil(lambda: ledger.get(order.id).slip_status == "printed", timeout=30_000)
        cert = verify(window.certificate.cert.qr_text, known_keys(ledger))
    assert cert.offset_g == stored.offset_g > 0
    said = for_order(stored, demo=True)  # no registry address here: a demo kiosk
    screen = window.certificate
    assert screen.lblTitle.text() == LABELS[said.title]["zh"]  # the screen speaks Chinese
    assert screen.lblClaims.text().split("\n") == [line.text("zh") for line in said.lines()]
    assert "演示，未登记" in screen.lblClaims.text()
    if scenario == "lifestyle":  # a month of the year, by default
        assert stored.offset_g == -(-stored.footprint_g // 12)
        assert said.month_of_year and "一个月" in screen.lblClaims.text()
        assert screen.lblTitle.text() != "碳中和证书"  # one month is not the whole year
    window.certificate.btnRanking.click()
    pilot.on("rankingScreen")
    assert window.ranking.board.mine.order_id == order.id
    window.ranking.btnFinish.click()
    assert window.current() is window.attract and window.session.answers == {}


def test_the_paid_screen_notices_a_payment_made_by_another_process(kiosk, slip_file: Path):
    window, pilot = kiosk()
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    code = (
        "import sys\nfrom kiosk.ledger import Ledger\n"
        "with Ledger.open(sys.argv[1], create=False) as ledger:\n"
        "    ledger.pay(sys.argv[2], method='mobile', cashier='counter-2')\n"
    )
    subprocess.run([sys.executable, "-c", code, str(window.workers.path), order.id], check=True)
    pilot.on("paidScreen")  # noticed by the poll (every 50 ms here; its speed is a bench figure)
    pilot.on("certificateScreen")


def test_language_switch_mid_flow_keeps_the_answers(kiosk):
    window, pilot = kiosk()
    pilot.start("trip")
    assert window.question.btnNext.text() == "下一步 ›"
    pilot.answer("beijing")
    window.langBar.buttons["en"].click()
    assert window.question.lblQuestion.text() == "How did you travel?"
    assert window.question.btnNext.text() == "Next ›"
    window.question.btnBack.click()
    assert window.question.cityPicker.lblChosen.text() == "✓ Beijing (北京)"
    window.question.btnNext.click()
    pilot.answer("flight")
    window.langBar.buttons["fr"].click()
    assert window.session.answers["mode"] == "flight"
    window.question.btnFinish.click()
    pilot.on("resultScreen")
    assert window.result.lblTitle.text() == "Votre empreinte"
    assert "Vol intérieur" in window.result.chart.bars[0][0]
    window.langBar.buttons["zh"].click()
    assert window.result.lblTitle.text() == "您的碳足迹"


def test_a_sold_out_project_is_marked_and_cannot_be_chosen(kiosk):
    window, pilot = kiosk()
    pilot.to_result("trip")
    with Ledger.open(window.workers.path, create=False) as ledger:
        ledger.set_allocation("demo-wetland", 1000, actor="test")
    pilot.to_projects()
    card = window.project.cards["demo-wetland"]
    assert not card.available and card.lblSoldOut.isVisible()
    card.click()
    assert window.current() is window.project


def test_a_project_selling_out_meanwhile_sends_the_customer_back(kiosk, qtbot):
    window, pilot = kiosk()
    pilot.to_result("trip")
    pilot.to_projects()
    window.project.cards["demo-rooftop-solar"].click()
    pilot.on("nicknameScreen")
    with Ledger.open(window.workers.path, create=False) as ledger:
        ledger.set_allocation("demo-rooftop-solar", 10, actor="another kiosk sold it")
    window.nickname.btnSkip.click()
    qtbot.waitUntil(lambda: window.project.notice == "sold_out", timeout=30_000)
    assert window.current() is window.project
    assert not window.project.cards["demo-rooftop-solar"].available
    assert window.project.lblNotice.isVisible()


def test_a_printer_failure_leaves_the_order_paid_with_a_retry(
    kiosk, home: Path, qtbot, closed_port
):
    set_printer(
        home, f'kind = "network"\nhost = "127.0.0.1"\nport = {closed_port}\ntimeout_s = 1.0'
    )
    window, pilot = kiosk()
    order = pilot.customer("meal")
    assert window.certificate.slip == "failed"
    assert window.certificate.btnRetry.isVisible()
    with Ledger.open(window.workers.path, create=False) as ledger:
        qtbot.waitUntil(lambda: ledger.get(order.id).slip_status == "failed", timeout=30_000)
        assert ledger.get(order.id).status == "paid"
    printer = FakePrinter()
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    window.certificate.btnRetry.click()
    qtbot.waitUntil(lambda: window.certificate.slip == "printed", timeout=30_000)
    assert len(printer.close()) > 1000


def test_a_removed_ledger_shows_out_of_service_with_a_retry(kiosk, qtbot):
    window, pilot = kiosk()
    pilot.to_result("meal")
    pilot.to_projects()
    window.workers.path.unlink()
    next(iter(window.project.cards.values())).click()
    window.nickname.btnSkip.click()
    pilot.on("outOfServiceScreen")
    assert window.outOfService.code == "removed"
    detail = window.outOfService.lblDetail.text()
    assert detail and str(window.workers.path.parent) not in detail  # no path on a public page
    assert window.outOfService.btnRetry.isVisible()
    window.outOfService.btnRetry.click()  # the file is still gone: still out of service
    pilot.settle()
    qtbot.waitUntil(lambda: window.outOfService.code == "missing", timeout=30_000)
    assert window.current() is window.outOfService


def test_an_unusable_ledger_path_is_out_of_service_from_the_start(kiosk, tmp_path: Path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the ledger's folder should be")
    window, pilot = kiosk(ledger_path=not_a_folder / "ledger.sqlite")
    pilot.on("outOfServiceScreen")
    assert window.outOfService.code == "no_folder"
    assert window.outOfService.btnRetry.isVisible()


def test_a_printer_that_never_confirms_offers_a_retry(kiosk, home: Path, qtbot):
    """A real listener that takes the slip's bytes and never reads or answers."""
    with silent_printer(home):
        window, pilot = kiosk()
        order = pilot.customer("meal")
        qtbot.waitUntil(lambda: window.certificate.slip == "unconfirmed", timeout=30_000)
    assert window.certificate.btnRetry.isVisible()
    assert "没有确认" in window.certificate.lblSlip.text()
    with Ledger.open(window.workers.path, create=False) as ledger:
        qtbot.waitUntil(lambda: ledger.get(order.id).slip_status == "unconfirmed", timeout=30_000)
        assert ledger.get(order.id).status == "paid"

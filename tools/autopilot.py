"""An automated customer: drives a real KioskWindow through its screens by tapping its
widgets, as the screenshot script, the UI benchmark and the end-to-end tests do.

The cashier's side (paying an order) uses its own Ledger connection, as a cashier PC would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.ledger import Ledger, Order
from ui.window import KioskWindow

# Answers for each scenario's required questions (and a few more), as a customer would tap them.
ANSWERS: Mapping[str, dict[str, Any]] = {
    "trip": {"origin": "beijing", "mode": "flight", "nights": "2", "meals": "3"},
    "scenic_visit": {"origin": "chengdu", "mode": "car_petrol", "passengers": "2"},
    "hotel_stay": {"nights": "2", "guests_in_room": "1"},
    "meal": {"meat_meals": "1", "mixed_meals": "2"},
    "shopping_basket": {"food_drink_kg": "3.5", "clothing_kg": "0.4"},
    "lifestyle": {
        "household_size": "3",
        "electricity_kwh_month": "240",
        "car_km_year": "8000",
        "domestic_flights": "2",
        "diet": "low_meat",
    },
}


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop until `condition()` holds; TimeoutError after `timeout` s."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        if app is not None:
            app.processEvents()
            # processEvents() alone never runs deleteLater(); the real event loop does
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.002)


Wait = Callable[[Callable[[], bool], float], None]  # (condition, timeout in s)


class Autopilot:
    """`wait` runs the event loop until a condition holds: `wait_until` for the screenshot
    script and the benchmark; pytest-qt's qtbot.waitUntil in the tests."""

    def __init__(
        self, window: KioskWindow, cashier_ledger: Path | None = None, wait: Wait = wait_until
    ) -> None:
        self.w = window
        self.cashier_ledger = cashier_ledger or window.workers.path
        self.wait = wait

    def on(self, name: str, timeout: float = 10.0) -> None:
        self.wait(lambda: self.w.current().objectName() == name, timeout)

    def settle(self) -> None:
        """The start-up check done (the ledger ready, or the failure page up: the window starts
        it after its first frame), every queued job finished and what they posted handled."""
        ready = self.w.outOfService
        self.wait(lambda: self.w.flow.key is not None or self.w.current() is ready, 30.0)
        self.w.workers.wait()
        QApplication.processEvents()

    def start(self, scenario_id: str) -> None:
        lang = self.w.session.lang
        if self.w.current() is not self.w.attract:
            self.w.flow.home()  # goes back to Chinese, as for a new customer
        self.w.attract.btnStart.click()
        if lang != self.w.session.lang:
            self.w.langBar.buttons[lang].click()
        self.w.scenario.cards[scenario_id].click()
        self.on("questionScreen")

    def answer(self, value: str) -> None:
        """Answer the question on screen the way a finger would."""
        page = self.w.question
        question = page.question
        assert question is not None
        if question.type == "city":
            picker = page.cityPicker
            picker.keyboard.clear()
            for char in value:
                picker.keyboard.type(char)
            picker.resultButtons[0].click()
            page.btnNext.click()
        elif question.type in ("choice", "bool"):
            key = value.lower()
            button = next(b for b in page.choiceButtons if b.objectName() == f"btnChoice_{key}")
            button.click()
            self.wait(lambda: page.question is not question or self.w.current() is not page, 10.0)
        else:
            page.keypad.set_text("", notify=True)
            for char in value:
                page.keypad.press(char)
            page.btnNext.click()

    def to_result(self, scenario_id: str, answers: Mapping[str, str] | None = None) -> None:
        answers = ANSWERS[scenario_id] if answers is None else answers
        self.start(scenario_id)
        for _ in range(40):
            if self.w.current() is not self.w.question:
                break
            question = self.w.question.question
            assert question is not None
            keys = {q.key for q in self.w.session.questions()}
            left = [k for k in answers if k in keys and k not in self.w.session.answers]
            if question.key in answers:
                self.answer(answers[question.key])
            elif not left and self.w.question.btnFinish.isVisible():
                self.w.question.btnFinish.click()
            else:
                self.w.question.btnNext.click()
        self.on("resultScreen")

    def to_projects(self) -> None:
        self.w.result.btnNext.click()
        self.on("projectScreen")

    def to_order(self, project_id: str = "", nickname: str = "") -> Order:
        cards = self.w.project.cards
        card = cards[project_id] if project_id else next(c for c in cards.values() if c.available)
        card.click()
        self.on("nicknameScreen")
        if nickname:
            self.w.nickname.edtNickname.setText(nickname)
            self.w.nickname.btnDone.click()
        else:
            self.w.nickname.btnSkip.click()
        self.on("orderScreen")
        order = self.w.session.order
        assert order is not None
        return order

    def pay_at_counter(self, order: Order, method: str = "cash") -> Order:
        """The cashier scans the code and takes the money, on their own ledger connection."""
        with Ledger.open(self.cashier_ledger, create=False, check=False) as ledger:
            return ledger.pay(order.id, method=method, cashier="autopilot-cashier")

    def to_certificate(self, order: Order, timeout: float = 10.0) -> None:
        self.pay_at_counter(order)
        self.on("certificateScreen", timeout)

    def customer(self, scenario_id: str, nickname: str = "") -> Order:
        """One whole visit: answers, result, first project, order, payment, certificate."""
        self.to_result(scenario_id)
        self.to_projects()
        order = self.to_order(nickname=nickname)
        self.to_certificate(order)
        self.wait(lambda: self.w.certificate.slip not in ("none", "printing"), 10.0)
        return order


def tour(pilot: Autopilot, staff: tuple[str, str] = ("", "")) -> Iterator[str]:
    """Every screen (and page of a screen) in turn, as a visitor and then staff meet them;
    yields each one's name once it is shown. The screenshot script photographs them, and a test
    checks at each that every button lies inside the window. STAFF: a name and PIN that exist."""
    w = pilot.w
    lang = w.session.lang
    yield "attract"
    w.attract.btnStart.click()
    yield "scenario"
    w.scenario.cards["trip"].click()
    pilot.on("questionScreen")
    for char in "chengdo":  # a typo: the closest cities are offered
        w.question.cityPicker.keyboard.type(char)
    yield "question-city"
    pilot.answer("beijing")
    yield "question-choice"
    pilot.answer("flight")
    while w.question.question is not None and w.question.question.key != "nights":
        w.question.btnNext.click()
    w.question.keypad.press("2")
    yield "question-number"
    w.question.btnNext.click()
    w.question.btnFinish.click()
    pilot.on("resultScreen")
    yield "result"
    pilot.to_projects()
    yield "project"
    next(c for c in w.project.cards.values() if c.available).click()  # one that covers the offset
    pilot.on("nicknameScreen")
    keyboard = w.nickname.keyboard
    keyboard.set_chinese(True)
    for char in "xiaoming":
        keyboard.type(char)
    yield "nickname"
    keyboard.choose(keyboard.candidates()[0])
    w.nickname.btnDone.click()
    pilot.on("orderScreen")
    yield "order"
    w.order.btnCancel.click()
    yield "order-cancel"
    w.order.confirm.btnNo.click()
    w.idle.prompted.emit(12)
    yield "idle-prompt"
    w.prompt.btnStay.click()
    order = w.session.order
    assert order is not None
    pilot.pay_at_counter(order)
    pilot.on("paidScreen")
    yield "paid"
    pilot.on("certificateScreen")
    pilot.wait(lambda: w.certificate.slip not in ("none", "printing"), 10.0)
    yield "certificate"
    w.certificate.btnRanking.click()
    pilot.on("rankingScreen")
    yield "ranking"
    pilot.to_result("lifestyle")
    if lang != w.session.lang:
        w.langBar.buttons[lang].click()
    w.result.btnYear.click()
    yield "result-year"
    with Ledger.open(pilot.cashier_ledger, create=False, check=False) as ledger:
        granted = {stock.project.id: stock.granted_g for stock in ledger.stock()}
        for stock in ledger.stock():  # less left than a year: what can be bought instead
            ledger.set_allocation(stock.project.id, stock.sold_g + 500_000, actor="tour")
    pilot.to_projects()
    w.project.offerButtons["choose"].click()
    yield "project-short"
    with Ledger.open(pilot.cashier_ledger, create=False, check=False) as ledger:
        for project_id, grams in granted.items():  # as it was, for whoever tours next
            ledger.set_allocation(project_id, grams, actor="tour")
    w.flow.home()
    w.guard.gestureMade.emit()
    pilot.on("staffSignInScreen")
    name, pin = staff
    for char in name.lower():
        w.staffSignIn.keyboard.type(char)
    yield "staff-name"
    w.staffSignIn.btnNameNext.click()
    w.staffSignIn.pinpad.enter("0000")
    pilot.wait(lambda: w.staffSignIn.error != "", 10.0)
    yield "staff-pin"
    w.staffSignIn.pinpad.enter(pin)
    pilot.on("staffScreen")
    yield "staff"
    w.fail(Exception("the tour's failure page"))
    yield "failure"
    from kiosk.ledger import LedgerUnavailable

    w.fail(LedgerUnavailable("the ledger is gone").coded("removed", path=str(w.workers.path)))
    yield "out-of-service"

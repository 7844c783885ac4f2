"""Kiosk behaviour around the flow: idle reset, the hidden staff gesture, blocked shortcuts,
the systemd watchdog and the pinyin keyboard (the PySide6 build we rely on:
test_pyside_refcounts.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import accounts
from kiosk.ledger import Ledger
from tests.ui.conftest import wait
from ui import watchdog

pytestmark = pytest.mark.gui


def test_idle_prompts_then_starts_over_with_every_answer_wiped(kiosk, qtbot):
    window, pilot = kiosk(idle_timeout_s=0.3, prompt_s=0.4)
    pilot.start("trip")
    pilot.answer("beijing")
    qtbot.waitUntil(lambda: window.prompt.isVisible(), timeout=30_000)
    pilot.on("attractScreen", timeout=3)
    assert window.session.answers == {} and window.session.scenario_id == ""
    assert not window.prompt.isVisible()


def test_i_am_still_here_keeps_the_customer_where_they_were(kiosk, qtbot):
    window, pilot = kiosk(idle_timeout_s=0.3, prompt_s=5)
    pilot.start("trip")
    pilot.answer("beijing")
    qtbot.waitUntil(lambda: window.prompt.isVisible(), timeout=30_000)
    window.prompt.btnStay.click()
    assert not window.prompt.isVisible()
    assert window.current() is window.question and "origin" in window.session.answers


def test_an_idle_order_screen_starts_over_and_the_order_stays_payable(kiosk, qtbot):
    """The visitor may be queuing at the counter: the kiosk goes back to attract for the next
    one, but the order keeps its grams until its hold ends, as the idle prompt says."""
    window, pilot = kiosk(idle_timeout_s=600)
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    # Short only now: on the way here each screen waits for a worker (the order is written on
    # one), and a loaded machine that took 0.8 s there sent the kiosk back to attract early.
    window.idle.timeout_s, window.idle.prompt_s = 0.2, 0.6  # x3 on the order screen
    window.idle.touch()
    wait(qtbot, lambda: window.prompt.isVisible())
    text = window.prompt.lblCountdown.text()
    assert order.code[:3] in text and window.prompt.until in text  # "payable ... until 14:20"
    pilot.on("attractScreen", timeout=5)
    pilot.settle()
    with Ledger.open(window.workers.path, create=False) as ledger:
        stored = ledger.get(order.id)
        assert stored.status == "awaiting_payment"
        reserved = {s.project.id: s.reserved_g for s in ledger.stock()}
    assert reserved[order.project_id] == order.offset_g  # still held for the visitor
    assert pilot.pay_at_counter(order).status == "paid"


def test_an_order_past_its_hold_gives_its_grams_back_without_a_restart(kiosk, qtbot):
    window, pilot = kiosk(sweep_ms=100)
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    window.flow.home()
    with Ledger.open(window.workers.path, create=False) as ledger:
        with ledger.transaction():  # as if the 15 minutes had passed
            ledger.conn.execute(
                "UPDATE orders SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?",
                (order.id,),
            )
        wait(qtbot, lambda: ledger.get(order.id).status == "expired")
        assert ledger.get(order.id).expired_reason == "timeout"


def _tap_corner(window, times: int) -> None:
    for _ in range(times):
        QTest.mouseClick(window.centralWidget(), Qt.MouseButton.LeftButton, pos=QPoint(4, 4))


def test_hidden_gesture_with_a_wrong_then_a_right_pin(kiosk, home: Path, qtbot):
    with Ledger.open(home / "ledger.sqlite") as ledger:
        accounts.create(ledger, "Wang", "admin", "2468", actor="test")
    window, pilot = kiosk()
    _tap_corner(window, 4)
    assert window.current() is window.attract  # four taps are not enough
    _tap_corner(window, 1)
    pilot.on("staffSignInScreen")
    assert window.staffSignIn.findChild(object, "btnAccount_Wang") is None  # no names shown
    window.staffSignIn.sign_in("wang", "1111")  # case does not matter
    qtbot.waitUntil(lambda: window.staffSignIn.error == "wrong", timeout=30_000)
    assert window.staffSignIn.lblError.isVisible() and window.current() is window.staffSignIn
    window.staffSignIn.pinpad.enter("2468")
    pilot.on("staffScreen")
    assert "Wang" in window.staff.lblWho.text()
    assert window.staff.btnExit.isVisible()
    exits: list[bool] = []
    window.exitRequested.connect(lambda: exits.append(True))
    window.staff.btnExit.click()
    assert exits == [True]


def test_the_gesture_explains_how_to_create_the_first_account(kiosk):
    window, pilot = kiosk()
    window.guard.gestureMade.emit()
    pilot.on("staffSignInScreen")
    assert "diandian accounts add" in window.staffSignIn.lblHint.text()
    assert not window.staffSignIn.pinpad.isVisible() and not window.staffSignIn.edtName.isVisible()
    window.staffSignIn.btnCancel.click()
    assert window.current() is window.attract


def test_shortcuts_that_would_leave_the_app_are_swallowed(kiosk):
    window, _ = kiosk()
    for key, mods in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ):
        QTest.keyClick(window, key, mods)
    assert window.guard.blocked >= 3
    window.close()  # a customer cannot close it either
    assert window.isVisible()


def test_the_watchdog_pings_systemd_over_its_socket(tmp_path: Path):
    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    try:
        assert watchdog.notify("WATCHDOG=1", {"NOTIFY_SOCKET": str(path)})
        assert server.recv(64) == b"WATCHDOG=1"
    finally:
        server.close()
    assert not watchdog.notify("READY=1", {})
    assert watchdog.interval_ms({"WATCHDOG_USEC": "20000000"}) == 10_000


def test_pinyin_keyboard_types_a_chinese_nickname(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from ui.widgets.keyboard import TouchKeyboard

    field, keyboard = QLineEdit(), TouchKeyboard()
    qtbot.addWidget(field)
    qtbot.addWidget(keyboard)
    keyboard.attach(field)
    for char in "xiaoming":
        keyboard.letterKeys[char].click()
    found = keyboard.candidates()
    assert found[0] == "小名" and "小" in found  # whole words first, then characters
    keyboard.candidateButtons[found.index("小")].click()
    assert field.text() == "小" and keyboard.composing == "ming"
    keyboard.choose("明")
    keyboard.btnMode.click()  # EN: letters go straight in
    for char in "88":
        keyboard.letterKeys[char].click()
    assert field.text() == "小明88"


def test_the_configured_terminal_is_read_once_the_first_frame_is_painted(qtbot, home: Path):
    """Issue 19: the [payment] table's schema (pydantic) is not on the first paint's path; the
    terminal is there by the time the kiosk is ready, before any visitor can pay."""
    from kiosk.payment import SimulatedTerminal
    from kiosk.venues import get_venue
    from tools.autopilot import Autopilot
    from ui.window import KioskWindow

    home.mkdir(parents=True, exist_ok=True)
    (home / "diandian.toml").write_text(
        '[payment]\nterminal = "simulated"\ndelay_s = 0.5\n', encoding="utf-8"
    )
    window = KioskWindow(get_venue("demo-expo"), poll_ms=50)
    qtbot.addWidget(window)
    assert window.terminal is None  # not yet: read after the first frame, with the ledger
    window.resize(1920, 1080)
    window.show()
    Autopilot(window, wait=lambda condition, s: wait(qtbot, condition, s)).settle()
    assert isinstance(window.terminal, SimulatedTerminal) and window.terminal.delay_s == 0.5
    window.allow_close = True
    window.close()


def test_a_second_gesture_before_the_accounts_are_read_asks_once(kiosk, monkeypatch) -> None:
    """Ten quick taps make two gestures: the second, before the first one's accounts came
    back, must not read them again (their arrival would clear the name being typed)."""
    window, pilot = kiosk()
    reads: list[object] = []
    read = window.workers.read

    def counted(work, *args, **kwargs):
        reads.append(work)
        return read(work, *args, **kwargs)

    monkeypatch.setattr(window.workers, "read", counted)
    window.guard.gestureMade.emit()
    window.guard.gestureMade.emit()  # at once: the first read cannot have been answered yet
    pilot.on("staffSignInScreen")
    assert [work.__name__ for work in reads] == ["accounts"]  # type: ignore[attr-defined]

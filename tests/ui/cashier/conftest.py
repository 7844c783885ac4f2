"""Console tests: a real ledger on a temp file in a fresh DIANDIAN_HOME (the ui conftest's),
with the demo catalogue, a cashier (alice, 1234) and an admin (root, 9999)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk import accounts
from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import compute
from kiosk.ledger import Ledger, Order

CASHIER_PIN, ADMIN_PIN = "1234", "9999"


@pytest.fixture
def ledger_path(home: Path) -> Path:
    path = home / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        accounts.create(ledger, "alice", "cashier", CASHIER_PIN, actor="test")
        accounts.create(ledger, "root", "admin", ADMIN_PIN, actor="test")
    return path


def open_order(path: Path, grams: int = 100_000, project: str = "demo-wetland") -> Order:
    """An order awaiting payment, as the kiosk would open it (its own connection)."""
    footprint = compute("meal", {"mixed_meals": "3"})
    with Ledger.open(path, create=False) as ledger:
        return ledger.open_order(footprint, project_id=project, offset_g=grams)


def pay(path: Path, order_id: str, method: str = "card") -> Order:
    with Ledger.open(path, create=False) as ledger:
        return ledger.pay(order_id, method=method, cashier="alice")


def settle(window) -> None:
    """Every queued job run and its result delivered."""
    from PySide6.QtTest import QTest

    window.ctx.workers.wait()
    QTest.qWait(50)  # a real event loop: queued signals and deferred deletes delivered


@pytest.fixture
def console(qtbot, ledger_path: Path) -> Iterator[Callable[..., object]]:
    """make(account=None|"alice"|"root") -> a shown CashierWindow (signed in if asked)."""
    from ui.cashier.window import CashierWindow

    made: list[CashierWindow] = []

    def make(who: str | None = None, refresh_ms: int = 100) -> CashierWindow:
        window = CashierWindow(ledger_path, refresh_ms=refresh_ms)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        settle(window)
        if who is not None:
            window.signin.cmbAccount.setCurrentText(who)
            window.signin.edtPin.setText(CASHIER_PIN if who == "alice" else ADMIN_PIN)
            window.signin.submit()
            qtbot.waitUntil(lambda: window.ctx.account is not None, timeout=30_000)
            settle(window)
        return window

    yield make
    for window in made:
        window.close()

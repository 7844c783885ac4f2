"""The console's window: sign-in first, then a tab per panel; admin tabs only for admins.

It is both `diandian cashier` (a counter PC on the same ledger) and what the kiosk's staff
screen opens through `add_tool`, sharing the kiosk's workers so writes stay in one order.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.accounts import Account
from ui.cashier.common import Context, push
from ui.cashier.orders import OrdersPanel
from ui.cashier.printing import SlipPrinter
from ui.cashier.signin import SignInPanel
from ui.cashier.slips import SlipsPanel
from ui.style import console_stylesheet, metrics_for
from ui.workers import Workers

log = logging.getLogger(__name__)


class CashierWindow(QMainWindow):
    signedIn = Signal(object)  # Account
    signedOut = Signal()
    exitKioskRequested = Signal()  # an admin chose "exit kiosk mode" (embedded in the kiosk)

    def __init__(
        self,
        ledger_path: Path,
        *,
        workers: Workers | None = None,
        account: Account | None = None,
        refresh_ms: int = 2000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)  # a parent (the kiosk window) owns it; it stays a window
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("cashierWindow")
        self.setWindowTitle(self.tr("Diandian cashier"))
        self._own_workers = workers is None
        self.ctx = Context(
            workers=workers or Workers(ledger_path),
            ledger_path=ledger_path,
            embedded=workers is not None,
        )
        self.refresh_ms = refresh_ms
        self.setStyleSheet(console_stylesheet(metrics_for(1280, 720)))
        self.signin = SignInPanel(self.ctx)
        self.signin.signedIn.connect(self.sign_in)
        self.lblWho = QLabel()
        self.lblWho.setObjectName("lblWho")
        self.btnSignOut = push("btnSignOut", self.tr("Sign out"))
        self.btnSignOut.clicked.connect(self.sign_out)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.currentChanged.connect(self._tab_changed)
        console = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.lblWho, 1)
        top.addWidget(self.btnSignOut)
        column = QVBoxLayout(console)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        self.stack.addWidget(console)
        self.console = console
        self.setCentralWidget(self.stack)
        self.orders: OrdersPanel | None = None
        self.slips: SlipsPanel | None = None
        self.printer: SlipPrinter | None = None
        self.panels: dict[str, QWidget] = {}
        if account is not None:
            self.sign_in(account)
        else:
            self.signin.load()

    # -- signing in and out -----------------------------------------------------------------

    def sign_in(self, account: Account) -> None:
        """Build the panels for this account: an admin gets the administration tabs too."""
        log.info("cashier console: %s (%s) signed in", account.name, account.role)
        self.ctx.account = account
        roles = {"admin": self.tr("administrator"), "cashier": self.tr("cashier")}
        self.lblWho.setText(
            self.tr("Signed in as {name} ({role})").format(
                name=account.name, role=roles.get(account.role, account.role)
            )
        )
        self._clear_panels()
        printer = self.printer = SlipPrinter(self.ctx, self)
        self.orders = OrdersPanel(self.ctx, self.refresh_ms)
        self.orders.printRequested.connect(printer.print_order)
        printer.finished.connect(self.orders.show_print_result)
        self.slips = SlipsPanel(self.ctx, printer)
        self.orders.paymentTaken.connect(lambda _: self.slips and self.slips.refresh())
        self._add("orders", self.orders, self.tr("Orders to pay"))
        self._add("slips", self.slips, self.tr("Paid, slips and voids"))
        self._add_more(account)
        self.stack.setCurrentWidget(self.console)
        self.orders.start()
        self.slips.refresh()
        self.signedIn.emit(account)

    def _add_more(self, account: Account) -> None:
        """The report and printer panels, and the admin ones (later slices plug in here)."""
        from ui.cashier.printer import PrinterPanel
        from ui.cashier.report import ReportPanel

        self._add("report", ReportPanel(self.ctx), self.tr("End of day"))
        self._add("printer", PrinterPanel(self.ctx), self.tr("Printer"))
        if account.role == "admin":
            from ui.cashier.admin import AdminPanel
            from ui.cashier.factors import FactorsPanel
            from ui.cashier.prices import PricesPanel

            admin = AdminPanel(self.ctx)
            admin.exitKioskRequested.connect(self.exitKioskRequested)
            self._add("admin", admin, self.tr("Administration"))
            self._add("prices", PricesPanel(self.ctx), self.tr("Prices"))
            self._add("factors", FactorsPanel(self.ctx), self.tr("Emission factors"))

    def _add(self, name: str, panel: QWidget, title: str) -> None:
        self.panels[name] = panel
        self.tabs.addTab(panel, title)

    def _clear_panels(self) -> None:
        if self.orders is not None:
            self.orders.stop()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        if self.printer is not None:
            self.printer.deleteLater()
        self.panels, self.orders, self.slips, self.printer = {}, None, None, None

    def sign_out(self) -> None:
        self._clear_panels()
        self.ctx.account = None
        self.stack.setCurrentWidget(self.signin)
        self.signin.load()
        self.signedOut.emit()

    def show_panel(self, name: str) -> QWidget:
        panel = self.panels[name]
        self.tabs.setCurrentWidget(panel)
        return panel

    def _tab_changed(self, _index: int) -> None:
        panel = self.tabs.currentWidget()
        entered = getattr(panel, "entered", None)
        if callable(entered):
            entered()
        elif panel is self.slips and self.slips is not None:
            self.slips.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clear_panels()
        if self._own_workers:
            self.ctx.workers.shutdown()
        super().closeEvent(event)

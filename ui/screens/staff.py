"""The staff screen after sign-in: who is signed in, back to the kiosk, and (admins) leaving
kiosk mode. The cashier console plugs in here through `add_tool`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.accounts import Account
from ui.screens.base import Screen, button, label


class StaffScreen(Screen):
    doneRequested = Signal()
    exitRequested = Signal()
    idle_factor = 2.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffScreen", parent)
        self.account: Account | None = None
        self.lblTitle = label("lblStaffScreenTitle", "title")
        self.lblWho = label("lblSignedIn", "subtitle")
        self.tools = QVBoxLayout()
        self.btnDone = button("btnBackToKiosk", "primary")
        self.btnDone.clicked.connect(self.doneRequested)
        self.btnExit = button("btnExitKiosk", "danger")
        self.btnExit.clicked.connect(self.exitRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(72, 40, 72, 40)
        layout.setSpacing(24)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblWho)
        layout.addLayout(self.tools)
        layout.addStretch(1)
        layout.addWidget(self.btnDone)
        layout.addWidget(self.btnExit)

    def add_tool(self, name: str, text: str, callback: Callable[[], None]) -> None:
        """A button for another staff tool (the cashier console, reports...)."""
        tool = button(f"btnTool_{name}")
        tool.setText(text)
        tool.clicked.connect(callback)
        self.tools.addWidget(tool)

    def show_account(self, account: Account) -> None:
        self.account = account
        self.retranslate()

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Staff"))
        roles = {"admin": self.tr("administrator"), "cashier": self.tr("cashier")}
        if self.account is not None:
            self.lblWho.setText(
                self.tr("Signed in as {name} ({role}).").format(
                    name=self.account.name, role=roles.get(self.account.role, self.account.role)
                )
            )
        self.btnDone.setText(self.tr("Back to the kiosk"))
        self.btnExit.setText(self.tr("Exit kiosk mode"))
        self.btnExit.setVisible(self.account is not None and self.account.role == "admin")

"""The staff screen after sign-in: who is signed in, the cashier console, back to the visitor's
order (when one was open as the gesture was made), sign out to the kiosk, and (admins) leaving
kiosk mode. The cashier console plugs in here through `add_tool`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.accounts import Account
from ui.screens.base import Screen, button, label


class StaffScreen(Screen):
    doneRequested = Signal()  # sign out, back to the attract screen
    resumeRequested = Signal()  # back to the visitor's order, as it was
    exitRequested = Signal()
    idle_factor = 2.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffScreen", parent)
        self.account: Account | None = None
        self.order_code = ""  # the visitor's order open when the gesture was made
        self.toolButtons: dict[str, QPushButton] = {}
        self.lblTitle = label("lblStaffScreenTitle", "title")
        self.lblWho = label("lblSignedIn", "subtitle")
        self.tools = QVBoxLayout()
        self.btnResume = button("btnResumeOrder", "primary")
        self.btnResume.clicked.connect(self.resumeRequested)
        self.btnDone = button("btnBackToKiosk")
        self.btnDone.clicked.connect(self.doneRequested)
        self.btnExit = button("btnExitKiosk", "danger")
        self.btnExit.clicked.connect(self.exitRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 40, 72, 40), 24)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblWho)
        layout.addLayout(self.tools)
        layout.addStretch(1)
        layout.addWidget(self.btnResume)
        layout.addWidget(self.btnDone)
        layout.addWidget(self.btnExit)

    def add_tool(self, name: str, callback: Callable[[], None]) -> None:
        """A button for another staff tool (the cashier console...), named in `tool_names`."""
        tool = button(f"btnTool_{name}")
        tool.clicked.connect(callback)
        self.tools.addWidget(tool)
        self.toolButtons[name] = tool
        self.retranslate()

    def tool_names(self) -> dict[str, str]:
        return {"cashier": self.tr("Cashier console")}

    def show_account(self, account: Account, order_code: str = "") -> None:
        self.account, self.order_code = account, order_code
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
        names = self.tool_names()
        for name, tool in self.toolButtons.items():
            tool.setText(names.get(name, name))
        self.btnResume.setText(
            self.tr("Back to the visitor's order {code}").format(code=self.order_code)
        )
        self.btnResume.setVisible(bool(self.order_code))
        self.btnDone.setText(self.tr("Sign out to the start screen"))
        self.btnExit.setText(self.tr("Exit kiosk mode"))
        self.btnExit.setVisible(self.account is not None and self.account.role == "admin")

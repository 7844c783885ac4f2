"""Out of service: a friendly page instead of a traceback, with the reason and a way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui import messages
from ui.screens.base import Screen, button, label


class OutOfServiceScreen(Screen):
    retryRequested = Signal()
    homeRequested = Signal()
    idle_factor = 0.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("outOfServiceScreen", parent)
        self.kind, self.code = "ledger", ""
        self.lblTitle = label("lblOutTitle", "hero", center=True)
        self.lblMessage = label("lblOutMessage", "subtitle", center=True)
        self.lblDetail = label("lblOutDetail", "small", center=True)
        self.btnRetry = button("btnRetry", "primary")
        self.btnRetry.clicked.connect(self.retryRequested)
        self.btnHome = button("btnOutHome")
        self.btnHome.clicked.connect(self.homeRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (120, 40, 120, 40))
        layout.addStretch(1)
        for widget in (self.lblTitle, self.lblMessage, self.lblDetail):
            layout.addWidget(widget)
            layout.addSpacing(16)
        layout.addSpacing(32)
        layout.addWidget(self.btnRetry, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.btnHome, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_problem(self, kind: str, code: str = "") -> None:
        """kind: "ledger" (cannot record sales: retry), "internal" (unexpected: start over);
        CODE: why the ledger cannot be used (kiosk.ledger.db), said in the visitor's language
        with no file path (the log has it for staff)."""
        self.kind, self.code = kind, code
        self.retranslate()

    def retranslate(self) -> None:
        ledger = self.kind == "ledger"
        self.lblTitle.setText(
            self.tr("Out of service") if ledger else self.tr("Sorry, something went wrong")
        )
        self.lblMessage.setText(
            self.tr(
                "This kiosk cannot record sales right now. Please ask the staff for help; "
                "nothing you paid for is lost."
            )
            if ledger
            else self.tr("Please start again. If it happens again, ask the staff.")
        )
        self.lblDetail.setText(messages.coded(self.code) if ledger and self.code else "")
        self.btnRetry.setText(self.tr("Try again"))
        self.btnRetry.setVisible(ledger)
        self.btnHome.setText(self.tr("Start again"))
        self.btnHome.setVisible(not ledger)

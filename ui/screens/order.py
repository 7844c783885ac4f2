"""Pay at the counter: the order code, large, and a QR of it for the cashier's scanner; or pay
on the payment terminal when the kiosk has one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.ledger import Order
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.qrview import QrView


class OrderScreen(Screen):
    cancelRequested = Signal()
    terminalRequested = Signal()
    step = 5
    idle_factor = 3.0  # the customer may be at the counter, paying

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("orderScreen", parent)
        self.order: Order | None = None
        self.terminal = False
        self.terminal_state = ""
        self.lblTitle = label("lblOrderTitle", "title")
        self.lblCodeCaption = label("lblCodeCaption", "subtitle")
        self.lblCode = label("lblOrderCode", "code", wrap=False)
        self.lblAmount = label("lblAmount", "big")
        self.lblWaiting = label("lblWaiting", "notice")
        self.lblTerminal = label("lblTerminal", "muted")
        self.qr = QrView()
        self.lblQrCaption = label("lblQrCaption", "muted", center=True)
        self.btnCancel = button("btnCancelOrder", "danger")
        self.btnCancel.clicked.connect(self.cancelRequested)
        self.btnTerminal = button("btnPayTerminal", "primary")
        self.btnTerminal.clicked.connect(self.terminalRequested)
        info = QVBoxLayout()
        info.setSpacing(16)
        for widget in (
            self.lblTitle,
            self.lblCodeCaption,
            self.lblCode,
            self.lblAmount,
            self.lblWaiting,
            self.lblTerminal,
        ):
            info.addWidget(widget)
        info.addStretch(1)
        code = QVBoxLayout()
        code.addStretch(1)
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addWidget(self.lblQrCaption)
        code.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(64)
        self.body.addLayout(info, 3)
        self.body.addLayout(code, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(72, 40, 72, 32)
        layout.addLayout(self.body, 1)
        layout.addLayout(nav_row(self.btnCancel, None, self.btnTerminal))

    def relayout(self) -> None:
        self.qr.set_side(self.metrics.px(420))
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom
            if self.metrics.portrait
            else QBoxLayout.Direction.LeftToRight
        )

    def show_order(self, order: Order, terminal: bool) -> None:
        self.order, self.terminal, self.terminal_state = order, terminal, ""
        self.qr.set_text(order.code)
        self.btnTerminal.setEnabled(True)
        self.retranslate()

    def set_terminal_state(self, state: str) -> None:
        """ "" idle, "waiting" for the card, "declined"."""
        self.terminal_state = state
        self.btnTerminal.setEnabled(state != "waiting")
        self.btnCancel.setEnabled(state != "waiting")
        self.retranslate()

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Pay at the counter"))
        self.lblCodeCaption.setText(self.tr("Your order code"))
        self.lblQrCaption.setText(self.tr("For the cashier's scanner"))
        self.lblWaiting.setText(
            self.tr(
                "Show this code at the counter. This screen moves on by itself once you have paid."
            )
        )
        self.btnCancel.setText(self.tr("Cancel order"))
        self.btnTerminal.setText(self.tr("Pay by card or phone here"))
        self.btnTerminal.setVisible(self.terminal)
        terminal = {
            "waiting": self.tr("Follow the instructions on the payment terminal…"),
            "declined": self.tr(
                "The payment did not go through. Try again, or pay at the counter."
            ),
        }
        self.lblTerminal.setText(terminal.get(self.terminal_state, ""))
        self.lblTerminal.setVisible(bool(self.terminal_state))
        if self.order is not None:
            self.lblCode.setText(fmt.code(self.order.code))
            self.lblAmount.setText(
                self.tr("Amount: {amount}").format(amount=fmt.money(self.order.amount_fen))
            )

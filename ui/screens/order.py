"""Pay at the counter: the order code, large, and a QR of it for the cashier's scanner, with a
summary of what is being bought (footprint, offset, project, name, amount, and why a minimum
charge applies when it does); or pay on the payment terminal when the kiosk has one.

Cancelling asks first, and its button is not where "Back" was on every earlier screen: a
visitor tapping "back" out of habit must not lose an order they meant to pay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QVBoxLayout, QWidget

from kiosk.catalogue import Project
from kiosk.checkout import credits_cost
from kiosk.ledger import Order
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.confirm import ConfirmOverlay
from ui.widgets.qrview import QrView


class OrderScreen(Screen):
    cancelRequested = Signal()  # confirmed
    terminalRequested = Signal()
    step = 5
    idle_factor = 3.0  # the customer may be at the counter, paying

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("orderScreen", parent)
        self.order: Order | None = None
        self.project: Project | None = None
        self.terminal = False
        self.terminal_state = ""
        self.lblTitle = label("lblOrderTitle", "title")
        self.lblCodeCaption = label("lblCodeCaption", "subtitle")
        self.lblCode = label("lblOrderCode", "code", wrap=False)
        self.lblAmount = label("lblAmount", "big")
        self.lblMinimum = label("lblMinimumCharge", "muted")
        self.summary = QGridLayout()
        self.summary.setHorizontalSpacing(24)
        self.summary.setVerticalSpacing(4)
        self.facts: dict[str, tuple[object, object]] = {}
        for row, key in enumerate(("footprint", "offset", "project", "nickname")):
            caption, value = label(f"lblCaption_{key}", "muted"), label(f"lblSummary_{key}")
            self.summary.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            self.summary.addWidget(value, row, 1)
            self.facts[key] = (caption, value)
        self.summary.setColumnStretch(1, 1)
        self.lblWaiting = label("lblWaiting", "notice")
        self.lblTerminal = label("lblTerminal", "muted")
        self.qr = QrView()
        self.lblQrCaption = label("lblQrCaption", "muted", center=True)
        self.btnCancel = button("btnCancelOrder", "danger")
        self.btnCancel.clicked.connect(self.ask_cancel)
        self.btnTerminal = button("btnPayTerminal", "primary")
        self.btnTerminal.clicked.connect(self.terminalRequested)
        info = QVBoxLayout()
        info.setSpacing(12)
        for widget in (self.lblTitle, self.lblCodeCaption, self.lblCode, self.lblAmount):
            info.addWidget(widget)
        info.addWidget(self.lblMinimum)
        info.addLayout(self.summary)
        info.addWidget(self.lblWaiting)
        info.addWidget(self.lblTerminal)
        info.addStretch(1)
        code = QVBoxLayout()
        code.addStretch(1)
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addWidget(self.lblQrCaption)
        code.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(48)
        self.body.addLayout(info, 3)
        self.body.addLayout(code, 2)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 32, 72, 24))
        layout.addLayout(self.body, 1)
        # on the right, away from where Back always was; the terminal (if any) beside it
        layout.addLayout(nav_row(None, self.btnCancel, self.btnTerminal))
        self.confirm = ConfirmOverlay(self, "confirmCancel")
        self.confirm.accepted.connect(self.cancelRequested)

    def relayout(self) -> None:
        self.qr.set_side(self.metrics.px(360))
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom
            if self.metrics.portrait
            else QBoxLayout.Direction.LeftToRight
        )

    def show_order(self, order: Order, terminal: bool, project: Project | None = None) -> None:
        self.order, self.terminal, self.terminal_state = order, terminal, ""
        self.project = project
        self.qr.set_text(order.code)
        self.btnTerminal.setEnabled(True)
        self.confirm.hide()
        self.retranslate()

    def set_terminal_state(self, state: str) -> None:
        """ "" idle, "waiting" for the card, "declined"."""
        self.terminal_state = state
        self.btnTerminal.setEnabled(state != "waiting")
        self.btnCancel.setEnabled(state != "waiting")
        self.retranslate()

    def ask_cancel(self) -> None:
        """Cancelling throws the order away: ask first, naming it and its amount."""
        order = self.order
        amount = fmt.money(order.amount_fen) if order is not None else ""
        self.confirm.ask(
            self.tr("Cancel this order?"),
            self.tr(
                "Order {code} ({amount}) will be cancelled and cannot be paid any more."
            ).format(code=fmt.code(order.code) if order else "", amount=amount),
            self.tr("Yes, cancel it"),
            self.tr("No, keep my order"),
        )

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
        captions = {
            "footprint": self.tr("Footprint"),
            "offset": self.tr("Offset"),
            "project": self.tr("Project"),
            "nickname": self.tr("Name"),
        }
        for key, (caption, _) in self.facts.items():
            caption.setText(captions[key])  # type: ignore[attr-defined]
        order = self.order
        if order is None:
            return
        self.lblCode.setText(fmt.code(order.code))
        self.lblAmount.setText(
            self.tr("Amount: {amount}").format(amount=fmt.money(order.amount_fen))
        )
        values = {
            "footprint": f"{fmt.mass(order.footprint_g)} CO₂e",
            "offset": f"{fmt.mass(order.offset_g)} CO₂e",
            "project": self.project.label(self.lang) if self.project else order.project_id,
            "nickname": order.nickname or self.tr("(none: anonymous)"),
        }
        for key, (_, value) in self.facts.items():
            value.setText(values[key])  # type: ignore[attr-defined]
        cost = credits_cost(order)
        self.lblMinimum.setText(
            self.tr(
                "A minimum of {minimum} applies to every order: the credits themselves cost {cost}."
            ).format(minimum=fmt.money(order.amount_fen), cost=fmt.money(cost))
            if cost is not None
            else ""
        )
        self.lblMinimum.setVisible(cost is not None)

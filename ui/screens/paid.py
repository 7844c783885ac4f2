"""Paid: the screen noticed the cashier's payment; the certificate is being prepared."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ledger import Order
from ui import fmt
from ui.screens.base import Screen, label
from ui.style import COLORS
from ui.widgets.square import SquareWidget


class CheckMark(SquareWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(200, parent)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self.width()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(COLORS["primary"]))
        p.drawEllipse(QRectF(0, 0, s, s))
        tick = QPainterPath(QPointF(s * 0.28, s * 0.52))
        tick.lineTo(s * 0.44, s * 0.68)
        tick.lineTo(s * 0.74, s * 0.36)
        pen = QPen(QColor("white"), s * 0.08)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(tick)
        p.end()


class PaidScreen(Screen):
    step = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paidScreen", parent)
        self.order: Order | None = None
        self.check = CheckMark()
        self.lblThanks = label("lblThanks", "hero", center=True)
        self.lblAmount = label("lblPaidAmount", "subtitle", center=True)
        self.lblPreparing = label("lblPreparing", "muted", center=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(40)
        for widget in (self.lblThanks, self.lblAmount, self.lblPreparing):
            layout.addWidget(widget)
            layout.addSpacing(12)
        layout.addStretch(2)

    def relayout(self) -> None:
        self.check.set_side(self.metrics.px(200))

    def show_paid(self, order: Order) -> None:
        self.order = order
        self.retranslate()

    def retranslate(self) -> None:
        self.lblThanks.setText(self.tr("Payment received. Thank you!"))
        self.lblPreparing.setText(self.tr("Preparing your certificate…"))
        if self.order is not None:
            self.lblAmount.setText(
                self.tr("{amount} paid for {mass} CO₂e").format(
                    amount=fmt.money(self.order.amount_fen), mass=fmt.mass(self.order.offset_g)
                )
            )

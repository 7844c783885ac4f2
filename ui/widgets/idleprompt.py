""" "Are you still there?": laid over whatever screen was idle, with a countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import set_role


class IdlePrompt(QFrame):
    stayed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idlePrompt")
        set_role(self, "overlay")
        self.left = 0
        self.order_code, self.until = "", ""  # an order on the screen, payable until then
        box = QFrame()
        set_role(box, "dialog")
        self.lblQuestion = QLabel()
        self.lblQuestion.setObjectName("lblIdleQuestion")
        set_role(self.lblQuestion, "title")
        self.lblCountdown = QLabel()
        self.lblCountdown.setWordWrap(True)
        self.lblCountdown.setObjectName("lblIdleCountdown")
        set_role(self.lblCountdown, "subtitle")
        self.btnStay = QPushButton()
        self.btnStay.setObjectName("btnStillHere")
        set_role(self.btnStay, "primary")
        self.btnStay.clicked.connect(self.stayed)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(64, 48, 64, 48)
        inner.setSpacing(28)
        for widget in (self.lblQuestion, self.lblCountdown):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(widget)
        inner.addWidget(self.btnStay)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.lblQuestion.setText(self.tr("Are you still there?"))
        if self.order_code:
            text = self.tr(
                "Starting over in {seconds} s. Your order {code} stays payable at the counter "
                "until {until}."
            ).format(seconds=self.left, code=self.order_code, until=self.until)
        else:
            text = self.tr("Starting over in {seconds} s; your answers will be cleared.").format(
                seconds=self.left
            )
        self.lblCountdown.setText(text)
        self.btnStay.setText(self.tr("I'm still here"))

    def set_order(self, code: str, until: str) -> None:
        """The order left on the screen ("" for none): the prompt says it stays payable."""
        self.order_code, self.until = code, until

    def show_countdown(self, seconds: int) -> None:
        self.left = seconds
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

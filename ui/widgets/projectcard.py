"""One offset project as a card: a picture for its kind, its name in full, place and kind, the
catalogue's description, then price and what the visitor pays at the same height on every card;
a sold-out project is shown greyed with a label and cannot be chosen. What is left of this
kiosk's allocation is for staff (the console), not visitors."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.style import COLORS, set_role

TYPE_COLORS = {"forestry": "#2e7d4f", "solar": "#e8a33d", "biogas": "#8a6d3b", "wetland": "#2f7fa3"}


def _round_pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class ProjectPicture(QWidget):
    """A simple drawing of the project's kind (projects ship no photographs yet)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.greyed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(150)

    def sizeHint(self) -> QSize:
        return QSize(300, self.height())

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QColor(COLORS["disabled"] if self.greyed else TYPE_COLORS.get(self.kind, "#2e7d4f"))
        w, h = self.width(), self.height()
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, w, h), 14, 14)
        p.fillPath(path, base.lighter(175))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(base)
        cx, cy, r = w / 2, h / 2, h * 0.32
        if self.kind == "solar":
            p.drawEllipse(QPointF(cx, cy), r * 0.55, r * 0.55)
            p.setPen(_round_pen(base, h * 0.04))
            for i in range(8):
                p.save()
                p.translate(cx, cy)
                p.rotate(i * 45)
                p.drawLine(QPointF(r * 0.75, 0), QPointF(r * 1.1, 0))
                p.restore()
        elif self.kind == "wetland":
            p.setPen(_round_pen(base, h * 0.05))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for row in range(3):
                wave = QPainterPath()
                y = cy - r * 0.6 + row * r * 0.6
                wave.moveTo(cx - r * 1.4, y)
                for k in range(4):
                    x0 = cx - r * 1.4 + k * r * 0.7
                    wave.quadTo(x0 + r * 0.175, y - r * 0.25, x0 + r * 0.35, y)
                    wave.quadTo(x0 + r * 0.525, y + r * 0.25, x0 + r * 0.7, y)
                p.drawPath(wave)
        elif self.kind == "biogas":
            flame = QPainterPath()
            flame.moveTo(cx, cy - r * 1.1)
            flame.cubicTo(cx + r * 0.9, cy - r * 0.2, cx + r * 0.8, cy + r, cx, cy + r)
            flame.cubicTo(cx - r * 0.8, cy + r, cx - r * 0.9, cy - r * 0.2, cx, cy - r * 1.1)
            p.drawPath(flame)
        else:  # forestry and anything else: a tree
            p.drawEllipse(QPointF(cx, cy - r * 0.25), r * 0.8, r * 0.8)
            p.drawRect(QRectF(cx - r * 0.12, cy + r * 0.3, r * 0.24, r * 0.7))
        p.end()


class ProjectCard(QFrame):
    chosen = Signal(str)

    def __init__(self, project_id: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{project_id}")
        set_role(self, "card")
        self.project_id = project_id
        self.available = True
        self.picture = ProjectPicture(kind)
        self.lblName = QLabel()
        self.lblName.setObjectName("lblProjectName")
        set_role(self.lblName, "cardname")
        self.lblPlace = QLabel()
        set_role(self.lblPlace, "cardtext")
        self.lblAbout = QLabel()
        self.lblAbout.setObjectName("lblProjectAbout")
        set_role(self.lblAbout, "cardtext")
        self.lblPrice = QLabel()
        self.lblPrice.setObjectName("lblProjectPrice")
        set_role(self.lblPrice, "cardprice")
        self.lblYours = QLabel()
        set_role(self.lblYours, "total")
        self.lblSoldOut = QLabel()
        set_role(self.lblSoldOut, "warning")
        for text in (self.lblName, self.lblPlace, self.lblAbout, self.lblPrice, self.lblYours,
                     self.lblSoldOut):  # fmt: skip
            text.setWordWrap(True)
            # wrapped text asks for the height its width needs: nothing is clipped
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.lblSoldOut.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(8)
        layout.addWidget(self.picture)
        for widget in (self.lblName, self.lblPlace, self.lblAbout):
            layout.addWidget(widget)
        layout.addStretch(1)  # price and total sit at the bottom of every card, aligned
        layout.addWidget(self.lblPrice)
        layout.addWidget(self.lblYours)
        layout.addWidget(self.lblSoldOut)
        # every card the same width, whatever its texts
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

    def set_texts(self, name: str, place: str, about: str, price: str, yours: str) -> None:
        self.lblName.setText(name)
        self.lblPlace.setText(place)
        self.lblAbout.setText(about)
        self.lblPrice.setText(price)
        self.lblYours.setText(yours)

    def set_sold_out(self, sold_out: bool, text: str) -> None:
        self.available = not sold_out
        self.setProperty("soldout", "true" if sold_out else "false")
        self.picture.greyed = sold_out
        self.lblSoldOut.setText(text)
        self.lblSoldOut.setVisible(sold_out)
        self.lblYours.setVisible(not sold_out)
        self.style().unpolish(self)
        self.style().polish(self)
        self.picture.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.available and event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.project_id)
        super().mousePressEvent(event)

    def click(self) -> None:
        """What a tap does (tests and the screenshot script)."""
        if self.available:
            self.chosen.emit(self.project_id)

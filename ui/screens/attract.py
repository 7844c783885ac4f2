"""The attract screen: what a passer-by sees, inviting a touch to start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk.money import format_tonnes
from kiosk.timestamps import stamp
from kiosk.venues import Venue, scenario_labels
from ui import fmt
from ui.screens.base import Screen, button, label
from ui.style import COLORS
from ui.widgets.qrview import QrView
from ui.widgets.square import SquareWidget

if TYPE_CHECKING:  # kiosk.venue_events brings the ledger's store: not for the first frame
    from kiosk.venue_events import Running


class Leaf(SquareWidget):
    """The brand mark: a leaf in a circle, drawn (no image files to ship or scale)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(220, parent)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self.width()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(COLORS["primary_soft"]))
        p.drawEllipse(QRectF(0, 0, s, s))
        leaf = QPainterPath()
        leaf.moveTo(s * 0.28, s * 0.74)
        leaf.cubicTo(s * 0.22, s * 0.38, s * 0.52, s * 0.22, s * 0.78, s * 0.24)
        leaf.cubicTo(s * 0.80, s * 0.52, s * 0.60, s * 0.78, s * 0.28, s * 0.74)
        p.setBrush(QColor(COLORS["primary"]))
        p.drawPath(leaf)
        p.setPen(QColor(COLORS["primary_soft"]))
        p.drawLine(QPointF(s * 0.30, s * 0.72), QPointF(s * 0.66, s * 0.38))
        p.end()


class AttractScreen(Screen):
    """Venue name, a start button and the scenarios on offer; starting is the only action."""

    startRequested = Signal()
    idle_factor = 0.0

    def __init__(self, venue: Venue, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__("attractScreen", parent)
        self.venue = venue
        self.leaf = Leaf()
        self.lblVenue = label("lblVenue", "subtitle", center=True)
        self.lblTitle = label("lblTitle", "hero", center=True)
        self.lblPitch = label("lblPitch", "subtitle", center=True)
        self.lblScenarios = label("lblScenarios", "muted", center=True)
        self.btnStart = button("btnStart", "start")
        self.btnStart.clicked.connect(self.startRequested)
        # the venue poster's QR (kiosk.phone), small: the same flow on the visitor's own phone;
        # hidden until the kiosk knows the registry's public address
        self.qrPhone = QrView()
        self.qrPhone.setObjectName("qrPhone")
        self.lblPhone = label("lblPhone", "muted", center=True)
        self.qrPhone.hide()
        self.lblPhone.hide()
        self.running: Running | None = None
        self.stale = False
        self.lblEvent = label("lblEvent", "big", center=True)
        self.barEvent = QProgressBar()
        self.barEvent.setObjectName("barEvent")
        self.barEvent.setRange(0, 100)
        self.barEvent.setTextVisible(False)
        self.lblEventProgress = label("lblEventProgress", "muted", center=True)
        self.eventBox = QWidget()
        box = QVBoxLayout(self.eventBox)
        box.setContentsMargins(0, 0, 0, 0)
        for widget in (self.lblEvent, self.barEvent, self.lblEventProgress):
            box.addWidget(widget)
        self.eventBox.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.leaf, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(32)
        for widget in (self.lblVenue, self.lblTitle, self.lblPitch):
            layout.addWidget(widget)
            layout.addSpacing(12)
        layout.addWidget(self.eventBox, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(48)
        layout.addWidget(self.btnStart, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(40)
        layout.addWidget(self.lblScenarios)
        layout.addSpacing(24)
        layout.addWidget(self.qrPhone, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.lblPhone)
        layout.addStretch(3)
        self.set_language(lang)

    def show_event(self, running: Running | None, stale: bool) -> None:
        """The event running at the venue and how much of it is offset, as last pulled; STALE
        (not pulled today) adds "as of HH:MM"."""
        self.running, self.stale = running, stale
        self.eventBox.setVisible(running is not None)
        if running is not None:
            self.barEvent.setValue(running.event.percent())
        self.retranslate()

    def relayout(self) -> None:
        self.leaf.set_side(self.metrics.px(200))
        self.qrPhone.set_side(self.metrics.px(150))
        self.barEvent.setFixedSize(self.metrics.px(900), self.metrics.px(28))

    def set_phone_url(self, url: str) -> None:
        """Show the phone flow's QR (`kiosk.phone.phone_url`); "" hides it."""
        if url:
            self.qrPhone.set_text(url)
        self.qrPhone.setVisible(bool(url))
        self.lblPhone.setVisible(bool(url))

    def retranslate(self) -> None:
        lang = self.lang
        self.lblVenue.setText(self.venue.name.get(lang, self.venue.id))
        self.lblTitle.setText(self.tr("Offset your footprint here"))
        self.lblPitch.setText(
            self.tr(
                "Work out the carbon footprint of your trip, stay or meal in a minute, "
                "and offset it with local projects."
            )
        )
        labels = scenario_labels()  # without loading the scenarios before the first frame
        names = [labels[s].get(lang, s) for s in self.venue.scenarios if s in labels]
        self.lblScenarios.setText("  ·  ".join(names))
        self.btnStart.setText(self.tr("Touch to start"))
        self.lblPhone.setText(self.tr("Or scan with your phone"))
        if self.running is not None:
            event = self.running.event
            self.lblEvent.setText(event.label(lang))
            text = self.tr("Attendees have offset {x} of the event's {y}").format(
                x=format_tonnes(event.by_attendees_g), y=format_tonnes(event.footprint_g)
            )
            if event.by_organiser_g:
                text += " · " + self.tr("the organiser {z}").format(
                    z=format_tonnes(event.by_organiser_g)
                )
            if self.stale:
                when = fmt.local_time(stamp(self.running.pulled_at))
                text += " " + self.tr("(as of {time})").format(time=when)
            self.lblEventProgress.setText(text)

"""The attract screen: what a passer-by sees, inviting a touch to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.scenarios import load_scenarios
from kiosk.venues import Venue


class AttractScreen(QWidget):
    """Venue name, a start button and the scenarios on offer; starting is the only action."""

    startRequested = Signal()

    def __init__(self, venue: Venue, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractScreen")
        self.lblVenue = QLabel(venue.name.get(lang, venue.id))
        self.lblVenue.setObjectName("lblVenue")
        self.lblVenue.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lblTitle = QLabel(self.tr("Offset your footprint here"))
        self.lblTitle.setObjectName("lblTitle")
        self.lblTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scenarios = load_scenarios()
        names = [scenarios[s].label.get(lang, s) for s in venue.scenarios if s in scenarios]
        self.lblScenarios = QLabel(" · ".join(names))
        self.lblScenarios.setObjectName("lblScenarios")
        self.lblScenarios.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.btnStart = QPushButton(self.tr("Touch to start"))
        self.btnStart.setObjectName("btnStart")
        self.btnStart.setMinimumHeight(96)
        self.btnStart.clicked.connect(self.startRequested)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.lblVenue, self.lblTitle, self.lblScenarios):
            layout.addWidget(widget)
        layout.addSpacing(48)
        layout.addWidget(self.btnStart)
        layout.addStretch(1)

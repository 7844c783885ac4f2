"""Choose what to work out: the venue's scenarios as big cards (name and what it covers)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.scenarios import load_scenarios
from kiosk.venues import Venue
from ui.screens.base import Screen, button, label, nav_row

EVENT = "event"  # the organisers' scenario: their whole event (kiosk/event_activities.py)
# (ui.flow has its own copy: it is imported before the first frame, and this module after it)


class ScenarioScreen(Screen):
    scenarioChosen = Signal(str)
    backRequested = Signal()
    step = 0

    def __init__(self, venue: Venue, parent: QWidget | None = None) -> None:
        super().__init__("scenarioScreen", parent)
        self.venue = venue
        scenarios = load_scenarios()
        self.ids = [s for s in venue.scenarios if s in scenarios and s != EVENT]
        self.event_running = False  # the organisers' card, first, while an event runs here
        self.lblTitle = label("lblScenarioTitle", "title")
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.cards: dict[str, QPushButton] = {}
        self.texts: dict[str, tuple[QLabel, QLabel]] = {}
        for scenario_id in (EVENT, *self.ids):
            card = button(f"btnScenario_{scenario_id}", "choice")
            card.clicked.connect(lambda _=False, s=scenario_id: self.scenarioChosen.emit(s))
            name, summary = label("lblName", "big"), label("lblSummary", "muted")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(36, 20, 36, 20)
            for part in (name, summary):
                part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                inner.addWidget(part)
            self.cards[scenario_id] = card
            self.texts[scenario_id] = (name, summary)
        self.btnBack = button("btnScenarioBack")
        self.btnBack.clicked.connect(self.backRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 40, 72, 40))
        layout.addWidget(self.lblTitle)
        layout.addSpacing(32)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addLayout(nav_row(self.btnBack, None))
        self.relayout()
        self.retranslate()

    def shown(self) -> list[str]:
        """The cards on offer, in order: the event's first while one runs at the venue."""
        return [EVENT, *self.ids] if self.event_running else list(self.ids)

    def set_event(self, running: bool) -> None:
        if running != self.event_running:
            self.event_running = running
            self.relayout()

    def relayout(self) -> None:
        columns = 1 if self.metrics.portrait else 2
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.hide()
        for index, scenario_id in enumerate(self.shown()):
            card = self.cards[scenario_id]
            card.setMinimumHeight(self.metrics.px(170))
            self.grid.addWidget(card, index // columns, index % columns)
            card.show()

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("What would you like to offset?"))
        scenarios = load_scenarios()
        for scenario_id, (name, summary) in self.texts.items():
            scenario = scenarios[scenario_id]
            name.setText(scenario.label.get(self.lang, scenario_id))
            summary.setText(scenario.summary.get(self.lang, ""))
        self.btnBack.setText(self.tr("‹ Back"))

"""Choose the project that offsets the footprint: a card per project with its price and what
is left of this kiosk's allocation; sold-out projects are marked and cannot be chosen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ledger import Stock
from kiosk.money import amount_fen
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.projectcard import ProjectCard


class ProjectScreen(Screen):
    projectChosen = Signal(str)
    backRequested = Signal()
    step = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("projectScreen", parent)
        self.stocks: list[Stock] = []
        self.offset_g = 0
        self.min_charge_fen = 0
        self.notice = ""
        self.cards: dict[str, ProjectCard] = {}
        self.lblTitle = label("lblProjectTitle", "title")
        self.lblOffset = label("lblProjectOffset", "subtitle")
        self.lblNotice = label("lblProjectNotice", "warning")
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.btnBack = button("btnProjectBack")
        self.btnBack.clicked.connect(self.backRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(72, 40, 72, 32)
        layout.setSpacing(16)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblOffset)
        layout.addWidget(self.lblNotice)
        layout.addSpacing(16)
        layout.addLayout(self.grid, 1)
        layout.addLayout(nav_row(self.btnBack, None))

    def show_projects(
        self, stocks: list[Stock], offset_g: int, min_charge_fen: int, notice: str = ""
    ) -> None:
        self.stocks, self.offset_g, self.min_charge_fen = stocks, offset_g, min_charge_fen
        self.notice = notice
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for stock in stocks:
            card = ProjectCard(stock.project.id, stock.project.type)
            card.chosen.connect(self.projectChosen)
            self.cards[stock.project.id] = card
        self.relayout()
        self.retranslate()

    def relayout(self) -> None:
        columns = 2 if self.metrics.portrait else 4
        for index, card in enumerate(self.cards.values()):
            card.picture.setFixedHeight(self.metrics.px(150))
            self.grid.addWidget(card, index // columns, index % columns)

    def kind(self, kind: str) -> str:
        names = {
            "forestry": self.tr("Forestry"),
            "solar": self.tr("Solar power"),
            "biogas": self.tr("Biogas"),
            "wetland": self.tr("Wetland"),
        }
        return names.get(kind, kind)

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Choose a project to offset with"))
        self.lblOffset.setText(
            self.tr("You are offsetting {mass} CO₂e.").format(mass=fmt.mass(self.offset_g))
        )
        self.lblNotice.setText(
            self.tr("That project has just sold out on this kiosk: please choose another.")
            if self.notice == "sold_out"
            else ""
        )
        self.lblNotice.setVisible(bool(self.notice))
        self.btnBack.setText(self.tr("‹ Back"))
        for stock in self.stocks:
            card = self.cards[stock.project.id]
            project = stock.project
            amount = amount_fen(self.offset_g, project.price_fen_per_t, self.min_charge_fen)
            card.set_texts(
                project.label(self.lang),
                f"{project.location.get(self.lang, '')} · {self.kind(project.type)}",
                self.tr("{price} per tonne").format(price=fmt.money(project.price_fen_per_t)),
                self.tr("{mass} left on this kiosk").format(mass=fmt.mass(stock.available_g)),
                self.tr("You pay {amount}").format(amount=fmt.money(amount)),
            )
            card.set_sold_out(stock.available_g < self.offset_g, self.tr("Sold out"))

    def mark_sold_out(self, project_id: str) -> None:
        card = self.cards.get(project_id)
        if card is not None:
            card.set_sold_out(True, self.tr("Sold out"))

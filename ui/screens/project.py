"""Choose the project that offsets the footprint: a card per project with its description and
price. When no project has enough left here to offset the whole amount, the screen offers what
can be bought instead (kiosk.offers): the largest offset one project can cover, a month of the
year, or an amount the visitor chooses; never a wall of "sold out"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import offers
from kiosk.errors import InputError
from kiosk.ledger import Stock
from kiosk.money import amount_fen
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.keypad import NumericKeypad
from ui.widgets.projectcard import ProjectCard


class ProjectScreen(Screen):
    projectChosen = Signal(str)
    amountChosen = Signal(int)  # grams, when no project covered the whole offset
    backRequested = Signal()
    step = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("projectScreen", parent)
        self.stocks: list[Stock] = []
        self.offset_g = self.footprint_g = 0
        self.year = False
        self.min_charge_fen = 0
        self.notice = ""
        self.problem = ""
        self.choices: list[offers.Offer] = []
        self.cards: dict[str, ProjectCard] = {}
        self.lblTitle = label("lblProjectTitle", "title")
        self.lblOffset = label("lblProjectOffset", "subtitle")
        self.lblNotice = label("lblProjectNotice", "warning")
        self.cardsBox = QWidget()
        self.grid = QGridLayout(self.cardsBox)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(24)
        # what can be bought when no project covers the whole offset
        self.shortPanel = QWidget()  # what can be bought when no project covers the offset
        self.shortPanel.setObjectName("shortPanel")
        self.lblShort = label("lblShort", "big")
        self.offerButtons: dict[str, QPushButton] = {}
        offers = QVBoxLayout()  # the choices on the left, the amount's keypad on the right
        for kind in ("month", "largest", "choose"):
            offer = button(f"btnOffer_{kind}", "choice")
            offer.setCheckable(kind == "choose")
            offer.clicked.connect(lambda _=False, k=kind: self._offer(k))
            offers.addWidget(offer)
            self.offerButtons[kind] = offer
        self.amountPad = NumericKeypad()
        self.amountPad.set_decimal(True)
        self.amountPad.textEdited.connect(lambda _: self._set_problem(""))
        self.lblAmountHint = label("lblAmountHint", "muted")
        self.lblAmountError = label("lblAmountError", "error")
        self.btnAmount = button("btnOffsetAmount", "primary")
        self.btnAmount.clicked.connect(self._amount_entered)
        offers.addWidget(self.lblAmountHint)
        offers.addWidget(self.lblAmountError)
        offers.addStretch(1)
        offers.addWidget(self.btnAmount)
        self.amountBox = QWidget()
        amount = QVBoxLayout(self.amountBox)
        amount.setContentsMargins(0, 0, 0, 0)
        amount.addWidget(self.amountPad)
        amount.addStretch(1)
        self.shortBody = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.shortBody.setSpacing(32)
        self.shortBody.addLayout(offers, 3)
        self.shortBody.addWidget(self.amountBox, 2)
        short = QVBoxLayout(self.shortPanel)
        short.setContentsMargins(0, 0, 0, 0)
        short.addWidget(self.lblShort)
        short.addLayout(self.shortBody, 1)
        self._show_amount(False)
        self.btnBack = button("btnProjectBack")
        self.btnBack.clicked.connect(self.backRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 32, 72, 24), 12)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblOffset)
        layout.addWidget(self.lblNotice)
        layout.addWidget(self.shortPanel, 1)
        layout.addWidget(self.cardsBox, 1)
        layout.addLayout(nav_row(self.btnBack, None))

    def show_projects(
        self,
        stocks: list[Stock],
        offset_g: int,
        min_charge_fen: int,
        notice: str = "",
        *,
        footprint_g: int = 0,
        year: bool = False,
    ) -> None:
        """STOCKS with what is left here; OFFSET_G what the visitor wants to offset (of a
        FOOTPRINT_G footprint; YEAR when it is a year's)."""
        self.stocks, self.offset_g, self.min_charge_fen = stocks, offset_g, min_charge_fen
        self.footprint_g, self.year = footprint_g or offset_g, year
        self.notice, self.problem = notice, ""
        self.choices = offers.offers(stocks, offset_g, self.footprint_g, year=year)
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for stock in stocks:
            card = ProjectCard(stock.project.id, stock.project.type)
            card.chosen.connect(self.projectChosen)
            self.cards[stock.project.id] = card
        self._show_amount(False)
        self.amountPad.clear()
        self.relayout()
        self.retranslate()

    def short(self) -> bool:
        """No project has enough left here for the whole offset."""
        return bool(self.stocks) and not offers.covered(self.stocks, self.offset_g)

    def relayout(self) -> None:
        for offer in self.offerButtons.values():  # two lines: what, and how much
            offer.setMinimumHeight(self.metrics.px(110))
        self.shortBody.setDirection(
            QBoxLayout.Direction.TopToBottom
            if self.metrics.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        columns = 2 if self.metrics.portrait else 4
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, card in enumerate(self.cards.values()):
            card.picture.setFixedHeight(self.metrics.px(120))
            self.grid.addWidget(card, index // columns, index % columns)
        self._show_short()

    def _show_short(self) -> None:
        short = self.short()
        self.shortPanel.setVisible(short)
        self.cardsBox.setVisible(not short)
        self.lblOffset.setVisible(not short)  # the question under it names the amount

    def kind(self, kind: str) -> str:
        names = {
            "forestry": self.tr("Forestry"),
            "solar": self.tr("Solar power"),
            "biogas": self.tr("Biogas"),
            "wetland": self.tr("Wetland"),
        }
        return names.get(kind, kind)

    # -- what can be bought ---------------------------------------------------------------

    def _offer(self, kind: str) -> None:
        if kind == "choose":
            self._show_amount(True)
            self._set_problem("")
            return
        grams = next(offer.grams for offer in self.choices if offer.kind == kind)
        self.amountChosen.emit(grams)

    def _show_amount(self, shown: bool) -> None:
        """The keypad for a chosen amount, its hint and its button: once "choose" is tapped."""
        for widget in (self.amountBox, self.lblAmountHint, self.btnAmount):
            widget.setVisible(shown)
        self.offerButtons["choose"].setChecked(shown)

    def _amount_entered(self) -> None:
        try:
            grams = offers.typed_grams(self.amountPad.text())
            grams = offers.chosen_amount(grams, self.stocks, self.footprint_g)
        except InputError:
            self._set_problem("range")
            return
        self.amountChosen.emit(grams)

    def choose_amount(self, kg: str) -> None:
        """Type an amount in kg and confirm it (tests and the screenshot script)."""
        self._offer("choose")
        self.amountPad.set_text("", notify=True)
        for key in kg:
            self.amountPad.press(key)
        self._amount_entered()

    def _set_problem(self, problem: str) -> None:
        self.problem = problem
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Which project would you like to support?"))
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
        self._retranslate_short()
        for stock in self.stocks:
            card = self.cards[stock.project.id]
            project = stock.project
            amount = amount_fen(self.offset_g, project.price_fen_per_t, self.min_charge_fen)
            card.set_texts(
                project.label(self.lang),
                f"{project.location.get(self.lang, '')} · {self.kind(project.type)}",
                project.description.get(self.lang, ""),
                self.tr("{price} per tonne").format(price=fmt.money(project.price_fen_per_t)),
                self.tr("You pay {amount}").format(amount=fmt.money(amount)),
            )
            card.set_sold_out(stock.available_g < self.offset_g, self.tr("Sold out"))
        self._show_short()

    def _retranslate_short(self) -> None:
        most = offers.largest(self.stocks)
        self.lblShort.setText(
            self.tr(
                "No project here has {mass} left to sell. How much would you like to offset?"
            ).format(mass=fmt.mass(self.offset_g))
        )
        offered = {offer.kind: offer.grams for offer in self.choices}
        texts = {
            "month": self.tr("One month of your year\n{mass}"),
            "largest": self.tr("The most one project can cover\n{mass}"),
        }
        for kind, offer in self.offerButtons.items():
            if kind == "choose":
                offer.setText(self.tr("Choose an amount"))
                offer.setVisible(most >= offers.MIN_OFFSET_G)
            else:
                offer.setText(texts[kind].format(mass=fmt.mass(offered.get(kind, 0))))
                offer.setVisible(kind in offered)
        high = min(self.footprint_g, most)
        low = min(offers.MIN_OFFSET_G, high)
        self.lblAmountHint.setText(
            self.tr("Type the amount in kg: from {low} to {high}.").format(
                low=fmt.mass(low), high=fmt.mass(high)
            )
        )
        self.btnAmount.setText(self.tr("Offset this amount ›"))
        self.lblAmountError.setText(
            self.tr("That amount cannot be offset here.") if self.problem else ""
        )
        self.lblAmountError.setVisible(bool(self.problem))
        self.amountPad.retranslate()

    def mark_sold_out(self, project_id: str) -> None:
        card = self.cards.get(project_id)
        if card is not None:
            card.set_sold_out(True, self.tr("Sold out"))

"""One question per page: choices as big buttons, yes/no, a numeric keypad or a city picker,
with the running total of the footprint so far always in view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.cities import City
from kiosk.scenarios import AUTO, VENUE_CITY, Question
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.citypicker import CityPicker
from ui.widgets.keypad import NumericKeypad

AUTO_ADVANCE_MS = 180  # a choice is shown selected for a moment before the next page


class QuestionScreen(Screen):
    valueEdited = Signal(str, object)  # question key, raw answer (None clears it)
    nextRequested = Signal()
    backRequested = Signal()
    finishRequested = Signal()
    step = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("questionScreen", parent)
        self.question: Question | None = None
        self.value: Any = None
        self.index = self.count = 0
        self.can_finish = False
        self.total: int | None = None
        self.problem = ""
        self.popular: tuple[City, ...] = ()
        self.here: City | None = None  # the kiosk's city: a destination's one chip
        # one timer, not a fire-and-forget single shot: a new page (Back tapped meanwhile)
        # stops it, so a choice never advances a page it was not made on
        self.advanceTimer = QTimer(self)
        self.advanceTimer.setSingleShot(True)
        self.advanceTimer.setInterval(AUTO_ADVANCE_MS)
        self.advanceTimer.timeout.connect(self.nextRequested)
        self.lblCounter = label("lblCounter", "muted")
        self.lblQuestion = label("lblQuestion", "title")
        self.lblHint = label("lblHint", "muted")
        self.lblError = label("lblError", "error")
        self.inputs = QStackedWidget()
        self.choicePage = QWidget()
        self.choiceGrid = QGridLayout(self.choicePage)
        self.choiceGrid.setSpacing(20)
        self.choiceGroup = QButtonGroup(self)
        self.choiceButtons: list[QPushButton] = []
        self.keypad = NumericKeypad()
        self.keypad.textEdited.connect(lambda text: self._edited(text))
        self.numberPage = QWidget()
        number = QHBoxLayout()
        number.addStretch(1)
        number.addWidget(self.keypad, 2)
        number.addStretch(1)
        page = QVBoxLayout(self.numberPage)
        page.setContentsMargins(0, 0, 0, 0)
        page.addLayout(number)
        page.addStretch(1)  # the keypad keeps its size; no tall empty answer box in portrait
        self.cityPicker = CityPicker()
        self.cityPicker.cityChosen.connect(self._edited)
        self.cityPicker.searchEdited.connect(lambda _: self._clear_problem())
        for page in (self.choicePage, self.numberPage, self.cityPicker):
            self.inputs.addWidget(page)
        self.lblTotal = label("lblRunningTotal", "total", wrap=False)
        self.btnBack = button("btnQuestionBack")
        self.btnBack.clicked.connect(self.backRequested)
        self.btnFinish = button("btnFinish")
        self.btnFinish.clicked.connect(self.finishRequested)
        self.btnNext = button("btnNext", "primary")
        self.btnNext.clicked.connect(self.nextRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 24, 72, 24), 10)
        title = QHBoxLayout()
        title.addWidget(self.lblQuestion, 1)
        title.addWidget(self.lblCounter, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title)
        hint = QHBoxLayout()
        hint.addWidget(self.lblHint, 1)
        hint.addWidget(self.lblTotal)
        layout.addLayout(hint)
        layout.addWidget(self.lblError)
        layout.addWidget(self.inputs, 1)
        layout.addLayout(nav_row(self.btnBack, None, self.btnFinish, self.btnNext))

    def relayout(self) -> None:
        self.cityPicker.set_columns(3 if self.metrics.portrait else 6)

    # -- what the flow tells the page ---------------------------------------------------------

    def show_question(
        self,
        question: Question,
        value: Any,
        index: int,
        count: int,
        can_finish: bool,
        popular: tuple[City, ...] = (),
        here: City | None = None,
    ) -> None:
        self.advanceTimer.stop()
        self.question, self.value, self.index, self.count = question, value, index, count
        self.can_finish, self.popular, self.problem = can_finish, popular, ""
        self.here = here
        if question.type in ("choice", "bool"):
            self._build_choices(question)
            self.inputs.setCurrentWidget(self.choicePage)
        elif question.type == "city":
            destination = question.default == VENUE_CITY
            chips = (here,) if destination and here is not None else popular
            self.cityPicker.set_state(
                value if isinstance(value, City) else None,
                chips,
                self.lang,
                destination=destination,
            )
            self.inputs.setCurrentWidget(self.cityPicker)
        else:
            self.keypad.set_decimal(question.type == "decimal")
            # the page's value (a default or an earlier answer): the first key replaces it
            self.keypad.set_text(fmt.number(value, "en"), fresh=True)
            self.inputs.setCurrentWidget(self.numberPage)
        self.retranslate()

    def set_total(self, grams: int | None) -> None:
        self.total = grams
        self._show_total()

    def show_problem(self, kind: str) -> None:
        """ "" clears; range, required, city, mode_distance, same_city, at_least_one."""
        self.problem = kind
        if kind and self.question is not None and self.question.type in ("choice", "bool"):
            self._uncheck()  # the refused choice is not shown as chosen
        self._show_problem()

    def _clear_problem(self) -> None:
        """The visitor is typing again: an earlier error no longer applies."""
        if self.problem in ("city", "required", "same_city"):
            self.show_problem("")

    def _uncheck(self) -> None:
        self.choiceGroup.setExclusive(False)
        for choice in self.choiceButtons:
            choice.setChecked(False)
        self.choiceGroup.setExclusive(True)

    # -- building ---------------------------------------------------------------------------

    def _options(self, question: Question) -> list[tuple[object, str]]:
        if question.type == "bool":
            return [(True, self.tr("Yes")), (False, self.tr("No"))]
        return [(key, labels.get(self.lang, key)) for key, labels in question.choices.items()]

    def _build_choices(self, question: Question) -> None:
        for old in self.choiceButtons:
            self.choiceGroup.removeButton(old)
            old.deleteLater()
        self.choiceButtons = []
        options = self._options(question)
        columns = 1 if len(options) <= 2 and question.type == "bool" else 2
        if len(options) > 6 and not self.metrics.portrait:
            columns = 3
        for i, (key, _) in enumerate(options):
            choice = button(f"btnChoice_{str(key).lower()}", "choice")
            choice.setCheckable(True)
            choice.setChecked(self.value == key and self.value is not None)
            choice.clicked.connect(lambda _=False, k=key: self._chosen(k))
            self.choiceGroup.addButton(choice)
            self.choiceGrid.addWidget(choice, i // columns, i % columns)
            self.choiceButtons.append(choice)
        self.choiceGrid.setRowStretch(len(options) // columns + 1, 1)

    def _chosen(self, key: object) -> None:
        self._edited(key)
        if not self.problem:
            self.advanceTimer.start()

    def _edited(self, raw: object) -> None:
        if self.question is not None:
            self.value = raw
            self.valueEdited.emit(self.question.key, raw)

    # -- texts ------------------------------------------------------------------------------

    def unit(self, unit: str) -> str:
        names = {
            "km": self.tr("km"),
            "person": self.tr("people"),
            "night": self.tr("nights"),
            "meal": self.tr("meals"),
            "flight": self.tr("flights"),
            "kWh": "kWh",
            "m3": "m³",
            "kg": "kg",
        }
        return names.get(unit, unit)

    def hint(self) -> str:
        q = self.question
        if q is None:
            return ""
        if q.type == "city":
            return self.tr("Search by Chinese, pinyin or English, or tap a popular city.")
        if q.type in ("int", "decimal"):
            text = self.tr("From {low} to {high} {unit}").format(
                low=fmt.number(q.min, self.lang),
                high=fmt.number(q.max, self.lang),
                unit=self.unit(q.unit),
            )
            if q.default == AUTO:
                text += " · " + self.tr("leave blank to work it out from the cities")
            return text
        return self.tr("Tap one")

    def retranslate(self) -> None:
        self.keypad.set_decimal_mark("," if self.lang == "fr" else ".")
        self.btnBack.setText(self.tr("‹ Back"))
        self.btnFinish.setText(self.tr("Skip to my result"))
        self.keypad.retranslate()
        self.cityPicker.lang = self.lang
        self.cityPicker.retranslate()
        q = self.question
        if q is None:
            return
        last = self.index + 1 >= self.count
        self.btnNext.setText(self.tr("See my footprint ›") if last else self.tr("Next ›"))
        self.btnFinish.setVisible(self.can_finish and not last)
        self.lblCounter.setText(
            self.tr("Question {n} of {count}").format(n=self.index + 1, count=self.count)
        )
        self.lblQuestion.setText(q.label.get(self.lang, q.key))
        self.lblHint.setText(self.hint())
        if q.type in ("choice", "bool"):
            for choice, (_, text) in zip(self.choiceButtons, self._options(q), strict=True):
                choice.setText(text)
        self._show_total()
        self._show_problem()

    def _show_total(self) -> None:
        if self.total is None:
            self.lblTotal.setText(self.tr("Footprint so far: —"))
        else:
            self.lblTotal.setText(
                self.tr("Footprint so far: {mass} CO₂e").format(mass=fmt.mass(self.total))
            )

    def _show_problem(self) -> None:
        q = self.question
        typed = self.keypad.lblDisplay.text()
        refused = (
            self.tr("{value} is not allowed. {allowed}.").format(value=typed, allowed=self.hint())
            if q is not None and q.type in ("int", "decimal") and typed != "—"
            else self.hint()
        )
        messages = {
            "range": refused,
            "required": self.tr("This one needs an answer."),
            "city": self.tr("Choose a city from the list."),
            "mode_distance": self.tr(
                "That way of travelling does not fit this distance: choose another one."
            ),
            "same_city": self.tr("You start in the destination city: enter the distance."),
            "at_least_one": self.tr("Enter at least one amount above zero."),
        }
        text = messages.get(self.problem, "")
        self.lblError.setText(text)
        self.lblError.setVisible(bool(text))
        self.lblError.setAlignment(Qt.AlignmentFlag.AlignLeft)

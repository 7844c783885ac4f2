"""Pick a city: the venue's popular origins as one-tap chips, or search by Chinese (through the
keyboard's pinyin), pinyin or English; matches appear as big buttons as you type. A name several
cities share (Suzhou: 苏州 and 宿州) shows each with its province, so the visitor can tell them
apart; an airport code shows the city with that airport ("成都 · CTU")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.cities import City, load_cities
from ui.style import set_role
from ui.widgets.keyboard import TouchKeyboard

RESULTS = 6
POPULAR = 6


class CityPicker(QWidget):
    cityChosen = Signal(object)  # City
    searchEdited = Signal(str)  # the visitor typed: an earlier error is stale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cityPicker")
        self.lang = "zh"
        self.city: City | None = None
        self.popular: tuple[City, ...] = ()
        self.destination = False  # the chips are where the visitor is, not departure cities
        self.suggested = False  # nothing matched: the chips are the closest spellings
        self.lblChosen = QLabel()
        self.lblChosen.setObjectName("lblChosenCity")
        set_role(self.lblChosen, "total")
        self.edtSearch = QLineEdit()
        self.edtSearch.setObjectName("edtCitySearch")
        self.edtSearch.setReadOnly(True)  # typed only with the touch keyboard below
        self.lblHint = QLabel()
        self.lblHint.setObjectName("lblCityHint")
        set_role(self.lblHint, "muted")
        self.results = QGridLayout()
        self.results.setSpacing(12)
        self.resultButtons: list[QPushButton] = []
        for i in range(max(RESULTS, POPULAR)):
            button = QPushButton()
            button.setObjectName(f"btnCity{i}")
            set_role(button, "chip")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=i: self._pick(n))
            self.resultButtons.append(button)
        self.set_columns(6)
        self.keyboard = TouchKeyboard(chinese=False, digits=False)
        self.keyboard.attach(self.edtSearch, 24)
        self.keyboard.edited.connect(self._typed)
        self.shown: list[City] = []
        top = QHBoxLayout()
        top.addWidget(self.edtSearch, 3)
        top.addWidget(self.lblChosen, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.lblHint)
        layout.addLayout(self.results)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        self.retranslate()

    def set_columns(self, columns: int) -> None:
        for i, button in enumerate(self.resultButtons):
            self.results.addWidget(button, i // columns, i % columns)

    def retranslate(self) -> None:
        self.edtSearch.setPlaceholderText(self.tr("Type a city: 成都, chengdu…"))
        self.keyboard.retranslate()
        self._show_chosen()
        self.search(self.edtSearch.text())

    def set_state(
        self,
        city: City | None,
        popular: tuple[City, ...],
        lang: str,
        *,
        destination: bool = False,
    ) -> None:
        """POPULAR: the chips shown before anything is typed (departure cities, or for a
        DESTINATION question the city the kiosk is in)."""
        self.city, self.popular, self.lang = city, popular, lang
        self.destination = destination
        self.keyboard.clear()
        self.retranslate()

    def _typed(self, text: str) -> None:
        self.search(text)
        self.searchEdited.emit(text)

    def search(self, text: str) -> None:
        """Matches as the visitor types; when nothing matches ("chengdo"), the closest
        spellings (as the command line suggests), so a typo is one tap from the right city."""
        text = text.strip()
        self.suggested = False
        if text:
            table = load_cities()
            self.shown = table.search(text, RESULTS)
            if not self.shown:
                self.shown = list(table.suggest(text, RESULTS))
                self.suggested = bool(self.shown)
            if self.suggested:
                self.lblHint.setText(self.tr("No city is spelt like that. Did you mean:"))
            else:
                self.lblHint.setText(self.tr("Matches") if self.shown else self.tr("No city found"))
        else:
            self.shown = list(self.popular[:POPULAR])
            hint = self.tr("You are here") if self.destination else self.tr("Popular here")
            self.lblHint.setText(hint if self.shown else "")
        for i, button in enumerate(self.resultButtons):
            visible = i < len(self.shown)
            button.setVisible(visible)
            if visible:
                button.setText(self.name(self.shown[i]))
                button.setChecked(self.city is not None and self.shown[i] == self.city)

    def _pick(self, index: int) -> None:
        if index < len(self.shown):
            self.city = self.shown[index]
            self._show_chosen()
            self.search(self.edtSearch.text())
            self.cityChosen.emit(self.city)

    def name(self, city: City) -> str:
        """The city's label; with its province if another city shares its name; with the
        airport if the visitor named one that is not the city's main airport."""
        table = load_cities()
        text = (
            city.label_in_province(self.lang) if table.is_homonym(city) else city.label(self.lang)
        )
        if city.iata and city.iata[0] != table.get(city.id).iata[0]:
            text += f" · {city.iata[0]}"
        return text

    def _show_chosen(self) -> None:
        self.lblChosen.setText(
            "✓ " + self.name(self.city) if self.city else self.tr("No city chosen yet")
        )

"""The result: the total, a bar per activity saying what was counted ("2 nights × 53.5 kg"), an
everyday comparison; for "my year", a choice to offset a month or the whole year.

No comparison with a national average per person: a footprint of the few things the kiosk asks
about is not like for like with a country's whole emissions divided by its people."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.cities import load_cities
from kiosk.comparisons import car_km, month_of
from kiosk.factors import FactorTable, load_factors
from kiosk.footprint import Footprint, Line, largest_lines
from kiosk.session import LIFESTYLE
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.barchart import MAX_BARS, BarChart


class ResultScreen(Screen):
    offsetChosen = Signal(str)  # "all", "month" or "year": the customer goes on to the projects
    backRequested = Signal()
    step = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("resultScreen", parent)
        self.footprint: Footprint | None = None
        self.table: FactorTable = load_factors()  # until show_result gives the one in force
        self.offset = "all"
        self.lblTitle = label("lblResultTitle", "subtitle")
        self.lblTotal = label("lblTotal", "huge", wrap=False)
        self.lblCar = label("lblCompareCar", "notice")
        self.lblSource = label("lblCompareSource", "small")
        self.lblGrid = label("lblGridFactor", "small")
        self.lblBreakdown = label("lblBreakdown", "big")
        self.chart = BarChart()
        self.btnMonth = button("btnOffsetMonth", "choice")
        self.btnYear = button("btnOffsetYear", "choice")
        self.offsetGroup = QButtonGroup(self)
        for key, choice in (("month", self.btnMonth), ("year", self.btnYear)):
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, k=key: self._choose(k))
            self.offsetGroup.addButton(choice)
        self.btnBack = button("btnResultBack")
        self.btnBack.clicked.connect(self.backRequested)
        self.btnNext = button("btnChooseProject", "primary")
        self.btnNext.clicked.connect(lambda: self.offsetChosen.emit(self.offset))
        left = QVBoxLayout()
        left.setSpacing(18)
        for widget in (self.lblTitle, self.lblTotal, self.lblCar):
            left.addWidget(widget)
        offers = QHBoxLayout()
        offers.addWidget(self.btnMonth)
        offers.addWidget(self.btnYear)
        left.addLayout(offers)
        left.addWidget(self.lblGrid)
        left.addWidget(self.lblSource)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.lblBreakdown)
        right.addWidget(self.chart, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(64)
        self.body.addLayout(left, 5)
        self.body.addLayout(right, 6)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 40, 72, 32))
        layout.addLayout(self.body, 1)
        layout.addLayout(nav_row(self.btnBack, None, self.btnNext))

    def relayout(self) -> None:
        portrait = self.metrics.portrait
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.retranslate()

    def show_result(
        self, footprint: Footprint, offset: str, table: FactorTable | None = None
    ) -> None:
        """`table`: the factor table in force, which computed `footprint` (None: the shipped
        one); its names label the bars and its petrol-car factor gives the km comparison."""
        self.footprint, self.offset = footprint, offset
        self.table = table or load_factors()
        self.retranslate()

    def _choose(self, offset: str) -> None:
        self.offset = offset
        self.retranslate()

    def line_label(self, line: Line) -> str:
        factor = self.table.factors.get(line.activity)
        text = factor.name(self.lang) if factor else line.activity
        ends = [line.detail.get("from"), line.detail.get("to")]
        if all(ends):
            cities = load_cities()
            names = [cities.get(str(e)).label(self.lang).split(" (")[0] for e in ends]
            text += f"  {names[0]} → {names[1]}"
        return text

    def counted(self, line: Line) -> str:
        """What a bar counted, as a sum the visitor can check: "2 nights × 53.5 kg"."""
        n = fmt.quantity(line.quantity, self.lang)
        units = {
            "pkm": self.tr("{n} km"),
            "vkm": self.tr("{n} km"),
            "km": self.tr("{n} km"),
            "room_night": self.tr("{n} nights"),
            "meal": self.tr("{n} meals"),
            "person_day": self.tr("{n} days"),
            "kWh": self.tr("{n} kWh"),
            "m3": self.tr("{n} m³"),
            "kg": self.tr("{n} kg"),
        }
        amount = units.get(line.unit, "{n} " + line.unit).format(n=n)
        each = self.tr("{factor} kg").format(factor=fmt.factor(line.factor_kg_per_unit, self.lang))
        return f"{amount} × {each}"

    def grid_text(self, footprint: Footprint) -> str:
        """Which electricity grid priced the home's power or an electric car, with its value
        (named from the table in force, which computed the footprint)."""
        table = self.table
        parts = []
        for factor_id in footprint.grid_factors:
            line = next(x for x in footprint.lines if x.activity == factor_id)
            factor = table.factors.get(factor_id)
            unit = self.tr("kWh") if line.unit == "kWh" else self.tr("km")
            parts.append(
                self.tr("{name}: {value} kg CO₂ per {unit} ({year})").format(
                    name=factor.name(self.lang) if factor else factor_id,
                    value=fmt.number(line.factor_kg_per_unit, self.lang),  # as sourced, not rounded
                    unit=unit,
                    year=factor.year if factor else "",
                )
            )
        return self.tr("Grid electricity used: {factors}.").format(factors="; ".join(parts))

    def bars(self, footprint: Footprint) -> list[tuple[str, str, int]]:
        shown, rest = largest_lines(footprint.lines, MAX_BARS)
        bars = [
            (f"{self.line_label(line)} · {self.counted(line)}", fmt.mass(line.grams), line.grams)
            for line in shown
        ]
        if rest:
            bars.append((self.tr("Everything else"), fmt.mass(rest), rest))
        return bars

    def retranslate(self) -> None:
        self.btnBack.setText(self.tr("‹ Change answers"))
        self.btnNext.setText(self.tr("Choose a project ›"))
        self.lblBreakdown.setText(self.tr("Where it comes from"))
        fp = self.footprint
        if fp is None:
            return
        total = fp.total_grams
        lifestyle = fp.scenario == LIFESTYLE
        self.lblTitle.setText(
            self.tr("Your year's footprint") if lifestyle else self.tr("Your footprint")
        )
        self.lblTotal.setText(f"{fmt.mass(total)} CO₂e")
        self.lblCar.setText(
            self.tr("≈ driving {km} km alone in a petrol car").format(
                km=fmt.count(car_km(total, self.table))
            )
        )
        self.chart.set_bars(self.bars(fp), self.metrics.u)
        for widget in (self.btnMonth, self.btnYear):
            widget.setVisible(lifestyle)
        self.lblGrid.setText(self.grid_text(fp))
        self.lblGrid.setVisible(bool(fp.grid_factors))
        cites = dict.fromkeys(line.cite for line in fp.lines if line.cite)
        sources = self.tr("Emission factors {version}: {sources}.").format(
            version=fp.factors_version, sources="; ".join(cites)
        )
        if lifestyle:
            self.btnMonth.setText(
                self.tr("Offset one month\n{mass}").format(mass=fmt.mass(month_of(total)))
            )
            self.btnYear.setText(
                self.tr("Offset the whole year\n{mass}").format(mass=fmt.mass(total))
            )
            self.btnMonth.setChecked(self.offset == "month")
            self.btnYear.setChecked(self.offset == "year")
        self.lblSource.setText(sources)

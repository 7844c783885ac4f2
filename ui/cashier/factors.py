"""Emission factors (admins only): the table in force with each factor's source, and a local
value for one factor when the venue has a better number, which must come with its own publisher,
dataset, year and URL and stay within ten times the table's value (kiosk.ledger.overrides).
The next customer's footprint uses it, and their order and certificate name the table version
with a `+L<hash>` suffix."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk import local_values
from kiosk.local_values import FactorRow
from ui.cashier.common import (
    Context,
    FormPanel,
    chosen_row,
    fill_row,
    line_edit,
    message_label,
    push,
    table,
)


class FactorsPanel(FormPanel):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factorsPanel")
        self.ctx = ctx
        self.rows: list[FactorRow] = []
        self.edtFilter = line_edit("edtFactorFilter", self.tr("Filter, e.g. meal or grid"))
        self.edtFilter.textChanged.connect(lambda _: self._fill())
        self.lstFactors = table(
            "tblFactors", [self.tr("Factor"), self.tr("kg CO₂e"), self.tr("per"), ""]
        )
        self.lstFactors.itemSelectionChanged.connect(self._show_selected)
        self.shown: list[FactorRow] = []  # the rows matching the filter, as listed
        self.lblFactor = QLabel()
        self.lblFactor.setObjectName("lblFactor")
        self.lblFactor.setWordWrap(True)
        self.edtValue = line_edit("edtFactorValue", self.tr("kg CO₂e per unit, e.g. 0.5306"))
        self.edtPublisher = line_edit("edtFactorPublisher", self.tr("who published the number"))
        self.edtDataset = line_edit("edtFactorDataset", self.tr("which table or report"))
        self.edtYear = line_edit("edtFactorYear", "2026")
        self.edtUrl = line_edit("edtFactorUrl", "https://")
        self.edtReason = line_edit("edtFactorReason", self.tr("why this kiosk differs"))
        self.btnSet = push("btnSetFactor", self.tr("Use this value here"))
        self.btnSet.setProperty("role", "primary")
        self.btnSet.clicked.connect(self.set_factor)
        self.btnClear = push("btnClearFactor", self.tr("Back to the table's value"))
        self.btnClear.clicked.connect(self.clear_factor)
        self.lblMessage = message_label("lblFactorsMessage")
        self.lblMessage.hide()
        form = QFormLayout()
        form.addRow(self.lblFactor)
        form.addRow(self.tr("Local value"), self.edtValue)
        form.addRow(self.tr("Publisher"), self.edtPublisher)
        form.addRow(self.tr("Dataset"), self.edtDataset)
        form.addRow(self.tr("Year"), self.edtYear)
        form.addRow(self.tr("URL"), self.edtUrl)
        form.addRow(self.tr("Reason"), self.edtReason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btnSet)
        buttons.addWidget(self.btnClear)
        form.addRow(buttons)
        form.addRow(self.lblMessage)
        left = QVBoxLayout()
        left.addWidget(self.edtFilter)
        left.addWidget(self.lstFactors, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self._show_selected()

    def entered(self) -> None:
        self.ctx.read(self, local_values.factor_rows, self._show_rows)

    def _show_rows(self, rows: list[FactorRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        """The rows matching the filter; the chosen factor stays chosen if it still matches."""
        chosen = self.selected()
        wanted = self.edtFilter.text().strip().lower()
        self.shown = [
            row
            for row in self.rows
            if not wanted or wanted in _label(row).lower() or wanted in row.published.id
        ]
        self.lstFactors.blockSignals(True)
        self.lstFactors.clearSelection()
        self.lstFactors.setRowCount(len(self.shown))
        for index, row in enumerate(self.shown):
            factor = row.published
            applied = row.local is not None and row.applied
            value = row.local.kg_per_unit if applied and row.local else factor.kg_per_unit
            local = self.tr("(local)") if applied else self.tr("(not applied)") if row.local else ""
            fill_row(self.lstFactors, index, [_label(row), str(value), factor.unit, local])
        ids = [row.published.id for row in self.shown]
        if ids:
            keep = chosen is not None and chosen.published.id in ids
            self.lstFactors.selectRow(ids.index(chosen.published.id) if keep else 0)
        self.lstFactors.blockSignals(False)
        self._show_selected()

    def selected(self) -> FactorRow | None:
        index = chosen_row(self.lstFactors)
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _show_selected(self) -> None:
        row = self.selected()
        for widget in self.inputs():
            widget.setEnabled(row is not None)
        self.btnSet.setEnabled(row is not None)
        self.btnClear.setEnabled(row is not None and row.local is not None)
        if row is None:
            self.lblFactor.setText(self.tr("Choose a factor."))
            return
        factor = row.published
        text = self.tr(
            "{name}: {value} kg CO₂e per {unit} in table {version}. Source: {source}"
        ).format(
            name=f"{factor.name('zh')} · {factor.name('en')}",
            value=factor.kg_per_unit,
            unit=factor.unit,
            version=row.table_version,
            source=factor.source,
        )
        local = row.local
        if local is not None:
            share = local_values.ratio(row)
            text += "\n" + self.tr(
                "Here: {value} ({share:.0%} of the table's), {publisher}, {dataset} ({year}) "
                "{url}; set by {who} at {when}: {why}"
            ).format(
                value=local.kg_per_unit,
                share=float(share) if share is not None else 0.0,
                publisher=local.publisher,
                dataset=local.dataset,
                year=local.year,
                url=local.url,
                who=local.set_by,
                when=local.set_at[:16].replace("T", " "),
                why=local.reason,
            )
            if not row.applied:
                text += "\n" + self.tr(
                    "Not applied: the table's value has moved more than {span}× away from it "
                    "since it was set. Set it again or go back to the table's value."
                ).format(span=local_values.FACTOR_SPAN)
        self.lblFactor.setText(text)

    def inputs(self) -> tuple[QLineEdit, ...]:
        return (
            self.edtValue,
            self.edtPublisher,
            self.edtDataset,
            self.edtYear,
            self.edtUrl,
            self.edtReason,
        )

    def set_factor(self) -> None:
        row, account = self.selected(), self.ctx.actor
        if row is None:
            return
        factor_id = row.published.id
        value, publisher, dataset, year, url, reason = (w.text() for w in self.inputs())

        def work(ledger: Any) -> None:
            local_values.set_factor(
                ledger,
                account,
                factor_id,
                value,
                publisher=publisher,
                dataset=dataset,
                year=year,
                url=url,
                reason=reason,
            )

        self.write_change(
            work,
            lambda _: self.tr(
                "{factor} is now {value} on this kiosk, from the next customer."
            ).format(factor=factor_id, value=value.strip()),
        )

    def clear_factor(self) -> None:
        row, account = self.selected(), self.ctx.actor
        if row is None:
            return
        factor_id = row.published.id
        self.write_change(
            lambda ledger: local_values.clear_factor(ledger, account, factor_id),
            lambda _: self.tr("{factor} is back at the table's value.").format(factor=factor_id),
        )


def _label(row: FactorRow) -> str:
    factor = row.published
    return f"{factor.id}  {factor.name('zh')} · {factor.name('en')}"

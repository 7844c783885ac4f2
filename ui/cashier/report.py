"""The end-of-day report for a date (China business day), on screen, as a till PDF and as a
CSV for accounting: the same `kiosk.report` the unattended `diandian report` command uses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk import report
from kiosk.day_close import close_day_signed
from kiosk.ledger import Ledger
from kiosk.report import DayReport
from kiosk.timestamps import china_date, utc_now
from ui import i18n, messages
from ui.cashier.common import Context, friendly, message_label, push, show_message


def today_in_china() -> date:
    return china_date(utc_now())


class ReportPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPanel")
        self.ctx = ctx
        self.report: DayReport | None = None
        self.edtDate = QDateEdit()
        self.edtDate.setObjectName("edtReportDate")
        self.edtDate.setCalendarPopup(True)
        self.edtDate.setDisplayFormat("yyyy-MM-dd")
        day = today_in_china()
        self.edtDate.setDate(QDate(day.year, day.month, day.day))
        self.edtDate.dateChanged.connect(lambda _: self.build())
        self.btnShow = push("btnShowReport", self.tr("Show"))
        self.btnShow.clicked.connect(self.build)
        self.btnPdf = push("btnReportPdf", self.tr("Save till PDF…"))
        self.btnPdf.clicked.connect(lambda: self.export("pdf"))
        self.btnCsv = push("btnReportCsv", self.tr("Save CSV…"))
        self.btnCsv.clicked.connect(lambda: self.export("csv"))
        self.grid = QGridLayout()
        self.grid.setObjectName("gridReport")
        self.lblMessage = message_label("lblReportMessage")
        self.lblMessage.hide()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Business day (UTC+8)")))
        bar.addWidget(self.edtDate)
        bar.addWidget(self.btnShow)
        bar.addStretch(1)
        bar.addWidget(self.btnPdf)
        bar.addWidget(self.btnCsv)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self.grid)
        layout.addWidget(self.lblMessage)
        layout.addStretch(1)
        self._set_ready(False)

    def day(self) -> date:
        return self.edtDate.date().toPython()  # type: ignore[no-any-return]

    def set_day(self, day: date) -> None:
        self.edtDate.setDate(QDate(day.year, day.month, day.day))

    def entered(self) -> None:
        self.build()

    def _set_ready(self, ready: bool) -> None:
        self.btnPdf.setEnabled(ready)
        self.btnCsv.setEnabled(ready)

    def build(self) -> None:
        day = self.day()
        self._set_ready(False)
        self.ctx.read(self, lambda ledger: report.build(ledger, day), self._show, self._failed)

    def _show(self, built: DayReport) -> None:
        if built.day != self.day():
            return  # the date changed while this one was being added up
        self.report = built
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row, line in enumerate(report.rows(built)):
            caption = self.caption(built, line)
            left = QLabel(f"    {caption}" if line.indent else caption)
            right = QLabel(line.value)
            right.setObjectName(f"lblReportValue{row}")
            self.grid.addWidget(left, row, 0)
            self.grid.addWidget(right, row, 1)
        self._set_ready(True)
        show_message(self.lblMessage, "")

    def caption(self, built: DayReport, row: report.Row) -> str:
        """A report row's label in the console's language (the PDF keeps Chinese and English)."""
        if row.key in ("method", "refund_method"):
            return messages.method_word(row.subject)
        if row.key == "void":
            return row.subject
        if row.key == "project":
            paid, voids = row.counts
            return self.tr("{name}: {paid} paid, {voids} voided").format(
                name=built.project_name(row.subject, i18n.current()), paid=paid, voids=voids
            )
        captions = {
            "title": self.tr("End of day"),
            "kiosk": self.tr("Kiosk"),
            "payments": self.tr("Payments taken"),
            "taken": self.tr("Taken"),
            "voids": self.tr("Voids (refunds)"),
            "refunded": self.tr("Refunded"),
            "net": self.tr("Net"),
            "offset": self.tr("Offset, net of voids"),
            "by_project": self.tr("By project, net of voids"),
            "expired": self.tr("Expired unpaid"),
        }
        return captions.get(row.key, row.key)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Write the shown report as PDF or CSV (asking where, unless a path is given)."""
        built = self.report
        if built is None:
            return
        if path is None:
            suffix = "pdf" if kind == "pdf" else "csv"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the report"), f"report-{built.day}.{suffix}", f"*.{suffix}"
            )
            if not chosen:
                return
            path = Path(chosen)
        target = path

        def write() -> Path:
            data = report.to_pdf(built) if kind == "pdf" else report.to_csv(built).encode("utf-8")
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(data)
            partial.replace(target)
            return target

        def saved(done: Path) -> None:
            show_message(self.lblMessage, self.tr("Saved {path}.").format(path=done))
            if kind == "pdf":
                self._close_day(built.day)

        self.ctx.run(self, write, saved, self._failed)

    def _close_day(self, day: date) -> None:
        """The till's report is out: the day closes (kiosk.day_close), its signed summary
        queued for the registry. A failure is logged; the next sync closes the day anyway."""
        actor = self.ctx.actor.name

        def close(ledger: Ledger) -> object:
            return close_day_signed(ledger, day, actor)

        self.ctx.write(self, close)

    def _failed(self, exc: BaseException) -> None:
        show_message(self.lblMessage, friendly(exc), error=True)

"""The end-of-day report: what the till took on one business day (China time), by payment
method and by project, with the voids (refunds) of that day; as data, CSV and PDF.

Payments and voids are counted apart (an order paid and voided the same day is one payment and
one void, never a "paid order"), the refunds are listed under the refunds, and projects are
named, not shown by id. `rows` is the report as keyed lines: the console words each key in the
cashier's language; the till PDF and the command line use `lines`, in Chinese and English.

Every total is an integer sum of ledger rows (fen, grams); the CSV lists every row it sums, so
accounting can re-add it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kiosk.errors import InputError
from kiosk.ledger import Ledger
from kiosk.ledger.reports import day_rows
from kiosk.money import format_fen, format_grams
from kiosk.order_state import METHODS, OrderState
from kiosk.timestamps import china_midnight, stamp


@dataclass(frozen=True)
class DayReport:
    day: date
    kiosk_id: str
    paid: list[dict[str, Any]]  # the orders' columns, as kiosk.ledger.reports.day_rows reads them
    voided: list[dict[str, Any]]
    expired: int
    by_method: dict[str, int] = field(default_factory=dict)  # fen taken, before refunds
    refunds_by_method: dict[str, int] = field(default_factory=dict)
    # per project: payments and voids counted apart, grams and fen net of the day's voids
    by_project: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    names: dict[str, Mapping[str, str]] = field(default_factory=dict)  # project id -> zh/en/fr

    def project_name(self, project_id: str, lang: str) -> str:
        name = self.names.get(project_id, {})
        return name.get(lang) or name.get("en") or project_id

    @property
    def taken_fen(self) -> int:
        return sum(int(row["amount_fen"]) for row in self.paid)

    @property
    def refunded_fen(self) -> int:
        return sum(int(row["amount_fen"]) for row in self.voided)

    @property
    def net_fen(self) -> int:
        return self.taken_fen - self.refunded_fen

    @property
    def grams(self) -> int:
        """Grams offset net of the day's voids."""
        grams: int = sum(r["offset_g"] for r in self.paid) - sum(r["offset_g"] for r in self.voided)
        return grams


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--date", f"{text!r} is not a date; allowed: YYYY-MM-DD") from None


def build(ledger: Ledger, day: date) -> DayReport:
    start = china_midnight(day)
    rows = day_rows(ledger.conn, stamp(start), stamp(start + timedelta(days=1)))
    paid, voided = rows[OrderState.PAID], rows[OrderState.VOIDED]
    by_method: Counter[str] = Counter()
    refunds: Counter[str] = Counter()
    projects: dict[str, list[int]] = {}
    for row in paid:
        by_method[row["payment_method"]] += row["amount_fen"]
        totals = projects.setdefault(row["project_id"], [0, 0, 0, 0])
        totals[0] += 1
        totals[2] += row["offset_g"]
        totals[3] += row["amount_fen"]
    for row in voided:  # a refund comes off the project's day too, whenever it was sold
        refunds[row["payment_method"]] += row["amount_fen"]
        totals = projects.setdefault(row["project_id"], [0, 0, 0, 0])
        totals[1] += 1
        totals[2] -= row["offset_g"]
        totals[3] -= row["amount_fen"]
    names: dict[str, Mapping[str, str]] = {}
    for project_id in projects:
        try:
            names[project_id] = dict(ledger.project(project_id).name)
        except (KeyError, InputError):  # a project since dropped from the catalogue
            names[project_id] = {}
    return DayReport(
        day=day,
        kiosk_id=ledger.kiosk_id,
        paid=paid,
        voided=voided,
        expired=rows[OrderState.EXPIRED][0]["count"],
        by_method={m: by_method.get(m, 0) for m in METHODS},
        refunds_by_method={m: refunds.get(m, 0) for m in METHODS},
        by_project={p: (n, v, g, f) for p, (n, v, g, f) in sorted(projects.items())},
        names=names,
    )


def to_csv(report: DayReport) -> str:
    """One row per payment and per void, then the totals; amounts in fen, mass in grams."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "record",
            "day",
            "kiosk",
            "serial",
            "order",
            "project",
            "method",
            "cashier",
            "time_utc",
            "grams",
            "amount_fen",
            "reason",
        ]
    )
    for kind, rows, when in (
        ("payment", report.paid, "paid_at"),
        ("void", report.voided, "voided_at"),
    ):
        for r in rows:
            sign = -1 if kind == "void" else 1
            writer.writerow(
                [
                    kind,
                    report.day,
                    report.kiosk_id,
                    r["serial"],
                    r["code"],
                    r["project_id"],
                    r["payment_method"],
                    r["voided_by"] if kind == "void" else r["cashier"],
                    r[when],
                    sign * r["offset_g"],
                    sign * r["amount_fen"],
                    r["void_reason"] or "",
                ]
            )
    for method in METHODS:
        net = report.by_method[method] - report.refunds_by_method[method]
        writer.writerow(
            ["total_method", report.day, report.kiosk_id, "", "", "", method, "", "", "", net, ""]
        )
    for project, (count, _voids, grams, fen) in report.by_project.items():
        writer.writerow(
            [
                "total_project",
                report.day,
                report.kiosk_id,
                "",
                count,
                project,
                "",
                "",
                "",
                grams,
                fen,
                "",
            ]
        )
    writer.writerow(
        [
            "total",
            report.day,
            report.kiosk_id,
            "",
            len(report.paid),
            "",
            "",
            "",
            "",
            report.grams,
            report.net_fen,
            "",
        ]
    )
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: KEY says what it is (the screen words it), SUBJECT what it is
    about (a payment method, a project id, a voided order's code and reason), VALUE the figure;
    a project's row also gives its payments and voids counted apart."""

    key: str
    value: str
    subject: str = ""
    indent: bool = False
    counts: tuple[int, int] = (0, 0)  # project rows: (payments, voids)


# The till PDF and the command line: Chinese and English at once, as the slips.
LABELS = {
    "title": "日结报告 End of day",
    "kiosk": "终端 Kiosk",
    "payments": "收款笔数 Payments taken",
    "taken": "收款 Taken",
    "voids": "退款笔数 Voids (refunds)",
    "refunded": "退款 Refunded",
    "net": "净收入 Net",
    "offset": "净抵消量 Offset, net",
    "by_project": "按项目（扣除退款） By project, net of voids",
    "expired": "未付过期 Expired unpaid",
}
METHOD_NAMES = {"cash": "现金 Cash", "card": "刷卡 Card", "mobile": "移动支付 Mobile"}


def rows(report: DayReport) -> list[Row]:
    """The report as keyed rows, in order."""
    out = [
        Row("title", f"{report.day:%Y-%m-%d}"),
        Row("kiosk", report.kiosk_id),
        Row("payments", str(len(report.paid))),
        Row("taken", format_fen(report.taken_fen)),
    ]
    out += [Row("method", format_fen(report.by_method[m]), m, True) for m in METHODS]
    out += [
        Row("voids", str(len(report.voided))),
        Row("refunded", format_fen(-report.refunded_fen)),
    ]
    out += [
        Row("refund_method", format_fen(-report.refunds_by_method[m]), m, True)
        for m in METHODS
        if report.refunds_by_method[m]
    ]
    out += [
        Row("void", format_fen(-r["amount_fen"]), f"{r['code']} {r['void_reason'] or ''}", True)
        for r in report.voided
    ]
    out += [Row("net", format_fen(report.net_fen)), Row("offset", format_grams(report.grams))]
    out.append(Row("by_project", ""))
    for project, (count, voids, grams, fen) in report.by_project.items():
        value = f"{format_grams(grams)} · {format_fen(fen)}"
        out.append(Row("project", value, project, True, (count, voids)))
    out.append(Row("expired", str(report.expired)))
    return out


def lines(report: DayReport) -> list[tuple[str, str]]:
    """The report as (label, value) lines in Chinese and English, for the till PDF and the
    command line."""
    out = []
    for row in rows(report):
        if row.key in ("method", "refund_method"):
            label = METHOD_NAMES.get(row.subject, row.subject)
        elif row.key == "project":
            paid, voids = row.counts
            names = dict.fromkeys(report.project_name(row.subject, lang) for lang in ("zh", "en"))
            label = f"{' '.join(names)} ({paid} 笔收款 paid, {voids} 笔退款 voided)"
        elif row.key == "void":
            label = row.subject
        else:
            label = LABELS[row.key]
        out.append((f"  {label}" if row.indent else label, row.value))
    return out


def to_pdf(report: DayReport) -> bytes:
    """An 80 mm till print of `lines`, in the kiosk's embedded font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.slips.fonts import register_pdf_font

    font, mm = register_pdf_font(), 72 / 25.4
    width, margin, size, leading = 80 * mm, 3 * mm, 8.5, 12
    rows = lines(report)
    height = 2 * margin + leading * (len(rows) + 1)
    buffer = io.BytesIO()
    # types-reportlab says initialFontName is a float; reportlab takes a registered font name
    pdf = Canvas(buffer, (width, height), invariant=1, initialFontName=font)  # type: ignore[arg-type]
    y = height - margin - leading
    for label, value in rows:
        pdf.setFont(font, size)
        while (
            stringWidth(label, font, size) > width - 2 * margin - stringWidth(value, font, size) - 6
        ):
            label = label[:-2] + "…"
        pdf.drawString(margin, y, label)
        pdf.drawRightString(width - margin, y, value)
        y -= leading
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

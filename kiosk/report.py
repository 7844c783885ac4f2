"""The end-of-day report: what the till took on one business day (China time), by payment
method and by project, with the voids (refunds) of that day; as data, CSV and PDF.

Every total is an integer sum of ledger rows (fen, grams); the CSV lists every row it sums, so
accounting can re-add it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

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
    paid: list[dict]
    voided: list[dict]
    expired: int
    by_method: dict[str, int] = field(default_factory=dict)  # fen taken, before refunds
    refunds_by_method: dict[str, int] = field(default_factory=dict)
    # per project: payments counted, and grams and fen net of the day's voids
    by_project: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def taken_fen(self) -> int:
        return sum(row["amount_fen"] for row in self.paid)

    @property
    def refunded_fen(self) -> int:
        return sum(row["amount_fen"] for row in self.voided)

    @property
    def net_fen(self) -> int:
        return self.taken_fen - self.refunded_fen

    @property
    def grams(self) -> int:
        """Grams offset net of the day's voids."""
        return sum(r["offset_g"] for r in self.paid) - sum(r["offset_g"] for r in self.voided)


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
        totals = projects.setdefault(row["project_id"], [0, 0, 0])
        totals[0] += 1
        totals[1] += row["offset_g"]
        totals[2] += row["amount_fen"]
    for row in voided:  # a refund comes off the project's day too, whenever it was sold
        refunds[row["payment_method"]] += row["amount_fen"]
        totals = projects.setdefault(row["project_id"], [0, 0, 0])
        totals[1] -= row["offset_g"]
        totals[2] -= row["amount_fen"]
    return DayReport(
        day=day,
        kiosk_id=ledger.kiosk_id,
        paid=paid,
        voided=voided,
        expired=rows[OrderState.EXPIRED][0]["count"],
        by_method={m: by_method.get(m, 0) for m in METHODS},
        refunds_by_method={m: refunds.get(m, 0) for m in METHODS},
        by_project={p: (c, g, f) for p, (c, g, f) in sorted(projects.items())},
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
    for project, (count, grams, fen) in report.by_project.items():
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


def lines(report: DayReport) -> list[tuple[str, str]]:
    """The report as (label, value) lines, for the till PDF and the cashier's screen."""
    out = [
        ("日结报告 End of day", f"{report.day:%Y-%m-%d}"),
        ("终端 Kiosk", report.kiosk_id),
        ("已付订单 Paid orders", str(len(report.paid))),
        ("抵消量 Offset", format_grams(report.grams)),
        ("收款 Taken", format_fen(report.taken_fen)),
    ]
    names = {"cash": "现金 Cash", "card": "刷卡 Card", "mobile": "移动支付 Mobile"}
    out += [(f"  {names[m]}", format_fen(report.by_method[m])) for m in METHODS]
    out += [("退款 Refunds", f"{len(report.voided)} / {format_fen(report.refunded_fen)}")]
    out += [
        (f"  {names[m]}", format_fen(-report.refunds_by_method[m]))
        for m in METHODS
        if report.refunds_by_method[m]
    ]
    out += [("净收入 Net", format_fen(report.net_fen)), ("按项目 By project", "")]
    for project, (count, grams, fen) in report.by_project.items():
        out.append((f"  {project}", f"{count} · {format_grams(grams)} · {format_fen(fen)}"))
    out += [
        (f"  {r['code']} {r['void_reason']}", format_fen(-r["amount_fen"])) for r in report.voided
    ]
    out.append(("未付过期 Expired unpaid", str(report.expired)))
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
    pdf = Canvas(buffer, (width, height), invariant=1, initialFontName=font)
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

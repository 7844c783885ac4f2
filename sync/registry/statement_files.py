"""A statement as files: a CSV for the owner's accounting and an A4 PDF in Chinese and English.

Both are made from the statement's stored content only (and its payout, when one is
recorded), so they can be made again at any time and say exactly what was closed. The PDF is
built with reportlab's `invariant` mode (no creation date or random id inside): the same
statement gives the same bytes. Its text is in the shipped CJK font (kiosk.slips.fonts).

The CSV's rows add up to its totals: every sale (+) and refund (-) is a row, the fee is a
row (-), and the `gross`, `refunds`, `fee` and `net` rows are exactly the sums of those rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from kiosk.money import format_fen, format_grams
from sync.registry.settle import content_hash

CHANNEL_NAMES = {
    "cash": ("现金", "Cash"),
    "card": ("刷卡", "Card"),
    "mobile": ("移动支付", "Mobile"),
    "phone": ("手机扫码", "Phone"),
}
LABELS = {
    "title": ("结算单", "Settlement statement"),
    "project": ("项目", "Project"),
    "period": ("结算期", "Period"),
    "owner": ("项目业主", "Owner"),
    "fee": ("平台服务费", "Platform fee"),
    "closed": ("结算时间", "Closed"),
    "gross": ("收款", "Receipts"),
    "refunds": ("退款", "Refunds"),
    "net": ("应付净额", "Net payable"),
    "sold": ("售出", "Sold"),
    "refunded": ("退回", "Refunded"),
    "certificates": ("证书", "Certificates"),
    "retired": ("已注销序列号", "Retired serials"),
    "pending": ("等待注销", "Retirement pending"),
    "adjustments": ("调整行（早于本期）", "Adjustment lines (dated before this period)"),
    "lines": ("明细", "Lines"),
    "hash": ("内容哈希", "Content SHA-256"),
    "prev": ("上一结算单哈希", "Previous statement's SHA-256"),
    "paid": ("已付款", "Paid"),
    "unpaid": ("未付款", "Not paid yet"),
}
COLUMNS = [
    "statement",
    "period",
    "project",
    "record",
    "day",
    "adjustment",
    "channel",
    "certificate",
    "kiosk",
    "grams",
    "amount_fen",
]


def label(key: str) -> str:
    zh, en = LABELS[key]
    return f"{zh} {en}"


def channel_label(channel: str) -> str:
    zh, en = CHANNEL_NAMES.get(channel, (channel, channel))
    return f"{zh} {en}"


def to_csv(content: Mapping[str, Any]) -> str:
    """One row per line and the fee, then the totals (fen and grams, signed: money and grams
    going back to buyers are negative)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    head = [content["number"], content["period"], content["project_id"]]

    def row(record: str, *rest: Any) -> None:
        writer.writerow([*head, record, *rest])

    for line in content["lines"]:
        sign = -1 if line["kind"] == "refund" else 1
        row(
            line["kind"],
            line["day"],
            "yes" if line["adjustment"] else "",
            line["channel"],
            line["cert_id"],
            line["kiosk_id"],
            sign * line["grams"],
            sign * line["fen"],
        )
    row("fee", content["last_day"], "", "", "", "", "", -content["fee_fen"])
    for channel, fen in content["gross"].items():
        row("gross", "", "", channel, "", "", "", fen)
    for channel, fen in content["refunds"].items():
        row("refunds", "", "", channel, "", "", "", -fen)
    row("gross_total", "", "", "", "", "", content["sold_g"], content["gross_fen"])
    row("refunds_total", "", "", "", "", "", -content["refunded_g"], -content["refunds_fen"])
    row("fee_total", "", "", "", "", "", "", -content["fee_fen"])
    net_g = content["sold_g"] - content["refunded_g"]
    row("net", "", "", "", "", "", net_g, content["net_fen"])
    return out.getvalue()


def to_pdf(content: Mapping[str, Any], payout: Mapping[str, Any] | None = None) -> bytes:
    """The statement on A4: the summary on the first page, then every line. (reportlab is
    imported here, not at the top: a registry serving pages never pays for it.)"""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kiosk.slips.fonts import register_pdf_font

    font = register_pdf_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=21, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=11, leading=15, spaceBefore=8)
    small = ParagraphStyle("small", parent=body, fontSize=7, leading=9)
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8d3c9")),
        ]
    )

    def table(rows: list[list[Any]], widths: list[float], style: TableStyle = grid) -> Table:
        made = Table(rows, colWidths=widths, repeatRows=0)
        made.setStyle(style)
        return made

    name = content["project_name"]
    terms = content["contract"]
    whole, part = divmod(terms["fee_bp"], 100)
    story: list[Any] = [
        Paragraph(f"{label('title')} No. {content['number']}", title),
        Paragraph(
            f"{label('project')}: {name['zh']} / {name['en']} ({content['project_id']})", body
        ),
        Paragraph(
            f"{label('period')}: {content['period']} ({content['first_day']} – "
            f"{content['last_day']}, UTC+8)",
            body,
        ),
        Paragraph(f"{label('owner')}: {terms['owner']}", body),
        Paragraph(f"{label('closed')}: {content['closed_at'][:19].replace('T', ' ')} UTC", body),
    ]
    if payout:
        story.append(
            Paragraph(
                f"{label('paid')}: {payout['paid_on']} · {payout['bank_reference']} · "
                f"{format_fen(payout['amount_fen'])}",
                body,
            )
        )
    money = [[label("gross"), ""]]
    money += [[f"  {channel_label(c)}", format_fen(f)] for c, f in content["gross"].items()]
    money.append([label("gross"), format_fen(content["gross_fen"])])
    money += [
        [f"  {label('refunds')} · {channel_label(c)}", format_fen(-f)]
        for c, f in content["refunds"].items()
        if f
    ]
    money.append([label("refunds"), format_fen(-content["refunds_fen"])])
    money.append([f"{label('fee')} ({whole}.{part:02d} %)", format_fen(-content["fee_fen"])])
    money.append([label("net"), format_fen(content["net_fen"])])
    certificates = content["certificates"]
    covered = f"{certificates['count']}"
    if certificates["count"]:
        covered += f" ({certificates['first']} … {certificates['last']})"
    facts = [
        [label("sold"), format_grams(content["sold_g"])],
        [label("refunded"), format_grams(content["refunded_g"])],
        [label("certificates"), covered],
        [label("adjustments"), str(content["adjustments"])],
    ]
    if content["pending"]["count"]:
        pending = content["pending"]
        facts.append([label("pending"), f"{pending['count']} · {format_grams(pending['grams'])}"])
    story += [Spacer(1, 4 * mm), table(money, [120 * mm, 50 * mm])]
    story += [Spacer(1, 4 * mm), table(facts, [80 * mm, 90 * mm])]
    retired = content["retired"]
    if retired:
        story.append(Paragraph(label("retired"), heading))
        runs = [[r["serials"], r["reference"], format_grams(r["grams"])] for r in retired]
        story.append(table(runs, [80 * mm, 55 * mm, 35 * mm]))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(f"{label('hash')}: {content_hash(dict(content))}", small),
        Paragraph(f"{label('prev')}: {content['prev_hash']}", small),
    ]
    if content["lines"]:
        story.append(Paragraph(label("lines"), heading))
        rows = [["日期 Date", "", "渠道 Channel", "证书 Certificate", "克 g", "金额 Amount"]]
        for line in content["lines"]:
            sign = -1 if line["kind"] == "refund" else 1
            rows.append(
                [
                    line["day"],
                    ("调整 adj. " if line["adjustment"] else "")
                    + ("退款 refund" if sign < 0 else ""),
                    channel_label(line["channel"]),
                    line["cert_id"],
                    f"{sign * line['grams']:,}",
                    format_fen(sign * line["fen"]),
                ]
            )
        lines = Table(rows, colWidths=[22 * mm, 28 * mm, 30 * mm, 50 * mm, 18 * mm, 22 * mm])
        lines.setStyle(grid)
        lines.repeatRows = 1
        story.append(lines)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=f"Diandian statement {content['number']}",
        author="Diandian registry",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    document.build(story)
    return buffer.getvalue()

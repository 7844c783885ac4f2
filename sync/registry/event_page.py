"""The event's public page (/e/{event_id}): "attendees have offset X t of the event's Y t",
the organiser's own offset, and the event's footprint line by line with each factor's source.

Same style as the certificate page (pages.py): server-rendered, no script, Chinese above
English, every value escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from kiosk.money import format_grams
from kiosk.money import format_tonnes as tonnes
from kiosk.venues import load_venues
from sync.registry.pages import STYLE

BAR = (
    ".bar{background:#e3ebe4;border-radius:8px;height:1rem;overflow:hidden;margin:.5rem 0}"
    ".bar span{display:block;height:100%;background:#2f8f46}"
    "ol{list-style:none;margin:0;padding:0}li{padding:.5rem 0;border-bottom:1px solid #e3ebe4;"
    "overflow-wrap:anywhere}li b{float:right;margin-left:.5rem}"
)


def share(part_g: int, whole_g: int) -> int:
    """Whole per cent of the footprint offset (0 to 100; a footprint of 0 is fully offset)."""
    if whole_g <= 0:
        return 100
    return min(100, part_g * 100 // whole_g)


def _progress(event: dict[str, Any]) -> str:
    total, by_attendees = event["footprint_g"], event["offset_by_attendees_g"]
    by_organiser = event["offset_by_organiser_g"]
    percent = share(by_attendees + by_organiser, total)
    x, y, z = tonnes(by_attendees), tonnes(total), tonnes(by_organiser)
    return (
        '<section class="card" data-testid="progress">'
        f"<p>参会者已抵消本次活动 {y} 中的 <b>{x}</b><br>"
        f"<small>Attendees have offset {x} of the event's {y}</small></p>"
        f"<p>主办方已抵消 {z}<br><small>The organiser has offset {z}</small></p>"
        f'<div class="bar" role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" '
        f'aria-valuemax="100"><span style="width:{percent}%"></span></div>'
        f"<small>{percent}%</small></section>"
    )


def _lines(lines: list[dict[str, Any]]) -> str:
    if not lines:
        return ""
    rows = "".join(
        f"<li><b>{escape(format_grams(line['grams']))}</b>{escape(line['name'])}<br>"
        f"{escape(line['quantity'])} {escape(line['unit'])} × {escape(line['factor'])} kg"
        f"<br><small>{escape(line['source'])}</small></li>"
        for line in lines
    )
    return (
        '<section class="card"><h2 style="font-size:1rem;margin:0">排放明细 Lines (CO₂e)</h2>'
        f'<ol data-testid="lines">{rows}</ol></section>'
    )


def _venue(venue_id: str) -> str:
    venue = load_venues().get(venue_id)
    if venue is None:
        return venue_id
    return " / ".join(dict.fromkeys(v for v in (venue.name.get("zh"), venue.name.get("en")) if v))


def render(event: dict[str, Any] | None, lines: list[dict[str, Any]]) -> str:
    if event is None:
        title, body = (
            "点点 Diandian",
            ('<h1 data-testid="title">未找到此活动<br><small>No such event</small></h1>'),
        )
    else:
        name = event["name"]
        title = name["zh"]
        facts = [
            ("日期 Dates", f"{event['starts_on']} – {event['ends_on']}"),
            ("场馆 Venue", _venue(event["venue"])),
            ("主办方 Organiser", event["organiser"]),
            ("参会者 Attendees", f"{event['attendees']:,}"),
            ("活动足迹 Footprint", format_grams(event["footprint_g"])),
            ("排放因子 Factors", event["factors_version"]),
        ]
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        body = (
            f'<h1 data-testid="title">{escape(name["zh"])}<br>'
            f"<small>{escape(name['en'])}</small></h1>"
            + _progress(event)
            + f'<section class="card"><dl data-testid="facts">{items}</dl></section>'
            + _lines(lines)
        )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · 点点 Diandian</title><style>{STYLE}{BAR}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )

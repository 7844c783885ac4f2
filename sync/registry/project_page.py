"""The public project page (`/p/<project_id>`), linked from every certificate page: what the
project is, how much of it visitors bought, the serials retired at the exchange for it (with
the disclosure per block), and what has been paid to its owner.

The same plain, mobile-first HTML as the certificate page (sync.registry.pages): Chinese and
English side by side, inline CSS, no script, every value escaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from sqlalchemy import Connection

from kiosk.money import format_fen
from sync.registry import operations, settlement_storage, storage
from sync.registry.pages import grams_text, shell


def project_facts(*, conn: Connection, project_id: str) -> dict[str, Any] | None:
    """What the page shows, or None when there is no such project."""
    row = storage.get_project(conn=conn, project_id=project_id)
    if row is None:
        return None
    stats = operations.stats(conn=conn)
    sold = next(p for p in stats["projects"] if p["project_id"] == project_id)
    payouts, paid_fen = settlement_storage.paid_out(conn=conn, project_id=project_id)
    return {
        "project_id": project_id,
        "data": json.loads(row.data),
        "sold": sold,
        "blocks": [b for b in stats["blocks"] if b["project_id"] == project_id],
        "payouts": payouts,
        "paid_fen": paid_fen,
    }


def _both(texts: Any, fallback: str) -> tuple[str, str]:
    texts = texts if isinstance(texts, dict) else {}
    return str(texts.get("zh") or fallback), str(texts.get("en") or fallback)


def _rows(rows: list[tuple[str, str]], test_id: str) -> str:
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    return f'<dl data-testid="{test_id}">{items}</dl>'


def render_project(facts: dict[str, Any]) -> str:
    data, sold = facts["data"], facts["sold"]
    zh, en = _both(data.get("name"), facts["project_id"])
    place_zh, place_en = _both(data.get("location"), "")
    about_zh, about_en = _both(data.get("description"), "")
    body = [
        f'<h1 data-testid="title">{escape(zh)}<br><small>{escape(en)}</small></h1>',
        f'<section class="card"><p>{escape(about_zh)}<br><small>{escape(about_en)}</small></p>'
        + _rows(
            [
                ("地点 Location", f"{place_zh} / {place_en}"),
                ("标准 Standard", str(data.get("standard", ""))),
                ("年份 Vintage", str(data.get("vintage", ""))),
                ("项目编号 Project id", facts["project_id"]),
            ],
            "project",
        )
        + "</section>",
        '<section class="card">'
        + _rows(
            [
                ("访客购买 Bought by visitors", grams_text(int(sold["sold_g"]))),
                ("证书 Certificates", f"{sold['purchases']:,}"),
                ("已注销 Retired", grams_text(int(sold["retired_g"]))),
                (
                    "已付项目业主 Paid to the owner",
                    f"{format_fen(facts['paid_fen'])} ({facts['payouts']})",
                ),
            ],
            "totals",
        )
        + "</section>",
    ]
    for block in facts["blocks"]:
        body.append(
            '<section class="card">'
            + _rows(
                [
                    ("注销序列号 Retired serials", block["serials"]),
                    ("注销编号 Retirement", block["reference"]),
                    ("受益方 Beneficiary", block["beneficiary"]),
                    ("注销 Retired", f"{block['retired_t']:,} t"),
                    ("售出 Sold", grams_text(int(block["sold_g"]))),
                    ("退款 Refunded", grams_text(int(block["refunded_g"]))),
                    ("未分配 Unallocated", grams_text(int(block["unallocated_g"]))),
                ],
                "block",
            )
            + "</section>"
        )
    return shell(zh, "".join(body))


def not_found(project_id: str) -> str:
    title = f'<h1 data-testid="title">未找到此项目<br><small>No such project: {escape(project_id)}'
    return shell("未找到 Not found", title + "</small></h1>")

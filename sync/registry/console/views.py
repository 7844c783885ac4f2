"""The console's overview pages: kiosks, venues, sales per day, venue and channel (with a
server-drawn chart), and retirements. Each page is one `routes.reading` snapshot.

Scoped by role: kiosks and venues are the exchange's (operators and auditors; an owner gets
403); sales and retirements are shown to an owner for its own project only, whatever the
address asks for.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from kiosk.credit import serial_text
from kiosk.timestamps import china_date, parse_stamp
from sync.registry import console_storage, phone_storage, storage
from sync.registry.console import chart
from sync.registry.console.pages import parse_day
from sync.registry.console.session import HOME, Desk
from sync.registry.operators import Operator, Role
from sync.registry.phone.context import now
from sync.registry.routes import reading
from sync.registry.web.i18n import Translator

router = APIRouter(include_in_schema=False)
SALES_DAYS = 14  # the sales page's default window, ending today
MAX_SALES_DAYS = 92  # a quarter at most on one page


def age(t: Translator, seconds: float) -> str:
    """A duration in the operator's words, to the minute: "2 d 3 h", "3 h 20 min"."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return t("ops.age.days", days=days, hours=hours)
    if hours:
        return t("ops.age.hours", hours=hours, minutes=mins)
    return t("ops.age.minutes", minutes=mins)


def _moment(text: str | None) -> datetime | None:
    try:
        return parse_stamp(text) if text else None
    except ValueError:
        return None


def _staff_only(desk: Desk, who: Operator) -> Response | None:
    """403 for a project's owner: this page is about the exchange, not one project."""
    if who.role != Role.OWNER:
        return None
    t = desk.t
    return desk.problem(who, t("ops.forbidden"), t("ops.staff_only"), status=403)


def _staff_page(
    desk: Desk, who: Operator | None, template: str, context: dict[str, Any]
) -> Response:
    """An exchange-wide page: sign-in first, then 403 for an owner, else the page."""
    if who is None:
        return desk.to_sign_in()
    return _staff_only(desk, who) or desk.render(template, who, context)


@router.get(f"{HOME}/kiosks")
async def kiosks(request: Request) -> Response:
    desk = await Desk.of(request)
    t = desk.t
    moment = now(request.app)

    def work(conn: Connection) -> tuple[Operator | None, list[dict[str, Any]]]:
        who = desk.who(conn)
        if who is None or who.role == Role.OWNER:
            return who, []
        rejects = console_storage.reject_counts(conn=conn)
        summaries = console_storage.last_summaries(conn=conn)
        waits = console_storage.last_push_waits(conn=conn)
        items = []
        for k in console_storage.kiosk_rows(conn=conn):
            synced = _moment(k.last_sync_at)
            wait = waits.get(k.kiosk_id)
            oldest, received = (_moment(wait[0]), _moment(wait[1])) if wait else (None, None)
            summary = summaries.get(k.kiosk_id)
            items.append(
                {
                    "id": k.kiosk_id,
                    "name": k.name,
                    "venue": k.venue,
                    "enrolled": k.enrolled_at[:10],
                    "synced": k.last_sync_at[:16].replace("T", " ") if synced else "",
                    "since": age(t, (moment - synced).total_seconds()) if synced else "",
                    "queue": age(t, (received - oldest).total_seconds())
                    if oldest and received
                    else "",
                    "rejects": rejects.get(k.kiosk_id, 0),
                    "summary": _summary(t, summary) if summary is not None else "",
                    "suspended": k.suspended or "",
                }
            )
        return who, items

    who, items = await reading(request, work)
    return _staff_page(desk, who, "ops/kiosks.html", {"kiosks": items})


def _summary(t: Translator, row: Any) -> str:
    """A day summary in one line: its day, revision, orders and takings."""
    try:
        data = json.loads(row.payload)
        orders = sum(int(v.get("orders", 0)) for v in data.get("paid", {}).values())
        fen = sum(int(v.get("fen", 0)) for v in data.get("paid", {}).values())
    except (ValueError, AttributeError, TypeError):
        orders, fen = 0, 0
    return t(
        "ops.kiosks.summary", day=row.day, revision=row.revision, orders=orders, amount=t.money(fen)
    )


@router.get(f"{HOME}/venues")
async def venues(request: Request) -> Response:
    desk = await Desk.of(request)
    t = desk.t

    def work(conn: Connection) -> tuple[Operator | None, list[dict[str, Any]]]:
        who = desk.who(conn)
        if who is None or who.role == Role.OWNER:
            return who, []
        served = {v.venue_id: v for v in phone_storage.list_venues(conn=conn)}
        tills: dict[str, int] = {}
        for k in console_storage.kiosk_rows(conn=conn):
            tills[k.venue] = tills.get(k.venue, 0) + 1
        totals = console_storage.venue_totals(conn=conn)
        ids = list(served) + sorted((set(tills) | set(totals)) - set(served) - {""})
        items = []
        for venue_id in ids:
            row = served.get(venue_id)
            sales, fen, last = totals.get(venue_id, (0, 0, ""))
            items.append(
                {
                    "id": venue_id,
                    "name": _venue_name(t, row.data) if row is not None else "",
                    "phone": row is not None,
                    "kiosks": tills.get(venue_id, 0),
                    "sales": t.count(sales),
                    "amount": t.money(fen),
                    "last": last,
                    "url": f"{HOME}/sales?venue={venue_id}",
                }
            )
        return who, items

    who, items = await reading(request, work)
    return _staff_page(desk, who, "ops/venues.html", {"venues": items})


def _venue_name(t: Translator, data: str) -> str:
    try:
        spec = json.loads(data)
    except ValueError:
        return ""
    name = spec.get("name") if isinstance(spec, dict) else None
    return t.pick(name) if isinstance(name, dict) else str(name or "")


def sales_window(
    t: Translator, today: date, asked_from: str, asked_to: str
) -> tuple[date, date, str]:
    """The days the sales page shows, and why the asked ones were refused (or "")."""
    last = parse_day(asked_to) if asked_to else today
    first = parse_day(asked_from) if asked_from else None
    error = ""
    if last is None or (asked_from and first is None):
        error = t("ops.sales.bad_day")
    elif last > today:
        error = t("ops.sales.future", today=today.isoformat())
    elif first is not None and (first > last or (last - first).days >= MAX_SALES_DAYS):
        error = t("ops.sales.range", days=MAX_SALES_DAYS)
    if error or last is None:
        last, first = today, None
    if first is None:
        first = last - timedelta(days=SALES_DAYS - 1)
    return first, last, error


@router.get(f"{HOME}/sales")
async def sales(request: Request) -> Response:
    desk = await Desk.of(request)
    t = desk.t
    today = china_date(now(request.app))
    q = request.query_params
    first, last, error = sales_window(t, today, q.get("from", ""), q.get("to", ""))
    venue = q.get("venue", "")[:100] or None

    def work(conn: Connection) -> tuple[Operator | None, list[dict[str, Any]]]:
        who = desk.who(conn)
        if who is None:
            return None, []
        rows = console_storage.sales_by_day(
            conn=conn,
            first=first.isoformat(),
            last=last.isoformat(),
            project_id=who.project_id,  # None unless an owner: its project only
            venue=venue,
        )
        return who, rows

    who, rows = await reading(request, work)
    if who is None:
        return desk.to_sign_in()
    days = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
    fen: dict[str, dict[str, int]] = {}
    channels: dict[str, list[int]] = {}
    for r in rows:
        fen.setdefault(r["day"], {})
        fen[r["day"]][r["channel"]] = fen[r["day"]].get(r["channel"], 0) + r["fen"]
        total = channels.setdefault(r["channel"], [0, 0, 0])
        total[0], total[1], total[2] = (
            total[0] + r["sales"],
            total[1] + r["fen"],
            total[2] + r["grams"],
        )
    drawn = chart.draw(days, fen, t.money)
    context = {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "today": today.isoformat(),
        "venue": venue or "",
        "error": error,
        "chart": drawn,
        "chart_label": t(
            "ops.sales.chart",
            first=first.isoformat(),
            last=last.isoformat(),
            amount=t.money(sum(r["fen"] for r in rows)),
        ),
        "legend": [
            {"name": _channel(t, c), "colour": chart.COLOURS.get(c, chart.OTHER)}
            for c in sorted(channels, key=_channel_order)
        ],
        "rows": [
            {
                **r,
                "channel": _channel(t, r["channel"]),
                "amount": t.money(r["fen"]),
                "mass": t.mass(r["grams"]),
            }
            for r in reversed(rows)  # newest day first
        ],
        "totals": [
            {
                "channel": _channel(t, c),
                "sales": t.count(v[0]),
                "amount": t.money(v[1]),
                "mass": t.mass(v[2]),
            }
            for c, v in sorted(channels.items(), key=lambda kv: _channel_order(kv[0]))
        ],
    }
    return desk.render("ops/sales.html", who, context, status=400 if error else 200)


def _channel_order(name: str) -> tuple[int, str]:
    return (chart.CHANNELS.index(name) if name in chart.CHANNELS else len(chart.CHANNELS), name)


def _channel(t: Translator, name: str) -> str:
    from sync.registry.web.i18n import strings

    key = f"ops.channel.{name}"
    return t(key) if key in strings() else name


def retirement_items(t: Translator, rows: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "project_id": r.project_id,
            "serials": serial_text(r.prefix, r.first, r.width)
            + ".."
            + serial_text("", r.last, r.width),
            "tonnes": t.count(r.last - r.first + 1),
            "handed": t.count(r.handed),
            "reference": r.reference,
            "beneficiary": r.beneficiary,
            "at": r.retired_at[:10],
        }
        for r in rows
    ]


@router.get(f"{HOME}/retirements")
async def retirements(request: Request) -> Response:
    desk = await Desk.of(request)
    return await retirements_page(request, desk, {}, "", 200)


async def retirements_page(
    request: Request, desk: Desk, asked: dict[str, str], error: str, status: int
) -> Response:
    """The retired blocks (an owner: its project's), and for an operator the form that
    records one (filled with what was refused, and why, in `asked` and `error`); one
    snapshot."""

    def work(conn: Connection) -> tuple[Operator | None, list[dict[str, Any]], list[str]]:
        who = desk.who(conn)
        if who is None:
            return None, [], []
        rows = console_storage.retired(conn=conn, project_id=who.project_id)
        projects = sorted(storage.project_ids(conn=conn)) if who.may_change() else []
        return who, retirement_items(desk.t, rows), projects

    who, blocks, projects = await reading(request, work)
    if who is None:
        return desk.to_sign_in(f"{HOME}/retirements")
    form = {"project": "", "serials": "", "reference": "", "beneficiary": "", **asked}
    context = {
        "blocks": blocks,
        "form": form if who.may_change() else None,
        "projects": projects,
        "error": error,
    }
    return desk.render("ops/retirements.html", who, context, status=status)

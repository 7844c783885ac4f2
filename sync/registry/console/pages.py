"""The console's read-only pages: statements, one statement, a day's reconciliation, the audit.

Each page is one `routes.reading` snapshot (it never waits behind a writer). Scoped by role
as the operator API is (sync.registry.routes.operator_api): an owner sees only its project's
statements and audit rows, and another project's statement is "not found", as if it did not
exist; reconciliation is for operators and auditors.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from kiosk.timestamps import china_date
from sync.registry import reconcile, settle, settlement_storage, storage
from sync.registry.console.session import HOME, Desk
from sync.registry.operators import Operator, Role
from sync.registry.phone.context import now
from sync.registry.routes import reading
from sync.registry.web.i18n import strings

router = APIRouter(include_in_schema=False)
AUDIT_PAGE = 50
NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() takes "²", int() not
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # one spelling (fromisoformat takes more)


@router.get(f"{HOME}/statements")
async def statements(request: Request) -> Response:
    desk = await Desk.of(request)

    def work(conn: Connection) -> tuple[Operator | None, Listing]:
        who = desk.who(conn)
        return who, listing(conn, who) if who is not None else ([], [])

    who, found = await reading(request, work)
    if who is None:
        return desk.to_sign_in()
    return statements_page(desk, who, found)


Listing = tuple[list[Any], list[str]]  # the statements one may see; the projects one may close


def listing(conn: Connection, who: Operator) -> Listing:
    rows = settlement_storage.list_statements(conn=conn, project_id=who.project_id)
    return rows, sorted(storage.project_ids(conn=conn)) if who.may_change() else []


def last_period(today: date) -> str:
    """The last month that has ended: what an operator closes most days of the month."""
    first = today.replace(day=1)
    previous = date.fromordinal(first.toordinal() - 1)
    return f"{previous.year:04d}-{previous.month:02d}"


def statements_page(
    desk: Desk,
    who: Operator,
    found: Listing,
    *,
    closing: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    """The statements, newest first; for an operator, the form that closes a period (with
    what the last close did, or why it was refused, in `closing`)."""
    rows, projects = found
    today = china_date(now(desk.request.app))
    form = {"period": last_period(today), "project": "", "error": "", "results": []}
    form.update(closing or {})
    items = [
        {
            "number": r.number,
            "url": f"{HOME}/statements/{r.number}",
            "project_id": r.project_id,
            "period": r.period,
            "net": desk.t.money(r.net_fen),
            "paid": r.paid_on or "",
        }
        for r in reversed(rows)  # newest first
    ]
    context = {
        "statements": items,
        "close": form if who.may_change() else None,
        "projects": projects,
    }
    return desk.render("ops/statements.html", who, context, status=status)


def parse_day(text: str) -> date | None:
    """A day written YYYY-MM-DD (one spelling), or None."""
    try:
        return date.fromisoformat(text) if DAY.fullmatch(text) else None
    except ValueError:
        return None


Found = tuple[Operator | None, dict[str, Any] | None, Any]  # who, the content, its payout


def statement_unseen(
    desk: Desk, number: str, who: Operator | None, content: Any
) -> Response | None:
    """The answer when statement NUMBER cannot be shown: sign in first, or 404 (another
    project's statement is as missing as one that does not exist)."""
    if who is None:
        return desk.to_sign_in(f"{HOME}/statements/{number[:12]}")
    if content is None:
        t = desk.t
        message = t("ops.statement.missing.message", number=number[:12])
        return desk.problem(who, t("ops.statement.missing"), message, status=404)
    return None


def find_statement(conn: Connection, desk: Desk, number: str) -> Found:
    """The statement numbered `number` if this operator may see it (else no content)."""
    who = desk.who(conn)
    if who is None or not NUMBER.fullmatch(number):
        return who, None, None
    row = settlement_storage.get_statement(conn=conn, number=int(number))
    if row is None or not who.may_see(row.project_id):
        return who, None, None
    return who, settle.content_of(row), settlement_storage.payout_of(conn=conn, statement_id=row.id)


@router.get(f"{HOME}/statements/{{number}}")
async def statement(request: Request, number: str) -> Response:
    desk = await Desk.of(request)
    found = await reading(request, lambda conn: find_statement(conn, desk, number))
    return statement_page(desk, number, found)


def statement_page(
    desk: Desk, number: str, found: Found, *, error: str = "", status: int = 200
) -> Response:
    """One statement; its payout form for an operator while it is unpaid and has a net."""
    who, content, payout = found
    unseen = statement_unseen(desk, number, who, content)
    if unseen is not None:
        return unseen
    view = _statement_view(desk, content, payout)
    payable = who.may_change() and payout is None and content["net_fen"] > 0
    today = china_date(now(desk.request.app)).isoformat()
    form = {"closed": content["closed_at"][:10], "today": today}
    context = {**view, "pay": form if payable else None, "pay_error": error}
    return desk.render("ops/statement.html", who, context, status=status)


def _statement_view(desk: Desk, content: dict[str, Any], payout: Any) -> dict[str, Any]:
    t = desk.t
    channels = sorted(set(content["gross"]) | set(content["refunds"]))
    return {
        "s": content,
        "name": t.pick(content["project_name"], content["project_id"]),
        "fee_percent": f"{content['contract']['fee_bp'] / 100:.2f}",
        "net": t.money(content["net_fen"]),
        "channels": [
            {
                "name": _channel(desk, channel),
                "gross": t.money(content["gross"].get(channel, 0)),
                "refunds": t.money(content["refunds"].get(channel, 0)),
            }
            for channel in channels
        ],
        "totals": [
            (t("ops.statement.gross"), t.money(content["gross_fen"])),
            (t("ops.statement.refunds"), t.money(content["refunds_fen"])),
            (t("ops.statement.fee"), t.money(content["fee_fen"])),
            (t("ops.statement.net"), t.money(content["net_fen"])),
            (t("ops.statement.sold"), t.mass(content["sold_g"])),
            (t("ops.statement.refunded"), t.mass(content["refunded_g"])),
            (t("ops.statement.certificates"), t.count(content["certificates"]["count"])),
        ],
        "lines": [
            {
                "kind": t(f"ops.line.{line['kind']}"),
                "cert_id": line["cert_id"],
                "day": line["day"],
                "channel": _channel(desk, line["channel"]),
                "amount": t.money(line["fen"]),
                "grams": t.mass(line["grams"]),
                "adjustment": line["adjustment"],
            }
            for line in content["lines"]
        ],
        "payout": payout,
        "payout_amount": t.money(payout.amount_fen) if payout is not None else "",
    }


def _channel(desk: Desk, name: str) -> str:
    key = f"ops.channel.{name}"
    return desk.t(key) if key in strings() else name


@router.get(f"{HOME}/reconcile")
async def reconciliation(request: Request) -> Response:
    desk = await Desk.of(request)
    t = desk.t
    today = china_date(now(request.app))
    asked = request.query_params.get("day", "")
    day: date | None = None
    error = ""
    if asked:
        day = parse_day(asked)
        if day is None or day > today:
            error, day = t("ops.reconcile.bad_day", day=asked[:20], today=today.isoformat()), None

    def work(conn: Connection) -> tuple[Operator | None, reconcile.Reconciliation | None]:
        who = desk.who(conn)
        if who is None or who.role == Role.OWNER or day is None:
            return who, None
        return who, reconcile.reconcile(conn=conn, day=day, now=now(request.app))

    who, found = await reading(request, work)
    if who is None:
        return desk.to_sign_in()
    if who.role == Role.OWNER:
        title, message = t("ops.forbidden"), t("ops.reconcile.forbidden")
        return desk.problem(who, title, message, status=403)
    context = {
        "day": day.isoformat() if day else (asked[:20] if error else ""),
        "today": today.isoformat(),
        "error": error,
        "result": found,
        "differences": [
            {
                "kiosk": d.kiosk_id,
                "kind": t(f"ops.diff.{d.kind}"),
                "code": d.kind,
                "detail": d.detail,
            }
            for d in (found.differences if found else ())
        ],
    }
    return desk.render("ops/reconcile.html", who, context, status=400 if error else 200)


@router.get(f"{HOME}/audit")
async def audit(request: Request) -> Response:
    desk = await Desk.of(request)
    asked = request.query_params.get("before", "")
    before = int(asked) if NUMBER.fullmatch(asked) else None

    def work(conn: Connection) -> tuple[Operator | None, list[Any]]:
        who = desk.who(conn)
        if who is None:
            return None, []
        rows = settlement_storage.audit_rows(
            conn=conn, limit=AUDIT_PAGE + 1, before=before, project_id=who.project_id
        )
        return who, rows

    who, rows = await reading(request, work)
    if who is None:
        return desk.to_sign_in()
    shown = rows[:AUDIT_PAGE]
    items = [
        {
            "at": r.at[:19].replace("T", " "),
            "actor": r.actor,
            "action": r.action,
            "subject": r.subject,
            "project_id": r.project_id or "",
            "detail": _detail(r.detail),
        }
        for r in shown
    ]
    older = f"{HOME}/audit?before={shown[-1].id}" if len(rows) > AUDIT_PAGE else ""
    return desk.render("ops/audit.html", who, {"rows": items, "older": older})


def _detail(text: str) -> str:
    """The audit row's detail as `key: value` pairs, one line."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return text[:200]
    if not isinstance(data, dict):
        return str(data)[:200]
    return ", ".join(f"{k}: {v}" for k, v in data.items() if v not in (None, ""))[:300]

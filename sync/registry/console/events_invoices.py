"""The console's events and invoice requests (issue 18): the venues' events with how much of
each the attendees and the organiser have offset (and an operator's form recording a new one,
as `registry event-create` does), and the companies' invoice requests, where
an operator records the number of an invoice issued outside this system (or of the red-letter
invoice that reversed a refunded one), or refuses a request with the reason.

Operators and auditors see both pages; an owner (bound to one project) sees neither, as
neither belongs to a project. Only an operator gets the forms. A form's CSRF token is checked
first, then sync.registry.invoices applies every rule (a request still waiting, a number of 1
to 64 printable characters, not a refunded purchase, a reason of 1 to 300 characters) and
writes the audit row under the operator's name in the same transaction. After a change the
browser is sent back to the list it came from (a reload posts nothing twice); a refusal shows
the list again with the reason, in the operator's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from kiosk import formats
from kiosk.errors import InputError
from kiosk.money import format_tonnes
from kiosk.scenarios import Question, get_scenario
from kiosk.timestamps import china_date
from kiosk.venues import load_venues
from sync.registry import event_storage, events, invoices
from sync.registry.console.pages import NUMBER
from sync.registry.console.refusals import refusal
from sync.registry.console.session import HOME, Desk
from sync.registry.event_page import share
from sync.registry.operators import Operator, Role
from sync.registry.phone.context import now
from sync.registry.routes import reading, transaction
from sync.registry.web.forms import read_form_or_empty
from sync.registry.web.i18n import strings

router = APIRouter(include_in_schema=False)
EVENTS = f"{HOME}/events"
INVOICES = f"{HOME}/invoices"
SHOWN = ("requested", "issued", "refused", "credit_note")  # the list's tabs, in this order
Record = Callable[[Connection, int, str, str], None]  # conn, request, what was typed, who
ACTIONS: dict[str, Record] = {
    "issue": lambda conn, rid, text, who: invoices.issue(
        conn=conn, request_id=rid, number=text, actor=who
    ),
    "credit-note": lambda conn, rid, text, who: invoices.credit_note_issued(
        conn=conn, request_id=rid, number=text, actor=who
    ),
    "refuse": lambda conn, rid, text, who: invoices.refuse(
        conn=conn, request_id=rid, reason=text, actor=who
    ),
}


UNITS = ("kWh", "kg", "m2")  # shown beside a question (a count's unit, e.g. meal, is not)
FIELDS = ("id", "venue", "name_zh", "name_en", "name_fr", "starts", "ends", "organiser")


def _questions() -> list[Question]:
    """The event scenario's questions the form asks (its days come from the dates)."""
    return [q for q in get_scenario("event").questions if q.key != "days"]


def _all_events(conn: Connection, desk: Desk) -> tuple[Operator | None, list[dict[str, Any]]]:
    who = desk.who(conn)
    if who is None or who.role == Role.OWNER:
        return who, []
    return who, events.listed(conn)  # every event, ended ones too


@router.get(EVENTS)
async def events_page(request: Request) -> Response:
    desk = await Desk.of(request)
    who, found = await reading(request, lambda conn: _all_events(conn, desk))
    if who is None:
        return desk.to_sign_in()
    if who.role == Role.OWNER:
        t = desk.t
        return desk.problem(who, t("ops.forbidden"), t("ops.events.forbidden"), status=403)
    return _events_page(request, desk, who, found)


def _events_page(
    request: Request,
    desk: Desk,
    who: Operator,
    found: list[dict[str, Any]],
    *,
    typed: dict[str, str] | None = None,
    error: str = "",
    code: int = 200,
) -> Response:
    t = desk.t
    today = china_date(now(request.app)).isoformat()
    items = []
    for e in reversed(found):  # the latest first
        by_attendees, by_organiser = e["offset_by_attendees_g"], e["offset_by_organiser_g"]
        total = e["footprint_g"]
        items.append(
            {
                "id": e["event_id"],
                "name": t.pick(e["name"], e["event_id"]),
                "venue": e["venue"],
                "days": f"{e['starts_on']} – {e['ends_on']}",
                "running": e["starts_on"] <= today <= e["ends_on"],
                "organiser": e["organiser"],
                "progress": t(
                    "ops.events.progress",
                    x=format_tonnes(by_attendees),
                    y=format_tonnes(total),
                ),
                "organiser_offset": t("ops.events.by_organiser", z=format_tonnes(by_organiser)),
                "percent": share(by_attendees + by_organiser, total),
                "page": f"/e/{e['event_id']}",
            }
        )
    form = None
    if who.may_change():
        form = {
            "action": EVENTS,
            "typed": typed or {"starts": today, "ends": today},
            "venues": [(v.id, t.pick(v.name, v.id)) for v in load_venues().values()],
            "error": error,
            "questions": [
                {
                    "name": f"a_{q.key}",
                    "label": t.pick(q.label, q.key) + (f" ({q.unit})" if q.unit in UNITS else ""),
                    "key": q.key,
                }
                for q in _questions()
            ],
        }
    return desk.render("ops/events.html", who, {"events": items, "form": form}, status=code)


def _answers(typed: dict[str, str]) -> dict[str, str]:
    """The event scenario's answers given (the CLI's --set KEY=VALUE, one box each)."""
    found = {q.key: typed.get(f"a_{q.key}", "").strip() for q in _questions()}
    return {key: value for key, value in found.items() if value}


@router.post(EVENTS)
async def create_event(request: Request) -> Response:
    """An operator records an event (the rules are events.create's; audited)."""
    desk = await Desk.of(request)
    t = desk.t
    form = await read_form_or_empty(request)
    csrf_ok = desk.csrf_ok(form)
    names = FIELDS + tuple(f"a_{q.key}" for q in _questions())
    typed = {key: form.get(key, "")[:2000] for key in names}

    def work(conn: Connection) -> tuple[Operator | None, str, int, list[dict[str, Any]]]:
        who = desk.who(conn)
        if who is None or who.role == Role.OWNER:
            return who, "", 403, []
        if not csrf_ok:
            return who, t("ops.form.expired"), 400, _all_events(conn, desk)[1]
        if not who.may_change():
            return who, "", 403, []
        try:
            events.create(
                conn=conn,
                event_id=typed["id"].strip(),
                venue=typed["venue"],
                names={"zh": typed["name_zh"], "en": typed["name_en"], "fr": typed["name_fr"]},
                starts_on=typed["starts"],
                ends_on=typed["ends"],
                organiser=typed["organiser"],
                answers=_answers(typed),
                actor=who.name,
            )
        except InputError as exc:
            return who, _event_refusal(desk, exc), 409, _all_events(conn, desk)[1]
        return who, "", 303, []

    who, error, code, found = await transaction(request, work)
    if who is None:
        return desk.to_sign_in(EVENTS)
    if code == 303:
        return desk.redirect(EVENTS)
    if code == 403:
        words = "ops.events.forbidden" if who.role == Role.OWNER else "ops.events.operators_only"
        return desk.problem(who, t("ops.forbidden"), t(words), status=403)
    return _events_page(request, desk, who, found, typed=typed, error=error, code=code)


def _event_refusal(desk: Desk, exc: InputError) -> str:
    """The event form's refusal: the field by its label, the rule in the operator's words. An
    answer's refusal comes from the kiosk's scenario checks (uncoded, English): it is worded
    here from the question's range, as the phone flow does (sync.registry.phone.pages_flow)."""
    t = desk.t
    question = next((q for q in get_scenario("event").questions if q.key == exc.field), None)
    if question is not None:
        where = t.pick(question.label, question.key)
        if question.min is not None and question.max is not None:
            low, high = (formats.number(v, t.lang) for v in (question.min, question.max))
            whole = "int" if question.type == "int" else "number"
            reason = t(f"ops.error.answer_{whole}", low=low, high=high)
        else:
            words = f"ops.error.answer_{question.type}"
            reason = t(words if words in strings() else "ops.error.answer")
        return t("ops.events.refused", field=where, reason=reason)
    field = exc.field.lstrip("-").replace("-", "_").split("/")[0]
    words = f"ops.events.field.{field}"
    where = t(words) if words in strings() else exc.field
    return t("ops.events.refused", field=where, reason=refusal(t, exc))


def _list(conn: Connection, desk: Desk, status: str) -> tuple[Operator | None, list[Any]]:
    who = desk.who(conn)
    if who is None or who.role == Role.OWNER:
        return who, []
    return who, [
        invoices.as_dict(r) for r in event_storage.list_invoice_requests(conn=conn, status=status)
    ]


def _status(asked: str) -> str:
    return asked if asked in SHOWN else SHOWN[0]


def _invoices_page(
    desk: Desk,
    who: Operator,
    status: str,
    rows: list[dict[str, Any]],
    *,
    error: str = "",
    failed: int | None = None,
    code: int = 200,
) -> Response:
    t = desk.t
    tabs = [
        {
            "key": key,
            "url": f"{INVOICES}?status={key}",
            "label": t(f"ops.invoices.tab.{key}"),
            "current": key == status,
        }
        for key in SHOWN
    ]
    action = "credit-note" if status == "credit_note" else "issue" if status == "requested" else ""
    items = [
        {
            "id": r["id"],
            "requested": r["requested_at"][:16].replace("T", " "),
            "company": r["company_name"],
            "code": r["company_code"],
            "email": r["invoice_email"],
            "amount": t.money(r["amount_fen"]),
            "certificate": r["cert_id"],
            "state": _state(desk, r),
            "form": f"{INVOICES}/{r['id']}/{action}" if action and who.may_change() else "",
            "refuse": f"{INVOICES}/{r['id']}/refuse"
            if action == "issue" and who.may_change()
            else "",
            "error": error if failed == r["id"] else "",
        }
        for r in rows
    ]
    context = {
        "tabs": tabs,
        "status": status,
        "requests": items,
        "page_error": error if failed is None else "",
        "button": t(f"ops.invoices.{action or 'issue'}.button"),
        "label": t(f"ops.invoices.{action or 'issue'}.number"),
    }
    return desk.render("ops/invoices.html", who, context, status=code)


def _state(desk: Desk, r: dict[str, Any]) -> str:
    t = desk.t
    status = r["status"]
    if status == "issued":
        words = t("ops.invoices.state.issued", number=r["invoice_number"])
    elif status == "refused":
        words = t("ops.invoices.state.refused", reason=r["refused_reason"] or "")
    else:
        words = t("ops.invoices.state.requested")
    if r["credit_note"] == "needed":
        words += " · " + t("ops.invoices.state.credit_needed")
    elif r["credit_note"] == "issued":
        words += " · " + t("ops.invoices.state.credit_issued", number=r["credit_note_number"])
    return words


@router.get(INVOICES)
async def invoices_page(request: Request) -> Response:
    desk = await Desk.of(request)
    status = _status(request.query_params.get("status", ""))
    who, rows = await reading(request, lambda conn: _list(conn, desk, status))
    if who is None:
        return desk.to_sign_in()
    if who.role == Role.OWNER:
        t = desk.t
        return desk.problem(who, t("ops.forbidden"), t("ops.events.forbidden"), status=403)
    return _invoices_page(desk, who, status, rows)


@router.post(f"{INVOICES}/{{request_id}}/{{action}}")
async def answer(request: Request, request_id: str, action: str) -> Response:
    """An invoice's number recorded for a request (`issue`) or for its red-letter invoice
    (`credit-note`)."""
    desk = await Desk.of(request)
    t = desk.t
    form = await read_form_or_empty(request)
    csrf_ok = desk.csrf_ok(form)
    record = ACTIONS.get(action)
    status = "credit_note" if action == "credit-note" else "requested"
    text = form.get("reason" if action == "refuse" else "number", "")
    known = NUMBER.fullmatch(request_id) is not None

    def work(conn: Connection) -> tuple[Operator | None, str, int, list[Any]]:
        who = desk.who(conn)
        if who is None:
            return None, "", 0, []
        if not csrf_ok:
            return who, t("ops.form.expired"), 400, _list(conn, desk, status)[1]
        if not who.may_change() or record is None:
            return who, "", 403 if record is not None else 404, []
        if not known:
            return who, t("ops.invoices.unknown"), 404, _list(conn, desk, status)[1]
        try:
            record(conn, int(request_id), text, who.name)
        except InputError as exc:
            return who, _reason(desk, exc), 409, _list(conn, desk, status)[1]
        return who, "", 303, []

    who, error, code, rows = await transaction(request, work)
    if who is None:
        return desk.to_sign_in(f"{INVOICES}?status={status}")
    if code == 303:
        return desk.redirect(f"{INVOICES}?status={status}")
    if code == 403:
        return desk.problem(who, t("ops.forbidden"), t("ops.invoices.forbidden"), status=403)
    if code == 404 and not rows and record is None:
        return desk.problem(who, t("ops.invoices.unknown"), t("ops.invoices.unknown"), status=404)
    failed = int(request_id) if known else None
    if failed is None or all(r["id"] != failed for r in rows):
        failed = None  # not on this list: the reason shows above it
    return _invoices_page(desk, who, status, rows, error=error, failed=failed, code=code)


def _reason(desk: Desk, exc: InputError) -> str:
    """The refusal in the operator's words."""
    t = desk.t
    if exc.field == "--number":
        return t("ops.invoices.bad_number")
    if exc.field == "--reason":
        return t("ops.invoices.bad_reason")
    return t("ops.invoices.refused", reason=refusal(t, exc))

"""Recording a payout from the console (the other forms are in console.actions).

Operators only (an auditor or an owner gets 403, and never sees the form); the form's CSRF
token first; then sync.registry.payouts.record_payout, which holds every rule (one payout
per statement, of exactly its net, dated between the statement's closing and today) and
writes the audit row under the operator's name, in the same transaction. After a payout the
browser is sent back to the statement (a reload posts nothing twice); a refusal shows the
statement again with the reason, in the operator's language.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from kiosk.errors import InputError
from kiosk.timestamps import china_date
from sync.registry import payouts
from sync.registry.console.pages import Found, find_statement, parse_day, statement_page
from sync.registry.console.refusals import refusal
from sync.registry.console.session import HOME, Desk
from sync.registry.phone.context import now
from sync.registry.routes import transaction
from sync.registry.web.forms import read_form_or_empty

router = APIRouter(include_in_schema=False)


@router.post(f"{HOME}/statements/{{number}}/payout")
async def record(request: Request, number: str) -> Response:
    desk = await Desk.of(request)
    t = desk.t
    form = await read_form_or_empty(request)
    csrf_ok = desk.csrf_ok(form)
    paid_on = parse_day(form.get("paid_on", "").strip())
    reference = form.get("bank_reference", "")
    moment = now(request.app)

    def work(conn: Connection) -> tuple[Found, str, int]:
        found = find_statement(conn, desk, number)
        who, content, _ = found
        if who is None or content is None:
            return found, "", 0  # the sign-in page, or "not found"
        if not csrf_ok:
            return found, t("ops.form.expired"), 400
        if not who.may_change():
            return found, t("ops.payout.forbidden"), 403
        if paid_on is None:
            return found, t("ops.payout.bad_day"), 400
        try:
            payouts.record_payout(
                conn=conn, number=int(number), paid_on=paid_on, reference=reference,
                actor=who.name, today=china_date(moment),
            )  # fmt: skip
        except InputError as exc:
            return found, _reason(desk, exc), 409
        return find_statement(conn, desk, number), "", 303

    found, error, status = await transaction(request, work)
    who = found[0]
    if who is None or status == 0:
        return statement_page(desk, number, found)
    if status == 303:
        return desk.redirect(f"{HOME}/statements/{int(number)}")
    if status == 403:
        return desk.problem(who, t("ops.forbidden"), error, status=403)
    return statement_page(desk, number, found, error=error, status=status)


def _reason(desk: Desk, exc: InputError) -> str:
    """The refusal in the operator's words: the field it concerns names the rule."""
    t = desk.t
    if exc.field == "--reference":
        return t("ops.payout.bad_reference")
    if exc.field == "--date":
        return t("ops.payout.bad_day")
    return t("ops.payout.refused", reason=refusal(t, exc))

"""The console's forms that change something, beside the payout (console.payout): closing a
period, recording a retirement, making and revoking enrolment tokens; and the statement's
PDF and CSV downloads.

Every form: its CSRF token first, then operators only (an auditor gets 403 and never sees the
form; an owner gets 403, or 404 for another project's statement), then the same code as the
CLI (sync.registry.operator_actions), audited under the operator's name in the form's one
write transaction. A refusal shows the page again with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kiosk.errors import InputError
from sync.registry import (
    operations,
    operator_actions,
    statement_files,
    storage,
)
from sync.registry.console.pages import (
    Listing,
    find_statement,
    listing,
    statement_unseen,
    statements_page,
)
from sync.registry.console.refusals import refusal
from sync.registry.console.session import HOME, Desk
from sync.registry.console.views import retirements_page
from sync.registry.operators import Operator, Role
from sync.registry.phone.context import now
from sync.registry.routes import reading, transaction
from sync.registry.web import render
from sync.registry.web.forms import read_form_or_empty

router = APIRouter(include_in_schema=False)
LIFETIMES = ("1d", "7d", "30d")  # what the token form offers (the CLI takes any up to 90d)


def _refusal(desk: Desk, exc: InputError) -> str:
    return desk.t("ops.refused", reason=refusal(desk.t, exc))


def _forbidden(desk: Desk, who: Operator) -> Response:
    t = desk.t
    return desk.problem(who, t("ops.forbidden"), t("ops.form.forbidden"), status=403)


async def _form_work(
    request: Request, desk: Desk, work: Callable[[Connection, Operator, dict[str, str]], Any]
) -> tuple[Operator | None, Any, str, int]:
    """Read the form's operator and run `work` in one write transaction: (who, what `work`
    gave, the refusal, the status: 0 signed out, 400 CSRF, 403 role, 409 refused, 200)."""
    form = await read_form_or_empty(request)
    csrf_ok = desk.csrf_ok(form)

    def run(conn: Connection) -> tuple[Operator | None, Any, str, int]:
        who = desk.who(conn)
        if who is None:
            return None, None, "", 0
        if not csrf_ok:
            return who, None, desk.t("ops.form.expired"), 400
        if not who.may_change():
            return who, None, "", 403
        try:
            return who, work(conn, who, form), "", 200
        except InputError as exc:  # out of the transaction: what `work` wrote is rolled back
            raise _Refused(who, _refusal(desk, exc)) from None

    try:
        return await transaction(request, run)
    except _Refused as refused:
        return refused.who, None, refused.reason, 409


class _Refused(Exception):
    """An action refused part way: carries who asked and why out of its transaction."""

    def __init__(self, who: Operator, reason: str) -> None:
        super().__init__(reason)
        self.who, self.reason = who, reason


# -- closing a period ------------------------------------------------------------------------


@router.post(f"{HOME}/statements/close")
async def close_period(request: Request) -> Response:
    desk = await Desk.of(request)
    moment = now(request.app)
    asked: dict[str, str] = {}

    def work(conn: Connection, who: Operator, form: dict[str, str]) -> list[dict[str, Any]]:
        asked.update(period=form.get("period", "")[:20], project=form.get("project", "")[:100])
        return operator_actions.close_period(
            conn=conn, who=who, period=asked["period"], project_id=asked["project"] or None,
            now=moment,
        )  # fmt: skip

    who, results, error, status = await _form_work(request, desk, work)
    if who is None:
        return desk.to_sign_in(f"{HOME}/statements")
    if status == 403:
        return _forbidden(desk, who)
    found: Listing = await reading(request, lambda conn: listing(conn, who))
    t = desk.t
    closing = {
        **asked,
        "error": error,
        "results": [
            t(
                "ops.close.made",
                number=r["number"],
                project=r["project_id"],
                net=t.money(r["net_fen"]),
            )
            if "number" in r
            else t("ops.close.skipped", project=r["project_id"], reason=_skipped(desk, r))
            for r in results or []
        ],
    }
    return statements_page(desk, who, found, closing=closing, status=status or 200)


def _close_result(desk: Desk, r: dict[str, Any]) -> str:
    t = desk.t
    if "number" not in r:
        return t("ops.close.skipped", project=r["project_id"], reason=r["skipped"])
    return t(
        "ops.close.made", number=r["number"], project=r["project_id"], net=t.money(r["net_fen"])
    )


def _skipped(desk: Desk, result: dict[str, Any]) -> str:
    """Why settle wrote no statement for a project, in the operator's words when known."""
    reason = str(result["skipped"])
    t = desk.t
    if reason.startswith("no contract"):
        return t("ops.close.no_contract")
    if reason.endswith(" is already closed"):
        return t("ops.close.already")
    if reason.startswith("settles "):
        kind = reason.removeprefix("settles ")
        return t("ops.close.other_kind", kind=t(f"ops.close.kind.{kind}")) if kind in (
            "monthly", "quarterly"
        ) else reason  # fmt: skip
    return reason


# -- statement files -------------------------------------------------------------------------


async def _statement_file(request: Request, number: str, kind: str) -> Response:
    desk = await Desk.of(request)

    def work(conn: Connection) -> tuple[Operator | None, Any, Any]:
        who, content, payout = find_statement(conn, desk, number)
        return who, content, dict(payout._mapping) if payout is not None else None

    who, content, payout = await reading(request, work)
    unseen = statement_unseen(desk, number, who, content)
    if unseen is not None:
        return unseen
    if kind == "pdf":
        body = await run_in_threadpool(statement_files.to_pdf, content, payout)
        media = "application/pdf"
    else:
        body = statement_files.to_csv(content).encode("utf-8")
        media = "text/csv; charset=utf-8"
    headers = {
        **render.headers(),
        "Content-Disposition": f'attachment; filename="statement-{int(number)}.{kind}"',
    }
    return Response(body, media_type=media, headers=headers)


@router.get(f"{HOME}/statements/{{number}}/pdf")
async def statement_pdf(request: Request, number: str) -> Response:
    return await _statement_file(request, number, "pdf")


@router.get(f"{HOME}/statements/{{number}}/csv")
async def statement_csv(request: Request, number: str) -> Response:
    return await _statement_file(request, number, "csv")


# -- retirements -----------------------------------------------------------------------------


@router.post(f"{HOME}/retirements")
async def retire(request: Request) -> Response:
    desk = await Desk.of(request)
    asked: dict[str, str] = {}

    def work(conn: Connection, who: Operator, form: dict[str, str]) -> dict[str, Any]:
        for key in ("project", "serials", "reference", "beneficiary"):
            asked[key] = form.get(key, "").strip()[:200]
        return operator_actions.retire_blocks(
            conn=conn, who=who, project_id=asked["project"], serials=asked["serials"],
            reference=asked["reference"], beneficiary=asked["beneficiary"],
        )  # fmt: skip

    who, _, error, status = await _form_work(request, desk, work)
    if who is None:
        return desk.to_sign_in(f"{HOME}/retirements")
    if status == 403:
        return _forbidden(desk, who)
    if status == 200:
        return desk.redirect(f"{HOME}/retirements")
    return await retirements_page(request, desk, asked, error, status)


# -- enrolment tokens ------------------------------------------------------------------------


def _token_rows(conn: Connection) -> list[dict[str, Any]]:
    return [
        {
            "fingerprint": operations.token_fingerprint(row.token_hash),
            "name": row.name,
            "created": row.created_at[:16].replace("T", " "),
            "expires": (row.expires_at or "")[:16].replace("T", " "),
            "state": operations.token_status(row),
            "usable": operations.token_refusal(row) is None,
        }
        for row in reversed(storage.list_enrol_tokens(conn=conn))
    ]


def tokens_page(
    desk: Desk,
    who: Operator,
    rows: list[dict[str, Any]],
    *,
    made: dict[str, str] | None = None,
    error: str = "",
    notice: str = "",
    status: int = 200,
) -> Response:
    context = {
        "tokens": rows,
        "made": made,
        "error": error,
        "notice": notice,
        "lifetimes": [{"value": v, "label": desk.t(f"ops.tokens.life.{v}")} for v in LIFETIMES],
        "may_change": who.may_change(),
    }
    return desk.render("ops/tokens.html", who, context, status=status)


def _staff(desk: Desk, who: Operator) -> Response | None:
    if who.role != Role.OWNER:
        return None
    t = desk.t
    return desk.problem(who, t("ops.forbidden"), t("ops.staff_only"), status=403)


@router.get(f"{HOME}/tokens")
async def tokens(request: Request) -> Response:
    desk = await Desk.of(request)

    def work(conn: Connection) -> tuple[Operator | None, list[dict[str, Any]]]:
        who = desk.who(conn)
        if who is None or who.role == Role.OWNER:
            return who, []
        return who, _token_rows(conn)

    who, rows = await reading(request, work)
    if who is None:
        return desk.to_sign_in()
    return _staff(desk, who) or tokens_page(desk, who, rows)


@router.post(f"{HOME}/tokens")
async def make_token(request: Request) -> Response:
    """The token is on this one page and nowhere else (only its hash is kept): the answer is
    not cached, and a reload makes no second one without the form's fields."""
    desk = await Desk.of(request)

    def work(conn: Connection, who: Operator, form: dict[str, str]) -> dict[str, str]:
        life = form.get("lifetime", "7d")
        if life not in LIFETIMES:
            raise InputError(
                "lifetime", f"one of {', '.join(LIFETIMES)}", "token_lifetime",
                allowed=", ".join(LIFETIMES),
            )  # fmt: skip
        return operator_actions.enrol_token(
            conn=conn, who=who, name=form.get("name", ""), lifetime=operations.parse_lifetime(life)
        )

    return await _token_answer(request, desk, work, made=True)


@router.post(f"{HOME}/tokens/revoke")
async def revoke_token(request: Request) -> Response:
    desk = await Desk.of(request)

    def work(conn: Connection, who: Operator, form: dict[str, str]) -> int:
        return operator_actions.revoke_enrol_token(
            conn=conn, who=who, ref=form.get("fingerprint", "")
        )

    return await _token_answer(request, desk, work, made=False)


async def _token_answer(request: Request, desk: Desk, work: Any, *, made: bool) -> Response:
    who, result, error, status = await _form_work(request, desk, work)
    if who is None:
        return desk.to_sign_in(f"{HOME}/tokens")
    if status == 403:
        return _staff(desk, who) or _forbidden(desk, who)
    rows = await reading(request, _token_rows)
    notice = ""
    if status == 200 and not made:
        notice = desk.t("ops.tokens.revoked" if result else "ops.tokens.not_revoked")
    return tokens_page(
        desk, who, rows, made=result if made and status == 200 else None, error=error,
        notice=notice, status=status,
    )  # fmt: skip

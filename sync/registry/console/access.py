"""Signing in and out of the operator console, and its language switch.

A sign-in checks the form's CSRF token, counts the request against a per-address limit in
the database (sync.registry.web.limits: holds across server processes), then checks the
password (sync.registry.operators.sign_in: scrypt, five wrong in a row lock the account for
15 minutes, audited) in one write transaction. The form says "wrong name or password" for
an unknown name and a wrong password alike, and when the account is locked, until when.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from sync.registry import operators
from sync.registry.console.session import HOME, SIGN_IN, Desk, State, safe_next
from sync.registry.operators import Operator
from sync.registry.phone.context import now
from sync.registry.routes import reading, transaction
from sync.registry.web import limits
from sync.registry.web.forms import FormError, read_form, read_form_or_empty
from sync.registry.web.i18n import LANGS
from sync.registry.web.limits import Limit

router = APIRouter(include_in_schema=False)
SIGN_IN_LIMIT = Limit("ops-sign-in", 20, 600)  # tries per address per 10 minutes


@router.get(HOME)
async def home(request: Request) -> Response:
    desk = await Desk.of(request)
    who = await reading(request, desk.who)
    return desk.redirect(f"{HOME}/statements" if who else SIGN_IN)


@router.get(SIGN_IN)
async def sign_in_page(request: Request) -> Response:
    desk = await Desk.of(request)
    who = await reading(request, desk.who)
    wanted = safe_next(request.query_params.get("next", ""))
    if who is not None:
        return desk.redirect(wanted)
    return _form(desk, wanted, "", "")


def _form(desk: Desk, wanted: str, name: str, error: str, *, status: int = 200) -> Response:
    context = {"next": wanted, "name": name[:64], "error": error}
    return desk.render("ops/sign_in.html", None, context, status=status)


@router.post(SIGN_IN)
async def sign_in(request: Request) -> Response:
    desk = await Desk.of(request)
    t = desk.t
    try:
        form = await read_form(request)
    except FormError:
        return desk.problem(None, t("ops.problem.form"), t("ops.problem.form.message"), status=400)
    wanted = safe_next(form.get("next", ""))
    name = form.get("name", "")
    if not desk.csrf_ok(form):
        return _form(desk, wanted, name, t("ops.sign_in.expired"), status=400)
    address = request.client.host if request.client else "unknown"
    moment = now(request.app)

    def work(conn: Connection) -> Operator | str | None:
        refused = limits.allow(conn=conn, limits=[(SIGN_IN_LIMIT, address)], now=moment.timestamp())
        if refused is not None:
            return None
        return operators.sign_in(
            conn=conn, name=name, password=form.get("password", ""), now=moment
        )

    found = await transaction(request, work)
    if found is None:
        return _form(desk, wanted, name, t("ops.sign_in.busy"), status=429)
    if isinstance(found, str):
        if found.startswith(operators.LOCKED):
            until = found.removeprefix(operators.LOCKED)
            return _form(desk, wanted, name, t("ops.sign_in.locked", until=until), status=403)
        return _form(desk, wanted, name, t("ops.sign_in.wrong"), status=403)
    desk.state = State.new(desk.state.lang).but(operator=found.name)  # a new session id
    return desk.redirect(wanted if wanted != HOME else f"{HOME}/statements")


@router.post(f"{HOME}/sign-out")
async def sign_out(request: Request) -> Response:
    desk = await Desk.of(request)
    form = await read_form_or_empty(request)
    if desk.csrf_ok(form):  # a cross-site page cannot sign anyone out
        desk.state = State.new(desk.state.lang)
    return desk.redirect(SIGN_IN)


@router.get(f"{HOME}/lang/{{code}}")
async def language(request: Request, code: str) -> Response:
    desk = await Desk.of(request)
    if code in LANGS:
        desk.state = desk.state.but(lang=code)
    return desk.redirect(safe_next(request.query_params.get("next", "")))

"""The payment routes: every provider's signed notification (`POST /pay/notify/{provider}`)
and the simulated provider's own page (`/pay/sim/{payment_id}`, demo mode only).

A notification is believed only after its provider's `verify_notice` (signature over the raw
body, freshness); its payment is applied by `orders.apply_payment` under the order's row
lock, so a replay, a retry or two deliveries racing make one sale. Every notification is
written to `payment_notices` with what became of it, refused ones included.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from functools import partial

from fastapi import APIRouter
from sqlalchemy import Connection, Row
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sync.registry.payments import Notice, NoticeRefused, PaymentProvider
from sync.registry.payments.simulated import SimulatedProvider
from sync.registry.phone import orders
from sync.registry.phone.context import now, options, providers, secret
from sync.registry.phone.visit import COOKIE, Visit
from sync.registry.routes import in_transaction, reading, transaction
from sync.registry.web import cookies, render
from sync.registry.web.forms import read_form_or_empty
from sync.registry.web.i18n import DEFAULT, Translator

router = APIRouter(include_in_schema=False)
log = logging.getLogger("diandian.registry")
ANSWERED = (orders.Outcome.PAID, orders.Outcome.ALREADY, orders.Outcome.REFUND_DUE)


async def handle_notice(
    app: object, provider: PaymentProvider, headers: Mapping[str, str], body: bytes
) -> tuple[int, bytes, str]:
    """Check and apply one notification; the answer the provider expects."""
    at = now(app)
    try:
        notice = provider.verify_notice(headers, body, at)
    except NoticeRefused as exc:
        log.warning("payment notification from %s refused: %s", provider.name, exc.reason)
        _, text, media = provider.notice_answer(False)
        return exc.status, text, media

    engine = app.state.engine  # type: ignore[attr-defined]
    work = partial(_apply, app=app, provider=provider, notice=notice, at=at)
    outcome = await in_transaction(engine, work, brief=True)  # one order's payment
    return provider.notice_answer(outcome in ANSWERED)


def _apply(
    conn: Connection, *, app: object, provider: PaymentProvider, notice: Notice, at: datetime
) -> orders.Outcome:
    """A verified notification applied in the caller's write transaction."""
    return orders.take_notice(
        conn=conn,
        provider=provider.name,
        notice=notice,
        now=at,
        headroom_g=app.state.headroom_g,  # type: ignore[attr-defined]
    )


@router.post("/pay/notify/{name}")
async def notify(request: Request, name: str) -> Response:
    provider = (await providers(request.app)).get(name)
    if provider is None:
        return Response("unknown provider", status_code=404, media_type="text/plain")
    body = await request.body()
    status, text, media = await handle_notice(request.app, provider, request.headers, body)
    return Response(text, status_code=status, media_type=media)


async def _simulated(request: Request) -> SimulatedProvider | None:
    found = (await providers(request.app)).get("simulated")
    return found if isinstance(found, SimulatedProvider) else None


async def _lang(request: Request) -> str:
    """The visitor's language, from the flow's cookie (the demo provider's page is ours)."""
    key = await secret(request.app)
    visit = Visit.from_state(cookies.decode(key, request.cookies.get(COOKIE)))
    return visit.lang if visit is not None else DEFAULT


@router.get("/pay/sim/{payment_id}")
async def sim_page(request: Request, payment_id: str) -> Response:
    provider = await _simulated(request)
    row = None
    if provider is not None:
        row = await reading(request, partial(provider.payment, payment_id=payment_id), brief=True)
    lang = await _lang(request)
    t = Translator(lang)
    if provider is None or row is None:
        return render.page(
            "problem.html",
            lang,
            {"title": t("order.unknown.title"), "message": t("order.unknown.message"),
             "actions": [], "switch": [], "home": ""},
            status=404,
        )  # fmt: skip
    return render.page(
        "sim.html",
        lang,
        {
            "description": row.description,
            "amount": t.money(int(row.amount_fen)),
            "state": row.state,
            "token": provider.button_token(row.payment_id),
            "action": f"/pay/sim/{row.payment_id}",
            "back": row.return_url,
            "switch": [],
            "home": "",
        },
    )


@router.post("/pay/sim/{payment_id}")
async def sim_press(request: Request, payment_id: str) -> Response:
    """Pay or Cancel: the provider's book changes, then (Pay) its signed notification is
    delivered to the notify route's handler, and the visitor goes back to the merchant."""
    provider = await _simulated(request)
    form = await read_form_or_empty(request)
    if provider is None or form.get("token") != provider.button_token(payment_id[:40]):
        return Response("refused", status_code=400, media_type="text/plain")
    at = now(request.app)
    notify = options(request.app).auto_notify

    def work(conn: Connection) -> Row | None:
        # its book is in our database: the press and the notification it sends are applied
        # in one transaction (one commit, not two); the notification is still checked as
        # any provider's is, and a real provider's arrives at /pay/notify on its own
        row = provider.press(conn, payment_id, form.get("action", ""), at)
        if row is not None and row.state == "SUCCESS" and notify:
            headers, body = provider.notification(row, at)
            notice = provider.verify_notice(headers, body, at)
            _apply(conn, app=request.app, provider=provider, notice=notice, at=at)
        return row

    row = await transaction(request, work, brief=True)
    if row is None:
        return Response("unknown payment", status_code=404, media_type="text/plain")
    return RedirectResponse(row.return_url, status_code=303, headers=render.headers())

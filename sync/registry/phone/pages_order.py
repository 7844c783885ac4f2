"""The phone flow's pages from the order on: placing it (then off to the payment provider),
and the order's own page the provider sends the visitor back to, which shows the wait, the
expiry, or, once paid, the certificate's link and the venue's ranking of the day.

The order's page never trusts the visit for money: it reads the order, asks the provider
when the visitor came back before its notification (`query`), closes it at the provider once
its hold ended, and applies a payment only through `orders.apply_payment` (exactly once).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from sqlalchemy import Connection
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kiosk.certificate.of_order import qr_text
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import SoldOut
from kiosk.ranking import ranked
from kiosk.timestamps import china_date, parse_stamp
from sync.registry import operations, phone_storage, storage
from sync.registry.payments import Notice, PaymentProvider, PaymentRequest
from sync.registry.payments.simulated import SimulatedProvider
from sync.registry.phone import issuer, orders, pages_company, stock
from sync.registry.phone.context import Here, now, options, providers
from sync.registry.phone.sale import sale_of
from sync.registry.routes import in_transaction, reading, transaction
from sync.registry.web import limits
from sync.registry.web.forms import read_form_or_empty

router = APIRouter(include_in_schema=False)
BOARD_SIZE = 10
_CHINA = ZoneInfo("Asia/Shanghai")


@router.post("/v/{venue_id}/order")
async def place(request: Request, venue_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    t = here.t
    form = await read_form_or_empty(request)
    session = here.session()
    if not session.scenario_id or not here.csrf_ok(form) or not form.get("attempt"):
        return here.problem(t("order.stale.title"), t("order.stale.message"), status=400)
    footprint = session.result()
    if not isinstance(footprint, Footprint):
        return here.redirect(here.url("/result"))
    found = await providers(request.app)
    if not found:
        return here.redirect(here.url("/result"))
    name, provider = next(iter(found.items()))
    session.nickname = form.get("nickname", "").strip()
    try:
        buyer = pages_company.of_visit(here)  # checked again: the cookie is only kept text
    except InputError as exc:
        return here.problem(
            t("order.refused.title"),
            pages_company.problem(t, exc),
            status=400,
            actions=[(here.url("/company"), t("result.company.change"))],
        )
    if buyer is not None:
        session.nickname = ""  # the certificate names the company
    project_id = form.get("project", "")[:100]
    offset_g = session.offset_g(footprint)
    at = now(request.app)
    address = request.client.host if request.client else "unknown"
    opts = options(request.app)
    back = [(here.url("/result"), t("order.back_to_result"))]

    def count(conn: Connection) -> limits.Limit | None:
        buckets = [(opts.ip_limit, address), (opts.venue_limit, here.venue.id)]
        return limits.allow(conn=conn, limits=buckets, now=at.timestamp())

    # On PostgreSQL the venue's bucket row stays locked until its transaction commits, so
    # counted inside the order's transaction it queued every order of the venue for the whole
    # of it (stock check included): it is counted in a transaction of its own first. On
    # SQLite the write lock queues whole transactions anyway, and a second commit would cost
    # a second fsync: counted inside.
    apart = request.app.state.engine.dialect.name == "postgresql"

    def work(conn: Connection) -> tuple[orders.PhoneOrder, str | None] | limits.Limit:
        refused = None if apart else count(conn)
        if refused is not None:
            return refused
        booked: list[str] = []

        def book(order: orders.PhoneOrder) -> None:
            # the simulated provider's book is ours: booked in this commit, not one of its
            # own, and before the order takes its grams (their row is locked from then on)
            if isinstance(provider, SimulatedProvider):
                booked.append(provider.create_in(conn, _payment(request, here, provider, order)))

        placed = orders.open_order(
            conn=conn,
            venue=here.venue,
            issuer=issuer.issuer_id(here.venue.id),
            footprint=footprint,
            project_id=project_id,
            offset_g=offset_g,
            nickname=session.nickname,
            lang=here.visit.lang,
            visit=here.visit.id,
            attempt=form["attempt"][:40],
            provider=name,
            now=at,
            headroom_g=request.app.state.headroom_g,
            company=buyer,
            book=book,
        )
        return placed, (booked[0] if booked else None)

    here.keep(session)
    try:
        refused = await transaction(request, count, brief=True) if apart else None
        done = refused or await transaction(request, work, brief=True)
    except SoldOut as exc:
        words = {
            "project": project_id,
            "left": t.mass(exc.left_g),
            "wanted": t.mass(exc.wanted_g),
        }
        return here.problem(
            t("order.sold_out.title"), t("order.sold_out.message", **words), status=409,
            actions=back,
        )  # fmt: skip
    except InputError as exc:
        return here.problem(
            t("order.refused.title"),
            t("order.refused.message", reason=str(exc)),
            status=400,
            actions=back,
        )
    if isinstance(done, limits.Limit):
        response = here.problem(t("limit.title"), t("limit.message"), status=429, actions=back)
        response.headers["Retry-After"] = str(done.window_s)
        return response
    placed, page = done
    here.visit = here.visit.but(order=placed.order_id)
    if page is None:
        page = await run_in_threadpool(provider.create, _payment(request, here, provider, placed))
    response = here.redirect(page)
    if _sweep_due(request.app):  # after the answer is sent: not on the visitor's wait
        response.background = BackgroundTask(_sweep, request.app, at)
    return response


def _sweep_due(app: Any) -> bool:
    """At most one sweep of expired holds per orders.SWEEP_S in this process."""
    last: float | None = getattr(app.state, "phone_swept", None)
    if last is not None and time.monotonic() - last < orders.SWEEP_S:
        return False
    app.state.phone_swept = time.monotonic()
    return True


async def _sweep(app: Any, at: datetime) -> None:
    """Brief, as an order is (routes.transaction): on a worker thread under a crowd it held
    the writers' gate for 90-330 ms, convoyed behind the event loop, and every order and
    payment of the process waited for it. On the loop its 500 rows at most take about 5 ms
    (500 lapsed holds on SQLite, 2026-12-06), once a minute at most."""
    engine = app.state.engine
    await in_transaction(engine, lambda conn: orders.expire_stale(conn=conn, now=at), brief=True)


def _payment(
    request: Request, here: Here, provider: PaymentProvider, order: orders.PhoneOrder
) -> PaymentRequest:
    """What the provider is asked for this order (its page is made once per order)."""
    base = str(request.base_url).rstrip("/")
    return PaymentRequest(
        order_id=order.order_id,
        amount_fen=order.amount_fen,
        description=f"Diandian {here.venue.id} {order.order_id[:6].upper()}",
        notify_url=f"{base}/pay/notify/{provider.name}",
        return_url=here.url(f"/order/{order.order_id}"),
        expires_at=parse_stamp(order.expires_at),
    )


@router.get("/v/{venue_id}/order/{order_id}")
async def order_page(request: Request, venue_id: str, order_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    t = here.t
    found = await providers(request.app)
    order = await reading(
        request, lambda conn: orders.get(conn=conn, order_id=order_id), brief=True
    )
    if order is None or order.venue_id != here.venue.id:
        return here.problem(t("order.unknown.title"), t("order.unknown.message"), status=404)
    provider = found.get(order.provider)
    at = now(request.app)
    if order.status == orders.AWAITING and provider is not None:
        order = await _settle(request, provider, order, at)
    if order.status == orders.PAID:
        done = await reading(request, lambda conn: _done(conn, here, order), brief=True)
        return here.render("phone/done.html", done)
    money = t.money(order.amount_fen)
    if order.status == orders.REFUND_DUE:
        return _state(
            here, "refund", t("order.refund.title"), t("order.refund.message", amount=money)
        )
    if order.status == orders.REFUNDED:
        words = t("order.refunded.message", amount=money)
        return _state(here, "refunded", t("order.refunded.title"), words)
    if order.status == orders.AWAITING:
        pay = here.url()
        if provider is not None:
            pay = await run_in_threadpool(provider.create, _payment(request, here, provider, order))
        until = parse_stamp(order.expires_at).astimezone(_CHINA).strftime("%H:%M")
        message = t("order.waiting.message", code=order.order_id[:6].upper(), amount=money,
                    until=until)  # fmt: skip
        actions = [
            (pay, t("order.pay")),
            (here.url(f"/order/{order.order_id}"), t("order.refresh")),
        ]
        return _state(here, "waiting", t("order.waiting.title"), message, actions)
    return _state(here, "expired", t("order.expired.title"), t("order.expired.message"))


def _state(
    here: Here, state: str, title: str, message: str, actions: list[tuple[str, str]] | None = None
) -> Response:
    links = (
        actions if actions is not None else [(here.url("/result"), here.t("order.back_to_result"))]
    )
    return here.render(
        "phone/order.html", {"state": state, "title": title, "message": message, "actions": links}
    )


async def _settle(
    request: Request, provider: PaymentProvider, order: orders.PhoneOrder, at: datetime
) -> orders.PhoneOrder:
    """An unpaid order as it stands now: paid if the provider says so (the visitor came back
    before the notification), expired and closed at the provider once its hold ended."""
    if not order.open_at(at):
        await run_in_threadpool(provider.close, order.order_id)
    status = await run_in_threadpool(provider.query, order.order_id)
    if status.state == "open" and order.open_at(at):
        return order  # still waiting: nothing to write (a refresh takes no write lock)
    headroom = request.app.state.headroom_g

    def work(conn: Connection) -> orders.PhoneOrder | None:
        if status.state == "paid":
            answer = Notice(
                notice_id=f"query:{status.transaction_id}"[:64],
                order_id=order.order_id,
                transaction_id=status.transaction_id,
                amount_fen=status.amount_fen,
            )
            orders.take_notice(
                conn=conn, provider=provider.name, notice=answer, now=at, headroom_g=headroom
            )
        elif not order.open_at(at) or status.state == "closed":
            reason = "timeout" if not order.open_at(at) else "cancelled"
            orders.close(conn=conn, order_id=order.order_id, reason=reason)
        return orders.get(conn=conn, order_id=order.order_id)

    settled = await transaction(request, work, brief=True)
    return settled or order


def _done(conn: Connection, here: Here, order: orders.PhoneOrder) -> dict[str, Any]:
    """The paid page: the certificate's link (signed by the registry's issuer key, the same
    QR payload as a kiosk's) and the venue's ranking of the day with the visitor's place."""
    t = here.t
    sale = sale_of(conn=conn, order=order)
    assert sale is not None and sale.paid_at is not None
    link = qr_text(sale, issuer.key_of(conn=conn), operations.public_url(conn=conn) or "https://x")
    path = "/C/" + link.split("/C/", 1)[1]
    purchase = phone_storage.purchase(conn=conn, purchase_id=order.purchase_id or 0)
    day = china_date(parse_stamp(sale.paid_at)).isoformat()
    rows = phone_storage.venue_purchases(conn=conn, venue=here.venue.id, day=day, limit=BOARD_SIZE)
    entries = ranked((r.nickname or "", int(r.offset_g), str(r.id)) for r in rows)
    mine = next(
        (e.rank for e in entries if purchase is not None and e.order_id == str(purchase.id)), None
    )
    if mine is None and purchase is not None:
        above = phone_storage.place_above(
            conn=conn, purchase_id=purchase.id, venue=here.venue.id, day=day
        )
        mine = above[1] + 1 if above is not None else None
    project = storage.get_project(conn=conn, project_id=order.project_id)
    name = order.project_id
    if project is not None:
        name = stock.project_of(project.data).label(t.lang)
    return {
        "message": t("done.message", mass=t.mass(order.offset_g), project=name),
        "certificate": path,
        "board": [
            {
                "rank": e.rank,
                "name": e.nickname or t("ranking.anonymous"),
                "mass": t.mass(e.offset_g),
                "mine": purchase is not None and e.order_id == str(purchase.id),
            }
            for e in entries
        ],
        "mine": mine,
    }

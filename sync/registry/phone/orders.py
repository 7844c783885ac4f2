"""Phone orders: held for 15 minutes, paid exactly once, drawn as a kiosk draws its sales.

Why this shape:
- The amount is the kiosk's rule (kiosk.money.amount_fen with the venue's minimum charge),
  recomputed here from the answers and the catalogue's price as it stands in this
  transaction; nothing priced is taken from a form.
- An order holds its grams from the moment it is placed until it is paid, closed or swept
  after its hold ends (kiosk.order_state.HOLD_S). It takes them from its (issuer, project)
  counter row with one conditional UPDATE (phone_stock_storage, issue 16); closing or
  sweeping an unpaid order gives them back, and an order that finds too little first
  sweeps its pair's holds past their end, so lapsed holds never keep a visitor out.
- A payment is applied under the order's row lock and only from `awaiting_payment`: however
  many notifications and returning visitors arrive, one sale is made. The amount must equal
  the order's. The sale is a `purchases` row like a pushed kiosk sale, with its payload in the
  kiosk's own order format and its grams drawn from the issuer's retired serials in order
  (kiosk.credit.draw), under the issuer's row lock, so its certificate names the retired
  serial(s) and gram ranges exactly as a kiosk's slip does.
- A payment that arrives after the hold ended is a sale while the order is not yet swept
  (its grams are still set aside), or once swept if its grams are still free; otherwise the
  order is marked `refund_due` (the money is the visitor's) for the operator.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.buyer import Company
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import SoldOut
from kiosk.ledger.drafts import draft_fields
from kiosk.money import amount_fen
from kiosk.order_state import HOLD_S
from kiosk.timestamps import parse_stamp, stamp
from kiosk.venues import Venue
from sync.registry import audit, phone_stock_storage, phone_storage, storage
from sync.registry.payments import Notice
from sync.registry.phone import sale, stock

AWAITING, PAID, EXPIRED, REFUND_DUE = "awaiting_payment", "paid", "expired", "refund_due"
REFUNDED = "refunded"  # a refund_due order's money given back (`registry phone-refund-done`)
log = logging.getLogger("diandian.registry")


class Outcome(StrEnum):
    """What a payment notification (or a query answer) did to its order."""

    PAID = "paid"  # the sale was made now
    ALREADY = "already_paid"  # a repeat: the order was paid before; nothing changed
    WRONG_AMOUNT = "wrong_amount"  # refused: the amount is not the order's
    UNKNOWN = "unknown_order"  # refused: no such order for this provider
    REFUND_DUE = "refund_due"  # paid after its hold, and the stock is gone: refund it


@dataclass(frozen=True, slots=True)
class PhoneOrder:
    order_id: str
    venue_id: str
    issuer_id: str
    project_id: str
    offset_g: int
    price_fen_per_t: int
    amount_fen: int
    status: str
    provider: str
    created_at: str
    expires_at: str
    paid_at: str | None
    closed_reason: str | None
    purchase_id: int | None
    draft: dict[str, Any]

    @classmethod
    def from_row(cls, row: Row) -> PhoneOrder:
        return cls(
            order_id=row.order_id,
            venue_id=row.venue_id,
            issuer_id=row.issuer_id,
            project_id=row.project_id,
            offset_g=int(row.offset_g),
            price_fen_per_t=int(row.price_fen_per_t),
            amount_fen=int(row.amount_fen),
            status=row.status,
            provider=row.provider,
            created_at=row.created_at,
            expires_at=row.expires_at,
            paid_at=row.paid_at,
            closed_reason=row.closed_reason,
            purchase_id=row.purchase_id,
            draft=json.loads(row.draft),
        )

    def open_at(self, now: datetime) -> bool:
        """Still payable: unpaid and within its hold."""
        return self.status == AWAITING and parse_stamp(self.expires_at) > now


def get(*, conn: Connection, order_id: str) -> PhoneOrder | None:
    row = phone_storage.get_order(conn=conn, order_id=order_id[:40])
    return PhoneOrder.from_row(row) if row is not None else None


SWEEP_S = 60.0  # how often a server process marks expired holds, at most
SWEEP_ROWS = 500  # and how many in one go (the rest at the next)


def expire_stale(*, conn: Connection, now: datetime, limit: int = SWEEP_ROWS) -> list[str]:
    """Mark unpaid orders past their hold expired, at most LIMIT of them, and give their
    grams back to their pairs' counters. Not on an order's path (it ran inside every order
    once, scanning every order of the registry): an order that finds its pair short sweeps
    just that pair (`stock.recount`)."""
    return phone_stock_storage.expire_orders(conn=conn, now=stamp(now), limit=limit)


def open_order(
    *,
    conn: Connection,
    venue: Venue,
    issuer: str,
    footprint: Footprint,
    project_id: str,
    offset_g: int,
    nickname: str,
    lang: str,
    visit: str,
    attempt: str,
    provider: str,
    now: datetime,
    headroom_g: int,
    company: Company | None = None,
    book: Callable[[PhoneOrder], None] | None = None,
) -> PhoneOrder:
    """Place an order, holding its grams for HOLD_S; the same visit's same attempt (a double
    tap on Pay) gets the order it already made. SoldOut when the project has too little left
    (the order's row is gone again), InputError for a choice the kiosk would refuse (a
    nickname, an offset, a project). A COMPANY's order keeps its name, code and invoice
    email in the draft, as a kiosk's does. BOOK(order): the caller's own work for the order
    in this transaction (the simulated provider's booking), done before the grams are taken.

    The grams are taken LAST: from that statement to the commit the pair's counter row is
    locked, and every order of the venue's project waits for it in turn. On PostgreSQL this
    runs on a worker thread, which waits for the GIL after every statement (the event loop
    holds it, up to the 5 ms switch interval), so each statement left after the take held
    every other order of the pair that much longer (BENCHMARKS.md "Phone flow", s7e)."""
    fields = draft_fields(footprint, offset_g, nickname, lang, company)
    # a double tap gets the order its twin made (the twins racing past it meet the
    # (visit, attempt) key of the insert below)
    row = phone_storage.order_of_attempt(conn=conn, visit=visit, attempt=attempt)
    if row is None:
        project = storage.get_project(conn=conn, project_id=project_id)
        if project is None:
            raise InputError("project", f"no project {project_id!r} at this registry")
        price = stock.project_of(project.data).price_fen_per_t  # as stored now
        values = _order_values(fields, venue, issuer, project_id, price, now)
        row = phone_storage.add_order(
            conn=conn, values={**values, "visit": visit, "attempt": attempt, "provider": provider}
        )
        if row is not None:  # a new order: booked, then its grams, last
            placed = PhoneOrder.from_row(row)
            if book is not None:
                book(placed)
            _hold(conn, placed, headroom_g, now)
            return placed
        # a twin committed first (its insert made this one wait): its order is the visit's
        row = phone_storage.order_of_attempt(conn=conn, visit=visit, attempt=attempt)
        assert row is not None
    placed = PhoneOrder.from_row(row)
    if book is not None:
        book(placed)
    return placed


def _order_values(
    fields: dict[str, Any], venue: Venue, issuer: str, project_id: str, price: int, now: datetime
) -> dict[str, Any]:
    """A new order's row: its amount by the kiosk's rule from the price stored now."""
    return {
        "order_id": uuid.uuid4().hex,  # also the provider's out_trade_no: [0-9a-f]{32}
        "venue_id": venue.id,
        "issuer_id": issuer,
        "project_id": project_id,
        "draft": json.dumps(fields, ensure_ascii=False, sort_keys=True),
        "offset_g": fields["offset_g"],
        "price_fen_per_t": price,
        "amount_fen": amount_fen(fields["offset_g"], price, venue.min_charge_fen),
        "status": AWAITING,
        "created_at": stamp(now),
        "expires_at": stamp(now + timedelta(seconds=HOLD_S)),
    }


def _hold(conn: Connection, order: PhoneOrder, headroom_g: int, now: datetime) -> None:
    """Take a just-inserted ORDER's grams from its pair's counter row (the last statement of
    its transaction, see `open_order`); SoldOut, its row deleted, when too few are left. The
    order is already in the tables as held: a recount leaves its grams out (`own_g`)."""
    left = stock.take(
        conn=conn, issuer=order.issuer_id, project_id=order.project_id, grams=order.offset_g,
        headroom_g=headroom_g, now=now, own_g=order.offset_g,
    )  # fmt: skip
    if left is not None:
        phone_storage.delete_order(conn=conn, order_id=order.order_id)
        raise SoldOut(order.project_id, order.offset_g, left)


def close(*, conn: Connection, order_id: str, reason: str) -> bool:
    """An unpaid order the visitor cancelled (or the provider closed) gives its grams back
    to its pair's counter (whose row is locked first: see phone_stock_storage)."""
    row = phone_storage.get_order(conn=conn, order_id=order_id)
    if row is None or row.status != AWAITING:
        return False
    pair = {"issuer": row.issuer_id, "project_id": row.project_id}
    phone_stock_storage.lock(conn=conn, **pair)
    closed = phone_storage.update_order(
        conn=conn, order_id=order_id, only_if=AWAITING, status=EXPIRED, closed_reason=reason
    )
    if closed:
        phone_stock_storage.give_back(conn=conn, **pair, grams=int(row.offset_g))
    return closed


def apply_payment(
    *,
    conn: Connection,
    order_id: str,
    provider: str,
    transaction_id: str,
    amount: int,
    now: datetime,
    headroom_g: int,
    noted: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """A verified payment of `amount` fen for `order_id`: the sale, exactly once.
    NOTED(outcome): the caller's record of it in this transaction (the notice), made as soon
    as the outcome is known: before a sale takes its issuer's row lock, which every sale of
    the venue waits for until this transaction commits."""
    outcome, order = _judge(conn, order_id, provider, transaction_id, amount, now, headroom_g)
    if noted is not None:
        noted(outcome)
    if outcome != Outcome.PAID:
        return outcome
    assert order is not None
    # (an unpaid order past its hold but not yet swept still has its grams set aside)
    paid = {"status": PAID, "provider_ref": transaction_id[:64], "paid_at": stamp(now)}
    sale.sell(conn, order, provider, transaction_id, now, paid)
    return Outcome.PAID


def _judge(
    conn: Connection,
    order_id: str,
    provider: str,
    transaction_id: str,
    amount: int,
    now: datetime,
    headroom_g: int,
) -> tuple[Outcome, PhoneOrder | None]:
    """What a payment does to its order (locked until commit), all but the sale: PAID (and
    the order) when `apply_payment` is to make it."""
    row = phone_storage.get_order(conn=conn, order_id=order_id[:40], lock=True)
    if row is None or row.provider != provider:
        return Outcome.UNKNOWN, None
    order = PhoneOrder.from_row(row)
    if amount != order.amount_fen:
        log.warning(
            "phone order %s: %s notified %d fen, the order is %d fen; not paid",
            order_id,
            provider,
            amount,
            order.amount_fen,
        )
        return Outcome.WRONG_AMOUNT, order
    if order.status in (PAID, REFUND_DUE, REFUNDED):
        return Outcome.ALREADY, order
    if order.status != AWAITING:  # closed or swept (expired): its grams went back, so it
        # takes them again if they are still free (the pair's row before the issuer's: the
        # lock order of every payment and order); else the money is the visitor's
        left = stock.take(
            conn=conn, issuer=order.issuer_id, project_id=order.project_id,
            grams=order.offset_g, headroom_g=headroom_g, now=now,
        )  # fmt: skip
        if left is not None:
            phone_storage.update_order(
                conn=conn,
                order_id=order.order_id,
                only_if=None,
                status=REFUND_DUE,
                provider_ref=transaction_id[:64],
                paid_at=stamp(now),
                closed_reason="paid_late",
            )
            log.warning("phone order %s paid after its hold; stock gone: refund due", order_id)
            return Outcome.REFUND_DUE, order
    return Outcome.PAID, order


def record_refund(
    *, conn: Connection, order_id: str, reference: str, operator: str, now: datetime
) -> tuple[PhoneOrder, bool]:
    """Record that a `refund_due` order's money was given back at its provider (REFERENCE:
    the provider's refund id), audited as OPERATOR's; the order and whether this changed
    it. Idempotent: the same reference again changes nothing; another one, an unknown order
    or one that is not refund_due is refused with one line (InputError)."""
    text = " ".join(str(reference).split())
    if not 0 < len(text) <= 64 or not text.isprintable():
        raise InputError("--reference", "give the provider's refund reference, 1 to 64 characters")
    row = phone_storage.get_order(conn=conn, order_id=order_id[:40], lock=True)
    if row is None:
        known = "see `registry phone-refunds`"
        raise InputError("ORDER", f"no phone order {order_id[:40]!r} ({known})")
    order = PhoneOrder.from_row(row)
    if order.status == REFUNDED:
        if row.refund_ref == text:
            return order, False
        raise InputError(
            "--reference",
            f"order {order.order_id} was recorded refunded at {row.refunded_at} by "
            f"{row.refunded_by} with reference {row.refund_ref!r}, not {text!r}",
        )
    if order.status != REFUND_DUE:
        raise InputError(
            "ORDER",
            f"order {order.order_id} is {order.status}, not refund_due: only a payment that "
            "made no sale (see `registry phone-refunds`) is refunded here",
        )
    phone_storage.update_order(
        conn=conn,
        order_id=order.order_id,
        only_if=REFUND_DUE,
        status=REFUNDED,
        refund_ref=text,
        refunded_at=stamp(now),
        refunded_by=operator[:100],
    )
    audit.record(
        conn,
        actor=operator,
        action="phone_refund_done",
        subject=order.order_id,
        detail={
            "reference": text,
            "amount_fen": order.amount_fen,
            "provider": order.provider,
            "provider_ref": row.provider_ref,
            "venue_id": order.venue_id,
        },
        project_id=order.project_id,
    )
    done = phone_storage.get_order(conn=conn, order_id=order.order_id)
    assert done is not None
    return PhoneOrder.from_row(done), True


def take_notice(
    *, conn: Connection, provider: str, notice: Notice, now: datetime, headroom_g: int
) -> Outcome:
    """A verified notification (or a query's answer, as one): applied, and kept with what
    became of it in `payment_notices` (kept before a sale locks its issuer's row: see
    `apply_payment`)."""

    def keep(outcome: Outcome) -> None:
        phone_storage.add_notice(
            conn=conn,
            provider=provider,
            notice_id=notice.notice_id,
            order_id=notice.order_id,
            outcome=str(outcome),
            amount_fen=notice.amount_fen,
        )

    return apply_payment(
        conn=conn,
        order_id=notice.order_id,
        provider=provider,
        transaction_id=notice.transaction_id,
        amount=notice.amount_fen,
        now=now,
        headroom_g=headroom_g,
        noted=keep,
    )

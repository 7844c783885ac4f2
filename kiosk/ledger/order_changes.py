"""The order lifecycle's changes: drafts and orders opened, placed, paid, voided and expired,
their slips and outbox entries. A mixin of the Ledger (it uses the Ledger's write transaction,
clock and audit log), kept apart so store.py holds the opening, the plumbing and the reads."""

from __future__ import annotations

import secrets
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from kiosk.buyer import Company, EventTag
from kiosk.credit import CreditRange, ranges_json
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import audit, audit_codec
from kiosk.ledger.create import CODE_ALPHABET
from kiosk.ledger.drafts import draft_fields
from kiosk.ledger.grants import grams_left
from kiosk.ledger.orders import (
    Order,
    OrderNotFound,
    SoldOut,
    check_transition,
)
from kiosk.ledger.stock import PRICE_IN_FORCE, WITH_LOCAL_PRICE, StockMixin
from kiosk.money import amount_fen
from kiosk.order_state import HOLD_S, METHODS, Action, OrderState
from kiosk.timestamps import stamp

SLIP_STATES = ("none", "pending", "printed", "unconfirmed", "failed")
DRAFT_TTL = timedelta(hours=1)


class OrderChangesMixin(StockMixin):
    """Every change to an order, audited, in the Ledger's write transaction."""

    conn: sqlite3.Connection
    clock: Callable[[], datetime]
    kiosk_id: str
    _now: str
    _write: Callable[[], AbstractContextManager[None]]
    audit: Callable[..., None]

    def _next(self, counter: str) -> int:
        value: int = self.conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, 1)"
            " ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            (counter,),
        ).fetchone()[0]
        return value

    def _order(self, order_id: str) -> Order:
        row = self.conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if row is None:
            raise OrderNotFound(order_id)
        return Order.from_row(row)

    def _save(self, order: Order, action: str, actor: str, **changes: Any) -> Order:
        changes["updated_at"] = self._now
        columns = ", ".join(f"{name} = ?" for name in changes)
        self.conn.execute(
            f"UPDATE orders SET {columns} WHERE id = ?", (*changes.values(), order.id)
        )
        saved = replace(order, **changes)  # exactly what was written; no need to read it back
        self.audit("order", order.id, action, actor, saved.as_dict(), changes=True)
        return saved

    # -- the order lifecycle ------------------------------------------------------------------

    def create_draft(
        self,
        footprint: Footprint,
        *,
        project_id: str,
        offset_g: int | None = None,
        nickname: str = "",
        lang: str = "zh",
        min_charge_fen: int = 0,
        actor: str = "kiosk",
        company: Company | None = None,
        event: EventTag | None = None,
    ) -> Order:
        """A priced order the customer has not committed to yet: it reserves nothing."""
        fields = draft_fields(footprint, offset_g, nickname, lang, company, event)
        with self._write():
            return self._insert_draft(fields, project_id, min_charge_fen, actor)

    def open_order(
        self,
        footprint: Footprint,
        *,
        project_id: str,
        offset_g: int | None = None,
        nickname: str = "",
        lang: str = "zh",
        min_charge_fen: int = 0,
        hold_s: int = HOLD_S,
        actor: str = "kiosk",
        company: Company | None = None,
        event: EventTag | None = None,
    ) -> Order:
        """Draft and place in one transaction: what the order screen does when it shows the
        order code. Both steps are audited; a sold-out project leaves no order behind."""
        fields = draft_fields(footprint, offset_g, nickname, lang, company, event)
        with self._write():
            draft = self._insert_draft(fields, project_id, min_charge_fen, actor)
            return self._place(draft, hold_s, actor)

    def _insert_draft(
        self, fields: dict[str, Any], project_id: str, min_charge_fen: int, actor: str
    ) -> Order:
        price = self.conn.execute(  # the price as it stands when the order is made
            f"SELECT {PRICE_IN_FORCE} FROM projects p {WITH_LOCAL_PRICE} WHERE p.id = ?",
            (project_id,),
        ).fetchone()
        if price is None:
            raise InputError("project", f"no project {project_id!r} in this ledger")
        order = Order(
            id=str(uuid.uuid4()),
            seq=self._next("order_seq"),
            code=_new_code(),
            kiosk_id=self.kiosk_id,
            project_id=project_id,
            price_fen_per_t=price[0],
            amount_fen=amount_fen(fields["offset_g"], price[0], min_charge_fen),
            status=OrderState.DRAFT,
            created_at=self._now,
            updated_at=self._now,
            **fields,
        )
        while True:  # a code taken already (1 in 10^9 a pair) fails the UNIQUE: another one
            row = order.as_dict()
            given = {k: v for k, v in row.items() if v is not None and not k.startswith("slip_")}
            marks = ", ".join("?" * len(given))
            try:
                self.conn.execute(  # columns left out take their defaults (slip_status 'none')
                    f"INSERT INTO orders ({', '.join(given)}) VALUES ({marks})",
                    tuple(given.values()),
                )
                break
            except sqlite3.IntegrityError as exc:
                if "orders.code" not in str(exc):
                    raise
                order = replace(order, code=_new_code())
        self.audit("order", order.id, "create", actor, row, changes=True, new=True)
        return order

    def place(self, order_id: str, *, hold_s: int = HOLD_S, actor: str = "kiosk") -> Order:
        """The customer commits: the grams are reserved until payment or expiry."""
        with self._write():
            return self._place(self._order(order_id), hold_s, actor)

    def _place(self, order: Order, hold_s: int, actor: str) -> Order:
        target = check_transition(order, Action.PLACE)
        retire_first, allocation = self._for_sale(order.project_id, serials=True)
        left = grams_left(allocation, retire_first=retire_first)
        if left < order.offset_g:
            raise SoldOut(order.project_id, order.offset_g, left)
        self._move_grams(order.project_id, actor, "reserve", allocation, reserved_g=order.offset_g)
        expires = stamp(self.clock() + timedelta(seconds=hold_s))
        return self._save(order, "place", actor, status=target, expires_at=expires)

    def pay(
        self, order_id: str, *, method: str, cashier: str, tendered_fen: int | None = None
    ) -> Order:
        """Paid: serial, drawn grams, outbox entry and audit rows land in one transaction.

        A retire-first project's grams are drawn here, as ranges of the retired serials
        granted to this kiosk, from the cursor on (the reservation held a count of them)."""
        if method not in METHODS:
            raise InputError("method", f"{method!r} is not one of {', '.join(METHODS)}")
        if not cashier:
            raise InputError("cashier", "who took the payment must be recorded")
        with self._write():
            order = self._order(order_id)
            target = check_transition(order, Action.PAY)
            if tendered_fen is not None and tendered_fen < order.amount_fen:
                raise InputError(
                    "amount",
                    f"{tendered_fen} fen tendered is less than the {order.amount_fen} due",
                    "cash_short",
                    tendered_fen=tendered_fen,
                    due_fen=order.amount_fen,
                )
            retire_first, allocation = self._for_sale(order.project_id, serials=False)
            ranges = self._ranges_for(order, allocation["drawn_g"]) if retire_first else ()
            self._move_grams(
                order.project_id,
                cashier,
                "draw",
                allocation,
                reserved_g=-order.offset_g,
                sold_g=order.offset_g,
                drawn_g=sum(r.grams for r in ranges),
            )
            paid = self._save(
                order,
                "pay",
                cashier,
                status=target,
                serial=self._next("serial"),
                paid_at=self._now,
                payment_method=method,
                cashier=cashier,
                credit_ranges=ranges_json(ranges),
            )
            self._outbox(paid, OrderState.PAID)
            return paid

    def _ranges_for(self, order: Order, drawn_g: int) -> tuple[CreditRange, ...]:
        """Its ranges from the cursor DRAWN_G on, of a retire-first project (SoldOut when the
        serials fall short: only an order reserved before this ledger drew ranges, or after a
        forfeit, can)."""
        ranges = self._draw(order.project_id, drawn_g, order.offset_g)
        if not ranges:
            left = self._serial_end(order.project_id) - drawn_g
            raise SoldOut(order.project_id, order.offset_g, max(left, 0))
        return ranges

    def void(self, order_id: str, *, reason: str, actor: str) -> Order:
        """A refund. Grams drawn from retired serials are refunded for good (never sold
        again, counted as the platform's own); a count goes back to the allocation. The
        registry hears of it by outbox."""
        reason = " ".join((reason or "").split())
        if not reason:
            raise InputError("reason", "a reason is required to void a paid order", "void_reason")
        if len(reason) > 200:
            raise InputError("reason", "at most 200 characters", "void_reason_long", max=200)
        with self._write():
            order = self._order(order_id)
            target = check_transition(order, Action.VOID)
            drawn = sum(r.grams for r in order.ranges())
            self._move_grams(
                order.project_id, actor, "release", sold_g=-order.offset_g, refunded_g=drawn
            )
            voided = self._save(
                order,
                "void",
                actor,
                status=target,
                voided_at=self._now,
                void_reason=reason,
                voided_by=actor,
            )
            self._outbox(voided, OrderState.VOIDED)
            return voided

    def expire(self, order_id: str, *, reason: str = "timeout", actor: str = "kiosk") -> Order:
        with self._write():
            return self._expire(self._order(order_id), reason, actor)

    def _expire(self, order: Order, reason: str, actor: str) -> Order:
        target = check_transition(order, Action.EXPIRE)
        if order.status == OrderState.AWAITING:
            self._move_grams(order.project_id, actor, "release", reserved_g=-order.offset_g)
        return self._save(order, "expire", actor, status=target, expired_reason=reason)

    def expire_stale(self, *, actor: str = "kiosk") -> int:
        """Unpaid orders past their hold, and drafts older than an hour, give their grams back."""
        now = self.clock()
        with self._write():
            rows = self.conn.execute(
                "SELECT * FROM orders WHERE (status = ? AND expires_at < ?)"
                " OR (status = ? AND created_at < ?)",
                (OrderState.AWAITING, stamp(now), OrderState.DRAFT, stamp(now - DRAFT_TTL)),
            ).fetchall()
            for row in rows:
                self._expire(Order.from_row(row), "timeout", actor)
        return len(rows)

    def set_slip(self, order_id: str, status: str, *, error: str = "", actor: str) -> Order:
        if status not in SLIP_STATES:
            raise InputError("slip_status", f"{status!r} is not one of {', '.join(SLIP_STATES)}")
        with self._write():
            order = self._order(order_id)
            if order.serial is None:
                raise InputError("order", f"order {order.code} is {order.status}; it has no slip")
            printed = self._now if status == "printed" else order.slip_printed_at
            return self._save(
                order,
                "slip",
                actor,
                slip_status=status,
                slip_error=error or None,
                slip_printed_at=printed,
            )

    def _outbox(self, order: Order, event: str) -> None:
        """The event's entry: the order's canonical JSON as it will be pushed, stored compact
        (audit_codec.py; syncstate.payload_text reads it back byte for byte)."""
        payload = audit_codec.encode(audit.canonical(order.as_dict()), audit_codec.PAYLOAD)
        self.conn.execute(
            "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, ?, ?)",
            (order.id, event, payload, self._now),
        )


def _new_code() -> str:
    """An order's short code (the orders table's UNIQUE on `code` refuses a repeat)."""
    return "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(6))

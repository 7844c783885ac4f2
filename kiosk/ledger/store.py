"""The Ledger: the one object through which the app, the cashier and the sync job change orders.

Each public method is one transaction that also writes its audit rows (and outbox entry, for a
payment or a void), so a crash leaves either all of a change on disk or none of it.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.buyer import Company, EventTag
from kiosk.credit import CreditRange, ranges_json
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import audit, db, sessions
from kiosk.ledger.create import CODE_ALPHABET, ensure_identity
from kiosk.ledger.create import create as create_file
from kiosk.ledger.db import LedgerUnavailable
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
from kiosk.timestamps import stamp, utc_now

SLIP_STATES = ("none", "pending", "printed", "unconfirmed", "failed")
DRAFT_TTL = timedelta(hours=1)
Clock = Callable[[], datetime]


def _whole_file(conn: sqlite3.Connection) -> bool:
    """SQLite's quick_check of every page: the open fails on a damaged file."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("corrupt")
    return True


class Ledger(StockMixin):
    """Open with `Ledger.open(path)`; one instance per thread that writes."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self.conn, self.path, self.clock = conn, path, clock
        self._inode = os.stat(path).st_ino
        self._depth = 0  # nesting of _write(): inner changes join the outer transaction
        self._audited: audit.Memo = {}  # what this connection last audited of each entity
        self._tail: tuple[int, str] | None = None  # the last audit row it committed
        self._last_audit: tuple[int, str] | None = None  # the change's last row, while in one
        self.session: sessions.Session | None = None  # see Ledger.open and sessions.py
        row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
        self.kiosk_id: str = row[0] if row else ""

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        read_only: bool = False,
        check: bool | Callable[[sqlite3.Connection], bool] = True,
        clock: Clock = utc_now,
    ) -> Ledger:
        """Open (or, with `create`, make) a ledger; any problem is LedgerUnavailable.

        `check` makes sure a kiosk never sells into a damaged file: SQLite's quick_check runs
        when `sessions` says it can find something (after an unclean end, a change outside a
        session, once a day), a cheap open otherwise. A callable replaces the quick_check (the
        sync job's per-table check): True when it found the file sound. A read-only open with
        `check` always runs it; listings on large ledgers may skip it (`check=False`).
        """
        path = Path(path)
        if not path.exists():
            if not create or read_only:
                raise LedgerUnavailable(f"no ledger at {path}").coded("missing", path=str(path))
            create_file(path, stamp(clock()))
        elif path.is_file() and path.stat().st_size == 0:
            raise LedgerUnavailable(
                f"the ledger file {path} is empty; restore it with `diandian ledger restore`, "
                "or remove it to start a new ledger"
            ).coded("empty", path=str(path))
        session = None
        if check is not False and not read_only:
            try:
                session = sessions.begin(path, clock())
            except OSError as exc:
                raise db.unavailable(sqlite3.OperationalError(str(exc)), path) from exc
        try:
            conn = db.connect(path, read_only=read_only)
        except BaseException:
            if session is not None:
                session.release()
            raise
        try:
            if check is not False and (session is None or session.due):
                sound = _whole_file(conn) if check is True else check(conn)
                if sound and session is not None:
                    session.passed(clock())
            if session is not None:
                sessions.demote(session)
            if not read_only:
                from kiosk.ledger import schema  # sqlite-utils: loaded by the first open

                schema.migrate(conn)
                ensure_identity(conn, path, stamp(clock()))
            ledger = cls(conn, path, clock)
            ledger.session = session
            return ledger
        except sqlite3.Error as exc:
            conn.close()
            if session is not None:
                session.release()
            raise db.unavailable(exc, path) from exc
        except BaseException:
            conn.close()
            if session is not None:
                session.release()
            raise

    def close(self) -> None:
        session, self.session = self.session, None
        if session is None:
            self.conn.close()
            return
        try:
            settled = session.last_out() and db.settle(self.conn)
        finally:
            self.conn.close()
        session.close(settled=settled)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction, after checking the file is still the one we opened.

        Re-entrant: a change made inside another one joins it, so a caller (e.g. the sync
        job applying a pulled catalogue) can make several changes land together or not at all.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._same_file()
        wrote: tuple[int, str] | None = None
        try:
            with db.write(self.conn, self.path):
                self._same_file()  # again with the lock held: a restore may have renamed it
                self._now = stamp(self.clock())  # one timestamp for everything the change writes
                self._depth = 1  # (_last_audit is None: every change leaves it so)
                try:
                    yield
                finally:
                    self._depth = 0
                    wrote, self._last_audit = self._last_audit, None
        except BaseException:
            self._audited.clear()  # rolled back: what it remembers of this change never was
            raise
        if wrote is not None:
            self._tail = wrote

    transaction = _write  # the public name: modules of the ledger package group changes with it

    def change_time(self) -> str:
        """The stored moment of the change in progress: everything it writes carries it."""
        if not self._depth:
            raise RuntimeError("change_time() is only known inside ledger.transaction()")
        return self._now

    def _same_file(self) -> None:
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            raise LedgerUnavailable(f"the ledger file {self.path} has been removed").coded(
                "removed", path=str(self.path)
            ) from None
        if inode != self._inode:
            raise LedgerUnavailable(
                f"the ledger file {self.path} was replaced; restart the app"
            ).coded("replaced", path=str(self.path))

    def audit(
        self,
        entity: str,
        entity_id: str,
        action: str,
        actor: str,
        state: Mapping[str, Any],
        *,
        changes: bool = False,
    ) -> None:
        """One hash-chained audit row for a change (inside `transaction()`); with `changes`,
        the row stores only what changed since the entity's last row (kinds written often)."""
        if self._last_audit is None:  # the first row of this change: who wrote the last one?
            found = self.conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            row = found.fetchone()
            self._last_audit = (row[0], row[1]) if row else None
            # Another writer since: read its entities back when needed. Kept small too: the
            # orders in hand and the allocations are all it serves, and a large memory of
            # dicts costs every garbage collection (0.2 ms a sale with 4,096 kept).
            if self._last_audit != self._tail or len(self._audited) > 64:
                self._audited.clear()
        if not changes:
            self._audited.pop((entity, entity_id), None)
        self._last_audit = audit.append(
            self.conn,
            at=self._now,
            entity=entity,
            entity_id=entity_id,
            action=action,
            actor=actor,
            state=state,
            last=self._last_audit,
            memo=self._audited if changes else None,
        )

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
            code=self._new_code(),
            kiosk_id=self.kiosk_id,
            project_id=project_id,
            price_fen_per_t=price[0],
            amount_fen=amount_fen(fields["offset_g"], price[0], min_charge_fen),
            status=OrderState.DRAFT,
            created_at=self._now,
            updated_at=self._now,
            **fields,
        )
        row = order.as_dict()
        given = {k: v for k, v in row.items() if v is not None and not k.startswith("slip_")}
        self.conn.execute(  # columns left out take their schema defaults (slip_status 'none')
            f"INSERT INTO orders ({', '.join(given)}) VALUES ({', '.join('?' * len(given))})",
            tuple(given.values()),
        )
        self.audit("order", order.id, "create", actor, row, changes=True)
        return order

    def _new_code(self) -> str:
        while True:
            code = "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(6))
            if not self.conn.execute("SELECT 1 FROM orders WHERE code = ?", (code,)).fetchone():
                return code

    def place(self, order_id: str, *, hold_s: int = HOLD_S, actor: str = "kiosk") -> Order:
        """The customer commits: the grams are reserved until payment or expiry."""
        with self._write():
            return self._place(self._order(order_id), hold_s, actor)

    def _place(self, order: Order, hold_s: int, actor: str) -> Order:
        target = check_transition(order, Action.PLACE)
        retire_first = self._retire_first(order.project_id)
        allocation = self._allocation_with_serials(order.project_id)
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
            allocation = self._allocation_row(order.project_id)
            ranges = self._ranges_for(order, allocation["drawn_g"])
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
        """Its ranges from the cursor DRAWN_G on, for a retire-first project (SoldOut when the
        serials fall short: only an order reserved before this ledger drew ranges, or after a
        forfeit, can)."""
        if not self._retire_first(order.project_id):
            return ()
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
        self.conn.execute(
            "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, ?, ?)",
            (order.id, event, audit.canonical(order.as_dict()), self._now),
        )

    # -- reading --------------------------------------------------------------------------------

    def get(self, ref: str | int) -> Order:
        """An order by id, by its code (any case), or by certificate serial."""
        text = str(ref).strip()
        row = self.conn.execute(
            "SELECT * FROM orders WHERE id = ? OR code = ? OR (serial = ? AND ? != '')",
            (text, text.upper(), text if text.isdigit() else None, text),
        ).fetchone()
        if row is None:
            raise OrderNotFound(text)
        return Order.from_row(row)

    def orders(
        self, *, status: str | None = None, limit: int = 50, before_seq: int | None = None
    ) -> list[Order]:
        """Newest first, a page at a time."""
        sql, args = "SELECT * FROM orders WHERE 1", list[object]()
        if status:
            sql, args = sql + " AND status = ?", [*args, status]
        if before_seq is not None:
            sql, args = sql + " AND seq < ?", [*args, before_seq]
        rows = self.conn.execute(sql + " ORDER BY seq DESC LIMIT ?", (*args, limit))
        return [Order.from_row(row) for row in rows]

    def outbox_pending(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM outbox WHERE acked_at IS NULL ORDER BY id LIMIT ?", (limit,)
        ).fetchall()

    def outbox_ack(self, entry_ids: Iterable[int], *, actor: str = "sync") -> int:
        ids = sorted(set(entry_ids))
        with self._write():
            now = self._now
            changed = 0
            for entry_id in ids:
                changed += self.conn.execute(
                    "UPDATE outbox SET acked_at = ? WHERE id = ? AND acked_at IS NULL",
                    (now, entry_id),
                ).rowcount
            self.audit("outbox", "ack", "ack", actor, {"ids": ids})
        return changed

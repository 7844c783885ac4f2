"""The Ledger: the one object through which the app, the cashier and the sync job change orders.

Each public method is one transaction that also writes its audit rows (and outbox entry, for a
payment or a void), so a crash leaves either all of a change on disk or none of it.
Here: opening, the write transaction and audit plumbing, and the reads; the order lifecycle's
changes are in order_changes.py, projects and allocations in stock.py (mixins of the class).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.ledger import audit, db, sessions
from kiosk.ledger.create import create as create_file
from kiosk.ledger.create import ensure_identity
from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.order_changes import OrderChangesMixin
from kiosk.ledger.orders import (
    Order,
    OrderNotFound,
)
from kiosk.timestamps import stamp, utc_now

Clock = Callable[[], datetime]


def _whole_file(conn: sqlite3.Connection) -> bool:
    """SQLite's quick_check of every page: the open fails on a damaged file."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("corrupt")
    return True


class Ledger(OrderChangesMixin):
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

    def deferred_check(self, stop: Callable[[], bool] = bool) -> Callable[[], None] | None:
        """The daily whole-file check this open left for later (sessions.py), as work for
        another thread: it reads the file on its own read-only connection, so sales go on
        beside it, and records the outcome; a damaged file raises LedgerUnavailable. None
        when no check is deferred. Once `stop()` is true (the app closing) the check gives
        up without a verdict (it stays due)."""
        session, path, clock = self.session, self.path, self.clock
        if session is None or not session.deferred:
            return None

        def check() -> None:
            if stop():
                return  # the app closed before the pool got to it
            try:
                conn = db.connect(path, read_only=True)
                conn.set_progress_handler(lambda: 1 if stop() else 0, 10_000)
                try:
                    _whole_file(conn)
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                if stop():
                    return  # interrupted: no verdict
                failure = db.unavailable(exc, path)
                if failure.code == "damaged":  # not a busy or vanished file: no verdict then
                    session.failed(clock(), str(failure))
                raise failure from None
            session.passed(clock())

        return check

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
        wrote: tuple[int, str] | None = None
        try:
            with db.write(self.conn, self.path):
                self._same_file()  # with the lock held: a restore may have renamed it
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
        new: bool = False,
    ) -> None:
        """One hash-chained audit row for a change (inside `transaction()`); with `changes`,
        the row stores only what changed since the entity's last row (kinds written often).
        `new`: the entity was made in this change, so it has no earlier rows to look up."""
        if self._last_audit is None:  # the first row of this change: who wrote the last one?
            found = self.conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            row = found.fetchone()
            self._last_audit = (row[0], audit.hex_hash(row[1]) or "") if row else None
            # Another writer since: read its entities back when needed. Kept small too: the
            # orders in hand and the allocations are all it serves, and a large memory of
            # dicts costs every garbage collection (0.2 ms a sale with 4,096 kept).
            if self._last_audit != self._tail or len(self._audited) > 64:
                self._audited.clear()
        if not changes:
            self._audited.pop((entity, entity_id), None)
        elif new:
            self._audited[(entity, entity_id)] = audit.NEW
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
            changed = self.conn.executemany(  # one statement for the batch's ids
                "UPDATE outbox SET acked_at = ? WHERE id = ? AND acked_at IS NULL",
                [(now, entry_id) for entry_id in ids],
            ).rowcount
            self.audit("outbox", "ack", "ack", actor, {"ids": ids})
        return changed

"""The sync job's kiosk-side state: every SQL statement on settings, sync_batches, sync_rejects,
pulled and sync_runs lives here, so the job itself holds no SQL.

Why a batch is recorded before it is sent: after a crash the job must resend the *same* bytes
under the *same* Idempotency-Key, so the registry replays its stored answer instead of applying
the records twice. Entries of an unanswered batch therefore never go into a new batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.ledger import audit_codec, db
from kiosk.ledger.store import Ledger


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    entry_ids: tuple[int, ...]
    body: bytes
    sent_at: str | None


@dataclass(frozen=True, slots=True)
class Reject:
    outbox_id: int
    order_id: str
    reason: str
    at: str


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    started_at: str
    ended_at: str | None
    pushed: int
    pulled: int
    outcome: str | None
    error: str | None


# -- settings -------------------------------------------------------------------------------


def setting(ledger: Ledger, key: str, default: str | None = None) -> str | None:
    row = ledger.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_settings(ledger: Ledger, values: Mapping[str, str]) -> None:
    """Several settings in one transaction (an enrolment is all of its fields or none)."""
    with ledger.transaction():
        for key, value in values.items():
            ledger.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


# -- batches --------------------------------------------------------------------------------


def unanswered_batches(ledger: Ledger) -> list[Batch]:
    """Batches recorded (maybe sent) whose answer was never applied: resend these first."""
    rows = ledger.conn.execute(
        "SELECT * FROM sync_batches WHERE answered_at IS NULL ORDER BY created_at, rowid"
    ).fetchall()
    return [_batch(row) for row in rows]


def _batch(row: sqlite3.Row) -> Batch:
    body = row["body"]
    return Batch(
        row["batch_id"],
        tuple(json.loads(row["entry_ids"])),
        bytes(body) if not isinstance(body, str) else body.encode(),
        row["sent_at"],
    )


def batch(ledger: Ledger, batch_id: str) -> Batch | None:
    row = ledger.conn.execute(
        "SELECT * FROM sync_batches WHERE batch_id = ?", (batch_id,)
    ).fetchone()
    return _batch(row) if row else None


def payload_text(entry: sqlite3.Row | Mapping[str, Any]) -> str:
    """An outbox entry's payload as stored in its text: an order's canonical JSON exactly as
    the ledger encoded it (stored compact since migration 0021, audit_codec.py), a closed
    day's summary as written. ValueError when the stored bytes cannot be read (damaged)."""
    return audit_codec.decode(entry["payload"])


def sendable(ledger: Ledger, limit: int) -> list[sqlite3.Row]:
    """Unacknowledged outbox entries in sequence order, leaving out rejected ones and any that
    an unanswered batch already carries."""
    return sendable_in(ledger.conn, limit)


def reader(ledger: Ledger) -> sqlite3.Connection:
    """A read-only connection to the ledger's file, for a thread that reads beside the
    ledger's own connection (which stays on the thread that opened it)."""
    return db.connect(ledger.path, read_only=True)


def sendable_in(conn: sqlite3.Connection, limit: int) -> list[sqlite3.Row]:
    """`sendable`, on a given connection (each read sees the last committed batch)."""
    return conn.execute(
        "SELECT o.* FROM outbox o WHERE o.acked_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM sync_rejects r WHERE r.outbox_id = o.id)"
        # NOT IN an uncorrelated list: the unanswered batches' ids are read once, not per row
        " AND o.id NOT IN (SELECT e.value FROM sync_batches b, json_each(b.entry_ids) e"
        "  WHERE b.answered_at IS NULL)"
        " ORDER BY o.id LIMIT ?",
        (limit,),
    ).fetchall()


def queue_length(ledger: Ledger) -> int:
    """Entries still to reach the registry (rejected ones are counted apart)."""
    count: int = ledger.conn.execute(
        "SELECT count(*) FROM outbox o WHERE o.acked_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM sync_rejects r WHERE r.outbox_id = o.id)"
    ).fetchone()[0]
    return count


def record_batch(
    ledger: Ledger, batch_id: str, entry_ids: Iterable[int], body: bytes, *, sent: bool = False
) -> Batch:
    """Write the batch, its entry ids and its exact body in one transaction, before sending.
    `sent`: it goes out as soon as this commits, so it is marked sent now (saving the
    separate commit of `mark_sent`; a crash in between leaves it unanswered all the same)."""
    ids = list(entry_ids)
    with ledger.transaction():
        at = ledger.change_time()
        ledger.conn.execute(
            "INSERT INTO sync_batches (batch_id, entry_ids, body, created_at, sent_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (batch_id, json.dumps(ids), body, at, at if sent else None),
        )
    return Batch(batch_id, tuple(ids), body, at if sent else None)


def mark_sent(ledger: Ledger, batch_id: str) -> None:
    with ledger.transaction():
        ledger.conn.execute(
            "UPDATE sync_batches SET sent_at = COALESCE(sent_at, ?) WHERE batch_id = ?",
            (ledger.change_time(), batch_id),
        )


def finish_batch(ledger: Ledger, batch_id: str, rejects: Iterable[tuple[int, str, str]]) -> None:
    """File the rejected records and mark the batch answered, in one transaction.

    Called after the accepted and duplicate entries are acked; if the job dies in between, the
    batch is still unanswered, is resent, and the registry's replayed answer is applied again
    (acks and rejects are both idempotent).
    """
    with ledger.transaction():
        file_rejects(ledger, rejects)
        ledger.conn.execute(
            "UPDATE sync_batches SET answered_at = ? WHERE batch_id = ?",
            (ledger.change_time(), batch_id),
        )


def file_rejects(ledger: Ledger, rejects: Iterable[tuple[int, str, str]]) -> None:
    """File (outbox_id, order_id, reason) as rejected: listed for the admin, not sent again
    until cleared."""
    with ledger.transaction():
        for outbox_id, order_id, reason in rejects:
            ledger.conn.execute(
                "INSERT OR IGNORE INTO sync_rejects (outbox_id, order_id, reason, at)"
                " VALUES (?, ?, ?, ?)",
                (outbox_id, order_id, reason, ledger.change_time()),
            )


def prune_batches(ledger: Ledger, before: str) -> int:
    """Empty the bodies of batches answered before `before` (a stamp): an answered body is
    never sent again and the outbox keeps every payload, but 500 records are ~0.6 MB and a
    busy kiosk makes one a day. The rows stay: id, entry ids and times are the history."""
    with ledger.transaction():
        return ledger.conn.execute(
            "UPDATE sync_batches SET body = x'' WHERE answered_at IS NOT NULL"
            " AND answered_at < ? AND length(body) > 0",
            (before,),
        ).rowcount


# -- rejects --------------------------------------------------------------------------------


def rejects(ledger: Ledger) -> list[Reject]:
    rows = ledger.conn.execute("SELECT * FROM sync_rejects ORDER BY outbox_id").fetchall()
    return [Reject(r["outbox_id"], r["order_id"], r["reason"], r["at"]) for r in rows]


def clear_rejects(ledger: Ledger) -> int:
    """Give every filed reject another try on the next run (after the cause is fixed)."""
    with ledger.transaction():
        return ledger.conn.execute(
            "DELETE FROM sync_rejects WHERE outbox_id IN"
            " (SELECT id FROM outbox WHERE acked_at IS NULL)"
        ).rowcount


# -- pulled data ----------------------------------------------------------------------------


def pulled_version(ledger: Ledger, kind: str) -> str | None:
    row = ledger.conn.execute("SELECT version FROM pulled WHERE kind = ?", (kind,)).fetchone()
    return row[0] if row else None


def pulled_data(ledger: Ledger, kind: str) -> Any:
    row = ledger.conn.execute("SELECT data FROM pulled WHERE kind = ?", (kind,)).fetchone()
    return json.loads(row[0]) if row else None


def pulled_at(ledger: Ledger, kind: str) -> str | None:
    """When that kind was last fetched (a stored stamp), or None if never."""
    row = ledger.conn.execute("SELECT fetched_at FROM pulled WHERE kind = ?", (kind,)).fetchone()
    return row[0] if row else None


def store_pulled(ledger: Ledger, kind: str, version: str, data: Any) -> None:
    with ledger.transaction():
        ledger.conn.execute(
            "INSERT INTO pulled (kind, version, data, fetched_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind) DO UPDATE SET version = excluded.version,"
            " data = excluded.data, fetched_at = excluded.fetched_at",
            (
                kind,
                version,
                json.dumps(data, ensure_ascii=False, sort_keys=True),
                ledger.change_time(),
            ),
        )


# -- runs -----------------------------------------------------------------------------------


def start_run(ledger: Ledger) -> int:
    """A new run; any run still open was killed (the caller holds the sync lock)."""
    with ledger.transaction():
        ledger.conn.execute(
            "UPDATE sync_runs SET outcome = 'interrupted', error = COALESCE(error,"
            " 'the sync job stopped before finishing (killed or crashed)')"
            " WHERE ended_at IS NULL"
        )
        run_id: int = ledger.conn.execute(
            "INSERT INTO sync_runs (started_at, outcome) VALUES (?, 'running') RETURNING id",
            (ledger.change_time(),),
        ).fetchone()[0]
        return run_id


def update_run(ledger: Ledger, run_id: int, *, pushed: int, pulled: int) -> None:
    """Progress so far, so a killed run still shows what it did."""
    with ledger.transaction():
        ledger.conn.execute(
            "UPDATE sync_runs SET pushed = ?, pulled = ? WHERE id = ?", (pushed, pulled, run_id)
        )


def end_run(
    ledger: Ledger, run_id: int, *, pushed: int, pulled: int, outcome: str, error: str | None
) -> None:
    with ledger.transaction():
        ledger.conn.execute(
            "UPDATE sync_runs SET ended_at = ?, pushed = ?, pulled = ?, outcome = ?, error = ?"
            " WHERE id = ?",
            (ledger.change_time(), pushed, pulled, outcome, error, run_id),
        )


def _run(row: sqlite3.Row | None) -> Run | None:
    if row is None:
        return None
    return Run(row["id"], row["started_at"], row["ended_at"], row["pushed"], row["pulled"],
               row["outcome"], row["error"])  # fmt: skip


def last_run(ledger: Ledger) -> Run | None:
    return _run(ledger.conn.execute("SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1").fetchone())


def last_error(ledger: Ledger) -> Run | None:
    return _run(
        ledger.conn.execute(
            "SELECT * FROM sync_runs WHERE error IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    )


def runs(ledger: Ledger, limit: int = 20) -> list[Run]:
    rows = ledger.conn.execute("SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?", (limit,))
    return [run for row in rows if (run := _run(row)) is not None]

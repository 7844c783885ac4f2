"""The append-only audit log: every state change, each row chained to the previous by SHA-256.

A row holds the entity's whole content after the change, so `ledger verify` can tell both a
broken chain (a row edited or removed) and an entity edited behind the app's back (its current
row no longer matches its last audited state).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Deterministic JSON: the same content always hashes the same."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(
    *,
    id: int,
    at: str,
    entity: str,
    entity_id: str,
    action: str,
    actor: str,
    state: str,
    prev_hash: str,
) -> str:
    body = canonical([id, at, entity, entity_id, action, actor, state, prev_hash])
    return hashlib.sha256(body.encode()).hexdigest()


def append(
    conn: sqlite3.Connection,
    *,
    at: str,
    entity: str,
    entity_id: str,
    action: str,
    actor: str,
    state: Mapping[str, Any],
    last: tuple[int, str] | None = None,
) -> tuple[int, str]:
    """Add one row inside the write transaction that made the change; returns its (id, hash).

    `last` is the previous row's (id, hash) when the caller already knows it (a second row in
    the same transaction, under the same write lock); otherwise it is read from the log.
    """
    if last is None:
        last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    new_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    fields = dict(at=at, entity=entity, entity_id=entity_id, action=action, actor=actor)
    text = canonical(dict(state))
    digest = row_hash(id=new_id, state=text, prev_hash=prev, **fields)
    conn.execute(
        "INSERT INTO audit (id, at, entity, entity_id, action, actor, state, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new_id, at, entity, entity_id, action, actor, text, prev, digest),
    )
    return new_id, digest


@dataclass(frozen=True, slots=True)
class ChainBreak:
    audit_id: int
    reason: str


def check_chain(conn: sqlite3.Connection) -> Iterator[ChainBreak]:
    """Walk the whole log once; yield every place where it does not hold together."""
    expected_prev, expected_id = GENESIS, 1
    for row in conn.execute("SELECT * FROM audit ORDER BY id"):
        if row["id"] != expected_id:
            yield ChainBreak(row["id"], f"rows {expected_id}..{row['id'] - 1} are missing")
        if row["prev_hash"] != expected_prev:
            yield ChainBreak(row["id"], "does not follow the previous row (prev_hash differs)")
        digest = row_hash(
            id=row["id"],
            at=row["at"],
            entity=row["entity"],
            entity_id=row["entity_id"],
            action=row["action"],
            actor=row["actor"],
            state=row["state"],
            prev_hash=row["prev_hash"],
        )
        if digest != row["hash"]:
            yield ChainBreak(row["id"], "its content was changed after it was written")
        expected_prev, expected_id = row["hash"], row["id"] + 1


def last_states(conn: sqlite3.Connection, entity: str) -> dict[str, dict[str, Any]]:
    """The last audited content of every entity of one kind."""
    rows = conn.execute(
        "SELECT a.entity_id, a.state FROM audit a JOIN ("
        " SELECT entity_id, MAX(id) AS id FROM audit WHERE entity = ? GROUP BY entity_id"
        ") last ON a.id = last.id",
        (entity,),
    )
    return {row[0]: json.loads(row[1]) for row in rows}

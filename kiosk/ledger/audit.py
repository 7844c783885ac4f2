"""The append-only audit log: every state change, each row chained to the previous by SHA-256.

Every row's hash covers the entity's whole content after the change and the previous row's
hash (stored in `prev_hash` before migration 0020; since then "", being the row before's
`hash`: 64 bytes a row saved; the hash itself stored as its 32 bytes since 0021, `hex_hash`),
so `ledger verify` can tell both a broken chain (a row edited
or removed) and an entity edited behind the app's back (its current row no longer matches its
last audited state). What a row stores is either that
whole content (a JSON object: an entity's first row and every CHAIN + 1st, every row written
before migration 0018, and the kinds audited without `memo`) or only what changed since the
entity's previous row (a JSON array `[changed fields]` or `[changed fields, removed keys]`):
an order's five rows then hold it once, not five times. The whole content of a change row is
worked out by applying the changes in order, so the hash, and with it every edit, is checked
the same way. The kinds audited with `memo` (orders, allocations) leave NULL fields out of
their content: verify reads a missing column as its default, NULL; their whole rows are stored
compact (a BLOB, audit_codec.py), their hashes over the same canonical text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from kiosk.ledger import audit_codec

GENESIS = "0" * 64
CHAIN = 16  # at most this many change rows in a row for one entity, then its whole content again
COMPACT_FROM = 160  # a change row longer than this is stored compact (0.02 ms: not every one)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_string = json.encoder.encode_basestring  # a JSON string as the encoder above writes it


def hex_hash(stored: str | bytes | None) -> str | None:
    """A row's hash as the chain uses it (hex text), whatever its column stores: the 32 bytes
    themselves since migration 0021 (half the row's and its UNIQUE index's bytes), hex text
    before."""
    return stored.hex() if isinstance(stored, bytes) else stored


def canonical(value: Any) -> str:
    """Deterministic JSON: the same content always hashes the same."""
    return _CANONICAL.encode(value)


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
    """STATE is the canonical text of the whole content, whatever the row stores. The body is
    `canonical([id, at, entity, entity_id, action, actor, state, prev_hash])`, written out
    (the same text, without the encoder's per-call set-up: this runs for every audit row)."""
    texts = ",".join(map(_string, (at, entity, entity_id, action, actor, state, prev_hash)))
    body = f"[{int(id)},{texts}]"
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(slots=True)
class Known:
    """An entity's last audited content, as its writer remembers it."""

    state: dict[str, Any]
    changes: int  # change rows since the last whole one


Memo = MutableMapping[tuple[str, str], Known]
NEW = Known({}, CHAIN)  # in a memo: an entity with no rows yet (its first row is whole)


def apply(state: Mapping[str, Any], stored: Any) -> dict[str, Any]:
    """The whole content after a change row (`stored`, parsed) applied to the one before."""
    changed, removed = (stored[0], stored[1]) if len(stored) > 1 else (stored[0], ())
    result = {k: v for k, v in state.items() if k not in removed}
    result.update(changed)
    return result


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Any]:
    changed = {k: v for k, v in after.items() if k not in before or before[k] != v}
    removed = sorted(k for k in before if k not in after)
    return [changed, removed] if removed else [changed]


def _last_known(conn: sqlite3.Connection, entity: str, entity_id: str) -> Known | None:
    """Read back an entity's last audited content: its rows from the newest to the last whole
    one (at most CHAIN + 1 when this code wrote them), applied in order."""
    rows = []
    for (stored,) in conn.execute(
        "SELECT state FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC",
        (entity, entity_id),
    ):
        rows.append(json.loads(audit_codec.decode(stored)))
        if isinstance(rows[-1], dict):
            break
    if not rows or not isinstance(rows[-1], dict):
        return None  # no row, or change rows with nothing under them: start again whole
    state: dict[str, Any] = rows[-1]
    for stored in reversed(rows[:-1]):
        state = apply(state, stored)
    return Known(state, len(rows) - 1)


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
    memo: Memo | None = None,
) -> tuple[int, str]:
    """Add one row inside the write transaction that made the change; returns its (id, hash).

    `last` is the previous row's (id, hash) when the caller already knows it (a second row in
    the same transaction, under the same write lock); otherwise it is read from the log.
    With `memo` (what the caller last audited of each entity; it must drop it whenever
    another writer may have written since, or a change rolled back), the row stores only what
    changed since the entity's last audited content, and a NULL field is left out of the
    content (a column missing from a state reads as its default, NULL for every nullable
    column: verify); without, the whole content as given.
    """
    if last is None:
        last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    new_id, prev = (last[0] + 1, hex_hash(last[1]) or GENESIS) if last else (1, GENESIS)
    fields = dict(at=at, entity=entity, entity_id=entity_id, action=action, actor=actor)
    whole = {k: v for k, v in state.items() if v is not None} if memo is not None else state
    text = canonical(dict(whole))
    digest = row_hash(id=new_id, state=text, prev_hash=prev, **fields)
    stored: str | bytes = text
    changes = 0
    if memo is not None:
        known = memo.pop((entity, entity_id), None) or _last_known(conn, entity, entity_id)
        if known is not None and known.changes < CHAIN:
            stored, changes = canonical(_diff(known.state, whole)), known.changes + 1
            if len(stored) > COMPACT_FROM:  # a payment's: its ranges, 300 bytes to 160
                stored = audit_codec.encode(stored)
        else:
            stored = audit_codec.encode(text)  # a whole row: compact (audit_codec.py)
    conn.execute(
        "INSERT INTO audit (id, at, entity, entity_id, action, actor, state, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        # prev: derived; the hash as its 32 bytes
        (new_id, at, entity, entity_id, action, actor, stored, "", bytes.fromhex(digest)),
    )
    if memo is not None:  # only once the row is in
        memo[(entity, entity_id)] = Known(dict(whole), changes)
    return new_id, digest


@dataclass(frozen=True, slots=True)
class ChainBreak:
    audit_id: int
    reason: str


def check_chain(conn: sqlite3.Connection) -> Iterator[ChainBreak]:
    """Walk the whole log once in order (ids and links), then entity by entity (each row's
    hash over the whole content its change rows add up to); yield every place where it does
    not hold together."""
    expected_prev, expected_id = GENESIS, 1
    for id_, prev_hash, hash_ in conn.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id"):
        if id_ != expected_id:
            yield ChainBreak(id_, f"rows {expected_id}..{id_ - 1} are missing")
        if prev_hash and prev_hash != expected_prev:  # "": the previous row's, see _walk
            yield ChainBreak(id_, "does not follow the previous row (prev_hash differs)")
        expected_prev, expected_id = hex_hash(hash_) or "", id_ + 1
    breaks = [b for b, _ in _walk(conn, None) if b is not None]
    yield from sorted(breaks, key=lambda b: b.audit_id)


def _walk(
    conn: sqlite3.Connection, entity: str | None
) -> Iterator[tuple[ChainBreak | None, tuple[str, str, dict[str, Any] | None]]]:
    """Every row (of one kind, or all), entity by entity in order, with the whole content it
    audits (None where it cannot be worked out) and whether its hash holds."""
    sql = (  # each row with the hash of the row before it (a rowid look-up)
        "SELECT a.*, (SELECT b.hash FROM audit b WHERE b.id = a.id - 1) AS before FROM audit a"
        + (" WHERE a.entity = ?" if entity else "")
    )
    rows = conn.execute(sql + " ORDER BY a.entity, a.entity_id, a.id", (entity,) if entity else ())
    current: tuple[str, str] | None = None
    state: dict[str, Any] | None = None
    for row in rows:
        key = (row["entity"], row["entity_id"])
        if key != current:
            current, state = key, None
        problem = None
        try:
            raw = audit_codec.decode(row["state"])
            stored = json.loads(raw)
        except ValueError:
            raw, stored = "", None
        if isinstance(stored, dict):
            state, text = stored, raw
        elif isinstance(stored, list) and 1 <= len(stored) <= 2 and state is not None:
            try:
                state = apply(state, stored)
                text = canonical(state)
            except (TypeError, ValueError, AttributeError, IndexError):
                state, text = None, ""
        else:
            state, text = None, ""
        prev = row["prev_hash"] or (hex_hash(row["before"]) if row["id"] > 1 else GENESIS)
        if state is None:
            problem = ChainBreak(row["id"], "its content was changed after it was written")
        elif prev is None:  # the row before it is gone (check_chain names the gap)
            problem = ChainBreak(row["id"], "does not follow the previous row (it is missing)")
        else:
            digest = row_hash(
                id=row["id"],
                at=row["at"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                action=row["action"],
                actor=row["actor"],
                state=text,
                prev_hash=prev,
            )
            written = hex_hash(row["hash"])
            if digest != written and row["prev_hash"]:
                problem = ChainBreak(row["id"], "its content was changed after it was written")
            elif digest != written:  # over the row before's hash: either may be the edit
                problem = ChainBreak(
                    row["id"],
                    "its content was changed after it was written, or it does not follow the "
                    "previous row (that row's hash changed)",
                )
        yield problem, (key[0], key[1], state)


def last_states(conn: sqlite3.Connection, entity: str) -> dict[str, dict[str, Any]]:
    """The last audited content of every entity of one kind (change rows applied)."""
    result: dict[str, dict[str, Any]] = {}
    for _, (_, entity_id, state) in _walk(conn, entity):
        if state is None:
            result.pop(entity_id, None)
        else:
            result[entity_id] = state
    return result

"""Reading the ledger files a restore plan sets side by side (restore_compare.py): counts,
high-water marks, the payments a backup lacks, when a backup was taken and the other copies of
the ledger. A damaged file gives what it still can: a read that fails gives the default.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from kiosk.ledger import audit_codec, backup
from kiosk.ledger.restore_plan import KEPT, LostOrder, Numbers
from kiosk.order_state import EVENTS, OrderState
from kiosk.timestamps import parse_file_stamp, stamp

MARKS = {  # what each table says about the highest serial and order seq issued
    "counters": "SELECT max(CASE WHEN name = 'serial' THEN value END),"
    " max(CASE WHEN name = 'order_seq' THEN value END) FROM counters",
    "orders": "SELECT max(serial), max(seq) FROM orders",
    # its payloads stored compact since 0021: read through ledger_text (audit_codec.readable)
    "outbox": "SELECT max(json_extract(ledger_text(payload), '$.serial')),"
    " max(json_extract(ledger_text(payload), '$.seq')) FROM outbox",
    "sync batches": "SELECT max(json_extract(r.value, '$.payload.serial')),"
    " max(json_extract(r.value, '$.payload.seq')) FROM sync_batches b,"
    " json_each(CAST(b.body AS TEXT), '$.records') r WHERE length(b.body) > 0",
}


def read_value(conn: sqlite3.Connection, sql: str, default: object = None) -> object:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.Error:
        return default
    return default if row is None or row[0] is None else row[0]


def read_column(conn: sqlite3.Connection, sql: str) -> set[str]:
    try:
        return {row[0] for row in conn.execute(sql)}
    except sqlite3.Error:
        return set()


def read_marks(
    conn: sqlite3.Connection, tables: tuple[str, ...] = tuple(MARKS)
) -> tuple[int, int, list[str]]:
    """The highest serial and seq the tables hold, and which of them could be read."""
    serial = seq = 0
    read: list[str] = []
    audit_codec.readable(conn)
    for name in tables:
        try:
            row = conn.execute(MARKS[name]).fetchone()
        except sqlite3.Error:  # a damaged page, or a table an older ledger lacks
            continue
        read.append(name)
        serial, seq = max(serial, int(row[0] or 0)), max(seq, int(row[1] or 0))
    return serial, seq, read


def read_numbers(conn: sqlite3.Connection) -> Numbers:
    serial, seq, _ = read_marks(conn, ("counters", "orders"))
    return Numbers(
        kiosk_id=str(read_value(conn, "SELECT value FROM meta WHERE key = 'kiosk_id'", "")),
        orders=conn.execute("SELECT count(*) FROM orders").fetchone()[0],
        paid=conn.execute("SELECT count(*) FROM orders WHERE serial IS NOT NULL").fetchone()[0],
        serial=serial,
        seq=seq,
        last_change=str(read_value(conn, "SELECT at FROM audit ORDER BY id DESC LIMIT 1", "")),
    )


def read_lost(conn: sqlite3.Connection, statuses: dict[str, str]) -> list[LostOrder]:
    """Payments and refunds in the current ledger that the backup (id -> status) lacks."""
    rows = conn.execute(
        "SELECT o.id, o.code, o.serial, o.status, o.amount_fen, o.paid_at, o.voided_at,"
        " (SELECT x.acked_at FROM outbox x WHERE x.order_id = o.id AND x.event = ?),"
        " (SELECT x.acked_at FROM outbox x WHERE x.order_id = o.id AND x.event = ?)"
        " FROM orders o WHERE o.serial IS NOT NULL ORDER BY o.serial",
        (OrderState.PAID, OrderState.VOIDED),
    )
    lost = []
    for oid, code, serial, status, fen, paid_at, voided_at, paid_ack, void_ack in rows:
        before = statuses.get(oid)
        if before not in EVENTS:
            lost.append(LostOrder(code, serial, fen, paid_at, "payment", paid_ack is not None))
        elif status == OrderState.VOIDED and before == OrderState.PAID:
            lost.append(LostOrder(code, serial, fen, voided_at, "refund", void_ack is not None))
    return lost


def taken_at(path: Path) -> str:
    name = path.name
    try:
        if not (name.startswith(backup.PREFIX) and name.endswith(backup.SUFFIX)):
            raise ValueError(name)
        moment = parse_file_stamp(name[len(backup.PREFIX) : -len(backup.SUFFIX)])
    except ValueError:
        moment = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return stamp(moment)


def other_copies(backup_path: Path, ledger: Path) -> list[Path]:
    """Other copies of this kiosk's ledger that may know higher numbers."""
    found = [*backup_path.parent.glob(f"{backup.PREFIX}*{backup.SUFFIX}")]
    found += ledger.parent.glob(f"{ledger.stem}{KEPT}*{backup.SUFFIX}")
    found += (ledger.parent / "backups").glob(f"{backup.PREFIX}*{backup.SUFFIX}")
    unique = {p.resolve() for p in found} - {backup_path.resolve(), ledger.resolve()}
    return sorted(unique)[-60:]

"""A restore never makes a day close reuse a revision: closes carried across it.

An older backup lacks the day closes made after it, yet their signed summaries are queued or
already at the registry, which keeps one summary per (kiosk, day, revision) and rejects other
content under a revision it holds. The next close of such a day would take one of those
revisions again. So the plan reads the closes of every copy it can (the current ledger, as far
as a damaged file still gives them, other backups, kept files); the restore appends the closes
the backup lacks, in order, and queues again those no copy shows acknowledged (the registry
takes the same bytes twice as a duplicate). When the current ledger cannot be read, closes it
made may be unknown: the restore records a revision floor, MARGIN above the highest revision
known, and every day up to the restore's closes above it (kiosk.ledger.day_closes.floor); a
skipped revision is harmless, one used twice is not.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kiosk.day_summary import DAY_CLOSED, DaySummary
from kiosk.ledger import audit

MARGIN = 100  # revisions skipped when the current ledger's closes are unknown
FLOOR = "day_close_floor"  # the settings key: {"revision": n, "through": "YYYY-MM-DD"}
COLUMNS = ("day", "revision", "key", "payload", "closed_at", "closed_by")


@dataclass
class CloseMarks:
    closes: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> row
    acked: set[str] = field(default_factory=set)  # keys some copy shows the registry has
    highest: int = 0  # the highest revision any copy shows, closes or queued summaries
    floor: dict[str, Any] = field(default_factory=dict)  # the highest floor a copy records

    def read(self, conn: sqlite3.Connection) -> None:
        """Add what one ledger copy gives; an older copy, or a damaged page, adds nothing."""
        try:
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM day_closes").fetchall()
        except sqlite3.Error:
            rows = []
        for row in rows:
            close = dict(zip(COLUMNS, row, strict=True))
            self.highest = max(self.highest, int(close["revision"] or 0))
            if _sound(close):
                self.closes.setdefault(close["key"], close)
        try:
            queued = conn.execute(
                "SELECT order_id, acked_at IS NOT NULL, json_extract(payload, '$.revision')"
                " FROM outbox WHERE event = ?",
                (DAY_CLOSED,),
            ).fetchall()
        except sqlite3.Error:
            queued = []
        for key, acked, revision in queued:
            if acked:
                self.acked.add(key)
            self.highest = max(self.highest, int(revision or 0))
        self.floor = _higher(self.floor, read_floor(conn))


def _sound(row: dict[str, Any]) -> bool:
    """A close worth carrying: its payload a summary of that day, revision and key (a damaged
    file may give anything)."""
    try:
        summary = DaySummary.model_validate_json(row["payload"])
    except (ValueError, TypeError):
        return False
    return (summary.day, summary.revision, summary.key) == (row["day"], row["revision"], row["key"])


def read_floor(conn: sqlite3.Connection) -> dict[str, Any]:
    """The revision floor a ledger records ({} for none, or when it cannot be read)."""
    try:
        found = conn.execute("SELECT value FROM settings WHERE key = ?", (FLOOR,)).fetchone()
        floor = json.loads(found[0]) if found else {}
    except (sqlite3.Error, ValueError):
        return {}
    return floor if isinstance(floor, dict) else {}


def _higher(one: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """A floor covering both: the higher revision, through the later day."""
    if not one or not other:
        return dict(one or other)
    return {
        "revision": max(one["revision"], other["revision"]),
        "through": max(one["through"], other["through"]),
    }


def carry_over(
    conn: sqlite3.Connection, marks: CloseMarks, *, unknown: bool, at: str, actor: str
) -> dict[str, Any]:
    """In the staged ledger's write transaction: append the closes it lacks (each audited,
    queued unless acknowledged), and with `unknown` record the revision floor up to the day
    of `at` (else keep the highest floor a copy records); returns what was done, for the
    restore event."""
    have = {r[0] for r in conn.execute("SELECT key FROM day_closes")}
    taken = {(r[0], r[1]) for r in conn.execute("SELECT day, revision FROM day_closes")}
    carried, queued = [], []
    for key, row in sorted(marks.closes.items(), key=lambda i: (i[1]["day"], i[1]["revision"])):
        if key in have or (row["day"], row["revision"]) in taken:
            continue  # a close of another content under this revision: the floor covers it
        conn.execute(
            f"INSERT INTO day_closes ({', '.join(COLUMNS)})"
            f" VALUES ({', '.join(':' + c for c in COLUMNS)})",
            row,
        )
        if key not in marks.acked:
            conn.execute(
                "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, ?, ?)",
                (key, DAY_CLOSED, row["payload"], at),
            )
            queued.append(key)
        audit.append(
            conn,
            at=at,
            entity="day",
            entity_id=row["day"],
            action="restore",
            actor=actor,
            state=json.loads(row["payload"]),
        )
        carried.append(key)
    done: dict[str, Any] = {"day_closes_carried": carried, "day_closes_queued": queued}
    # an earlier restore's floor (here or in another copy) still guards its unknown closes
    floor = _higher(marks.floor, read_floor(conn))
    if unknown:
        from kiosk.timestamps import china_date, parse_stamp

        here = conn.execute("SELECT COALESCE(MAX(revision), 0) FROM day_closes").fetchone()[0]
        floor = {
            "revision": max(marks.highest, int(here), floor.get("revision", 0)) + MARGIN,
            "through": china_date(parse_stamp(at)).isoformat(),
        }
    if floor:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (FLOOR, json.dumps(floor)),
        )
        done["day_close_floor"] = floor
    return done

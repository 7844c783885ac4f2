"""`ledger verify`: is the file sound, the audit chain whole, every row as last audited, and do
the allocation sums, serials and outbox agree with the orders?"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kiosk.ledger import audit

# entity kind in the audit log -> (table, key column)
AUDITED = {
    "order": ("orders", "id"),
    "allocation": ("allocations", "project_id"),
    "project": ("projects", "id"),
    "meta": ("meta", "key"),
    "kiosk_key": ("kiosk_keys", "kiosk_id"),
    "account": ("accounts", "name"),
}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _defaults(conn: sqlite3.Connection, table: str) -> dict[str, Any]:
    """Column defaults, so a column added by a later migration matches older audit states."""
    result = {}
    for row in conn.execute(f"PRAGMA table_info({table})"):
        default = row["dflt_value"]
        result[row["name"]] = None if default is None else json.loads(default.replace("'", '"'))
    return result


def _rows_match_audit(conn: sqlite3.Connection, report: Report) -> None:
    for entity, (table, key) in AUDITED.items():
        states = audit.last_states(conn, entity)
        defaults = _defaults(conn, table)
        current = {row[key]: dict(row) for row in conn.execute(f"SELECT * FROM {table}")}
        for entity_id, row in current.items():
            state = states.get(entity_id)
            if state is None:
                report.problems.append(f"{entity} {entity_id}: no audit record (added by hand?)")
                continue
            expected = {column: state.get(column, defaults.get(column)) for column in row}
            changed = sorted(c for c in row if row[c] != expected[c])
            if changed:
                detail = ", ".join(f"{c} audited {expected[c]!r} now {row[c]!r}" for c in changed)
                report.problems.append(f"{entity} {entity_id}: edited outside the app: {detail}")
        for entity_id in states.keys() - current.keys():
            report.problems.append(f"{entity} {entity_id}: deleted outside the app")
        report.counts[table] = len(current)


def _sums(conn: sqlite3.Connection, report: Report) -> None:
    rows = conn.execute(
        "SELECT a.project_id, a.granted_g, a.reserved_g, a.sold_g,"
        " COALESCE(SUM(CASE WHEN o.status = 'awaiting_payment' THEN o.offset_g END), 0) AS held,"
        " COALESCE(SUM(CASE WHEN o.status = 'paid' THEN o.offset_g END), 0) AS sold"
        " FROM allocations a LEFT JOIN orders o ON o.project_id = a.project_id"
        " GROUP BY a.project_id"
    )
    for row in rows:
        name = f"allocation {row['project_id']}"
        if row["reserved_g"] != row["held"]:
            report.problems.append(
                f"{name}: {row['reserved_g']} g reserved but unpaid orders hold {row['held']} g"
            )
        if row["sold_g"] != row["sold"]:
            report.problems.append(
                f"{name}: {row['sold_g']} g sold but paid orders total {row['sold']} g"
            )
        if row["reserved_g"] + row["sold_g"] > row["granted_g"]:
            report.problems.append(f"{name}: more committed than the {row['granted_g']} g granted")


def _serials_and_outbox(conn: sqlite3.Connection, report: Report) -> None:
    serials = [
        r[0]
        for r in conn.execute("SELECT serial FROM orders WHERE serial IS NOT NULL ORDER BY serial")
    ]
    if serials != list(range(1, len(serials) + 1)):
        missing = sorted(set(range(1, (serials[-1] if serials else 0) + 1)) - set(serials))
        report.problems.append(f"certificate serials have gaps: missing {missing[:10]}")
    row = conn.execute("SELECT value FROM counters WHERE name = 'serial'").fetchone()
    counter = row[0] if row else 0
    if counter != len(serials):
        report.problems.append(f"serial counter is {counter} but {len(serials)} serials exist")
    report.counts["serials"] = len(serials)
    row = conn.execute("SELECT value FROM counters WHERE name = 'order_seq'").fetchone()
    issued = row[0] if row else 0
    count, top = conn.execute("SELECT count(*), COALESCE(MAX(seq), 0) FROM orders").fetchone()
    if not count == top == issued:  # orders are never deleted: seq 1..issued must all exist
        report.problems.append(
            f"orders are missing: {issued} were numbered, {count} remain (highest seq {top})"
        )
    missing_outbox = conn.execute(
        "SELECT o.code, e.event FROM orders o"
        " JOIN (SELECT 'paid' AS event UNION ALL SELECT 'voided') e"
        " ON (e.event = 'paid' AND o.status IN ('paid', 'voided'))"
        " OR (e.event = 'voided' AND o.status = 'voided')"
        " LEFT JOIN outbox x ON x.order_id = o.id AND x.event = e.event WHERE x.id IS NULL"
    ).fetchall()
    for code, event in missing_outbox:
        report.problems.append(f"order {code}: no outbox entry for its {event} event")
    report.counts["outbox_pending"] = conn.execute(
        "SELECT count(*) FROM outbox WHERE acked_at IS NULL"
    ).fetchone()[0]


def verify(conn: sqlite3.Connection) -> Report:
    report = Report()
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result = [f"the file cannot be read: {exc}"]
    if result != ["ok"]:
        report.problems += [f"SQLite integrity check: {line}" for line in result[:20]]
        return report  # nothing else can be trusted
    report.problems += [f"audit row {b.audit_id}: {b.reason}" for b in audit.check_chain(conn)]
    report.counts["audit"] = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    _rows_match_audit(conn, report)
    _sums(conn, report)
    _serials_and_outbox(conn, report)
    return report

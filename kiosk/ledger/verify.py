"""`ledger verify`: is the file sound, the audit chain whole, every row as last audited, and do
the allocation sums, credit ranges (verify_credit), serials and outbox (its entries and what
their payloads say) agree with the orders?"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kiosk.ledger import audit, audit_codec
from kiosk.ledger.verify_credit import check_ranges
from kiosk.order_state import OrderState

# entity kind in the audit log -> (table, key column)
AUDITED = {
    "order": ("orders", "id"),
    "allocation": ("allocations", "project_id"),
    "project": ("projects", "id"),
    "meta": ("meta", "key"),
    "kiosk_key": ("kiosk_keys", "kiosk_id"),
    "account": ("accounts", "name"),
    "price": ("price_overrides", "project_id"),
    "factor": ("factor_overrides", "factor_id"),
    "grant": ("credit_grants", "grant_ref"),
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
        "SELECT a.project_id, a.granted_g, a.reserved_g, a.sold_g, a.refunded_g,"
        " COALESCE(SUM(CASE WHEN o.status = ? THEN o.offset_g END), 0) AS held,"
        " COALESCE(SUM(CASE WHEN o.status = ? THEN o.offset_g END), 0) AS sold"
        " FROM allocations a LEFT JOIN orders o ON o.project_id = a.project_id"
        " GROUP BY a.project_id",
        (OrderState.AWAITING, OrderState.PAID),
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
        if row["reserved_g"] + row["sold_g"] + row["refunded_g"] > row["granted_g"]:
            report.problems.append(f"{name}: more committed than the {row['granted_g']} g granted")


def declared_skips(conn: sqlite3.Connection) -> tuple[dict[str, list[tuple[int, int]]], list[str]]:
    """The numbers a restore declared skipped (audited `restore` events, kiosk/ledger/restore.py):
    {"serial": [(first, last), ...], "seq": [...]}, and the problems of unreadable events."""
    skips: dict[str, list[tuple[int, int]]] = {"serial": [], "seq": []}
    problems = []
    rows = conn.execute(
        "SELECT id, state FROM audit WHERE entity = 'restore' AND action = 'restore' ORDER BY id"
    )
    for audit_id, text in rows:
        try:
            state = json.loads(text)
            for kind in skips:
                span = state.get(f"skipped_{kind}s") or []
                if span:
                    first, last = (int(n) for n in span)
                    if not 0 < first <= last:
                        raise ValueError(span)
                    skips[kind].append((first, last))
        except (ValueError, TypeError, AttributeError):
            problems.append(f"audit row {audit_id}: a restore event with unreadable skipped ranges")
    return skips, problems


def _uncovered(numbers: list[int], skips: list[tuple[int, int]], top: int) -> list[int]:
    """The first 10 of 1..top that are neither in `numbers` (sorted) nor declared skipped."""
    found: list[int] = []
    expected = 1
    for low, high in [*sorted([(n, n) for n in numbers] + skips), (top + 1, top + 1)]:
        if low > expected:
            found += range(expected, min(low - 1, top, expected + 9) + 1)
        expected = max(expected, high + 1)
        if expected > top or len(found) >= 10:
            break
    return found[:10]


def _numbering(
    report: Report, numbers: list[int], counter: int, skips: list[tuple[int, int]], what: str
) -> tuple[list[int], int]:
    """One per-kiosk numbering (serials or order seqs): 1..counter must all exist except the
    ranges a restore declared skipped. Reports a number inside a skipped range or above the
    counter (the counter would issue it again); returns the missing numbers (the first 10) and
    the highest number issued or skipped, which the counter should equal."""
    top = numbers[-1] if numbers else 0
    end = max([top] + [last for _, last in skips])
    for first, last in skips:
        inside = [n for n in numbers if first <= n <= last][:10]
        if inside:
            report.problems.append(
                f"{what} {inside} lie in the range {first}..{last} a restore declared skipped"
            )
    if counter < end:
        report.problems.append(
            f"{what} counter is {counter} but {what} {end} was issued or skipped:"
            " it would be issued again"
        )
    return _uncovered(numbers, skips, end), end


def _serials_and_outbox(conn: sqlite3.Connection, report: Report) -> None:
    skips, problems = declared_skips(conn)
    report.problems += problems
    serials = [
        r[0]
        for r in conn.execute("SELECT serial FROM orders WHERE serial IS NOT NULL ORDER BY serial")
    ]
    row = conn.execute("SELECT value FROM counters WHERE name = 'serial'").fetchone()
    counter = row[0] if row else 0
    missing, end = _numbering(report, serials, counter, skips["serial"], "serial")
    if missing:
        report.problems.append(f"certificate serials have gaps: missing {missing}")
    if counter > end:
        report.problems.append(f"serial counter is {counter} but {len(serials)} serials exist")
    report.counts["serials"] = len(serials)
    row = conn.execute("SELECT value FROM counters WHERE name = 'order_seq'").fetchone()
    issued = row[0] if row else 0
    seqs = [r[0] for r in conn.execute("SELECT seq FROM orders ORDER BY seq")]
    missing, end = _numbering(report, seqs, issued, skips["seq"], "order seq")
    if missing or issued > end:  # orders are never deleted: every seq issued must exist
        report.problems.append(
            f"orders are missing: {issued} were numbered, {len(seqs)} remain"
            f" (highest seq {seqs[-1] if seqs else 0})"
        )
    restores = conn.execute(
        "SELECT count(*) FROM audit WHERE entity = 'restore' AND action = 'restore'"
    ).fetchone()[0]
    if restores:
        report.counts["restores"] = restores
    missing_outbox = conn.execute(
        "SELECT o.code, e.event FROM orders o"
        " JOIN (SELECT :paid AS event UNION ALL SELECT :voided) e"
        " ON (e.event = :paid AND o.status IN (:paid, :voided))"
        " OR (e.event = :voided AND o.status = :voided)"
        " LEFT JOIN outbox x ON x.order_id = o.id AND x.event = e.event WHERE x.id IS NULL",
        {"paid": OrderState.PAID, "voided": OrderState.VOIDED},
    ).fetchall()
    for code, event in missing_outbox:
        report.problems.append(f"order {code}: no outbox entry for its {event} event")
    report.counts["outbox_pending"] = conn.execute(
        "SELECT count(*) FROM outbox WHERE acked_at IS NULL"
    ).fetchone()[0]


_SLIP = {"slip_status", "slip_error", "slip_printed_at", "updated_at"}
# what an order may still change after an outbox event took its payload: its slip, a refund
LATER = {
    OrderState.PAID: _SLIP | {"status", "voided_at", "voided_by", "void_reason"},
    OrderState.VOIDED: _SLIP,
}


def _outbox_payloads(conn: sqlite3.Connection, report: Report) -> None:
    """Each order event's payload (what the push sends, stored compact since 0021) reads back
    and agrees with its order in every field the order cannot change after that event: a
    payload damaged or edited by hand (its trigger dropped) would push other facts."""
    rows = conn.execute(
        "SELECT x.id AS entry_id, x.event AS entry_event, x.payload AS entry_payload, o.*"
        " FROM outbox x JOIN orders o ON o.id = x.order_id WHERE x.event IN (?, ?)",
        tuple(LATER),
    )
    columns: set[str] = set()
    for row in rows:
        columns = columns or set(row.keys())
        event = row["entry_event"]
        name = f"outbox entry {row['entry_id']} ({event}, order {row['code']})"
        try:
            pushed = json.loads(audit_codec.decode(row["entry_payload"]))
            if not isinstance(pushed, dict) or pushed.get("status") != event:
                raise ValueError(f"it is not the order {event}")
        except ValueError as exc:
            report.problems.append(f"{name}: its payload cannot be read ({exc})")
            continue
        later = LATER[OrderState(event)]
        changed = sorted(
            c for c in pushed if c in columns and c not in later and pushed[c] != row[c]
        )
        if changed:
            detail = ", ".join(f"{c} pushed {pushed[c]!r} order {row[c]!r}" for c in changed)
            report.problems.append(f"{name}: payload edited outside the app: {detail}")


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
    problems, counts = check_ranges(conn)
    report.problems += problems
    report.counts.update(counts)
    _serials_and_outbox(conn, report)
    _outbox_payloads(conn, report)
    return report

"""`ledger verify`, the credit part: every paid order's gram ranges lie in this kiosk's grants,
sum to its offset, follow one another, and no gram is on two orders; the draw cursor is past
every drawn gram, and the refunded grams add up."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from kiosk.credit import CreditRange, GrantRun, parse_ranges
from kiosk.errors import DataError
from kiosk.order_state import EVENTS, OrderState


def _runs(conn: sqlite3.Connection, problems: list[str]) -> dict[str, list[GrantRun]]:
    runs: dict[str, list[GrantRun]] = defaultdict(list)
    rows = conn.execute("SELECT * FROM credit_grants ORDER BY project_id, start_g")
    for row in rows:
        run = GrantRun.from_row(row)
        held = runs[row["project_id"]]
        expected = held[-1].end_g if held else 0
        if run.start_g != expected:
            problems.append(
                f"grant {row['grant_ref']}: starts at {run.start_g:,} g of"
                f" {row['project_id']}'s serials, not where the grant before ends ({expected:,})"
            )
        held.append(run)
    return runs


def _place(runs: list[GrantRun], item: CreditRange) -> tuple[int, GrantRun] | None:
    for run in runs:
        position = run.position(item.serial, item.from_g)
        if position is not None:
            return position, run
    return None


def check_ranges(conn: sqlite3.Connection) -> tuple[list[str], dict[str, int]]:
    """The problems found, and counts for the report."""
    problems: list[str] = []
    runs = _runs(conn, problems)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # project -> drawn spans
    refunded: dict[str, int] = defaultdict(int)
    count = 0
    rows = conn.execute(
        "SELECT code, status, project_id, offset_g, credit_ranges FROM orders"
        " WHERE credit_ranges != '[]' OR status IN (?, ?)",
        tuple(EVENTS),
    )
    for row in rows:
        name, project = f"order {row['code']}", row["project_id"]
        try:
            ranges = parse_ranges(row["credit_ranges"])
        except DataError as exc:
            problems.append(f"{name}: unreadable credit ranges ({exc})")
            continue
        if not ranges:
            continue  # paid before retire-first, or a sell-first project: pending
        if row["status"] not in EVENTS:
            problems.append(f"{name}: is {row['status']} but holds credit ranges")
        if sum(r.grams for r in ranges) != row["offset_g"]:
            problems.append(f"{name}: its ranges do not add up to its {row['offset_g']:,} g")
        start = end = None
        for item in ranges:
            count += 1
            found = _place(runs.get(project, []), item)
            if found is None:
                problems.append(f"{name}: {item.label()} is not in a grant of {project}")
                start = None
                break
            position, run = found
            if (item.reference, item.beneficiary) != (run.reference, run.beneficiary):
                problems.append(f"{name}: {item.label()} names another retirement than its grant")
            if end is not None and position != end:
                problems.append(f"{name}: its ranges do not follow one another")
            start = position if start is None else start
            end = position + item.grams
        if start is not None and end is not None:
            spans[project].append((start, end, row["code"]))
            if row["status"] == OrderState.VOIDED:
                refunded[project] += end - start
    for project, taken in spans.items():
        taken.sort()
        reach, holder = 0, ""
        for start, end, code in taken:
            if start < reach:
                problems.append(f"orders {holder} and {code} hold the same grams of {project}")
            if end > reach:
                reach, holder = end, code
    for row in conn.execute("SELECT project_id, drawn_g, refunded_g FROM allocations"):
        project = row["project_id"]
        top = max((end for _, end, _ in spans.get(project, [])), default=0)
        if row["drawn_g"] < top:
            problems.append(
                f"allocation {project}: draw cursor at {row['drawn_g']:,} g, but orders hold"
                f" grams up to {top:,} g (they would be drawn again)"
            )
        if row["refunded_g"] != refunded.get(project, 0):
            problems.append(
                f"allocation {project}: {row['refunded_g']:,} g refunded but refunded orders"
                f" held {refunded.get(project, 0):,} g of retired serials"
            )
    return problems, {"grants": sum(len(r) for r in runs.values()), "credit_ranges": count}

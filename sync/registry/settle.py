"""Closing a settlement period: one numbered, hash-chained statement per project.

What a statement holds (its `content`, canonical JSON, is what the PDF and CSV show):
receipts by channel (kiosk cash / card / mobile, and the phone flow), refunds, the fee, the
net payable to the project's owner, grams sold and refunded, the certificates it covers and
the retired serials behind them, and one line per sale and per refund.

Why lines are claimed rather than dated: a purchase's sale goes into the first statement
closed after it reaches the registry (a period closes over every sale dated on or before its
last day that no statement holds yet), and its refund likewise, each recorded in
`statement_lines` under a unique key. So a sale an offline kiosk syncs after its period
closed lands in the next statement as an adjustment line naming its own date, and no
purchase is ever in two statements: the database refuses it.

A statement is written once: its content's SHA-256 and the previous statement's hash are
stored with it (the chain is over all statements, numbered 1, 2, 3 ...), and triggers refuse
any change. `verify` recomputes the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.credit import serial_text
from kiosk.errors import InputError
from kiosk.timestamps import china_date, parse_stamp, stamp, utc_now
from sync import protocol
from sync.registry import audit, contracts, settlement_storage, storage
from sync.registry.periods import Period, period_of
from sync.registry.settlement_storage import REFUND, SALE

GENESIS = "0" * 64
CHANNELS = ("cash", "card", "mobile", "phone")
FORMAT = 1


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(protocol.canonical(content)).hexdigest()


def fee_of(receipts_fen: int, fee_bp: int) -> int:
    """The fee on receipts net of refunds, rounded half away from zero to the fen (a period
    of refunds only has a negative fee: the fee on those sales is given back)."""
    sign = -1 if receipts_fen < 0 else 1
    return sign * ((abs(receipts_fen) * fee_bp + 5_000) // 10_000)


def void_day(row: Row) -> date:
    return china_date(parse_stamp(row.voided_at))


def _line(row: Row, kind: str, period: Period) -> dict[str, Any]:
    day = date.fromisoformat(row.day) if kind == SALE else void_day(row)
    line = {
        "kind": kind,
        "day": day.isoformat(),
        "adjustment": day < period.first,  # dated before the period: late, or never settled
        "channel": row.channel,
        "cert_id": row.cert_id,
        "kiosk_id": row.kiosk_id,
        "grams": int(row.offset_g),
        "fen": int(row.amount_fen),
    }
    if kind == REFUND:
        line["sale_day"] = row.day
    return line


def _by_channel(lines: Iterable[dict[str, Any]]) -> dict[str, int]:
    totals = dict.fromkeys(CHANNELS, 0)
    for line in lines:
        totals[line["channel"]] = totals.get(line["channel"], 0) + line["fen"]
    return totals


def _retired(conn: Connection, sales: list[Row]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The retired serials behind the sales, as runs of consecutive serials per retirement
    (with the grams of each run on these certificates), and what is still pending."""
    ranges = settlement_storage.ranges_of(conn=conn, purchase_ids=[s.id for s in sales])
    legacy = settlement_storage.retirements_by_id(
        conn=conn, ids=[s.retirement_id for s in sales if s.retirement_id and s.id not in ranges]
    )
    grams: dict[tuple[str, int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    pending = {"count": 0, "grams": 0}
    runs: list[dict[str, Any]] = []
    for sale in sales:
        for r in ranges.get(sale.id, ()):
            grams[(r.prefix, r.width, r.reference)][r.number] += r.to_g - r.from_g
        if sale.id in ranges:
            continue
        old = legacy.get(sale.retirement_id or 0)
        if old is None:
            pending["count"] += 1
            pending["grams"] += int(sale.offset_g)
            continue
        span = old.serial_first if old.tonnes == 1 else f"{old.serial_first}..{old.serial_last}"
        runs.append({"serials": span, "reference": "", "grams": int(sale.offset_g)})
    for (prefix, width, reference), numbers in sorted(grams.items()):
        ordered = sorted(numbers)
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
                first, last = ordered[start], ordered[i - 1]
                label = serial_text(prefix, first, width)
                if last != first:
                    label += f"..{serial_text('', last, width)}"
                total = sum(numbers[n] for n in ordered[start:i])
                runs.append({"serials": label, "reference": reference, "grams": total})
                start = i
    return runs, pending


def build_content(
    conn: Connection,
    *,
    project: Row,
    period: Period,
    contract: contracts.Contract,
    number: int,
    prev_hash: str,
    closed_at: str,
    actor: str,
) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The statement's content, and the (purchase id, kind) lines it claims."""
    last = period.last.isoformat()
    pid = project.project_id
    sales = settlement_storage.unsettled_sales(conn=conn, project_id=pid, last_day=last)
    refunds = [
        r
        for r in settlement_storage.unsettled_refunds(conn=conn, project_id=pid, last_day=last)
        if void_day(r) <= period.last
    ]
    sale_lines = [_line(s, SALE, period) for s in sales]
    refund_lines = [_line(r, REFUND, period) for r in refunds]
    gross, back = _by_channel(sale_lines), _by_channel(refund_lines)
    gross_fen, refunds_fen = sum(gross.values()), sum(back.values())
    fee = fee_of(gross_fen - refunds_fen, contract.fee_bp)
    retired, pending = _retired(conn, sales)
    names = json.loads(project.data).get("name", {})
    content = {
        "format": FORMAT,
        "number": number,
        "prev_hash": prev_hash,
        "project_id": pid,
        "project_name": {lang: names.get(lang, pid) for lang in ("zh", "en")},
        "period": period.label,
        "first_day": period.first.isoformat(),
        "last_day": last,
        "contract": contract.terms(),
        "closed_at": closed_at,
        "closed_by": actor,
        "gross": gross,
        "gross_fen": gross_fen,
        "refunds": back,
        "refunds_fen": refunds_fen,
        "fee_fen": fee,
        "net_fen": gross_fen - refunds_fen - fee,
        "sold_g": sum(line["grams"] for line in sale_lines),
        "refunded_g": sum(line["grams"] for line in refund_lines),
        "certificates": {
            "count": len(sale_lines),
            "first": sale_lines[0]["cert_id"] if sale_lines else None,
            "last": sale_lines[-1]["cert_id"] if sale_lines else None,
        },
        "retired": retired,
        "pending": pending,
        "adjustments": sum(1 for line in sale_lines + refund_lines if line["adjustment"]),
        "lines": sale_lines + refund_lines,
    }
    claimed = [(s.id, SALE) for s in sales] + [(r.id, REFUND) for r in refunds]
    return content, claimed


def _check_order(
    conn: Connection, project_id: str, period: Period, kind: str
) -> tuple[str, str, dict[str, Any]] | None:
    """Why this period cannot be closed next for the project (periods close in order, with no
    gap): the English line, its code and parameters; or None. "closed" when it already is."""
    before = settlement_storage.last_statement(conn=conn, project_id=project_id)
    if before is None:
        return None
    if before.period == period.label:
        return "closed", "", {}
    following = date.fromordinal(date.fromisoformat(before.last_day).toordinal() + 1)
    if period.first < following:
        line = f"{period.label} overlaps {before.period} (closed: statement {before.number})"
        return line, "period_overlaps", {
            "period": period.label, "closed": before.period, "number": before.number
        }  # fmt: skip
    if period.first > following:
        nxt = period_of(following, contracts.PeriodKind(kind))
        line = f"close {nxt.label} first (the last closed period is {before.period})"
        return line, "period_gap", {"next": nxt.label, "closed": before.period}
    return None


def close_period(
    *,
    conn: Connection,
    period: Period,
    actor: str,
    project_id: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Close `period` for one project or for every project whose contract uses that kind of
    period; one result per project: the statement written, or why none was."""
    moment = now or utc_now()
    if period.last >= china_date(moment):
        raise InputError(
            "--period",
            f"{period.label} has not ended yet (its last day is {period.last})",
            "period_not_ended",
            period=period.label,
            last=period.last.isoformat(),
        )
    if project_id is not None and storage.get_project(conn=conn, project_id=project_id) is None:
        raise InputError(
            "--project", f"no project {project_id!r} at this registry", "no_project",
            project=project_id,
        )  # fmt: skip
    storage.set_setting(conn=conn, key="statement_chain", value=stamp(moment))  # one at a time
    results: list[dict[str, Any]] = []
    for project in storage.list_projects(conn=conn):
        pid = project.project_id
        if project_id is not None and pid != project_id:
            continue
        contract = contracts.on(conn=conn, project_id=pid, day=period.first)
        if contract is None:
            if project_id is not None or _has_unsettled(conn, pid, period):
                raise InputError(
                    "--project",
                    f"{pid} has no settlement contract in force on {period.first}; set one:"
                    f" diandian registry contract --project {pid} --owner NAME",
                    "no_contract",
                    project=pid,
                    day=period.first.isoformat(),
                )
            results.append({"project_id": pid, "skipped": "no contract, nothing to settle"})
            continue
        if contract.period != period.kind:
            if project_id is not None:
                raise InputError(
                    "--period", f"{pid} settles {contract.period}, not {period.kind}",
                    "other_kind", project=pid, kind=str(contract.period),
                    asked_kind=str(period.kind),
                )  # fmt: skip
            results.append({"project_id": pid, "skipped": f"settles {contract.period}"})
            continue
        refusal = _check_order(conn, pid, period, contract.period)
        if refusal is not None and refusal[0] == "closed":
            results.append({"project_id": pid, "skipped": f"{period.label} is already closed"})
            continue
        if refusal is not None:
            line, code, params = refusal
            raise InputError("--period", f"{pid}: {line}", code, project=pid, **params)
        results.append(_write(conn, project, period, contract, actor, stamp(moment)))
    return results


def _has_unsettled(conn: Connection, project_id: str, period: Period) -> bool:
    last = period.last.isoformat()
    return bool(
        settlement_storage.unsettled_sales(conn=conn, project_id=project_id, last_day=last)
        or settlement_storage.unsettled_refunds(conn=conn, project_id=project_id, last_day=last)
    )


def _write(
    conn: Connection,
    project: Row,
    period: Period,
    contract: contracts.Contract,
    actor: str,
    closed_at: str,
) -> dict[str, Any]:
    chain_end = settlement_storage.last_statement(conn=conn)
    number = chain_end.number + 1 if chain_end is not None else 1
    prev_hash = chain_end.content_hash if chain_end is not None else GENESIS
    content, claimed = build_content(
        conn,
        project=project,
        period=period,
        contract=contract,
        number=number,
        prev_hash=prev_hash,
        closed_at=closed_at,
        actor=actor,
    )
    digest = content_hash(content)
    statement_id = settlement_storage.add_statement(
        conn=conn,
        values={
            "number": number,
            "project_id": project.project_id,
            "period": period.label,
            "first_day": content["first_day"],
            "last_day": content["last_day"],
            "content": protocol.canonical(content).decode(),
            "content_hash": digest,
            "prev_hash": prev_hash,
            "gross_fen": content["gross_fen"],
            "refunds_fen": content["refunds_fen"],
            "fee_fen": content["fee_fen"],
            "net_fen": content["net_fen"],
            "closed_at": closed_at,
            "closed_by": actor[:100],
        },
    )
    settlement_storage.add_lines(conn=conn, statement_id=statement_id, lines=claimed)
    summary = {
        "number": number,
        "project_id": project.project_id,
        "period": period.label,
        "gross_fen": content["gross_fen"],
        "refunds_fen": content["refunds_fen"],
        "fee_fen": content["fee_fen"],
        "net_fen": content["net_fen"],
        "lines": len(claimed),
        "adjustments": content["adjustments"],
        "hash": digest,
    }
    audit.record(
        conn,
        actor=actor,
        action="settle",
        subject=f"statement {number}",
        detail=summary,
        project_id=project.project_id,
    )
    return summary


def content_of(row: Row) -> dict[str, Any]:
    return dict(json.loads(row.content))


def verify(*, conn: Connection) -> list[str]:
    """Every way the stored statements fail to hold together: content that no longer hashes
    to its stored hash, a broken link to the previous statement, a gap in the numbers, or
    lines in the database that differ from the lines in the content."""
    problems: list[str] = []
    expected_prev, expected_number = GENESIS, 1
    for row in settlement_storage.all_statements(conn=conn):
        content = content_of(row)
        name = f"statement {row.number}"
        if row.number != expected_number:
            problems.append(f"{name}: statements {expected_number}..{row.number - 1} are missing")
        if content_hash(content) != row.content_hash:
            problems.append(f"{name}: its content does not hash to its stored hash")
        if row.prev_hash != expected_prev or content.get("prev_hash") != expected_prev:
            problems.append(f"{name}: does not follow the previous statement's hash")
        stored = sorted(
            (r.kind, r.cert_id) for r in settlement_storage.lines_of(conn=conn, statement_id=row.id)
        )
        listed = sorted((line["kind"], line["cert_id"]) for line in content.get("lines", []))
        if stored != listed:
            problems.append(f"{name}: its lines in the database differ from its content")
        expected_prev, expected_number = row.content_hash, row.number + 1
    return problems

"""The registry's SQL for settlement: contracts, statements and their lines, payouts, and the
operators' audit. Keyword-only functions given their connection; the caller owns the
transaction, and policy lives in `contracts`, `settle` and `payouts`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, exists, func, select

from sync.registry.credit_storage import ranges_in_blocks
from sync.registry.storage import CHUNK, now_text
from sync.registry.tables import (
    contracts,
    operator_audit,
    payouts,
    purchase_ranges,
    purchases,
    retired_blocks,
    retirements,
    statement_lines,
    statements,
)

SALE, REFUND = "sale", "refund"
_PURCHASE = (
    purchases.c.id,
    purchases.c.cert_id,
    purchases.c.kiosk_id,
    purchases.c.order_id,
    purchases.c.day,
    purchases.c.paid_at,
    purchases.c.voided_at,
    purchases.c.channel,
    purchases.c.offset_g,
    purchases.c.amount_fen,
    purchases.c.retirement_id,
)


def _line(kind: str) -> Any:
    return exists().where(
        statement_lines.c.purchase_id == purchases.c.id, statement_lines.c.kind == kind
    )


# -- contracts -----------------------------------------------------------------------------


def add_contract(*, conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(contracts.insert().values(**values, set_at=now_text()))
    return int(result.inserted_primary_key[0])


def contracts_of(*, conn: Connection, project_id: str) -> list[Row]:
    """Every change of the project's contract, in the order they take effect."""
    query = select(contracts).where(contracts.c.project_id == project_id)
    return list(conn.execute(query.order_by(contracts.c.effective_from, contracts.c.id)))


def contract_on(*, conn: Connection, project_id: str, day: str) -> Row | None:
    """The contract in force on `day`: the last change effective on or before it."""
    query = (
        select(contracts)
        .where(contracts.c.project_id == project_id, contracts.c.effective_from <= day)
        .order_by(contracts.c.effective_from.desc(), contracts.c.id.desc())
        .limit(1)
    )
    return conn.execute(query).first()


# -- statements ----------------------------------------------------------------------------


def last_statement(*, conn: Connection, project_id: str | None = None) -> Row | None:
    """The newest statement (of one project, or of all: the chain's end)."""
    query = select(statements).order_by(statements.c.number.desc()).limit(1)
    if project_id is not None:
        query = query.where(statements.c.project_id == project_id)
    return conn.execute(query).first()


def list_statements(
    *, conn: Connection, project_id: str | None = None, numbers: Sequence[int] | None = None
) -> list[Row]:
    """Statements (without their content), with their payout if any, oldest first."""
    columns = [c for c in statements.c if c.name != "content"]
    query = (
        select(
            *columns,
            payouts.c.paid_on,
            payouts.c.bank_reference,
            payouts.c.amount_fen.label("paid_fen"),
        )
        .outerjoin(payouts, payouts.c.statement_id == statements.c.id)
        .order_by(statements.c.number)
    )
    if project_id is not None:
        query = query.where(statements.c.project_id == project_id)
    if numbers is not None:
        query = query.where(statements.c.number.in_(list(numbers)))
    return list(conn.execute(query))


def get_statement(*, conn: Connection, number: int) -> Row | None:
    return conn.execute(select(statements).where(statements.c.number == number)).first()


def all_statements(*, conn: Connection) -> list[Row]:
    """Every statement with its content, in chain order (for checking the chain)."""
    return list(conn.execute(select(statements).order_by(statements.c.number)))


def add_statement(*, conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(statements.insert().values(**values))
    return int(result.inserted_primary_key[0])


def add_lines(*, conn: Connection, statement_id: int, lines: Sequence[tuple[int, str]]) -> None:
    """(purchase id, kind) rows; the unique key refuses a purchase already in a statement."""
    if lines:
        rows = [{"statement_id": statement_id, "purchase_id": p, "kind": k} for p, k in lines]
        conn.execute(statement_lines.insert(), rows)


def lines_of(*, conn: Connection, statement_id: int) -> list[Row]:
    query = (
        select(statement_lines.c.kind, purchases.c.cert_id)
        .join(purchases, purchases.c.id == statement_lines.c.purchase_id)
        .where(statement_lines.c.statement_id == statement_id)
        .order_by(statement_lines.c.id)
    )
    return list(conn.execute(query))


def unsettled_sales(*, conn: Connection, project_id: str, last_day: str) -> list[Row]:
    """The project's purchases in no statement yet, paid on or before `last_day`."""
    query = (
        select(*_PURCHASE)
        .where(purchases.c.project_id == project_id, purchases.c.day <= last_day, ~_line(SALE))
        .order_by(purchases.c.day, purchases.c.paid_at, purchases.c.cert_id)
    )
    return list(conn.execute(query))


def unsettled_refunds(*, conn: Connection, project_id: str, last_day: str) -> list[Row]:
    """The project's refunded purchases whose refund is in no statement yet and whose sale
    is in one or is now due (paid on or before `last_day`); the caller keeps those refunded
    on or before `last_day` (the refund's China day is read from its timestamp)."""
    query = (
        select(*_PURCHASE)
        .where(
            purchases.c.project_id == project_id,
            purchases.c.voided_at.is_not(None),
            ~_line(REFUND),
            _line(SALE) | (purchases.c.day <= last_day),
        )
        .order_by(purchases.c.voided_at, purchases.c.cert_id)
    )
    return list(conn.execute(query))


def ranges_of(*, conn: Connection, purchase_ids: Sequence[int]) -> dict[int, list[Row]]:
    """Each purchase's gram ranges with their serial's block and retirement."""
    found: dict[int, list[Row]] = defaultdict(list)
    ids = sorted(set(purchase_ids))
    for start in range(0, len(ids), CHUNK):
        query = (
            ranges_in_blocks(
                purchase_ranges.c.purchase_id,
                purchase_ranges.c.number,
                purchase_ranges.c.from_g,
                purchase_ranges.c.to_g,
                retired_blocks.c.prefix,
                retired_blocks.c.width,
                retired_blocks.c.reference,
            )
            .where(purchase_ranges.c.purchase_id.in_(ids[start : start + CHUNK]))
            .order_by(purchase_ranges.c.id)
        )
        for row in conn.execute(query):
            found[row.purchase_id].append(row)
    return found


def retirements_by_id(*, conn: Connection, ids: Sequence[int]) -> dict[int, Row]:
    """Retirements made after a sale (before retire-first), by id."""
    if not ids:
        return {}
    query = select(retirements).where(retirements.c.id.in_(sorted(set(ids))))
    return {row.id: row for row in conn.execute(query)}


# -- payouts -------------------------------------------------------------------------------


def add_payout(*, conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(payouts.insert().values(**values, recorded_at=now_text()))
    return int(result.inserted_primary_key[0])


def payout_of(*, conn: Connection, statement_id: int) -> Row | None:
    return conn.execute(select(payouts).where(payouts.c.statement_id == statement_id)).first()


# -- the operators' audit ------------------------------------------------------------------


def add_audit(*, conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(operator_audit.insert().values(**values, at=now_text()))


def audit_rows(
    *, conn: Connection, limit: int, before: int | None = None, project_id: str | None = None
) -> list[Row]:
    """Newest first, a page at a time (rows with an id below `before`)."""
    query = select(operator_audit).order_by(operator_audit.c.id.desc()).limit(limit)
    if before is not None:
        query = query.where(operator_audit.c.id < before)
    if project_id is not None:
        query = query.where(operator_audit.c.project_id == project_id)
    return list(conn.execute(query))


def paid_out(*, conn: Connection, project_id: str) -> tuple[int, int]:
    """(payouts, fen) paid to the project's owner so far."""
    query = (
        select(func.count(), func.sum(payouts.c.amount_fen))
        .select_from(payouts)
        .join(statements, statements.c.id == payouts.c.statement_id)
        .where(statements.c.project_id == project_id)
    )
    count, fen = conn.execute(query).one()
    return int(count), int(fen or 0)

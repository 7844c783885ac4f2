"""Payouts: an operator records that a statement's net was paid to the project's owner (the
day and the bank's reference); the statement then shows as paid. One payout per statement,
of exactly its net; a statement with nothing payable (refunds and fees at or above its
receipts) takes none. Recorded once (a trigger refuses a change) and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from kiosk.errors import InputError
from kiosk.money import format_fen
from kiosk.timestamps import china_date, parse_stamp, utc_now
from sync.registry import audit, settlement_storage


def record_payout(
    *,
    conn: Connection,
    number: int,
    paid_on: date,
    reference: str,
    actor: str,
    today: date | None = None,
) -> dict[str, Any]:
    reference = " ".join(str(reference or "").split())
    if not reference or len(reference) > 200:
        raise InputError("--reference", "the bank's reference: 1 to 200 characters")
    statement = settlement_storage.get_statement(conn=conn, number=number)
    if statement is None:
        raise InputError(
            "--statement", f"there is no statement {number}", "no_statement", number=number
        )
    paid = settlement_storage.payout_of(conn=conn, statement_id=statement.id)
    if paid is not None:
        raise InputError(
            "--statement",
            f"statement {number} was already paid on {paid.paid_on} ({paid.bank_reference})",
            "already_paid",
            number=number,
            day=paid.paid_on,
            reference=paid.bank_reference,
        )
    if statement.net_fen <= 0:
        raise InputError(
            "--statement",
            f"statement {number} has nothing to pay (net {format_fen(statement.net_fen)})",
            "nothing_to_pay",
            number=number,
            net_fen=statement.net_fen,
        )
    closed = china_date(parse_stamp(statement.closed_at))
    if paid_on < closed:
        raise InputError(
            "--date", f"{paid_on} is before statement {number} was closed ({closed})",
            "paid_before_close", day=paid_on.isoformat(), number=number, closed=closed.isoformat(),
        )  # fmt: skip
    if paid_on > (today or china_date(utc_now())):
        raise InputError(
            "--date", f"{paid_on} is in the future", "paid_future", day=paid_on.isoformat()
        )
    values = {
        "statement_id": statement.id,
        "paid_on": paid_on.isoformat(),
        "bank_reference": reference,
        "amount_fen": statement.net_fen,
        "recorded_by": actor[:100],
    }
    settlement_storage.add_payout(conn=conn, values=values)
    made = {
        "statement": number,
        "project_id": statement.project_id,
        "paid_on": values["paid_on"],
        "bank_reference": reference,
        "amount_fen": statement.net_fen,
    }
    audit.record(
        conn,
        actor=actor,
        action="payout",
        subject=f"statement {number}",
        detail=made,
        project_id=statement.project_id,
    )
    return made

"""Settlement contracts: who owns each project, the platform's fee, the period, the currency.

A contract is never edited: each change is a new row with the date it takes effect from, so
the terms behind every statement stay on record (and each change writes an audit row). The
contract a statement uses is the one in force on its period's first day, so a change takes
effect from the first period starting on or after its date; a date inside a closed period
is refused (a closed statement never changes).

The fee is a percentage with at most two decimals, kept as integer basis points (5.5 % is
550): statement arithmetic stays in integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.errors import InputError
from kiosk.timestamps import china_date, utc_now
from sync.registry import audit, settlement_storage, storage
from sync.registry.periods import PeriodKind, parse_day

CURRENCIES = ("CNY",)  # amounts are integer fen; another currency needs its own minor unit
FROM_THE_START = date(1970, 1, 1)  # a project's first contract covers every sale it has
FIELDS = ("owner", "fee_percent", "period", "currency", "effective")


@dataclass(frozen=True, slots=True)
class Contract:
    project_id: str
    owner: str
    fee_bp: int  # basis points: 1/100 of a percent
    period: PeriodKind
    currency: str
    effective_from: date
    set_at: str = ""
    set_by: str = ""

    @property
    def fee_percent(self) -> str:
        """5.5 % as "5.50" (exact: no float on the way)."""
        whole, part = divmod(self.fee_bp, 100)
        return f"{whole}.{part:02d}"

    def terms(self) -> dict[str, Any]:
        """What a statement records of it."""
        return {
            "owner": self.owner,
            "fee_bp": self.fee_bp,
            "period": str(self.period),
            "currency": self.currency,
            "effective_from": self.effective_from.isoformat(),
        }

    @classmethod
    def from_row(cls, row: Row) -> Contract:
        return cls(
            project_id=row.project_id,
            owner=row.owner,
            fee_bp=row.fee_bp,
            period=PeriodKind(row.period),
            currency=row.currency,
            effective_from=date.fromisoformat(row.effective_from),
            set_at=row.set_at,
            set_by=row.set_by,
        )


def fee_bp(value: Any, field: str = "fee_percent") -> int:
    """A percentage (5, "5.5", 12.25) as basis points; InputError when it is not 0 to 100
    with at most two decimals."""
    allowed = "a percentage from 0 to 100 with at most two decimals, like 5 or 2.5"
    if isinstance(value, bool):
        raise InputError(field, f"{value!r} is not allowed; allowed: {allowed}")
    try:
        number = Decimal(str(value).strip().rstrip("%").strip())
    except InvalidOperation:
        raise InputError(field, f"{value!r} is not allowed; allowed: {allowed}") from None
    points = number * 100
    if not number.is_finite() or points != points.to_integral_value() or not 0 <= number <= 100:
        raise InputError(field, f"{value!r} is not allowed; allowed: {allowed}")
    return int(points)


def _owner(value: Any, field: str) -> str:
    text = " ".join(str(value or "").split())
    if not text or len(text) > 200:
        raise InputError(field, "the owner's name: 1 to 200 characters")
    return text


def _period(value: Any, field: str) -> PeriodKind:
    try:
        return PeriodKind(str(value).strip().lower())
    except ValueError:
        allowed = " or ".join(k.value for k in PeriodKind)
        raise InputError(field, f"{value!r} is not allowed; allowed: {allowed}") from None


def _currency(value: Any, field: str) -> str:
    text = str(value).strip().upper()
    if text not in CURRENCIES:
        raise InputError(field, f"{value!r} is not allowed; allowed: {', '.join(CURRENCIES)}")
    return text


def checked_terms(changes: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """The given terms, each checked: owner, fee_bp, period, currency, effective (a date)."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise InputError(f"{where}{unknown[0]}", f"unknown contract field; allowed: {FIELDS}")
    out: dict[str, Any] = {}
    if "owner" in changes:
        out["owner"] = _owner(changes["owner"], f"{where}owner")
    if "fee_percent" in changes:
        out["fee_bp"] = fee_bp(changes["fee_percent"], f"{where}fee_percent")
    if "period" in changes:
        out["period"] = _period(changes["period"], f"{where}period")
    if "currency" in changes:
        out["currency"] = _currency(changes["currency"], f"{where}currency")
    if "effective" in changes:
        value = changes["effective"]
        if not isinstance(value, date):
            value = parse_day(str(value), f"{where}effective")
        out["effective"] = value
    return out


def _same_terms(one: Contract, other: Contract) -> bool:
    """The same owner, fee, period and currency (whatever day each took effect)."""
    return (one.owner, one.fee_bp, one.period, one.currency) == (
        other.owner,
        other.fee_bp,
        other.period,
        other.currency,
    )


def current(*, conn: Connection, project_id: str) -> Contract | None:
    """The project's latest contract change (whatever day it takes effect)."""
    rows = settlement_storage.contracts_of(conn=conn, project_id=project_id)
    return Contract.from_row(rows[-1]) if rows else None


def on(*, conn: Connection, project_id: str, day: date) -> Contract | None:
    """The contract in force on `day`."""
    row = settlement_storage.contract_on(conn=conn, project_id=project_id, day=day.isoformat())
    return Contract.from_row(row) if row is not None else None


def history(*, conn: Connection, project_id: str) -> list[Contract]:
    rows = settlement_storage.contracts_of(conn=conn, project_id=project_id)
    return [Contract.from_row(r) for r in rows]


def set_contract(
    *,
    conn: Connection,
    project_id: str,
    changes: Mapping[str, Any],
    actor: str,
    today: date | None = None,
) -> Contract | None:
    """Record a change of the project's contract (terms not given stay as they are); None when
    nothing changes. A project's first contract needs an owner and covers every sale from the
    start unless `effective` says otherwise; a later change takes effect from `effective`
    (default: today, China time), never inside a closed period."""
    terms = checked_terms(changes)
    if storage.get_project(conn=conn, project_id=project_id) is None:
        raise InputError("--project", f"no project {project_id!r} at this registry")
    before = current(conn=conn, project_id=project_id)
    if before is None and "owner" not in terms:
        raise InputError("owner", f"{project_id} has no contract yet: give its owner")
    default_day = FROM_THE_START if before is None else (today or china_date(utc_now()))
    effective: date = terms.pop("effective", default_day)
    closed = settlement_storage.last_statement(conn=conn, project_id=project_id)
    if closed is not None and effective.isoformat() <= closed.last_day:
        raise InputError(
            "effective",
            f"{effective} is in {closed.period}, which is closed (statement"
            f" {closed.number}); a change can take effect from the day after {closed.last_day}",
        )
    made = Contract(
        project_id=project_id,
        owner=terms.get("owner", before.owner if before else ""),
        fee_bp=terms.get("fee_bp", before.fee_bp if before else 0),
        period=terms.get("period", before.period if before else PeriodKind.MONTHLY),
        currency=terms.get("currency", before.currency if before else CURRENCIES[0]),
        effective_from=effective,
    )
    if before is not None and _same_terms(made, before):
        return None
    settlement_storage.add_contract(
        conn=conn, values={"project_id": project_id, **made.terms(), "set_by": actor[:100]}
    )
    audit.record(
        conn,
        actor=actor,
        action="contract",
        subject=project_id,
        detail=made.terms(),
        project_id=project_id,
    )
    return made

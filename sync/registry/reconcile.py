"""Reconciliation: each kiosk's till day (its signed day summary) against the purchases the
registry received from it for that day, and kiosks that have gone quiet.

Differences listed (each names the kiosk, and the certificate or payment method concerned):
- `missing_at_registry`: a sale the kiosk made that day that the registry does not hold;
- `not_in_summary`: a sale the registry holds for that day that the kiosk's summary omits;
- `void_missing` / `void_not_in_summary`: the same for the day's refunds;
- `amounts_differ`: orders, grams or fen of a payment method (taken, or refunded) disagree;
- `no_summary`: the kiosk has synced since, but never closed that day (a pushed day summary
  is how the registry knows a day is complete);
- `not_synced`: the kiosk has not made a signed request for more than N days, or never.
Sales in the phone flow have no till and are not compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.day_summary import DaySummary, Totals, totals
from kiosk.order_state import METHODS
from kiosk.timestamps import china_date, china_midnight, parse_stamp, stamp, utc_now
from sync.registry import reconcile_storage

DEFAULT_STALE_DAYS = 2
KINDS = (
    "not_synced",
    "no_summary",
    "missing_at_registry",
    "not_in_summary",
    "void_missing",
    "void_not_in_summary",
    "amounts_differ",
)


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # one of KINDS
    kiosk_id: str
    detail: str  # one plain line
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Reconciliation:
    day: date
    checked: tuple[str, ...]  # kiosks whose summary was compared
    differences: tuple[Difference, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "kiosks_compared": list(self.checked),
            "differences": [d.to_dict() for d in self.differences],
        }


def _cert(kiosk_id: str, serial: int) -> str:
    return f"{kiosk_id}-{serial:06d}".upper()


def _registry_day(conn: Connection, day: date) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """This day's sales and refunds the registry holds, per kiosk (phone sales left out)."""
    sales: dict[str, list[Row]] = defaultdict(list)
    for row in reconcile_storage.sales_of_day(conn=conn, day=day.isoformat()):
        if row.channel in METHODS:
            sales[row.kiosk_id].append(row)
    start = china_midnight(day)
    voids: dict[str, list[Row]] = defaultdict(list)
    window = (stamp(start - timedelta(days=1)), stamp(start + timedelta(days=2)))
    for row in reconcile_storage.voids_between(conn=conn, start=window[0], end=window[1]):
        if row.channel in METHODS and china_date(parse_stamp(row.voided_at)) == day:
            voids[row.kiosk_id].append(row)
    return sales, voids


def _as_totals(rows: Iterable[Row]) -> dict[str, Totals]:
    return totals(
        {
            "payment_method": r.channel,
            "offset_g": r.offset_g,
            "amount_fen": r.amount_fen,
        }
        for r in rows
    )


def _compare(summary: DaySummary, sales: list[Row], voids: list[Row]) -> list[Difference]:
    kiosk = summary.kiosk_id
    out: list[Difference] = []
    for kind_missing, kind_extra, theirs, ours in (
        ("missing_at_registry", "not_in_summary", summary.paid_serials, sales),
        ("void_missing", "void_not_in_summary", summary.voided_serials, voids),
    ):
        held = {int(r.serial) for r in ours}
        said = set(theirs)
        what = "sale" if kind_missing == "missing_at_registry" else "refund"
        for serial in sorted(said - held):
            cert = _cert(kiosk, serial)
            line = f"the kiosk's {what} of certificate {cert} is not at the registry"
            out.append(Difference(kind_missing, kiosk, line, {"certificate": cert}))
        for serial in sorted(held - said):
            cert = _cert(kiosk, serial)
            line = f"the registry holds a {what} of certificate {cert} the day summary omits"
            out.append(Difference(kind_extra, kiosk, line, {"certificate": cert}))
    for side, said_totals, rows in (
        ("taken", summary.paid, sales),
        ("refunded", summary.voided, voids),
    ):
        held_totals = _as_totals(rows)
        for method in METHODS:
            kiosk_says = said_totals.get(method, Totals())
            registry_has = held_totals[method]
            if kiosk_says != registry_has:
                line = (
                    f"{method} {side}: the kiosk says {kiosk_says.orders} order(s),"
                    f" {kiosk_says.grams} g, {kiosk_says.fen} fen; the registry has"
                    f" {registry_has.orders}, {registry_has.grams} g, {registry_has.fen} fen"
                )
                data = {
                    "method": method,
                    "side": side,
                    "kiosk": kiosk_says.model_dump(),
                    "registry": registry_has.model_dump(),
                }
                out.append(Difference("amounts_differ", kiosk, line, data))
    return out


def reconcile(
    *,
    conn: Connection,
    day: date,
    stale_days: int = DEFAULT_STALE_DAYS,
    now: datetime | None = None,
) -> Reconciliation:
    moment = now or utc_now()
    quiet_since = stamp(moment - timedelta(days=stale_days))
    summaries = reconcile_storage.latest_summaries(conn=conn, day=day.isoformat())
    sales, voids = _registry_day(conn, day)
    day_end = stamp(china_midnight(day) + timedelta(days=1))
    differences: list[Difference] = []
    checked: list[str] = []
    for kiosk in reconcile_storage.all_kiosks(conn=conn):
        kid = kiosk.kiosk_id
        quiet = kiosk.last_sync_at is None or kiosk.last_sync_at < quiet_since
        if quiet:
            when = kiosk.last_sync_at[:10] if kiosk.last_sync_at else None
            line = (
                f"has not synced since {when} (more than {stale_days} day(s))"
                if when
                else "has never synced"
            )
            if kiosk.suspended:
                line += f"; suspended: {kiosk.suspended}"
            differences.append(Difference("not_synced", kid, line, {"last_sync_at": when}))
        row = summaries.get(kid)
        if row is None:
            synced_after = kiosk.last_sync_at is not None and kiosk.last_sync_at >= day_end
            if kiosk.enrolled_at < day_end and synced_after:
                line = f"synced since, but sent no day summary for {day}"
                differences.append(Difference("no_summary", kid, line, {}))
            continue
        checked.append(kid)
        summary = DaySummary.model_validate_json(row.payload)
        differences += _compare(summary, sales.get(kid, []), voids.get(kid, []))
    order = {kind: n for n, kind in enumerate(KINDS)}
    differences.sort(key=lambda d: (d.kiosk_id, order[d.kind], d.detail))
    return Reconciliation(day, tuple(checked), tuple(differences))

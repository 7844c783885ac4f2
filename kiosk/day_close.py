"""Closing the kiosk's business day: a signed day summary queued in the outbox, so the registry
can reconcile what this till took with the purchases it received (and know the day is whole).

A day closes when a cashier prints its end-of-day report, and automatically once it has
ended, or once the configured time of day has passed ([kiosk] close_day_at, China time): the
nightly sync job closes every day that is due and not closed yet before it pushes. A day
that changes after its close (a sale after the report was printed) is closed again, as a new
revision, the next time either runs; a close that would say exactly what the last one said
is not made. Days before the first payment are never closed, and a kiosk off for months
closes at most MAX_BACK days at once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.certificate.issue import kiosk_key
from kiosk.config import DEFAULT_CLOSE_AT
from kiosk.day_summary import DaySummary, summarise
from kiosk.ledger import Ledger, day_closes
from kiosk.ledger.reports import day_rows
from kiosk.order_state import OrderState
from kiosk.timestamps import CHINA_TIME, china_date, china_midnight, parse_stamp, stamp

AUTO = "auto"  # who closed a day nobody closed by hand
RECHECK_DAYS = 7  # closed days looked at again for a payment or void after their close
MAX_BACK = 62  # days closed at most in one go (a kiosk switched off for a season)


def _bounds(day: date) -> tuple[str, str]:
    start = china_midnight(day)
    return stamp(start), stamp(start + timedelta(days=1))


def close_day(ledger: Ledger, key: Ed25519PrivateKey, day: date, actor: str) -> DaySummary | None:
    """Close `day` now: its summary signed and queued for the registry, in one transaction;
    None when the day's last close already says the same."""
    start, end = _bounds(day)
    with ledger.transaction():
        rows = day_rows(ledger.conn, start, end)
        text = day.isoformat()
        before = day_closes.latest(ledger, text)
        summary = summarise(
            kiosk_id=ledger.kiosk_id,
            day=text,
            paid=rows[OrderState.PAID],
            voided=rows[OrderState.VOIDED],
            revision=max(before.revision if before else 0, day_closes.floor(ledger, text)) + 1,
            closed_at=ledger.change_time(),
            closed_by=actor,
        )
        if before is not None and before.figures() == summary.figures():
            return None
        signed = summary.signed(key)
        day_closes.store(ledger, signed, actor)
        return signed


def close_day_signed(ledger: Ledger, day: date, actor: str) -> DaySummary | None:
    """close_day with this kiosk's own signing key (kiosk.certificate.issue), for the
    end-of-day report's save and print; None when the day had not begun or is unchanged."""
    if day > china_date(ledger.clock()):
        return None
    return close_day(ledger, kiosk_key(ledger), day, actor)


def due_until(now: datetime, close_at: time | None) -> date:
    """The last day whose close is due at `now`: today once close_at has passed (China
    time), else yesterday (with no close_at: yesterday, the last day that has ended)."""
    local = now.astimezone(CHINA_TIME)
    today = local.date()
    return today if close_at is not None and local.time() >= close_at else today - timedelta(1)


def days_due(ledger: Ledger, close_at: time | None) -> list[date]:
    """Days to close now: those never closed, from the day after the last closed one (or the
    first payment) to the last one due, and recent closed days with a payment or void made
    after their last close."""
    last_due = due_until(ledger.clock(), close_at)
    oldest = last_due - timedelta(days=MAX_BACK - 1)
    closed = day_closes.last_closed_day(ledger)
    if closed is not None:
        start = date.fromisoformat(closed) + timedelta(days=1)
    else:
        first = day_closes.first_payment(ledger)
        if first is None:
            return []  # never paid: no day to account for yet
        start = china_date(parse_stamp(first))
    days = {start + timedelta(days=n) for n in range((last_due - start).days + 1)}
    recheck = last_due - timedelta(days=RECHECK_DAYS)
    for text, closed_at in day_closes.closed_since(ledger, recheck.isoformat()).items():
        day = date.fromisoformat(text)
        activity = day_closes.last_activity(ledger, *_bounds(day))
        if day <= last_due and activity is not None and activity >= closed_at:
            days.add(day)
    return sorted(d for d in days if oldest <= d <= last_due)


def close_due(
    ledger: Ledger, key: Ed25519PrivateKey, close_at: time | None = DEFAULT_CLOSE_AT
) -> list[DaySummary]:
    """Close every day due now (see the module's docstring); the closes made."""
    made = [close_day(ledger, key, day, AUTO) for day in days_due(ledger, close_at)]
    return [summary for summary in made if summary is not None]

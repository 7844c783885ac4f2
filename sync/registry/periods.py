"""Settlement periods: a month (`2026-11`) or a quarter (`2026-Q4`) of China days.

Why China days: a purchase's day is the China day it was paid (as the kiosk's till and the
rankings count it), so a period's sales are exactly the purchases whose day lies in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from kiosk.errors import InputError

MONTH = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])$")
QUARTER = re.compile(r"^(?P<year>[0-9]{4})-Q(?P<quarter>[1-4])$")
ALLOWED = "a month like 2026-11, or a quarter like 2026-Q4"


class PeriodKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # 2026-11 or 2026-Q4
    kind: PeriodKind
    first: date
    last: date  # inclusive

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_period(text: str, field: str = "--period") -> Period:
    """`2026-11` (a month) or `2026-Q4` (a quarter); InputError naming what is allowed."""
    cleaned = (text or "").strip().upper()
    if match := MONTH.match(cleaned):
        year, month = int(match["year"]), int(match["month"])
        return Period(cleaned, PeriodKind.MONTHLY, date(year, month, 1), _month_end(year, month))
    if match := QUARTER.match(cleaned):
        year, quarter = int(match["year"]), int(match["quarter"])
        first_month = 3 * quarter - 2
        return Period(
            cleaned,
            PeriodKind.QUARTERLY,
            date(year, first_month, 1),
            _month_end(year, first_month + 2),
        )
    raise InputError(field, f"{text!r} is not a period; allowed: {ALLOWED}", "bad_period")


def period_of(day: date, kind: PeriodKind) -> Period:
    """The month or quarter holding `day`."""
    if kind == PeriodKind.MONTHLY:
        return parse_period(f"{day.year:04d}-{day.month:02d}")
    return parse_period(f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}")


def parse_day(text: str, field: str) -> date:
    """A date as YYYY-MM-DD; InputError otherwise."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise InputError(
            field, f"{text!r} is not a date; allowed: YYYY-MM-DD", "bad_day", text=str(text)[:20]
        ) from None

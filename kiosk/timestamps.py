"""Time as Diandian writes and reads it: one text form for every stored moment, one for file
names, and China's clock for what people see.

Stored moments are UTC with milliseconds and a `Z` (`2026-11-26T08:00:00.123Z`): fixed width, so
text order is time order in SQLite, PostgreSQL and JSON alike. Python 3.11's `fromisoformat`
reads them (and older `+00:00` forms) directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

CHINA_TIME = timezone(timedelta(hours=8), "UTC+8")  # China has one time zone and no DST
FILE_STAMP = "%Y%m%d-%H%M%S"  # in backup and kept-ledger file names (UTC)
# The years a data year may take (a factor's publication, a project's vintage): wider than any
# real data, narrow enough to catch a typo such as 20225 or a month typed as a year.
FIRST_YEAR, LAST_YEAR = 1990, 2100
YEARS_ALLOWED = f"a year from {FIRST_YEAR} to {LAST_YEAR}"


def is_data_year(value: object) -> bool:
    """A whole year in FIRST_YEAR..LAST_YEAR (True and False are not years)."""
    return type(value) is int and FIRST_YEAR <= value <= LAST_YEAR


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """The stored form of a moment (an aware datetime)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_stamp(text: str) -> datetime:
    """An aware UTC datetime from a stored moment; a moment without a zone is taken as UTC.

    ValueError when the text is not an ISO 8601 date and time.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def file_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(FILE_STAMP)


def parse_file_stamp(text: str) -> datetime:
    """The moment in a file name's stamp; ValueError when `text` is not one."""
    return datetime.strptime(text, FILE_STAMP).replace(tzinfo=UTC)


def china_date(moment: datetime) -> date:
    """The day in China at that moment: how the till, the rankings and customers count days."""
    return moment.astimezone(CHINA_TIME).date()


def china_midnight(day: date) -> datetime:
    """The moment a China day starts."""
    return datetime.combine(day, datetime.min.time(), CHINA_TIME)

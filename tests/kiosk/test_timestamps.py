"""Time and the few numbers every layer shares, each defined once: the stored form of a moment,
China's day, the data years, the hold on an unpaid order, the WAL's fallback checkpoint."""

from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from kiosk.catalogue import load_demo_catalogue, parse_catalogue
from kiosk.errors import DataError, InputError
from kiosk.factors import LocalFactor, parse_factor_table
from kiosk.footprint import compute
from kiosk.ledger import Ledger, db
from kiosk.order_state import HOLD_S
from kiosk.resources import load_toml
from kiosk.timestamps import (
    FIRST_YEAR,
    LAST_YEAR,
    china_date,
    china_midnight,
    parse_stamp,
    stamp,
)
from sync.registry import storage

STORED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
MOMENT = datetime(2026, 11, 26, 15, 59, 59, 123456, tzinfo=UTC)


def test_a_stored_moment_reads_back_to_the_millisecond() -> None:
    text = stamp(MOMENT)
    assert text == "2026-11-26T15:59:59.123Z" and STORED.match(text)
    assert parse_stamp(text) == MOMENT.replace(microsecond=123000)
    assert parse_stamp(text).tzinfo is not None


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26T15:59:59.123Z",
        "2026-11-26T15:59:59.123+00:00",
        "2026-11-26T23:59:59.123+08:00",  # the same moment said in China time
        "2026-11-26T15:59:59.123",  # no zone: taken as UTC
    ],
)
def test_every_form_once_written_reads_as_the_same_moment(text: str) -> None:
    """The lockout file wrote `+00:00` (isoformat); the ledger `Z`: one parser reads both."""
    assert parse_stamp(text) == datetime(2026, 11, 26, 15, 59, 59, 123000, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00Z"])
def test_a_bad_stamp_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_stamp(text)


def test_the_registry_stores_moments_as_the_kiosk_does() -> None:
    """It wrote microseconds (27 characters) where the kiosk writes milliseconds (24)."""
    assert STORED.match(storage.now_text())


def test_china_days_start_at_1600_utc() -> None:
    assert china_date(datetime(2026, 11, 26, 15, 59, tzinfo=UTC)) == date(2026, 11, 26)
    assert china_date(datetime(2026, 11, 26, 16, 0, tzinfo=UTC)) == date(2026, 11, 27)
    assert china_midnight(date(2026, 11, 27)) == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)


def _factor(year: object) -> LocalFactor:
    return LocalFactor(
        factor_id="meal_mixed",
        kg_per_unit=Decimal("2.5"),
        publisher="Chengdu Ecology Bureau",
        dataset="Canteen survey",
        year=year,  # type: ignore[arg-type]
        url="https://example.org/canteen",
    )


def _table(year: object) -> dict:
    raw = copy.deepcopy(load_toml("factors", "factors.toml"))
    raw["factor"][0]["year"] = year
    return raw


def _catalogue(vintage: object) -> dict:
    raw = copy.deepcopy(load_toml("catalogue", "projects.toml"))
    raw["project"][0]["vintage"] = vintage
    return raw


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_the_data_years_end_where_one_constant_says(year: int) -> None:
    assert _factor(year).year == year
    parse_factor_table(_table(year))
    parse_catalogue(_catalogue(year))


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1, True, "2025"])
def test_a_year_outside_them_is_refused_everywhere_alike(year: object) -> None:
    with pytest.raises(InputError, match=f"{FIRST_YEAR} to {LAST_YEAR}"):
        _factor(year)
    with pytest.raises(DataError, match=f"{FIRST_YEAR} to {LAST_YEAR}"):
        parse_factor_table(_table(year))
    with pytest.raises(DataError, match=f"{FIRST_YEAR} to {LAST_YEAR}"):
        parse_catalogue(_catalogue(year))


def test_an_order_is_held_for_hold_s_by_default(tmp_path) -> None:
    moment = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    with Ledger.open(tmp_path / "ledger.sqlite", clock=lambda: moment) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        order = ledger.open_order(
            compute("meal", {"mixed_meals": "1"}), project_id="demo-wetland", offset_g=1000
        )
    assert order.expires_at == stamp(moment + timedelta(seconds=HOLD_S))


def test_every_ledger_connection_gets_the_fallback_checkpoint(tmp_path) -> None:
    conn = db.connect(tmp_path / "ledger.sqlite")
    try:
        pages = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    finally:
        conn.close()
    assert pages == db.FALLBACK_AUTOCHECKPOINT_PAGES

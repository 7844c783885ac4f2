"""Prices and emission factors an admin sets on this kiosk, over the catalogue's and the factor
table's, and the factor table in force (shipped or pulled, with those overrides applied).

An override is a local decision, so it must say who made it, why and, for a factor, where the
new number comes from: a factor without a publisher, dataset, year and URL is never used. Both
kinds are audited like orders; clearing one keeps its row with a NULL value, so `ledger verify`
can tell an override cleared by the app from one deleted behind its back.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kiosk.errors import DataError, InputError
from kiosk.factors import FactorTable, LocalFactor, load_factors, parse_factor_table, with_overrides
from kiosk.money import MAX_PRICE_FEN_PER_T, format_fen

if TYPE_CHECKING:
    from kiosk.ledger.store import Ledger

log = logging.getLogger(__name__)

MAX_REASON = 200
FACTOR_SPAN = 10  # a local factor stays within 1/10x..10x of the table's: a typo is not a source


@dataclass(frozen=True, slots=True)
class PriceOverride:
    project_id: str
    price_fen_per_t: int
    reason: str
    set_by: str
    set_at: str


# -- prices -----------------------------------------------------------------------------------


def set_price(
    ledger: Ledger, project_id: str, price_fen_per_t: int, reason: str, actor: str
) -> None:
    """Sell PROJECT at this price on this kiosk until cleared (a later catalogue keeps it)."""
    if (
        not isinstance(price_fen_per_t, int)
        or isinstance(price_fen_per_t, bool)
        or not 0 < price_fen_per_t <= MAX_PRICE_FEN_PER_T
    ):
        raise InputError(  # in yuan: what the console's admin types
            "price", f"must be from ¥0.01 to {format_fen(MAX_PRICE_FEN_PER_T)} per tonne"
        )
    _write_price(ledger, project_id, price_fen_per_t, _reason(reason), actor, "set")


def clear_price(ledger: Ledger, project_id: str, actor: str) -> None:
    """Back to the catalogue's price."""
    if project_id not in prices(ledger):
        raise InputError("project", f"{project_id!r} has no local price to clear")
    _write_price(ledger, project_id, None, "cleared", actor, "clear")


def _write_price(
    ledger: Ledger, project_id: str, price: int | None, reason: str, actor: str, action: str
) -> None:
    with ledger.transaction():
        ledger.project(project_id)  # an unknown project is refused with a plain line
        state = {
            "project_id": project_id,
            "price_fen_per_t": price,
            "reason": reason,
            "set_by": actor,
            "set_at": ledger.change_time(),
        }
        ledger.conn.execute(
            "INSERT INTO price_overrides (project_id, price_fen_per_t, reason, set_by, set_at)"
            " VALUES (:project_id, :price_fen_per_t, :reason, :set_by, :set_at)"
            " ON CONFLICT (project_id) DO UPDATE SET price_fen_per_t = excluded.price_fen_per_t,"
            " reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at",
            state,
        )
        ledger.audit("price", project_id, action, actor, state)


def prices(ledger: Ledger) -> dict[str, PriceOverride]:
    """The local prices in force, by project."""
    rows = ledger.conn.execute(
        "SELECT * FROM price_overrides WHERE price_fen_per_t IS NOT NULL ORDER BY project_id"
    ).fetchall()
    return {row["project_id"]: PriceOverride(**dict(row)) for row in rows}


# -- factors ----------------------------------------------------------------------------------


def set_factor(ledger: Ledger, factor: LocalFactor, actor: str) -> None:
    """Use this value for one factor on this kiosk; checked against the table now in force."""
    base = base_factors(ledger)
    if factor.factor_id not in base:
        raise InputError("factor", f"{factor.factor_id!r} is not in factor table {base.version}")
    published = base[factor.factor_id].kg_per_unit
    low, high = published / FACTOR_SPAN, published * FACTOR_SPAN
    if not plausible(factor, base):
        raise InputError(
            "kg_per_unit",
            f"must be within {FACTOR_SPAN}x of the table's {published} ({_plain(low)} to"
            f" {_plain(high)}); a bigger change belongs in the registry's factor table",
        )
    state = {
        **factor.as_row(),
        "reason": _reason(factor.reason),
        "set_by": actor,
    }
    _write_factor(ledger, state, actor, "set")


def clear_factor(ledger: Ledger, factor_id: str, actor: str) -> None:
    """Back to the factor table's value."""
    row = ledger.conn.execute(
        "SELECT * FROM factor_overrides WHERE factor_id = ? AND kg_per_unit IS NOT NULL",
        (factor_id,),
    ).fetchone()
    if row is None:
        raise InputError("factor", f"{factor_id!r} has no local value to clear")
    state = {**dict(row), "kg_per_unit": None, "reason": "cleared", "set_by": actor}
    _write_factor(ledger, state, actor, "clear")


def _write_factor(ledger: Ledger, state: dict[str, Any], actor: str, action: str) -> None:
    with ledger.transaction():
        state = {**state, "set_at": ledger.change_time()}
        ledger.conn.execute(
            "INSERT INTO factor_overrides (factor_id, kg_per_unit, publisher, dataset, year, url,"
            " reason, set_by, set_at) VALUES (:factor_id, :kg_per_unit, :publisher, :dataset,"
            " :year, :url, :reason, :set_by, :set_at) ON CONFLICT (factor_id) DO UPDATE SET"
            " kg_per_unit = excluded.kg_per_unit, publisher = excluded.publisher,"
            " dataset = excluded.dataset, year = excluded.year, url = excluded.url,"
            " reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at",
            state,
        )
        ledger.audit("factor", state["factor_id"], action, actor, state)


def local_factors(ledger: Ledger) -> list[LocalFactor]:
    rows = _read_old_safe(
        ledger, "SELECT * FROM factor_overrides WHERE kg_per_unit IS NOT NULL ORDER BY factor_id"
    )
    return [LocalFactor.from_row(dict(row)) for row in rows or ()]


def _read_old_safe(ledger: Ledger, sql: str) -> list[sqlite3.Row] | None:
    """Rows, or None from a ledger older than the table (`diandian footprint --db` opens it
    read-only, so it is not migrated): such a ledger has no pulled table or local values."""
    try:
        rows = ledger.conn.execute(sql).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return None
    return rows


# -- the table in force -----------------------------------------------------------------------


def base_factors(ledger: Ledger) -> FactorTable:
    """The pulled table when there is one and it is not older than the shipped one."""
    shipped = load_factors()
    rows = _read_old_safe(ledger, "SELECT version, data FROM pulled WHERE kind = 'factors'")
    row = rows[0] if rows else None
    if row is None or _version_key(row["version"]) < _version_key(shipped.version):
        return shipped
    try:
        return _parsed(row["version"], row["data"])
    except DataError as exc:  # the sync job checked it; a bad one here was edited by hand
        log.error("pulled factor table %s unusable, using the shipped one: %s", row[0], exc)
        return shipped


def effective_factors(ledger: Ledger) -> FactorTable:
    """What a footprint computed now uses: the base table with this kiosk's local values,
    but for one a newer table has since moved more than FACTOR_SPAN away from (stale: the
    table's value is used, and the factors panel says so)."""
    return _with_local(base_factors(ledger), ledger)


def _with_local(base: FactorTable, ledger: Ledger) -> FactorTable:
    local = []
    for item in local_factors(ledger):
        if plausible(item, base):
            local.append(item)
        else:
            log.warning("local %s not applied: table %s moved", item.factor_id, base.version)
    return with_overrides(base, tuple(local))


def plausible(item: LocalFactor, base: FactorTable) -> bool:
    """Within FACTOR_SPAN times the table's value either way (a factor the table lacks is
    left out by with_overrides anyway)."""
    if item.factor_id not in base:
        return True
    published = base[item.factor_id].kg_per_unit
    if not published:
        return True
    return published / FACTOR_SPAN <= item.kg_per_unit <= published * FACTOR_SPAN


def factors_for(ledger: Ledger, version: str, order_id: str) -> FactorTable | None:
    """The table an order was computed with, found by its version: the one in force now, the
    base or shipped one, or the base with the local values in force when the order was made
    (the audit log, in its own order). None when none matches (the pulled table changed since):
    then a slip names the version but cites nothing, rather than sources that were not used."""
    base = base_factors(ledger)
    for table in (_with_local(base, ledger), base, load_factors()):
        if table.version == version:
            return table
    then = with_overrides(base, tuple(_local_before(ledger, order_id)))
    return then if then.version == version else None


def _local_before(ledger: Ledger, order_id: str) -> list[LocalFactor]:
    """The local factors as they stood when ORDER_ID was created (by audit row, not clock)."""
    states: dict[str, dict[str, Any]] = {}  # each factor's last audit state, as JSON
    for factor_id, text in ledger.conn.execute(
        "SELECT entity_id, state FROM audit WHERE entity = 'factor' AND id < ("
        " SELECT MIN(id) FROM audit WHERE entity = 'order' AND entity_id = ?) ORDER BY id",
        (order_id,),
    ):
        states[factor_id] = json.loads(text)
    return [
        LocalFactor.from_row(state)
        for _, state in sorted(states.items())
        if state.get("kg_per_unit") is not None
    ]


@lru_cache(maxsize=4)
def _parsed(version: str, data: str) -> FactorTable:
    """Parsed once per pulled version: every visit reads the table in force."""
    return parse_factor_table(json.loads(data))


def _version_key(version: str) -> tuple[int, ...]:
    """2026.11.1 -> (2026, 11, 1); a version that is not dotted numbers sorts first."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()


def parse_factor_value(text: str) -> Decimal:
    """A factor typed by an admin: a plain decimal number of kg CO2e per unit, > 0."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise InputError(
            "kg_per_unit", f"{text!r} is not a decimal number such as 0.5306"
        ) from None
    if not value.is_finite() or value <= 0:
        raise InputError("kg_per_unit", "must be a number above 0, such as 0.5306")
    return value


def _reason(text: str) -> str:
    text = " ".join(str(text or "").split())
    if not text:
        raise InputError("reason", "say why (a few words), so the audit log explains the change")
    if len(text) > MAX_REASON:
        raise InputError("reason", f"keep it to {MAX_REASON} characters")
    return text


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")

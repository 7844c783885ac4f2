"""What an administrator may change on this kiosk beyond settings: the price a project sells at
and the value of an emission factor. The console calls these; each refuses a cashier, so a
hidden tab is not the only guard, and each records who made the change (the audit log).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kiosk.accounts import Account
from kiosk.cashier_ops import parse_amount, require_admin
from kiosk.errors import InputError
from kiosk.factors import Factor, LocalFactor
from kiosk.ledger import Ledger, overrides
from kiosk.ledger.overrides import PriceOverride, parse_factor_value

FACTOR_SPAN = overrides.FACTOR_SPAN  # how far from the table a local value may be


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One project on the prices panel."""

    project_id: str
    name: str
    catalogue_fen_per_t: int
    local: PriceOverride | None

    @property
    def in_force_fen_per_t(self) -> int:
        return self.local.price_fen_per_t if self.local else self.catalogue_fen_per_t


@dataclass(frozen=True, slots=True)
class FactorRow:
    """One factor on the factors panel: the table's value and this kiosk's, if it has one."""

    table_version: str
    published: Factor
    local: LocalFactor | None
    applied: bool = True  # False: the table moved too far from the local value to use it


def price_rows(ledger: Ledger) -> list[PriceRow]:
    local = overrides.prices(ledger)
    return [
        PriceRow(
            project_id=stock.project.id,
            name=" · ".join(dict.fromkeys(stock.project.label(lang) for lang in ("zh", "en"))),
            catalogue_fen_per_t=ledger.catalogue_price(stock.project.id),
            local=local.get(stock.project.id),
        )
        for stock in ledger.stock()
    ]


def set_price(ledger: Ledger, account: Account, project_id: str, yuan: str, reason: str) -> int:
    """YUAN per tonne as typed ("85", "85.50"), for orders opened from now on; the fen set."""
    require_admin(account, "change prices")
    try:
        fen = parse_amount(yuan)
    except InputError as exc:
        raise InputError("price", exc.message) from None
    overrides.set_price(ledger, project_id, fen, reason, account.name)
    return fen


def clear_price(ledger: Ledger, account: Account, project_id: str) -> None:
    require_admin(account, "change prices")
    overrides.clear_price(ledger, project_id, account.name)


def factor_rows(ledger: Ledger) -> list[FactorRow]:
    base = overrides.base_factors(ledger)
    local = {item.factor_id: item for item in overrides.local_factors(ledger)}
    rows = []
    for factor in sorted(base.factors.values(), key=lambda f: f.id):
        mine = local.get(factor.id)
        applied = mine is None or overrides.plausible(mine, base)  # as effective_factors does
        rows.append(FactorRow(base.version, factor, mine, applied))
    return rows


def set_factor(
    ledger: Ledger,
    account: Account,
    factor_id: str,
    value: str,
    *,
    publisher: str,
    dataset: str,
    year: str,
    url: str,
    reason: str,
) -> None:
    """A factor value typed in the console, with the source it comes from (all required)."""
    require_admin(account, "change emission factors")
    if not year.strip().isdigit():
        raise InputError("year", "must be a whole year such as 2025")
    item = LocalFactor(
        factor_id=factor_id,
        kg_per_unit=parse_factor_value(value),
        publisher=publisher,
        dataset=dataset,
        year=int(year),
        url=url.strip(),
        reason=reason,
    )
    overrides.set_factor(ledger, item, account.name)


def clear_factor(ledger: Ledger, account: Account, factor_id: str) -> None:
    require_admin(account, "change emission factors")
    overrides.clear_factor(ledger, factor_id, account.name)


def ratio(row: FactorRow) -> Decimal | None:
    """The local value as a share of the published one (1.25 = 25 % more), for the panel."""
    if row.local is None or not row.published.kg_per_unit:
        return None
    return row.local.kg_per_unit / row.published.kg_per_unit

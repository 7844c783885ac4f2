"""The versioned emission-factor table: every number carries its publisher, dataset, year and URL.

Values are kept as Decimal, parsed from the strings in factors.toml, so that a footprint in grams
is exactly quantity x factor and never drifts through binary floating point.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from types import MappingProxyType

from kiosk.errors import DataError, InputError
from kiosk.records import Record
from kiosk.resources import load_toml
from kiosk.timestamps import YEARS_ALLOWED, is_data_year

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

MAX_SOURCE_TEXT, MAX_URL = 120, 300  # a local factor's publisher / dataset, and its URL
UNITS = frozenset({"pkm", "vkm", "room_night", "meal", "person_day", "kWh", "m3", "kg"})
_REQUIRED = ("id", "unit", "kg_per_unit", "gas", "covers", "publisher", "dataset", "year", "url")
# The engine multiplies by these; a table without them (an older one a registry still serves)
# is refused when pulled rather than failing a customer's footprint.
REQUIRED_CONSTANTS = (
    "flight_distance_uplift",
    "flight_short_haul_max_km",
    "china_domestic_flight_average_km",
    "rail_detour_factor",
    "road_detour_factor",
)
_FILE = "factors/factors.toml"
# A certificate's QR carries the version: 16 characters, plus 8 for local values (+L3f9a0c),
# keep the largest certificate at QR version 10 (tests/kiosk/certificate/test_payload.py).
_VERSION = re.compile(r"[0-9A-Za-z._-]{1,16}")


class Factor(Record):
    """One emission factor and where it comes from (a frozen record, kiosk/records.py)."""

    FIELDS = (
        "id",
        "unit",
        "kg_per_unit",
        "gas",
        "covers",
        "publisher",
        "dataset",
        "year",
        "url",
        "derivation",
        "label",
        "cite",
        "source",
    )
    __slots__ = FIELDS
    # One line for a breakdown or a slip: who published it, what, when, where. Worked out once
    # (every footprint line carries it), and again by with_overrides when a local value changes it.
    DERIVED = ("source",)
    id: str
    unit: str
    kg_per_unit: Decimal
    gas: str
    covers: str
    publisher: str
    dataset: str
    year: int
    url: str
    derivation: str
    label: Mapping[str, str]
    cite: str  # short citation for a slip's one-line sources
    source: str

    def __init__(
        self,
        id: str,
        unit: str,
        kg_per_unit: Decimal,
        gas: str,
        covers: str,
        publisher: str,
        dataset: str,
        year: int,
        url: str,
        derivation: str,
        label: Mapping[str, str],
        cite: str = "",
    ) -> None:
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "unit", unit)
        set_(self, "kg_per_unit", kg_per_unit)
        set_(self, "gas", gas)
        set_(self, "covers", covers)
        set_(self, "publisher", publisher)
        set_(self, "dataset", dataset)
        set_(self, "year", year)
        set_(self, "url", url)
        set_(self, "derivation", derivation)
        set_(self, "label", label)
        set_(self, "cite", cite)
        set_(self, "source", f"{publisher}, {dataset} ({year}) {url}")

    def name(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


class Constant(Record):
    """A number the engine multiplies by (an uplift, a detour factor), with its source."""

    FIELDS = ("value", "unit", "source")
    __slots__ = FIELDS
    value: Decimal
    unit: str
    source: str

    def __init__(self, value: Decimal, unit: str, source: str) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "source", source)


class FactorTable(Record):
    """One version of the factor table: the factors and the constants, by id."""

    FIELDS = ("version", "factors", "constants")
    __slots__ = FIELDS
    version: str
    factors: Mapping[str, Factor]
    constants: Mapping[str, Constant]

    def __init__(
        self, version: str, factors: Mapping[str, Factor], constants: Mapping[str, Constant]
    ) -> None:
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "factors", factors)
        object.__setattr__(self, "constants", constants)

    def __getitem__(self, factor_id: str) -> Factor:
        return self.factors[factor_id]

    def __contains__(self, factor_id: object) -> bool:
        return factor_id in self.factors

    def constant(self, name: str) -> Decimal:
        return self.constants[name].value


def _decimal(text: Any, where: str) -> Decimal:
    if not isinstance(text, str):
        raise DataError(f"{where}: write the number as a quoted decimal string, got {text!r}")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise DataError(f"{where}: {text!r} is not a decimal number") from exc
    if not value.is_finite() or value < 0:
        raise DataError(f"{where}: {text!r} must be a finite number >= 0")
    return value


def _factor(row: dict[str, Any], index: int) -> Factor:
    where = f"{_FILE} factor #{index + 1} ({row.get('id', '?')})"
    missing = [key for key in _REQUIRED if not row.get(key)]
    if missing:
        raise DataError(f"{where}: missing {', '.join(missing)}")
    if row["unit"] not in UNITS:
        raise DataError(f"{where}: unit {row['unit']!r} is not one of {', '.join(sorted(UNITS))}")
    if not is_data_year(row["year"]):
        raise DataError(f"{where}: year must be {YEARS_ALLOWED}, such as 2025")
    if not str(row["url"]).startswith(("https://", "http://")):
        raise DataError(f"{where}: url must start with https:// or http://")
    return Factor(
        id=row["id"],
        unit=row["unit"],
        kg_per_unit=_decimal(row["kg_per_unit"], f"{where} kg_per_unit"),
        gas=row["gas"],
        covers=row["covers"],
        publisher=row["publisher"],
        dataset=row["dataset"],
        year=row["year"],
        url=row["url"],
        derivation=row.get("derivation", ""),
        label=MappingProxyType(dict(row.get("label", {}))),
        cite=row.get("cite", "") or row["publisher"],
    )


def parse_factor_table(data: dict[str, Any]) -> FactorTable:
    """Validate a parsed factor table (shipped or pulled by sync) before anything uses it."""
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise DataError(f"{_FILE}: missing the table's version string")
    if not _VERSION.fullmatch(version):  # it is printed on slips and carried in the QR
        raise DataError(
            f"{_FILE}: version {version[:40]!r} must be up to 24 letters, digits, . _ -"
        )
    factors: dict[str, Factor] = {}
    for index, row in enumerate(data.get("factor", [])):
        factor = _factor(row, index)
        if factor.id in factors:
            raise DataError(f"{_FILE}: factor id {factor.id!r} appears twice")
        factors[factor.id] = factor
    constants = {
        name: Constant(
            value=_decimal(entry.get("value"), f"{_FILE} constants.{name}"),
            unit=entry.get("unit", ""),
            source=f"{entry.get('publisher', '')}, {entry.get('dataset', '')} "
            f"({entry.get('year', '')}) {entry.get('url', '')}",
        )
        for name, entry in data.get("constants", {}).items()
    }
    missing = [name for name in REQUIRED_CONSTANTS if name not in constants]
    if missing:
        raise DataError(f"{_FILE}: missing constants {', '.join(missing)}")
    return FactorTable(version, MappingProxyType(factors), MappingProxyType(constants))


@cache
def load_factors() -> FactorTable:
    """The factor table shipped in resources (a later sync may replace it with a newer one)."""
    return parse_factor_table(load_toml(*_FILE.split("/")))


class LocalFactor(Record):
    """A value an admin set on this kiosk for one factor, with the source it comes from."""

    FIELDS = (
        "factor_id",
        "kg_per_unit",
        "publisher",
        "dataset",
        "year",
        "url",
        "reason",
        "set_by",
        "set_at",
    )
    __slots__ = FIELDS
    factor_id: str
    kg_per_unit: Decimal
    publisher: str
    dataset: str
    year: int
    url: str
    reason: str
    set_by: str
    set_at: str

    def __init__(
        self,
        factor_id: str,
        kg_per_unit: Decimal,
        publisher: str,
        dataset: str,
        year: int,
        url: str,
        reason: str = "",
        set_by: str = "",
        set_at: str = "",
    ) -> None:
        set_ = object.__setattr__
        set_(self, "factor_id", factor_id)
        set_(self, "kg_per_unit", kg_per_unit)
        set_(self, "publisher", publisher)
        set_(self, "dataset", dataset)
        set_(self, "year", year)
        set_(self, "url", url)
        set_(self, "reason", reason)
        set_(self, "set_by", set_by)
        set_(self, "set_at", set_at)
        self._check()

    def _check(self) -> None:
        for name in ("publisher", "dataset"):
            text = str(getattr(self, name)).strip()
            if not text:
                raise InputError(name, "name where the number comes from (required)")
            if len(text) > MAX_SOURCE_TEXT:  # printed on slips and shown on the certificate
                raise InputError(name, f"keep it to {MAX_SOURCE_TEXT} characters")
        if len(self.url) > MAX_URL:
            raise InputError("url", f"keep it to {MAX_URL} characters")
        if not is_data_year(self.year):
            raise InputError("year", f"must be {YEARS_ALLOWED}, such as 2025")
        if not self.url.startswith(("https://", "http://")) or " " in self.url.strip():
            raise InputError("url", "must be a web address starting with https:// or http://")

    def as_row(self) -> dict[str, Any]:
        return {
            "factor_id": self.factor_id,
            "kg_per_unit": str(self.kg_per_unit),
            "publisher": self.publisher.strip(),
            "dataset": self.dataset.strip(),
            "year": self.year,
            "url": self.url.strip(),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> LocalFactor:
        return cls(
            factor_id=row["factor_id"],
            kg_per_unit=Decimal(row["kg_per_unit"]),
            publisher=row["publisher"],
            dataset=row["dataset"],
            year=row["year"],
            url=row["url"],
            reason=row.get("reason", ""),
            set_by=row.get("set_by", ""),
            set_at=row.get("set_at", ""),
        )


def with_overrides(table: FactorTable, local: tuple[LocalFactor, ...]) -> FactorTable:
    """TABLE with this kiosk's local values; its version names them (`2026.11.1+L3f9a0c`),
    so an order or certificate made with them says so. A local value for a factor the table no
    longer has is left out, and a table with none applied keeps its own version."""
    factors = dict(table.factors)
    applied = []
    for item in local:
        old = factors.get(item.factor_id)
        if old is None:
            continue  # a factor the new table dropped: nothing computes with it any more
        applied.append(item)
        factors[item.factor_id] = Factor(
            id=old.id,
            unit=old.unit,
            kg_per_unit=item.kg_per_unit,
            gas=old.gas,
            covers=old.covers,
            publisher=item.publisher,
            dataset=item.dataset,
            year=item.year,
            url=item.url,
            derivation=f"set on this kiosk by {item.set_by} at {item.set_at}: {item.reason}"
            f" (table {table.version}: {old.kg_per_unit})",
            label=old.label,
            cite=f"{item.publisher} (local)",
        )
    if not applied:
        return table
    import hashlib  # here, not at the top: OpenSSL's start-up is felt by `diandian footprint`

    digest = hashlib.sha256(
        repr(sorted(tuple(item.as_row().values()) for item in applied)).encode()
    ).hexdigest()[:6]
    return FactorTable(f"{table.version}+L{digest}", MappingProxyType(factors), table.constants)

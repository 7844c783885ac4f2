"""Venues a kiosk can stand in: the city that is every trip's destination, scenarios, timeouts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from kiosk.cities import City, load_cities
from kiosk.errors import DataError, InputError
from kiosk.factors import load_factors
from kiosk.resources import load_toml


@dataclass(frozen=True, slots=True)
class Venue:
    id: str
    name: Mapping[str, str]
    kind: str
    city: City
    scenarios: tuple[str, ...]
    popular_origins: tuple[City, ...]
    idle_timeout_s: int
    min_charge_fen: int
    grid: str = ""  # electricity grid for "my year" and electric cars; "" = the province's rule


@cache
def _load() -> tuple[str, Mapping[str, Venue]]:
    return parse_venues(load_toml("venues", "venues.toml"))


def parse_venues(data: Mapping[str, Any]) -> tuple[str, Mapping[str, Venue]]:
    """The default venue's id and every venue, checked; a bad entry raises DataError."""
    cities = load_cities()
    venues: dict[str, Venue] = {}
    for venue_id, spec in data.get("venue", {}).items():
        try:
            venues[venue_id] = Venue(
                id=venue_id,
                name=MappingProxyType(dict(spec["name"])),
                kind=spec["kind"],
                city=cities.get(spec["city"]),
                scenarios=tuple(spec["scenarios"]),
                popular_origins=tuple(cities.get(c) for c in spec.get("popular_origins", ())),
                idle_timeout_s=int(spec.get("idle_timeout_s", 60)),
                min_charge_fen=int(spec.get("min_charge_fen", 0)),
                grid=_grid(venue_id, spec.get("grid", "")),
            )
        except KeyError as exc:
            raise DataError(f"venues.toml venue {venue_id!r}: unknown or missing {exc}") from exc
    default = data.get("default", "")
    if default not in venues:
        raise DataError(f"venues.toml: default venue {default!r} is not defined")
    return default, MappingProxyType(venues)


def grids() -> tuple[str, ...]:
    """The grid settings a venue may choose: "china" and each province the shipped table has
    an electricity factor (and an electric-car factor) for."""
    table = load_factors()
    found = [
        fid.removeprefix("electricity_").removesuffix("_grid")
        for fid in table.factors
        if fid.startswith("electricity_") and fid.endswith("_grid")
    ]
    return tuple(g for g in found if g == "china" or f"car_electric_{g}" in table)


def _grid(venue_id: str, setting: object) -> str:
    if setting == "":
        return ""
    if not isinstance(setting, str) or setting not in grids():
        raise DataError(
            f"venues.toml venue {venue_id!r}: grid {setting!r} is not one of "
            f"{', '.join(grids())} (or leave it out: the venue's province if it has one)"
        )
    return setting


def load_venues() -> Mapping[str, Venue]:
    return _load()[1]


def get_venue(venue_id: str | None = None) -> Venue:
    """The named venue, or the default (demo) one; an unknown id is the user's error."""
    default, venues = _load()
    key = venue_id or default
    if key not in venues:
        raise InputError("venue", f"unknown {key!r}; allowed: {', '.join(venues)}")
    return venues[key]

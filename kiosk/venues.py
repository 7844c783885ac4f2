"""Venues a kiosk can stand in: the city that is every trip's destination, scenarios, timeouts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from kiosk.cities import City, load_cities
from kiosk.errors import DataError, InputError
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


@cache
def _load() -> tuple[str, Mapping[str, Venue]]:
    data = load_toml("venues", "venues.toml")
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
            )
        except KeyError as exc:
            raise DataError(f"venues.toml venue {venue_id!r}: unknown or missing {exc}") from exc
    default = data.get("default", "")
    if default not in venues:
        raise DataError(f"venues.toml: default venue {default!r} is not defined")
    return default, MappingProxyType(venues)


def load_venues() -> Mapping[str, Venue]:
    return _load()[1]


def get_venue(venue_id: str | None = None) -> Venue:
    """The named venue, or the default (demo) one; an unknown id is the user's error."""
    default, venues = _load()
    key = venue_id or default
    if key not in venues:
        raise InputError("venue", f"unknown {key!r}; allowed: {', '.join(venues)}")
    return venues[key]

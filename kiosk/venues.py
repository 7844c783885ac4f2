"""Venues a kiosk can stand in: the city that is every trip's destination, scenarios, timeouts.

One parser (`venue_from_spec`) reads a venue wherever it comes from: the shipped
resources/venues/venues.toml, or the registry's own venue table (the same fields as JSON), so
a venue the registry's phone flow serves follows the kiosk's rules exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from kiosk import tablecache
from kiosk.cities import City, CityTable, load_cities
from kiosk.errors import DataError, InputError
from kiosk.records import Record
from kiosk.resources import load_toml, resource

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

# A venue id is part of the phone flow's address (/v/ID, printed on the entrance poster).
VENUE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LANGS = ("zh", "en", "fr")


class Venue(Record):
    """A place a kiosk stands: its city, grid, scenarios and settings (a frozen record,
    kiosk/records.py)."""

    FIELDS = (
        "id",
        "name",
        "kind",
        "city",
        "scenarios",
        "popular_origins",
        "idle_timeout_s",
        "min_charge_fen",
        "grid",
        "event",
    )
    __slots__ = FIELDS
    id: str
    name: Mapping[str, str]
    kind: str
    city: City
    scenarios: tuple[str, ...]
    popular_origins: tuple[City, ...]
    idle_timeout_s: int
    min_charge_fen: int
    grid: str  # electricity grid for "my year" and electric cars; "" = the province's rule
    # the event held there now ("" in every language: none), shown under the venue's name
    event: Mapping[str, str]

    def __init__(
        self,
        id: str,
        name: Mapping[str, str],
        kind: str,
        city: City,
        scenarios: tuple[str, ...],
        popular_origins: tuple[City, ...],
        idle_timeout_s: int,
        min_charge_fen: int,
        grid: str = "",
        event: Mapping[str, str] | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "name", name)
        set_(self, "kind", kind)
        set_(self, "city", city)
        set_(self, "scenarios", scenarios)
        set_(self, "popular_origins", popular_origins)
        set_(self, "idle_timeout_s", idle_timeout_s)
        set_(self, "min_charge_fen", min_charge_fen)
        set_(self, "grid", grid)
        set_(self, "event", MappingProxyType({}) if event is None else event)


@cache
def _load() -> tuple[str, Mapping[str, Venue]]:
    """The shipped venues, checked in full (parse_venues) once per version of what the check
    reads, the outcome kept in the table cache as plain values: a kiosk makes its Venue from
    it at start without importing the scenarios and the factor table (its first frame needs
    neither: they load after it)."""
    default, rows, _labels = _checked()
    cities = load_cities()
    venues = {row[0]: _venue(row, cities) for row in rows}
    return default, MappingProxyType(venues)


@cache
def _checked() -> tuple[str, list[tuple[Any, ...]], dict[str, dict[str, str]]]:
    """(default id, each venue's fields as plain values, each scenario's name by language),
    from the table cache, keyed by venues.toml and every file parse_venues' check reads."""
    here = Path(__file__).parent
    code = (
        *(here / name for name in ("venues.py", "scenarios.py", "factors.py", "cities.py")),
        resource("scenarios", "scenarios.toml"),
        resource("factors", "factors.toml"),
        resource("cities", "cities.csv"),
    )
    found: tuple[str, list[tuple[Any, ...]], dict[str, dict[str, str]]]
    found = tablecache.cached(resource("venues", "venues.toml"), _check, code=code)
    return found


def _check(_data: bytes) -> tuple[str, list[tuple[Any, ...]], dict[str, dict[str, str]]]:
    from kiosk.scenarios import load_scenarios

    default, venues = parse_venues(load_toml("venues", "venues.toml"))
    rows = [
        (
            *(v.id, dict(v.name), v.kind, v.city.id, v.scenarios),
            tuple(city.id for city in v.popular_origins),
            *(v.idle_timeout_s, v.min_charge_fen, v.grid, dict(v.event)),
        )
        for v in venues.values()
    ]
    labels = {key: dict(scenario.label) for key, scenario in load_scenarios().items()}
    return default, rows, labels


def _venue(row: tuple[Any, ...], cities: CityTable) -> Venue:
    """A Venue from the fields _check kept (checked then: nothing to check again)."""
    (id_, name, kind, city, scenarios, popular, idle_timeout_s, min_charge_fen, grid, event) = row
    return Venue(
        *(id_, MappingProxyType(name), kind, cities.get(city), tuple(scenarios)),
        tuple(cities.get(c) for c in popular),
        *(idle_timeout_s, min_charge_fen, grid, MappingProxyType(event)),
    )


def scenario_labels() -> Mapping[str, Mapping[str, str]]:
    """Each scenario's name by language, as load_scenarios() gives them (kept with the checked
    venues): the attract screen lists its venue's before the scenarios themselves load."""
    return _checked()[2]


def _texts(venue_id: str, spec: Mapping[str, Any], key: str, required: bool) -> Mapping[str, str]:
    texts = spec.get(key, {} if not required else None)
    if not isinstance(texts, Mapping) or any(
        not isinstance(texts.get(lang, ""), str) for lang in LANGS
    ):
        raise DataError(f"venue {venue_id!r}: {key} needs zh, en and fr text")
    if required and not all(texts.get(lang) for lang in LANGS):
        raise DataError(f"venue {venue_id!r}: {key} needs zh, en and fr text")
    return MappingProxyType({lang: str(texts[lang]) for lang in LANGS if texts.get(lang)})


def _whole(venue_id: str, spec: Mapping[str, Any], key: str, default: int, high: int) -> int:
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise DataError(f"venue {venue_id!r}: {key} must be a whole number from 0 to {high}")
    return value


def venue_from_spec(
    venue_id: str, spec: Mapping[str, Any], cities: CityTable | None = None
) -> Venue:
    """One venue from its table (venues.toml's `[venue.ID]`, or the registry's stored copy);
    DataError names the venue and what is wrong."""
    if not VENUE_ID.match(venue_id):
        raise DataError(
            f"venue id {venue_id!r}: use 1 to 63 lower-case letters, digits and '-' "
            "(it is part of the phone flow's address)"
        )
    if not isinstance(spec, Mapping):
        raise DataError(f"venue {venue_id!r}: expected a table")
    from kiosk.scenarios import load_scenarios

    cities = cities or load_cities()
    scenarios = spec.get("scenarios")
    known = load_scenarios()
    if not isinstance(scenarios, list | tuple) or not scenarios:
        raise DataError(f"venue {venue_id!r}: scenarios must list at least one scenario")
    unknown = [s for s in scenarios if s not in known]
    if unknown:
        raise DataError(
            f"venue {venue_id!r}: unknown scenario {unknown[0]!r}; allowed: {', '.join(known)}"
        )
    try:
        return Venue(
            id=venue_id,
            name=_texts(venue_id, spec, "name", required=True),
            kind=str(spec["kind"]),
            city=cities.get(spec["city"]),
            scenarios=tuple(scenarios),
            popular_origins=tuple(cities.get(c) for c in spec.get("popular_origins", ())),
            idle_timeout_s=_whole(venue_id, spec, "idle_timeout_s", 60, 86_400),
            min_charge_fen=_whole(venue_id, spec, "min_charge_fen", 0, 100_000_00),
            grid=_grid(venue_id, spec.get("grid", "")),
            event=_texts(venue_id, spec, "event", required=False),
        )
    except KeyError as exc:
        raise DataError(f"venue {venue_id!r}: unknown or missing {exc}") from exc
    except TypeError as exc:
        raise DataError(f"venue {venue_id!r}: a field has the wrong type ({exc})") from exc


def parse_venues(data: Mapping[str, Any]) -> tuple[str, Mapping[str, Venue]]:
    """The default venue's id and every venue, checked; a bad entry raises DataError."""
    cities = load_cities()
    venues = {
        venue_id: venue_from_spec(venue_id, spec, cities)
        for venue_id, spec in data.get("venue", {}).items()
    }
    default = data.get("default", "")
    if default not in venues:
        raise DataError(f"venues.toml: default venue {default!r} is not defined")
    return default, MappingProxyType(venues)


def grids() -> tuple[str, ...]:
    """The grid settings a venue may choose: "china" and each province the shipped table has
    an electricity factor (and an electric-car factor) for."""
    from kiosk.factors import load_factors

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


def shipped_specs() -> dict[str, dict[str, Any]]:
    """The shipped venues as their tables (what `registry init --demo` imports)."""
    return dict(load_toml("venues", "venues.toml").get("venue", {}))


def get_venue(venue_id: str | None = None) -> Venue:
    """The named venue, or the default (demo) one; an unknown id is the user's error."""
    default, venues = _load()
    key = venue_id or default
    if key not in venues:
        raise InputError("venue", f"unknown {key!r}; allowed: {', '.join(venues)}")
    return venues[key]

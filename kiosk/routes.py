"""Real distances along the line or road for a few city pairs, read in published sources.

resources/cities/routes.csv lists them (SOURCES.md says where each was read); for any other pair
the engine multiplies the great-circle distance by a cited detour factor. Standard library only,
read once, because the footprint engine asks on every trip.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from kiosk.resources import resource


@functools.cache
def _routes() -> dict[tuple[str, str, str], tuple[Decimal, str]]:
    import csv  # only when a ground trip asks: a flight's footprint never reads the file

    text = resource("cities", "routes.csv").read_text(encoding="utf-8")
    table: dict[tuple[str, str, str], tuple[Decimal, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        for mode in row["modes"].split():
            for a, b in ((row["from"], row["to"]), (row["to"], row["from"])):
                table[(a, b, mode)] = (Decimal(row["km"]), row["source"])
    return table


def route_km(origin: str, destination: str, mode: str) -> Decimal | None:
    """The published one-way distance between two city ids for MODE, or None."""
    found = _routes().get((origin, destination, mode))
    return found[0] if found else None


def route_source(origin: str, destination: str, mode: str) -> str:
    found = _routes().get((origin, destination, mode))
    return found[1] if found else ""

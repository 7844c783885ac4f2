"""The registry's own venue table: what a venue's phone flow shows and computes with.

Imported and edited like projects (`diandian registry import-venues FILE`, the format of
resources/venues/venues.toml; importing a venue again replaces its data), each checked by the
kiosk's own venue parser (kiosk.venues.venue_from_spec) before anything is written. A kiosk's
venue must exist here for its phone flow. Importing a venue also makes its issuer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from kiosk.cities import load_cities
from kiosk.errors import DataError
from kiosk.venues import Venue, venue_from_spec
from sync.registry import phone_storage
from sync.registry.phone.issuer import ensure_issuer


def import_venues(*, conn: Connection, data: Mapping[str, Any], source: str) -> list[str]:
    """Venues in venues.toml's format (`[venue.ID]` tables); all checked, then written."""
    table = data.get("venue")
    if not isinstance(table, Mapping) or not table:
        raise DataError(f"{source}: expected [venue.ID] tables (the format of venues.toml)")
    cities = load_cities()
    checked = []
    for venue_id, spec in table.items():
        try:
            venue_from_spec(str(venue_id), spec, cities)
        except DataError as exc:
            raise DataError(f"{source}: {exc}") from None
        checked.append((str(venue_id), json.dumps(spec, ensure_ascii=False, sort_keys=True)))
    known = {row.venue_id for row in phone_storage.list_venues(conn=conn)}
    for index, (venue_id, text) in enumerate(checked):
        position = len(known) + index
        phone_storage.save_venue(conn=conn, venue_id=venue_id, position=position, data=text)
        ensure_issuer(conn=conn, venue_id=venue_id)
    return [venue_id for venue_id, _ in checked]


def load_all(*, conn: Connection) -> dict[str, Venue]:
    """Every venue the registry serves, parsed (a stored one that no longer parses, e.g. a
    city since removed, is left out and logged by the caller's page as unknown)."""
    cities = load_cities()
    found: dict[str, Venue] = {}
    for row in phone_storage.list_venues(conn=conn):
        try:
            found[row.venue_id] = venue_from_spec(row.venue_id, json.loads(row.data), cities)
        except (DataError, ValueError):
            continue
    return found

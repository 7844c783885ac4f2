"""Demo mode (`diandian registry init --demo`): a registry a new user can try at once.

It loads the demo catalogue (resources/catalogue/demo_projects.toml) with the first
DEMO_RETIRED_T tonnes of each project's first serial block retired (as the exchange would
retire them, under an invented reference), the demo venues (resources/venues/venues.toml,
each with its phone flow's issuer) and turns on the simulated payment provider. Everything it
loads says "Demo"; running it again adds nothing twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kiosk.resources import load_toml, resource
from sync.registry import credits, operations, storage
from sync.registry.phone import venues
from sync.registry.phone.context import DEMO_SETTING
from sync.registry.phone.issuer import ensure_key

DEMO_RETIRED_T = 100
PROJECTS = ("catalogue", "demo_projects.toml")


def demo_projects() -> dict[str, Any]:
    return operations.read_file(Path(str(resource(*PROJECTS))))


def load_demo(*, conn: Connection) -> dict[str, list[str]]:
    """Load what demo mode needs (what is already there is kept); the ids loaded."""
    known = {row.project_id for row in storage.list_projects(conn=conn)}
    data = demo_projects()
    fresh = [row for row in data["project"] if row["id"] not in known]
    projects: list[str] = []
    if fresh:
        projects = operations.import_projects(
            conn=conn, data={**data, "project": fresh}, source="demo projects"
        )
    for number, row in enumerate(fresh, 1):
        prefix, first, _, width = operations.parse_block(row["serials"][0], row["id"])
        last = first + DEMO_RETIRED_T - 1
        credits.retire_blocks(
            conn=conn,
            project_id=row["id"],
            serials=f"{prefix}{first:0{width}d}..{last:0{width}d}",
            reference=f"DEMO-RETIREMENT-{number:04d}",
            beneficiary="Diandian demo visitors",
        )
    ensure_key(conn=conn)
    loaded = venues.import_venues(
        conn=conn, data=load_toml("venues", "venues.toml"), source="venues.toml"
    )
    storage.set_setting(conn=conn, key=DEMO_SETTING, value="1")
    return {"projects": projects, "venues": loaded}

"""The registry's SQL for a certificate page: everything one page shows, in one statement.

Issue 19: the page used to run four SQLAlchemy Core queries (kiosk, purchase, credit ranges,
project), each built anew per request; building them cost more than running them. Here the
statement is built once, at import, and run with bound values (SQLAlchemy's compiled cache then
reuses its SQL). Its rows are also the page's version: the page is a function of them and of
the token, so a cached page is reused only while the same statement returns the same rows
(sync/registry/page_cache.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, String, bindparam, cast, select

from sync.registry.tables import (
    grants,
    kiosks,
    projects,
    purchase_ranges,
    purchases,
    retired_blocks,
    retirements,
)

# the purchase's columns a page reads, then the retirement's (prefixed "r_": a legacy
# retirement made after the sale), the token's kiosk's key, the project, and one range a row
PURCHASE = ("id", "kiosk_id", "serial", "paid_at", "footprint_g", "offset_g", "project_id")
PURCHASE_MORE = ("payload", "voided_at", "retirement_id")
RETIREMENT = tuple(c.name for c in retirements.c)
RANGE = ("number", "from_g", "to_g")
BLOCK = ("prefix", "width", "reference", "beneficiary")

_asked = select(
    cast(bindparam("cert_id", type_=String), String).label("cert_id"),
    cast(bindparam("kiosk_id", type_=String), String).label("kiosk_id"),
).subquery("asked")

_PAGE = (
    select(
        *(purchases.c[name] for name in PURCHASE + PURCHASE_MORE),
        *(retirements.c[name].label(f"r_{name}") for name in RETIREMENT),
        kiosks.c.public_key,
        projects.c.data.label("project_data"),
        *(purchase_ranges.c[name] for name in RANGE),
        *(retired_blocks.c[name] for name in BLOCK),
    )
    .select_from(_asked)
    .outerjoin(purchases, purchases.c.cert_id == _asked.c.cert_id)
    .outerjoin(kiosks, kiosks.c.kiosk_id == _asked.c.kiosk_id)
    .outerjoin(projects, projects.c.project_id == purchases.c.project_id)
    .outerjoin(retirements, retirements.c.id == purchases.c.retirement_id)
    .outerjoin(purchase_ranges, purchase_ranges.c.purchase_id == purchases.c.id)
    .outerjoin(grants, grants.c.id == purchase_ranges.c.grant_id)
    .outerjoin(retired_blocks, retired_blocks.c.id == grants.c.block_id)
    .order_by(purchase_ranges.c.id)
)

_PROJECT = select(projects.c.data).where(
    projects.c.project_id == bindparam("project_id", type_=String)
)


def page_rows(*, conn: Connection, cert_id: str, kiosk_id: str | None) -> tuple[Row[Any], ...]:
    """At least one row: the purchase named `cert_id` (upper case; its columns NULL when not
    received) with its legacy retirement and project, the public key of `kiosk_id` (NULL when
    not enrolled or not asked), and one row per credit range, in drawing order."""
    return tuple(conn.execute(_PAGE, {"cert_id": cert_id, "kiosk_id": kiosk_id}))


def project_data(*, conn: Connection, project_id: str) -> str | None:
    """A project's catalogue JSON (for a token naming another project than the upload)."""
    return conn.execute(_PROJECT, {"project_id": project_id}).scalar()

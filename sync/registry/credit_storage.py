"""The registry's SQL for retire-first credit: retired blocks, grants, purchases' gram ranges,
refused records, and the per-block disclosure. Keyword-only functions given their connection;
the caller owns the transaction, and policy lives in `credits` and `range_checks`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    String,
    and_,
    bindparam,
    case,
    exists,
    func,
    select,
    tuple_,
    update,
)

from kiosk.credit import TONNE_G, CreditRange, GrantRun, serial_text
from sync.registry.db import insert_rows
from sync.registry.storage import CHUNK, now_text
from sync.registry.tables import (
    allocations,
    grants,
    projects,
    purchase_ranges,
    purchases,
    push_rejects,
    retired_blocks,
)

# a grant with its block's serial prefix and retirement: what `run_of` reads
GRANT_COLUMNS = (
    grants,
    retired_blocks.c.prefix,
    retired_blocks.c.width,
    retired_blocks.c.reference,
    retired_blocks.c.beneficiary,
)
_GRANT = select(*GRANT_COLUMNS).join(retired_blocks, retired_blocks.c.id == grants.c.block_id)
_TONNES = grants.c.last - grants.c.first + 1
# a range on a kiosk's own grant (drawn by the kiosk), not on the registry's pool
_DRAWN = exists().where(
    purchase_ranges.c.purchase_id == purchases.c.id,
    purchase_ranges.c.grant_id == grants.c.id,
    grants.c.kiosk_id.is_not(None),
)


def run_of(row: Row) -> GrantRun:
    return GrantRun.from_row(row._mapping)


def ranges_in_blocks(*columns: Any) -> Any:
    """SELECT columns FROM purchases' ranges, with the grant and retired block of each."""
    return (
        select(*columns)
        .join(grants, grants.c.id == purchase_ranges.c.grant_id)
        .join(retired_blocks, retired_blocks.c.id == grants.c.block_id)
    )


# -- retired blocks ------------------------------------------------------------------------


def retired_blocks_of(*, conn: Connection, project_id: str) -> list[Row]:
    query = select(retired_blocks).where(retired_blocks.c.project_id == project_id)
    return list(conn.execute(query.order_by(retired_blocks.c.id)))


_UNHANDED = select(
    retired_blocks.c.project_id,
    func.sum(retired_blocks.c.last - retired_blocks.c.first + 1 - retired_blocks.c.handed),
).group_by(retired_blocks.c.project_id)


def unhanded_tonnes(*, conn: Connection) -> dict[str, int]:
    """Retired serials not yet granted to anyone (kiosk or pool), per project."""
    return {project: int(tonnes) for project, tonnes in conn.execute(_UNHANDED)}


def retired_overlap(*, conn: Connection, prefix: str, first: int, last: int) -> Row | None:
    query = select(retired_blocks).where(
        retired_blocks.c.prefix == prefix,
        retired_blocks.c.first <= last,
        retired_blocks.c.last >= first,
    )
    return conn.execute(query).first()


def add_retired_block(*, conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(retired_blocks.insert().values(**values, retired_at=now_text()))
    return int(result.inserted_primary_key[0])


def hand_out(*, conn: Connection, block_id: int, count: int) -> None:
    conn.execute(
        update(retired_blocks)
        .where(retired_blocks.c.id == block_id)
        .values(handed=retired_blocks.c.handed + count)
    )


# -- grants --------------------------------------------------------------------------------


def add_grant(*, conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(grants.insert().values(**values, granted_at=now_text()))
    return int(result.inserted_primary_key[0])


def holder_grants(*, conn: Connection, project_id: str, kiosk_id: str | None) -> list[Row]:
    """A kiosk's grants of a project (kiosk None: the registry's pool), in order."""
    asked = {"b_project": project_id, "b_kiosk": kiosk_id}
    return list(conn.execute(_HOLDER_GRANTS[kiosk_id is None], asked))


_HOLDER_GRANTS = tuple(  # [the pool's]: built once
    _GRANT.where(grants.c.project_id == bindparam("b_project", type_=String), holder).order_by(
        grants.c.id
    )
    for holder in (
        grants.c.kiosk_id == bindparam("b_kiosk", type_=String),
        grants.c.kiosk_id.is_(None),
    )
)


def kiosk_grants(*, conn: Connection, kiosk_id: str) -> list[Row]:
    query = _GRANT.where(grants.c.kiosk_id == kiosk_id).order_by(grants.c.id)
    return list(conn.execute(query))


def serial_granted(
    *, conn: Connection, kiosk_id: str, project_id: str | None = None
) -> dict[str, int]:
    """Grams of retired serials granted to this kiosk, per project (only PROJECT_ID's)."""
    query = (
        select(grants.c.project_id, func.sum(_TONNES))
        .where(grants.c.kiosk_id == kiosk_id)
        .group_by(grants.c.project_id)
    )
    if project_id is not None:
        query = query.where(grants.c.project_id == project_id)
    return {project: int(tonnes) * TONNE_G for project, tonnes in conn.execute(query)}


def drawn_by_kiosk(
    *, conn: Connection, kiosk_id: str, project_id: str | None = None
) -> dict[str, int]:
    """Grams of this kiosk's grants that its purchases hold, refunded ones included (per
    project; only PROJECT_ID's, when given)."""
    query = _DRAWN_BY[project_id is not None]
    asked = {"b_kiosk": kiosk_id, "b_project": project_id}
    return {project: int(grams) for project, grams in conn.execute(query, asked)}


_DRAWN_BY_ALL = (
    select(grants.c.project_id, func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g))
    .join(grants, grants.c.id == purchase_ranges.c.grant_id)
    .where(grants.c.kiosk_id == bindparam("b_kiosk", type_=String))
    .group_by(grants.c.project_id)
)
_DRAWN_BY = (  # [of one project]: built once
    _DRAWN_BY_ALL,
    _DRAWN_BY_ALL.where(grants.c.project_id == bindparam("b_project", type_=String)),
)


def count_sold(*, conn: Connection, kiosk_id: str) -> dict[str, int]:
    """Grams this kiosk sold, not refunded, without drawing a range: against its count."""
    query = (
        select(purchases.c.project_id, func.sum(purchases.c.offset_g))
        .where(purchases.c.kiosk_id == kiosk_id, purchases.c.voided_at.is_(None), ~_DRAWN)
        .group_by(purchases.c.project_id)
    )
    return {project: int(grams) for project, grams in conn.execute(query)}


def last_drawn(*, conn: Connection, kiosk_id: str, project_id: str) -> Row | None:
    """The range furthest along this kiosk's sequence that the registry holds."""
    position = grants.c.start_g + (purchase_ranges.c.number - grants.c.first) * TONNE_G
    query = (
        ranges_in_blocks(
            retired_blocks.c.prefix,
            retired_blocks.c.width,
            purchase_ranges.c.number,
            purchase_ranges.c.to_g,
        )
        .where(grants.c.kiosk_id == kiosk_id, grants.c.project_id == project_id)
        .order_by((position + purchase_ranges.c.to_g).desc())
        .limit(1)
    )
    return conn.execute(query).first()


def add_to_allocation(*, conn: Connection, kiosk_id: str, project_id: str, grams: int) -> None:
    """Count `grams` more as granted to the kiosk and allocated from the project (locked)."""
    conn.execute(
        update(projects)
        .where(projects.c.project_id == project_id)
        .values(allocated_g=projects.c.allocated_g + grams)
    )
    changed = conn.execute(
        update(allocations)
        .where(allocations.c.kiosk_id == kiosk_id, allocations.c.project_id == project_id)
        .values(granted_g=allocations.c.granted_g + grams)
        .returning(allocations.c.kiosk_id)
    )
    if changed.first() is None:
        conn.execute(
            allocations.insert().values(kiosk_id=kiosk_id, project_id=project_id, granted_g=grams)
        )


def set_cover(*, conn: Connection, project_id: str, cover_g: int) -> None:
    conn.execute(
        update(projects).where(projects.c.project_id == project_id).values(cover_g=cover_g)
    )


# -- purchases' ranges ---------------------------------------------------------------------


def ranges_on(*, conn: Connection, pairs: Sequence[tuple[int, int]]) -> list[Row]:
    """Every range held on these (grant id, serial number) pairs, with its certificate."""
    found: list[Row] = []
    unique = sorted(set(pairs))
    for start in range(0, len(unique), CHUNK):
        part = unique[start : start + CHUNK]
        query = (
            select(
                purchase_ranges.c.grant_id,
                purchase_ranges.c.number,
                purchase_ranges.c.from_g,
                purchase_ranges.c.to_g,
                purchases.c.cert_id,
            )
            .join(purchases, purchases.c.id == purchase_ranges.c.purchase_id)
            .where(tuple_(purchase_ranges.c.grant_id, purchase_ranges.c.number).in_(part))
        )
        found.extend(conn.execute(query))
    return found


def insert_ranges(
    *, conn: Connection, ids: dict[str, int], order_ranges: dict[str, list[dict[str, int]]]
) -> None:
    """Store the ranges of purchases just inserted: order id -> [{grant_id, number, ...}],
    with `ids` the purchases' ids by order id (as insert_purchases returned them)."""
    add_ranges(
        conn=conn,
        rows=[
            {**item, "purchase_id": ids[order_id]}
            for order_id, items in order_ranges.items()
            for item in items
        ],
    )


def add_ranges(*, conn: Connection, rows: list[dict[str, int]]) -> None:
    """Rows of purchase_id, grant_id, number, from_g, to_g (one `insert_rows`)."""
    insert_rows(conn, purchase_ranges, rows)


def drew_ranges(*, conn: Connection, kiosk_id: str, order_ids: Sequence[str]) -> set[str]:
    """Which of this kiosk's orders among these hold ranges of its grants."""
    found: set[str] = set()
    for start in range(0, len(order_ids), CHUNK):
        query = select(purchases.c.order_id).where(
            purchases.c.kiosk_id == kiosk_id,
            purchases.c.order_id.in_(order_ids[start : start + CHUNK]),
            _DRAWN,
        )
        found.update(conn.execute(query).scalars())
    return found


def credit_of(*, conn: Connection, purchase_id: int) -> tuple[CreditRange, ...]:
    """A purchase's ranges as a certificate names them, in drawing order."""
    query = (
        ranges_in_blocks(
            purchase_ranges.c.number,
            purchase_ranges.c.from_g,
            purchase_ranges.c.to_g,
            retired_blocks.c.prefix,
            retired_blocks.c.width,
            retired_blocks.c.reference,
            retired_blocks.c.beneficiary,
        )
        .where(purchase_ranges.c.purchase_id == purchase_id)
        .order_by(purchase_ranges.c.id)
    )
    return tuple(range_named(r) for r in conn.execute(query))


def range_named(row: Row[Any]) -> CreditRange:
    """A purchase's range as a certificate names it, from a row holding the range's number,
    from_g, to_g and its block's prefix, width, reference and beneficiary."""
    serial = serial_text(row.prefix, row.number, row.width)
    return CreditRange(serial, row.from_g, row.to_g, row.reference, row.beneficiary)


def pending_purchases(*, conn: Connection, project_id: str) -> list[Row]:
    """Sold and not refunded without any range or legacy retirement, in order of arrival."""
    has_range = exists().where(purchase_ranges.c.purchase_id == purchases.c.id)
    query = (
        select(purchases.c.id, purchases.c.offset_g)
        .where(
            purchases.c.project_id == project_id,
            purchases.c.voided_at.is_(None),
            purchases.c.retirement_id.is_(None),
            ~has_range,
        )
        .order_by(purchases.c.id)
    )
    return list(conn.execute(query))


# -- refused records -----------------------------------------------------------------------


def add_rejects(*, conn: Connection, kiosk_id: str, rows: Iterable[dict[str, Any]]) -> None:
    values = [
        {
            "kiosk_id": kiosk_id,
            "order_id": r["order_id"],
            "event": r["event"],
            "reason": r["reason"],
            "at": now_text(),
        }
        for r in rows
    ]
    if values:
        conn.execute(push_rejects.insert(), values)


def rejects(*, conn: Connection, kiosk_id: str | None, limit: int) -> list[Row]:
    query = select(push_rejects).order_by(push_rejects.c.id.desc()).limit(limit)
    if kiosk_id is not None:
        query = query.where(push_rejects.c.kiosk_id == kiosk_id)
    return list(conn.execute(query))


def reject_count(*, conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(push_rejects)).scalar() or 0)


# -- disclosure ----------------------------------------------------------------------------


def block_disclosure(*, conn: Connection) -> list[dict[str, Any]]:
    """Per retired block: tonnes, grams granted to kiosks, sold (live), refunded."""
    grams = purchase_ranges.c.to_g - purchase_ranges.c.from_g
    live = purchases.c.voided_at.is_(None)
    used = (
        select(
            grants.c.block_id,
            func.sum(case((live, grams), else_=0)).label("sold_g"),
            func.sum(case((live, 0), else_=grams)).label("refunded_g"),
            func.sum(case((grants.c.kiosk_id.is_not(None), grams), else_=0)).label("kiosk_used"),
        )
        .join(purchase_ranges, purchase_ranges.c.grant_id == grants.c.id)
        .join(purchases, purchases.c.id == purchase_ranges.c.purchase_id)
        .group_by(grants.c.block_id)
        .subquery()
    )
    to_kiosks = (
        select(grants.c.block_id, func.sum(_TONNES).label("tonnes"))
        .where(grants.c.kiosk_id.is_not(None))
        .group_by(grants.c.block_id)
        .subquery()
    )
    query = (
        select(
            retired_blocks,
            func.coalesce(used.c.sold_g, 0).label("sold_g"),
            func.coalesce(used.c.refunded_g, 0).label("refunded_g"),
            func.coalesce(used.c.kiosk_used, 0).label("kiosk_used_g"),
            func.coalesce(to_kiosks.c.tonnes, 0).label("kiosk_tonnes"),
        )
        .outerjoin(used, used.c.block_id == retired_blocks.c.id)
        .outerjoin(to_kiosks, to_kiosks.c.block_id == retired_blocks.c.id)
        .order_by(retired_blocks.c.project_id, retired_blocks.c.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def pending_totals(*, conn: Connection) -> dict[str, tuple[int, int]]:
    """project -> (purchases, grams) sold without a range or retirement, not refunded."""
    has_range = exists().where(purchase_ranges.c.purchase_id == purchases.c.id)
    query = (
        select(purchases.c.project_id, func.count(), func.sum(purchases.c.offset_g))
        .where(
            and_(purchases.c.voided_at.is_(None), purchases.c.retirement_id.is_(None)),
            ~has_range,
        )
        .group_by(purchases.c.project_id)
    )
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in conn.execute(query)}

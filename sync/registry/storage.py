"""The registry's SQL, as keyword-only functions given their connection (a kiosk's sales,
the purchases, are `sync.registry.purchase_storage`).

The caller owns the transaction (one per request or operator command), so a failure anywhere
rolls back everything the request wrote. Nothing here decides policy; that lives in
`ingest`, `credits` and the routes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, String, and_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.timestamps import stamp, utc_now
from sync.registry.tables import (
    allocations,
    batches,
    closed_days,
    enrol_tokens,
    kiosks,
    nonces,
    projects,
    purchases,
    serial_blocks,
    settings,
)

CHUNK = 400  # keeps IN (...) lists well under SQLite's variable limit


def now_text() -> str:
    return stamp(utc_now())


def _insert_ignore(conn: Connection, table: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: a clash leaves the transaction usable on PostgreSQL."""
    return ignoring(conn.dialect.name, table)


@lru_cache(maxsize=64)
def ignoring(dialect: str, table: Any) -> Any:
    """`_insert_ignore` for a dialect's name, built once (values given at execution, or by
    `.values`, which makes a new statement and leaves this one as it is)."""
    return (
        (postgresql if dialect == "postgresql" else sqlite).insert(table).on_conflict_do_nothing()
    )


# -- settings ------------------------------------------------------------------------------


def answers(*, conn: Connection) -> bool:
    """The database answers a trivial query (the health check's probe)."""
    return conn.execute(select(1)).scalar() == 1


_SETTING = select(settings.c.value).where(settings.c.key == bindparam("b_key", type_=String))


def get_setting(*, conn: Connection, key: str) -> str | None:
    return conn.execute(_SETTING, {"b_key": key}).scalar()


def set_setting(*, conn: Connection, key: str, value: str) -> None:
    changed = update(settings).where(settings.c.key == key).values(value=value)
    if conn.execute(changed.returning(settings.c.key)).first() is not None:
        return
    conn.execute(settings.insert().values(key=key, value=value))


# -- enrolment, kiosks, nonces, batches ----------------------------------------------------


def add_enrol_token(*, conn: Connection, token_hash: str, name: str, expires_at: str) -> None:
    conn.execute(
        enrol_tokens.insert().values(
            token_hash=token_hash, name=name, created_at=now_text(), expires_at=expires_at
        )
    )


def get_enrol_token(*, conn: Connection, token_hash: str) -> Row | None:
    return conn.execute(select(enrol_tokens).where(enrol_tokens.c.token_hash == token_hash)).first()


def list_enrol_tokens(*, conn: Connection) -> list[Row]:
    query = select(enrol_tokens).order_by(enrol_tokens.c.created_at, enrol_tokens.c.token_hash)
    return list(conn.execute(query))


def use_enrol_token(*, conn: Connection, token_hash: str, kiosk_id: str) -> str | None:
    """Mark the token used if it is usable now (atomically: two kiosks racing get one winner);
    its name, or None."""
    now = now_text()
    usable = (
        enrol_tokens.c.token_hash == token_hash,
        enrol_tokens.c.used_at.is_(None),
        enrol_tokens.c.revoked_at.is_(None),
        enrol_tokens.c.expires_at > now,
    )
    done = conn.execute(
        update(enrol_tokens)
        .where(*usable)
        .values(used_at=now, kiosk_id=kiosk_id)
        .returning(enrol_tokens.c.name)
    )
    return done.scalar()


def revoke_enrol_tokens(*, conn: Connection, token_hashes: Sequence[str]) -> int:
    """Withdraw unused tokens; how many were still usable."""
    stmt = (
        update(enrol_tokens)
        .where(
            enrol_tokens.c.token_hash.in_(list(token_hashes)),
            enrol_tokens.c.used_at.is_(None),
            enrol_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=now_text())
    )
    return int(conn.execute(stmt).rowcount or 0)


def get_kiosk(*, conn: Connection, kiosk_id: str, lock: bool = False) -> Row | None:
    query = select(kiosks).where(kiosks.c.kiosk_id == kiosk_id)
    return conn.execute(query.with_for_update() if lock else query).first()


def kiosks_alike(*, conn: Connection, kiosk_id: str) -> list[str]:
    """Enrolled ids equal to `kiosk_id` but for case (other than itself)."""
    query = select(kiosks.c.kiosk_id).where(
        func.upper(kiosks.c.kiosk_id) == kiosk_id.upper(), kiosks.c.kiosk_id != kiosk_id
    )
    return list(conn.execute(query).scalars())


def suspended_kiosks(*, conn: Connection) -> list[Row]:
    query = select(kiosks.c.kiosk_id, kiosks.c.suspended).where(kiosks.c.suspended.is_not(None))
    return list(conn.execute(query.order_by(kiosks.c.kiosk_id)))


def add_kiosk(*, conn: Connection, kiosk_id: str, name: str, public_key: str) -> None:
    conn.execute(
        kiosks.insert().values(
            kiosk_id=kiosk_id, name=name, public_key=public_key, enrolled_at=now_text()
        )
    )


def set_kiosk_venue(*, conn: Connection, kiosk_id: str, venue: str) -> None:
    conn.execute(
        update(kiosks)
        .where(kiosks.c.kiosk_id == kiosk_id, kiosks.c.venue != venue)
        .values(venue=venue)
    )


def mark_synced(*, conn: Connection, kiosk_id: str) -> None:
    """The kiosk made a signed request now (reconciliation lists kiosks long silent)."""
    conn.execute(
        update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(last_sync_at=now_text())
    )


def kiosk_keys(*, conn: Connection) -> list[Row]:
    query = select(kiosks.c.kiosk_id, kiosks.c.public_key).order_by(kiosks.c.kiosk_id)
    return list(conn.execute(query))


def record_nonce(*, conn: Connection, kiosk_id: str, nonce: str, seen_at: int) -> bool:
    """False when this kiosk already used the nonce (a replayed request)."""
    stmt = _insert_ignore(conn, nonces).values(kiosk_id=kiosk_id, nonce=nonce, seen_at=seen_at)
    return conn.execute(stmt.returning(nonces.c.nonce)).first() is not None


def prune_nonces(*, conn: Connection, before: int) -> None:
    conn.execute(nonces.delete().where(nonces.c.seen_at < before))


def claim_batch(*, conn: Connection, kiosk_id: str, batch_id: str, request_hash: str) -> bool:
    """True for the first request with the key; a concurrent twin waits, then gets False."""
    stmt = _insert_ignore(conn, batches).values(
        kiosk_id=kiosk_id,
        batch_id=batch_id,
        request_hash=request_hash,
        response="",
        created_at=now_text(),
    )
    return conn.execute(stmt.returning(batches.c.batch_id)).first() is not None


def get_batch(*, conn: Connection, kiosk_id: str, batch_id: str) -> Row | None:
    query = select(batches).where(batches.c.kiosk_id == kiosk_id, batches.c.batch_id == batch_id)
    return conn.execute(query).first()


def store_batch_response(*, conn: Connection, kiosk_id: str, batch_id: str, response: str) -> None:
    conn.execute(
        update(batches)
        .where(batches.c.kiosk_id == kiosk_id, batches.c.batch_id == batch_id)
        .values(response=response)
    )


# -- projects and serial blocks ------------------------------------------------------------


def get_project(
    *, conn: Connection, project_id: str, lock: bool = False, key_share: bool = False
) -> Row | None:
    """A project's row; LOCK: locked for update, KEY_SHARE too: `FOR NO KEY UPDATE` on
    PostgreSQL (a change that leaves its id alone: a sale inserting a row that refers to the
    project, which takes a key share, does not wait for it)."""
    query = _PROJECT[(lock, key_share and lock)]
    return conn.execute(query, {"b_project": project_id}).first()


_ONE_PROJECT = select(projects).where(projects.c.project_id == bindparam("b_project", type_=String))
_PROJECT = {  # (lock, key share): built once
    (False, False): _ONE_PROJECT,
    (True, False): _ONE_PROJECT.with_for_update(),
    (True, True): _ONE_PROJECT.with_for_update(key_share=True),
}
_PROJECTS = select(projects).order_by(projects.c.position, projects.c.project_id)


def list_projects(*, conn: Connection) -> list[Row]:
    return list(conn.execute(_PROJECTS))


def project_ids(*, conn: Connection) -> set[str]:
    return set(conn.execute(select(projects.c.project_id)).scalars())


def save_project(*, conn: Connection, project_id: str, position: int, data: str) -> None:
    """Insert a project with no stock, or replace its catalogue data (stock stays)."""
    changed = conn.execute(
        update(projects)
        .where(projects.c.project_id == project_id)
        .values(position=position, data=data)
        .returning(projects.c.project_id)
    )
    if changed.first() is None:
        conn.execute(
            projects.insert().values(project_id=project_id, position=position, data=data, stock_g=0)
        )


def add_stock(*, conn: Connection, project_id: str, grams: int) -> None:
    conn.execute(
        update(projects)
        .where(projects.c.project_id == project_id)
        .values(stock_g=projects.c.stock_g + grams)
    )


def add_serial_block(
    *, conn: Connection, project_id: str, prefix: str, first: int, last: int, width: int
) -> None:
    conn.execute(
        serial_blocks.insert().values(
            project_id=project_id, prefix=prefix, first=first, last=last, width=width
        )
    )


def serial_blocks_of(*, conn: Connection, project_id: str) -> list[Row]:
    query = select(serial_blocks).where(serial_blocks.c.project_id == project_id)
    return list(conn.execute(query.order_by(serial_blocks.c.id)))


def block_overlaps(*, conn: Connection, prefix: str, first: int, last: int) -> bool:
    query = select(serial_blocks.c.id).where(
        serial_blocks.c.prefix == prefix,
        serial_blocks.c.first <= last,
        serial_blocks.c.last >= first,
    )
    return conn.execute(query).first() is not None


def serial_count(*, conn: Connection, project_id: str) -> int:
    size = func.coalesce(func.sum(serial_blocks.c.last - serial_blocks.c.first + 1), 0)
    query = select(size).where(serial_blocks.c.project_id == project_id)
    return int(conn.execute(query).scalar() or 0)


_CLOSED_DAYS = select(closed_days.c.day)


def closed_day_set(*, conn: Connection) -> set[str]:
    return set(conn.execute(_CLOSED_DAYS).scalars())


def close_day(*, conn: Connection, day: str) -> bool:
    stmt = _insert_ignore(conn, closed_days).values(day=day, closed_at=now_text())
    return conn.execute(stmt.returning(closed_days.c.day)).first() is not None


# -- allocations ---------------------------------------------------------------------------


def kiosk_allocations(
    *, conn: Connection, kiosk_id: str, project_id: str | None = None
) -> dict[str, int]:
    """project -> grams granted to the kiosk (only PROJECT_ID's, when given)."""
    query = select(allocations.c.project_id, allocations.c.granted_g).where(
        allocations.c.kiosk_id == kiosk_id
    )
    if project_id is not None:
        query = query.where(allocations.c.project_id == project_id)
    return {row.project_id: row.granted_g for row in conn.execute(query)}


# -- retirement ----------------------------------------------------------------------------


def set_project_retired(
    *, conn: Connection, project_id: str, retired_g: int, covered_g: int
) -> None:
    conn.execute(
        update(projects)
        .where(projects.c.project_id == project_id)
        .values(retired_g=retired_g, covered_g=covered_g)
    )


# -- reports -------------------------------------------------------------------------------


def counts(*, conn: Connection) -> dict[str, int]:
    total = select(func.count()).select_from(purchases)
    return {
        "kiosks": conn.execute(select(func.count()).select_from(kiosks)).scalar() or 0,
        "purchases": conn.execute(total).scalar() or 0,
        "voided": conn.execute(total.where(purchases.c.voided_at.is_not(None))).scalar() or 0,
    }


def sold_per_project(*, conn: Connection) -> dict[str, tuple[int, int]]:
    """project -> (purchases, grams) of paid, not refunded purchases."""
    query = (
        select(purchases.c.project_id, func.count(), func.sum(purchases.c.offset_g))
        .where(purchases.c.voided_at.is_(None))
        .group_by(purchases.c.project_id)
    )
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in conn.execute(query)}


def rankings(
    *, conn: Connection, venue: str | None, day: str | None, limit: int
) -> list[dict[str, Any]]:
    grams = func.sum(purchases.c.offset_g).label("offset_g")
    conditions = [purchases.c.voided_at.is_(None), purchases.c.nickname != ""]
    if venue is not None:
        conditions.append(purchases.c.venue == venue)
    if day is not None:
        conditions.append(purchases.c.day == day)
    query = (
        select(purchases.c.nickname, purchases.c.venue, grams, func.count().label("purchases"))
        .where(and_(*conditions))
        .group_by(purchases.c.nickname, purchases.c.venue)
        .order_by(grams.desc(), purchases.c.nickname)
        .limit(limit)
    )
    return [
        {
            "rank": i + 1,
            "nickname": r.nickname,
            "venue": r.venue,
            "offset_g": int(r.offset_g),
            "purchases": int(r.purchases),
        }
        for i, r in enumerate(conn.execute(query))
    ]

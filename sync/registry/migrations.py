"""Named schema migrations, recorded in the `migrations` table (as the kiosk ledger does).

Why not alembic: the registry's schema is small and both engines are driven from one
SQLAlchemy MetaData; a list of named steps applied in order, each in its own transaction,
is easy to read and to test. A new step is appended, never edited.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect

from sync.registry import storage, tables


def _initial(conn: Connection) -> None:
    tables.metadata.create_all(conn, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (("0001_initial", _initial),)


def pending(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("migrations"):
            return [name for name, _ in MIGRATIONS]
        done = storage.applied_migrations(conn=conn)
    return [name for name, _ in MIGRATIONS if name not in done]


def upgrade(engine: Engine) -> list[str]:
    """Apply every pending step; returns the names applied (empty when already current)."""
    applied = []
    for name, step in MIGRATIONS:
        if name not in pending(engine):
            continue
        with engine.begin() as conn:
            step(conn)
            storage.record_migration(conn=conn, name=name)
        applied.append(name)
    return applied

"""The registry's schema steps, run by alembic; a step never changes once shipped.

Why alembic (a declared dependency) rather than frozen SQL text: the registry runs on SQLite
and PostgreSQL, and alembic's operations (`op.create_table`, `op.add_column`, and
`op.batch_alter_table`, which rebuilds a SQLite table where SQLite has no ALTER for it) say a
step once for both engines; its autogenerate writes the step from a change to `tables.py`,
and `alembic.autogenerate.compare_metadata` lets a test prove that the steps, applied in
order, build exactly what `tables.py` describes.

Each step is a file in `versions/`, literal: `0001_initial` spells out the tables as 0.1.0
shipped them and never reads `tables.py` (which describes the newest schema only). The whole
upgrade runs in one transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory lock),
so two processes starting on a fresh database never race, and a failed step leaves nothing.

Adding a step (a new table or column):
  1. change `sync/registry/tables/` (one module per area);
  2. `.venv/bin/python tools/registry_migration.py "what it adds"` writes
     `versions/NNNN_what_it_adds.py` from the difference (autogenerate, revision id `NNNN_…`,
     `down_revision` the current head); read it and tidy it: it is now frozen text;
  3. `tests/sync/registry/test_migrations.py` checks, on both engines, that the steps build
     what `tables.py` says and that a registry as 0.1.0 shipped it upgrades with its rows.
Two branches that each add a step make two heads: the test for a single head fails, and
the later one's `down_revision` is set to the other's revision id.

Registries made before alembic recorded `0001_initial` in a `migrations` table of their own;
such a database is stamped at `0001_initial` and `0002_alembic_version` drops that table.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

HERE = Path(__file__).resolve().parent
LEGACY_TABLE = "migrations"  # before alembic: (name, applied_at) rows
LEGACY_FIRST = "0001_initial"
LOCK_KEY = 0x64_69_61_6E  # 'dian': PostgreSQL advisory lock held while upgrading


def script() -> ScriptDirectory:
    return ScriptDirectory(str(HERE))


def head() -> str:
    heads = script().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"registry migrations have {len(heads)} heads {heads}; merge them")
    return heads[0]


def current(conn: Connection) -> str | None:
    """The revision the database is at: alembic's record, or the legacy table's; None if empty."""
    heads = MigrationContext.configure(conn).get_current_heads()
    if heads:
        return heads[0]
    if inspect(conn).has_table(LEGACY_TABLE):
        names = conn.execute(text(f"SELECT name FROM {LEGACY_TABLE}")).scalars().all()
        if LEGACY_FIRST in names:
            return LEGACY_FIRST
    return None


def _after(revision: str | None) -> list[str]:
    """Revision ids from `revision` (exclusive) to the head, oldest first."""
    steps = script().iterate_revisions(head(), revision or "base")
    return [step.revision for step in reversed(list(steps))]


def pending(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return _after(current(conn))


def upgrade(engine: Engine, *, to: str = "head") -> list[str]:
    """Apply every pending step (or up to `to`); returns the revision ids applied."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        at = current(conn)
        waiting = _after(at)
        if to != "head":
            waiting = waiting[: waiting.index(to) + 1] if to in waiting else []
        if not waiting:
            return []
        config = Config()
        config.set_main_option("script_location", str(HERE))
        config.attributes["connection"] = conn
        if at is not None and not MigrationContext.configure(conn).get_current_heads():
            command.stamp(config, at)  # adopt a registry made before alembic
        command.upgrade(config, waiting[-1])
    return waiting

"""The registry's schema for a test's new SQLite database: a copy of one migrated once.

Every registry test starts on a new database at the newest schema. Running alembic's steps
for each costs ~0.2 s (a third of many tests' time); a byte copy of a file the same steps
built once in this process costs ~1 ms and holds exactly the same schema, so each test still
has a file of its own. `migrations.upgrade` still runs on the copy (it finds nothing to do),
and tests/sync/registry/test_migrations.py still runs every step from an empty database.
PostgreSQL databases (and SQLite files that already hold something) are migrated as before.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from sqlalchemy import Engine

from sync.registry import migrations
from sync.registry.db import make_engine

_LOCK = threading.Lock()
_TEMPLATE: list[Path] = []  # the migrated file, made on first use


def _template() -> Path:
    with _LOCK:
        if not _TEMPLATE:
            path = Path(tempfile.mkdtemp(prefix="diandian-registry-schema-")) / "head.sqlite"
            made = make_engine(f"sqlite:///{path}")
            migrations.upgrade(made)
            made.dispose()  # the last connection closed checkpoints and removes the WAL
            if path.with_name(path.name + "-wal").exists():
                raise RuntimeError(f"{path}: the WAL was not checkpointed; cannot copy it")
            _TEMPLATE.append(path)
        return _TEMPLATE[0]


def upgrade(engine: Engine) -> None:
    """`migrations.upgrade(engine)`, by a copy of the session's migrated file when ENGINE is
    a SQLite file not made yet (or empty, with no WAL beside it)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        path = Path(database)
        fresh = not path.exists() or path.stat().st_size == 0
        if fresh and not path.with_name(path.name + "-wal").exists():
            engine.dispose()  # no connection may hold the file being replaced
            shutil.copyfile(_template(), path)
    migrations.upgrade(engine)

"""The registry's schema steps: frozen once shipped, and a 0.1.0 registry upgrades with its rows.

`shipped/0001_<engine>.sql` is the DDL 0.1.0 ran (its `metadata.create_all`), captured as text
when the steps moved to alembic; it never changes, whatever `tables.py` becomes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from sync.registry import credits, migrations, operations, storage, tables
from sync.registry.db import make_engine

SHIPPED = Path(__file__).with_name("shipped")
DEMO_PROJECTS = Path(__file__).parents[3] / "resources" / "catalogue" / "demo_projects.toml"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:  # an empty database, unlike conftest's
    made = make_engine(db_url)
    yield made
    made.dispose()


def build_as_shipped(engine: Engine) -> None:
    """A registry exactly as 0.1.0's `registry init` left it."""
    ddl = (SHIPPED / f"0001_{engine.dialect.name}.sql").read_text(encoding="utf-8")
    lines = [line for line in ddl.splitlines() if not line.startswith("--")]
    with engine.begin() as conn:
        for statement in "\n".join(lines).split(";\n"):
            if statement.strip():
                conn.exec_driver_sql(statement)


def schema(conn: Connection) -> dict[str, Any]:
    """What the database says about its tables, comparable between two databases."""
    seen = inspect(conn)
    out: dict[str, Any] = {}
    for name in sorted(seen.get_table_names()):
        out[name] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in seen.get_columns(name)
            ],
            "pk": seen.get_pk_constraint(name)["constrained_columns"],
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in seen.get_foreign_keys(name)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in seen.get_unique_constraints(name)),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in seen.get_indexes(name)
            ),
            "checks": sorted(
                (c["name"], " ".join(c["sqltext"].split()))
                for c in seen.get_check_constraints(name)
            ),
        }
    return out


def differences(conn: Connection) -> list[Any]:
    """What alembic's autogenerate would add to make the database match `tables.py`."""
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return compare_metadata(context, tables.metadata)


def test_the_steps_form_one_line_from_0001() -> None:
    script = migrations.script()
    assert script.get_base() == "0001_initial"
    assert len(script.get_heads()) == 1, "two branches added a step each: chain them"
    assert migrations.head() == script.get_current_head()


def test_step_0001_builds_exactly_what_0_1_0_shipped(engine: Engine, second_db_url: str) -> None:
    build_as_shipped(engine)
    stepped = make_engine(second_db_url)
    assert migrations.upgrade(stepped, to="0001_initial") == ["0001_initial"]
    with engine.connect() as shipped, stepped.connect() as conn:
        old, new = schema(shipped), schema(conn)
    stepped.dispose()
    assert new.pop("alembic_version")
    assert new == old


def test_the_steps_build_what_tables_py_describes(engine: Engine) -> None:
    waiting = migrations.pending(engine)
    assert waiting[0] == "0001_initial" and waiting[-1] == migrations.head()
    assert migrations.upgrade(engine) == waiting
    assert migrations.pending(engine) == []
    assert migrations.upgrade(engine) == []
    with engine.connect() as conn:
        assert differences(conn) == []


def fill_as_0_1_0(conn: Connection) -> None:
    """Rows as 0.1.0 wrote them, in plain SQL (today's code knows columns it lacked): a
    project, its serials, a kiosk granted 5 t as a count, and a sale it made then."""
    data = operations.read_file(DEMO_PROJECTS)["project"][0]
    project = {k: v for k, v in data.items() if k not in ("serials", "stock_t")}
    rows = {
        "projects": {"project_id": project["id"], "position": 0, "stock_g": 1_000_000_000},
        "serial_blocks": {
            "project_id": project["id"],
            "prefix": "CDCER-2024-",
            "first": 1,
            "last": 1000,
            "width": 6,
        },
        "kiosks": {
            "kiosk_id": "KOLD",
            "name": "old kiosk",
            "public_key": "x" * 44,
            "venue": "expo",
            "enrolled_at": "2026-11-01T00:00:00Z",
        },
        "allocations": {"kiosk_id": "KOLD", "project_id": project["id"], "granted_g": 5_000_000},
        "purchases": {
            "order_id": "old-order",
            "kiosk_id": "KOLD",
            "serial": 1,
            "cert_id": "KOLD-000001",
            "project_id": project["id"],
            "offset_g": 400_000,
            "footprint_g": 400_000,
            "amount_fen": 3200,
            "nickname": "",
            "venue": "expo",
            "day": "2026-11-02",
            "paid_at": "2026-11-02T01:00:00Z",
            "payload": "{}",
            "payload_hash": "0" * 64,
            "received_at": "2026-11-02T02:00:00Z",
        },
    }
    rows["projects"]["data"] = json.dumps(project, ensure_ascii=False)
    for table, row in rows.items():
        names = ", ".join(row)
        conn.execute(text(f"INSERT INTO {table} ({names}) VALUES (:{', :'.join(row)})"), row)
    storage.set_setting(conn=conn, key="note", value="kept")


def test_a_registry_as_0_1_0_shipped_it_upgrades_with_its_rows(engine: Engine) -> None:
    build_as_shipped(engine)
    with engine.begin() as conn:
        fill_as_0_1_0(conn)
    waiting = migrations.pending(engine)
    assert waiting[0] == "0002_alembic_version"
    assert migrations.upgrade(engine) == waiting
    assert migrations.pending(engine) == []
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (migrations.head(),)
        assert not inspect(conn).has_table("migrations")
        assert storage.get_setting(conn=conn, key="note") == "kept"
        assert len(conn.execute(select(tables.projects.c.project_id)).all()) == 1
        assert differences(conn) == []
    with engine.begin() as conn:  # the sale made before retire-first: honestly pending
        (project,) = operations.stats(conn=conn)["projects"]
        assert (project["pending_purchases"], project["pending_g"]) == (1, 400_000)
        made = credits.retire_blocks(
            conn=conn,
            project_id="demo-longquan-forest",
            serials="CDCER-2024-000001..000002",
            reference="SEEE-2026-0001",
            beneficiary="Diandian visitors",
        )
        assert made["covered"] == 1  # retiring blocks covers it first
        assert operations.stats(conn=conn)["projects"][0]["pending_purchases"] == 0


def test_a_step_that_fails_leaves_nothing_behind(engine: Engine) -> None:
    with engine.begin() as conn:  # something already holds a name step 0001 creates
        conn.execute(text("CREATE TABLE projects (project_id VARCHAR(100) PRIMARY KEY)"))
    with pytest.raises(SQLAlchemyError):
        migrations.upgrade(engine)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["projects"]  # no half-made schema
    assert migrations.pending(engine)[0] == "0001_initial"

"""Fixtures for the registry: a fresh database per test on SQLite and on PostgreSQL.

PostgreSQL runs in a throwaway cluster started once per session (see `pg.py`), each test
in a database of its own. Where the
server binaries are missing the PostgreSQL cases are skipped with the reason, except in CI
(`CI` set), where that is a failure: CI installs them.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from sync.registry import credits, operations
from sync.registry.app import create_app
from sync.registry.db import make_engine
from tests.sync import schema
from tests.sync.registry import pg
from tests.sync.registry.helpers import Kiosk

with warnings.catch_warnings():  # Starlette suggests httpx2; its TestClient is httpx today
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DEMO_PROJECTS = Path(__file__).parents[3] / "resources" / "catalogue" / "demo_projects.toml"
BACKENDS = ("sqlite", "postgresql")


def _require_postgres() -> None:
    reason = pg.missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The session's cluster (started on first use): its admin connection string."""
    _require_postgres()
    with pg.cluster() as admin:
        yield admin


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a new database in the session's cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite'}"
        return
    admin = request.getfixturevalue("pg_server")
    name = f"registry_{uuid.uuid4().hex[:12]}"
    yield pg.create_database(admin, name)
    pg.drop_database(admin, name)


@pytest.fixture
def second_db_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same engine as `db_url`, to compare two schemas."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.sqlite'}"
        return
    admin = request.getfixturevalue("pg_server")
    name = f"registry_{uuid.uuid4().hex[:12]}"
    yield pg.create_database(admin, name)
    pg.drop_database(admin, name)


SELL_FIRST = {  # a project that sells first and retires whole tonnes after (kiosk.credit)
    "project": [
        {
            **operations.read_file(DEMO_PROJECTS)["project"][0],
            "id": "sell-first-forest",
            "credit_model": "sell_first",
            "serials": ["SF-000001..000010"],
            "stock_t": 10,
        }
    ]
}
RETIRED = {  # the first 100 t of each demo project, retired at the exchange
    "demo-longquan-forest": "CDCER-2024-000001..000100",
    "demo-rural-biogas": "CCER-2023-000001..000100",
    "demo-rooftop-solar": "CDCER-2025-000001..000100",
    "demo-wetland": "CDCER-2024W-000001..000100",
}


def retire_demo_blocks(conn: Connection) -> None:
    for number, (project_id, serials) in enumerate(RETIRED.items(), 1):
        credits.retire_blocks(
            conn=conn,
            project_id=project_id,
            serials=serials,
            reference=f"SEEE-TEST-{number:04d}",
            beneficiary="Diandian visitors",
        )


def demo_engine(url: str) -> Engine:
    """A registry database at URL on the current schema with the demo projects, the first
    100 t of each retired."""
    made = make_engine(url)
    schema.upgrade(made)
    with made.begin() as conn:
        data = operations.read_file(DEMO_PROJECTS)
        operations.import_projects(conn=conn, data=data, source="demo")
        retire_demo_blocks(conn)
    return made


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A current schema with the demo projects (4 projects, 1,000 t of stock each, the first
    100 t of each retired)."""
    made = demo_engine(db_url)
    yield made
    made.dispose()


@pytest.fixture
def demo(db_url: str) -> Iterator[Engine]:
    """A registry in demo mode (the phone flow's tests): demo projects with 100 t retired
    each, the demo venues, the simulated provider."""
    from tests.sync.registry.phone import demo_engine

    made = demo_engine(make_engine(db_url))
    yield made
    made.dispose()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine, headroom_g=5_000_000)) as test_client:
        yield test_client


@pytest.fixture
def kiosk(engine: Engine, client: TestClient) -> Kiosk:
    """An enrolled kiosk that signs its requests."""
    made = Kiosk.new()
    made.enrol(client, engine)
    return made

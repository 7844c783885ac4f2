"""Read transactions (sync/registry/db.py `reading`): public pages read beside an open writer,
and a write inside a read transaction is refused without a trace (issue 19, section 1)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from starlette.testclient import TestClient

from sync import protocol
from sync.registry import storage
from sync.registry.db import reading
from sync.registry.tables import settings
from tests.sync.registry.helpers import Kiosk


def test_pages_answer_while_a_writer_holds_the_lock(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    """On SQLite the writer holds the one write lock (BEGIN IMMEDIATE) until it commits; the
    certificate pages and the health check must not wait for it (they used to queue for the
    busy timeout, 30 s, then fail)."""
    sale = kiosk.order()
    kiosk.push(client, [kiosk.record(sale)])
    cert_id = f"{kiosk.kiosk_id}-000001"
    with engine.begin() as writer:
        storage.set_setting(conn=writer, key="held", value="uncommitted")
        assert client.get(protocol.HEALTH).status_code == 200
        found = client.get(protocol.CERTIFICATE.format(cert_id=cert_id))
        assert found.status_code == 200 and found.json()["received"]
        page = client.get(kiosk.cert_path(sale))
        assert page.status_code == 200 and cert_id in page.text
        plain = client.get(f"/c/{cert_id}")
        assert plain.status_code == 200 and cert_id in plain.text
    with reading(engine) as conn:  # the writer's commit is seen by the next read
        assert storage.get_setting(conn=conn, key="held") == "uncommitted"


def test_a_write_inside_a_read_transaction_is_refused(engine: Engine) -> None:
    with pytest.raises(DBAPIError, match=r"(?i)read.?only"), reading(engine) as conn:
        storage.set_setting(conn=conn, key="sneaked", value="in")
    with engine.begin() as conn:  # nothing stored; the pooled connection writes again
        assert storage.get_setting(conn=conn, key="sneaked") is None
        storage.set_setting(conn=conn, key="written", value="yes")
    with reading(engine) as conn:
        values = conn.execute(select(settings.c.value).where(settings.c.key == "written"))
        assert values.scalar_one() == "yes"

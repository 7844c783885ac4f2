"""Every earlier schema version upgrades in place with its orders intact."""

from __future__ import annotations

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.ledger import Ledger, db, schema
from kiosk.ledger.create import ensure_identity
from kiosk.ledger.store import utc_now
from kiosk.ledger.verify import verify

EARLIER = schema.names()[1:]  # stopping before each later migration gives every earlier version


def test_there_is_a_history_to_upgrade_from() -> None:
    assert schema.names()[0] == "0001_initial"
    assert len(EARLIER) >= 1


@pytest.mark.parametrize("stop_before", EARLIER)
def test_a_ledger_made_by_an_earlier_version_upgrades(tmp_path, footprint, stop_before) -> None:
    path = tmp_path / "old.sqlite"
    conn = db.connect(path)
    schema.migrate(conn, stop_before=stop_before)
    ensure_identity(conn, path, "2026-01-01T00:00:00.000Z")
    old = Ledger(conn, path, utc_now)  # the old schema, filled through the app's own calls
    old.load_catalogue(load_demo_catalogue())
    draft = old.create_draft(footprint, project_id="demo-wetland")
    paid = old.pay(old.place(draft.id).id, method="cash", cashier="c1")
    waiting = old.place(old.create_draft(footprint, project_id="demo-rooftop-solar").id)
    assert schema.version(conn) != schema.names()[-1]
    old.close()

    with Ledger.open(path) as upgraded:
        assert schema.version(upgraded.conn) == schema.names()[-1]
        again = upgraded.get(paid.id)
        assert (again.serial, again.amount_fen, again.status) == (1, paid.amount_fen, "paid")
        assert again.slip_status == "none"
        assert upgraded.get(waiting.id).status == "awaiting_payment"
        report = verify(upgraded.conn)
        assert report.ok, report.problems
        upgraded.set_slip(paid.id, "printed", actor="c1")  # the new columns work
        upgraded.pay(waiting.id, method="mobile", cashier="c1")
        assert verify(upgraded.conn).ok


def test_opening_twice_applies_nothing_more(tmp_path) -> None:
    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()
    with Ledger.open(path) as again:
        applied = again.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(schema.names())

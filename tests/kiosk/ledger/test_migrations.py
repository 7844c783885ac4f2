"""Every earlier schema version upgrades in place with its orders intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.ledger import Ledger, LedgerUnavailable, schema
from kiosk.ledger.verify import verify

OLD = Path(__file__).with_name("old_ledgers")  # SQL dumps of ledgers made by the code of the
# time, filled through its own calls (a later app cannot fill an old schema: it needs new tables)


def test_there_is_a_ledger_of_every_earlier_version() -> None:
    """A new migration needs a dump of a ledger at the version before it (see old_ledgers/)."""
    assert schema.names()[0] == "0001_initial"
    assert sorted(p.stem for p in OLD.glob("*.sql")) == schema.names()[:-1]


def _old_ledger(path: Path, version: str) -> tuple[dict, dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.executescript((OLD / f"{version}.sql").read_text(encoding="utf-8"))
    assert schema.version(conn) == version
    paid = dict(conn.execute("SELECT * FROM orders WHERE status = 'paid'").fetchone())
    waiting = dict(
        conn.execute("SELECT * FROM orders WHERE status = 'awaiting_payment'").fetchone()
    )
    conn.close()
    return paid, waiting


@pytest.mark.parametrize("version", schema.names()[:-1])
def test_a_ledger_made_by_an_earlier_version_upgrades(tmp_path, footprint, version) -> None:
    path = tmp_path / "old.sqlite"
    paid, waiting = _old_ledger(path, version)

    with Ledger.open(path) as upgraded:
        assert schema.version(upgraded.conn) == schema.names()[-1]
        again = upgraded.get(paid["id"])
        assert (again.serial, again.amount_fen, again.status) == (1, paid["amount_fen"], "paid")
        assert again.slip_status == "none"
        assert upgraded.get(waiting["id"]).status == "awaiting_payment"
        report = verify(upgraded.conn)
        assert report.ok, report.problems
        # sold before retire-first: no range, its retirement honestly pending
        assert again.ranges() == () and again.retirement() == "pending"
        upgraded.set_slip(paid["id"], "printed", actor="c1")  # the new columns work
        # a demo ledger gets its invented serials at start (kiosk.checkout.prepare)
        assert upgraded.ensure_demo_grants(load_demo_catalogue()) == 4
        assert upgraded.pay(waiting["id"], method="mobile", cashier="c1").ranges()
        fresh = upgraded.open_order(footprint, project_id="demo-wetland")
        third = upgraded.pay(fresh.id, method="cash", cashier="c1")
        assert third.serial == 3 and third.retirement() == "retired"
        assert third.ranges()[0].serial.startswith("DEMO-WETLAND-")
        assert verify(upgraded.conn).ok


def test_opening_twice_applies_nothing_more(tmp_path) -> None:
    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()
    with Ledger.open(path) as again:
        applied = again.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(schema.names())


def test_the_orders_rebuild_keeps_rows_keys_and_indexes(tmp_path) -> None:
    """0010 rebuilds the orders table to widen one CHECK: every row, the outbox's foreign key
    and every index survive, and foreign keys are enforced again afterwards."""
    before = schema.names()[schema.names().index("0010_slip_unconfirmed") - 1]
    path = tmp_path / "old.sqlite"
    paid, _ = _old_ledger(path, before)
    conn = sqlite3.connect(path)
    old_rows = conn.execute("SELECT * FROM orders ORDER BY seq").fetchall()
    old_indexes = {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'orders'")
    }
    conn.close()
    with Ledger.open(path) as upgraded:
        conn = upgraded.conn
        width = len(old_rows[0])  # later steps add columns after these (0017: companies, events)
        rows = conn.execute("SELECT * FROM orders ORDER BY seq")
        assert [tuple(r)[:width] for r in rows] == old_rows
        names = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'orders'")
        }
        assert names == old_indexes | {"orders_paid_at", "orders_voided_at"}  # 0016's
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute(
                "INSERT INTO outbox (order_id, event, payload, created_at)"
                " VALUES ('nope', 'paid', '{}', 't')"
            )
        assert upgraded.set_slip(
            paid["id"], "unconfirmed", error="no answer", actor="c1"
        ).slip_status == ("unconfirmed")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE orders SET slip_status = 'lost' WHERE id = ?", (paid["id"],))


def test_sqlite_utils_plugins_never_touch_the_ledger(tmp_path: Path) -> None:
    """A sqlite-utils plugin installed beside the kiosk (its `prepare_connection` hook runs on
    every Database made with plugins on) must not run on the ledger: creating, migrating and
    reading its version all make sqlite-utils Databases without plugins. Looking for plugins
    also scanned every installed package at each start."""
    import sqlite_utils.plugins
    from sqlite_utils import hookimpl

    seen: list[object] = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn: object) -> None:
            seen.append(conn)

    plugin = Plugin()
    sqlite_utils.plugins.pm.register(plugin)
    try:
        with Ledger.open(tmp_path / "ledger.sqlite") as ledger:  # made, then migrated
            assert ledger.stock() == []
        with Ledger.open(tmp_path / "ledger.sqlite") as ledger:  # opened again: checked
            assert ledger.stock() == []
    finally:
        sqlite_utils.plugins.pm.unregister(plugin)
    assert seen == []


def _from_a_newer_app(path: Path) -> bytes:
    """A current ledger that a later version upgraded one step further; its bytes."""
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('diandian-ledger', '0099_from_the_future', '2027-01-01T00:00:00+00:00')"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()


def test_a_ledger_upgraded_by_a_newer_app_is_refused_untouched(tmp_path) -> None:
    """An app older than its ledger would misread rows in a format it cannot know (an app from
    before 0018 fails on the audit's change rows): it refuses, naming the step, and writes
    nothing."""
    path = tmp_path / "ledger.sqlite"
    before = _from_a_newer_app(path)
    with pytest.raises(LedgerUnavailable, match="0099_from_the_future") as refused:
        Ledger.open(path)
    assert refused.value.code == "newer"
    assert path.read_bytes() == before


def test_the_command_line_says_so_in_one_line(tmp_path, diandian) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _from_a_newer_app(home / "ledger.sqlite")
    done = diandian("orders", "list", "--db", str(home / "ledger.sqlite"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "newer version of Diandian" in done.stderr
    assert "Traceback" not in done.stderr

"""The push's look-ups and inserts (issue 19): the right rows on both databases; on
PostgreSQL, in a new registry whose purchases were never analysed, no scan of the kiosk's
whole prefix of an index with the asked values filtered over every row (the plan a table
without statistics got: linear in the kiosk's sales); and rows inserted through COPY stored
byte for byte, a refused one failing the insert whole with SQLAlchemy's error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, func, select
from sqlalchemy.exc import IntegrityError

from sync.registry import operations, purchase_storage
from sync.registry.tables import purchases
from tests.sync.registry.test_storage import SMALL, _kiosks, _sale_row


def _fill(engine: Engine, kiosks: list[str], count: int) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
        for kiosk_id in kiosks:
            rows = [_sale_row(kiosk_id, serial) for serial in range(1, count + 1)]
            purchase_storage.insert_purchases(conn=conn, rows=rows)


def test_lookups_answer_this_kiosks_rows_only(engine: Engine) -> None:
    mine, other = _kiosks(engine, 2)
    _fill(engine, [mine, other], 30)
    wanted = [f"{mine}-3", f"{mine}-30", f"{mine}-3", f"{other}-4", f"{mine}-31", "x"]
    with engine.connect() as conn:
        known = purchase_storage.purchases_by_order(conn=conn, kiosk_id=mine, order_ids=wanted)
        owners = purchase_storage.serial_owners(conn=conn, kiosk_id=mine, serials=[3, 3, 30, 31])
        assert purchase_storage.purchases_by_order(conn=conn, kiosk_id=mine, order_ids=[]) == {}
        assert purchase_storage.serial_owners(conn=conn, kiosk_id=mine, serials=[]) == {}
    assert sorted(known) == [f"{mine}-3", f"{mine}-30"]
    row = known[f"{mine}-30"]
    assert (row.kiosk_id, row.serial, row.payload_hash, row.voided_at) == (mine, 30, "h", None)
    assert (row.project_id, row.offset_g) == ("small", 1)
    assert owners == {3: f"{mine}-3", 30: f"{mine}-30"}


def _filtered_by_index(plan: dict[str, Any]) -> int:
    """Rows an index scan of purchases read and then filtered out (index cond on the kiosk
    alone, the values as a filter)."""
    own = 0
    if plan.get("Relation Name") == "purchases" and "Index" in plan["Node Type"]:
        own = plan.get("Rows Removed by Filter", 0) * plan.get("Actual Loops", 1)
    return own + sum(_filtered_by_index(child) for child in plan.get("Plans", ()))


def test_first_sales_leave_postgres_statistics(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    (kiosk_id,) = _kiosks(engine, 1)
    _fill(engine, [kiosk_id], 5)
    with engine.connect() as conn:
        stats = conn.exec_driver_sql(
            "SELECT n_distinct FROM pg_stats WHERE tablename = 'purchases' AND attname = 'kiosk_id'"
        ).all()
    assert len(stats) == 1  # analysed with the rows of its first insert (none before)


def test_postgres_lookups_use_the_whole_unique_key(engine: Engine) -> None:
    """3,000 purchases of one kiosk pushed into a new registry: asking for 200 order ids (50
    held) and 200 serials reads no row of the kiosk's through the index only to filter it
    out. Before: without statistics the serial look-up took (kiosk_id, order_id)'s index for
    `kiosk_id = ...` and filtered the serials over all 3,000 (at 100,000 purchases: 240 ms a
    push of 500 in the two look-ups)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's planner probes the index per value")
    (kiosk_id,) = _kiosks(engine, 1)
    _fill(engine, [kiosk_id], 3_000)
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT") and not many:
            statements.append((sql, params))

    order_ids = [f"{kiosk_id}-{n}" for n in range(2_951, 3_001)]
    order_ids += [f"{kiosk_id}-new-{n}" for n in range(150)]
    with engine.connect() as conn:
        event.listen(conn, "before_cursor_execute", keep)
        known = purchase_storage.purchases_by_order(
            conn=conn, kiosk_id=kiosk_id, order_ids=order_ids
        )
        owners = purchase_storage.serial_owners(
            conn=conn, kiosk_id=kiosk_id, serials=list(range(3_001, 3_201))
        )
        event.remove(conn, "before_cursor_execute", keep)
        assert len(known) == 50 and owners == {}
        assert len(statements) == 2
        for sql, params in statements:
            filtered = _filtered_by_index(_explain(conn, sql, params))
            assert filtered == 0, f"{filtered} rows read through an index and filtered: {sql}"


def _explain(conn: Connection, sql: str, params: Any) -> dict[str, Any]:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
    (value,) = cursor.fetchone()
    plan = value if isinstance(value, list) else json.loads(value)
    return plan[0]["Plan"]


def test_inserted_text_comes_back_byte_for_byte(engine: Engine) -> None:
    """PostgreSQL inserts through COPY (text format): tabs, newlines, backslashes and any
    character stored as given (a payload's hash is of its stored text)."""
    (kiosk_id,) = _kiosks(engine, 1)
    tricky = 'a\tb\nc\\nd\\\\e "f" 碳中和 \r\\N \u2028 ☃'
    payload = json.dumps({"nickname": tricky, "note": "\\u0000"}, ensure_ascii=False)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
        row = {**_sale_row(kiosk_id, 1), "nickname": tricky, "payload": payload}
        ids = purchase_storage.insert_purchases(conn=conn, rows=[row, _sale_row(kiosk_id, 2)])
    with engine.connect() as conn:
        cols = (purchases.c.id, purchases.c.nickname, purchases.c.payload, purchases.c.filed_late)
        query = select(*cols).where(purchases.c.order_id == f"{kiosk_id}-1")
        stored = conn.execute(query).one()
    assert tuple(stored) == (ids[f"{kiosk_id}-1"], tricky, payload, False)


def test_a_refused_row_inserts_nothing_and_raises_the_usual_error(engine: Engine) -> None:
    """A serial taken twice in one insert: SQLAlchemy's IntegrityError (a 409 at a route), as
    an executemany's; none of the rows stay."""
    (kiosk_id,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    twice = {**_sale_row(kiosk_id, 1), "order_id": "other", "cert_id": "OTHER"}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        purchase_storage.insert_purchases(conn=conn, rows=[_sale_row(kiosk_id, 1), twice])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(purchases)).scalar() == 0


def test_first_insert_does_not_wait_for_another_analyse(engine: Engine) -> None:
    """While another transaction holds the lock ANALYZE takes (another kiosk's first batch,
    autovacuum), a push's first insert goes on without statistics rather than wait."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's ANALYZE")
    (kiosk_id,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    with engine.connect() as holder, holder.begin():
        holder.exec_driver_sql("LOCK TABLE purchases IN SHARE UPDATE EXCLUSIVE MODE")
        with engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '5s'")  # a wait fails, not hangs
            ids = purchase_storage.insert_purchases(conn=conn, rows=[_sale_row(kiosk_id, 1)])
    assert list(ids) == [f"{kiosk_id}-1"]

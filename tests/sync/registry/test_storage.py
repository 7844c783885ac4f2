"""Storage and credit arithmetic, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine, select

from kiosk.errors import DataError
from sync.registry import credits, migrations, operations, storage
from sync.registry.tables import allocations, projects, purchases

SMALL = {
    "project": [
        {
            "id": "small",
            "name": {"zh": "小", "en": "Small", "fr": "Petit"},
            "location": {"zh": "成都", "en": "Chengdu", "fr": "Chengdu"},
            "description": {"zh": "演示", "en": "Demo", "fr": "Démo"},
            "vintage": 2024,
            "price_fen_per_t": 8000,
            "serials": ["SM-000001..000002", "SM-000010..000012"],
            "stock_t": 5,
        }
    ]
}


def test_migrations_are_recorded_and_idempotent(engine: Engine) -> None:
    assert migrations.pending(engine) == []
    assert migrations.upgrade(engine) == []


def test_import_sets_stock_and_refuses_reused_serials(engine: Engine) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
        row = storage.get_project(conn=conn, project_id="small")
        assert row is not None and row.stock_g == 5_000_000
    with pytest.raises(DataError, match="already imported"), engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")


def test_import_refuses_more_stock_than_serials(engine: Engine) -> None:
    data = {"project": [{**SMALL["project"][0], "id": "big", "serials": ["BG-1..2"]}]}
    with pytest.raises(DataError, match="needs as many serials"), engine.begin() as conn:
        operations.import_projects(conn=conn, data=data, source="big")
    with engine.begin() as conn:
        assert storage.get_project(conn=conn, project_id="big") is None


def test_enrol_token_works_once(engine: Engine) -> None:
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall A")
        digest = operations.hash_token(token)
        assert storage.use_enrol_token(conn=conn, token_hash=digest, kiosk_id="K1") == "hall A"
        assert storage.use_enrol_token(conn=conn, token_hash=digest, kiosk_id="K2") is None
        assert storage.use_enrol_token(conn=conn, token_hash="0" * 64, kiosk_id="K3") is None


def _kiosks(engine: Engine, count: int) -> list[str]:
    ids = [f"K{i:04d}" for i in range(count)]
    with engine.begin() as conn:
        for kiosk_id in ids:
            storage.add_kiosk(conn=conn, kiosk_id=kiosk_id, name=kiosk_id, public_key="x" * 44)
    return ids


def test_allocations_never_exceed_stock_with_many_kiosks_at_once(engine: Engine) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    ids = _kiosks(engine, 12)
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(ids))

    def ask(kiosk_id: str) -> None:
        try:
            barrier.wait()
            with engine.begin() as conn:
                credits.top_up(conn=conn, kiosk_id=kiosk_id, headroom_g=700_000)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(k,)) for k in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engine.connect() as conn:
        granted = [
            row.granted_g
            for row in conn.execute(select(allocations).where(allocations.c.project_id == "small"))
        ]
        project = conn.execute(select(projects).where(projects.c.project_id == "small")).one()
    assert sum(granted) == project.allocated_g == 5_000_000  # all of it, and not a gram more
    assert all(0 < g <= 700_000 for g in granted)


def _sale(conn: Any, kiosk_id: str, serial: int, grams: int, project: str = "small") -> None:
    storage.insert_purchases(
        conn=conn,
        rows=[
            {
                "order_id": f"{kiosk_id}-{serial}",
                "kiosk_id": kiosk_id,
                "serial": serial,
                "cert_id": f"{kiosk_id}-{serial:06d}",
                "project_id": project,
                "offset_g": grams,
                "footprint_g": grams,
                "amount_fen": 1,
                "nickname": "",
                "venue": "v",
                "day": "2026-11-26",
                "paid_at": "2026-11-26T10:00:00Z",
                "payload": "{}",
                "payload_hash": "h",
                "received_at": "now",
                "filed_late": False,
            }
        ],
    )


def _retirement_of(conn: Any, order_id: str) -> str | None:
    row = conn.execute(select(purchases).where(purchases.c.order_id == order_id)).one()
    if row.retirement_id is None:
        return None
    found = storage.get_retirement(conn=conn, retirement_id=row.retirement_id)
    return f"{found.serial_first}..{found.serial_last}"


def test_retirement_whole_tonnes_in_order_voids_excluded(engine: Engine) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    (kiosk,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        for serial, grams in ((1, 600_000), (2, 500_000), (3, 300_000), (4, 700_000)):
            _sale(conn, kiosk, serial, grams)
        storage.void_purchases(
            conn=conn, voids=[{"order_id": f"{kiosk}-3", "voided_at": "t", "void_reason": "r"}]
        )
        made = credits.retire_all(conn=conn)  # 1.8 t sold: one tonne
        assert [(r["tonnes"], r["serial_first"]) for r in made] == [(1, "SM-000001")]
        assert _retirement_of(conn, f"{kiosk}-1") == "SM-000001..SM-000001"
        assert _retirement_of(conn, f"{kiosk}-2") is None  # its last gram is not retired yet
        _sale(conn, kiosk, 5, 400_000)
        made = credits.retire_all(conn=conn)  # 2.2 t: a second tonne
        assert [r["serial_first"] for r in made] == ["SM-000002"]
        assert _retirement_of(conn, f"{kiosk}-2") == "SM-000002..SM-000002"
        assert _retirement_of(conn, f"{kiosk}-4") == "SM-000002..SM-000002"
        assert _retirement_of(conn, f"{kiosk}-3") is None  # voided: never retired
        assert _retirement_of(conn, f"{kiosk}-5") is None
        assert credits.retire_all(conn=conn) == []  # nothing twice
        project = storage.get_project(conn=conn, project_id="small")
        assert (project.retired_g, project.covered_g) == (2_000_000, 1_800_000)


def test_retirement_crosses_serial_blocks(engine: Engine) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    (kiosk,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        _sale(conn, kiosk, 1, 4_000_000)
        made = credits.retire_all(conn=conn)
        spans = [(r["serial_first"], r["serial_last"], r["tonnes"]) for r in made]
        assert spans == [("SM-000001", "SM-000002", 2), ("SM-000010", "SM-000011", 2)]
        assert _retirement_of(conn, f"{kiosk}-1") == "SM-000010..SM-000011"
        _sale(conn, kiosk, 2, 3_000_000)  # 7 t sold, only 5 t of serials: retire what exists
        made = credits.retire_all(conn=conn)
        assert [(r["serial_first"], r["tonnes"]) for r in made] == [("SM-000012", 1)]


def test_stats_counts_sold_and_retired(engine: Engine) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    (kiosk,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        _sale(conn, kiosk, 1, 1_500_000)
        credits.retire_all(conn=conn)
        stats = operations.stats(conn=conn)
    small = next(p for p in stats["projects"] if p["project_id"] == "small")
    assert (stats["kiosks"], stats["purchases"]) == (1, 1)
    assert (small["sold_g"], small["retired_g"]) == (1_500_000, 1_000_000)

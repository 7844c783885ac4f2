"""Storage and credit arithmetic, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine, select

from kiosk.errors import DataError, InputError
from sync.registry import (
    credit_storage,
    credits,
    migrations,
    operations,
    purchase_storage,
    storage,
)
from sync.registry.tables import allocations, grants, projects, purchases

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


def _retire(conn: Any, serials: str, project: str = "small", reference: str = "R-1") -> dict:
    return credits.retire_blocks(
        conn=conn,
        project_id=project,
        serials=serials,
        reference=reference,
        beneficiary="Diandian visitors",
    )


def test_grants_never_overlap_with_many_kiosks_at_once(engine: Engine) -> None:
    """Twelve kiosks ask at once for 0.7 t each of a project with 5 retired tonnes: five get a
    whole tonne each, by serial, no serial twice, and no gram more than was retired."""
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
        _retire(conn, "SM-000001..000002")
        _retire(conn, "SM-000010..000012", reference="R-2")
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
        serials = [
            (row.block_id, number)
            for row in conn.execute(select(grants).where(grants.c.project_id == "small"))
            for number in range(row.first, row.last + 1)
        ]
    assert sum(granted) == project.allocated_g == 5_000_000  # all of it, and not a gram more
    assert sorted(granted) == [1_000_000] * 5
    assert len(serials) == len(set(serials)) == 5


def test_a_sell_first_project_is_granted_a_count(engine: Engine) -> None:
    data = {"project": [{**SMALL["project"][0], "credit_model": "sell_first"}]}
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=data, source="small")
    (kiosk,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        credits.top_up(conn=conn, kiosk_id=kiosk, headroom_g=700_000)
        rows = credits.allocations_for(conn=conn, kiosk_id=kiosk)
    row = next(r for r in rows if r["project_id"] == "small")
    assert (row["granted_g"], row["grants"], row["credit_model"]) == (700_000, [], "sell_first")
    assert next(r for r in rows if r["project_id"] == "demo-wetland")["granted_g"] == 1_000_000


def _sale(conn: Any, kiosk_id: str, serial: int, grams: int, project: str = "small") -> None:
    purchase_storage.insert_purchases(
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


def _ranges(conn: Any, order_id: str) -> list[str]:
    row = conn.execute(select(purchases).where(purchases.c.order_id == order_id)).one()
    return [r.label() for r in credit_storage.credit_of(conn=conn, purchase_id=row.id)]


def test_retiring_blocks_covers_pending_sales_in_order(engine: Engine) -> None:
    """Sales made without a range (before retire-first) wait, honestly pending, until an
    operator retires blocks: then each gets a contiguous range, oldest first; a refunded one
    never does; a partial tonne left over waits for the next pending sale."""
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    (kiosk,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        for serial, grams in ((1, 600_000), (2, 500_000), (3, 300_000), (4, 700_000)):
            _sale(conn, kiosk, serial, grams)
        purchase_storage.void_purchases(
            conn=conn,
            kiosk_id=kiosk,
            voids=[{"order_id": f"{kiosk}-3", "voided_at": "t", "void_reason": "r"}],
        )
        assert _retire(conn, "SM-000001..000001")["covered"] == 1  # the next needs 0.1 t more
        assert _ranges(conn, f"{kiosk}-1") == ["SM-000001 (g 0–600 000)"]
        assert _ranges(conn, f"{kiosk}-2") == []
        assert _retire(conn, "SM-000002..000002", reference="R-2")["covered"] == 2
        assert _ranges(conn, f"{kiosk}-2") == [
            "SM-000001 (g 600 000–1 000 000)",
            "SM-000002 (g 0–100 000)",
        ]
        assert _ranges(conn, f"{kiosk}-3") == []  # refunded before it was covered: never
        assert _ranges(conn, f"{kiosk}-4") == ["SM-000002 (g 100 000–800 000)"]
        _sale(conn, kiosk, 5, 150_000)
        assert _retire(conn, "SM-000010..000010", reference="R-3")["covered"] == 1
        assert _ranges(conn, f"{kiosk}-5") == ["SM-000002 (g 800 000–950 000)"]  # the leftover
        stats = operations.stats(conn=conn)
    small = next(p for p in stats["projects"] if p["project_id"] == "small")
    assert (small["retired_g"], small["pending_purchases"]) == (3_000_000, 0)
    sm1, sm2, sm10 = [b for b in stats["blocks"] if b["project_id"] == "small"]
    assert (sm1["sold_g"], sm1["unallocated_g"]) == (1_000_000, 0)
    assert (sm2["sold_g"], sm2["unallocated_g"]) == (950_000, 50_000)
    assert (sm10["sold_g"], sm10["unallocated_g"], sm10["retired_t"]) == (0, 1_000_000, 1)


@pytest.mark.parametrize(
    ("serials", "message"),
    [
        ("SM-000003..000003", "not among small's imported serials"),
        ("SM-000002..000010", "not among small's imported serials"),
        ("SM-000001..000001", "overlap a block already retired"),
        ("SM-000005..000001", "ends before it starts"),
        ("000001", "is not like"),
    ],
)
def test_retiring_refuses_serials_it_cannot_retire(
    engine: Engine, serials: str, message: str
) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
        _retire(conn, "SM-000001..000001")
    with pytest.raises(InputError, match=message), engine.begin() as conn:
        _retire(conn, serials)
    with engine.connect() as conn:
        assert len(credit_storage.retired_blocks_of(conn=conn, project_id="small")) == 1


def test_retiring_refuses_more_than_the_stock(engine: Engine) -> None:
    data = {"project": [{**SMALL["project"][0], "stock_t": 2}]}
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=data, source="small")
        _retire(conn, "SM-000001..000002")
    with pytest.raises(InputError, match="would pass small's stock of 2 t"), engine.begin() as c:
        _retire(c, "SM-000010..000010")
    with pytest.raises(InputError, match="no project 'nope'"), engine.begin() as conn:
        _retire(conn, "SM-000010..000010", project="nope")
    with pytest.raises(InputError, match="--reference"), engine.begin() as conn:
        _retire(conn, "SM-000010..000010", reference="  ")


def _sale_row(kiosk_id: str, serial: int) -> dict[str, Any]:
    return {
        "order_id": f"{kiosk_id}-{serial}", "kiosk_id": kiosk_id, "serial": serial,
        "cert_id": f"{kiosk_id}-{serial:06d}", "project_id": "small", "offset_g": 1,
        "footprint_g": 1, "amount_fen": 1, "nickname": "", "venue": "v", "day": "2026-11-26",
        "paid_at": "2026-11-26T10:00:00Z", "payload": "{}", "payload_hash": "h",
        "received_at": "now", "filed_late": False,
    }  # fmt: skip


def test_inserted_purchases_are_answered_with_their_own_ids(engine: Engine) -> None:
    """Without RETURNING on SQLite (ids worked out from the largest before): right in the
    usual case, and still right once the largest id is taken and SQLite picks ids at random."""
    (kiosk_id,) = _kiosks(engine, 1)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SMALL, source="small")
    largest = 2**63 - 1 if engine.dialect.name == "sqlite" else 2**31 - 1
    for first, explicit in ((1, None), (10, largest), (20, None)):
        with engine.begin() as conn:
            if explicit is not None:
                conn.execute(purchases.insert(), {**_sale_row(kiosk_id, 99), "id": explicit})
            rows = [_sale_row(kiosk_id, first + i) for i in range(5)]
            ids = purchase_storage.insert_purchases(conn=conn, rows=rows)
            stored = dict(
                conn.execute(
                    select(purchases.c.order_id, purchases.c.id).where(
                        purchases.c.order_id.in_([r["order_id"] for r in rows])
                    )
                ).all()
            )
            assert ids == stored and len(set(ids.values())) == 5

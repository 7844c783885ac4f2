"""Property tests of settlement (hypothesis): whatever sales, refunds and sync delays happen,
every paid purchase lands in exactly one statement (its refund in exactly one, never before
its sale's), each statement and its CSV add up, late sales are adjustment lines naming their
own day, and the chain verifies. Run on the real registry (SQLite), one new project per
example, pushed by a signed kiosk."""

from __future__ import annotations

import csv
import io
import itertools
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from sync.registry import migrations, operations, settle, settlement_storage
from sync.registry.app import create_app
from sync.registry.db import make_engine
from sync.registry.periods import parse_period
from sync.registry.statement_files import to_csv
from tests.sync.registry.conftest import SELL_FIRST
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_settlement import at, push_ok

PERIODS = [parse_period(p) for p in ("2026-09", "2026-10", "2026-11", "2026-12")]
FIRST_DAY = date(2026, 9, 1)
NOW = datetime(2027, 1, 10, tzinfo=UTC)
METHOD = st.sampled_from(("cash", "card", "mobile"))
_numbers = itertools.count(1)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SALE = st.fixed_dictionaries(
    {
        "day": st.integers(0, 121),  # 1 September to 31 December
        "fen": st.integers(1, 200_000),
        "grams": st.integers(1, 50_000),
        "method": METHOD,
        "wave": st.integers(0, 3),  # the sync round it reaches the registry in
        "void": st.one_of(st.none(), st.tuples(st.integers(0, 40), st.integers(0, 3))),
    }
)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """One registry for all of a test's examples: each example settles a project of its own."""
    made = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    migrations.upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def sqlite_client(sqlite_engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_engine, headroom_g=5_000_000)) as test_client:
        yield test_client


@pytest.fixture
def sqlite_kiosk(sqlite_engine: Engine, sqlite_client: TestClient) -> Kiosk:
    made = Kiosk.new()
    made.enrol(sqlite_client, sqlite_engine, pull=False)
    return made


def _new_project(engine: Engine, fee: str) -> str:
    number = next(_numbers)
    project_id = f"prop-{number}"
    row = {
        **SELL_FIRST["project"][0],
        "id": project_id,
        "serials": [f"PROP{number}-000001..000100"],
        "stock_t": 100,
        "settlement": {"owner": "Owner Ltd", "fee_percent": fee, "period": "monthly"},
    }
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data={"project": [row]}, source="prop")
    return project_id


def _csv_adds_up(content: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(content))))
    items = [r for r in rows if r["record"] in ("sale", "refund", "fee")]
    (net,) = [r for r in rows if r["record"] == "net"]
    assert sum(int(r["amount_fen"]) for r in items) == int(net["amount_fen"]) == content["net_fen"]


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sales=st.lists(SALE, min_size=0, max_size=12),
    fee=st.sampled_from(("0", "5", "2.5", "12.75", "100")),
)
def test_every_purchase_is_in_exactly_one_statement_and_each_adds_up(
    sqlite_engine: Engine, sqlite_client, sqlite_kiosk: Kiosk, sales: list[dict], fee: str
) -> None:
    engine, client, kiosk = sqlite_engine, sqlite_client, sqlite_kiosk
    project = _new_project(engine, fee)
    kiosk.pull(client)  # a sell-first project's allowance, as the kiosk's next sync pulls it
    orders = []  # (spec, order, sale day, void day or None, void wave)
    for spec in sales:
        day = FIRST_DAY + timedelta(days=spec["day"])
        order = kiosk.order(
            project=project,
            offset_g=spec["grams"],
            amount_fen=spec["fen"],
            payment_method=spec["method"],
            paid_at=at(day.isoformat()),
            credit_ranges="[]",
        )
        void_day, void_wave = None, None
        if spec["void"] is not None:
            delay, extra = spec["void"]
            void_day = min(day + timedelta(days=delay), date(2027, 1, 9))
            void_wave = min(spec["wave"] + extra, 3)
        orders.append((spec, order, day, void_day, void_wave))

    numbers = []
    for wave, period in enumerate(PERIODS):
        records = [kiosk.record(o) for s, o, _, _, _ in orders if s["wave"] == wave]
        if records:
            push_ok(kiosk, client, records)
        voids = []
        for _, order, _, void_day, void_wave in orders:
            if void_wave == wave:
                record = kiosk.void(order)
                record["payload"]["voided_at"] = at(void_day.isoformat())
                voids.append(record)
        if voids:
            push_ok(kiosk, client, voids)
        with engine.begin() as conn:
            (made,) = settle.close_period(
                conn=conn, period=period, actor="prop", project_id=project, now=NOW
            )
        numbers.append(made["number"])

    with engine.connect() as conn:
        statements = {
            n: settle.content_of(settlement_storage.get_statement(conn=conn, number=n))
            for n in numbers
        }
        assert settle.verify(conn=conn) == []
        lines = conn.execute(
            text(
                "SELECT p.cert_id, l.kind, s.number FROM statement_lines l"
                " JOIN statements s ON s.id = l.statement_id"
                " JOIN purchases p ON p.id = l.purchase_id WHERE s.project_id = :p"
            ),
            {"p": project},
        ).all()
    where = {(cert, kind): number for cert, kind, number in lines}
    assert len(where) == len(lines)  # never twice

    total_gross = total_refunds = total_fees = total_net = 0
    for number, content in statements.items():
        assert (
            content["gross_fen"] - content["refunds_fen"] == content["fee_fen"] + content["net_fen"]
        )
        receipts = Decimal(content["gross_fen"] - content["refunds_fen"])
        fee = receipts * content["contract"]["fee_bp"] / 10_000  # exact, then to the fen
        assert content["fee_fen"] == int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        assert (
            sum(content["gross"].values())
            == content["gross_fen"]
            == sum(line["fen"] for line in content["lines"] if line["kind"] == "sale")
        )
        assert {(line["cert_id"], line["kind"]) for line in content["lines"]} == {
            key for key, n in where.items() if n == number
        }
        _csv_adds_up(content)
        total_gross += content["gross_fen"]
        total_refunds += content["refunds_fen"]
        total_fees += content["fee_fen"]
        total_net += content["net_fen"]
    assert total_net == total_gross - total_refunds - total_fees

    for spec, order, day, void_day, void_wave in orders:
        cert = f"{kiosk.kiosk_id}-{order['serial']:06d}"
        own = next(i for i, p in enumerate(PERIODS) if day in p)
        settled_in = PERIODS.index(next(p for p in PERIODS if p.label == statements[
            where[(cert, "sale")]]["period"]))  # fmt: skip
        # in its own period's statement if it arrived by then, else the next one closed
        assert settled_in == max(own, spec["wave"])
        line = next(
            x for x in statements[where[(cert, "sale")]]["lines"]
            if x["cert_id"] == cert and x["kind"] == "sale"
        )  # fmt: skip
        assert line["day"] == day.isoformat()
        assert line["adjustment"] == (spec["wave"] > own)
        if void_day is None:
            assert (cert, "refund") not in where
            continue
        if void_day > PERIODS[-1].last:
            assert (cert, "refund") not in where  # refunded after the last closed period
            continue
        assert where[(cert, "refund")] >= where[(cert, "sale")]
        refund_in = PERIODS.index(next(p for p in PERIODS if p.label == statements[
            where[(cert, "refund")]]["period"]))  # fmt: skip
        void_own = next(i for i, p in enumerate(PERIODS) if void_day in p)
        assert refund_in == max(void_own, void_wave, settled_in)

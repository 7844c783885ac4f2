"""Two tills sell from the same small allocation at the same moment (the touchscreen and a
cashier PC on one ledger file) while a third connection lists orders. SQLite's locking, the
busy timeout and `BEGIN IMMEDIATE` must make them queue: nobody sees "database is locked",
nothing is oversold, and the grams that are not sold are refused as sold out.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.ledger import Ledger
from kiosk.ledger.verify import verify
from kiosk.order_state import OrderState

from .support import Worker, open_raw

pytestmark = pytest.mark.slow

PROJECT = "demo-wetland"
ORDER_G = 1000
SELLABLE = 30  # the allocation holds exactly this many orders
EACH = 25  # orders each till tries to sell: 50 tries for 30 orders
# A customer's moment between draft, place and pay, so the two tills' steps interleave.
PAUSE_S = 0.003


@dataclass
class Race:
    path: Path
    tills: list[Worker]
    returncodes: list[int]
    listings: int = 0
    paid_seen: list[int] = field(default_factory=list)  # paid orders in each listing, in order
    stock_seen: list[tuple[int, int, int]] = field(default_factory=list)  # granted, held, sold
    reader_errors: list[str] = field(default_factory=list)


def _watch(path: Path, race: Race) -> None:
    """The reader: list orders and stock over and over while the tills write."""
    with Ledger.open(path, read_only=True) as reader:
        while any(till.proc.poll() is None for till in race.tills):
            try:
                orders = reader.orders(limit=100)
                stock = next(s for s in reader.stock() if s.project.id == PROJECT)
            except Exception as exc:  # recorded, so the tills are still collected
                race.reader_errors.append(f"{type(exc).__name__}: {exc}")
                continue
            race.listings += 1
            race.paid_seen.append(sum(order.status == OrderState.PAID for order in orders))
            race.stock_seen.append((stock.granted_g, stock.reserved_g, stock.sold_g))


@pytest.fixture(scope="module")
def race(tmp_path_factory: pytest.TempPathFactory) -> Race:
    """One race, shared by the tests below: each checks one thing about it."""
    path = tmp_path_factory.mktemp("race") / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        ledger.set_allocation(PROJECT, SELLABLE * ORDER_G, actor="admin")
    args = ("--project", PROJECT, "--offset", str(ORDER_G), "--count", str(EACH))
    args += ("--pause", str(PAUSE_S), "--wait-go", "--step")
    tills = [Worker(path, *args) for _ in range(2)]
    try:
        for till in tills:
            till.wait_for("READY", timeout=60)
        for till in tills:
            till.say("GO")
        result = Race(path, tills, [])
        reader = threading.Thread(target=_watch, args=(path, result))
        reader.start()
        for n in range(1, EACH + 1):  # rounds: both tills sell at once, every round
            for till in tills:
                till.say("NEXT")
            for till in tills:
                till.wait_results(n)
        result.returncodes = [till.finish() for till in tills]
        reader.join(60)
    finally:
        for till in tills:
            if till.proc.returncode is None:
                till.kill()
    return result


def test_no_till_sees_database_is_locked(race: Race) -> None:
    """Both tills queue on the write lock and finish all their tries without an error."""
    for till, returncode in zip(race.tills, race.returncodes, strict=True):
        assert "locked" not in till.stderr.lower(), till.stderr
        assert returncode == 0, till.stderr
        assert till.count("PAID") + till.count("SOLDOUT") == EACH
        assert till.words()[-1] == "DONE"


def test_the_two_tills_really_sold_at_the_same_time(race: Race) -> None:
    """Guards the test itself: each till sold while the other was still selling (the rounds
    make it so whatever the machine's load: both are told to sell at once, 25 times)."""
    spans = []
    for till in race.tills:
        sold = [at for at, line in till.lines if line.startswith("PAID")]
        assert sold, "one till sold nothing"
        spans.append((min(sold), max(sold)))
    assert max(start for start, _ in spans) < min(end for _, end in spans)


def test_exactly_the_allocation_is_sold_and_the_rest_is_sold_out(race: Race) -> None:
    """30 orders' worth: 30 sales, 20 SoldOut, nothing oversold, nothing left hanging."""
    assert sum(till.count("PAID") for till in race.tills) == SELLABLE
    assert sum(till.count("SOLDOUT") for till in race.tills) == 2 * EACH - SELLABLE
    conn = open_raw(race.path)
    try:
        row = conn.execute("SELECT * FROM allocations WHERE project_id = ?", (PROJECT,)).fetchone()
        assert (row["granted_g"], row["reserved_g"], row["sold_g"]) == (
            SELLABLE * ORDER_G, 0, SELLABLE * ORDER_G,
        )  # fmt: skip
    finally:
        conn.close()


def test_every_sale_has_its_own_serial_and_the_ledger_verifies(race: Race) -> None:
    """The tills interleave but serials stay 1..30 with no gap and no duplicate."""
    reported = {}
    for till in race.tills:
        reported |= till.paid()
    assert sorted(reported.values()) == list(range(1, SELLABLE + 1))
    conn = open_raw(race.path)
    try:
        stored = dict(conn.execute("SELECT id, serial FROM orders WHERE status = 'paid'"))
        assert stored == reported
        report = verify(conn)
        assert report.ok, report.problems
    finally:
        conn.close()


def test_a_reader_lists_orders_while_the_tills_write(race: Race) -> None:
    """A third connection (the orders screen) is never blocked nor shown an impossible state."""
    assert not race.reader_errors
    assert race.listings > 0
    assert race.paid_seen == sorted(race.paid_seen), "a paid order disappeared from the list"
    assert max(race.paid_seen) <= SELLABLE
    for granted, held, sold in race.stock_seen:
        assert held >= 0 and sold >= 0 and held + sold <= granted, (granted, held, sold)

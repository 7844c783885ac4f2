"""Retire first, then sell, on the kiosk: each paid order draws its grams from the retired
serials granted to this kiosk, a refunded range is never sold again, and `ledger verify`
checks the ranges (within the grants, no gram twice, the sums)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.credit import TONNE_G, CreditModel, CreditRange
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, SoldOut
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import compare, restore
from kiosk.ledger.verify import verify
from tests.credit_support import grant_tonnes

from .support import open_raw, sell

PROJECT = "demo-wetland"


def _grant(ledger: Ledger, ref: str, first: int, last: int, project: str = PROJECT) -> None:
    ledger.add_grant(
        project,
        ref,
        prefix="CDCER-2024W-",
        first=first,
        last=last,
        width=6,
        reference=f"SEEE-RET-{ref}",
        beneficiary="Diandian visitors",
        actor="sync",
    )


@pytest.fixture
def kiosk(tmp_path: Path) -> Ledger:
    """A kiosk with the demo catalogue whose wetland allowance is replaced by two retired
    tonnes (000123 and 000124), as after its first sync."""
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        ledger.forfeit_demo_grants(actor="sync")
        ledger.set_allocation(PROJECT, 7 * TONNE_G, actor="sync")
        _grant(ledger, "r1", 123, 124)
        yield ledger


def _problems(ledger: Ledger) -> list[str]:
    conn = open_raw(ledger.path)
    try:
        return verify(conn).problems
    finally:
        conn.close()


def test_a_paid_order_names_its_serial_and_gram_range(kiosk: Ledger, footprint: Footprint):
    order = sell(kiosk, footprint, PROJECT, 415_343)
    assert order.retirement() == "retired"
    (only,) = order.ranges()
    assert only == CreditRange("CDCER-2024W-000123", 0, 415_343, "SEEE-RET-r1", "Diandian visitors")
    assert only.label() == "CDCER-2024W-000123 (g 0–415 343)"
    assert kiosk.get(order.id).ranges() == order.ranges()  # stored as drawn
    assert _problems(kiosk) == []


def test_an_order_spans_two_serials_in_order(kiosk: Ledger, footprint: Footprint) -> None:
    sell(kiosk, footprint, PROJECT, 900_000)
    order = sell(kiosk, footprint, PROJECT, 300_000)
    assert [r.label() for r in order.ranges()] == [
        "CDCER-2024W-000123 (g 900 000–1 000 000)",
        "CDCER-2024W-000124 (g 0–200 000)",
    ]
    assert sum(r.grams for r in order.ranges()) == order.offset_g
    assert _problems(kiosk) == []


def test_a_refunded_range_is_never_sold_again(kiosk: Ledger, footprint: Footprint) -> None:
    """Issue 11's third reproduction, on the kiosk: 2 t retired and granted; A = 1 t and
    B = 1 t sold; A refunded; C = 1 t must not get A's tonne (it did: the grams went back)."""
    a = sell(kiosk, footprint, PROJECT, TONNE_G)
    sell(kiosk, footprint, PROJECT, TONNE_G)
    refunded = kiosk.void(a.id, reason="changed mind", actor="c1")
    assert refunded.ranges() == a.ranges()  # still retired, now assigned to nobody
    with pytest.raises(SoldOut):
        sell(kiosk, footprint, PROJECT, TONNE_G)
    stock = next(s for s in kiosk.stock() if s.project.id == PROJECT)
    assert (stock.sold_g, stock.refunded_g, stock.available_g) == (TONNE_G, TONNE_G, 0)
    _grant(kiosk, "r2", 500, 500)  # a further retired tonne from the next pull
    c = sell(kiosk, footprint, PROJECT, TONNE_G)
    assert [r.serial for r in c.ranges()] == ["CDCER-2024W-000500"]
    assert _problems(kiosk) == []


def test_the_count_still_bounds_what_is_sold(kiosk: Ledger, footprint: Footprint) -> None:
    """An unlisted project is cut to what is committed: its serials are not sold either."""
    sell(kiosk, footprint, PROJECT, 1_000)
    kiosk.set_allocation(PROJECT, 1_000, actor="sync")
    with pytest.raises(SoldOut):
        sell(kiosk, footprint, PROJECT, 1_000)


def test_a_sell_first_project_holds_no_range_and_stays_pending(
    tmp_path: Path, footprint: Footprint
) -> None:
    catalogue = load_demo_catalogue()
    projects = tuple(
        replace(p, credit_model=CreditModel.SELL_FIRST) if p.id == PROJECT else p
        for p in catalogue.projects
    )
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ledger.load_catalogue(replace(catalogue, projects=projects, demo=False))
        ledger.set_allocation(PROJECT, 2_000, actor="sync")
        order = sell(ledger, footprint, PROJECT, 2_000)
        assert order.ranges() == () and order.retirement() == "pending"
        ledger.void(order.id, reason="refund", actor="c1")
        again = sell(ledger, footprint, PROJECT, 2_000)  # sell first: the count came back
        assert again.retirement() == "pending"
        assert _problems(ledger) == []


def test_demo_serials_are_forfeited_when_a_registry_catalogue_arrives(
    new_ledger: Callable[[Path], Ledger], tmp_path: Path, footprint: Footprint
) -> None:
    ledger = new_ledger(tmp_path / "ledger.sqlite")
    demo = sell(ledger, footprint, PROJECT, 1_000)
    assert demo.ranges()[0].serial == "DEMO-WETLAND-000001"
    assert demo.ranges()[0].reference is None  # invented: nothing was retired
    ledger.forfeit_demo_grants(actor="sync")
    with pytest.raises(SoldOut):
        sell(ledger, footprint, PROJECT, 1_000)
    assert _problems(ledger) == []


def test_a_grant_is_appended_once_and_never_changed(kiosk: Ledger) -> None:
    assert not kiosk.add_grant(
        PROJECT,
        "r1",
        prefix="CDCER-2024W-",
        first=123,
        last=124,
        width=6,
        reference="x",
        beneficiary="y",
        actor="sync",
    )
    with pytest.raises(InputError, match="other serials"):
        _grant(kiosk, "r1", 200, 201)
    with pytest.raises(InputError, match="already held"):
        _grant(kiosk, "r9", 124, 130)
    with pytest.raises(sqlite3.IntegrityError):
        kiosk.conn.execute("UPDATE credit_grants SET last = 999")
    with pytest.raises(sqlite3.IntegrityError):
        kiosk.conn.execute("DELETE FROM credit_grants")


def test_the_cursor_catches_up_with_what_the_registry_received(
    kiosk: Ledger, footprint: Footprint
) -> None:
    """After a restore the registry may know grams this copy never drew: never again."""
    assert kiosk.raise_cursor_past(PROJECT, "CDCER-2024W-000123", 600_000, actor="sync")
    order = sell(kiosk, footprint, PROJECT, 1_000)
    assert order.ranges()[0].label() == "CDCER-2024W-000123 (g 600 000–601 000)"
    assert not kiosk.raise_cursor_past(PROJECT, "CDCER-2024W-000123", 5, actor="sync")
    assert not kiosk.raise_cursor_past(PROJECT, "OTHER-000001", 5, actor="sync")


def test_verify_names_ranges_edited_by_hand(kiosk: Ledger, footprint: Footprint) -> None:
    first = sell(kiosk, footprint, PROJECT, 10_000)
    second = sell(kiosk, footprint, PROJECT, 10_000)
    conn = sqlite3.connect(kiosk.path, isolation_level=None)
    try:  # the second order made to hold the first one's grams, the cursor wound back
        conn.execute(
            "UPDATE orders SET credit_ranges = ? WHERE id = ?", (first.credit_ranges, second.id)
        )
        conn.execute(f"UPDATE allocations SET drawn_g = 5 WHERE project_id = '{PROJECT}'")
    finally:
        conn.close()
    found = _problems(kiosk)
    same = [p for p in found if "hold the same grams" in p]
    assert len(same) == 1 and first.code in same[0] and second.code in same[0], found
    assert any("draw cursor at 5 g" in p for p in found), found


def test_verify_names_a_range_outside_the_grants(kiosk: Ledger, footprint: Footprint) -> None:
    order = sell(kiosk, footprint, PROJECT, 10_000)
    forged = order.credit_ranges.replace("000123", "000999")
    conn = sqlite3.connect(kiosk.path, isolation_level=None)
    try:
        conn.execute("UPDATE orders SET credit_ranges = ? WHERE id = ?", (forged, order.id))
    finally:
        conn.close()
    assert any("is not in a grant" in p for p in _problems(kiosk))


def test_a_large_order_is_drawn_through_many_serials(tmp_path: Path, footprint: Footprint):
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        prefix = grant_tonnes(ledger, PROJECT, 12 * TONNE_G)
        order = sell(ledger, footprint, PROJECT, 7 * TONNE_G + 5)
        assert len(order.ranges()) == 8  # 5 t of demo serials, then the granted ones
        assert order.ranges()[-1] == CreditRange(
            prefix + "000003", 0, 5, "TEST-RETIREMENT-2", "Diandian test visitors"
        )
        assert verify(ledger.conn).ok


def test_a_restore_over_an_unreadable_ledger_never_sells_a_granted_gram_again(
    tmp_path: Path, footprint: Footprint
) -> None:
    """An enrolled kiosk's ledger is damaged after sales no backup holds: what it drew is
    unknown, so the restore skips every gram granted (slips printed since may hold any of
    them); the kiosk sells again from its next grant."""
    path = tmp_path / "kiosk" / "ledger.sqlite"
    path.parent.mkdir()
    registry_catalogue = replace(
        load_demo_catalogue(), version="registry-7", demo=False, allocation_g=0
    )
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(registry_catalogue)
        ledger.set_allocation(PROJECT, 9 * TONNE_G, actor="sync")
        _grant(ledger, "r1", 123, 125)
        sell(ledger, footprint, PROJECT, 10_000)
    saved = backup(path, tmp_path / "ledger-20260101-000000.sqlite").path
    with Ledger.open(path) as ledger:
        lost = sell(ledger, footprint, PROJECT, 700_000)  # on a customer's slip, not backed up
    with open(path, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")
    plan = compare(saved, path)
    assert plan.current is None
    assert plan.lost_unknown  # what the unreadable ledger held cannot be listed
    assert restore(saved, path, actor="root", accept_unknown_loss=True).report.ok
    with Ledger.open(path, create=False) as ledger:
        with pytest.raises(SoldOut):
            sell(ledger, footprint, PROJECT, 1_000)
        _grant(ledger, "r2", 200, 200)
        again = sell(ledger, footprint, PROJECT, 1_000)
        assert again.ranges()[0].serial == "CDCER-2024W-000200"
        assert not {r.serial for r in lost.ranges()} & {r.serial for r in again.ranges()}
        assert verify(ledger.conn).ok

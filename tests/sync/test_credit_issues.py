"""Issue 11's reproductions with a real kiosk ledger, the real sync job and the real registry
(in process): the grams on a slip are retired when it prints, and a refund after retirement
never lets the same tonne be sold twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.credit import TONNE_G
from kiosk.footprint import compute
from kiosk.ledger import Ledger, SoldOut
from kiosk.ledger.verify import verify
from kiosk.slips.build import build_content
from sync.registry import operations
from tests.sync.conftest import enrol
from tests.sync.live import LiveRegistry, demo_projects

PROJECT = "two-tonnes"
FOOTPRINT = compute("meal", {"mixed_meals": 2})


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[LiveRegistry]:
    """A registry selling a project of 3 t, none of it retired yet."""
    row = demo_projects()["project"][0] | {"id": PROJECT, "serials": ["TT-000001..000003"]}
    made = LiveRegistry(
        tmp_path, projects={"project": [row | {"stock_t": 3}]}, headroom_g=5 * TONNE_G,
        retired=False,
    )  # fmt: skip
    yield made
    made.close()


def _retire(registry: LiveRegistry, serials: str, reference: str) -> None:
    registry.retire(PROJECT, serials, reference)


def _sell(ledger: Ledger, grams: int):
    order = ledger.open_order(FOOTPRINT, project_id=PROJECT, offset_g=grams)
    return ledger.pay(order.id, method="cash", cashier="c1")


def test_a_refund_after_retirement_never_sells_the_same_tonne_twice(
    registry: LiveRegistry, tmp_path: Path
) -> None:
    """A project with 2 t; A = 1 t and B = 1 t sold, synced; A refunded; C = 1 t: before
    retire-first C was sold from A's tonne, retired for nobody, its retirement null forever."""
    _retire(registry, "TT-000001..000002", "SEEE-2026-0001")
    with Ledger.open(tmp_path / "kiosk.sqlite") as ledger:
        enrol(ledger, registry)  # and its first sync: the catalogue, the retired serials
        a, b = _sell(ledger, TONNE_G), _sell(ledger, TONNE_G)
        assert [r.label() for o in (a, b) for r in o.ranges()] == [
            "TT-000001 (g 0–1 000 000)",
            "TT-000002 (g 0–1 000 000)",
        ]
        assert registry.sync(ledger).rejected == 0
        ledger.void(a.id, reason="changed mind", actor="c1")
        assert registry.sync(ledger).rejected == 0
        with pytest.raises(SoldOut):  # A's tonne stays retired, assigned to nobody
            _sell(ledger, TONNE_G)
        with registry.engine.connect() as conn:
            (block,) = operations.stats(conn=conn)["blocks"]
        assert (block["sold_g"], block["refunded_g"], block["unallocated_g"]) == (
            TONNE_G,
            TONNE_G,
            0,
        )
        _retire(registry, "TT-000003..000003", "SEEE-2026-0002")
        registry.sync(ledger)
        c = _sell(ledger, TONNE_G)
        assert [r.label() for r in c.ranges()] == ["TT-000003 (g 0–1 000 000)"]
        assert c.ranges()[0].reference == "SEEE-2026-0002"
        assert registry.sync(ledger).rejected == 0
        assert verify(ledger.conn).ok


def test_the_slip_names_the_retired_grams_when_it_prints_offline(
    registry: LiveRegistry, tmp_path: Path
) -> None:
    """Issue 11's second point: the slip said "offset" before anything was retired. Now the
    grams are retired first; the slip printed offline, before any sync, names the serial,
    the gram range and the exchange's reference that cover it."""
    _retire(registry, "TT-000001..000002", "SEEE-2026-0001")
    with Ledger.open(tmp_path / "kiosk.sqlite") as ledger:
        enrol(ledger, registry)  # and its first sync: the catalogue, the retired serials
        order = _sell(ledger, 415_343)  # offline from here on: no sync
        content = build_content(order, ledger, kiosk_key(ledger))
    lines = [f"{line.label} {line.value}" for line in content.credits]
    assert any("TT-000001 (g 0–415 343)" in line for line in lines), lines
    assert any("SEEE-2026-0001" in line for line in lines), lines
    assert any("Diandian visitors" in line for line in lines), lines

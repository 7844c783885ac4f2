"""Pulls from the real registry (in process): its catalogue replaces the demo one, allocations
never drop below what is committed, other kiosks' keys are added, factors and rankings are kept
with a version."""

from __future__ import annotations

import base64

import pytest

from kiosk.factors import load_factors
from kiosk.ledger import Ledger, syncstate
from kiosk.ledger.verify import verify
from sync import job, protocol
from tests.sync.conftest import enrol, sell
from tests.sync.live import LiveRegistry

FOREST = {  # the registry's own project: none of the kiosk's demo ones
    "version": "reg-2026.11.26",
    "project": [
        {
            "id": "reg-forest",
            "name": {"zh": "森林", "en": "Forest", "fr": "Forêt"},
            "type": "forestry",
            "location": {"zh": "四川", "en": "Sichuan", "fr": "Sichuan"},
            "standard": "CCER",
            "vintage": 2024,
            "price_fen_per_t": 9000,
            "description": {"zh": "森林", "en": "A forest", "fr": "Une forêt"},
            "serials": ["CCER-2024-000001..000100"],
            "stock_t": 100,
        }
    ],
}
HEADROOM_G = 50_000_000


@pytest.fixture
def registry(tmp_path):
    """The real registry selling only its own project (the kiosk's demo sales are refused)."""
    made = LiveRegistry(tmp_path, projects=FOREST, headroom_g=HEADROOM_G)
    yield made
    made.close()


@pytest.fixture
def ledger(tmp_path, registry):
    """Enrolled and never synced (still the demo catalogue): these tests are of the pull."""
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        enrol(opened, registry, pull=False)
        yield opened


def _stock(ledger) -> dict:
    return {s.project.id: s for s in ledger.stock()}


def test_the_catalogue_replaces_the_demo_one(ledger, registry, client_for) -> None:
    sell(ledger, 10)
    demo = _stock(ledger)
    assert all(pid.startswith("demo-") for pid in demo)
    with client_for(ledger) as client:
        job.run(ledger, client)
    stock = _stock(ledger)
    assert stock["reg-forest"].project.price_fen_per_t == 9000
    for pid in demo:  # withdrawn from sale, what was sold stays accounted for
        assert stock[pid].available_g == 0
        assert stock[pid].sold_g == demo[pid].sold_g
    assert (
        syncstate.pulled_version(ledger, "catalogue")
        == syncstate.pulled_data(ledger, "catalogue")["version"]
    )
    assert verify(ledger.conn).ok


def test_allocations_are_set_but_never_below_committed(ledger, registry, client_for) -> None:
    with client_for(ledger) as client:
        job.run(ledger, client)  # the catalogue, and a grant up to the registry's headroom
    assert _stock(ledger)["reg-forest"].granted_g == HEADROOM_G
    assert _stock(ledger)["reg-forest"].serial_g == HEADROOM_G  # whole retired tonnes
    # sell some of it, then the registry cuts the grant below what is sold
    from kiosk.footprint import compute
    from kiosk.venues import get_venue

    footprint = compute("meal", {"mixed_meals": 2}, venue=get_venue())
    order = ledger.open_order(footprint, project_id="reg-forest", offset_g=3_000_000)
    paid = ledger.pay(order.id, method="cash", cashier="c")
    assert [r.label() for r in paid.ranges()][-1] == "CCER-2024-000003 (g 0–1 000 000)"
    registry.answers[protocol.ALLOCATIONS] = {  # a registry that cuts the grant (ours never do)
        "kiosk_id": ledger.kiosk_id,
        "allocations": [{"project_id": "reg-forest", "granted_g": 1_000_000}],
    }
    with client_for(ledger) as client:
        result = job.run(ledger, client)
    assert _stock(ledger)["reg-forest"].granted_g == 3_000_000
    assert any("already committed here; kept 3000000 g" in w for w in result.warnings)
    assert "kept 3000000 g" in syncstate.last_run(ledger).error
    assert verify(ledger.conn).ok


def test_keys_of_other_kiosks_are_added_and_a_changed_key_refused(
    ledger, registry, client_for
) -> None:
    other = base64.b64encode(bytes(range(32))).decode()
    registry.add_kiosk("KOTHER0001", other)
    registry.add_kiosk("KBROKEN001", "not base64!")  # the enrolment route would refuse it
    with client_for(ledger) as client:
        result = job.run(ledger, client)
    known = ledger.kiosk_keys()
    assert known["KOTHER0001"] == other and "KBROKEN001" not in known
    assert any("KBROKEN001" in w for w in result.warnings)
    registry.set_key("KOTHER0001", base64.b64encode(bytes(32)).decode())
    with client_for(ledger) as client:
        result = job.run(ledger, client)
    assert ledger.kiosk_keys()["KOTHER0001"] == other
    assert any("another key for kiosk KOTHER0001" in w for w in result.warnings)


def test_factors_and_rankings_are_stored_with_their_version(ledger, registry, client_for):
    with client_for(ledger) as client:
        first = job.run(ledger, client)
    assert syncstate.pulled_version(ledger, "factors") == load_factors().version
    assert syncstate.pulled_data(ledger, "factors")["version"]
    for scope in ("day", "venue", "all"):
        assert syncstate.pulled_data(ledger, f"rankings:{scope}")["scope"] == scope
    assert first.pulled == 5
    audit_rows = ledger.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with client_for(ledger) as client:
        second = job.run(ledger, client)
    assert second.pulled == 0  # nothing changed: nothing rewritten, no audit noise
    assert ledger.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows


def test_bad_pulled_data_is_a_warning_and_the_rest_still_applies(ledger, registry, client_for):
    registry.answers[protocol.FACTORS] = {
        "version": "f-2",
        "table": {"version": "x", "factor": [{"id": "a"}]},
    }
    registry.answers[protocol.CATALOGUE] = {"version": "c-bad", "projects": [{"id": "p"}]}
    with client_for(ledger) as client:
        result = job.run(ledger, client)
    assert syncstate.pulled_version(ledger, "factors") is None
    assert syncstate.pulled_version(ledger, "catalogue") is None
    assert syncstate.pulled_version(ledger, "keys") is not None
    catalogue, factors, allocation = result.warnings  # the grant names a project not taken
    assert "registry catalogue" in catalogue and "factor table" in factors
    assert "reg-forest, a project not in the catalogue" in allocation
    assert syncstate.last_run(ledger).outcome == "warnings"


def test_a_demo_order_held_when_the_catalogue_came_cannot_reopen_the_demo_project(
    ledger, registry, client_for
) -> None:
    from kiosk.footprint import compute
    from kiosk.venues import get_venue

    sell(ledger, 3)
    footprint = compute("meal", {"mixed_meals": 1}, venue=get_venue())
    held = ledger.open_order(footprint, project_id="demo-longquan-forest")
    with client_for(ledger) as client:
        job.run(ledger, client)
    assert _stock(ledger)["demo-longquan-forest"].available_g == 0
    ledger.expire(held.id, actor="test")  # its grams go back to the count, but the demo
    assert _stock(ledger)["demo-longquan-forest"].available_g == 0  # serials were forfeited
    with client_for(ledger) as client:
        job.run(ledger, client)
    assert _stock(ledger)["demo-longquan-forest"].available_g == 0
    assert verify(ledger.conn).ok

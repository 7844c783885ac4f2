"""Fixtures for the sync job's tests: real ledgers on temp files, the real registry in process
(tests/sync/live.py)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from kiosk.simulate import simulate
from kiosk.venues import get_venue
from sync import job
from sync import pull as pulls
from sync.client import Backoff, RegistryClient
from tests.sync.browser import launch
from tests.sync.live import LiveRegistry, demo_projects

URL = "http://127.0.0.1:9"


def sell(ledger: Ledger, orders: int, seed: int = 1) -> int:
    """Simulated customers; returns how many outbox entries they made."""
    simulate(ledger, orders=orders, seed=seed, venue=get_venue())
    return ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def enrol(ledger: Ledger, registry: LiveRegistry, url: str = URL, *, pull: bool = True) -> None:
    """What `diandian enroll` and the kiosk's first sync leave behind on both sides, without
    the network: enrolled, the registry's catalogue and retired serials granted (retire first,
    then sell: the demo catalogue's invented serials are never sold for real)."""
    registry.enrol(ledger)
    syncstate.set_settings(
        ledger, {"registry_url": url, "enrolled_kiosk": ledger.kiosk_id, "enrolled_at": "t"}
    )
    if not pull:
        return
    with registry.client(ledger, URL) as client:
        pulls.pull_all(ledger, client, job.Result(), job.Silent())
    with registry.lock:  # the tests count what the job under test sends
        registry.requests.clear()
        registry.pushes.clear()


@pytest.fixture
def registry(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveRegistry]:
    """The real registry with the kiosk's demo projects (serials and stock for them), but those
    a `withhold` mark names: the registry refuses their sales until the test adds them."""
    marker = request.node.get_closest_marker("withhold")
    withheld = set(marker.args) if marker else set()
    ids = [p["id"] for p in demo_projects()["project"] if p["id"] not in withheld]
    made = LiveRegistry(tmp_path, projects=demo_projects(ids))
    yield made
    made.close()


@pytest.fixture
def ledger(tmp_path: Path, registry: LiveRegistry) -> Ledger:
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        enrol(opened, registry)
        yield opened


class FakeClock:
    """Monotonic time that only moves when the code sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client_for(registry: LiveRegistry, clock: FakeClock) -> Callable[..., RegistryClient]:
    def make(
        ledger: Ledger, *, budget: float = 60, transport=None, wall_clock=time.time
    ) -> RegistryClient:
        backoff = Backoff(budget, clock=clock, sleep=clock.sleep, rng=random.Random(7))
        return RegistryClient(
            URL,
            kiosk_id=ledger.kiosk_id,
            key=kiosk_key(ledger),
            backoff=backoff,
            transport=transport or registry.transport(),
            wall_clock=wall_clock,
        )

    return make


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (tests/sync/browser.py), one per test module."""
    with launch() as launched:
        yield launched

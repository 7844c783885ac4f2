"""Fixtures for the sync job's tests: real ledgers on temp files, an in-memory registry."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.certificate import keys
from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from kiosk.simulate import simulate
from kiosk.venues import get_venue
from sync.client import Backoff, RegistryClient
from tests.sync.browser import launch
from tests.sync.fakeregistry import FakeRegistry

URL = "http://127.0.0.1:9"


def sell(ledger: Ledger, orders: int, seed: int = 1) -> int:
    """Simulated customers; returns how many outbox entries they made."""
    simulate(ledger, orders=orders, seed=seed, venue=get_venue())
    return ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def enrol(ledger: Ledger, registry: FakeRegistry, url: str = URL) -> None:
    """What `diandian enroll` leaves behind, without the network."""
    registry.public_keys[ledger.kiosk_id] = keys.public_text(kiosk_key(ledger))
    syncstate.set_settings(
        ledger, {"registry_url": url, "enrolled_kiosk": ledger.kiosk_id, "enrolled_at": "t"}
    )


@pytest.fixture
def registry() -> FakeRegistry:
    return FakeRegistry()


@pytest.fixture
def ledger(tmp_path: Path, registry: FakeRegistry) -> Ledger:
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
def client_for(registry: FakeRegistry, clock: FakeClock) -> Callable[..., RegistryClient]:
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
